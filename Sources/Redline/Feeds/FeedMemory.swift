import FoundationEssentials
import SnapshotStore

/// The posts a feed listed, remembered so that a post keeps being checked after it drops out
/// of the feed: deleted, unpublished, redirected, or only older than the feed's window. Without
/// it a deleted post would go unnoticed in the plain `snapshot --feed` cron set-up.
///
/// Invariant: each post's time is the last time the feed listed it.
public struct FeedMemory: Sendable, Equatable {
  /// By feed URL, the posts it listed and when it last listed each.
  public private(set) var posts: [String: [String: CaptureTime]]

  /// Creates the memory from what the store kept.
  public init(posts: [String: [String: CaptureTime]] = [:]) {
    self.posts = posts
  }

  /// The posts of one feed to check in a run at `now`: those it lists now, in its order, then
  /// those it listed within the last `retention` seconds and lists no more, oldest listing
  /// last. Records the listing; forgets posts not listed for longer than `retention`.
  /// - Parameter listed: the posts the feed lists now; nil when it could not be read (its
  ///   remembered posts are still checked, and none is forgotten).
  public mutating func postsToCheck(
    feed: String, listed: [String]?, now: Date, retention: Double
  ) -> [String] {
    let nowTime = CaptureTime(now)
    let oldest = CaptureTime(now.addingTimeInterval(-max(0, retention)))
    var known = posts[feed] ?? [:]
    var result = listed ?? []
    if let listed {
      for url in listed { known[url] = nowTime }
      known = known.filter { $0.value >= oldest }
    }
    let listedNow = Set(listed ?? [])
    let dropped = known.filter {
      retention > 0 && !listedNow.contains($0.key) && $0.value >= oldest
    }
    result += dropped.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map(\.key)
    posts[feed] = known.isEmpty ? nil : known
    return result
  }
}
