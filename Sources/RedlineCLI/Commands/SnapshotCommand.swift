import ArgumentParser
import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import HTTPFetching
import Redline
import SnapshotStore
import WatchList

struct SnapshotCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    _superCommandName: redlineCommandName,
    abstract: "Fetch pages and store a capture of each article that is new or changed.",
    discussion: """
      Prints one line per page: "new URL", "changed +ADDED -REMOVED URL "TITLE" [LABELS] \
      stealth", "unchanged URL", "not-html TYPE URL", "back URL" (the same article again \
      after the page briefly served something else) or "moved URL -> TARGET" (the post now \
      redirects to another page; nothing is stored); before it, "recovered URL" when a page \
      that failed or had moved answers again. A page that failed is one line on standard \
      error: "redline: REASON". A failed fetch never touches the stored captures. When more \
      than one post changed, a "summary:" line ends the report.

      --feed takes an RSS or Atom feed, a sitemap, or a blog's home page (its feed is found \
      through <link rel="alternate">, else Blogger's /feeds/posts/default or WordPress's \
      /feed/ is tried) and checks every post it lists, and every post it listed in the last \
      --keep-checking days, so a deleted or moved post is still reported.

      With --quiet nothing is printed unless a post changed, moved or failed, and a page \
      that keeps failing is reported once when it starts failing and once when it recovers \
      (its history keeps every failure); so is a feed that keeps failing. So cron mails only \
      news.

      Edits are announced to the store's targets (redline notify add) and to --notify \
      targets, once per edit and target; a delivery that fails is one line on standard \
      error, stays queued in the store and is retried by the next run. It does not change \
      the exit status.

      Exit status: 0 every page was checked (with --exit-code: and none changed); 1 with \
      --exit-code, some post changed; 2 nothing could run (bad arguments, unreadable list, \
      unusable store); 3 some pages or feeds failed (the others were still checked), or the \
      notification queue could not be written.

      Examples:
        redline snapshot https://example.blogspot.com/2016/07/post.html
        redline snapshot --list watch.txt --quiet --diff
        redline snapshot --list watch.txt --quiet --word-diff
        redline snapshot --feed https://example.blogspot.com/ --quiet
        redline snapshot --feed https://example.org/feed/ --format json \\
          | jq -r .outcome
        redline snapshot --list watch.txt --exit-code || echo "changed or failed"
        redline snapshot --keep-raw always \\
          https://example.blogspot.com/2016/07/post.html
        redline snapshot --list watch.txt --quiet \\
          --notify webhook:https://example.org/hooks/redline
        redline snapshot --due --quiet    # from cron, every 5 minutes
      """
  )

  @Argument(help: "Page URLs to check (http or https).")
  var urls: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A file with one URL per line; blank lines and lines starting with # are ignored.",
      valueName: "file"))
  var list: String?

  @Flag(
    name: .long,
    help: "Check the watches of the watch list that are due (`redline watch`), then exit.")
  var due = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The time --due decides with, as Unix seconds; for tests.", visibility: .hidden))
  var now: Int64?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "An RSS or Atom feed, a sitemap, or a blog page that announces its feed: check every post it lists. Repeatable.",
      valueName: "url"))
  var feed: [String] = []

  @Option(
    name: .long,
    help: "How many pages of a paged feed (rel=\"next\") to read with --feed.")
  var feedPages = 1

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The most posts taken from one --feed; a feed that lists more is cut, with a line saying so.",
      valueName: "n"))
  var feedLimit = FeedExpansion.defaultPostLimit

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Keep checking a post for this many days after it last appeared in its --feed (0: only the posts the feed lists now).",
      valueName: "days"))
  var keepChecking = 30

  @Flag(
    name: .long,
    help: "Print only changed posts and failures; a page that keeps failing is reported once.")
  var quiet = false

  @Flag(name: .long, help: "Print the unified diff of each changed article.")
  var diff = false

  @Flag(
    name: .long,
    help: "Print each changed article's diff word by word ([-old-]{+new+}) instead of by lines.")
  var wordDiff = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "text: one line per page; json: one JSON object per page (JSON Lines).",
      valueName: "text|json"))
  var format: ReportFormat = .text

  @Flag(name: .long, help: "Exit with 1 when any post changed, as `git diff --exit-code` does.")
  var exitCode = false

  @Option(name: .long, help: "How many pages to fetch at once (at most 2 per host).")
  var jobs = 8

  @Option(name: .long, help: "Seconds allowed for one whole fetch.")
  var timeout = 60

  @Option(name: .long, help: "Seconds allowed to connect (DNS, TCP and TLS).")
  var connectTimeout = 10

  @Option(
    name: .long,
    help: "Abort a fetch slower than this many bytes per second for --low-speed-time seconds.")
  var lowSpeedLimit = 1024

  @Option(name: .long, help: "See --low-speed-limit.")
  var lowSpeedTime = 20

  @Option(name: .long, help: "Least seconds between the starts of two requests to one host.")
  var delay = 0.0

  @Option(name: .long, help: "How often to retry after a connection error, a 429 or a 503.")
  var retries = 2

  @Option(
    name: .long,
    help: "Longest Retry-After honoured, in seconds; a server asking for more gets no retry.")
  var maxRetryAfter = 120.0

  @Option(name: .long, help: "Largest page accepted, in bytes (after decompression).")
  var maxSize = 32 << 20

  @Option(name: .long, help: "The User-Agent header to send.")
  var userAgent = FetchOptions.defaultUserAgent

  @Flag(name: .long, help: "Do not verify TLS certificates.")
  var insecure = false

  @Option(
    name: .customLong("connect-to"),
    help: ArgumentHelp(
      "Send requests for HOST:PORT to HOST2:PORT2 instead, as curl's --connect-to does.",
      valueName: "host:port:host2:port2"))
  var connectTo: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Keep the raw HTML of every check (always), every distinct body once, gzipped (distinct), or only with captures whose article changed (changes).",
      valueName: "always|distinct|changes"))
  var keepRaw: RawBodyPolicy = .changes

  @Option(
    name: .long,
    help: ArgumentHelp(
      "How transfers run: multi (one libcurl multi handle) or thread-pool; for benchmarks.",
      visibility: .hidden))
  var fetchEngine = FetchEngine.multi.rawValue

  @OptionGroup var notifyOptions: SnapshotNotifyOptions
  @OptionGroup var request: RequestOptions

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard !urls.isEmpty || list != nil || !feed.isEmpty || due else {
      throw ValidationError("Give at least one URL, --list FILE, --feed URL or --due.")
    }
    guard !due || (urls.isEmpty && list == nil && feed.isEmpty) else {
      throw ValidationError(
        "--due checks the watch list; give URLs, --list or --feed in another run.")
    }
    _ = try request.settings()
    for url in urls + feed where !isWebURL(url) {
      throw notWebURLError(url)
    }
    guard feedPages >= 1 else { throw ValidationError("--feed-pages must be at least 1.") }
    guard feedLimit >= 1 else { throw ValidationError("--feed-limit must be at least 1.") }
    guard keepChecking >= 0 else {
      throw ValidationError("--keep-checking must be 0 or more days.")
    }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    guard timeout >= 1 else {
      throw ValidationError("--timeout must be positive: at least 1 second.")
    }
    guard maxSize >= 1 else { throw ValidationError("--max-size must be at least 1 byte.") }
    guard connectTimeout >= 1 else {
      throw ValidationError("--connect-timeout must be positive: at least 1 second.")
    }
    guard lowSpeedLimit >= 1, lowSpeedTime >= 1 else {
      throw ValidationError("--low-speed-limit and --low-speed-time must be at least 1.")
    }
    guard delay >= 0, delay.isFinite else {
      throw ValidationError("--delay must be 0 or more seconds.")
    }
    guard !hasControlCharacter(userAgent) else {
      throw ValidationError(
        "--user-agent must not hold control characters: a CR or LF would add a header.")
    }
    guard FetchEngine(rawValue: fetchEngine) != nil else {
      throw ValidationError("--fetch-engine takes multi or thread-pool.")
    }
    guard retries >= 0 else { throw ValidationError("--retries must be 0 or more.") }
    guard maxRetryAfter >= 0, maxRetryAfter.isFinite else {
      throw ValidationError("--max-retry-after must be 0 or more seconds.")
    }
    for entry in connectTo
    where entry.split(separator: ":", omittingEmptySubsequences: false).count != 4 {
      throw ValidationError("--connect-to takes HOST:PORT:HOST2:PORT2, not '\(entry)'.")
    }
  }

  func run() async throws {
    if due { return try await runDue() }
    let store = storeOptions.selectedStore
    var all: [String] = []
    let fetcher: CurlFetcher
    do {
      all = urls
      if let list { all += try readWatchList(list) }
      fetcher = try self.fetcher(for: try request.settings())
      try store.prepareForWriting()
    } catch {
      printError(String(describing: error))
      throw ExitCode(SnapshotExit.couldNotRun)
    }
    var output = SnapshotOutput(
      format: format, quiet: quiet, withDiffs: diff || wordDiff, wordDiffs: wordDiff)
    let feeds = await FeedReading(
      store: store,
      expansion: FeedExpansion(fetcher: fetcher, pages: feedPages, postLimit: feedLimit),
      retention: Double(keepChecking) * 86_400
    ).read(feed)
    output.feedEvents(feeds.events)
    all += feeds.posts
    var seen: Set<String> = []
    all = all.filter { seen.insert($0).inserted }
    let service = SnapshotService(fetcher: fetcher, store: store, jobs: jobs, keepRaw: keepRaw)
    let progress = ProgressLine(enabled: all.count > ProgressLine.threshold)
    let reports = await service.snapshot(all) { report, done, total in
      progress.update(report, done: done, total: total)
    }
    progress.finish()
    for report in reports { output.page(report) }
    output.summary()
    // After the captures are stored: a failed delivery stays queued and loses nothing.
    let queueFailed = await notifyOptions.announce(reports, store: store)
    if output.failures > 0 || queueFailed { throw ExitCode(SnapshotExit.someFailed) }
    if exitCode, output.changes > 0 { throw ExitCode(SnapshotExit.changed) }
  }
}

extension SnapshotCommand {
  /// The fetcher for a run's (or a watch's) request settings.
  /// - Throws: `RequestSettingsError` (a credentials variable not set, a file not readable).
  func fetcher(for settings: RequestSettings) throws -> CurlFetcher {
    let base = FetchOptions(
      userAgent: userAgent, connectTimeout: connectTimeout, totalTimeout: timeout,
      maxBodySize: maxSize, lowSpeedLimit: lowSpeedLimit, lowSpeedTime: lowSpeedTime,
      verifyTLS: !insecure, connectTo: connectTo, hostDelay: delay, maxRetries: retries,
      maxRetryAfter: maxRetryAfter, engine: FetchEngine(rawValue: fetchEngine) ?? .multi)
    return CurlFetcher(
      options: try resolvedFetchOptions(
        base, applying: settings, environment: ProcessInfo.processInfo.environment))
  }

  /// `snapshot --due`: the due watches, checked; each page reported as without --due.
  func runDue() async throws {
    let store = storeOptions.selectedStore
    let settings: RequestSettings
    do {
      settings = try request.settings()
      try store.prepareForWriting()
    } catch {
      printError(String(describing: error))
      throw ExitCode(SnapshotExit.couldNotRun)
    }
    let command = self
    let run = WatchRun(
      store: store, runSettings: settings, jobs: jobs, keepRaw: keepRaw,
      feedRetention: Double(keepChecking) * 86_400, feedLimit: feedLimit,
      makeFetcher: { try command.fetcher(for: $0) })
    let clock = now ?? Int64(Date().timeIntervalSince1970)
    let progress = ProgressLine(enabled: true)
    let result: WatchRun.Result
    do {
      result = try await run.run(at: clock) { report, done, total in
        progress.update(report, done: done, total: total)
      }
    } catch {
      progress.finish()
      printError(String(describing: error))
      throw ExitCode(SnapshotExit.couldNotRun)
    }
    progress.finish()
    var output = SnapshotOutput(
      format: format, quiet: quiet, withDiffs: diff || wordDiff, wordDiffs: wordDiff)
    output.feedEvents(result.feedEvents)
    for report in result.reports { output.page(report) }
    output.summary()
    // After the captures are stored: to the store's, the run's and each watch's targets.
    let queueFailed = await notifyOptions.announce(
      result.reports, store: store, pageTargets: result.pageTargets)
    if let reason = result.stateNotSaved {
      printError("could not record when the watches are due next: \(reason)")
      throw ExitCode(SnapshotExit.someFailed)
    }
    if output.failures > 0 || queueFailed { throw ExitCode(SnapshotExit.someFailed) }
    if exitCode, output.changes > 0 { throw ExitCode(SnapshotExit.changed) }
  }
}

extension SnapshotOutput {
  /// Reports what happened to the feeds: failures and recoveries as page lines are, cuts and
  /// state that could not be saved on standard error.
  mutating func feedEvents(_ events: [FeedReading.Event]) {
    for event in events {
      switch event {
      case .failed(let url, let reason, let stillFailing):
        feedFailed(url, reason: reason, stillFailing: stillFailing)
      case .recovered(let url): feedRecovered(url)
      case .cut(let url, let listed, let taken):
        printError("feed \(url) lists \(listed) posts; checking the first \(taken) (--feed-limit)")
      case .stateNotSaved(let reason): printError("could not record the feeds' state: \(reason)")
      }
    }
  }
}

/// `redline snapshot`'s exit statuses.
enum SnapshotExit {
  /// `--exit-code`: some post changed.
  static let changed: Int32 = 1
  /// Nothing could run: bad arguments, an unreadable list, an unusable store.
  static let couldNotRun: Int32 = 2
  /// Some pages or feeds failed; the others were checked.
  static let someFailed: Int32 = 3
}

/// The URLs of a watch list: one per line, `#` comments and blank lines skipped.
private func readWatchList(_ path: String) throws -> [String] {
  let text = String(decoding: try readLocalFile(path), as: UTF8.self)
  return text.split(whereSeparator: \.isNewline).map {
    $0.trimmingSpaces()
  }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

extension RawBodyPolicy: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
