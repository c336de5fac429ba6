import ArgumentParser
import FoundationEssentials
import Notifying
import Redline
import SnapshotStore
import UnicodeSpaces

struct NotifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notify",
    _superCommandName: redlineCommandName,
    abstract: "Manage where edits are announced: webhooks, mail, commands.",
    usage: """
      redline notify add <target>
      redline notify remove <target>
      redline notify list
      redline notify --pending
      redline notify secret < secret.txt
      redline notify deliver [--smtp <smtp://host:port>]
      """,
    discussion: """
      A target is webhook:URL (a signed JSON POST), mailto:ADDRESS (a mail through the \
      SMTP server of --smtp or REDLINE_SMTP) or exec:COMMAND (a shell command that reads the \
      JSON on standard input). Every snapshot run announces the edits it finds to the \
      store's targets and to its own --notify targets, once per edit and target, and retries \
      what earlier runs could not deliver. With no subcommand, notify lists the store's \
      targets; --pending lists the deliveries still waiting, and exits 1 when there are some.

      Examples:
        redline notify add webhook:https://example.org/hooks/redline
        redline notify add mailto:editor@example.org
        redline notify add 'exec:/usr/local/bin/on-edit'
        redline notify --pending
      """,
    subcommands: [
      NotifyAddCommand.self, NotifyRemoveCommand.self, NotifyListCommand.self,
      NotifySecretCommand.self, NotifyDeliverCommand.self,
    ]
  )

  @Flag(name: .long, help: "List the deliveries still waiting (exit 1 when there are some).")
  var pending = false

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    let waiting = try reportingErrors {
      let settings = NotificationSettings(store: try storeOptions.existingStore())
      guard pending else {
        for target in try settings.targets() { writeLine(target) }
        return 0
      }
      let deliveries = try settings.pending()
      for delivery in deliveries {
        var line = "\(delivery.queued.readable)  \(delivery.target)  \(delivery.event)"
        if delivery.attempts > 0 {
          line += "  tried \(delivery.attempts)x: \(delivery.lastError ?? "")"
        }
        writeLine(line)
      }
      return deliveries.count
    }
    if waiting > 0 { throw ExitCode(1) }
  }
}

struct NotifyAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Announce every edit to this target, in every run on the store.",
    discussion: """
      Examples:
        redline notify add webhook:https://example.org/hooks/redline
        redline notify add mailto:editor@example.org
      """)

  @Argument(help: "webhook:URL, mailto:ADDRESS or exec:COMMAND.")
  var target: String

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      let added = try NotificationSettings(store: storeOptions.selectedStore).add(target)
      if !added { writeError("redline: \(target) is already a target\n") }
    }
  }
}

struct NotifyRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Stop announcing edits to this target (what is queued is still delivered).",
    discussion: """
      Example:
        redline notify remove mailto:editor@example.org
      """)

  @Argument(help: "The target as `notify list` shows it.")
  var target: String

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      guard try NotificationSettings(store: try storeOptions.existingStore()).remove(target)
      else { throw RedlineError.notATarget(target) }
    }
  }
}

struct NotifyListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the store's targets, one per line.",
    discussion: """
      Example:
        redline notify list
      """)

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      for target in try NotificationSettings(store: try storeOptions.existingStore()).targets() {
        writeLine(target)
      }
    }
  }
}

struct NotifySecretCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "secret",
    abstract: "Keep the webhook signing secret, read from standard input, in the store.",
    discussion: """
      The secret signs every webhook body (X-Redline-Signature). It is read from standard \
      input, never from the command line (where ps would show it), and kept in the store's \
      .settings.json, readable by its owner only. REDLINE_WEBHOOK_SECRET, when set, is used \
      instead.

      Examples:
        openssl rand -hex 32 | tee secret.txt | redline notify secret
        redline notify secret --clear
      """)

  @Flag(name: .long, help: "Forget the stored secret.")
  var clear = false

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      let settings = NotificationSettings(store: storeOptions.selectedStore)
      guard !clear else { return try settings.setWebhookSecret(nil) }
      let secret = (readLine(strippingNewline: true) ?? "").trimmingSpaces()
      guard !secret.isEmpty else { throw RedlineError.emptySecret }
      try settings.setWebhookSecret(secret)
    }
  }
}

struct NotifyDeliverCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deliver",
    abstract: "Deliver what is waiting now, without checking any page.",
    discussion: """
      Every snapshot run retries the deliveries earlier runs could not make; deliver does \
      only that. Exit status: 0 nothing is left waiting; 3 some deliveries failed again \
      (one line each on standard error; they stay queued); 2 trouble.

      Example:
        REDLINE_SMTP=smtp://mail.example.org:587 redline notify deliver
      """)

  @OptionGroup var delivery: DeliveryOptions

  @OptionGroup var storeOptions: StoreOptions

  func run() async throws {
    let report: DeliveryReport
    do {
      report = try await EditNotifications(
        store: try storeOptions.existingStore(), options: try delivery.options()
      ).deliverPending()
    } catch {
      printError(String(describing: error))
      throw ExitCode(2)
    }
    delivery.printFailures(report)
    if !report.failures.isEmpty { throw ExitCode(3) }
  }
}
