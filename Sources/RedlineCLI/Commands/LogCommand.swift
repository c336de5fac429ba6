import ArgumentParser
import Redline
import SnapshotStore

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    _superCommandName: redlineCommandName,
    abstract: "Show the timeline of one page: its captures, or with --all every check.",
    usage: "redline log [<options>] <url>",
    discussion: """
      One line per capture: time (UTC), HTTP status, outcome (new or changed), lines added \
      and removed, and the title; and one per event: "moved → TARGET" when the post starts \
      redirecting to another page, "back" when it serves its article again after serving \
      something else. --all adds the checks that found the article unchanged and \
      the ones that failed (with why). Capture times work as FROM and TO in `redline diff` \
      and as WHEN in `redline show`.

      --since and --until keep the entries of a period (both ends included); they take a \
      date (2016-07-01: the whole day, UTC), a time (2016-07-01T10:30), a capture time, \
      today, yesterday or N days/hours/weeks ago. -n N keeps the N newest entries, still \
      oldest first (the last N lines).

      --format json prints one JSON object per line: time (ISO 8601), capture (the capture's \
      name), status, outcome, added, removed, title, error, movedTo, rules, recorded \
      (when a check imported into the page's past was written); absent fields are left out.

      A check imported from an archive older than the page's history (redline import) \
      stands at its own time, marked [imported WHEN]; its +N -M compare it with the \
      version before it in time, and the lines after it keep what they recorded.

      Long output goes through $PAGER (less -FRX) on a terminal; --no-pager writes it \
      directly.

      Examples:
        redline log https://example.blogspot.com/2016/07/post.html
        redline log --all -n 10 https://example.blogspot.com/2016/07/post.html
        redline log --since '2 weeks ago' \\
          https://example.blogspot.com/2016/07/post.html
        redline log --format json https://example.blogspot.com/2016/07/post.html \\
          | jq .time
      """
  )

  @Argument(help: "The page URL.")
  var url: String

  @Flag(name: .long, help: "Show every check, also unchanged and failed ones.")
  var all = false

  @Option(
    name: .long,
    help: ArgumentHelp("Leave out entries before this date or time.", valueName: "date"))
  var since: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Leave out entries after this date or time.", valueName: "date"))
  var until: String?

  @Option(
    name: [.customShort("n", allowingJoined: true), .customLong("max-count")],
    help: ArgumentHelp("Show only the N newest entries (still oldest first).", valueName: "n"))
  var maxCount: Int?

  @Option(name: .long, help: ArgumentHelp("text or json (JSON Lines).", valueName: "text|json"))
  var format: ReportFormat = .text

  @OptionGroup var pagerOptions: PagerOptions

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    if let maxCount, maxCount < 1 {
      throw ValidationError("-n must be a positive number, not \(maxCount).")
    }
  }

  func run() throws {
    let damaged = try reportingErrors {
      let queries = ArchiveQueries(store: try storeOptions.existingStore())
      let period = try storePeriod(since: since, until: until, now: queries.now)
      let filter = ArchiveQueries.LogFilter(
        allChecks: all, since: period.start, until: period.end, limit: maxCount)
      let (entries, damaged) = try queries.readableLog(of: url, filter: filter)
      if !damaged.isEmpty {
        let numbers = damaged.map(String.init).joined(separator: ", ")
        printError(
          "damaged page: \(url): history line\(damaged.count == 1 ? "" : "s") \(numbers) unreadable;"
            + " showing the rest (see redline verify)")
      }
      switch format {
      case .text:
        // One write for the whole timeline: a page checked hourly for years has many lines.
        writePaged(Array(entries.map { logLine($0) + "\n" }.joined().utf8), pagerOptions)
      case .json:
        for entry in entries { writeJSONLine(LogJSON(entry)) }
      }
      return damaged.count
    }
    if damaged > 0 { throw ExitCode(unreadablePagesExit) }
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
  /// How a page that did not redirect moved: `meta refresh` or `canonical URL`.
  let movedBy: String?
  /// The extraction rules that made the article, when a selector or ignore rule did.
  let rules: String?
  /// When the line was written, for a check imported into the page's past (ISO 8601).
  let recorded: String?

  init(_ entry: HistoryEntry) {
    time = entry.time.iso8601
    capture = entry.storedCapture ? entry.capture?.description : nil
    status = entry.status
    let notHTML = entry.outcome == .changed && entry.storedNotHTML
    outcome = notHTML ? "not-html" : entry.outcome.rawValue
    added = notHTML ? nil : entry.added
    removed = notHTML ? nil : entry.removed
    title = entry.title
    // A moved line's note says how it moved (a meta refresh, a canonical URL): no error.
    error = entry.outcome == .moved ? nil : entry.error
    movedBy = entry.outcome == .moved ? entry.error : nil
    movedTo = entry.finalURL
    rules = entry.rules
    recorded = entry.recorded?.iso8601
  }
}

private func logLine(_ entry: HistoryEntry) -> String {
  let status = entry.status.map(String.init) ?? "---"
  // Content that is not HTML replaced no line of the article: it is no "changed +0 -0".
  let notHTML = entry.outcome == .changed && entry.storedNotHTML
  let outcome = notHTML ? "not-html" : entry.outcome.rawValue
  let change =
    entry.outcome == .changed && !notHTML ? "+\(entry.added ?? 0) -\(entry.removed ?? 0)" : ""
  let detail =
    entry.outcome == .moved
    ? "→ \(entry.finalURL ?? "another page")" + (entry.error.map { " (\($0))" } ?? "")
    : entry.error ?? entry.title ?? ""
  return [
    entry.time.readable, status, padded(outcome, 9),
    padded(change, 9), detail, entry.rules.map { "[rules: \($0)]" } ?? "",
    entry.recorded.map { "[imported \($0.readable)]" } ?? "",
  ].joined(separator: "  ").trimmingTrailingSpaces()
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
