/// One page's files, read one after another by a pass over the whole page (`export`): the
/// history, then each capture's metadata, text and raw body, and kept payloads. What each
/// method returns (or throws) is what the store's method of the same name gives for the page.
public protocol PageFileReading {
  /// The page's history, oldest first (`SnapshotStoring.history(of:)`).
  func history() throws -> [HistoryEntry]
  /// A capture's metadata (`SnapshotStoring.captures(of:)` reads the same).
  func metadata(capture: CaptureTime) throws -> CaptureMetadata
  /// A capture's article text, as UTF-8 (`SnapshotStoring.articleText(of:capture:)`).
  func articleText(capture: CaptureTime) throws -> [UInt8]
  /// A capture's raw body, nil when it was not kept (`SnapshotStoring.rawBody(of:capture:)`).
  func rawBody(capture: CaptureTime) throws -> [UInt8]?
  /// A payload kept by its SHA-256 (`SnapshotStoring.keptPayload(sha256:in:)`).
  func keptPayload(sha256: String) throws -> [UInt8]?
}

/// A page's files read through the store's own methods, for a backend with no cheaper way.
final class StorePageFiles<Store: SnapshotStoring>: PageFileReading {
  let store: Store
  let page: PageRecord
  /// The page's captures by time, read at the first metadata asked for.
  private var captures: [CaptureTime: CaptureMetadata]?

  init(store: Store, page: PageRecord) {
    self.store = store
    self.page = page
  }

  func history() throws -> [HistoryEntry] { try store.history(of: page) }

  func metadata(capture: CaptureTime) throws -> CaptureMetadata {
    let captures =
      try self.captures
      ?? Dictionary(
        try store.captures(of: page).map { ($0.time, $0.metadata) },
        uniquingKeysWith: { first, _ in first })
    self.captures = captures
    guard let metadata = captures[capture] else {
      throw StoreError.unreadable(path: page.folder + "/" + capture.description, reason: "missing")
    }
    return metadata
  }

  func articleText(capture: CaptureTime) throws -> [UInt8] {
    Array(try store.articleText(of: page, capture: capture).utf8)
  }

  func rawBody(capture: CaptureTime) throws -> [UInt8]? {
    try store.rawBody(of: page, capture: capture)
  }

  func keptPayload(sha256: String) throws -> [UInt8]? {
    try store.keptPayload(sha256: sha256, in: page)
  }
}

extension SnapshotStoring {
  /// The page's files through the store's methods.
  public func pageFiles(of page: PageRecord) throws -> any PageFileReading {
    StorePageFiles(store: self, page: page)
  }
}
