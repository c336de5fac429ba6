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
  /// The schedule: one line per watch with its state, so a `--due` run reads one file.
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
      let schedule = try currentSchedule()
      var states: [String: WatchState] = [:]
      for entry in schedule.entries { states[entry.url] = entry.state }
      return states
    }
  }

  /// The watches due at `time` (Unix seconds), claimed: each is pushed `lease` seconds into
  /// the future, so a run that overlaps this one does not check it too, and one that stopped
  /// before recording its checks leaves it due again after the lease.
  /// - Complexity: O(n) in the number of watches, reading one file; the watch file is parsed
  ///   again only when it changed since the schedule was last written.
  public func claimDueWatches(at time: Int64, lease: Int64) throws -> [DueWatch] {
    guard FileManager.default.fileExists(atPath: root) else { return [] }
    return try withFileLock(watchLockPath, timeout: lockTimeout) {
      var schedule = try currentSchedule()
      var due: [DueWatch] = []
      for index in schedule.entries.indices where schedule.entries[index].state.nextDue <= time {
        let entry = schedule.entries[index]
        let watch = try schedule.watch(at: index)
        due.append(
          DueWatch(watch: watch, state: entry.state, siteRules: schedule.siteRules(for: watch.url)))
        schedule.entries[index].state.nextDue = time + lease
      }
      if !due.isEmpty || schedule.rebuilt {
        try writeAtomically(schedule.encoded(), to: schedulePath, sync: syncsWrites)
      }
      return due
    }
  }

  /// Records the states of watches after their checks, by URL; URLs no longer watched are
  /// skipped.
  public func saveWatchStates(_ states: [String: WatchState]) throws {
    guard !states.isEmpty else { return }
    try createFolder(root, sync: syncsWrites)
    try withFileLock(watchLockPath, timeout: lockTimeout) {
      var schedule = try currentSchedule()
      let byKey = Dictionary(
        states.map { (watchKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
      for index in schedule.entries.indices {
        if let state = byKey[schedule.entries[index].key] {
          schedule.entries[index].state = state
        }
      }
      try writeAtomically(schedule.encoded(), to: schedulePath, sync: syncsWrites)
    }
  }

  /// The schedule, rebuilt from the watch file when the file changed since it was written
  /// (states carried over by page). Call holding the watch lock.
  private func currentSchedule() throws -> Schedule {
    let fingerprint = fileFingerprint(watchFilePath)
    let bytes = try readFileIfPresent(schedulePath)
    let stored = try Schedule(decoding: bytes, path: schedulePath)
    if let stored, stored.fingerprint == fingerprint { return stored }
    let file = try watchFile()
    var previous: [String: WatchState] = [:]
    for entry in stored?.entries ?? [] { previous[entry.key] = entry.state }
    var schedule = Schedule(fingerprint: fingerprint, sites: file.sites)
    schedule.rebuilt = true
    for watch in file.watches {
      let key = watchKey(watch.url)
      var state = previous[key] ?? WatchState()
      // A pinned interval shortened by hand takes effect now, not after the old one ends.
      if let every = watch.every, state.lastChecked > 0 {
        state.nextDue = min(state.nextDue, state.lastChecked + every.seconds)
      }
      schedule.entries.append(
        try ScheduleEntry(key: key, url: watch.url, state: state, watch: watch))
    }
    return schedule
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
