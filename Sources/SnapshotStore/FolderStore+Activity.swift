import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store's activity index, `.activity.log` (format 3): one line for every history line that
/// can make an audit entry (an edit, a failure, a redirect, a return, a repair, and the first
/// check after any of these), `TIME FOLDER OUTCOME`. Most checks of a big store are
/// quiet (the first capture and unchanged checks): they are not indexed, so `audit --since`
/// reads the few pages the index names instead of every page's history.
///
/// The line is appended before the history line it indexes, so a crash between the two leaves
/// an extra entry (the audit reads one page for nothing), never a missing one.
extension FolderStore {
  var activityFilePath: String { root + "/" + activityFileName }

  /// The index line of a history line of the page in `folder` (relative to the root).
  static func activityLine(_ entry: HistoryEntry, folder: String) -> [UInt8] {
    Array("\(entry.time) \(folder) \(entry.outcome.rawValue)\n".utf8)
  }

  /// Appends the index lines of `entry` when it is activity, fsynced. Call before the history
  /// line.
  func indexActivity(_ entry: HistoryEntry, previousLine: [UInt8]?, folder: String) throws {
    for line in try activityIndexLines(entry, previousLine: previousLine, folder: folder) {
      try appendLine(line, to: activityFilePath, sync: syncsWrites)
    }
  }

  /// The index lines of `entry` when it is activity, for the caller to append (fsynced) before
  /// the history line.
  ///
  /// Activity is decided in time order. A line appended in time order follows the line before
  /// it in the file; one taken into the page's past (or appended after such a line) is placed
  /// in the page's timeline, and the check that follows it in time is indexed too when it
  /// becomes activity (the first capture, now an edit of the imported one).
  func activityIndexLines(_ entry: HistoryEntry, previousLine: [UInt8]?, folder: String) throws
    -> [[UInt8]]
  {
    let previous = previousLine.flatMap { decodeHistoryLine($0[...]) }
    let relative =
      folder.hasPrefix(root + "/") ? String(folder.dropFirst(root.count + 1)) : folder
    var lines: [HistoryEntry] = []
    if entry.isBackfilled || previous?.isBackfilled == true {
      let file = folder + "/history.jsonl"
      // The history the check just read (the store's cache): no second parse.
      let timeline = try historyCache.history(at: file) { bytes in
        try resolvedHistory(historyLines(bytes), file: file)
      }
      let before = timeline.last { $0.time < entry.time }
      if entry.isActivity(after: before) { lines.append(entry) }
      if let after = timeline.first(where: { $0.time > entry.time }), after.isActivity(after: entry)
      {
        lines.append(after)
      }
    } else if entry.isActivity(after: previous) {
      lines.append(entry)
    }
    return lines.map { Self.activityLine($0, folder: relative) }
  }

  /// The pages an audit of the period from `since` through `until` (store times, inclusive,
  /// either open) must read: those with indexed activity in the period. Every edit and event
  /// an audit reports happens at an activity line (an edit at a `changed` line, a removal at a
  /// failure, a move at a redirect, a return at the first settled check after them). Nil when
  /// the store has no index (format 2 or older): read every page then.
  public func pagesWithActivity(since: CaptureTime?, until: CaptureTime?) throws -> PageListing? {
    guard try storeFormat() >= 3 else { return nil }
    var inPeriod: Set<String> = []
    // Each line's time is read from its bytes. Text that is not a store time (a damaged line)
    // compares as text, as it did.
    for line in historyLines(try readFileIfPresent(activityFilePath)) {
      let fields = line.split(separator: UInt8(ascii: " "))
      guard fields.count >= 3 else { continue }
      let inside: Bool
      if let time = CaptureTime(utf8: fields[0]) {
        inside = (since.map { time >= $0 } ?? true) && (until.map { time <= $0 } ?? true)
      } else {
        let text = String(decoding: fields[0], as: UTF8.self)
        inside =
          (since.map { text >= $0.description } ?? true)
          && (until.map { text <= $0.description } ?? true)
      }
      if inside { inPeriod.insert(String(decoding: fields[1], as: UTF8.self)) }
    }
    var pages: [PageRecord] = []
    var unreadable: [String] = []
    for folder in inPeriod.sorted() {
      // Only names the store writes: an index line cannot lead a reader out of the store.
      guard
        folder.utf8.allSatisfy({ byte in
          isFolderNameByte(byte) || byte == UInt8(ascii: "/")
        }), !folder.contains(".."), folder.split(separator: "/").count == 2
      else {
        unreadable.append("\(activityFilePath): not a page folder: \(folder)")
        continue
      }
      let file = root + "/" + folder + "/page.json"
      do {
        pages.append(try storedPageRecord(try readFile(file), file: file))
      } catch {
        unreadable.append(String(describing: error))
      }
    }
    return PageListing(pages: pages, unreadable: unreadable)
  }

  /// Writes the index again from every page's history (after `verify` found it damaged), under
  /// the store lock. Run it while no snapshot runs: a check appended during the rebuild may be
  /// left out (verify would say so).
  public func rebuildActivityIndex() throws {
    guard try storeFormat() >= 3 else { return }
    try withFileLock(root + "/" + storeLockFileName, timeout: lockTimeout) {
      try buildActivityIndex()
    }
  }

  /// Writes the index of every page's history (the step from format 2 to 3), atomically; the
  /// caller holds the store lock. A store written by an older Redline is read page by page
  /// until then.
  func buildActivityIndex() throws {
    var index: [UInt8] = []
    for page in try readablePages().pages {
      var previous: HistoryEntry?
      for entry in (try? readableHistory(of: page).entries) ?? [] {
        if entry.isActivity(after: previous) {
          index += Self.activityLine(entry, folder: page.folder)
        }
        previous = entry
      }
    }
    try writeAtomically(index, to: activityFilePath, sync: syncsWrites)
  }
}

extension HistoryEntry {
  /// Whether this check is activity, what an audit can report: anything but a quiet check
  /// (the page's first capture, or `unchanged`, at the page's own URL, after a check that also
  /// left the page at its own URL with its own article). The activity index holds exactly
  /// these lines. A `new` line with a line before it in time is activity: it follows a
  /// capture imported into the page's past, against which it may be an edit.
  public func isActivity(after previous: HistoryEntry?) -> Bool {
    guard [.new, .unchanged].contains(outcome), finalURL == nil else { return true }
    guard let previous else { return false }
    return outcome == .new || !previous.leavesPageSettled
  }

  /// Whether the page stood at its own URL with its own article after this check (a `back`
  /// check is such a return).
  var leavesPageSettled: Bool {
    [.new, .changed, .unchanged, .back].contains(outcome) && finalURL == nil
  }
}

/// The store's activity index file, at its root.
let activityFileName = ".activity.log"
/// The store-wide lock file, at its root: held while the store's format is raised.
let storeLockFileName = ".lock"

/// Bytes of the names the store gives host and page folders.
private func isFolderNameByte(_ byte: UInt8) -> Bool {
  (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
}
