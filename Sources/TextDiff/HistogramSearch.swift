/// Histogram diff: anchors on the rarest lines two texts share, as git's `xhistogram.c` does
/// (Shawn Pearce's JGit `HistogramDiff`, ported to git in commit 8c912eea).
///
/// For one region of each side, the search counts how often each old element occurs, then
/// walks the new side: wherever a new element also occurs in the old region at most
/// `maximumOccurrences` times, it grows the match around each occurrence into the longest
/// common run and keeps the run whose rarest element is rarest (the longer run on a tie). That
/// run is common; the regions before and after it are solved the same way. A region where every
/// shared element is too frequent (blank lines, say) is handed to Myers' search with GNU diff's
/// refinements, and a region with nothing in common is one replacement.
///
/// Because it anchors on rare lines, a rewritten paragraph comes out as one removed block and
/// one added block instead of being interleaved on the blank lines around it, and a moved block
/// comes out as one deletion and one insertion.
///
/// Invariant: elements left unflagged on both sides pair up in order and are equal.
struct HistogramSearch {
  /// The old ids.
  private let old: [Int]

  /// The new ids.
  private let new: [Int]

  /// The number of distinct ids: every id is in `0..<classCount`.
  private let classCount: Int

  /// Occurrences above which an element is too common to anchor on (git's `max_chain_length`).
  static let maximumOccurrences = 64

  /// Creates a search over two id sequences whose ids are in `0..<classCount`.
  init(old: [Int], new: [Int], classCount: Int) {
    self.old = old
    self.new = new
    self.classCount = classCount
  }

  /// Finds which elements of each side change.
  ///
  /// - Parameter minimal: Whether the Myers fallback runs without its cost cut-off (and without
  ///   setting aside confusing elements).
  /// - Returns: One flag per old element (removed) and one per new element (inserted).
  /// - Complexity: O((N + M) · depth) for the anchoring, where depth is how deeply the regions
  ///   nest (small for text), plus the Myers fallback's cost on the regions it gets. Memory is
  ///   O(N + M + classCount).
  func changes(minimal: Bool) -> (old: [Bool], new: [Bool]) {
    var state = HistogramState(old: old, new: new, classCount: classCount, minimal: minimal)
    let window = AnalysisWindow(old: old, new: new, horizon: 0)
    var pending = [Region(old: window.old, new: window.new)]
    while let region = pending.popLast() {
      state.solve(region, pending: &pending)
    }
    return (state.oldChanged, state.newChanged)
  }
}

/// A pair of ranges, one per side, still to be compared.
private struct Region {
  let old: Range<Int>
  let new: Range<Int>
}

/// The longest run of common elements found so far in a region, and the occurrence count of its
/// rarest element.
private struct Anchor {
  var oldStart = 0
  var oldEnd = 0
  var newStart = 0
  var newEnd = 0
  var found = false
}

/// What `HistogramSearch` works with: the flags it fills in and the occurrence index of the old
/// region under study, kept between regions so nothing of size `classCount` is allocated twice.
private struct HistogramState {
  let old: [Int]
  let new: [Int]
  let minimal: Bool
  var oldChanged: [Bool]
  var newChanged: [Bool]

  /// Per id: its first position in the old region, or -1 when it does not occur there.
  var firstPosition: [Int]
  /// Per id: how often it occurs in the old region.
  var occurrences: [Int]
  /// Per old position: the next position of the same id in the region, or -1.
  var nextPosition: [Int]
  /// Per id: a local number for the Myers fallback, or -1.
  var localID: [Int]

  init(old: [Int], new: [Int], classCount: Int, minimal: Bool) {
    self.old = old
    self.new = new
    self.minimal = minimal
    oldChanged = [Bool](repeating: false, count: old.count)
    newChanged = [Bool](repeating: false, count: new.count)
    firstPosition = [Int](repeating: -1, count: classCount)
    occurrences = [Int](repeating: 0, count: classCount)
    nextPosition = [Int](repeating: -1, count: old.count)
    localID = [Int](repeating: -1, count: classCount)
  }

  /// Solves one region, adding the regions left over to `pending`.
  mutating func solve(_ region: Region, pending: inout [Region]) {
    if region.old.isEmpty {
      for index in region.new { newChanged[index] = true }
      return
    }
    if region.new.isEmpty {
      for index in region.old { oldChanged[index] = true }
      return
    }
    let (anchor, sharesTooCommonOnly) = findAnchor(region)
    if sharesTooCommonOnly {
      fallBackToMyers(region)
    } else if !anchor.found {
      for index in region.old { oldChanged[index] = true }
      for index in region.new { newChanged[index] = true }
    } else {
      pending.append(
        Region(
          old: anchor.oldEnd..<region.old.upperBound, new: anchor.newEnd..<region.new.upperBound)
      )
      pending.append(
        Region(
          old: region.old.lowerBound..<anchor.oldStart,
          new: region.new.lowerBound..<anchor.newStart))
    }
  }

  /// Finds the region's anchor: the common run whose rarest element is rarest. The second value
  /// is `true` when the sides share elements but all of them are too common to anchor on.
  mutating func findAnchor(_ region: Region) -> (Anchor, sharesTooCommonOnly: Bool) {
    indexOldRegion(region.old)
    defer { clearIndex(region.old) }

    var anchor = Anchor()
    // Like git, start just above the limit, so a run made only of elements that occur
    // maximumOccurrences + 1 times can be recorded but still sends the region to Myers.
    var lowestCount = HistogramSearch.maximumOccurrences + 1
    var hasCommon = false
    var newIndex = region.new.lowerBound
    let oldLow = region.old.lowerBound
    let oldHigh = region.old.upperBound
    let newLow = region.new.lowerBound
    let newHigh = region.new.upperBound
    while newIndex < newHigh {
      var nextNewIndex = newIndex + 1
      let id = new[newIndex]
      var oldIndex = firstPosition[id]
      if oldIndex >= 0 {
        hasCommon = true
        let count = occurrences[id]
        if count <= lowestCount {
          while oldIndex >= 0 {
            // Grow the match at (oldIndex, newIndex) both ways, tracking its rarest element.
            var oldStart = oldIndex
            var newStart = newIndex
            var oldEnd = oldIndex + 1
            var newEnd = newIndex + 1
            var rarest = count
            while oldLow < oldStart && newLow < newStart && old[oldStart - 1] == new[newStart - 1] {
              oldStart -= 1
              newStart -= 1
              if rarest > 1 { rarest = min(rarest, occurrences[old[oldStart]]) }
            }
            while oldEnd < oldHigh && newEnd < newHigh && old[oldEnd] == new[newEnd] {
              if rarest > 1 { rarest = min(rarest, occurrences[old[oldEnd]]) }
              oldEnd += 1
              newEnd += 1
            }
            nextNewIndex = max(nextNewIndex, newEnd)
            if anchor.oldEnd - anchor.oldStart < oldEnd - oldStart || rarest < lowestCount {
              anchor = Anchor(
                oldStart: oldStart, oldEnd: oldEnd, newStart: newStart, newEnd: newEnd,
                found: true)
              lowestCount = rarest
            }
            // Skip the occurrences this run already covers.
            var next = nextPosition[oldIndex]
            while next >= 0 && next < oldEnd { next = nextPosition[next] }
            oldIndex = next
          }
        }
      }
      newIndex = nextNewIndex
    }
    let sharesTooCommonOnly = hasCommon && lowestCount > HistogramSearch.maximumOccurrences
    return (anchor, sharesTooCommonOnly)
  }

  /// Records, for the old region, each id's first position, count and chain of positions.
  mutating func indexOldRegion(_ range: Range<Int>) {
    var position = range.upperBound - 1
    while position >= range.lowerBound {
      let id = old[position]
      nextPosition[position] = firstPosition[id]
      firstPosition[id] = position
      occurrences[id] += 1
      position -= 1
    }
  }

  /// Undoes `indexOldRegion`, touching only the ids of the region.
  mutating func clearIndex(_ range: Range<Int>) {
    for position in range {
      let id = old[position]
      firstPosition[id] = -1
      occurrences[id] = 0
    }
  }

  /// Compares a region with GNU diff's Myers pipeline (confusing elements set aside, then the
  /// linear-space search with its cost cut-off), on ids renumbered to the region.
  mutating func fallBackToMyers(_ region: Region) {
    var localCount = 0
    func renumber(_ id: Int) -> Int {
      if localID[id] < 0 {
        localID[id] = localCount
        localCount += 1
      }
      return localID[id]
    }
    let oldIDs = region.old.map { renumber(old[$0]) }
    let newIDs = region.new.map { renumber(new[$0]) }
    for position in region.old { localID[old[position]] = -1 }
    for position in region.new { localID[new[position]] = -1 }

    let found = MyersPipeline.changes(
      old: oldIDs, new: newIDs, classCount: localCount, minimal: minimal)
    for (offset, isChanged) in found.old.enumerated() where isChanged {
      oldChanged[region.old.lowerBound + offset] = true
    }
    for (offset, isChanged) in found.new.enumerated() where isChanged {
      newChanged[region.new.lowerBound + offset] = true
    }
  }
}
