import SnapshotStore
import TextDiff

/// The read-only use cases over the store: diff of captures, log, show and list.
public struct ArchiveQueries: Sendable {
  /// The store read.
  public let store: any SnapshotStoring

  /// Creates the queries over a store.
  public init(store: any SnapshotStoring) {
    self.store = store
  }

  /// The `diff URL [FROM [TO]]` use case: the unified diff between two captures of a page,
  /// by default the two latest. With one capture there is nothing to compare: the result is
  /// identical.
  public func compareCaptures(
    of url: String, from: String? = nil, to: String? = nil, options: DiffOptions = DiffOptions()
  ) throws -> Comparison {
    let (page, captures) = try pageAndCaptures(url)
    let newer = try selectCapture(to ?? "latest", from: captures, url: page.url)
    let older = try selectCapture(
      from ?? (captures.count > 1 ? "latest~1" : "latest"), from: captures, url: page.url)
    // A capture made before links were recorded compares in the current form (see
    // `currentFormText`), or without links on both sides when its raw HTML is gone.
    let old = try store.currentFormText(of: page, capture: older)
    let new = try store.currentFormText(of: page, capture: newer)
    let (oldText, newText) = comparableTexts(
      old.text, format: old.format, new.text, format: new.format)
    return compare(
      TextBytes(Array(oldText.utf8)), TextBytes(Array(newText.utf8)),
      oldHeader: captureLabel(page.url, older.time),
      newHeader: captureLabel(page.url, newer.time), statName: page.url, options: options)
  }

  /// The `log URL` use case: the page's history, oldest first.
  public func log(of url: String) throws -> [HistoryEntry] {
    guard let page = try store.page(for: url) else { throw RedlineError.noCaptures(url: url) }
    return try store.history(of: page)
  }

  /// The `show URL [WHEN]` use case: the stored article text, or the raw HTML.
  public func show(_ url: String, when: String? = nil, raw: Bool = false) throws -> [UInt8] {
    let (page, captures) = try pageAndCaptures(url)
    let capture = try selectCapture(when ?? "latest", from: captures, url: page.url)
    guard raw else { return Array(try store.articleText(of: page, capture: capture.time).utf8) }
    guard let body = try store.rawBody(of: page, capture: capture.time) else {
      throw RedlineError.unknownCapture(
        url: page.url, selector: capture.time, reason: "its raw HTML was not kept")
    }
    return body
  }

  /// One page of `list`: URL, capture count, first and last capture, last check.
  public struct PageSummary: Sendable {
    /// The page URL.
    public let url: String
    /// How many captures the store holds.
    public let captures: Int
    /// The first capture's time.
    public let firstSeen: String?
    /// The latest capture's time: the last change.
    public let lastChanged: String?
    /// The latest check's time.
    public let lastChecked: String?
  }

  /// The `list` use case: every page in the store, or those on `host` and its subdomains.
  public func list(host: String? = nil) throws -> [PageSummary] {
    let wanted = host.map { $0.lowercased() }
    // From the history alone: no capture file is opened, so a big store lists fast.
    return try store.pages().filter { page in
      guard let wanted else { return true }
      let pageHost = page.host.lowercased()
      return pageHost == wanted || pageHost.hasSuffix("." + wanted)
    }.map { page in
      let history = try store.history(of: page)
      let captures = history.filter(\.storedCapture)
      return PageSummary(
        url: page.url, captures: captures.count, firstSeen: captures.first?.capture,
        lastChanged: captures.last?.capture, lastChecked: history.last?.time)
    }
  }

  private func pageAndCaptures(_ url: String) throws -> (PageRecord, [CaptureRecord]) {
    guard let page = try store.page(for: url) else { throw RedlineError.noCaptures(url: url) }
    let captures = try store.captures(of: page)
    guard !captures.isEmpty else { throw RedlineError.noCaptures(url: page.url) }
    return (page, captures)
  }
}
