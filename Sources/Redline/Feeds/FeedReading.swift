import FoundationEssentials
import SnapshotStore

/// The feed half of `snapshot --feed`: reads each feed, remembers which feeds fail (so a quiet
/// run reports a failing feed once) and which posts each listed (so a post that drops out is
/// still checked for `retention` seconds), and returns the posts to check with what happened.
/// Feed state lives behind the store protocol, so another backend keeps it too.
public struct FeedReading: Sendable {
  /// What happened to one feed, for the report.
  public enum Event: Sendable, Equatable {
    /// The feed could not be read; `stillFailing` when its previous reading failed too.
    case failed(url: String, reason: String, stillFailing: Bool)
    /// The feed was read after failing last time.
    case recovered(url: String)
    /// The feed listed more posts than the limit; the first `taken` are checked.
    case cut(url: String, listed: Int, taken: Int)
    /// The feeds' state could not be recorded; the run goes on.
    case stateNotSaved(reason: String)
  }

  /// The posts to check and the events, in feed order.
  public struct Result: Sendable {
    /// Every post to check, each once, listed ones first.
    public var posts: [String]
    /// What happened, feed by feed.
    public var events: [Event]
  }

  /// Where the feeds' state is kept.
  public let store: any SnapshotStoring
  /// How feeds are fetched and expanded.
  public let expansion: FeedExpansion
  /// How long a post that left its feed is still checked, in seconds.
  public let retention: Double
  /// The current time; injected so tests can fix it.
  public let now: @Sendable () -> Date

  /// Creates the feed half of a run.
  public init(
    store: any SnapshotStoring, expansion: FeedExpansion, retention: Double,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.store = store
    self.expansion = expansion
    self.retention = retention
    self.now = now
  }

  /// Reads the feeds and records their state.
  public func read(_ feeds: [String]) async -> Result {
    guard !feeds.isEmpty else { return Result(posts: [], events: []) }
    var events: [Event] = []
    let knownFailures = (try? store.feedFailures()) ?? [:]
    var failures = knownFailures
    let knownPosts = FeedMemory(posts: (try? store.feedPosts()) ?? [:])
    var memory = knownPosts
    var posts: [String] = []
    for feed in feeds {
      let previous = knownFailures[feed]
      var listed: [String]?
      do {
        let list = try await expansion.posts(feed)
        listed = list.urls
        if list.isCut {
          events.append(.cut(url: feed, listed: list.listed, taken: list.urls.count))
        }
        if failures.removeValue(forKey: feed) != nil { events.append(.recovered(url: feed)) }
      } catch {
        let reason = String(describing: error)
        failures[feed] = FeedFailure(
          since: previous?.since ?? CaptureTime(now()), error: reason)
        events.append(.failed(url: feed, reason: reason, stillFailing: previous != nil))
      }
      // A feed that failed still has its remembered posts checked.
      posts += memory.postsToCheck(feed: feed, listed: listed, now: now(), retention: retention)
    }
    do {
      if memory != knownPosts { try store.saveFeedPosts(memory.posts) }
      if failures != knownFailures { try store.saveFeedFailures(failures) }
    } catch {
      events.append(.stateNotSaved(reason: String(describing: error)))
    }
    var seen: Set<String> = []
    return Result(posts: posts.filter { seen.insert($0).inserted }, events: events)
  }
}
