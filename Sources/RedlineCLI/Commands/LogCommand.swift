import ArgumentParser
import Redline
import SnapshotStore

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    _superCommandName: redlineCommandName,
    abstract: "Show the timeline of one page: its captures, or with --all every check.",
    discussion: """
      One line per capture: time (UTC), HTTP status, outcome (new or changed), lines added \
      and removed, and the title; and one per event: "moved → TARGET" when the post starts \
      redirecting to another page, "back" when it serves its article again after serving \
      something else. --all adds the checks that found the article unchanged and \
      the ones that failed (with why). Capture times work as FROM and TO in `redline diff` \
      and as WHEN in `redline show`.

      --format json prints one JSON object per line: time (ISO 8601), capture (the capture's \
      name), status, outcome, added, removed, title, error; absent fields are left out.

      Examples:
        redline log https://example.blogspot.com/2016/07/post.html
        redline log --all https://example.blogspot.com/2016/07/post.html
        redline log --format json https://example.blogspot.com/2016/07/post.html | jq .time
      """
  )

  @Argument(help: "The page URL.")
  var url: String

  @Flag(name: .long, help: "Show every check, also unchanged and failed ones.")
  var all = false

  @Option(name: .long, help: ArgumentHelp("text or json (JSON Lines).", valueName: "text|json"))
  var format: ReportFormat = .text

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      let history = try ArchiveQueries(store: storeOptions.folderStore).log(of: url)
      let entries = all ? history : timeline(history)
      switch format {
      case .text:
        // One write for the whole timeline: a page checked hourly for years has many lines.
        writeOutput(Array(entries.map { logLine($0) + "\n" }.joined().utf8))
      case .json:
        for entry in entries { writeJSONLine(LogJSON(entry)) }
      }
    }
  }
}

/// The captures and events of a history: every capture, a move when it starts (or its target
/// changes), and every return.
private func timeline(_ history: [HistoryEntry]) -> [HistoryEntry] {
  var previous: HistoryEntry?
  return history.filter { entry in
    defer { previous = entry }
    switch entry.outcome {
    case .new, .changed: return entry.storedCapture
    case .back: return true
    case .moved: return previous?.outcome != .moved || previous?.finalURL != entry.finalURL
    case .unchanged, .failed: return false
    }
  }
}

/// One line of `log --format json`.
private struct LogJSON: Encodable {
  let time: String
  let capture: String?
  let status: Int?
  let outcome: String
  let added: Int?
  let removed: Int?
  let title: String?
  let error: String?
  /// Where the page redirected, when that was another page.
  let movedTo: String?

  init(_ entry: HistoryEntry) {
    time = CaptureTime.iso8601(entry.time)
    capture = entry.storedCapture ? entry.capture : nil
    status = entry.status
    outcome = entry.outcome.rawValue
    added = entry.added
    removed = entry.removed
    title = entry.title
    error = entry.error
    movedTo = entry.finalURL
  }
}

private func logLine(_ entry: HistoryEntry) -> String {
  let status = entry.status.map(String.init) ?? "---"
  let change = entry.outcome == .changed ? "+\(entry.added ?? 0) -\(entry.removed ?? 0)" : ""
  let detail =
    entry.outcome == .moved
    ? "→ \(entry.finalURL ?? "another page")" : entry.error ?? entry.title ?? ""
  return [
    CaptureTime.readable(entry.time), status, padded(entry.outcome.rawValue, 9),
    padded(change, 9), detail,
  ].joined(separator: "  ").trimmingTrailingSpaces()
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
