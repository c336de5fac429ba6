/// A watch that is due, as a run gets it from the store: the watch, its schedule state, and
/// the rules of its site.
public struct DueWatch: Sendable, Equatable {
  /// The watch.
  public var watch: Watch
  /// Its schedule state before this run claimed it.
  public var state: WatchState
  /// The rules of its host's `[site."HOST"]` table, if any.
  public var siteRules: ExtractionRules?

  /// Creates a due watch.
  public init(watch: Watch, state: WatchState, siteRules: ExtractionRules? = nil) {
    self.watch = watch
    self.state = state
    self.siteRules = siteRules
  }
}
