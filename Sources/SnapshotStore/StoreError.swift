/// Why the store could not do what was asked. One line, naming the path.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The store folder cannot be created or written.
  case notWritable(path: String, reason: String)
  /// A file could not be read.
  case unreadable(path: String, reason: String)
  /// A file holds something other than what the store wrote.
  case corrupt(path: String, reason: String)
  /// The URL cannot name a page (no scheme or host).
  case invalidURL(String)
  /// The store has no page for this URL.
  case unknownPage(String)
  /// Another run holds the page's lock for longer than the wait allows.
  case locked(path: String)
  /// A symbolic link inside the store: Redline never follows one (a link planted in a shared
  /// store could make a run write, or read, where the planter chose).
  case symbolicLink(path: String)
  /// The store was written by a later Redline, in a format this one does not know.
  case newerFormat(path: String, format: Int, supported: Int)
  /// A capture already exists at that time; the store never overwrites one.
  case duplicateCapture(path: String)
  /// A write asked of the store breaks one of its rules (a caller's mistake).
  case rejected(reason: String)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .notWritable(let path, let reason): "store: cannot write \(path): \(reason)"
    case .unreadable(let path, let reason): "store: cannot read \(path): \(reason)"
    case .corrupt(let path, let reason): "store: \(path) is damaged: \(reason)"
    case .invalidURL(let url): "not an http(s) URL: \(url)"
    case .unknownPage(let url): "store: no captures of \(url)"
    case .locked(let path): "store: \(path) is being written by another run; skipped"
    case .newerFormat(let path, let format, let supported):
      "store: \(path) is in store format \(format), written by a newer Redline; this one reads"
        + " formats up to \(supported): upgrade Redline"
    case .symbolicLink(let path):
      "store: \(path) is a symbolic link; Redline never follows links inside a store"
    case .duplicateCapture(let path): "store: \(path) already exists; a capture is never replaced"
    case .rejected(let reason): "store: \(reason)"
    }
  }
}
