import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `repair` did to a page.
public struct RepairResult: Sendable, Equatable {
  /// The damage found and recorded in the page's history; empty when there was none. Files no
  /// history line accounted for (after a history was deleted, say) are among it: recorded,
  /// never deleted.
  public var recorded: [StoreProblem]
  /// The time of the `repaired` history line; nil when nothing was recorded.
  public var time: CaptureTime?
}

extension FolderStore {
  /// Records the damage of one page in its history and lets its checks go on: the explicit
  /// step after which `snapshot` writes to the page again. Nothing is hidden: a `repaired`
  /// line (chained to the history's last line as it is now) lists every problem found and the
  /// capture files accepted as lost, which are no longer read; a missing or garbled
  /// `page.json` is written again and the head moved to the new line. `verify` reports the
  /// recorded damage as `repaired` from then on, forever, and `audit` shows it.
  ///
  /// - Parameters:
  ///   - url: The page.
  ///   - time: The repair's time (`YYYYMMDDTHHMMSSZ`); moved past the history's last line.
  /// - Throws: `StoreError.unknownPage` when the store has no folder for the URL;
  ///   `StoreError.symbolicLink` while a link is inside the page (remove it first);
  ///   `StoreError.locked` when a run holds the page.
  public func repair(_ url: String, time: CaptureTime) throws -> RepairResult {
    let record = try pageRecord(for: normalizedPageURL(url))
    let folder = try checkedPath(of: record)
    guard SnapshotStore.isFolder(folder) == true else { throw StoreError.unknownPage(url) }
    return try withFileLock(folder + "/" + lockFileName, timeout: lockTimeout) {
      try recoverInterruptedWrites(in: folder)
      var report = VerificationReport()
      try verifyPage(
        folder, relative: record.folder, listing: PageFolderEntries(folder), into: &report)
      if let link = report.problems.first(where: { $0.kind == .link }) {
        throw StoreError.symbolicLink(path: link.path)
      }
      let damage = report.problems.filter {
        [.missing, .altered, .orphaned, .unchecked].contains($0.kind)
      }
      guard !damage.isEmpty else { return RepairResult(recorded: [], time: nil) }
      let historyFile = folder + "/history.jsonl"
      let lines = historyLines(try readFileIfPresent(historyFile))
      // The latest time on record: lines taken into the past (`recorded`) carry older times.
      let lastTime = lines.compactMap(decodeHistoryLine).map {
        max($0.time, $0.recorded ?? $0.time)
      }
      .max()
      let repairTime = timeAfter(time, lastTime)
      // Capture files (and kept payloads) gone, altered or unaccounted for are lost: their
      // captures are no longer read, and verify reports them as on record.
      let lost = damage.map { FilePaths.lastComponent(of: $0.path) }.filter {
        CaptureTime.isValid(String($0.prefix(16))) || payloadHash(ofFileName: $0) != nil
      }
      let entry = HistoryEntry(
        time: repairTime, outcome: .repaired,
        error: damage.map { relative($0, to: folder) }.joined(separator: "; "),
        lostFiles: lost.isEmpty ? nil : Array(Set(lost)).sorted())
      let pageFile = folder + "/page.json"
      if damage.contains(where: { $0.path == pageFile }) {
        try writeAtomically(try encodeJSON(record, pretty: true), to: pageFile, sync: syncsWrites)
      }
      let line = try encodeJSON(storedForm(of: entry, previousLine: lines.last), pretty: false)
      try indexActivity(entry, previousLine: lines.last.map(Array.init), folder: folder)
      try appendLine(line + [UInt8(ascii: "\n")], to: historyFile, sync: syncsWrites)
      try writeHead(HistoryHead(lines: lines.count + 1, last: historyLineHash(line)), in: folder)
      return RepairResult(recorded: damage, time: repairTime)
    }
  }

  /// A problem as the repair line records it: its kind, its path within the page folder and
  /// what was wrong.
  private func relative(_ problem: StoreProblem, to folder: String) -> String {
    let path =
      problem.path.hasPrefix(folder + "/")
      ? String(problem.path.dropFirst(folder.count + 1)) : problem.path
    return "\(problem.kind.rawValue) \(path): \(problem.detail)"
  }

  /// `time`, or the second after `last` when it is not later.
  private func timeAfter(_ time: CaptureTime, _ last: CaptureTime?) -> CaptureTime {
    guard let last, time <= last, let date = last.date else { return time }
    return CaptureTime(date.addingTimeInterval(1))
  }
}
