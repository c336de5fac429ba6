import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderStore {
  /// Re-hashes every capture file, checks each page's history chain and `page.json`, and
  /// reports missing, altered and orphaned files. Each page is verified under its lock, after
  /// the recovery a writer would run, so leftovers of a crashed run are not damage.
  /// - Throws: `StoreError.unreadable` when the store root is missing or cannot be listed.
  public func verify() throws -> VerificationReport {
    var report = VerificationReport()
    guard isFolder(root) else {
      throw StoreError.unreadable(path: root, reason: "no such folder")
    }
    for host in try contents(of: root).sorted() where !host.hasPrefix(".") {
      let hostPath = root + "/" + host
      guard isFolder(hostPath) else {
        report.problems.append(orphan(hostPath, "not a page folder"))
        continue
      }
      for name in try contents(of: hostPath).sorted() where !name.hasPrefix(".") {
        let folder = hostPath + "/" + name
        guard isFolder(folder) else {
          report.problems.append(orphan(folder, "not a page folder"))
          continue
        }
        let visible = try contents(of: folder).filter { !$0.hasPrefix(".") }
        // A folder whose creation was cut short before page.json holds only dot files.
        guard !visible.isEmpty else { continue }
        do {
          try withFileLock(folder + "/" + lockFileName, timeout: lockTimeout) {
            report.repaired += try recoverInterruptedWrites(in: folder)
            try verifyPage(folder, relative: host + "/" + name, into: &report)
          }
        } catch let error as StoreError {
          report.problems.append(
            StoreProblem(kind: .unchecked, path: folder, detail: String(describing: error)))
        }
      }
    }
    return report
  }

  private func verifyPage(_ folder: String, relative: String, into report: inout VerificationReport)
    throws
  {
    report.pages += 1
    var expected: Set<String> = ["page.json", "history.jsonl", headFileName]
    let pageFile = folder + "/page.json"
    if let bytes = try readIfPresent(pageFile) {
      let stored = try? decode(PageRecord.self, bytes: bytes, file: pageFile)
      let named = stored.flatMap { try? pageRecord(for: $0.url) }
      if stored == nil || named != stored || named?.folder != relative {
        report.problems.append(
          StoreProblem(
            kind: .altered, path: pageFile, detail: "does not name this folder's URL"))
      }
    } else {
      report.problems.append(StoreProblem(kind: .missing, path: pageFile, detail: "no such file"))
    }
    let historyFile = folder + "/history.jsonl"
    guard let bytes = try readIfPresent(historyFile) else {
      // A page created by a run killed before its first check has no history yet; once a
      // head exists, the history must too.
      if FileManager.default.fileExists(atPath: folder + "/" + headFileName) {
        report.problems.append(
          StoreProblem(kind: .missing, path: historyFile, detail: "head.json records lines"))
      }
      report.problems += orphans(in: folder, expected: expected)
      return
    }
    let lines = historyLines(bytes)
    var previous: ArraySlice<UInt8>?
    var entries: [HistoryEntry] = []
    let decoder = JSONDecoder()
    for (index, line) in lines.enumerated() {
      report.checks += 1
      guard let entry = try? decoder.decode(HistoryEntry.self, from: Data(line)) else {
        report.problems.append(
          StoreProblem(
            kind: .altered, path: historyFile, detail: "line \(index + 1) is not valid JSON"))
        previous = line
        continue
      }
      if entry.previous != previous.map({ historyLineHash($0) }) {
        let detail =
          index == 0
          ? "line 1 is not the first line written (lines before it were deleted)"
          : "line \(index + 1) does not chain to line \(index) (a line was altered or deleted)"
        report.problems.append(StoreProblem(kind: .altered, path: historyFile, detail: detail))
      }
      entries.append(entry)
      previous = line
    }
    verifyHead(folder, lines: lines, into: &report)
    for entry in entries {
      if entry.storedCapture, let time = entry.capture {
        report.captures += 1
        expected.formUnion(["\(time).json", "\(time).txt", "\(time).html"])
        verifyCapture(time, entry: entry, folder: folder, into: &report)
      } else if entry.rawKept == true {
        expected.insert("\(entry.time).html")
        verifyHash(
          folder + "/\(entry.time).html", entry.bodySHA256, what: "the history's body sha256",
          into: &report)
      }
    }
    report.problems += orphans(in: folder, expected: expected)
  }

  private func verifyHead(
    _ folder: String, lines: [ArraySlice<UInt8>], into report: inout VerificationReport
  ) {
    let historyFile = folder + "/history.jsonl"
    guard let head = try? readHead(folder) else {
      let exists = FileManager.default.fileExists(atPath: folder + "/" + headFileName)
      if exists || !lines.isEmpty {
        report.problems.append(
          StoreProblem(
            kind: exists ? .altered : .missing, path: folder + "/" + headFileName,
            detail: exists ? "not the JSON Redline writes" : "the history has no recorded end"))
      }
      return
    }
    if head.lines != lines.count || head.last != lines.last.map({ historyLineHash($0) }) {
      let detail =
        head.lines > lines.count
        ? "\(head.lines - lines.count) of its last lines were deleted"
        : head.lines < lines.count
          ? "\(lines.count - head.lines) lines were added after its recorded end"
          : "its last line was altered"
      report.problems.append(StoreProblem(kind: .altered, path: historyFile, detail: detail))
    }
  }

  private func verifyCapture(
    _ time: String, entry: HistoryEntry, folder: String, into report: inout VerificationReport
  ) {
    let metadataFile = folder + "/\(time).json"
    guard let bytes = try? readIfPresent(metadataFile) else {
      report.problems.append(
        StoreProblem(kind: .missing, path: metadataFile, detail: "the history records it"))
      return
    }
    if let recorded = entry.metadataSHA256, sha256Hex(bytes) != recorded {
      report.problems.append(
        StoreProblem(
          kind: .altered, path: metadataFile, detail: "sha256 differs from the history's"))
    }
    guard let metadata = try? decode(CaptureMetadata.self, bytes: bytes, file: metadataFile),
      metadata.time == time
    else {
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
      folder + "/\(time).txt", metadata.textSHA256, what: "the metadata's text sha256",
      into: &report)
    let rawFile = folder + "/\(time).html"
    if metadata.rawKept {
      verifyHash(rawFile, metadata.bodySHA256, what: "the metadata's body sha256", into: &report)
    } else if FileManager.default.fileExists(atPath: rawFile) {
      report.problems.append(orphan(rawFile, "the metadata says the raw body was not kept"))
    }
  }

  private func verifyHash(
    _ file: String, _ recorded: String?, what: String, into report: inout VerificationReport
  ) {
    guard let bytes = try? readIfPresent(file) else {
      report.problems.append(
        StoreProblem(kind: .missing, path: file, detail: "the history records it"))
      return
    }
    if let recorded, sha256Hex(bytes) != recorded {
      report.problems.append(
        StoreProblem(kind: .altered, path: file, detail: "sha256 differs from \(what)"))
    }
  }

  private func orphans(in folder: String, expected: Set<String>) -> [StoreProblem] {
    let names = (try? contents(of: folder)) ?? []
    return names.sorted().filter { $0 != lockFileName && !expected.contains($0) }.map {
      orphan(folder + "/" + $0, "no history line accounts for it")
    }
  }

  private func orphan(_ path: String, _ detail: String) -> StoreProblem {
    StoreProblem(kind: .orphaned, path: path, detail: detail)
  }

  private func readIfPresent(_ file: String) throws -> [UInt8]? {
    FileManager.default.fileExists(atPath: file) ? try readFile(file) : nil
  }

  private func isFolder(_ path: String) -> Bool {
    SnapshotStore.isFolder(path) == true
  }
}
