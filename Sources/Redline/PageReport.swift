import SnapshotStore

/// What one check of one page found, as `redline snapshot` reports it.
public struct PageReport: Sendable, Equatable {
  /// The outcome of a check.
  public enum Outcome: Sendable, Equatable {
    /// The first capture of the page.
    case new
    /// The article changed: lines added and removed.
    case changed(added: Int, removed: Int)
    /// The article is byte-identical to the latest capture.
    case unchanged
    /// Content that is not HTML was stored raw, with no article (a PDF, an image, JSON …).
    case notHTML(mediaType: String)
    /// Nothing was stored; why.
    case failed(String)
  }

  /// The URL as given.
  public let url: String
  /// What happened.
  public let outcome: Outcome
  /// The capture's time, for `new`, `changed` and `notHTML`.
  public let capture: String?
  /// The unified diff of a changed article.
  public let diff: [UInt8]
  /// The outcome of the page's check before this one; nil for a page never checked before.
  public var previousOutcome: CheckOutcome?
  /// Where the page's redirects led, when that is another page (not just https or `www.`).
  public var movedTo: String?
  /// Whether the page redirected elsewhere for the first time in this check (it answered
  /// itself, or redirected somewhere else, before).
  public var newlyMoved = false

  /// Creates a report.
  public init(url: String, outcome: Outcome, capture: String? = nil, diff: [UInt8] = []) {
    self.url = url
    self.outcome = outcome
    self.capture = capture
    self.diff = diff
  }

  /// The report line: `new URL`, `changed +2 -1 URL`, `unchanged URL`,
  /// `not-html application/pdf URL`, `failed: why`.
  public var line: String {
    switch outcome {
    case .new: "new \(url)"
    case .changed(let added, let removed): "changed +\(added) -\(removed) \(url)"
    case .unchanged: "unchanged \(url)"
    case .notHTML(let mediaType): "not-html \(mediaType) \(url)"
    case .failed(let reason): "failed: \(reason)"
    }
  }

  /// Whether the check failed.
  public var failed: Bool {
    if case .failed = outcome { return true }
    return false
  }

  /// Whether this check succeeded after the page's previous check failed.
  public var recovered: Bool { !failed && previousOutcome == .failed }

  /// Whether this check failed after the page's previous check failed too: with `--quiet` it
  /// was reported when the failures began.
  public var stillFailing: Bool { failed && previousOutcome == .failed }
}
