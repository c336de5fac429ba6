/// Sets aside elements that would only confuse the search, as GNU diff's
/// `discard_confusing_lines` does.
///
/// An element with no match on the other side is certainly a change, so it is marked changed
/// and hidden from the search. An element with very many matches ("provisional") is hidden too,
/// but only when it sits inside a run of unmatched elements, away from the run's ends; this
/// keeps blank lines and other frequent lines from tying unrelated blocks together, and it makes
/// two unrelated texts cheap to compare.
///
/// Invariant: `oldKept[k] == old[oldIndexes[k]]`, and an element is either kept or flagged in
/// `oldDiscarded`, never both (likewise for the new side).
struct ConfusingElements {
  /// The old ids that the search looks at, in order.
  let oldKept: [Int]

  /// The new ids that the search looks at, in order.
  let newKept: [Int]

  /// `oldIndexes[k]` is the position in the old window of `oldKept[k]`.
  let oldIndexes: [Int]

  /// `newIndexes[k]` is the position in the new window of `newKept[k]`.
  let newIndexes: [Int]

  /// Flags, per old element, of the elements set aside; they are changes.
  let oldDiscarded: [Bool]

  /// Flags, per new element, of the elements set aside; they are changes.
  let newDiscarded: [Bool]

  /// What the first pass decides about one element.
  private enum Verdict: UInt8 {
    /// The element stays.
    case keep
    /// The element has no match on the other side.
    case discard
    /// The element has many matches; it goes only in the middle of a run of discards.
    case provisional
  }

  /// Matches beyond which an element is provisional, in a sequence of under 64 elements. The
  /// threshold grows with the square root of the length (GNU's `many`).
  private static let baseManyMatches = 5

  /// Sequences shorter than this use `baseManyMatches` unscaled.
  private static let manyMatchesScaleStart = 64

  /// A run of discards keeps none of its provisional elements if more than 1 in this many are
  /// provisional.
  private static let provisionalShareLimit = 4

  /// Unmatched elements in a row that end the clean-up at either end of a run.
  private static let solidRunLength = 3

  /// How far into a run the clean-up at either end goes before it stops at any unmatched
  /// element.
  private static let cleanupReach = 8

  /// Splits both windows into kept and set-aside elements.
  ///
  /// - Parameters:
  ///   - old: The old window's ids.
  ///   - new: The new window's ids.
  ///   - classCount: The number of distinct ids.
  ///   - keepAll: When `true` (minimal diffs), nothing is set aside.
  init(old: [Int], new: [Int], classCount: Int, keepAll: Bool) {
    var oldVerdicts = [Verdict](repeating: .keep, count: old.count)
    var newVerdicts = [Verdict](repeating: .keep, count: new.count)
    if !keepAll {
      let oldCounts = Self.occurrences(of: old, classCount: classCount)
      let newCounts = Self.occurrences(of: new, classCount: classCount)
      oldVerdicts = Self.firstPass(old, otherCounts: newCounts)
      newVerdicts = Self.firstPass(new, otherCounts: oldCounts)
      Self.settleProvisionals(&oldVerdicts)
      Self.settleProvisionals(&newVerdicts)
    }
    (oldKept, oldIndexes, oldDiscarded) = Self.split(old, verdicts: oldVerdicts)
    (newKept, newIndexes, newDiscarded) = Self.split(new, verdicts: newVerdicts)
  }

  /// Counts how often each id occurs.
  private static func occurrences(of ids: [Int], classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for id in ids {
      counts[id] += 1
    }
    return counts
  }

  /// Marks unmatched elements as discards and very frequent ones as provisional.
  private static func firstPass(_ ids: [Int], otherCounts: [Int]) -> [Verdict] {
    var many = baseManyMatches
    if ids.count >= manyMatchesScaleStart {
      many <<= (floorLog2(ids.count) >> 1) - 3
    }
    return ids.map { id in
      let matches = otherCounts[id]
      if matches == 0 { return .discard }
      return matches > many ? .provisional : .keep
    }
  }

  /// Keeps a provisional element set aside only inside a run of discards whose ends are real
  /// discards, and not in long provisional stretches or near the run's ends.
  private static func settleProvisionals(_ verdicts: inout [Verdict]) {
    let end = verdicts.count
    var index = 0
    while index < end {
      defer { index += 1 }
      if verdicts[index] == .provisional {
        verdicts[index] = .keep
        continue
      }
      guard verdicts[index] == .discard else { continue }

      // The run of discards and provisionals that starts here, without provisionals at its end.
      var runEnd = index
      var provisionals = 0
      while runEnd < end && verdicts[runEnd] != .keep {
        if verdicts[runEnd] == .provisional { provisionals += 1 }
        runEnd += 1
      }
      while runEnd > index && verdicts[runEnd - 1] == .provisional {
        runEnd -= 1
        verdicts[runEnd] = .keep
        provisionals -= 1
      }
      let length = runEnd - index

      if length / provisionalShareLimit < provisionals {
        for position in index..<runEnd where verdicts[position] == .provisional {
          verdicts[position] = .keep
        }
      } else {
        cancelLongProvisionalStretches(&verdicts, run: index..<runEnd)
        cleanUpRunEnd(&verdicts, positions: Array(index..<runEnd))
        cleanUpRunEnd(&verdicts, positions: (index..<runEnd).reversed())
      }
      index = runEnd - 1
    }
  }

  /// Keeps every stretch of provisional elements whose length reaches about the square root of
  /// a quarter of the run's length.
  private static func cancelLongProvisionalStretches(
    _ verdicts: inout [Verdict], run: Range<Int>
  ) {
    let length = run.count
    let minimum = length < 4 ? 2 : (1 << ((floorLog2(length) >> 1) - 1)) + 1
    var stretch = 0
    var position = run.lowerBound
    while position < run.upperBound {
      if verdicts[position] != .provisional {
        stretch = 0
      } else {
        stretch += 1
        if stretch == minimum {
          // Go back to the stretch's start and keep all of it.
          position -= stretch
        } else if stretch > minimum {
          verdicts[position] = .keep
        }
      }
      position += 1
    }
  }

  /// Walks from one end of a run into it and keeps provisional elements until it has seen
  /// `solidRunLength` discards in a row, or a discard `cleanupReach` or more steps in.
  private static func cleanUpRunEnd(_ verdicts: inout [Verdict], positions: [Int]) {
    var discardsInARow = 0
    for (step, position) in positions.enumerated() {
      if step >= cleanupReach && verdicts[position] == .discard { break }
      switch verdicts[position] {
      case .provisional:
        discardsInARow = 0
        verdicts[position] = .keep
      case .keep:
        discardsInARow = 0
      case .discard:
        discardsInARow += 1
      }
      if discardsInARow == solidRunLength { break }
    }
  }

  /// Separates kept ids from discarded ones.
  private static func split(
    _ ids: [Int], verdicts: [Verdict]
  ) -> (kept: [Int], indexes: [Int], discarded: [Bool]) {
    var kept: [Int] = []
    var indexes: [Int] = []
    kept.reserveCapacity(ids.count)
    indexes.reserveCapacity(ids.count)
    var discarded = [Bool](repeating: false, count: ids.count)
    for (position, id) in ids.enumerated() {
      if verdicts[position] == .keep {
        kept.append(id)
        indexes.append(position)
      } else {
        discarded[position] = true
      }
    }
    return (kept, indexes, discarded)
  }
}

/// The position of the highest set bit of a positive number: ⌊log₂ n⌋.
func floorLog2(_ value: Int) -> Int {
  precondition(value > 0, "floorLog2 needs a positive number")
  return Int.bitWidth - 1 - value.leadingZeroBitCount
}
