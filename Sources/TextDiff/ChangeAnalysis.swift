/// The line-matching pipeline of GNU diff 3.8 (analyze.c and io.c), re-derived so that the
/// output places every change where `diff -u` places it, with histogram diff as an alternative
/// matcher.
///
/// The stages, in order:
/// 1. Trim the common head and tail, keeping `horizon` elements of each in view (GNU keeps
///    "horizon lines", which `diff -u` sets to the context size), because the last stage may
///    slide a change group into them.
/// 2. Match: either `MyersPipeline` (GNU's: set aside confusing elements, then Myers'
///    linear-space search) or `HistogramSearch` (git's: anchor on rare elements, fall back to
///    `MyersPipeline` where every shared element is frequent).
/// 3. Slide change groups so they merge where possible and otherwise sit as low as they can
///    (`BoundaryShifter`).
enum ChangeAnalysis {
  /// Computes the change flags between two sequences of interned ids.
  ///
  /// - Parameters:
  ///   - old: The old sequence's ids, each in `0..<classCount`.
  ///   - new: The new sequence's ids, each in `0..<classCount`.
  ///   - classCount: The number of distinct ids.
  ///   - horizon: How many elements of the common head and tail stay in view; `Int.max` keeps
  ///     everything (GNU diff uses the context size).
  ///   - algorithm: The matcher.
  ///   - minimal: Whether Myers finds a shortest script regardless of cost. Like
  ///     `diff --minimal`, this also turns off the setting aside of confusing elements.
  /// - Returns: The change flags, one per element of each side.
  /// - Complexity: O((N + M) · D) time, O(N + M + classCount) memory.
  static func changeFlags(
    old: [Int], new: [Int], classCount: Int, horizon: Int, algorithm: DiffAlgorithm,
    minimal: Bool
  ) -> ChangeFlags {
    var flags = ChangeFlags(
      old: [Bool](repeating: false, count: old.count),
      new: [Bool](repeating: false, count: new.count))
    guard old != new else { return flags }

    let window = AnalysisWindow(old: old, new: new, horizon: max(horizon, 0))
    let oldWindow = Array(old[window.old])
    let newWindow = Array(new[window.new])

    var found: (old: [Bool], new: [Bool])
    switch algorithm {
    case .myers:
      found = MyersPipeline.changes(
        old: oldWindow, new: newWindow, classCount: classCount, minimal: minimal)
    case .histogram:
      found = HistogramSearch(old: oldWindow, new: newWindow, classCount: classCount)
        .changes(minimal: minimal)
    }

    BoundaryShifter.shift(changed: &found.old, ids: oldWindow, otherChanged: found.new)
    BoundaryShifter.shift(changed: &found.new, ids: newWindow, otherChanged: found.old)

    flags.old.replaceSubrange(window.old, with: found.old)
    flags.new.replaceSubrange(window.new, with: found.new)
    return flags
  }
}

/// GNU diff's matcher: elements that only confuse the search are set aside
/// (`ConfusingElements`), then Myers' linear-space search runs on the rest
/// (`MiddleSnakeSearch`).
enum MyersPipeline {
  /// Computes the change flags of two id sequences, without sliding change groups.
  ///
  /// - Parameters:
  ///   - old: The old ids, each in `0..<classCount`.
  ///   - new: The new ids, each in `0..<classCount`.
  ///   - classCount: The number of distinct ids.
  ///   - minimal: Whether to find a shortest script regardless of cost.
  /// - Returns: One flag per old element (removed) and one per new element (inserted).
  /// - Complexity: O((N + M) · D) time, O(N + M + classCount) memory.
  static func changes(old: [Int], new: [Int], classCount: Int, minimal: Bool) -> (
    old: [Bool], new: [Bool]
  ) {
    let kept = ConfusingElements(old: old, new: new, classCount: classCount, keepAll: minimal)
    var oldChanged = kept.oldDiscarded
    var newChanged = kept.newDiscarded

    let search = MiddleSnakeSearch(old: kept.oldKept, new: kept.newKept)
    let found = search.changes(minimal: minimal)
    for (keptIndex, isChanged) in found.old.enumerated() where isChanged {
      oldChanged[kept.oldIndexes[keptIndex]] = true
    }
    for (keptIndex, isChanged) in found.new.enumerated() where isChanged {
      newChanged[kept.newIndexes[keptIndex]] = true
    }
    return (oldChanged, newChanged)
  }
}
