import FoundationEssentials
import Notifying
import SnapshotStore

/// The `notify` use cases: the store-wide targets and webhook secret kept in the store's
/// settings, and the deliveries waiting in its queue.
public struct NotificationSettings: Sendable {
  let store: any SnapshotStoring

  /// Creates the use cases over a store.
  public init(store: any SnapshotStoring) { self.store = store }

  /// Adds a store-wide target (as written, once).
  /// - Returns: false when the store already had it.
  /// - Throws: `NotificationError.badTarget` for a target that cannot be read.
  @discardableResult
  public func add(_ text: String, now: Date = Date()) throws -> Bool {
    let target = try NotificationTarget(parsing: text).description
    var settings = try store.settings()
    guard !settings.notify.contains(target) else { return false }
    try store.prepareForWriting()
    settings.notify.append(target)
    // Edits stored before the first target are not news: runs look back no further.
    if settings.announcingSince == nil { settings.announcingSince = CaptureTime(now) }
    try store.saveSettings(settings)
    return true
  }

  /// Removes a store-wide target. Its pending deliveries stay queued (and keep being tried)
  /// until delivered: what was queued is never dropped.
  /// - Returns: false when the store did not have it.
  @discardableResult
  public func remove(_ text: String) throws -> Bool {
    var settings = try store.settings()
    let written = (try? NotificationTarget(parsing: text).description) ?? text
    guard let index = settings.notify.firstIndex(of: written) else { return false }
    settings.notify.remove(at: index)
    try store.saveSettings(settings)
    return true
  }

  /// The store-wide targets, as written.
  public func targets() throws -> [String] { try store.settings().notify }

  /// Keeps (or, with nil, forgets) the webhook secret in the store's settings.
  public func setWebhookSecret(_ secret: String?) throws {
    var settings = try store.settings()
    try store.prepareForWriting()
    settings.webhookSecret = secret
    try store.saveSettings(settings)
  }

  /// Every delivery still waiting, oldest first.
  public func pending() throws -> [QueuedDelivery] { try store.pendingDeliveries() }
}
