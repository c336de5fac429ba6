import ArgumentParser
import FoundationEssentials
import Redline
import SnapshotStore
import WatchList

struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    _superCommandName: redlineCommandName,
    abstract: "Keep the watch list: the pages and feeds `snapshot --due` checks.",
    discussion: """
      The watch list is watches.toml in the store folder, a TOML file you may edit by hand \
      (docs/WATCH-FILE.md). add, remove and import keep its comments and order; when an edit \
      in place is not possible they rewrite it and say so.

      Examples:
        redline watch add https://example.blogspot.com/2016/07/post.html --every 1h
        redline watch add --feed https://example.blogspot.com/ --tag libya
        redline watch list --tag libya --format json
        redline watch import watch.txt
        redline watch remove https://example.blogspot.com/2016/07/post.html
      """,
    subcommands: [
      WatchAddCommand.self, WatchRemoveCommand.self, WatchListCommand.self,
      WatchImportCommand.self,
    ]
  )
}

/// Request options, for `watch add` (stored on the watch) and `snapshot` (for the run).
struct RequestOptions: ParsableArguments {
  @Option(
    name: .customLong("header"),
    help: ArgumentHelp("An extra request header, 'Name: value'. Repeatable.", valueName: "header"))
  var headers: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp("A cookies file in Netscape cookies.txt format.", valueName: "file"))
  var cookies: String?

  @Flag(name: .long, help: "Take basic-auth credentials from ~/.netrc.")
  var netrc = false

  @Option(
    name: .long, help: ArgumentHelp("Take credentials from this netrc file.", valueName: "file"))
  var netrcFile: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The environment variable holding user:password for basic auth.", valueName: "name"))
  var basicAuthEnv: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The environment variable holding a bearer token.", valueName: "name"))
  var bearerTokenEnv: String?

  @Option(name: .long, help: ArgumentHelp("A proxy URL.", valueName: "url"))
  var proxy: String?

  @Option(
    name: .long,
    help: ArgumentHelp("A file of CA certificates (PEM) to verify TLS with.", valueName: "file"))
  var caBundle: String?

  /// The settings these options give, without a user agent (each command has its own);
  /// `stored` for settings kept on a watch, where no secret may be.
  func settings(userAgent: String? = nil, stored: Bool = false) throws -> RequestSettings {
    let settings = RequestSettings(
      headers: headers, cookies: cookies, netrc: netrc, netrcFile: netrcFile,
      basicAuthVariable: basicAuthEnv, bearerTokenVariable: bearerTokenEnv, proxy: proxy,
      userAgent: userAgent, caBundle: caBundle)
    do {
      try RequestSettingsCheck.validate(settings, stored: stored)
    } catch {
      throw ValidationError(watchListReason(error))
    }
    return settings
  }
}

/// Per-watch extraction rules.
struct RuleOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("An XPath expression naming the article's element.", valueName: "xpath"))
  var xpath: String?

  @Option(
    name: .long,
    help: ArgumentHelp("A CSS selector naming the article's element.", valueName: "selector"))
  var css: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A regular expression; article lines it matches are left out. Repeatable.",
      valueName: "regex"))
  var ignore: [String] = []

  var rules: ExtractionRules { ExtractionRules(xpath: xpath, css: css, ignore: ignore) }
}

/// The reason of a watch-list error without the file part, for a usage message.
private func watchListReason(_ error: WatchListError) -> String {
  if case .malformed(_, _, let reason) = error { return reason }
  return error.description
}

struct WatchAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add pages or feeds to the watch list (or change their settings).",
    discussion: """
      Without --every a watch is checked on the recheck curve: every 15 minutes on a post's \
      first day, hourly in its first week, daily in its first month, weekly after; an edit \
      starts the curve again (docs/WATCH-FILE.md). Credentials are never stored: --netrc, \
      --netrc-file, --basic-auth-env and --bearer-token-env say where a run finds them.

      Examples:
        redline watch add https://example.blogspot.com/2016/07/post.html --every 1h
        redline watch add --feed https://example.blogspot.com/ --tag libya
        redline watch add https://members.example.org/post --cookies cookies.txt
      """
  )

  @Argument(help: "Page URLs (or, with --feed, feeds or blogs) to watch.")
  var urls: [String] = []

  @Flag(name: .long, help: "The URLs are feeds (or blogs): check every post they list.")
  var feed = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Check every DURATION (90s, 15m, 1h, 7d) instead of on the curve.", valueName: "duration"))
  var every: String?

  @Option(name: .customLong("tag"), help: ArgumentHelp("A label. Repeatable.", valueName: "tag"))
  var tags: [String] = []

  @Option(
    name: .customLong("notify"),
    help: ArgumentHelp("Where to send news of an edit. Repeatable.", valueName: "target"))
  var notify: [String] = []

  @Option(name: .long, help: "The User-Agent header for this watch.")
  var userAgent: String?

  @OptionGroup var request: RequestOptions
  @OptionGroup var ruleOptions: RuleOptions
  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard !urls.isEmpty else { throw ValidationError("Give at least one URL to watch.") }
    for url in urls where !isWatchableURL(url) {
      throw notWebURLError(url)
    }
    // `watch list` shows tags as [a,b]: an empty one, or one with a comma, a bracket or a
    // space, could not be read back from that line.
    for tag in tags
    where tag.isEmpty || tag.contains(where: { ",[] ".contains($0) || $0.isWhitespace }) {
      throw ValidationError(
        "--tag '\(tag)': a tag is one word: not empty, without commas, brackets or spaces.")
    }
    if let every {
      do {
        _ = try WatchInterval(parsing: every)
      } catch {
        throw ValidationError(error.description + ".")
      }
    }
    _ = try request.settings(userAgent: userAgent, stored: true)
    do {
      try PageRules.check(ruleOptions.rules)
    } catch {
      throw ValidationError(error.description + ".")
    }
  }

  func run() throws {
    try reportingErrors {
      let interval = try every.map { text throws(WatchListError) in
        try WatchInterval(parsing: text)
      }
      let settings = try request.settings(userAgent: userAgent, stored: true)
      let watches = urls.map {
        Watch(
          url: $0, feed: feed, every: interval, tags: tags, notifyTargets: notify,
          request: settings, rules: ruleOptions.rules)
      }
      let report = try storeOptions.selectedStore.changeWatches(WatchListChange(adding: watches))
      printChange(report)
    }
  }
}

struct WatchRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Remove pages or feeds from the watch list (their captures stay).",
    discussion: """
      A URL that is not watched is named on standard error and the exit status is 2.

      Example:
        redline watch remove https://example.blogspot.com/2016/07/post.html
      """
  )

  @Argument(help: "The URLs to stop watching.")
  var urls: [String] = []

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard !urls.isEmpty else { throw ValidationError("Give at least one URL to remove.") }
  }

  func run() throws {
    let missing = try reportingErrors {
      let report = try storeOptions.selectedStore.changeWatches(
        WatchListChange(removing: urls))
      printChange(report)
      return report.notWatched.count
    }
    if missing > 0 { throw ExitCode(2) }
  }
}

struct WatchImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Merge a list of URLs (one a line) or a watch file into the watch list.",
    discussion: """
      A URL already watched keeps its settings. The file is a plain list (the format of \
      snapshot --list: one URL a line, # comments) or a watch file with [[watch]] tables. \
      From a watch file, settings that would read local secrets or files or route requests \
      (netrc, credentials variables, cookies, proxy, CA bundle) are not imported: a file from \
      elsewhere could otherwise send your credentials to its own hosts.

      Examples:
        redline watch import watch.txt
        redline watch import other-store/watches.toml
      """
  )

  @Argument(help: "The file to import.")
  var file: String

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      let text = String(decoding: try readLocalFile(file), as: UTF8.self)
      let imported = try importedWatches(from: text, path: file)
      let report = try storeOptions.selectedStore.changeWatches(
        WatchListChange(adding: imported.watches, replacing: false))
      printChange(report)
      for url in imported.stripped where report.added.contains(url) {
        writeError(
          "note: \(url): imported without its credentials, cookies, netrc and proxy settings;"
            + " add them with 'redline watch add'\n")
      }
    }
  }
}

struct WatchListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the watches, with when each is due.",
    discussion: """
      One line per watch: when it is next due (UTC; "now" when due), its interval (a pinned \
      one, or "curve"), "feed" for a feed, its tags, and the URL. --format json prints one \
      JSON object per line. On a terminal the list goes through $PAGER (less -FRX by \
      default); --no-pager writes it directly.

      Examples:
        redline watch list
        redline watch list --tag libya --format json | jq -r .url
      """
  )

  @Option(name: .long, help: "Only watches with this tag.")
  var tag: String?

  @Option(name: .long, help: ArgumentHelp("text or json (JSON Lines).", valueName: "text|json"))
  var format: ReportFormat = .text

  @OptionGroup var pagerOptions: PagerOptions

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    var paging = pagerOptions
    if format == .json { paging.noPager = true }
    try reportingErrors {
      let store = storeOptions.selectedStore
      let file = try store.watchFile()
      let states = try store.watchStates()
      withPager(paging) { list(file.watches, states: states) }
    }
  }

  /// Writes the watches, one line (or JSON object) each.
  private func list(_ watches: [Watch], states: [String: WatchState]) {
    for watch in watches where tag == nil || watch.tags.contains(tag ?? "") {
      let state = states[watch.url] ?? WatchState()
      switch format {
      case .text:
        let due = state.nextDue == 0 ? "now" : unixTimeText(state.nextDue)
        let parts = [
          padded(due, 16), padded(watch.every?.description ?? "curve", 6),
          watch.feed ? "feed" : nil,
          watch.tags.isEmpty ? nil : "[" + watch.tags.joined(separator: ",") + "]",
          watch.url,
        ]
        writeLine(parts.compactMap { $0 }.joined(separator: "  "))
      case .json:
        writeJSONLine(WatchJSON(watch: watch, state: state))
      }
    }
  }
}

/// One line of `watch list --format json`.
private struct WatchJSON: Encodable {
  let url: String
  let feed: Bool
  let every: String?
  let tags: [String]
  let notify: [String]
  let request: RequestSettings
  let rules: ExtractionRules
  let nextDue: String?
  let lastChecked: String?
  let lastChanged: String?

  init(watch: Watch, state: WatchState) {
    url = watch.url
    feed = watch.feed
    every = watch.every?.description
    tags = watch.tags
    notify = watch.notifyTargets
    request = watch.request
    rules = watch.rules
    func iso(_ time: Int64) -> String? {
      time == 0
        ? nil
        : CaptureTime(Date(timeIntervalSince1970: Double(time))).iso8601
    }
    nextDue = iso(state.nextDue)
    lastChecked = iso(state.lastChecked)
    lastChanged = iso(state.lastChanged)
  }
}

/// `2026-12-06 09:15` for Unix seconds.
func unixTimeText(_ time: Int64) -> String {
  String(
    CaptureTime.readable(CaptureTime.string(from: Date(timeIntervalSince1970: Double(time))))
      .prefix(16))
}

/// The lines of a watch-list change, on standard output; a URL not watched on standard error.
private func printChange(_ report: WatchListChangeReport) {
  for url in report.added { writeLine("added \(url)") }
  for url in report.updated { writeLine("updated \(url)") }
  for url in report.alreadyWatched { writeLine("already watched \(url)") }
  for url in report.removed { writeLine("removed \(url)") }
  for url in report.notWatched { printError("not watched: \(url)") }
  if report.rewritten {
    printError(
      "the watch file could not be edited in place and was rewritten: its comments and layout were not kept"
    )
  }
}
