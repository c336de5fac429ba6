/// Which raw bodies `snapshot` keeps beside the article text.
public enum RawBodyPolicy: String, Sendable, CaseIterable {
  /// The raw body of the first capture and of every capture whose article changed: the store
  /// grows with edits, not with checks (the default).
  case changes
  /// The raw body of every check, also when the article did not change.
  case always
  /// Every distinct payload once per page, gzip-compressed and named by its SHA-256
  /// (`payloads/<sha256>.gz`): a check whose article did not change but whose bytes did keeps
  /// them, one whose bytes were seen before keeps nothing (docs/WARC.md, measured).
  case distinct
}
