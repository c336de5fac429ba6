/// The algorithm that finds the edit script between two sequences.
public enum DiffAlgorithm: String, Sendable, CaseIterable {
  /// Histogram diff, as git's `--histogram`: anchors on the rarest elements both sides share,
  /// so a rewritten or moved paragraph stays one block; regions where every shared element is
  /// frequent fall back to `myers`. The default.
  case histogram

  /// Myers' O(ND) algorithm in its linear-space form, with GNU diff's refinements: elements
  /// without a match on the other side are set aside first, a cost cut-off bounds the search
  /// (unless the diff is asked to be minimal), and change groups are slid to the positions GNU
  /// diff 3.8 prints.
  case myers
}

/// The changes that turn one sequence into another.
///
/// The script lists maximal change groups in order. Each group replaces `old[oldRange]` with
/// `new[newRange]`; one of the two ranges may be empty (a pure deletion or insertion).
///
/// Invariants:
/// - Groups are sorted, and neither their old ranges nor their new ranges overlap or touch: at
///   least one unchanged element separates two groups.
/// - Between two groups (and before the first, and after the last) the unchanged runs of `old`
///   and `new` have the same length and equal elements, pairwise.
public struct EditScript: Sendable, Equatable {
  /// One change group: `old[oldRange]` is replaced by `new[newRange]`.
  public struct Change: Sendable, Hashable {
    /// The removed elements' positions in the old sequence; empty for a pure insertion, then its
    /// lower bound is the position in `old` where the insertion happens.
    public let oldRange: Range<Int>

    /// The inserted elements' positions in the new sequence; empty for a pure deletion, then its
    /// lower bound is the position in `new` where the deleted elements were.
    public let newRange: Range<Int>

    /// Creates a change group that replaces `old[oldRange]` with `new[newRange]`.
    ///
    /// - Parameters:
    ///   - oldRange: The removed elements' positions in the old sequence.
    ///   - newRange: The inserted elements' positions in the new sequence.
    public init(oldRange: Range<Int>, newRange: Range<Int>) {
      self.oldRange = oldRange
      self.newRange = newRange
    }
  }

  /// The number of elements of the old sequence.
  public let oldCount: Int

  /// The number of elements of the new sequence.
  public let newCount: Int

  /// The change groups, in order.
  public let changes: [Change]

  /// Creates an edit script from change groups that satisfy the type's invariants.
  ///
  /// - Parameters:
  ///   - oldCount: The number of elements of the old sequence.
  ///   - newCount: The number of elements of the new sequence.
  ///   - changes: The change groups, in order.
  public init(oldCount: Int, newCount: Int, changes: [Change]) {
    self.oldCount = oldCount
    self.newCount = newCount
    self.changes = changes
  }

  /// Whether the two sequences are equal, so the script changes nothing.
  public var isEmpty: Bool { changes.isEmpty }

  /// The number of elements removed from the old sequence.
  public var removedCount: Int { changes.reduce(0) { $0 + $1.oldRange.count } }

  /// The number of elements inserted from the new sequence.
  public var insertedCount: Int { changes.reduce(0) { $0 + $1.newRange.count } }
}

extension EditScript {
  /// Builds the script from per-element change flags, merging adjacent flags into groups.
  ///
  /// - Parameter flags: Which elements of each side are removed or inserted.
  init(_ flags: ChangeFlags) {
    let oldChanged = flags.old
    let newChanged = flags.new
    var changes: [Change] = []
    var oldIndex = 0
    var newIndex = 0
    while oldIndex < oldChanged.count || newIndex < newChanged.count {
      let oldIsChanged = oldIndex < oldChanged.count && oldChanged[oldIndex]
      let newIsChanged = newIndex < newChanged.count && newChanged[newIndex]
      if oldIsChanged || newIsChanged {
        let oldStart = oldIndex
        let newStart = newIndex
        while oldIndex < oldChanged.count && oldChanged[oldIndex] { oldIndex += 1 }
        while newIndex < newChanged.count && newChanged[newIndex] { newIndex += 1 }
        changes.append(Change(oldRange: oldStart..<oldIndex, newRange: newStart..<newIndex))
      } else {
        oldIndex += 1
        newIndex += 1
      }
    }
    self.init(oldCount: oldChanged.count, newCount: newChanged.count, changes: changes)
  }
}

/// Finds the edit script between two sequences of any `Hashable` elements.
///
/// Elements are compared with `==` after hashing; for text lines, diff `Line` values (raw bytes)
/// rather than `String`s, because `String ==` treats NFC and NFD spellings as equal.
///
///     let script = diff(["a", "b", "c"], ["a", "x", "c"])
///     // script.changes == [Change(oldRange: 1..<2, newRange: 1..<2)]
///
/// - Parameters:
///   - old: The original sequence.
///   - new: The changed sequence.
///   - algorithm: The algorithm to use: `.histogram` (the default) or `.myers`.
///   - minimal: When `true` with `.myers`, the script is as short as possible (N + M − 2·LCS
///     changed elements) however long that takes; with `.histogram` this applies to the regions
///     it hands to Myers. When `false` (the default, like GNU diff), a cost cut-off and
///     setting aside of confusing elements keep the time near O(N^1.5 log N) on large, very
///     different inputs, at the price of a slightly longer script there.
/// - Returns: The change groups that turn `old` into `new`.
/// - Complexity: O((N + M) · D) time and O(N + M) memory, where N and M are the lengths and D is
///   the number of changed elements; with `minimal == false` the search per split is capped.
public func diff<E: Hashable>(
  _ old: [E], _ new: [E], algorithm: DiffAlgorithm = .histogram, minimal: Bool = false
) -> EditScript {
  let (oldIDs, newIDs, classCount) = internElements(old, new)
  let flags = ChangeAnalysis.changeFlags(
    old: oldIDs, new: newIDs, classCount: classCount, horizon: Int.max, algorithm: algorithm,
    minimal: minimal)
  return EditScript(flags)
}

/// Maps equal elements to equal small integers, so the search compares integers only.
///
/// - Returns: The ids of both sequences and the number of distinct ids (ids are `0..<classCount`).
/// - Complexity: O(N + M) hashing operations.
func internElements<E: Hashable>(_ old: [E], _ new: [E]) -> (
  old: [Int], new: [Int], classCount: Int
) {
  var ids: [E: Int] = [:]
  ids.reserveCapacity(old.count + new.count)
  func intern(_ sequence: [E]) -> [Int] {
    sequence.map { element in
      if let id = ids[element] {
        return id
      }
      let id = ids.count
      ids[element] = id
      return id
    }
  }
  let oldIDs = intern(old)
  let newIDs = intern(new)
  return (oldIDs, newIDs, ids.count)
}
