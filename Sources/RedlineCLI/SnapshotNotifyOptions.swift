import ArgumentParser
import FoundationEssentials
import HTTPFetching
import Notifying
import Redline
import SnapshotStore

/// `snapshot`'s notification options: the run's own targets, the SMTP server and how mail is
/// grouped. The store's targets (`redline notify add`) are announced to in every run.
struct SnapshotNotifyOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also announce this run's edits to TARGET: webhook:URL, mailto:ADDRESS or exec:COMMAND. Repeatable.",
      valueName: "target"))
  var notify: [String] = []

  @OptionGroup var delivery: DeliveryOptions

  func validate() throws {
    for target in notify {
      do {
        _ = try NotificationTarget(parsing: target)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }

  /// Announces the edits among `reports` and retries what earlier runs could not deliver; each
  /// failure is one line on standard error. Captures are stored whatever happens here.
  /// - Returns: whether the queue itself failed (nothing could be queued or recorded).
  func announce(
    _ reports: [PageReport], store: any SnapshotStoring, pageTargets: [String: [String]] = [:]
  ) async -> Bool {
    do {
      let report = try await EditNotifications(store: store, options: try delivery.options())
        .notify(
          reports, runTargets: try notify.map { try NotificationTarget(parsing: $0) },
          pageTargets: try pageTargets.mapValues { targets in
            try targets.map { try NotificationTarget(parsing: $0) }
          })
      delivery.printFailures(report)
      return false
    } catch {
      printError("notify: \(error)")
      return true
    }
  }
}

/// How deliveries are made: the SMTP server, mail grouping, and (hidden, for tests) the wait
/// between a webhook's tries. Shared by `snapshot` and `notify deliver`.
struct DeliveryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The SMTP server of mailto: targets (default: $REDLINE_SMTP); smtps:// for TLS from the start.",
      valueName: "smtp://host:port"))
  var smtp: String?

  @Flag(name: .long, help: "Refuse to send mail unless the SMTP server offers STARTTLS.")
  var smtpRequireTLS = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "One mail per edit (change) or one per run and address (run).", valueName: "change|run"))
  var mailPer: MailGroupingOption = .change

  @Option(
    name: .long,
    help: ArgumentHelp("Seconds before a webhook's second try in a run.", visibility: .hidden))
  var notifyRetryDelay = 1.0

  func validate() throws {
    do {
      _ = try smtpServer()
    } catch {
      throw ValidationError(String(describing: error))
    }
    guard notifyRetryDelay >= 0, notifyRetryDelay.isFinite else {
      throw ValidationError("--notify-retry-delay must be 0 or more seconds.")
    }
  }

  /// The SMTP server named by `--smtp` or `REDLINE_SMTP`, with the environment's credentials.
  private func smtpServer() throws -> SMTPServer? {
    let environment = ProcessInfo.processInfo.environment
    guard let url = smtp ?? environment["REDLINE_SMTP"], !url.isEmpty else { return nil }
    return try SMTPServer(
      url: url, requireTLS: smtpRequireTLS, user: environment["REDLINE_SMTP_USER"],
      password: environment["REDLINE_SMTP_PASSWORD"])
  }

  /// The run's delivery options, from these options and the environment.
  func options() throws -> NotificationOptions {
    let environment = ProcessInfo.processInfo.environment
    return NotificationOptions(
      webhookSecret: environment["REDLINE_WEBHOOK_SECRET"].flatMap { $0.isEmpty ? nil : $0 },
      smtp: try smtpServer(), mailFrom: environment["REDLINE_MAIL_FROM"],
      mailGrouping: mailPer.grouping,
      retryDelay: .milliseconds(Int((notifyRetryDelay * 1000).rounded())))
  }

  /// One line on standard error per delivery that failed (and stays queued).
  func printFailures(_ report: DeliveryReport) {
    for failure in report.failures {
      printError("notify: \(failure.error ?? ""); kept for the next run")
    }
  }
}

/// `--mail-per` values.
enum MailGroupingOption: String, ExpressibleByArgument, CaseIterable {
  case change, run

  var grouping: DeliverySettings.MailGrouping { self == .run ? .run : .change }
}
