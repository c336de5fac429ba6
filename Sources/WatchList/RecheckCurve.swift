/// How long to wait before checking a watch again when its interval is not pinned: short while
/// a post is young or was just edited, longer as it ages without edits.
///
/// | time since the last edit (or the first check) | next check in |
/// | --- | --- |
/// | under 1 day | 15 minutes |
/// | under 7 days | 1 hour |
/// | under 30 days | 1 day |
/// | 30 days or more | 7 days |
///
/// An edit starts the curve again. docs/WATCH-FILE.md documents it for users.
public enum RecheckCurve {
  /// The steps of the curve: (age below, interval), in seconds.
  public static let steps: [(below: Int64, interval: Int64)] = [
    (86_400, 15 * 60),
    (7 * 86_400, 3_600),
    (30 * 86_400, 86_400),
  ]

  /// The interval once a post is older than the last step.
  public static let settledInterval: Int64 = 7 * 86_400

  /// The interval for a post whose last edit (or first check) was `age` seconds ago.
  /// - Complexity: O(1).
  public static func interval(forAge age: Int64) -> Int64 {
    for step in steps where age < step.below { return step.interval }
    return settledInterval
  }
}

/// The schedule state of one watch: what the store keeps so that deciding what is due reads
/// no page history. Times are Unix seconds; 0 is "never".
public struct WatchState: Sendable, Equatable, Codable {
  /// When the watch is next due (0: at once).
  public var nextDue: Int64
  /// When it was last checked.
  public var lastChecked: Int64
  /// When a check last found it new or changed.
  public var lastChanged: Int64
  /// When it was first checked.
  public var firstChecked: Int64

  /// Creates a state; the default is a watch never checked, due at once.
  public init(
    nextDue: Int64 = 0, lastChecked: Int64 = 0, lastChanged: Int64 = 0,
    firstChecked: Int64 = 0
  ) {
    self.nextDue = nextDue
    self.lastChecked = lastChecked
    self.lastChanged = lastChanged
    self.firstChecked = firstChecked
  }

  /// The state after a check at `time` that found the page changed (or new) or not, with the
  /// next check a pinned interval later or where the curve says.
  /// - Parameters:
  ///   - time: when the check ran (Unix seconds).
  ///   - changed: whether it found a new or changed article.
  ///   - pinned: the watch's `every`, if set.
  public func afterCheck(at time: Int64, changed: Bool, pinned: WatchInterval?) -> WatchState {
    var next = self
    next.lastChecked = time
    if next.firstChecked == 0 { next.firstChecked = time }
    if changed { next.lastChanged = time }
    let since = next.lastChanged > 0 ? next.lastChanged : next.firstChecked
    let interval = pinned?.seconds ?? RecheckCurve.interval(forAge: max(0, time - since))
    next.nextDue = time + interval
    return next
  }
}
