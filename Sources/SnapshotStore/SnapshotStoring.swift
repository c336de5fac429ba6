import WatchList

/// The one seam between the use cases and where captures live. The folder store implements it;
/// a shared database could too, without touching the rest.
///
/// Invariants every backend keeps: a capture is never half visible (its files and its history
/// line appear together), history lines are never changed once written, and check times of
/// one page strictly increase in the order written, except for a check taken into the page's
/// past (`HistoryEntry.recorded`); `history(of:)` returns a page's checks ordered by time.
public protocol SnapshotStoring: Sendable {
  /// The page record for a URL, or nil when the store has never seen it.
  func page(for url: String) throws -> PageRecord?
  /// Every page in the store whose record can be read.
  func pages() throws -> [PageRecord]
  /// Every page whose record can be read, and the page folders whose record cannot (named,
  /// with why), so that a listing shows what it can and names the rest.
  func readablePages() throws -> PageListing
  /// The readable pages one at a time, in folder order, so that a listing of a big store need
  /// not hold them all; returns the unreadable ones as `readablePages()` names them.
  func forEachReadablePage(_ body: (PageRecord) throws -> Void) throws -> [String]
  /// The pages of `forEachReadablePage` that `include` keeps, each with the summary of its
  /// history that `list` shows, or the error that reading the history gave (as
  /// `history(of:)` throws it), so that a backend can read what a listing needs and no more.
  func forEachCheckSummary(
    where include: (PageRecord) -> Bool,
    _ body: (PageRecord, Result<CheckSummary, any Error>) throws -> Void
  ) throws -> [String]
  /// The captures of a page, oldest first.
  func captures(of page: PageRecord) throws -> [CaptureRecord]
  /// The latest capture of a page, or nil before its first.
  func latestCapture(of page: PageRecord) throws -> CaptureRecord?
  /// The capture a check compares with (`currentCapture(in:)`), read from the history once,
  /// with its metadata; nil before the first.
  func currentCapture(of page: PageRecord) throws -> CaptureRecord?
  /// The latest check of a page (any outcome), or nil before its first.
  func latestCheck(of page: PageRecord) throws -> HistoryEntry?
  /// The article text of a capture.
  func articleText(of page: PageRecord, capture: CaptureTime) throws -> String
  /// The raw body of a capture (or of a check whose raw body was kept), if it was kept.
  func rawBody(of page: PageRecord, capture: CaptureTime) throws -> [UInt8]?
  /// The history of a page, oldest first.
  func history(of page: PageRecord) throws -> [HistoryEntry]
  /// A page's files for a pass that reads them all (`export`): the history, then captures and
  /// payloads, each as the methods above read it, with whatever the backend can share between
  /// the reads (the folder store opens the page folder once).
  func pageFiles(of page: PageRecord) throws -> any PageFileReading
  /// The lines of a damaged history that still read, and which do not (1-based), for a
  /// listing that shows what it can; `history(of:)` refuses a damaged history instead.
  func readableHistory(of page: PageRecord) throws -> (entries: [HistoryEntry], damaged: [Int])
  /// The pages an audit of a period (store times, inclusive, either end open) must read: every
  /// page with activity in the period (`HistoryEntry.isActivity(after:)`), and every page
  /// whose last activity before it left the page away from its own article; possibly more,
  /// never fewer. Nil when the backend cannot answer without reading every page's history.
  func pagesWithActivity(since: CaptureTime?, until: CaptureTime?) throws -> PageListing?
  /// Runs `body` while holding the page's lock, creating the page if needed, so that two runs
  /// never interleave their writes to one page.
  func withPage<T>(for url: String, _ body: (PageRecord) throws -> T) throws -> T
  /// Stores a capture and the check that made it, together: after a crash either both are
  /// there or neither is. Call inside `withPage`.
  /// - Throws: `StoreError.duplicateCapture` if the page already has a capture at that time.
  func save(_ capture: NewCapture, recording check: HistoryEntry, in page: PageRecord) throws
  /// Appends one check that stored no capture, whole, with the raw body if it is to be kept.
  /// Call inside `withPage`.
  func record(_ check: HistoryEntry, rawBody: [UInt8]?, in page: PageRecord) throws
  /// Keeps a payload once, named by its SHA-256 (the history's `bodySHA256`), as the caller
  /// encoded it (`snapshot --keep-raw distinct` gzips it); nothing when one is kept already.
  /// Call inside `withPage`, before recording the check that names it.
  func keepPayload(_ encoded: [UInt8], sha256: String, in page: PageRecord) throws
  /// A payload kept by `keepPayload`, as it was given; nil when none has that SHA-256.
  func keptPayload(sha256: String, in page: PageRecord) throws -> [UInt8]?
  /// Re-hashes every stored file and checks every history chain.
  func verify() throws -> VerificationReport
  /// Makes sure a run can write before it fetches anything (creates the store if needed).
  func prepareForWriting() throws
  /// The feeds whose last reading failed, by URL.
  func feedFailures() throws -> [String: FeedFailure]
  /// Replaces the record of failing feeds, whole.
  func saveFeedFailures(_ failures: [String: FeedFailure]) throws
  /// The posts each feed listed, by feed URL, with the time each was last listed.
  func feedPosts() throws -> [String: [String: CaptureTime]]
  /// Replaces the record of the feeds' posts, whole.
  func saveFeedPosts(_ posts: [String: [String: CaptureTime]]) throws
  /// Records a damaged page's damage in its history, so that its checks go on with the
  /// damage on record (`FolderStore.repair(_:time:)`).
  func repair(_ url: String, time: CaptureTime) throws -> RepairResult
  /// Builds the store's activity index again from the histories (`redline repair --index`),
  /// when verify found it damaged.
  func rebuildActivityIndex() throws
  /// The store's settings; the defaults when none were saved.
  func settings() throws -> StoreSettings
  /// Replaces the store's settings, whole.
  func saveSettings(_ settings: StoreSettings) throws
  /// Queues deliveries whose keys the store has never queued, each whole or not at all.
  /// - Returns: the deliveries queued now; one whose key is pending or was delivered is left
  ///   out, so a (edit, target) pair is delivered at most once.
  func enqueueDeliveries(_ deliveries: [QueuedDelivery]) throws -> [QueuedDelivery]
  /// Every delivery still waiting (claimed or not), oldest first.
  func pendingDeliveries() throws -> [QueuedDelivery]
  /// Claims every pending delivery no other run holds (its claim is absent or ended before
  /// `now`) until `until`, so two runs never send one at once (a database does this with
  /// `FOR UPDATE SKIP LOCKED`).
  /// - Returns: the deliveries this run now holds, oldest first.
  func claimDeliveries(now: CaptureTime, until: CaptureTime) throws -> [QueuedDelivery]
  /// Records how a claimed delivery's try ended: delivered ones leave the queue for good,
  /// failed ones wait, unclaimed, for the next run.
  func finishDelivery(_ key: String, _ result: DeliveryResult) throws

  // The watch list and its schedule. A database backend keeps the watches as rows and claims
  // due ones with `FOR UPDATE SKIP LOCKED`; the folder store keeps `watches.toml` for people
  // and `.watch-schedule` for runs.

  /// The watch list: the watches in order and the per-site rules; empty when there is none.
  /// - Throws: `WatchListError.malformed` when the list does not read.
  func watchFile() throws -> WatchFile
  /// Adds, updates and removes watches, whole: a failed change leaves the list as it was.
  /// The folder store keeps the file's comments and order (the report says when it could not).
  func changeWatches(_ change: WatchListChange) throws -> WatchListChangeReport
  /// The schedule state of every watch, by URL.
  func watchStates() throws -> [String: WatchState]
  /// The watches due at `time` (Unix seconds), claimed for `lease` seconds so that an
  /// overlapping run skips them; reads no page history.
  func claimDueWatches(at time: Int64, lease: Int64) throws -> [DueWatch]
  /// Records watches' states after their checks, by URL.
  func saveWatchStates(_ states: [String: WatchState]) throws
}

/// The pages of a store, and the page folders that could not be read.
public struct PageListing: Sendable, Equatable {
  /// The pages, sorted by folder.
  public var pages: [PageRecord]
  /// Page folders (or pages) that could not be read, with why, one line each.
  public var unreadable: [String]

  /// Creates a listing.
  public init(pages: [PageRecord], unreadable: [String] = []) {
    self.pages = pages
    self.unreadable = unreadable
  }
}

extension SnapshotStoring {
  /// The history, for a backend whose histories cannot be partly damaged.
  public func readableHistory(of page: PageRecord) throws
    -> (entries: [HistoryEntry], damaged: [Int])
  {
    (try history(of: page), [])
  }

  /// Every page, for a backend that has no unreadable pages to name.
  public func readablePages() throws -> PageListing {
    PageListing(pages: try pages())
  }

  /// The pages of `readablePages()`, for a backend that lists them all at once.
  public func forEachReadablePage(_ body: (PageRecord) throws -> Void) throws -> [String] {
    let listing = try readablePages()
    for page in listing.pages { try body(page) }
    return listing.unreadable
  }

  /// The summaries from whole histories, for a backend with no cheaper way to them.
  public func forEachCheckSummary(
    where include: (PageRecord) -> Bool,
    _ body: (PageRecord, Result<CheckSummary, any Error>) throws -> Void
  ) throws -> [String] {
    try forEachReadablePage { page in
      guard include(page) else { return }
      try body(page, Result { CheckSummary(try history(of: page)) })
    }
  }

  /// Appends one check that stored nothing but its history line.
  public func record(_ check: HistoryEntry, in page: PageRecord) throws {
    try record(check, rawBody: nil, in: page)
  }

  /// No index to rebuild.
  public func rebuildActivityIndex() throws {}

  /// A backend that keeps no payloads refuses to.
  public func keepPayload(_ encoded: [UInt8], sha256: String, in page: PageRecord) throws {
    throw StoreError.rejected(reason: "this store does not keep payloads by digest")
  }

  /// A backend that keeps no payloads has none.
  public func keptPayload(sha256: String, in page: PageRecord) throws -> [UInt8]? { nil }

  /// No index: the audit reads every page's history.
  public func pagesWithActivity(since: CaptureTime?, until: CaptureTime?) throws -> PageListing? {
    nil
  }
}
