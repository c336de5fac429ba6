import ArgumentParser
import Foundation

/// The `redline` command: keeps timestamped copies of blog posts and shows how they were edited.
@main
struct RedlineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redline",
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
    ]
  )

  /// Runs the command. Bad usage exits with 2, like GNU diff's "trouble", instead of
  /// ArgumentParser's 64, so every command has one status for "could not run at all".
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      exit(withError: ExitCode(2))
    }
  }
}
