import EveryCore
import FoundationEssentials
import WatchList

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderStore {
  /// Re-hashes every capture file, checks each page's history chain and `page.json`, and
  /// reports missing, altered and orphaned files. It only reads: each page is verified under a
  /// shared lock (so a run writing it is waited for, and a page held too long is reported
  /// unchecked), and what a stopped run left half written is reported as incomplete, for the
  /// next snapshot to finish, never repaired here. So it works on read-only media, on a store
  /// owned by someone else and on a full disk.
  /// - Throws: `StoreError.unreadable` when the store root is missing or cannot be listed.
  public func verify() throws -> VerificationReport {
    var report = VerificationReport()
    guard isFolder(root) else {
      throw StoreError.unreadable(path: root, reason: "no such folder")
    }
    _ = try storeFormat()
    // The store's entries in store order: problems found while listing, and page folders to
    // verify, a batch at a time on every core (`verifyPages` joins them in this order).
    var batch: [VerifyItem] = []
    func add(_ item: VerifyItem) throws {
      batch.append(item)
      if batch.count == Self.verifyBatchSize {
        try verifyPages(batch, into: &report)
        batch.removeAll(keepingCapacity: true)
      }
    }
    for host in try contents(of: root).sorted() {
      let hostPath = root + "/" + host
      if isSymbolicLink(hostPath) {
        try add(.problem(linkProblem(hostPath)))
        continue
      }
      guard !host.hasPrefix("."), host != WatchFile.fileName || isFolder(hostPath) else {
        continue
      }
      guard isFolder(hostPath) else {
        try add(.problem(orphan(hostPath, "not a page folder")))
        continue
      }
      // The listing's types answer "is it a link, is it a folder" without a look-up each.
      for entry in try folderEntriesWithTypes(hostPath).sorted(by: { $0.name < $1.name }) {
        let name = entry.name
        let folder = hostPath + "/" + name
        if entry.isLink {
          try add(.problem(linkProblem(folder)))
          continue
        }
        guard !name.hasPrefix(".") else { continue }
        guard entry.isFolder else {
          try add(.problem(orphan(folder, "not a page folder")))
          continue
        }
        try add(.page(folder: folder, relative: host + "/" + name))
      }
    }
    try verifyPages(batch, into: &report)
    try verifyActivityIndex(into: &report)
    return report
  }

  /// How many of the store's entries are listed before their pages are verified: enough to
  /// keep every core busy, few enough that memory does not grow with the store.
  private static let verifyBatchSize = 256

  /// One entry of the store as verify lists it.
  private enum VerifyItem: Sendable {
    /// A problem found by the listing itself (a link, a file where a folder belongs).
    case problem(StoreProblem)
    /// A page folder, and its path relative to the root (`host/folder`).
    case page(folder: String, relative: String)
  }

  /// Verifies the pages among `items` on every core and adds everything to `report` in the
  /// items' order, so the report is the one a page-by-page run makes, problem for problem.
  /// Pages are independent: each is read under its own lock into a report of its own.
  /// - Throws: the first error in the items' order that stops a verification (a page folder
  ///   that cannot be opened or listed).
  private func verifyPages(_ items: [VerifyItem], into report: inout VerificationReport) throws {
    let pages = mapOnEveryCore(items) { item -> Result<VerificationReport, any Error>? in
      guard case .page(let folder, let relative) = item else { return nil }
      return Result { try verifyLockedPage(folder, relative: relative) }
    }
    for (item, result) in zip(items, pages) {
      switch item {
      case .problem(let problem):
        report.problems.append(problem)
      case .page:
        guard let page = try result?.get() else { continue }
        report.problems += page.problems
        report.pages += page.pages
        report.checks += page.checks
        report.captures += page.captures
        report.activity.formUnion(page.activity)
      }
    }
  }

  /// One page folder verified under its shared lock, into a report of its own. A page whose
  /// lock is held too long is reported unchecked.
  private func verifyLockedPage(_ folder: String, relative: String) throws -> VerificationReport {
    var report = VerificationReport()
    // The folder opened once: its descriptor serves the lock, the one listing (under the
    // lock) and every read of the page.
    let opened = try OpenFolder(folder)
    var unlisted: StoreError?
    do {
      try withSharedFileLock(lockFileName, in: opened, timeout: lockTimeout) {
        let listing: PageFolderEntries
        do {
          listing = PageFolderEntries(opened, try opened.entriesWithLinks())
        } catch let error as StoreError {
          unlisted = error
          return
        }
        // A folder whose creation was cut short before page.json holds only dot files.
        guard listing.names.contains(where: { !$0.hasPrefix(".") }) else { return }
        try verifyPage(folder, relative: relative, listing: listing, into: &report)
      }
    } catch let error as StoreError {
      report.problems.append(
        StoreProblem(kind: .unchecked, path: folder, detail: String(describing: error)))
    }
    if let unlisted { throw unlisted }
    return report
  }

  /// Every activity line of every history must be in the index, or an audit of a period could
  /// leave it out; extra lines are harmless (a crash between index and history leaves one).
  private func verifyActivityIndex(into report: inout VerificationReport) throws {
    guard try storeFormat() >= 3 else { return }
    var indexed: Set<String> = []
    for line in historyLines(try readFileIfPresent(activityFilePath)) {
      let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
      guard fields.count >= 2 else { continue }
      indexed.insert(
        String(decoding: fields[0], as: UTF8.self) + " "
          + String(decoding: fields[1], as: UTF8.self))
    }
    let missing = report.activity.subtracting(indexed).sorted()
    guard let first = missing.first else { return }
    report.problems.append(
      StoreProblem(
        kind: .altered, path: activityFilePath,
        detail: "misses \(missing.count) checks that audits of a period read (first: \(first)); "
          + "redline repair --index rebuilds it"))
  }

  func verifyPage(
    _ folder: String, relative: String, listing: PageFolderEntries,
    into report: inout VerificationReport
  ) throws {
    report.pages += 1
    for name in listing.names where listing.links.contains(name) {
      report.problems.append(linkProblem(folder + "/" + name))
    }
    var expected: Set<String> = ["page.json", "history.jsonl", headFileName]
    let pageFile = folder + "/page.json"
    let historyFile = folder + "/history.jsonl"
    // A page whose creation a stopped run cut short: its head records no line and it has no
    // history; the next snapshot finishes it.
    // Asked only of a page without page.json or history (the listing answers the rest).
    var unborn: Bool {
      !FileManager.default.fileExists(atPath: historyFile)
        && ((try? readHead(folder))??.lines ?? 0) == 0
    }
    if let bytes = try listing.read("page.json") {
      let stored = try? storedPageRecord(bytes, file: pageFile)
      let named = stored.flatMap { try? pageRecord(for: $0.url) }
      if stored == nil || named != stored || named?.folder != relative {
        report.problems.append(
          StoreProblem(
            kind: .altered, path: pageFile, detail: "does not name this folder's URL"))
      }
    } else if unborn {
      report.problems.append(
        StoreProblem(
          kind: .incomplete, path: pageFile,
          detail: "a page a stopped run was creating; the next snapshot writes it"))
    } else {
      report.problems.append(StoreProblem(kind: .missing, path: pageFile, detail: "no such file"))
    }
    guard let bytes = try listing.read("history.jsonl") else {
      // A page created by a run killed before its first check has no history yet; once the
      // head records a line, the history must be there.
      if !unborn {
        report.problems.append(
          StoreProblem(kind: .missing, path: historyFile, detail: "head.json records lines"))
      }
      let leftovers = interruptedWrites(in: listing, committed: [])
      report.problems += leftovers.problems
      report.problems += orphans(in: listing, expected: expected.union(leftovers.names))
      return
    }
    let lines = historyLines(bytes)
    if let last = bytes.last, last != UInt8(ascii: "\n") {
      report.problems.append(
        StoreProblem(
          kind: .incomplete, path: historyFile,
          detail: "its last line was cut short by a stopped run; the next snapshot removes it"))
    }
    var previous: ArraySlice<UInt8>?
    var entries: [HistoryEntry] = []
    // Chain problems by line, so that those a later repair recorded are told apart.
    var chainProblems: [(line: Int, problem: StoreProblem)] = []
    var lastRepair = -1
    // One decode of the whole file as a JSON array when every line reads; line by line only
    // to name the ones that do not.
    let decodedLines = decodedAsOneArray(lines, as: VerifiedLine.self)
    for (index, line) in lines.enumerated() {
      report.checks += 1
      guard let entry = decodedLines?[index] ?? decodeHistoryLine(line, as: VerifiedLine.self)
      else {
        chainProblems.append(
          (
            index,
            StoreProblem(
              kind: .altered, path: historyFile, detail: "line \(index + 1) is not valid JSON")
          ))
        previous = line
        continue
      }
      if entry.previous != previous.map({ historyLineHash($0) }) {
        let detail =
          index == 0
          ? "line 1 is not the first line written (lines before it were deleted)"
          : "line \(index + 1) does not chain to line \(index) (a line was altered or deleted)"
        chainProblems.append(
          (index, StoreProblem(kind: .altered, path: historyFile, detail: detail)))
      }
      if entry.outcome == .repaired { lastRepair = index }
      entries.append(entry)
      previous = line
    }
    // Damage before a repair is on record, not new: reported as such, forever.
    for (index, problem) in chainProblems {
      report.problems.append(
        index < lastRepair ? repairedProblem(problem) : problem)
    }
    for entry in entries where entry.outcome == .repaired {
      report.problems.append(
        StoreProblem(
          kind: .repaired, path: historyFile,
          detail: "damage recorded by redline repair at \(entry.time): \(entry.error ?? "")"))
    }
    // Activity is decided in time order, as the writer and the audit decide it.
    let timeline = timelineOrder(entries)
    for (index, entry) in timeline.enumerated()
    where entry.isActivity(after: index > 0 ? timeline[index - 1] : nil) {
      report.activity.insert("\(entry.time) \(relative)")
    }
    let lost = Set(entries.flatMap { $0.lostFiles ?? [] })
    let firstOwnProblem = report.problems.count
    verifyHead(folder, listing: listing, lines: lines, into: &report)
    let committed = Set(
      entries.flatMap { entry in
        [entry.storedCapture ? entry.capture : nil, entry.rawKept == true ? entry.time : nil]
          .compactMap { $0?.description }
      })
    let leftovers = interruptedWrites(in: listing, committed: committed)
    report.problems += leftovers.problems
    expected.formUnion(leftovers.names)
    for entry in entries {
      if entry.storedCapture, let time = entry.capture {
        report.captures += 1
        let stem = time.description
        expected.formUnion([stem + ".json", stem + ".txt", stem + ".html"])
        verifyCapture(time, stem: stem, entry: entry, listing: listing, into: &report)
      } else if entry.rawKept == true {
        let name = entry.time.description + ".html"
        expected.insert(name)
        verifyHash(
          name, in: listing, entry.bodySHA256, what: "the history's body sha256", into: &report)
      }
    }
    expected.insert(payloadFolderName)
    verifyPayloads(
      folder, listing: listing,
      named: Set(entries.filter { $0.payloadKept == true }.compactMap(\.bodySHA256)),
      into: &report)
    report.problems += orphans(in: listing, expected: expected)
    // Files a repair recorded as lost are on record, not new damage.
    for index in report.problems.indices.dropFirst(firstOwnProblem)
    where [.missing, .altered, .orphaned].contains(report.problems[index].kind)
      && lost.contains(FilePaths.lastComponent(of: report.problems[index].path))
    {
      let problem = report.problems[index]
      report.problems[index] = StoreProblem(
        kind: .repaired, path: problem.path,
        detail: "\(problem.kind.rawValue): \(problem.detail); recorded as lost by redline repair")
    }
  }

  /// A chain problem before the latest repair, as the record of it.
  private func repairedProblem(_ problem: StoreProblem) -> StoreProblem {
    StoreProblem(
      kind: .repaired, path: problem.path, detail: problem.detail + " (recorded by redline repair)")
  }

  private func verifyHead(
    _ folder: String, listing: PageFolderEntries, lines: [ArraySlice<UInt8>],
    into report: inout VerificationReport
  ) {
    let historyFile = folder + "/history.jsonl"
    let listedBytes = try? listing.read(headFileName)
    // A head that is byte for byte the one Redline writes at the history's end is right: it
    // is decoded only when it is not, to say what is wrong.
    let end = HistoryHead(lines: lines.count, last: lines.last.map { historyLineHash($0) } ?? "")
    if let listedBytes, listedBytes == HeadEncoding.shared?.bytes(of: end) { return }
    // A listed head is read from the listing (no second look-up); anything else as before.
    let listed = listedBytes.map { bytes in
      try? decode(HistoryHead.self, bytes: bytes, file: folder + "/" + headFileName)
    }
    guard let head = listed ?? (try? readHead(folder)) else {
      let exists = FileManager.default.fileExists(atPath: folder + "/" + headFileName)
      if exists || !lines.isEmpty {
        report.problems.append(
          StoreProblem(
            kind: exists ? .altered : .missing, path: folder + "/" + headFileName,
            detail: exists ? "not the JSON Redline writes" : "the history has no recorded end"))
      }
      return
    }
    // A run stopped between appending a line and moving the head leaves it one line behind.
    let previousLast = lines.count >= 2 ? historyLineHash(lines[lines.count - 2]) : ""
    if head.lines == lines.count - 1, head.last == previousLast {
      report.problems.append(
        StoreProblem(
          kind: .incomplete, path: folder + "/" + headFileName,
          detail: "one line behind the history (a stopped run); the next snapshot moves it"))
      return
    }
    if head != end {
      let detail =
        head.lines > lines.count
        ? "\(head.lines - lines.count) of its last lines were deleted"
        : head.lines < lines.count
          ? "\(lines.count - head.lines) lines were added after its recorded end"
          : "its last line was altered"
      report.problems.append(StoreProblem(kind: .altered, path: historyFile, detail: detail))
    }
  }

  /// `stem` is the time's text, which names the capture's files.
  private func verifyCapture(
    _ time: CaptureTime, stem: String, entry: HistoryEntry, listing entries: PageFolderEntries,
    into report: inout VerificationReport
  ) {
    let folder = entries.folder
    let finalMetadata = folder + "/" + stem + ".json"
    guard let metadataName = entries.committed(stem + ".json"),
      let bytes = try? entries.read(metadataName)
    else {
      report.problems.append(
        StoreProblem(kind: .missing, path: finalMetadata, detail: "the history records it"))
      return
    }
    let metadataFile = folder + "/" + metadataName
    let recorded = entry.metadataSHA256.map { $0 == sha256Hex(bytes) }
    if recorded == true, capturedAsRecorded(stem, entry: entry, listing: entries) { return }
    if recorded == false {
      report.problems.append(
        StoreProblem(
          kind: .altered, path: metadataFile, detail: "sha256 differs from the history's"))
    }
    // Metadata whose hash the history records is the file Redline wrote: only the fields
    // checked here are decoded. Any other is decoded whole, as a reader would.
    let facts =
      recorded == true
      ? try? decode(MetadataFacts.self, bytes: bytes, file: metadataFile)
      : (try? decode(CaptureMetadata.self, bytes: bytes, file: metadataFile)).map(
        MetadataFacts.init)
    guard let metadata = facts, metadata.time == time else {
      report.problems.append(
        StoreProblem(kind: .altered, path: metadataFile, detail: "not the metadata of \(time)"))
      return
    }
    if let text = entry.textSHA256, text != metadata.textSHA256 {
      report.problems.append(
        StoreProblem(
          kind: .altered, path: metadataFile, detail: "text sha256 differs from the history's"))
    }
    verifyHash(
      stem + ".txt", in: entries, metadata.textSHA256, what: "the metadata's text sha256",
      into: &report)
    if metadata.rawKept {
      verifyHash(
        stem + ".html", in: entries, metadata.bodySHA256, what: "the metadata's body sha256",
        into: &report)
    } else if entries.committed(stem + ".html") != nil {
      report.problems.append(
        orphan(folder + "/" + stem + ".html", "the metadata says the raw body was not kept"))
    }
  }

  /// Whether a capture whose metadata hashes to the history's record is whole by the line
  /// alone: its text and raw body files hash to the line's text and body hashes. Such
  /// metadata is the file Redline wrote with the line, from the same time and hashes (and the
  /// chain vouches for the line), so decoding it could only re-check what the line states;
  /// it is decoded only when something does not match (or the line lacks a hash, as lines of
  /// older stores may), to say what is wrong. A capture without its raw body is decoded too:
  /// only the metadata tells whether the body was kept.
  private func capturedAsRecorded(
    _ stem: String, entry: HistoryEntry, listing entries: PageFolderEntries
  ) -> Bool {
    guard let text = entry.textSHA256, let body = entry.bodySHA256 else { return false }
    func hashes(_ name: String, to recorded: String) -> Bool {
      guard let file = entries.committed(name), let bytes = try? entries.read(file) else {
        return false
      }
      return sha256Hex(bytes) == recorded
    }
    return hashes(stem + ".txt", to: text) && hashes(stem + ".html", to: body)
  }

  private func verifyHash(
    _ name: String, in entries: PageFolderEntries, _ recorded: String?, what: String,
    into report: inout VerificationReport
  ) {
    // A committed capture whose files a stopped run had not yet renamed: its pending file is
    // the one to hash (`interruptedWrites` reports it as incomplete).
    guard let committed = entries.committed(name), let bytes = try? entries.read(committed)
    else {
      report.problems.append(
        StoreProblem(
          kind: .missing, path: entries.folder + "/" + name, detail: "the history records it"))
      return
    }
    if let recorded, sha256Hex(bytes) != recorded {
      report.problems.append(
        StoreProblem(
          kind: .altered, path: entries.folder + "/" + name, detail: "sha256 differs from \(what)")
      )
    }
  }

  /// What a stopped run left half written in a page folder, read without changing anything:
  /// temporary files, and pending capture files (complete when their history line was written,
  /// to be removed when it was not), each capture named once as incomplete. `names` are the
  /// leftovers' file names, which are then not orphans.
  private func interruptedWrites(in entries: PageFolderEntries, committed: Set<String>)
    -> (problems: [StoreProblem], names: Set<String>)
  {
    let folder = entries.folder
    let names = entries.names
    var problems: [StoreProblem] = []
    var leftovers: Set<String> = []
    var reportedTimes: Set<String> = []
    for name in names where name.hasPrefix(temporaryPrefix) {
      leftovers.insert(name)
      problems.append(
        StoreProblem(
          kind: .incomplete, path: folder + "/" + name,
          detail: "a file write cut short by a stopped run; the next snapshot removes it"))
    }
    for name in names where name.hasPrefix(pendingPrefix) {
      leftovers.insert(name)
      let time = String(name.dropFirst(pendingPrefix.count).prefix(16))
      guard reportedTimes.insert(time).inserted else { continue }
      let detail =
        committed.contains(time)
        ? "capture \(time) was being written when a run stopped; the next snapshot completes it"
        : "a capture a stopped run had not recorded; the next snapshot removes it"
      problems.append(
        StoreProblem(kind: .incomplete, path: folder + "/" + pendingPrefix + time, detail: detail))
    }
    return (problems, leftovers)
  }

  private func orphans(in entries: PageFolderEntries, expected: Set<String>) -> [StoreProblem] {
    entries.names.filter { $0 != lockFileName && !expected.contains($0) }.map {
      orphan(entries.folder + "/" + $0, "no history line accounts for it")
    }
  }

  private func linkProblem(_ path: String) -> StoreProblem {
    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    return StoreProblem(
      kind: .link, path: path,
      detail: "a symbolic link (to \(target)); Redline never follows links inside a store")
  }

  private func orphan(_ path: String, _ detail: String) -> StoreProblem {
    StoreProblem(kind: .orphaned, path: path, detail: detail)
  }

  private func isFolder(_ path: String) -> Bool {
    SnapshotStore.isFolder(path) == true
  }
}

/// A history line as verify reads it: a plain line without the decoder, any other with
/// JSONDecoder, as every reader; only the fields verify checks, and those that matter only for
/// some outcomes only on lines of those outcomes (the hashes of a capture, its body's included,
/// on `new` and `changed`, the body's on a line that kept it, the error on `repaired`). Status,
/// counts, title and rules are left out: the chain, which covers every byte of the line, is
/// what tells that they were not altered.
struct VerifiedLine: FieldReadLineForm {
  let entry: HistoryEntry

  init(fields line: some HistoryLineFields) throws {
    let outcome = try line.outcome("outcome")
    let storesCapture = outcome == .new || outcome == .changed
    let rawKept = try line.bool("rawKept")
    let payloadKept = try line.bool("payloadKept")
    func text(_ key: String, if wanted: Bool = true) throws -> String? {
      wanted ? try line.string(key) : nil
    }
    var entry = HistoryEntry(
      time: try line.requiredTime("time"), outcome: outcome,
      capture: try line.time("capture"),
      bodySHA256: try text(
        "bodySHA256", if: storesCapture || rawKept == true || payloadKept == true),
      textSHA256: try text("textSHA256", if: storesCapture),
      metadataSHA256: try text("metadataSHA256", if: storesCapture), rawKept: rawKept,
      error: try text("error", if: outcome == .repaired), finalURL: try text("finalURL"),
      previous: try text("previous"),
      lostFiles: try line.strings("lostFiles"))
    entry.recorded = try line.time("recorded")
    entry.payloadKept = payloadKept
    self.entry = entry
  }
}

/// What verify checks in a capture's metadata.
private struct MetadataFacts: Decodable {
  let time: CaptureTime
  let textSHA256: String
  let bodySHA256: String
  let rawKept: Bool

  private enum Key: String, CodingKey {
    case time, textSHA256, bodySHA256, rawKept
  }

  init(from decoder: any Decoder) throws {
    let metadata = try decoder.container(keyedBy: Key.self)
    time = try metadata.decodeTime(forKey: .time)
    textSHA256 = try metadata.decode(String.self, forKey: .textSHA256)
    bodySHA256 = try metadata.decode(String.self, forKey: .bodySHA256)
    rawKept = try metadata.decode(Bool.self, forKey: .rawKept)
  }

  init(_ metadata: CaptureMetadata) {
    time = metadata.time
    textSHA256 = metadata.textSHA256
    bodySHA256 = metadata.bodySHA256
    rawKept = metadata.rawKept
  }
}

/// A page folder as one listing saw it: its names (sorted) and which are symbolic links, so
/// that verify asks the file system about each file once, when it reads it (through the open
/// folder: no walk of the folder's path a file).
struct PageFolderEntries {
  let folder: String
  /// Every name in the folder, sorted.
  let names: [String]
  /// The names that are symbolic links.
  let links: Set<String>
  private let present: Set<String>
  /// The folder the names were listed in; nil when it could not be opened.
  private let opened: OpenFolder?

  /// Lists `folder`; an unreadable folder lists as empty.
  init(_ folder: String) {
    let opened = try? OpenFolder(folder)
    self.init(folder, opened, (try? opened?.entriesWithLinks()) ?? [])
  }

  /// A listing made by `opened.entriesWithLinks()`: one listing of the folder answers every
  /// "is it there, is it a link" of its page's verification.
  init(_ opened: OpenFolder, _ entries: [(name: String, isLink: Bool)]) {
    self.init(opened.path, opened, entries)
  }

  private init(
    _ folder: String, _ opened: OpenFolder?, _ entries: [(name: String, isLink: Bool)]
  ) {
    self.folder = folder
    self.opened = opened
    names = entries.map(\.name).sorted()
    links = Set(entries.filter(\.isLink).map(\.name))
    present = Set(names)
  }

  /// The name a committed file is under: its own, or, between a capture's history line and
  /// its rename (or after a crash there), its pending name; nil when neither is listed.
  func committed(_ name: String) -> String? {
    if present.contains(name) { return name }
    let pending = pendingPrefix + name
    return present.contains(pending) ? pending : nil
  }

  /// The bytes of a listed file; nil when it is not listed or is a link (reported as such).
  /// - Throws: `StoreError` when a listed file cannot be read (or went away since).
  func read(_ name: String) throws -> [UInt8]? {
    guard present.contains(name), !links.contains(name), let opened else { return nil }
    return try opened.read(name)
  }
}

/// `head.json` as `encodeJSON` writes it, made without an encoder run per page: the encoder's
/// output for a head whose fields are markers, cut at the markers, with a head's own values
/// put in their place. Verify compares a head's bytes with it instead of decoding the head.
struct HeadEncoding {
  /// The encoding of the marker head, cut around its fields.
  private let pieces: [[UInt8]]
  /// Whether `last` comes before `lines` in the encoding.
  private let lastFirst: Bool

  private static let linesMarker = 918_273_645
  private static let lastMarker = "markerlastmarker"

  /// Made once; nil if the encoder's output does not hold the markers as written.
  static let shared = HeadEncoding()

  private init?() {
    let marker = HistoryHead(lines: Self.linesMarker, last: Self.lastMarker)
    guard let encoded = try? encodeJSON(marker, pretty: true),
      let lines = encoded.firstRange(of: Array(String(Self.linesMarker).utf8)),
      let last = encoded.firstRange(of: Array(("\"" + Self.lastMarker + "\"").utf8))
    else { return nil }
    lastFirst = last.lowerBound < lines.lowerBound
    let (first, second) = lastFirst ? (last, lines) : (lines, last)
    guard first.upperBound <= second.lowerBound else { return nil }
    pieces = [
      Array(encoded[..<first.lowerBound]), Array(encoded[first.upperBound..<second.lowerBound]),
      Array(encoded[second.upperBound...]),
    ]
  }

  /// The bytes `encodeJSON(head, pretty: true)` writes; nil for a `last` other than letters
  /// and digits (which the encoder might escape), which is not a chain hash.
  func bytes(of head: HistoryHead) -> [UInt8]? {
    let last = Array(head.last.utf8)
    guard
      last.allSatisfy({
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
          || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
          || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
      })
    else { return nil }
    let quoted = [UInt8(ascii: "\"")] + last + [UInt8(ascii: "\"")]
    let lines = Array(String(head.lines).utf8)
    let (first, second) = lastFirst ? (quoted, lines) : (lines, quoted)
    return pieces[0] + first + pieces[1] + second + pieces[2]
  }
}
