import Foundation

/// The store as a folder of plain files (DESIGN.md): one folder per page with `page.json`,
/// `history.jsonl` and `<time>.html/.json/.txt` per capture.
///
/// Invariants: every file is written atomically; a capture is visible once its `.json` exists
/// (written last); history lines are appended whole; writes to one page hold its lock.
public struct FolderStore: SnapshotStoring {
  /// The store's root folder.
  public let root: String
  /// How long a run waits for another run's lock on a page before giving up.
  public let lockTimeout: Duration

  /// Opens (without creating) the store at `root`.
  public init(root: String, lockTimeout: Duration = .seconds(30)) {
    self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    self.lockTimeout = lockTimeout
  }

  /// The folder of a page.
  public func path(of page: PageRecord) -> String { root + "/" + page.folder }

  /// The page for a URL; nil when the store has no folder for it.
  public func page(for url: String) throws -> PageRecord? {
    let record = try pageRecord(for: normalizedPageURL(url))
    return FileManager.default.fileExists(atPath: path(of: record) + "/page.json") ? record : nil
  }

  /// Every page in the store, sorted by folder.
  public func pages() throws -> [PageRecord] {
    let manager = FileManager.default
    guard manager.fileExists(atPath: root) else { return [] }
    var result: [PageRecord] = []
    for host in try contents(of: root) where !host.hasPrefix(".") {
      let hostPath = root + "/" + host
      for folder in (try? contents(of: hostPath)) ?? [] where !folder.hasPrefix(".") {
        let file = hostPath + "/" + folder + "/page.json"
        guard manager.fileExists(atPath: file) else { continue }
        result.append(try decode(PageRecord.self, from: file))
      }
    }
    return result.sorted { $0.folder < $1.folder }
  }

  /// The captures of a page, oldest first.
  public func captures(of page: PageRecord) throws -> [CaptureRecord] {
    let folder = path(of: page)
    let times = try contents(of: folder).compactMap { name -> String? in
      guard name.hasSuffix(".json"), name != "page.json" else { return nil }
      let time = String(name.dropLast(5))
      return CaptureTime.isValid(time) ? time : nil
    }.sorted()
    return try times.map { time in
      CaptureRecord(
        time: time, metadata: try decode(CaptureMetadata.self, from: folder + "/\(time).json"))
    }
  }

  /// The article text of a capture.
  public func articleText(of page: PageRecord, capture: String) throws -> String {
    String(decoding: try readFile(path(of: page) + "/\(capture).txt"), as: UTF8.self)
  }

  /// The raw body of a capture, or nil when it was not kept.
  public func rawBody(of page: PageRecord, capture: String) throws -> [UInt8]? {
    let file = path(of: page) + "/\(capture).html"
    return FileManager.default.fileExists(atPath: file) ? try readFile(file) : nil
  }

  /// The history of a page, oldest first. A last line cut short by a crash is ignored.
  public func history(of page: PageRecord) throws -> [HistoryEntry] {
    let file = path(of: page) + "/history.jsonl"
    guard FileManager.default.fileExists(atPath: file) else { return [] }
    let bytes = try readFile(file)
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    // The last piece is empty after a final newline, or a line cut short: drop it either way.
    let complete = lines.dropLast()
    let decoder = JSONDecoder()
    return try complete.filter { !$0.isEmpty }.map { line in
      do {
        return try decoder.decode(HistoryEntry.self, from: Data(line))
      } catch {
        throw StoreError.corrupt(path: file, reason: "a history line is not valid JSON")
      }
    }
  }

  /// Creates the page folder and `page.json` if needed, then runs `body` under the page lock.
  public func withPage<T>(for url: String, _ body: (PageRecord) throws -> T) throws -> T {
    let record = try pageRecord(for: normalizedPageURL(url))
    try createFolder(root)
    let folder = path(of: record)
    try createFolder(folder)
    return try withFileLock(folder + "/.lock", timeout: lockTimeout) {
      let pageFile = folder + "/page.json"
      if !FileManager.default.fileExists(atPath: pageFile) {
        try writeAtomically(try encode(record, pretty: true), to: pageFile)
      }
      return try body(record)
    }
  }

  /// Writes the raw body (if kept) and the text, then the metadata, each atomically.
  public func save(_ capture: NewCapture, in page: PageRecord) throws {
    let base = path(of: page) + "/" + capture.metadata.time
    if capture.metadata.rawKept { try writeAtomically(capture.rawBody, to: base + ".html") }
    try writeAtomically(Array(capture.articleText.utf8), to: base + ".txt")
    try writeAtomically(try encode(capture.metadata, pretty: true), to: base + ".json")
  }

  /// Appends one JSON line to `history.jsonl`.
  public func record(_ entry: HistoryEntry, in page: PageRecord) throws {
    try appendLine(
      try encode(entry, pretty: false) + [UInt8(ascii: "\n")],
      to: path(of: page) + "/history.jsonl")
  }

  private func contents(of folder: String) throws -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw StoreError.unreadable(path: folder, reason: reason(of: error))
    }
  }

  private func decode<T: Decodable>(_ type: T.Type, from file: String) throws -> T {
    let bytes = try readFile(file)
    do {
      return try JSONDecoder().decode(type, from: Data(bytes))
    } catch {
      throw StoreError.corrupt(path: file, reason: "not the JSON Redline writes")
    }
  }
}

private func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
  let encoder = JSONEncoder()
  encoder.outputFormatting =
    pretty
    ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    : [.sortedKeys, .withoutEscapingSlashes]
  let data = try encoder.encode(value)
  return [UInt8](data) + (pretty ? [UInt8(ascii: "\n")] : [])
}
