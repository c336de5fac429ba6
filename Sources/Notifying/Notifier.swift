import FoundationEssentials
import HTTPFetching
import SnapshotStore

/// How a run delivers: the secret, the SMTP server and mail settings, and the retry policy.
public struct DeliverySettings: Sendable {
  /// Whether a mailto: target gets one mail per edit or one per run with every edit.
  public enum MailGrouping: String, Sendable, CaseIterable {
    /// One mail per edit.
    case change
    /// One mail per run and target, with every edit it delivers.
    case run
  }

  /// The key webhook bodies are signed with; webhooks fail (and stay queued) without one.
  public var webhookSecret: String?
  /// The SMTP server of mailto: targets; they fail (and stay queued) without one.
  public var smtp: SMTPServer?
  /// The envelope and `From:` address of mails.
  public var mailFrom: String
  /// One mail per edit, or per run.
  public var mailGrouping: MailGrouping
  /// Tries of a webhook within one run (the first included).
  public var webhookAttempts: Int
  /// The wait before the second try; doubled before each next one.
  public var retryDelay: Duration
  /// Longest run of an exec: command.
  public var commandTimeout: Duration
  /// How long a run's claim on a delivery holds before another run may take it over (a run
  /// killed mid-delivery leaves its claims behind).
  public var claimSeconds: Int
  /// The longest one delivery can take (every try of a webhook, a command's timeout): a
  /// delivery is started only while the claim has that long left, so no other run can take it
  /// over while it is being sent.
  public var deliverySeconds: Int

  /// Creates settings.
  public init(
    webhookSecret: String? = nil, smtp: SMTPServer? = nil, mailFrom: String = "redline@localhost",
    mailGrouping: MailGrouping = .change, webhookAttempts: Int = 3,
    retryDelay: Duration = .seconds(1), commandTimeout: Duration = .seconds(60),
    claimSeconds: Int = 900, deliverySeconds: Int = 150
  ) {
    self.webhookSecret = webhookSecret
    self.smtp = smtp
    self.mailFrom = mailFrom
    self.mailGrouping = mailGrouping
    self.webhookAttempts = max(1, webhookAttempts)
    self.retryDelay = retryDelay
    self.commandTimeout = commandTimeout
    self.claimSeconds = claimSeconds
    self.deliverySeconds = deliverySeconds
  }
}

/// What a run's deliveries came to.
public struct DeliveryReport: Sendable, Equatable {
  /// One delivery tried in this run.
  public struct Attempt: Sendable, Equatable {
    /// The target as written.
    public let target: String
    /// The edit's id.
    public let event: String
    /// The idempotency key.
    public let key: String
    /// Why it failed; nil when delivered.
    public let error: String?
  }

  /// Deliveries queued by this run (new (edit, target) pairs).
  public var queued = 0
  /// Every delivery tried, in order.
  public var attempts: [Attempt] = []

  /// The deliveries that failed and stay queued for the next run.
  public var failures: [Attempt] { attempts.filter { $0.error != nil } }
  /// The deliveries made.
  public var delivered: [Attempt] { attempts.filter { $0.error == nil } }
}

/// The notification use case: queues each edit for each target, once per (edit, target), in
/// the store, then delivers everything pending, this run's and what earlier runs failed to
/// deliver. A failed delivery stays queued, with why, for the next run; a delivered one is
/// never sent again. The queue is the store's (`SnapshotStoring`), so it survives a crash.
///
///     let notifier = Notifier(store: store, settings: DeliverySettings(webhookSecret: secret))
///     let report = await notifier.notify(events, to: [try NotificationTarget(parsing: text)])
public struct Notifier: Sendable {
  let store: any SnapshotStoring
  let settings: DeliverySettings
  let transport: any DeliveryTransport
  let now: @Sendable () -> Date

  /// Creates a notifier over a store.
  public init(
    store: any SnapshotStoring, settings: DeliverySettings,
    transport: any DeliveryTransport = SystemTransport(),
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.store = store
    self.settings = settings
    self.transport = transport
    self.now = now
  }

  /// The idempotency key of (edit, target): 32 hex digits of SHA-256 over both.
  public static func deliveryKey(event: String, target: NotificationTarget) -> String {
    String(sha256Hex(Array((event + "\n" + target.description).utf8)).prefix(32))
  }

  /// Queues each event for each target, then delivers every pending delivery.
  /// - Throws: `StoreError` when the queue cannot be written (nothing was sent then).
  public func notify(_ events: [EditEvent], to targets: [NotificationTarget]) async throws
    -> DeliveryReport
  {
    var report = DeliveryReport()
    report.queued = try enqueue(events, to: targets).count
    let delivered = try await deliverPending()
    report.attempts = delivered.attempts
    return report
  }

  /// Queues each event for each target; pairs queued before (pending or delivered) are left out.
  /// - Returns: the deliveries queued now.
  @discardableResult
  public func enqueue(_ events: [EditEvent], to targets: [NotificationTarget]) throws
    -> [QueuedDelivery]
  {
    let time = CaptureTime(now())
    var deliveries: [QueuedDelivery] = []
    for event in events {
      let payload = String(decoding: event.json(), as: UTF8.self)
      for target in targets {
        deliveries.append(
          QueuedDelivery(
            key: Self.deliveryKey(event: event.id, target: target), event: event.id,
            target: target.description, payload: payload, queued: time))
      }
    }
    return try store.enqueueDeliveries(deliveries)
  }

  /// Claims every pending delivery no other run holds and tries each; records every result.
  /// - Throws: `StoreError` when the queue cannot be read or written.
  public func deliverPending() async throws -> DeliveryReport {
    let start = now()
    let claimEnd = start.addingTimeInterval(Double(settings.claimSeconds))
    let claimed = try store.claimDeliveries(
      now: CaptureTime(start), until: CaptureTime(claimEnd))
    var report = DeliveryReport()
    var mails: [String: [QueuedDelivery]] = [:]
    var mailOrder: [String] = []
    for delivery in claimed {
      guard now().addingTimeInterval(Double(settings.deliverySeconds)) < claimEnd else {
        try finish(
          delivery, error: "\(delivery.target): not tried: this run's claim on it ran out",
          into: &report)
        continue
      }
      let target: NotificationTarget
      do {
        target = try NotificationTarget(parsing: delivery.target)
      } catch {
        try finish(delivery, error: error.description, into: &report)
        continue
      }
      if case .mailto(let address) = target, settings.mailGrouping == .run {
        if mails[address] == nil { mailOrder.append(address) }
        mails[address, default: []].append(delivery)
        continue
      }
      let error = await deliver([delivery], to: target)
      try finish(delivery, error: error, into: &report)
    }
    for address in mailOrder {
      let group = mails[address] ?? []
      let error =
        now().addingTimeInterval(Double(settings.deliverySeconds)) < claimEnd
        ? await deliver(group, to: .mailto(address: address))
        : "mailto:\(address): not tried: this run's claim on it ran out"
      for delivery in group { try finish(delivery, error: error, into: &report) }
    }
    return report
  }

  private func finish(_ delivery: QueuedDelivery, error: String?, into report: inout DeliveryReport)
    throws
  {
    let time = CaptureTime(now())
    try store.finishDelivery(
      delivery.key, error.map { .failed(time: time, error: $0) } ?? .delivered(time: time))
    report.attempts.append(
      DeliveryReport.Attempt(
        target: delivery.target, event: delivery.event, key: delivery.key, error: error))
  }

  /// Delivers these (one, or a run's mails to one address); nil when delivered, else why not.
  private func deliver(_ deliveries: [QueuedDelivery], to target: NotificationTarget) async
    -> String?
  {
    guard let first = deliveries.first else { return nil }
    let body = Array(first.payload.utf8)
    switch target {
    case .webhook(let url):
      return await postWebhook(url, body: body, key: first.key)
    case .exec(let command):
      let failure = await transport.run(
        command, input: body,
        environment: [
          "REDLINE_EVENT_ID": first.event, "REDLINE_DELIVERY_KEY": first.key,
          "REDLINE_EVENT_URL": event(of: first)?.url ?? "",
        ], timeout: settings.commandTimeout)
      return failure.map { "exec:\(command): \($0)" }
    case .mailto(let address):
      guard let server = settings.smtp else {
        return "mailto:\(address): " + NotificationError.noSMTPServer.description
      }
      let events = deliveries.compactMap(event(of:))
      guard events.count == deliveries.count else {
        return "mailto:\(address): "
          + NotificationError.unreadablePayload(key: first.key).description
      }
      let message = composeMail(
        events: events, from: settings.mailFrom, to: address, key: first.key,
        date: mailDate(now()))
      let sent = await transport.sendMail(
        OutgoingMail(from: settings.mailFrom, recipients: [address], message: message),
        through: server)
      if case .failure(let error) = sent { return "mailto:\(address): \(error)" }
      return nil
    }
  }

  /// POSTs with in-run retries: a connection failure, 408, 429 or a 5xx is tried again after
  /// `retryDelay`, doubled each time, up to `webhookAttempts` tries; another status is final.
  private func postWebhook(_ url: String, body: [UInt8], key: String) async -> String? {
    guard let secret = settings.webhookSecret, !secret.isEmpty else {
      return "webhook:\(url): " + NotificationError.noWebhookSecret.description
    }
    var wait = settings.retryDelay
    var failure = ""
    for attempt in 1...settings.webhookAttempts {
      let timestamp = Int(now().timeIntervalSince1970)
      let headers = webhookHeaders(secret: secret, key: key, timestamp: timestamp, body: body)
      let retryable: Bool
      switch await transport.post(url, body: body, headers: headers) {
      case .success(let status) where (200..<300).contains(status):
        return nil
      case .success(let status):
        failure = "webhook:\(url): HTTP \(status)"
        retryable = status == 408 || status == 429 || status >= 500
      case .failure(let error):
        failure = "webhook:\(url): \(error)"
        retryable = true
      }
      guard retryable, attempt < settings.webhookAttempts, !Task.isCancelled else { break }
      try? await Task.sleep(for: wait)
      wait = wait * 2
    }
    return failure
  }

  private func event(of delivery: QueuedDelivery) -> EditEvent? {
    try? JSONDecoder().decode(EditEvent.self, from: Data(delivery.payload.utf8))
  }
}
