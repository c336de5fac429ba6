import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder store's settings and delivery queue, hidden at the store's root beside the host
/// folders (page listings and `verify` never take them for pages):
///
///     .settings.json                   StoreSettings
///     .notifications/.lock             flock(2) target of every queue change
///     .notifications/pending/KEY.json  a QueuedDelivery waiting (or being tried)
///     .notifications/delivered/KEY.json  the same record once delivered: its key is never queued again
///
/// Every file is written atomically (temporary file, fsync, rename, fsync of the folder), so a
/// crash leaves the old or the new record. A delivery that reached its target but whose record
/// a crash kept from moving stays pending and is sent again by the next run, with the same key
/// (the receiver can drop it); a delivered record beside a pending one means delivered.
extension FolderStore {
  var settingsPath: String { root + "/.settings.json" }
  var notificationsPath: String { root + "/.notifications" }
  private var pendingFolder: String { notificationsPath + "/pending" }
  private var deliveredFolder: String { notificationsPath + "/delivered" }

  /// The store's settings; the defaults when the file is missing.
  public func settings() throws -> StoreSettings {
    if isSymbolicLink(settingsPath) { throw StoreError.symbolicLink(path: settingsPath) }
    let bytes = try readFileIfPresent(settingsPath)
    guard !bytes.isEmpty else { return StoreSettings() }
    return try decode(StoreSettings.self, bytes: bytes, file: settingsPath)
  }

  /// Replaces the settings atomically. The file is readable by its owner only: it may hold
  /// the webhook secret.
  public func saveSettings(_ settings: StoreSettings) throws {
    try createFolder(root, sync: syncsWrites)
    try writeAtomically(try encodeJSON(settings, pretty: true), to: settingsPath, sync: syncsWrites)
    chmod(settingsPath, 0o600)
  }

  /// Queues the deliveries whose keys are neither pending nor delivered, under the queue lock.
  public func enqueueDeliveries(_ deliveries: [QueuedDelivery]) throws -> [QueuedDelivery] {
    guard !deliveries.isEmpty else { return [] }
    return try withQueueLock {
      var queued: [QueuedDelivery] = []
      for delivery in deliveries {
        let name = try fileName(forKey: delivery.key)
        let manager = FileManager.default
        guard !manager.fileExists(atPath: pendingFolder + "/" + name),
          !manager.fileExists(atPath: deliveredFolder + "/" + name),
          !queued.contains(where: { $0.key == delivery.key })
        else { continue }
        try write(delivery, to: pendingFolder + "/" + name)
        queued.append(delivery)
      }
      return queued
    }
  }

  /// Every pending delivery, oldest first (by queue time, then key).
  public func pendingDeliveries() throws -> [QueuedDelivery] {
    guard try hasQueue() else { return [] }
    return try withQueueLock { try readPending() }
  }

  /// Claims the pending deliveries no live claim holds.
  public func claimDeliveries(now: CaptureTime, until: CaptureTime) throws -> [QueuedDelivery] {
    guard try hasQueue() else { return [] }
    return try withQueueLock {
      var claimed: [QueuedDelivery] = []
      for var delivery in try readPending() {
        if let held = delivery.claimedUntil, held >= now { continue }
        delivery.claimedUntil = until
        try write(delivery, to: pendingFolder + "/" + (try fileName(forKey: delivery.key)))
        claimed.append(delivery)
      }
      return claimed
    }
  }

  /// Moves a delivered record out of the queue, or records a failed try and releases the claim.
  public func finishDelivery(_ key: String, _ result: DeliveryResult) throws {
    let name = try fileName(forKey: key)
    try withQueueLock {
      let pendingFile = pendingFolder + "/" + name
      guard FileManager.default.fileExists(atPath: pendingFile) else {
        throw StoreError.rejected(reason: "no pending delivery \(key)")
      }
      var delivery = try decode(QueuedDelivery.self, from: pendingFile)
      delivery.claimedUntil = nil
      switch result {
      case .delivered(let time):
        delivery.lastAttempt = time
        delivery.lastError = nil
        // The delivered record first: a crash between the two steps leaves both, which reads
        // as delivered.
        try write(delivery, to: deliveredFolder + "/" + name)
        guard unlink(pendingFile) == 0 else {
          throw StoreError.notWritable(path: pendingFile, reason: errnoText())
        }
        if syncsWrites { syncFolder(pendingFolder) }
      case .failed(let time, let error):
        delivery.attempts += 1
        delivery.lastAttempt = time
        delivery.lastError = error
        try write(delivery, to: pendingFile)
      }
    }
  }

  /// The pending records, without those a crash left beside their delivered record.
  private func readPending() throws -> [QueuedDelivery] {
    guard isFolder(pendingFolder) == true else { return [] }
    var result: [QueuedDelivery] = []
    for name in try folderEntries(pendingFolder) where name.hasSuffix(".json") {
      if FileManager.default.fileExists(atPath: deliveredFolder + "/" + name) { continue }
      result.append(try decode(QueuedDelivery.self, from: pendingFolder + "/" + name))
    }
    return result.sorted { ($0.queued, $0.key) < ($1.queued, $1.key) }
  }

  private func write(_ delivery: QueuedDelivery, to path: String) throws {
    try writeAtomically(try encodeJSON(delivery, pretty: true), to: path, sync: syncsWrites)
  }

  /// Whether anything was ever queued: a run with nothing to announce leaves the store as it
  /// was (no queue folders).
  private func hasQueue() throws -> Bool {
    if isSymbolicLink(notificationsPath) { throw StoreError.symbolicLink(path: notificationsPath) }
    return isFolder(notificationsPath) == true
  }

  /// Runs `body` holding the queue's lock, creating the queue's folders first.
  private func withQueueLock<T>(_ body: () throws -> T) throws -> T {
    _ = try storeFormat()
    for folder in [notificationsPath, pendingFolder, deliveredFolder] {
      if isSymbolicLink(folder) { throw StoreError.symbolicLink(path: folder) }
      try createFolder(folder, sync: syncsWrites)
    }
    return try withFileLock(notificationsPath + "/.lock", timeout: lockTimeout) {
      // Under the lock no write is in progress: a temporary file is a crashed run's leftover.
      for folder in [pendingFolder, deliveredFolder] {
        for name in try folderEntries(folder) where name.hasPrefix(temporaryPrefix) {
          unlink(folder + "/" + name)
        }
      }
      return try body()
    }
  }

  /// `KEY.json`, for a key of hex digits only: no key can name a file outside the queue.
  private func fileName(forKey key: String) throws -> String {
    guard (16...128).contains(key.utf8.count),
      key.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
    else { throw StoreError.rejected(reason: "'\(key)' is not a delivery key (lowercase hex)") }
    return key + ".json"
  }
}
