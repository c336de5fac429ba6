import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store as a folder of plain files (DESIGN.md): one folder per page with `page.json`,
/// `history.jsonl` and `<time>.html/.json/.txt` per capture.
///
/// Invariants: the history is the store's commit log. A capture exists once its history line
/// does: its files are first written under `.pending-<time>.*` names, then the line is
/// appended, then the files are renamed into place; after a crash the next writer (or
/// `verify`) finishes the renames of committed captures and removes everything else a cut
/// short write left. Every file is fsynced before it counts; history lines are appended
/// whole and each carries the chain hash of the line before; writes to one page hold its lock.
public struct FolderStore: SnapshotStoring {
  /// The store's root folder.
  public let root: String
  /// How long a run waits for another run's lock on a page before skipping it.
  public let lockTimeout: Duration
  /// Whether writes are fsynced. Only bulk generators of throw-away stores (benchmarks) turn
  /// this off: without it a crash can lose recent captures.
  public let syncsWrites: Bool
  /// The histories read last (see `HistoryCache`).
  let historyCache = HistoryCache()

  /// Opens (without creating) the store at `root`.
  public init(root: String, lockTimeout: Duration = .seconds(30), syncsWrites: Bool = true) {
    self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    self.lockTimeout = lockTimeout
    self.syncsWrites = syncsWrites
  }

  /// The folder of a page.
  public func path(of page: PageRecord) -> String { root + "/" + page.folder }

  /// The folder of a page, once its host folder and its own folder are known not to be
  /// symbolic links: every read and write of a page goes through here, so a link planted in
  /// the store never leads one outside it. (The store root itself may be a link: it is the
  /// user's to place.)
  /// - Throws: `StoreError.symbolicLink` naming the link.
  func checkedPath(of page: PageRecord) throws -> String {
    _ = try pageFolderName(of: page)
    let host = root + "/" + page.host
    if isSymbolicLink(host) { throw StoreError.symbolicLink(path: host) }
    let folder = path(of: page)
    if isSymbolicLink(folder) { throw StoreError.symbolicLink(path: folder) }
    return folder
  }

  /// The name of a page's folder inside its host folder, once the record's folder is known to
  /// be `host/name` with two plain names: a `page.json` is a file anyone with access to the
  /// store can edit, and one naming `../elsewhere` must not lead a read or a write out of it.
  /// - Throws: `StoreError.rejected` for any other folder.
  func pageFolderName(of page: PageRecord) throws -> String {
    let parts = page.folder.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == page.host, parts.allSatisfy(isPlainName) else {
      throw StoreError.rejected(reason: "'\(page.folder)' is not a page folder of the store")
    }
    return String(parts[1])
  }

  /// The page for a URL; nil when the store has no folder for it.
  public func page(for url: String) throws -> PageRecord? {
    _ = try storeFormat()
    let record = try pageRecord(for: normalizedPageURL(url))
    let pageFile = try checkedPath(of: record) + "/page.json"
    if isSymbolicLink(pageFile) { throw StoreError.symbolicLink(path: pageFile) }
    return FileManager.default.fileExists(atPath: pageFile) ? record : nil
  }

  /// Every page in the store whose `page.json` reads, sorted by folder.
  public func pages() throws -> [PageRecord] {
    try readablePages().pages
  }

  /// Every page in the store, sorted by folder, and the page folders whose `page.json` is
  /// missing (while the folder holds a history) or unreadable. Links are not followed (verify
  /// reports them); a folder a stopped run left without any check is no page yet.
  public func readablePages() throws -> PageListing {
    var result: [PageRecord] = []
    let unreadable = try forEachReadablePage { result.append($0) }
    return PageListing(
      pages: result.sorted { $0.folder < $1.folder }, unreadable: unreadable)
  }

  /// Every readable page, one at a time, in the order of their folders (hosts, then folders
  /// within a host, sorted by name), which is the order of `readablePages()` for every page
  /// whose `page.json` names its own folder (what verify checks). Only the folder names of
  /// one host are held at a time, so memory does not grow with the number of pages.
  /// - Returns: the page folders whose `page.json` is missing or unreadable, sorted.
  public func forEachReadablePage(_ body: (PageRecord) throws -> Void) throws -> [String] {
    try forEachPageFolder { page, _, _ in try body(page) }
  }

  /// The pages of `forEachReadablePage` that `include` keeps, each with its history's
  /// summary, read from the history alone with only the fields the summary needs
  /// (`ListedLine`), through the open host folder.
  public func forEachCheckSummary(
    where include: (PageRecord) -> Bool,
    _ body: (PageRecord, Result<CheckSummary, any Error>) throws -> Void
  ) throws -> [String] {
    try forEachPageFolder { page, host, name in
      guard include(page) else { return }
      try body(page, Result { CheckSummary(try listedHistory(name, in: host)) })
    }
  }

  /// The history of the page folder `name` in an open host folder, as `history(of:)` reads it
  /// (a missing history is empty, a link is refused), with the fields `CheckSummary` needs.
  private func listedHistory(_ name: String, in host: OpenFolder) throws -> [HistoryEntry] {
    let file = name + "/history.jsonl"
    guard let bytes = try host.readIfPresent(file) else { return [] }
    return try resolvedHistory(
      historyLines(bytes), file: host.path + "/" + file, reading: ListedLine.self)
  }

  /// Every readable page, in folder order, with its host folder (open: a page's files are
  /// read relative to it, without a walk of the store's path) and its folder's name. Folders
  /// are told from links by the host listing's types, without a look-up each.
  private func forEachPageFolder(_ body: (PageRecord, OpenFolder, String) throws -> Void) throws
    -> [String]
  {
    guard FileManager.default.fileExists(atPath: root) else { return [] }
    _ = try storeFormat()
    var unreadable: [String] = []
    // Sorted as the folder paths `host/name` sort: a host is followed by "/".
    let hosts = try contents(of: root).filter { !$0.hasPrefix(".") }.map { $0 + "/" }.sorted()
    for hostKey in hosts {
      let hostPath = root + "/" + hostKey.dropLast()
      // A link (never followed) or a file is no host folder.
      guard !isSymbolicLink(hostPath), let host = try? OpenFolder(hostPath) else { continue }
      let folders = ((try? host.entriesWithLinks()) ?? []).filter {
        !$0.name.hasPrefix(".") && !$0.isLink
      }.map(\.name).sorted()
      for folder in folders {
        let folderPath = hostPath + "/" + folder
        let file = folderPath + "/page.json"
        let record: PageRecord
        do {
          record = try storedPageRecord(try host.read(folder + "/page.json"), file: file)
        } catch {
          // One open answers "is it there" for the many pages that are.
          if !FileManager.default.fileExists(atPath: file) {
            if !isSymbolicLink(file),
              FileManager.default.fileExists(atPath: folderPath + "/history.jsonl")
            {
              unreadable.append("\(folderPath): page.json is missing")
            }
          } else if !isSymbolicLink(file) {
            unreadable.append(String(describing: error))
          }
          continue
        }
        try body(record, host, folder)
      }
    }
    return unreadable.sorted()
  }

  /// The captures of a page, oldest first: those its history records.
  public func captures(of page: PageRecord) throws -> [CaptureRecord] {
    try history(of: page).filter(\.storedCapture).compactMap(\.capture).map { time in
      CaptureRecord(time: time, metadata: try metadata(of: page, capture: time))
    }
  }

  /// The latest capture of a page.
  public func latestCapture(of page: PageRecord) throws -> CaptureRecord? {
    guard let time = try history(of: page).last(where: \.storedCapture)?.capture else {
      return nil
    }
    return CaptureRecord(time: time, metadata: try metadata(of: page, capture: time))
  }

  /// The capture a check compares with: one history read, one metadata file.
  public func currentCapture(of page: PageRecord) throws -> CaptureRecord? {
    guard let time = SnapshotStore.currentCapture(in: try history(of: page)) else { return nil }
    return CaptureRecord(time: time, metadata: try metadata(of: page, capture: time))
  }

  /// The latest check of a page, read from the end of its history only. For `unchanged` the
  /// fields the store leaves out of the line are nil.
  public func latestCheck(of page: PageRecord) throws -> HistoryEntry? {
    let file = try checkedPath(of: page) + "/history.jsonl"
    guard let line = try lastCompleteLine(of: file) else { return nil }
    let last = try resolvedHistory([line], file: file).first
    // After a line taken into the past, the latest check is elsewhere in the file.
    if last?.isBackfilled == true { return try history(of: page).last }
    return last
  }

  /// The metadata of a capture.
  public func metadata(of page: PageRecord, capture: CaptureTime) throws -> CaptureMetadata {
    try decode(CaptureMetadata.self, from: try capturePath(page, capture, "json"))
  }

  /// The article text of a capture.
  public func articleText(of page: PageRecord, capture: CaptureTime) throws -> String {
    String(decoding: try readFile(try capturePath(page, capture, "txt")), as: UTF8.self)
  }

  /// The raw body of a capture, or nil when it was not kept.
  public func rawBody(of page: PageRecord, capture: CaptureTime) throws -> [UInt8]? {
    let file = try capturePath(page, capture, "html")
    let present = FileManager.default.fileExists(atPath: file) || isSymbolicLink(file)
    return present ? try readFile(file) : nil
  }

  /// The history of a page, oldest first. A last line cut short by a crash is ignored.
  public func history(of page: PageRecord) throws -> [HistoryEntry] {
    let file = try checkedPath(of: page) + "/history.jsonl"
    // A dangling link is not "no history": readFile names it.
    guard FileManager.default.fileExists(atPath: file) || isSymbolicLink(file) else { return [] }
    return try historyCache.history(at: file) { bytes in
      try resolvedHistory(historyLines(bytes), file: file)
    }
  }

  /// The history lines that decode, and the numbers of those that do not.
  public func readableHistory(of page: PageRecord) throws
    -> (entries: [HistoryEntry], damaged: [Int])
  {
    do {
      return (try history(of: page), [])
    } catch StoreError.corrupt {
      let file = try checkedPath(of: page) + "/history.jsonl"
      let lines = historyLines(try readFile(file))
      var readable: [ArraySlice<UInt8>] = []
      var damaged: [Int] = []
      for (index, line) in lines.enumerated() {
        if decodeHistoryLine(line) != nil {
          readable.append(line)
        } else {
          damaged.append(index + 1)
        }
      }
      return (try resolvedHistory(readable, file: file), damaged)
    }
  }

  /// Where a capture's file is: its own name, or, in the instant between a capture's history
  /// line and the rename of its files (or after a crash in that instant), its pending name.
  func capturePath(_ page: PageRecord, _ time: CaptureTime, _ fileExtension: String) throws
    -> String
  {
    // A time past year 9999 has no name of the store's shape.
    let name = time.description
    guard CaptureTime.isValid(name) else {
      throw StoreError.rejected(reason: "'\(name)' is not a capture time")
    }
    return committedFile(try checkedPath(of: page) + "/" + name + "." + fileExtension)
  }

  func contents(of folder: String) throws -> [String] {
    try folderEntries(folder)
  }

  func decode<T: Decodable>(_ type: T.Type, from file: String) throws -> T {
    try decode(type, bytes: try readFile(file), file: file)
  }

  func decode<T: Decodable>(_ type: T.Type, bytes: [UInt8], file: String) throws -> T {
    do {
      return try decodeJSON(type, from: bytes)
    } catch {
      throw StoreError.corrupt(path: file, reason: "not the JSON Redline writes")
    }
  }
}

/// Capture files wait under this prefix until their history line is written.
let pendingPrefix = ".pending-"

/// A committed capture file: under its own name, or, in the instant between a capture's
/// history line and the rename of its files (or after a crash in that instant), under its
/// pending name. The own name when neither is there.
func committedFile(_ path: String) -> String {
  if FileManager.default.fileExists(atPath: path) { return path }
  let pending = FilePaths.parent(of: path) + "/" + pendingPrefix + FilePaths.lastComponent(of: path)
  return FileManager.default.fileExists(atPath: pending) ? pending : path
}

/// A history line as `list` reads it (`CheckSummary`): a plain line without the decoder, any
/// other with JSONDecoder, as every reader; only the time, outcome, capture and, for ordering,
/// `recorded`; a `repaired` line's lost files too, since a lost capture is not counted.
struct ListedLine: FieldReadLineForm {
  let entry: HistoryEntry

  init(fields line: some HistoryLineFields) throws {
    let outcome = try line.outcome("outcome")
    var entry = HistoryEntry(
      time: try line.requiredTime("time"), outcome: outcome,
      capture: try line.time("capture"),
      lostFiles: outcome == .repaired ? try line.strings("lostFiles") : nil)
    entry.recorded = try line.time("recorded")
    self.entry = entry
  }
}

/// A name that stays in its folder: not empty, not "." or "..", without a "/".
private func isPlainName(_ name: Substring) -> Bool {
  !name.isEmpty && name != "." && name != ".." && !name.contains("/")
}
