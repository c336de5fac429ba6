/// What `list` shows of a page's history: how many captures it has, the first and the latest,
/// and the latest check, in the history's time order (`history(of:)`).
public struct CheckSummary: Sendable, Equatable {
  /// How many captures the history records (lost ones left out, as `history(of:)` reads them).
  public let captures: Int
  /// The first capture's time.
  public let firstCapture: CaptureTime?
  /// The latest capture's time: the last change.
  public let latestCapture: CaptureTime?
  /// The latest check's time.
  public let latestCheck: CaptureTime?

  /// Creates a summary.
  public init(
    captures: Int, firstCapture: CaptureTime?, latestCapture: CaptureTime?,
    latestCheck: CaptureTime?
  ) {
    self.captures = captures
    self.firstCapture = firstCapture
    self.latestCapture = latestCapture
    self.latestCheck = latestCheck
  }

  /// The summary of a history as `history(of:)` gives it.
  public init(_ history: [HistoryEntry]) {
    let captures = history.filter(\.storedCapture)
    self.captures = captures.count
    firstCapture = captures.first?.capture
    latestCapture = captures.last?.capture
    latestCheck = history.last?.time
  }
}
