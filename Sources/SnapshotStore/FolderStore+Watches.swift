import FoundationEssentials
import WatchList

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderStore {
  /// The watch file, `watches.toml` at the store's root: the one file of the store a person
  /// is meant to edit.
  public var watchFilePath: String { root + "/" + WatchFile.fileName }
  /// The schedule: one fixed-width record per watch with its state (see `Schedule`).
  var schedulePath: String { root + "/.watch-schedule" }
  /// Held while the watch file or the schedule is read and rewritten.
  var watchLockPath: String { root + "/.watch-lock" }

  /// The watch file as it is; empty when there is none.
  /// - Throws: `WatchListError.malformed` when it does not parse or lists a page twice.
  public func watchFile() throws -> WatchFile {
    let bytes = try readFileIfPresent(watchFilePath)
    let file = try WatchFile.parse(String(decoding: bytes, as: UTF8.self), path: watchFilePath)
    var seen: [String: String] = [:]
    for watch in file.watches {
      let key = watchKey(watch.url)
      if let earlier = seen[key] {
        throw WatchListError.malformed(
          path: watchFilePath, line: nil,
          reason: "\(watch.url) is listed twice (also as \(earlier)); keep one [[watch]] for it")
      }
      seen[key] = watch.url
    }
    return file
  }

  /// Applies a change to the watch file, keeping its comments and order (the report says when
  /// it could not), atomically.
  public func changeWatches(_ change: WatchListChange) throws -> WatchListChangeReport {
    // Removing from a list that does not exist creates no store folder.
    if change.adding.isEmpty, !FileManager.default.fileExists(atPath: watchFilePath) {
      var report = WatchListChangeReport()
      report.notWatched = change.removing
      return report
    }
    try createFolder(root, sync: syncsWrites)
    return try withFileLock(watchLockPath, timeout: lockTimeout) {
      _ = try watchFile()
      let text = String(decoding: try readFileIfPresent(watchFilePath), as: UTF8.self)
      let report = try WatchFile.applying(
        change, to: text, path: watchFilePath, identity: watchKey)
      if report.text != text {
        try writeAtomically(Array(report.text.utf8), to: watchFilePath, sync: syncsWrites)
      }
      return report
    }
  }

  /// The schedule state of every watch, by the watch's URL as the file writes it.
  public func watchStates() throws -> [String: WatchState] {
    guard FileManager.default.fileExists(atPath: root) else { return [:] }
    return try withFileLock(watchLockPath, timeout: lockTimeout) {
      let (schedule, _) = try currentSchedule()
      let list = try readFile(compiledListPath)
      var states: [String: WatchState] = [:]
      for index in 0..<schedule.count {
        let record = schedule.record(index)
        let watch = try compiledWatch(in: list, record)
        states[watch.url] = record.state
      }
      return states
    }
  }

  /// The watches due at `time` (Unix seconds), claimed: each is pushed `lease` seconds into
  /// the future, so a run that overlaps this one does not check it too, and one that stopped
  /// before recording its checks leaves it due again after the lease.
  /// - Complexity: O(n) in the number of watches over fixed-width records of one file, and
  ///   O(d) JSON decoding for the d due watches; the watch file is parsed again only when it
  ///   changed since the schedule was compiled.
  public func claimDueWatches(at time: Int64, lease: Int64) throws -> [DueWatch] {
    guard FileManager.default.fileExists(atPath: root) else { return [] }
    return try withFileLock(watchLockPath, timeout: lockTimeout) {
      var (schedule, rebuilt) = try currentSchedule()
      let due = schedule.dueIndices(at: time)
      guard !due.isEmpty else { return [] }
      var claimed: [(ScheduleRecord, Int)] = []
      var changed: [Range<Int>] = []
      for index in due {
        let record = schedule.record(index)
        var state = record.state
        state.nextDue = time + lease
        changed.append(schedule.setState(state, at: index))
        claimed.append((record, index))
      }
      try saveSchedule(schedule, rebuilt: rebuilt, changed: changed)
      let sites = try compiledSites()
      let watches = try compiledWatches(claimed.map(\.0))
      return zip(claimed, watches).map { claim, watch in
        DueWatch(
          watch: watch, state: claim.0.state, siteRules: siteRules(for: watch.url, in: sites))
      }
    }
  }

  /// Records the states of watches after their checks, by URL; URLs no longer watched are
  /// skipped.
  public func saveWatchStates(_ states: [String: WatchState]) throws {
    guard !states.isEmpty else { return }
    try createFolder(root, sync: syncsWrites)
    try withFileLock(watchLockPath, timeout: lockTimeout) {
      var (schedule, rebuilt) = try currentSchedule()
      var byHash: [String: WatchState] = [:]
      for (url, state) in states { byHash[watchKeyHash(watchKey(url))] = state }
      var changed: [Range<Int>] = []
      for (index, hash) in schedule.indices(withKeyHashes: Set(byHash.keys)).sorted(by: {
        $0.key < $1.key
      }) {
        if let state = byHash[hash] { changed.append(schedule.setState(state, at: index)) }
      }
      try saveSchedule(schedule, rebuilt: rebuilt, changed: changed)
    }
  }

  /// Writes a schedule: whole and atomically when it was compiled in this run, else only the
  /// changed records, in place and without fsync. The schedule is derived state: a crash can
  /// lose the latest claims and states (or leave a record half written, whose damaged field
  /// reads as "due now"), and the worst that follows is a watch checked again early; the
  /// archive itself is never at stake.
  private func saveSchedule(_ schedule: Schedule, rebuilt: Bool, changed: [Range<Int>]) throws {
    if rebuilt {
      try writeAtomically(schedule.bytes, to: schedulePath, sync: syncsWrites)
    } else {
      try overwrite(schedulePath, from: schedule.bytes, ranges: changed, sync: false)
    }
  }

  /// The compiled watch list, for runs: `.watch-list` (see `Schedule`).
  var compiledListPath: String { root + "/.watch-list" }

  /// The schedule, compiled again from the watch file when the file changed since (states
  /// carried over by page), and whether it was. Call holding the watch lock.
  private func currentSchedule() throws -> (Schedule, rebuilt: Bool) {
    let fingerprint = fileFingerprint(watchFilePath)
    let stored = Schedule(bytes: try readFileIfPresent(schedulePath))
    if let stored, stored.fingerprint == fingerprint,
      try compiledListHeader()?.fingerprint == fingerprint
    {
      return (stored, false)
    }
    return (try compileSchedule(fingerprint: fingerprint, previous: stored), true)
  }

  /// Compiles `.watch-list` and `.watch-schedule` from the watch file, keeping each page's
  /// state, and writes both (the list first: a schedule never names a list it was not made
  /// with, since both carry the watch file's fingerprint).
  private func compileSchedule(fingerprint: String, previous: Schedule?) throws -> Schedule {
    let file = try watchFile()
    var states: [String: WatchState] = [:]
    if let previous {
      for index in 0..<previous.count {
        let record = previous.record(index)
        states[record.keyHash] = record.state
      }
    }
    var list = Array("\(Schedule.listMagic)\t\(fingerprint)\t".utf8)
    list += try encodeJSON(file.sites, pretty: false)
    list.append(UInt8(ascii: "\n"))
    var records: [ScheduleRecord] = []
    records.reserveCapacity(file.watches.count)
    for watch in file.watches {
      let hash = watchKeyHash(watchKey(watch.url))
      var state = states[hash] ?? WatchState()
      // A pinned interval shortened by hand takes effect now, not after the old one ends.
      if let every = watch.every, state.lastChecked > 0 {
        state.nextDue = min(state.nextDue, state.lastChecked + every.seconds)
      }
      let json = try encodeJSON(watch, pretty: false)
      records.append(
        ScheduleRecord(state: state, offset: list.count, length: json.count, keyHash: hash))
      list += json
      list.append(UInt8(ascii: "\n"))
    }
    try createFolder(root, sync: syncsWrites)
    try writeAtomically(list, to: compiledListPath, sync: syncsWrites)
    let schedule = Schedule(fingerprint: fingerprint, records: records)
    try writeAtomically(schedule.bytes, to: schedulePath, sync: syncsWrites)
    return schedule
  }

  /// The fingerprint and site rules on the first line of `.watch-list`, or nil.
  private func compiledListHeader() throws -> (fingerprint: String, sites: Data)? {
    let descriptor = open(compiledListPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var line: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4_096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return nil }
      if let newline = chunk[..<count].firstIndex(of: UInt8(ascii: "\n")) {
        line += chunk[..<newline]
        break
      }
      line += chunk[..<count]
    }
    let fields = line.split(
      separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
    guard fields.count == 3, String(decoding: fields[0], as: UTF8.self) == Schedule.listMagic
    else { return nil }
    return (String(decoding: fields[1], as: UTF8.self), Data(fields[2]))
  }

  /// The site rules of the compiled list.
  private func compiledSites() throws -> [String: ExtractionRules] {
    guard let header = try compiledListHeader() else { return [:] }
    do {
      return try JSONDecoder().decode([String: ExtractionRules].self, from: header.sites)
    } catch {
      throw StoreError.corrupt(path: compiledListPath, reason: "its site rules do not decode")
    }
  }

  /// The watches of some records, read from `.watch-list` line by line (pread: the file is
  /// never read whole for a run) and decoded together, as one JSON array.
  private func compiledWatches(_ records: [ScheduleRecord]) throws -> [Watch] {
    let path = compiledListPath
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { throw openError(path, writing: false) }
    defer { close(descriptor) }
    var array: [UInt8] = [UInt8(ascii: "[")]
    array.reserveCapacity(records.reduce(2) { $0 + $1.length + 1 })
    for (index, record) in records.enumerated() {
      if index > 0 { array.append(UInt8(ascii: ",")) }
      let start = array.count
      array += repeatElement(0, count: record.length)
      let count = array.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress.map { $0 + start }, record.length, off_t(record.offset))
      }
      guard count == record.length else {
        throw StoreError.corrupt(path: path, reason: "shorter than its schedule says")
      }
    }
    array.append(UInt8(ascii: "]"))
    do {
      return try JSONDecoder().decode([Watch].self, from: Data(array))
    } catch {
      throw StoreError.corrupt(path: path, reason: "a watch does not decode")
    }
  }

  /// A watch from the whole `.watch-list`, by its record.
  private func compiledWatch(in list: [UInt8], _ record: ScheduleRecord) throws -> Watch {
    guard record.offset >= 0, record.offset + record.length <= list.count,
      let watch = try? JSONDecoder().decode(
        Watch.self, from: Data(list[record.offset..<record.offset + record.length]))
    else {
      throw StoreError.corrupt(path: compiledListPath, reason: "a watch does not decode")
    }
    return watch
  }

  /// The identity of a watched URL: the page it names.
  func watchKey(_ url: String) -> String {
    (try? normalizedPageURL(url)) ?? url
  }
}

/// What identifies the watch file's version: size, modification time and inode (an atomic
/// replacement changes the inode even within one clock tick).
private func fileFingerprint(_ path: String) -> String {
  var status = stat()
  guard lstat(path, &status) == 0 else { return "none" }
  return "\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)-\(status.st_ino)"
}
