/// One notification to deliver: an edit event's body for one target. Its `key` is the
/// idempotency key of the pair (edit, target): a store queues a key once, ever, so no edit is
/// delivered twice to one target, however many runs see it.
///
/// Invariants: `key`, `event`, `target` and `payload` never change once queued; `attempts`
/// counts the finished tries that failed.
public struct QueuedDelivery: Sendable, Codable, Equatable {
  /// The idempotency key of (edit, target): lowercase hex, also sent to the target.
  public let key: String
  /// The edit's stable id (`urn:redline:edit:…`).
  public let event: String
  /// The target as written (`webhook:URL`, `mailto:ADDRESS`, `exec:COMMAND`).
  public let target: String
  /// The JSON body delivered (the schema in docs/NOTIFICATIONS.md).
  public let payload: String
  /// When it was queued (`YYYYMMDDTHHMMSSZ` in the file).
  public let queued: CaptureTime
  /// Failed tries so far.
  public var attempts: Int
  /// When the last try ended.
  public var lastAttempt: CaptureTime?
  /// Why the last try failed.
  public var lastError: String?
  /// A run that claimed this delivery owns it until then; nil when unclaimed.
  public var claimedUntil: CaptureTime?

  /// Creates a delivery not yet tried.
  public init(key: String, event: String, target: String, payload: String, queued: CaptureTime) {
    self.key = key
    self.event = event
    self.target = target
    self.payload = payload
    self.queued = queued
    attempts = 0
  }
}

/// How one try of a claimed delivery ended.
public enum DeliveryResult: Sendable, Equatable {
  /// The target accepted it at this time: it leaves the queue and is never sent again.
  case delivered(time: CaptureTime)
  /// The target refused it or could not be reached: it stays queued for the next run.
  case failed(time: CaptureTime, error: String)
}

/// Settings kept in the store and shared by every run on it.
public struct StoreSettings: Sendable, Codable, Equatable {
  /// Store-wide notification targets, as written (`redline notify add`).
  public var notify: [String]
  /// The key webhook bodies are signed with, when `REDLINE_WEBHOOK_SECRET` is not set.
  public var webhookSecret: String?
  /// When the last run that announced edits started: the next run also
  /// looks back from a day before it, so an edit stored by a run that was killed before it
  /// queued its notifications is still announced.
  public var announcedThrough: CaptureTime?
  /// When edits were first announced (or the first target added): that look-back never goes
  /// further, so edits stored before there were targets are not news.
  public var announcingSince: CaptureTime?

  /// Creates settings.
  public init(
    notify: [String] = [], webhookSecret: String? = nil, announcedThrough: CaptureTime? = nil,
    announcingSince: CaptureTime? = nil
  ) {
    self.notify = notify
    self.webhookSecret = webhookSecret
    self.announcedThrough = announcedThrough
    self.announcingSince = announcingSince
  }

  private enum CodingKeys: String, CodingKey {
    case notify, webhookSecret, announcedThrough, announcingSince
  }

  /// Reads settings; absent fields take their defaults, so older files read.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    notify = try container.decodeIfPresent([String].self, forKey: .notify) ?? []
    webhookSecret = try container.decodeIfPresent(String.self, forKey: .webhookSecret)
    announcedThrough = try container.decodeIfPresent(
      CaptureTime.self, forKey: .announcedThrough)
    announcingSince = try container.decodeIfPresent(CaptureTime.self, forKey: .announcingSince)
  }
}
