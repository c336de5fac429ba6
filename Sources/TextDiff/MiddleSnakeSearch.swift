/// Myers' O(ND) difference algorithm in its linear-space form (E. Myers, "An O(ND) Difference
/// Algorithm and its Variations", Algorithmica 1(2), 1986, §4b), with Paul Eggert's cost
/// cut-off as used by GNU diff.
///
/// The search runs forward from the start and backward from the end of a sub-problem at the
/// same time, one edit step per round, until the two frontiers overlap on a diagonal: that
/// "middle snake" splits the problem in two, and each half is solved the same way. Only two
/// frontier vectors indexed by diagonal are kept, so memory is O(N + M).
///
/// Ties are broken as GNU diff 3.8 breaks them (diagonals scanned from the highest, forward
/// steps preferring the deletion side when equal), so later stages see the same script.
struct MiddleSnakeSearch {
  /// The old ids.
  private let old: [Int]

  /// The new ids.
  private let new: [Int]

  /// Creates a search over two id sequences.
  init(old: [Int], new: [Int]) {
    self.old = old
    self.new = new
  }

  /// Finds which elements of each side change.
  ///
  /// - Parameter minimal: When `false`, a sub-problem whose cost reaches about √(N + M) (at
  ///   least `minimumCostLimit`) is split at the furthest-reaching diagonal instead of the true
  ///   middle snake.
  /// - Returns: One flag per old element (removed) and one per new element (inserted).
  /// - Complexity: O((N + M) · D) time, O(N + M) memory.
  func changes(minimal: Bool) -> (old: [Bool], new: [Bool]) {
    var oldChanged = [Bool](repeating: false, count: old.count)
    var newChanged = [Bool](repeating: false, count: new.count)
    let diagonals = old.count + new.count + 3
    var forward = [Int](repeating: 0, count: diagonals)
    var backward = [Int](repeating: 0, count: diagonals)
    let costLimit = Self.costLimit(diagonals: diagonals)
    old.withUnsafeBufferPointer { oldIDs in
      new.withUnsafeBufferPointer { newIDs in
        oldChanged.withUnsafeMutableBufferPointer { oldFlags in
          newChanged.withUnsafeMutableBufferPointer { newFlags in
            forward.withUnsafeMutableBufferPointer { forwardBuffer in
              backward.withUnsafeMutableBufferPointer { backwardBuffer in
                guard let forwardBase = forwardBuffer.baseAddress,
                  let backwardBase = backwardBuffer.baseAddress
                else { return }
                // Diagonal k = x - y runs from -(M + 1) to N + 1: shift so index 0 is k = -(M + 1).
                let zeroDiagonal = newIDs.count + 1
                let searcher = SnakeSearcher(
                  old: oldIDs, new: newIDs, oldChanged: oldFlags, newChanged: newFlags,
                  forward: forwardBase + zeroDiagonal, backward: backwardBase + zeroDiagonal,
                  costLimit: costLimit)
                searcher.compare(
                  old: 0..<oldIDs.count, new: 0..<newIDs.count, minimal: minimal)
              }
            }
          }
        }
      }
    }
    return (oldChanged, newChanged)
  }

  /// The lowest cost at which a non-minimal search gives up on a sub-problem. 4096 suits
  /// current CPUs (GNU diff bugs 16848 and 24715).
  static let minimumCostLimit = 4096

  /// The cost at which a non-minimal search gives up: about the square root of the input size,
  /// at least `minimumCostLimit`.
  static func costLimit(diagonals: Int) -> Int {
    max(minimumCostLimit, 1 << ((floorLog2(diagonals) >> 1) + 1))
  }
}

/// Where a sub-problem is split, and whether each half still needs a minimal search.
private struct Split {
  /// The split point in the old sequence.
  let oldMiddle: Int
  /// The split point in the new sequence.
  let newMiddle: Int
  /// Whether the part before the split must be solved minimally.
  let lowMinimal: Bool
  /// Whether the part after the split must be solved minimally.
  let highMinimal: Bool
}

/// The working state of one search: views of the ids, the output flags and the two frontier
/// vectors. It lives only inside `MiddleSnakeSearch.changes(minimal:)`, which owns the memory.
private struct SnakeSearcher {
  let old: UnsafeBufferPointer<Int>
  let new: UnsafeBufferPointer<Int>
  let oldChanged: UnsafeMutableBufferPointer<Bool>
  let newChanged: UnsafeMutableBufferPointer<Bool>
  /// `forward[k]`: furthest x reached on diagonal k by the forward search.
  let forward: UnsafeMutablePointer<Int>
  /// `backward[k]`: lowest x reached on diagonal k by the backward search.
  let backward: UnsafeMutablePointer<Int>
  let costLimit: Int

  /// Marks the changes between `old[oldRange]` and `new[newRange]`.
  func compare(old oldRange: Range<Int>, new newRange: Range<Int>, minimal: Bool) {
    var oldLow = oldRange.lowerBound
    var oldHigh = oldRange.upperBound
    var newLow = newRange.lowerBound
    var newHigh = newRange.upperBound
    var minimal = minimal
    while true {
      while oldLow < oldHigh && newLow < newHigh && old[oldLow] == new[newLow] {
        oldLow += 1
        newLow += 1
      }
      while oldLow < oldHigh && newLow < newHigh && old[oldHigh - 1] == new[newHigh - 1] {
        oldHigh -= 1
        newHigh -= 1
      }
      if oldLow == oldHigh {
        for index in newLow..<newHigh { newChanged[index] = true }
        return
      }
      if newLow == newHigh {
        for index in oldLow..<oldHigh { oldChanged[index] = true }
        return
      }
      let split = middleSnake(
        old: oldLow..<oldHigh, new: newLow..<newHigh, minimal: minimal)
      // Recurse into the smaller half and loop on the larger, so the stack stays O(log N).
      let lowSize = (split.oldMiddle - oldLow) + (split.newMiddle - newLow)
      let highSize = (oldHigh - split.oldMiddle) + (newHigh - split.newMiddle)
      if highSize < lowSize {
        compare(
          old: split.oldMiddle..<oldHigh, new: split.newMiddle..<newHigh,
          minimal: split.highMinimal)
        oldHigh = split.oldMiddle
        newHigh = split.newMiddle
        minimal = split.lowMinimal
      } else {
        compare(
          old: oldLow..<split.oldMiddle, new: newLow..<split.newMiddle,
          minimal: split.lowMinimal)
        oldLow = split.oldMiddle
        newLow = split.newMiddle
        minimal = split.highMinimal
      }
    }
  }

  /// Finds the middle snake of a sub-problem whose first and last elements differ.
  private func middleSnake(old oldRange: Range<Int>, new newRange: Range<Int>, minimal: Bool)
    -> Split
  {
    let xLow = oldRange.lowerBound
    let xHigh = oldRange.upperBound
    let yLow = newRange.lowerBound
    let yHigh = newRange.upperBound
    let lowestDiagonal = xLow - yHigh
    let highestDiagonal = xHigh - yLow
    let forwardMid = xLow - yLow
    let backwardMid = xHigh - yHigh
    var forwardMin = forwardMid
    var forwardMax = forwardMid
    var backwardMin = backwardMid
    var backwardMax = backwardMid
    // When the diagonals of the two corners differ by an odd amount, the searches can only meet
    // on a forward step; otherwise only on a backward step.
    let meetsForward = (forwardMid - backwardMid) & 1 != 0
    // Plain pointers in locals: through `self` the compiler reloaded both bases after every
    // store to a frontier vector, in the hottest loop of the Myers search.
    guard let old = old.baseAddress, let new = new.baseAddress else {
      preconditionFailure("a sub-problem whose first and last elements differ is not empty")
    }
    let forward = forward
    let backward = backward

    forward[forwardMid] = xLow
    backward[backwardMid] = xHigh

    var cost = 1
    while true {
      if forwardMin > lowestDiagonal {
        forwardMin -= 1
        forward[forwardMin - 1] = -1
      } else {
        forwardMin += 1
      }
      if forwardMax < highestDiagonal {
        forwardMax += 1
        forward[forwardMax + 1] = -1
      } else {
        forwardMax -= 1
      }
      var diagonal = forwardMax
      while diagonal >= forwardMin {
        let fromBelow = forward[diagonal - 1]
        let fromAbove = forward[diagonal + 1]
        var x = fromBelow < fromAbove ? fromAbove : fromBelow &+ 1
        var y = x &- diagonal
        while x < xHigh && y < yHigh && old[x] == new[y] {
          x &+= 1
          y &+= 1
        }
        forward[diagonal] = x
        if meetsForward && backwardMin <= diagonal && diagonal <= backwardMax
          && backward[diagonal] <= x
        {
          return Split(oldMiddle: x, newMiddle: y, lowMinimal: true, highMinimal: true)
        }
        diagonal &-= 2
      }

      if backwardMin > lowestDiagonal {
        backwardMin -= 1
        backward[backwardMin - 1] = Int.max
      } else {
        backwardMin += 1
      }
      if backwardMax < highestDiagonal {
        backwardMax += 1
        backward[backwardMax + 1] = Int.max
      } else {
        backwardMax -= 1
      }
      diagonal = backwardMax
      while diagonal >= backwardMin {
        let fromBelow = backward[diagonal - 1]
        let fromAbove = backward[diagonal + 1]
        var x = fromBelow < fromAbove ? fromBelow : fromAbove &- 1
        var y = x &- diagonal
        while xLow < x && yLow < y && old[x &- 1] == new[y &- 1] {
          x &-= 1
          y &-= 1
        }
        backward[diagonal] = x
        if !meetsForward && forwardMin <= diagonal && diagonal <= forwardMax
          && x <= forward[diagonal]
        {
          return Split(oldMiddle: x, newMiddle: y, lowMinimal: true, highMinimal: true)
        }
        diagonal &-= 2
      }

      if !minimal && cost >= costLimit {
        return bestPartialSplit(
          old: oldRange, new: newRange,
          forwardDiagonals: (forwardMin, forwardMax), backwardDiagonals: (backwardMin, backwardMax))
      }
      cost += 1
    }
  }

  /// Gives up on a costly sub-problem: splits at whichever frontier point got furthest from its
  /// corner (measured as x + y), and asks for a minimal search only on that point's side.
  private func bestPartialSplit(
    old oldRange: Range<Int>, new newRange: Range<Int>,
    forwardDiagonals: (min: Int, max: Int), backwardDiagonals: (min: Int, max: Int)
  ) -> Split {
    var forwardBestSum = -1
    var forwardBestX = 0
    var diagonal = forwardDiagonals.max
    while diagonal >= forwardDiagonals.min {
      var x = min(forward[diagonal], oldRange.upperBound)
      var y = x - diagonal
      if newRange.upperBound < y {
        x = newRange.upperBound + diagonal
        y = newRange.upperBound
      }
      if forwardBestSum < x + y {
        forwardBestSum = x + y
        forwardBestX = x
      }
      diagonal -= 2
    }

    var backwardBestSum = Int.max
    var backwardBestX = 0
    diagonal = backwardDiagonals.max
    while diagonal >= backwardDiagonals.min {
      var x = max(oldRange.lowerBound, backward[diagonal])
      var y = x - diagonal
      if y < newRange.lowerBound {
        x = newRange.lowerBound + diagonal
        y = newRange.lowerBound
      }
      if x + y < backwardBestSum {
        backwardBestSum = x + y
        backwardBestX = x
      }
      diagonal -= 2
    }

    let forwardProgress = forwardBestSum - (oldRange.lowerBound + newRange.lowerBound)
    let backwardProgress = (oldRange.upperBound + newRange.upperBound) - backwardBestSum
    if backwardProgress < forwardProgress {
      return Split(
        oldMiddle: forwardBestX, newMiddle: forwardBestSum - forwardBestX,
        lowMinimal: true, highMinimal: false)
    }
    return Split(
      oldMiddle: backwardBestX, newMiddle: backwardBestSum - backwardBestX,
      lowMinimal: false, highMinimal: true)
  }
}
