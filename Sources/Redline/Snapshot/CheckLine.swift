import SnapshotStore

/// What one check found, in the terms of its history line: the one place a check's
/// `HistoryEntry` is built (`historyLine(_:_:)`), so every outcome records its time, status,
/// final URL, rules and place in the past alike.
enum CheckLine {
  /// A capture was stored at the check's time: the page's first, or a change of the version
  /// it was compared with, with the lines added and removed when texts were compared. `note`
  /// says what was stored when it is not an article (content that is not HTML).
  case stored(first: Bool, diff: (added: Int, removed: Int)? = nil, note: String? = nil)
  /// The article of a capture the page already has: the current one (`unchanged`), or an
  /// earlier one come back after something else (`back`).
  case saw(capture: CaptureTime, back: Bool)
  /// The page answered from another page, after it had answered at its own URL: through
  /// redirects, or (`via`, recorded in the line's `error` field as a note) by a meta refresh
  /// (`MoveKind.metaRefresh`) or a new canonical URL (`MoveKind.canonical`).
  case moved(via: String? = nil)
  /// Nothing was read; why.
  case failed(reason: String)
}

/// How a post that did not redirect moved, as its `moved` line notes it (in `error`, which a
/// `moved` line has no other use for): `log` and `audit` say so.
public enum MoveKind {
  /// The page's `<meta http-equiv="refresh">` sends readers to the other page.
  public static let metaRefresh = "meta refresh"
  /// The page names the other page as its canonical URL.
  public static let canonical = "canonical URL"
}

/// The facts of a check its history line records, whatever its outcome.
struct CheckFacts {
  /// The check's time (the capture's name when one is stored).
  var time: CaptureTime
  /// When the line is appended, for a check taken into the page's past (`redline import`).
  var recorded: CaptureTime? = nil
  /// The final response's status, when one came.
  var status: Int? = nil
  /// Where redirects led, when that is another page (`movedURL`).
  var finalURL: String? = nil
  /// SHA-256 of the body received.
  var bodySHA256: String? = nil
  /// SHA-256 of the article text read.
  var textSHA256: String? = nil
  /// The article's title.
  var title: String? = nil
  /// The extraction rules that made the article (`PageRules.label`).
  var rules: String? = nil
}

/// The history line of a check.
func historyLine(_ line: CheckLine, _ facts: CheckFacts) -> HistoryEntry {
  let outcome: CheckOutcome
  var capture: CaptureTime?
  var counts: (added: Int, removed: Int)?
  var error: String?
  switch line {
  case .stored(let first, let diff, let note):
    (outcome, capture, counts, error) = (first ? .new : .changed, facts.time, diff, note)
  case .saw(let seen, let back):
    (outcome, capture) = (back ? .back : .unchanged, seen)
  case .moved(let via):
    (outcome, error) = (.moved, via)
  case .failed(let reason):
    (outcome, error) = (.failed, reason)
  }
  var entry = HistoryEntry(
    time: facts.time, outcome: outcome, status: facts.status, capture: capture,
    added: counts?.added, removed: counts?.removed, bodySHA256: facts.bodySHA256,
    textSHA256: facts.textSHA256, title: facts.title, error: error, finalURL: facts.finalURL)
  entry.rules = facts.rules
  entry.recorded = facts.recorded
  return entry
}
