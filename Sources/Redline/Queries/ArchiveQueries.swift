import FoundationEssentials
import SnapshotStore
import TextDiff

/// The read-only use cases over the store: diff of captures, log, show and list.
public struct ArchiveQueries: Sendable {
  /// The store read.
  public let store: any SnapshotStoring
  /// The time relative dates (`yesterday`, `3 days ago`) are counted from.
  public let now: Date

  /// Creates the queries over a store.
  /// - Parameters:
  ///   - store: The store to read.
  ///   - now: The time relative dates are counted from (tests fix it).
  public init(store: any SnapshotStoring, now: Date = Date()) {
    self.store = store
    self.now = now
  }

  /// The `diff URL [FROM [TO]]` use case: the unified diff between two captures of a page,
  /// by default the two latest. With one capture there is nothing to compare: the result is
  /// identical.
  ///
  /// The two are compared as today's extractor reads their raw HTML when their stored texts
  /// differ (`comparedVersions`), so that a change of Redline's extractor between them is not
  /// shown as an edit; `asStored` compares the stored texts as they are.
  public func compareCaptures(
    of url: String, from: String? = nil, to: String? = nil, options: DiffOptions = DiffOptions(),
    asStored: Bool = false
  ) throws -> Comparison {
    let (page, captures) = try pageAndCaptures(url)
    let versions = try ownVersions(of: page, captures)
    let newer = try selectCapture(
      to ?? "latest", from: captures, versions: versions, url: page.url, now: now)
    let older = try selectCapture(
      from ?? (versions.count > 1 ? "latest~1" : "latest"), from: captures, versions: versions,
      url: page.url, now: now)
    // A capture made before links or captions were recorded compares in the current form (see
    // `currentFormText`), or without those sections on both sides when its raw HTML is gone.
    let history = try store.history(of: page)
    let (oldText, newText, _) = try store.comparedVersions(
      VersionInForm(older, of: page, in: store), VersionInForm(newer, of: page, in: store),
      automatic: madeWithoutRules(older.time, in: history)
        && madeWithoutRules(newer.time, in: history),
      asStored: asStored)
    return compare(
      TextBytes(Array(oldText.utf8)), TextBytes(Array(newText.utf8)),
      oldHeader: captureLabel(page.url, older.time),
      newHeader: captureLabel(page.url, newer.time), statName: page.url, options: options)
  }

  /// The `diff URL1 URL2` use case: the unified diff from the latest capture of one page to
  /// the latest capture of another.
  /// - Throws: `RedlineError.unknownPage` when either page is not in the store.
  /// They compare as two captures of one page do (`compareCaptures`).
  public func comparePages(
    _ oldURL: String, _ newURL: String, options: DiffOptions = DiffOptions(),
    asStored: Bool = false
  ) throws -> Comparison {
    let (oldPage, oldCaptures) = try pageAndCaptures(oldURL)
    let (newPage, newCaptures) = try pageAndCaptures(newURL)
    guard let older = try ownVersions(of: oldPage, oldCaptures).last,
      let newer = try ownVersions(of: newPage, newCaptures).last
    else {
      throw RedlineError.noCaptures(url: oldURL)
    }
    // As two captures of one page compare: in one form, and read again with today's extractor
    // when they differ and both were made without page rules.
    let (oldText, newText, _) = try store.comparedVersions(
      VersionInForm(older, of: oldPage, in: store), VersionInForm(newer, of: newPage, in: store),
      automatic: madeWithoutRules(older.time, in: try store.history(of: oldPage))
        && madeWithoutRules(newer.time, in: try store.history(of: newPage)),
      asStored: asStored)
    return compare(
      TextBytes(Array(oldText.utf8)), TextBytes(Array(newText.utf8)),
      oldHeader: captureLabel(oldPage.url, older.time),
      newHeader: captureLabel(newPage.url, newer.time),
      statName: "\(oldPage.url) => \(newPage.url)", options: options)
  }

  /// Which entries of a page's history `log` prints.
  public struct LogFilter: Sendable {
    /// Every check (`--all`), or only the captures and the events: a move when it starts (or
    /// its target changes) and every return (`back`).
    public var allChecks: Bool
    /// Entries before this time are left out.
    public var since: CaptureTime?
    /// Entries after this time are left out.
    public var until: CaptureTime?
    /// At most this many entries: the newest ones, still oldest first (`-n`).
    public var limit: Int?

    /// Creates a filter; by default the captures only, all of them.
    public init(
      allChecks: Bool = false, since: CaptureTime? = nil, until: CaptureTime? = nil,
      limit: Int? = nil
    ) {
      self.allChecks = allChecks
      self.since = since
      self.until = until
      self.limit = limit
    }
  }

  /// The `log URL` use case: the page's history, oldest first, filtered.
  ///
  /// `limit` keeps the newest entries that pass the other filters, as `git log -n` does, and
  /// they stay oldest first, as the log is always printed: `-n 3` is the last three lines.
  public func log(of url: String, filter: LogFilter = LogFilter(allChecks: true)) throws
    -> [HistoryEntry]
  {
    try readableLog(of: url, filter: filter).entries
  }

  /// The `log URL` use case on a page whose history may be damaged: the entries that read
  /// (filtered as `log` does) and the numbers of the history lines that do not.
  public func readableLog(of url: String, filter: LogFilter = LogFilter(allChecks: true)) throws
    -> (entries: [HistoryEntry], damagedLines: [Int])
  {
    let page = try knownPage(url)
    let (history, damaged) = try store.readableHistory(of: page)
    let entries = (filter.allChecks ? history : timeline(history)).filter { entry in
      (filter.since.map { entry.time >= $0 } ?? true)
        && (filter.until.map { entry.time <= $0 } ?? true)
    }
    guard let limit = filter.limit else { return (entries, damaged) }
    return (Array(entries.suffix(max(0, limit))), damaged)
  }

  /// The captures and events of a history: every capture, a move when it starts (or its target
  /// changes), and every return.
  private func timeline(_ history: [HistoryEntry]) -> [HistoryEntry] {
    var previous: HistoryEntry?
    return history.filter { entry in
      defer { previous = entry }
      switch entry.outcome {
      case .new, .changed: return entry.storedCapture
      case .back, .repaired: return true
      case .moved: return previous?.outcome != .moved || previous?.finalURL != entry.finalURL
      case .unchanged, .failed: return false
      }
    }
  }

  /// The `show URL [WHEN]` use case: the stored article text, or the raw HTML.
  public func show(_ url: String, when: String? = nil, raw: Bool = false) throws -> [UInt8] {
    let (page, captures) = try pageAndCaptures(url)
    let capture = try selectCapture(
      when ?? "latest", from: captures, versions: try ownVersions(of: page, captures),
      url: page.url, now: now)
    guard raw else { return Array(try store.articleText(of: page, capture: capture.time).utf8) }
    guard let body = try store.rawBody(of: page, capture: capture.time) else {
      throw RedlineError.unknownCapture(
        url: page.url, selector: capture.time.description, reason: "its raw HTML was not kept")
    }
    return body
  }

  /// The extraction rules a capture was made under (`PageRules.label`), or nil when automatic
  /// extraction made it.
  /// - Throws: as `show`.
  public func rules(of url: String, when: String? = nil) throws -> String? {
    let (page, captures) = try pageAndCaptures(url)
    let capture = try selectCapture(
      when ?? "latest", from: captures, versions: try ownVersions(of: page, captures),
      url: page.url, now: now)
    return try store.history(of: page).last { $0.storedCapture && $0.capture == capture.time }?
      .rules
  }

  /// Whether a capture was made by automatic extraction: its history line names no page rules.
  func madeWithoutRules(_ capture: CaptureTime, in history: [HistoryEntry]) -> Bool {
    history.last { $0.storedCapture && $0.capture == capture }?.rules == nil
  }

  /// One page of `list`: URL, capture count, first and last capture, last check.
  public struct PageSummary: Sendable {
    /// The page URL.
    public let url: String
    /// How many captures the store holds.
    public let captures: Int
    /// The first capture's time.
    public let firstSeen: CaptureTime?
    /// The latest capture's time: the last change.
    public let lastChanged: CaptureTime?
    /// The latest check's time.
    public let lastChecked: CaptureTime?
  }

  /// The `list` use case: every page in the store, or those on `host` and its subdomains.
  public func list(host: String? = nil) throws -> [PageSummary] {
    try listing(host: host).pages
  }

  /// What `list` shows: the pages it could read, and one line for each it could not.
  public struct Listing: Sendable {
    /// The pages, sorted by folder.
    public var pages: [PageSummary]
    /// The damaged pages: what could not be read, and why.
    public var unreadable: [String]
  }

  /// The `list` use case, with the damaged pages named rather than failing the whole listing.
  /// - Throws: `StoreError` only when the store itself cannot be read.
  public func listing(host: String? = nil) throws -> Listing {
    var pages: [PageSummary] = []
    let unreadable = try listing(host: host) { pages.append($0) }
    return Listing(pages: pages, unreadable: unreadable)
  }

  /// The `list` use case for a big store: each page's summary goes to `body` as soon as it is
  /// read, in the order of `listing(host:)`, so memory does not grow with the store.
  /// - Returns: the damaged pages, as `Listing.unreadable` names them.
  /// - Throws: `StoreError` when the store itself cannot be read; what `body` throws.
  public func listing(host: String? = nil, _ body: (PageSummary) throws -> Void) throws
    -> [String]
  {
    let wanted = host.map { $0.lowercased() }
    var damaged: [String] = []
    // From the histories alone: no capture file is opened, so a big store lists fast.
    let unreadable = try store.forEachCheckSummary { page in
      guard let wanted else { return true }
      let pageHost = page.host.lowercased()
      return pageHost == wanted || pageHost.hasSuffix("." + wanted)
    } _: { page, checks in
      switch checks {
      case .success(let checks):
        try body(
          PageSummary(
            url: page.url, captures: checks.captures, firstSeen: checks.firstCapture,
            lastChanged: checks.latestCapture, lastChecked: checks.latestCheck))
      case .failure(let error):
        damaged.append("\(page.url): \(error)")
      }
    }
    return unreadable + damaged
  }

  /// The captures that are versions of the post (`PagePlaces.isOwnVersion`): not content that
  /// is not HTML, not another page's article through a redirect, not what a later return
  /// undid, not a stand-in an edited return passed over (`withoutStandIns`); every capture
  /// when none is (a page only ever captured through a redirect).
  private func ownVersions(of page: PageRecord, _ captures: [CaptureRecord]) throws
    -> [CaptureRecord]
  {
    let places = PagePlaces(
      page: page, history: try store.history(of: page),
      metadata: Dictionary(captures.map { ($0.time, $0.metadata) }) { first, _ in first })
    let own = try withoutStandIns(captures.filter(places.isOwnVersion)) {
      try store.articleText(of: page, capture: $0.time)
    }
    return own.isEmpty ? captures : own
  }

  private func pageAndCaptures(_ url: String) throws -> (PageRecord, [CaptureRecord]) {
    let page = try knownPage(url)
    let captures = try store.captures(of: page)
    guard !captures.isEmpty else { throw RedlineError.noCaptures(url: page.url) }
    return (page, captures)
  }

  /// The stored page of a URL.
  /// - Throws: `RedlineError.unknownPage` with the stored URL most like it, when there is one.
  private func knownPage(_ url: String) throws -> PageRecord {
    if let page = try store.page(for: url) { return page }
    let stored = (try? store.pages().map(\.url)) ?? []
    throw RedlineError.unknownPage(url: url, nearest: nearestURL(to: url, among: stored))
  }
}
