import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderStore {
  /// Creates the page folder and `page.json` if needed, then runs `body` under the page lock,
  /// after finishing or removing whatever a crashed run left half done in that folder.
  /// - Throws: `StoreError.locked` when another run holds the page longer than `lockTimeout`.
  public func withPage<T>(for url: String, _ body: (PageRecord) throws -> T) throws -> T {
    let record = try pageRecord(for: normalizedPageURL(url))
    let folder = try checkedPath(of: record)
    // The host folder's entry is fsynced as it is made; the page folder's, in the host
    // folder, with the page's first files (below).
    try createFolder(FilePaths.parent(of: folder), sync: syncsWrites)
    try createFolder(folder, sync: false)
    // Refuses a store a newer Redline wrote; records this format in an older one.
    try recordFormat()
    // Made by another run in the meantime: checked again once it exists.
    _ = try checkedPath(of: record)
    return try withFileLock(folder + "/" + lockFileName, timeout: lockTimeout) {
      try recoverInterruptedWrites(in: folder)
      let pageFile = folder + "/page.json"
      if !FileManager.default.fileExists(atPath: pageFile) {
        try refuseDamage(in: folder, pageFileMissing: true)
        // A new page: its head first, recording no line, so that a run stopped right after
        // the first line is appended leaves a head that recovery moves on, as for any other
        // line. The folder is fsynced before the first history line is written (commit,
        // appendHistory): until that line exists the page has no check to lose. The two
        // files, and the host folder that holds the page's folder, are fsynced in one round.
        let headFile = folder + "/" + headFileName
        for path in [headFile, pageFile] where isSymbolicLink(path) {
          throw StoreError.symbolicLink(path: path)
        }
        var round = SyncRound(syncing: syncsWrites)
        let head = try round.createTemporaryFile(
          try encodeJSON(HistoryHead(lines: 0, last: ""), pretty: true), in: folder)
        let page = try round.createTemporaryFile(try encodeJSON(record, pretty: true), in: folder)
        round.add(folder: FilePaths.parent(of: folder))
        do {
          try round.finish()
        } catch {
          unlink(head)
          unlink(page)
          throw error
        }
        try renameFile(head, to: headFile)
        try renameFile(page, to: pageFile)
      } else if try decode(PageRecord.self, from: pageFile).url != record.url {
        // Two URLs sharing 48 bits of hash: refuse rather than mix their histories.
        throw StoreError.corrupt(path: pageFile, reason: "the folder belongs to another URL")
      } else {
        try refuseDamage(in: folder, pageFileMissing: false)
        // A page created by an earlier version and stopped before its first check.
        if !FileManager.default.fileExists(atPath: folder + "/" + headFileName) {
          try writeHead(HistoryHead(lines: 0, last: ""), in: folder)
        }
      }
      return try body(record)
    }
  }

  /// Writes the capture's files under pending names, appends the check (the commit), then
  /// renames the files into place.
  public func save(_ capture: NewCapture, recording check: HistoryEntry, in page: PageRecord)
    throws
  {
    let time = capture.metadata.time
    guard time.hasStoreShape, check.storedCapture, check.capture == time else {
      throw StoreError.rejected(reason: "a capture must be saved with the check that made it")
    }
    let folder = try checkedPath(of: page)
    for fileExtension in ["json", "txt", "html"] {
      let final = folder + "/\(time)." + fileExtension
      if isSymbolicLink(final) { throw StoreError.symbolicLink(path: final) }
      if FileManager.default.fileExists(atPath: final) {
        throw StoreError.duplicateCapture(path: final)
      }
    }
    let metadataBytes = try encodeJSON(capture.metadata, pretty: true)
    var files: [(String, [UInt8])] = []
    if capture.metadata.rawKept { files.append(("html", capture.rawBody)) }
    files.append(("txt", Array(capture.articleText.utf8)))
    files.append(("json", metadataBytes))
    try commit(
      files, time: time, check: check.with(metadataSHA256: .some(sha256Hex(metadataBytes))),
      in: folder)
  }

  /// Appends the check, with its raw body under `<time>.html` when one is given.
  public func record(_ check: HistoryEntry, rawBody: [UInt8]?, in page: PageRecord) throws {
    guard let rawBody else {
      try appendHistory(
        check, in: try checkedPath(of: page), before: SyncRound(syncing: syncsWrites))
      return
    }
    guard !check.storedCapture, check.time.hasStoreShape else {
      throw StoreError.rejected(reason: "a kept raw body needs a check time and no capture")
    }
    let folder = try checkedPath(of: page)
    let final = folder + "/\(check.time).html"
    if FileManager.default.fileExists(atPath: final) {
      throw StoreError.duplicateCapture(path: final)
    }
    var kept = HistoryEntry(
      time: check.time, outcome: check.outcome, status: check.status, capture: check.capture,
      added: check.added, removed: check.removed, bodySHA256: check.bodySHA256,
      textSHA256: check.textSHA256, rawKept: true, title: check.title, error: check.error,
      finalURL: check.finalURL)
    kept.rules = check.rules
    kept.recorded = check.recorded
    kept.payloadKept = check.payloadKept
    try commit([("html", rawBody)], time: check.time, check: kept, in: folder)
  }

  /// Pending files, fsync, history line, renames, fsync: the order that makes a crash at any
  /// instant leave either the whole check or none of it. Each fsync step is one round
  /// (`SyncRound`): the pending files, the folder and the activity index line at once, then
  /// the history line and the head's temporary file at once, then the folder.
  private func commit(
    _ files: [(String, [UInt8])], time: CaptureTime, check: HistoryEntry, in folder: String
  ) throws {
    var written = SyncRound(syncing: syncsWrites)
    for (fileExtension, bytes) in files {
      let pending = folder + "/" + pendingPrefix + "\(time)." + fileExtension
      unlink(pending)
      try written.createFile(bytes, at: pending)
    }
    written.add(folder: folder)
    try appendHistory(check, in: folder, before: written, folderSyncFollows: true)
    for (fileExtension, _) in files {
      let name = "\(time)." + fileExtension
      // Committed: a failed rename leaves the pending file for recovery to finish.
      guard rename(folder + "/" + pendingPrefix + name, folder + "/" + name) == 0 else {
        throw StoreError.notWritable(path: folder + "/" + name, reason: errnoText())
      }
    }
    if syncsWrites { syncFolder(folder) }
  }

  /// Appends the line chained to the one before, then moves the head to it, in two rounds of
  /// fsyncs: first what must be durable before the line (`before`: a capture's pending files
  /// and their folder; the activity index line; the folder before a page's first line, so
  /// that `page.json` is there for it), then the line and the head's temporary
  /// file, which is renamed over the head once both are. With `folderSyncFollows` the caller
  /// fsyncs the folder next, which makes the head's rename durable too, so it is not fsynced
  /// twice (until then a crash leaves the head one line behind, which recovery repairs).
  private func appendHistory(
    _ check: HistoryEntry, in folder: String, before: consuming SyncRound,
    folderSyncFollows: Bool = false
  ) throws {
    let file = folder + "/history.jsonl"
    let headFile = folder + "/" + headFileName
    if isSymbolicLink(headFile) { throw StoreError.symbolicLink(path: headFile) }
    let previousLine = try lastCompleteLine(of: file)
    guard let count = try readHead(folder)?.lines else {
      throw StoreError.corrupt(
        path: folder + "/" + headFileName, reason: "missing; run redline verify")
    }
    let line = try encodeJSON(storedForm(of: check, previousLine: previousLine), pretty: false)
    var first = before
    if previousLine == nil { first.add(folder: folder) }
    let activity = try activityIndexLines(
      check, previousLine: previousLine.map(Array.init), folder: folder)
    if !activity.isEmpty { try first.appendLine(Array(activity.joined()), to: activityFilePath) }
    try first.finish()
    var second = SyncRound(syncing: syncsWrites)
    try second.appendLine(line + [UInt8(ascii: "\n")], to: file)
    let head = try second.createTemporaryFile(
      try encodeJSON(HistoryHead(lines: count + 1, last: historyLineHash(line)), pretty: true),
      in: folder)
    do {
      try second.finish()
    } catch {
      unlink(head)
      throw error
    }
    try renameFile(head, to: headFile)
    if syncsWrites, !folderSyncFollows { syncFolder(folder) }
  }

  func readHead(_ folder: String) throws -> HistoryHead? {
    let file = folder + "/" + headFileName
    guard FileManager.default.fileExists(atPath: file) else { return nil }
    return try decode(HistoryHead.self, from: file)
  }

  func writeHead(_ head: HistoryHead, in folder: String) throws {
    try writeAtomically(
      try encodeJSON(head, pretty: true), to: folder + "/" + headFileName, sync: syncsWrites)
  }

  /// A crash between an append and the head's rewrite leaves the head one line behind: the
  /// last line then chains to the head (or, for a page's first line, the head records no
  /// line), and the head is moved to it.
  private func catchUpHead(in folder: String) throws -> Bool {
    // A damaged head is left for verify to report, never overwritten.
    guard let head = (try? readHead(folder)) ?? nil,
      let last = try lastCompleteLine(of: folder + "/history.jsonl"),
      historyLineHash(last) != head.last,
      let entry = decodeHistoryLine(last[...]),
      entry.previous == (head.lines == 0 ? nil : head.last)
    else { return false }
    try writeHead(HistoryHead(lines: head.lines + 1, last: historyLineHash(last)), in: folder)
    return true
  }

  /// Refuses to write to a page that holds a symbolic link, whose history no longer ends where
  /// its head says, or whose `page.json`, head or history is gone while the others record
  /// checks: writing would follow the link, or rebuild what was removed and erase the evidence. Such a page is skipped, with an error naming it,
  /// until `redline repair` records the damage. Reads only the head and the history's last
  /// line. Call under the page lock, after recovery.
  /// - Throws: `StoreError.corrupt` naming the damaged file.
  func refuseDamage(in folder: String, pageFileMissing: Bool) throws {
    // A link anywhere in the folder: the page is not written until it is gone.
    for name in try contents(of: folder).sorted() where isSymbolicLink(folder + "/" + name) {
      throw StoreError.symbolicLink(path: folder + "/" + name)
    }
    let historyFile = folder + "/history.jsonl"
    let headFile = folder + "/" + headFileName
    let last = try lastCompleteLine(of: historyFile)
    let headExists = FileManager.default.fileExists(atPath: headFile)
    func damaged(_ path: String, _ reason: String) -> StoreError {
      .corrupt(path: path, reason: reason + "; see redline verify, then redline repair")
    }
    if pageFileMissing {
      guard last == nil, !headExists || ((try? readHead(folder))??.lines == 0) else {
        throw damaged(folder + "/page.json", "missing while the page has a history")
      }
      return
    }
    guard headExists else {
      if last != nil { throw damaged(headFile, "missing while the page has a history") }
      return
    }
    guard let head = try? readHead(folder) else {
      throw damaged(headFile, "not the JSON Redline writes")
    }
    guard let last else {
      if head.lines > 0 {
        throw damaged(historyFile, "missing or emptied; head.json records lines")
      }
      return
    }
    if head.last != historyLineHash(last) {
      throw damaged(historyFile, "does not end where head.json says (lines removed or altered)")
    }
  }

  /// Finishes or removes what a run killed mid-write left in a page folder: temporary files
  /// go, a history line without its newline is cut off, pending capture files whose check is
  /// in the history are renamed into place and the others removed. Call under the page lock.
  /// - Returns: how many leftovers were repaired.
  @discardableResult
  func recoverInterruptedWrites(in folder: String) throws -> Int {
    var repaired = 0
    let names = try contents(of: folder)
    for name in names where name.hasPrefix(temporaryPrefix) {
      unlink(folder + "/" + name)
      repaired += 1
    }
    let historyFile = folder + "/history.jsonl"
    let descriptor = open(historyFile, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
    if descriptor >= 0 {
      defer { close(descriptor) }
      if try cutTornTail(descriptor, path: historyFile) {
        repaired += 1
        if syncsWrites { fsync(descriptor) }
      }
    }
    if try catchUpHead(in: folder) { repaired += 1 }
    let pending = names.filter { $0.hasPrefix(pendingPrefix) }
    if !pending.isEmpty {
      let committed = try committedTimes(historyFile)
      for name in pending {
        let final = String(name.dropFirst(pendingPrefix.count))
        let time = String(final.prefix(16))
        if committed.contains(time), !FileManager.default.fileExists(atPath: folder + "/" + final) {
          _ = rename(folder + "/" + name, folder + "/" + final)
        } else {
          unlink(folder + "/" + name)
        }
        repaired += 1
      }
    }
    if repaired > 0, syncsWrites { syncFolder(folder) }
    return repaired
  }

  /// The times whose files the history accounts for: captures, and checks with a kept raw body.
  private func committedTimes(_ historyFile: String) throws -> Set<String> {
    guard FileManager.default.fileExists(atPath: historyFile) else { return [] }
    var times: Set<String> = []
    for entry in try resolvedHistory(historyLines(try readFile(historyFile)), file: historyFile) {
      if entry.storedCapture, let capture = entry.capture { times.insert(capture.description) }
      if entry.rawKept == true { times.insert(entry.time.description) }
    }
    return times
  }
}

/// The lock file in each page folder (empty; `flock` is taken on it).
let lockFileName = ".lock"
