import ArgumentParser
import FoundationEssentials
import Redline
import SnapshotStore

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    _superCommandName: redlineCommandName,
    abstract: "List the pages in the store.",
    usage: "redline list [--host <host>] [--format <text|json>] [<options>]",
    discussion: """
      One line per page: number of captures, when it was first seen, last changed and last \
      checked (UTC), and the URL. --host keeps the pages of one site (and its subdomains). \
      A store folder that does not exist is an error (exit status 2), not an empty list.

      --format json prints one JSON object per line: url, captures, firstSeen, lastChanged, \
      lastChecked (ISO 8601; absent when never).

      On a terminal the list goes through $PAGER (less -FRX by default); --no-pager writes it \
      directly.

      Examples:
        redline list --store Snapshots
        redline list --host example.blogspot.com
        redline list --format json | jq -r 'select(.captures > 1) | .url'
      """
  )

  @Option(name: .long, help: "Only pages on this host or its subdomains.")
  var host: String?

  @Option(name: .long, help: ArgumentHelp("text or json (JSON Lines).", valueName: "text|json"))
  var format: ReportFormat = .text

  @OptionGroup var pagerOptions: PagerOptions

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    let damaged = try reportingErrors {
      let queries = ArchiveQueries(store: try storeOptions.existingStore())
      // A store of thousands of pages lists thousands of lines: paged on a terminal, as git
      // pages `git branch`; JSON is for scripts and never paged.
      var paging = pagerOptions
      if format == .json { paging.noPager = true }
      return try withPager(paging) { try list(queries) }
    }
    // The readable pages were listed; the others were named on standard error.
    if damaged > 0 { throw ExitCode(unreadablePagesExit) }
  }

  /// Lists the pages; returns how many could not be read.
  private func list(_ queries: ArchiveQueries) throws -> Int {
    // Each page is printed as soon as it is read: memory stays flat in the store's size.
    let output = OutputBuffer()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let unreadable = try queries.listing(host: host) { page in
      switch format {
      case .text: output.append(listLine(page))
      case .json:
        guard let line = try? encoder.encode(ListJSON(page)) else { return }
        output.append(Array(line) + [0x0A])
      }
    }
    output.flush()
    for damaged in unreadable { printError("damaged page: \(damaged)") }
    return unreadable.count
  }
}

/// One line of `list --format json`.
private struct ListJSON: Encodable {
  let url: String
  let captures: Int
  let firstSeen: String?
  let lastChanged: String?
  let lastChecked: String?

  init(_ page: ArchiveQueries.PageSummary) {
    url = page.url
    captures = page.captures
    firstSeen = page.firstSeen?.iso8601
    lastChanged = page.lastChanged?.iso8601
    lastChecked = page.lastChecked?.iso8601
  }
}

/// One line of `list` as text.
private func listLine(_ page: ArchiveQueries.PageSummary) -> String {
  let captures = page.captures == 1 ? "1 capture " : "\(page.captures) captures"
  return [
    padded(captures, 12), "first " + shortTime(page.firstSeen),
    "changed " + shortTime(page.lastChanged), "checked " + shortTime(page.lastChecked),
    readableURL(page.url),
  ].joined(separator: "  ") + "\n"
}

/// A capture time as `2016-07-05 14:00`, or `never`.
private func shortTime(_ time: CaptureTime?) -> String {
  guard let time else { return padded("never", 16) }
  return String(time.readable.prefix(16))
}
