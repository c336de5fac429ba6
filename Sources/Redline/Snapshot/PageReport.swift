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
    /// Nothing was stored; why (its kind, the HTTP status when an answer came, the message).
    case failed(CheckFailure)
    /// The post now redirects to another page, after it had answered at its own URL; nothing
    /// was stored (the other page's article is not a version of the post).
    case moved(to: String)
    /// The article is again that of an earlier capture, after the page briefly served
    /// something else (an image, an error page, another page): a return, not an edit.
    case back
  }

  /// The URL as given.
  public let url: String
  /// What happened.
  public let outcome: Outcome
  /// The capture's time, for `new`, `changed` and `notHTML`.
  public let capture: CaptureTime?
  /// The unified diff of a changed article.
  public let diff: [UInt8]
  /// The word diff of a changed article (`git diff --word-diff=plain` style), for mail that
  /// shows a typo as a typo.
  public var wordDiff: [UInt8] = []
  /// The article's title, for new and changed posts.
  public var title: String?
  /// The edit's labels (`EditLabel`), for changed posts.
  public var labels: [EditLabel] = []
  /// Whether the content changed while the post's own updated date stayed the same.
  public var stealth = false
  /// Whether only header lines changed (the updated date, the author, the canonical URL): no
  /// word of the body, the title or the links. A re-save that moved the updated date is such a
  /// change; the audit says "header lines only" too.
  public var headerOnly = false
  /// The outcome of the page's check before this one; nil for a page never checked before.
  public var previousOutcome: CheckOutcome?
  /// Where the page's redirects led, when that is another page (not just https or `www.`).
  public var movedTo: String?
  /// Whether the page redirected elsewhere for the first time in this check (it answered
  /// itself, or redirected somewhere else, before).
  public var newlyMoved = false

  /// Creates a report.
  public init(url: String, outcome: Outcome, capture: CaptureTime? = nil, diff: [UInt8] = []) {
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
    case .moved(let target): "moved \(url) -> \(target)"
    case .back: "back \(url)"
    }
  }

  /// Whether the check failed.
  public var failed: Bool {
    if case .failed = outcome { return true }
    return false
  }

  /// Whether this check found the page at its own URL after the page's previous check failed
  /// or found it moved.
  public var recovered: Bool {
    if case .moved = outcome { return false }
    return !failed && (previousOutcome == .failed || previousOutcome == .moved)
  }

  /// Whether this check failed after the page's previous check failed too: with `--quiet` it
  /// was reported when the failures began.
  public var stillFailing: Bool { failed && previousOutcome == .failed }
}
