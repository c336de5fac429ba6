import ArgumentParser
import Redline
import SnapshotStore

struct LogCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Show the timeline of one page: every check, with its outcome.",
    discussion: """
      One line per check: time (UTC), HTTP status, outcome, lines added and removed, and the
      title (or why the check failed).

      Example:
        redline log https://example.blogspot.com/2016/07/post.html
      """
  )

  @Argument(help: "The page URL.")
  var url: String

  @OptionGroup var storeOptions: StoreOptions

  func run() async throws {
    try await reportingErrors {
      let entries = try ArchiveQueries(store: storeOptions.folderStore).log(of: url)
      // One write for the whole timeline: a page checked hourly for years has many lines.
      writeOutput(Array(entries.map { logLine($0) + "\n" }.joined().utf8))
    }
  }
}

private func logLine(_ entry: HistoryEntry) -> String {
  let status = entry.status.map(String.init) ?? "---"
  let change = entry.outcome == .changed ? "+\(entry.added ?? 0) -\(entry.removed ?? 0)" : ""
  let detail = entry.error ?? entry.title ?? ""
  return [
    CaptureTime.readable(entry.time), status, padded(entry.outcome.rawValue, 9),
    padded(change, 9), detail,
  ].joined(separator: "  ").trimmingTrailingSpaces()
}

private func padded(_ text: String, _ width: Int) -> String {
  text + String(repeating: " ", count: max(0, width - text.count))
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
