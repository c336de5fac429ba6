/// The line-matching pipeline of GNU diff 3.8 (analyze.c and io.c), re-derived so that the
/// output places every change where `diff -u` places it.
///
/// The stages, in order:
/// 1. Trim the common head and tail, keeping `horizon` elements of each in view (GNU keeps
///    "horizon lines", which `diff -u` sets to the context size), because the last stage may
///    slide a change group into them.
/// 2. Set aside elements that have no match on the other side, and runs of very frequent
///    elements between them (`ConfusingElements`).
/// 3. Run Myers' linear-space search on what is left (`MiddleSnakeSearch`).
/// 4. Slide change groups so they merge where possible and otherwise sit as low as they can
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
  ///   - minimal: Whether to find a shortest script regardless of cost. Like `diff --minimal`,
  ///     this also turns off the setting aside of confusing elements.
  /// - Returns: The change flags, one per element of each side.
  /// - Complexity: O((N + M) · D) time, O(N + M + classCount) memory.
  static func changeFlags(
    old: [Int], new: [Int], classCount: Int, horizon: Int, minimal: Bool
  ) -> ChangeFlags {
    var flags = ChangeFlags(
      old: [Bool](repeating: false, count: old.count),
      new: [Bool](repeating: false, count: new.count))
    guard old != new else { return flags }

    let window = AnalysisWindow(old: old, new: new, horizon: max(horizon, 0))
    let oldWindow = Array(old[window.old])
    let newWindow = Array(new[window.new])

    let kept = ConfusingElements(
      old: oldWindow, new: newWindow, classCount: classCount, keepAll: minimal)
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

    BoundaryShifter.shift(
      changed: &oldChanged, ids: oldWindow, otherChanged: newChanged)
    BoundaryShifter.shift(
      changed: &newChanged, ids: newWindow, otherChanged: oldChanged)

    flags.old.replaceSubrange(window.old, with: oldChanged)
    flags.new.replaceSubrange(window.new, with: newChanged)
    return flags
  }
}
