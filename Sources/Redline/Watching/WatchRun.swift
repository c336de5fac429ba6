import FoundationEssentials
import HTTPFetching
import SnapshotStore
import WatchList

/// `snapshot --due`: claims the watches that are due, checks them (a feed watch: every post
/// its feed lists), and records each watch's next check on the curve or its pinned interval.
/// Deciding what is due reads the store's schedule only, never a page's history.
public struct WatchRun: Sendable {
  /// What a run did.
  public struct Result: Sendable {
    /// The due watches, in the watch list's order.
    public var due: [DueWatch] = []
    /// The reports of the pages checked, in order.
    public var reports: [PageReport] = []
    /// What happened to the feeds of feed watches.
    public var feedEvents: [FeedReading.Event] = []
    /// Why the watches' next checks could not be recorded, when they could not.
    public var stateNotSaved: String?
    /// The watches' own notification targets (`watch add --notify`), by page URL as the store
    /// names it; a feed watch's targets for every post of its feed.
    public var pageTargets: [String: [String]] = [:]
  }

  /// Where the watches and captures are.
  public let store: any SnapshotStoring
  /// The fetcher for a set of request settings (one per distinct set among the due watches);
  /// when it throws, the watches with those settings fail with its message.
  public let makeFetcher: @Sendable (RequestSettings) throws -> any Fetching
  /// Request settings for every watch of the run; a watch's own settings override them.
  public let runSettings: RequestSettings
  /// How many pages are fetched at once.
  public let jobs: Int
  /// Which raw bodies are kept.
  public let keepRaw: RawBodyPolicy
  /// How long a claimed watch is skipped by other runs before it is due again if this run
  /// stops without recording it, in seconds.
  public let lease: Int64
  /// How many days a post that left its feed is still checked.
  public let feedRetention: Double
  /// The most posts taken from one feed.
  public let feedLimit: Int

  /// Creates a run.
  public init(
    store: any SnapshotStoring, runSettings: RequestSettings = RequestSettings(), jobs: Int = 8,
    keepRaw: RawBodyPolicy = .changes, lease: Int64 = 3_600,
    feedRetention: Double = 30 * 86_400, feedLimit: Int = FeedExpansion.defaultPostLimit,
    makeFetcher: @escaping @Sendable (RequestSettings) throws -> any Fetching
  ) {
    self.store = store
    self.runSettings = runSettings
    self.jobs = jobs
    self.keepRaw = keepRaw
    self.lease = lease
    self.feedRetention = feedRetention
    self.feedLimit = feedLimit
    self.makeFetcher = makeFetcher
  }

  /// Checks the watches due at `now` (Unix seconds) and records when each is due next.
  /// - Throws: what the store throws while claiming (a malformed watch file, a locked or
  ///   unwritable store); nothing was checked then.
  public func run(
    at now: Int64, progress: (@Sendable (PageReport, Int, Int) -> Void)? = nil
  ) async throws -> Result {
    var result = Result()
    result.due = try store.claimDueWatches(at: now, lease: lease)
    guard !result.due.isEmpty else { return result }
    var groups: [RequestSettings: [DueWatch]] = [:]
    var order: [RequestSettings] = []
    for due in result.due {
      let settings = runSettings.overridden(by: due.watch.request)
      if groups[settings] == nil { order.append(settings) }
      groups[settings, default: []].append(due)
    }
    var changedWatches: Set<String> = []
    var reportsByURL: [String: PageReport] = [:]
    for settings in order {
      let watches = groups[settings] ?? []
      let fetcher: any Fetching
      do {
        fetcher = try makeFetcher(settings)
      } catch {
        result.reports += watches.map {
          PageReport(
            url: $0.watch.url,
            outcome: .failed(CheckFailure(.settings, message: "\($0.watch.url): \(error)")))
        }
        continue
      }
      var rulesOf: [String: PageRules] = [:]
      var usable: [DueWatch] = []
      for due in watches {
        do {
          rulesOf[due.watch.url] = try PageRules(
            watch: due.watch.rules, site: due.siteRules, host: urlHost(due.watch.url))
          usable.append(due)
        } catch {
          result.reports.append(
            PageReport(
              url: due.watch.url,
              outcome: .failed(
                CheckFailure(.settings, message: "\(due.watch.url): \(error)"))))
        }
      }
      var urls = usable.filter { !$0.watch.feed }.map(\.watch.url)
      var feedOf: [String: [String]] = [:]
      let reading = FeedReading(
        store: store,
        expansion: FeedExpansion(fetcher: fetcher, pages: 1, postLimit: feedLimit),
        retention: feedRetention)
      for due in usable where due.watch.feed {
        let feed = await reading.read([due.watch.url])
        result.feedEvents += feed.events
        for post in feed.posts {
          feedOf[post, default: []].append(due.watch.url)
          if rulesOf[post] == nil { rulesOf[post] = rulesOf[due.watch.url] }
        }
        urls += feed.posts
      }
      var seen: Set<String> = []
      urls = urls.filter { seen.insert($0).inserted }
      var service = SnapshotService(fetcher: fetcher, store: store, jobs: jobs, keepRaw: keepRaw)
      for (url, rules) in rulesOf {
        if let page = try? normalizedPageURL(url) { service.rules[page] = rules }
      }
      for due in usable where !due.watch.notifyTargets.isEmpty {
        let pages = [due.watch.url] + (due.watch.feed ? feedPosts(of: due.watch.url, feedOf) : [])
        for page in pages {
          guard let normalized = try? normalizedPageURL(page) else { continue }
          for target in due.watch.notifyTargets
          where !(result.pageTargets[normalized] ?? []).contains(target) {
            result.pageTargets[normalized, default: []].append(target)
          }
        }
      }
      let reports = await service.snapshot(urls, progress: progress)
      for report in reports {
        reportsByURL[report.url] = report
        guard report.isEdit else { continue }
        changedWatches.insert(report.url)
        for feed in feedOf[report.url] ?? [] { changedWatches.insert(feed) }
      }
      result.reports += reports
    }
    var states: [String: WatchState] = [:]
    for due in result.due {
      states[due.watch.url] = due.state.afterCheck(
        at: now, changed: changedWatches.contains(due.watch.url), pinned: due.watch.every)
    }
    do {
      try store.saveWatchStates(states)
    } catch {
      result.stateNotSaved = String(describing: error)
    }
    return result
  }
}

/// The posts a feed watch's feed listed in this run.
private func feedPosts(of feed: String, _ feedOf: [String: [String]]) -> [String] {
  feedOf.filter { $0.value.contains(feed) }.map(\.key).sorted()
}

extension PageReport {
  /// Whether the check stored a new or changed article: what starts the recheck curve again.
  var isEdit: Bool {
    switch outcome {
    case .new, .changed: true
    default: false
    }
  }
}
