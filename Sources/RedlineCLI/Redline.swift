import ArgumentParser

/// The `redline` command: keeps timestamped copies of blog posts and shows how they were edited.
@main
struct RedlineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redline",
    abstract: "Keep timestamped copies of blog posts and show how they were edited.",
    discussion: """
      Redline fetches pages, extracts the article (title, dates, body) and stores a capture
      whenever the article changes, in a folder of plain files (./Snapshots, or --store DIR,
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
}
