/// The one seam between the use cases and where captures live. The folder store implements it;
/// a shared database could too, without touching the rest.
public protocol SnapshotStoring: Sendable {
  /// The page record for a URL, or nil when the store has never seen it.
  func page(for url: String) throws -> PageRecord?
  /// Every page in the store.
  func pages() throws -> [PageRecord]
  /// The captures of a page, oldest first.
  func captures(of page: PageRecord) throws -> [CaptureRecord]
  /// The article text of a capture.
  func articleText(of page: PageRecord, capture: String) throws -> String
  /// The raw body of a capture, if it was kept.
  func rawBody(of page: PageRecord, capture: String) throws -> [UInt8]?
  /// The history of a page, oldest first.
  func history(of page: PageRecord) throws -> [HistoryEntry]
  /// Runs `body` while holding the page's lock, creating the page if needed, so that two runs
  /// never interleave their writes to one page.
  func withPage<T>(for url: String, _ body: (PageRecord) throws -> T) throws -> T
  /// Stores a capture atomically: each file appears whole or not at all.
  func save(_ capture: NewCapture, in page: PageRecord) throws
  /// Appends one history line, whole.
  func record(_ entry: HistoryEntry, in page: PageRecord) throws
}
