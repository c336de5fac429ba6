import ArgumentParser
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The program's name, in usage lines and help.
let redlineCommandName = "redline"

/// The `redline` command: keeps timestamped copies of blog posts and shows how they were edited.
@main
struct RedlineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: redlineCommandName,
    abstract: "Keep timestamped copies of blog posts and show how they were edited.",
    discussion: """
      Redline fetches pages, extracts the article (title, dates, body) and stores a capture \
      whenever the article changes, in a folder of plain files (./Snapshots, or --store DIR, \
      or REDLINE_STORE). Edits are shown as unified diffs.

      Examples:
        redline snapshot https://example.blogspot.com/2016/07/post.html
        redline diff https://example.blogspot.com/2016/07/post.html
        redline diff old.html new.html
        redline log https://example.blogspot.com/2016/07/post.html
        redline audit --since 2016-07-01 --format html > audit.html
      """,
    version: redlineVersionString,
    subcommands: [
      SnapshotCommand.self, DiffCommand.self, ExtractCommand.self, LogCommand.self,
      ShowCommand.self, ListCommand.self, AuditCommand.self, VerifyCommand.self,
      RepairCommand.self, NotifyCommand.self, WatchCommand.self, ExportCommand.self,
      ImportCommand.self,
    ]
  )

  /// Runs the command. Bad usage exits with 2, like GNU diff's "trouble", instead of
  /// ArgumentParser's 64, so every command has one status for "could not run at all".
  ///
  /// The entry point is synchronous: every command but `snapshot` runs on the main thread and
  /// starts no Swift concurrency threads. An async `main` ran the whole program on a
  /// cooperative thread while the main thread waited, which cost `redline diff` four thread
  /// starts and about a millisecond at exit.
  static func main() {
    let arguments = joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
    do {
      var command = try parseNamedSubcommand(arguments) ?? parseAsRoot(arguments)
      if let asyncCommand = command as? any AsyncParsableCommand {
        try runToCompletion(asyncCommand)
      } else {
        try command.run()
      }
    } catch let status as ExitCode {
      // A command's own status (diff's 1, snapshot's 3) needs no message, and asking
      // ArgumentParser about it first cost a few hundred microseconds of type lookups.
      Glibc.exit(status.rawValue)
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      writeError(usageErrorText(message(for: error), arguments: arguments))
      exit(withError: ExitCode(2))
    }
  }

  /// The built-in names ArgumentParser answers on the root command (help, version, completion
  /// scripts); arguments holding one of them always take the full parse.
  private static let rootOnlyArguments: Set<String> = [
    "-h", "--help", "-help", "help", "--version", "--generate-completion-script",
    "--experimental-dump-help",
  ]

  /// Parses the arguments with the subcommand they name as the root, or returns nil.
  ///
  /// ArgumentParser's root parse builds the argument definitions of every subcommand (looking
  /// for completion-script requests and pass-through arguments): 0.8 ms of the 5 ms that
  /// `redline diff` took on two small files. The root command has no options of its own, so
  /// when the first argument names a subcommand and none is a root-only name, parsing the rest
  /// with that subcommand as the root gives the same command. Anything that does not parse that
  /// way returns nil and goes through the full parse, which prints the usual messages and help
  /// (with `redline` in the usage line).
  ///
  /// Every subcommand names `redline` as its `_superCommandName` (ArgumentParser's experimental
  /// "pseudo-root" setting): parsed as a root, a command with a super-command skips the
  /// completion-script check, which parses two more commands of ArgumentParser's own (8% of the
  /// instructions of `redline diff` on small files). The setting is read only on the root, so
  /// the full parse, its help and its usage lines are as before.
  /// - Parameter arguments: the command line without the program name.
  /// - Returns: the parsed, validated subcommand, or nil.
  static func parseNamedSubcommand(_ arguments: [String]) -> (any ParsableCommand)? {
    guard let name = arguments.first,
      let subcommand = configuration.subcommands.first(where: { $0._commandName == name }),
      !arguments.contains(where: { rootOnlyArguments.contains($0) })
    else { return nil }
    return try? subcommand.parseAsRoot(Array(arguments.dropFirst()))
  }

  /// Runs an async command on the cooperative pool and waits for it on this thread.
  /// - Throws: what the command threw.
  private static func runToCompletion(_ command: any AsyncParsableCommand) throws {
    let run = PendingRun(command)
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
      await run.perform()
      finished.signal()
    }
    finished.wait()
    if let error = run.error { throw error }
  }
}

/// One async command run, handed to the task that runs it and read back after the semaphore.
/// The semaphore orders the task's writes before the main thread's reads.
private final class PendingRun: @unchecked Sendable {
  private var command: any AsyncParsableCommand
  private(set) var error: (any Error)?

  init(_ command: any AsyncParsableCommand) { self.command = command }

  func perform() async {
    do {
      try await command.run()
    } catch {
      self.error = error
    }
  }
}
