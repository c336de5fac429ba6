import FoundationEssentials
import HTTPFetching
import Notifying
import SnapshotStore

/// What a run knows about delivering, from its options and the environment: the secret, the
/// SMTP server, the sender. The store's settings fill in what these leave out.
public struct NotificationOptions: Sendable {
  /// `REDLINE_WEBHOOK_SECRET`; else the store's `webhookSecret`.
  public var webhookSecret: String?
  /// `--smtp` or `REDLINE_SMTP`, with `--smtp-require-tls`, and the credentials of
  /// `REDLINE_SMTP_USER` / `REDLINE_SMTP_PASSWORD` (else ~/.netrc).
  public var smtp: SMTPServer?
  /// `REDLINE_MAIL_FROM`, else `redline@localhost`.
  public var mailFrom: String
  /// `--mail-per change|run`.
  public var mailGrouping: DeliverySettings.MailGrouping
  /// The wait before a webhook's second try within the run (doubled each time).
  public var retryDelay: Duration

  /// Creates options.
  public init(
    webhookSecret: String? = nil, smtp: SMTPServer? = nil, mailFrom: String? = nil,
    mailGrouping: DeliverySettings.MailGrouping = .change, retryDelay: Duration = .seconds(1)
  ) {
    self.webhookSecret = webhookSecret
    self.smtp = smtp
    self.mailFrom = mailFrom ?? "redline@localhost"
    self.mailGrouping = mailGrouping
    self.retryDelay = retryDelay
  }
}

/// The notification use case of `snapshot`: the edits a run found, to the store's targets and
/// the run's own (`--notify`), through the store's queue; and what earlier runs could not
/// deliver. Per-page targets (a watch list's) use the same `Notifier` with their own targets.
public struct EditNotifications: Sendable {
  let store: any SnapshotStoring
  let options: NotificationOptions
  let transport: any DeliveryTransport

  /// Creates the use case over a store.
  public init(
    store: any SnapshotStoring, options: NotificationOptions,
    transport: any DeliveryTransport = SystemTransport()
  ) {
    self.store = store
    self.options = options
    self.transport = transport
  }

  /// The store's targets and the run's, each once, store's first.
  /// - Throws: `NotificationError.badTarget` for a stored target this Redline cannot read.
  public func targets(adding runTargets: [NotificationTarget]) throws -> [NotificationTarget] {
    var targets: [NotificationTarget] = []
    for text in try store.settings().notify {
      let target = try NotificationTarget(parsing: text)
      if !targets.contains(target) { targets.append(target) }
    }
    for target in runTargets where !targets.contains(target) { targets.append(target) }
    return targets
  }

  /// Queues the edits among `reports` for every target, and the edits stored since a day before
  /// the last announcing run started (a run killed between storing a capture and queuing its
  /// notification left those unqueued; the idempotency keys keep the rest from being queued
  /// twice), then delivers everything pending.
  /// - Throws: `StoreError` when the queue cannot be written; nothing was sent then, and the
  ///   captures are stored all the same.
  /// - Parameters:
  ///   - reports: The run's reports; its changed posts are the run's edits.
  ///   - runTargets: The run's own targets (`--notify`), beside the store's.
  ///   - pageTargets: Targets of single pages (a watch list's `--notify`), by page URL as the
  ///     store names it (`normalizedPageURL`): that page's edits go to them too.
  ///   - now: The time recorded as the last announcing run's.
  public func notify(
    _ reports: [PageReport], runTargets: [NotificationTarget],
    pageTargets: [String: [NotificationTarget]] = [:], now: Date = Date()
  ) async throws -> DeliveryReport {
    let targets = try targets(adding: runTargets)
    let announcing = !targets.isEmpty || pageTargets.values.contains { !$0.isEmpty }
    var events: [EditEvent] = []
    if announcing {
      events = try editEvents(reports)
      let settings = try store.settings()
      if let through = settings.announcedThrough?.date {
        let known = Set(events.map(\.id))
        let lookingBack = CaptureTime(through.addingTimeInterval(-lookBack))
        let start = max(
          lookingBack, settings.announcingSince ?? lookingBack)
        events += try editEvents(since: start).filter { !known.contains($0.id) }
      }
    }
    let notifier = try notifier()
    for event in events {
      let own = (pageTargets[event.url] ?? []).filter { !targets.contains($0) }
      try notifier.enqueue([event], to: targets + own)
    }
    if announcing {
      var settings = try store.settings()
      settings.announcedThrough = CaptureTime(now)
      if settings.announcingSince == nil { settings.announcingSince = settings.announcedThrough }
      try store.saveSettings(settings)
    }
    return try await notifier.deliverPending()
  }

  /// Delivers everything pending, without looking for edits (`redline notify deliver`).
  /// - Throws: `StoreError` when the queue cannot be read or written.
  public func deliverPending() async throws -> DeliveryReport {
    try await notifier().deliverPending()
  }

  private func notifier() throws -> Notifier {
    let stored = try store.settings()
    return Notifier(
      store: store,
      settings: DeliverySettings(
        webhookSecret: options.webhookSecret ?? stored.webhookSecret, smtp: options.smtp,
        mailFrom: options.mailFrom, mailGrouping: options.mailGrouping,
        retryDelay: options.retryDelay),
      transport: transport)
  }

  /// How far before the last announcing run's start the next one looks for edits: runs that
  /// overlap, or a capture time a little before its commit, are covered many times over.
  private let lookBack: Double = 86_400

  /// The edits stored at or after `time`, on every page, as `audit --since` finds them.
  func editEvents(since time: CaptureTime) throws -> [EditEvent] {
    let queries = ArchiveQueries(store: store)
    var events: [EditEvent] = []
    // The store's activity index names the pages with edits since then; without one, every
    // page is read.
    let pages = try store.pagesWithActivity(since: time, until: nil)?.pages ?? store.pages()
    for page in pages {
      guard
        let (audit, _) = try queries.auditPage(
          page, options: AuditOptions(since: time, generated: time))
      else { continue }
      for edit in audit.edits {
        events.append(
          editEvent(edit, url: page.url, title: audit.versions.last?.title, wordDiff: ""))
      }
    }
    return events
  }

  /// The edit events of the changed posts among `reports`, as `audit` sees each edit (the same
  /// id, labels and diff), with the run's word diff.
  public func editEvents(_ reports: [PageReport]) throws -> [EditEvent] {
    let queries = ArchiveQueries(store: store)
    var events: [EditEvent] = []
    for report in reports {
      guard case .changed = report.outcome, let time = report.capture,
        let page = try store.page(for: report.url),
        let (audit, _) = try queries.auditPage(
          page, options: AuditOptions(since: time, until: time, generated: time))
      else { continue }
      for edit in audit.edits where edit.to == time {
        events.append(
          editEvent(
            edit, url: page.url, title: audit.versions.last?.title ?? report.title,
            wordDiff: String(decoding: report.wordDiff, as: UTF8.self)))
      }
    }
    return events
  }
}

/// An audit's edit as the event every target receives.
public func editEvent(_ edit: AuditEdit, url: String, title: String?, wordDiff: String)
  -> EditEvent
{
  EditEvent(
    id: edit.id ?? editID(url: url, from: (edit.from, ""), to: (edit.to, "")), url: url,
    title: title, from: edit.from, to: edit.to,
    labels: edit.labels.map(\.rawValue),
    stealth: edit.stealth, linesAdded: edit.linesAdded, linesRemoved: edit.linesRemoved,
    diff: edit.diff, wordDiff: wordDiff)
}
