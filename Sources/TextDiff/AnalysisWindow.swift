/// The part of each sequence that the analysis looks at: everything but the common head and
/// tail, plus up to `horizon` elements of each.
///
/// GNU diff trims on bytes; in lines this comes to: the common head has P lines; the common
/// tail has T lines, where T may not reach into the part of the head that stays in view.
struct AnalysisWindow {
  /// The positions of the old sequence that are analysed.
  let old: Range<Int>

  /// The positions of the new sequence that are analysed.
  let new: Range<Int>

  /// Computes the window.
  ///
  /// - Parameters:
  ///   - old: The old sequence's ids.
  ///   - new: The new sequence's ids.
  ///   - horizon: How many elements of the common head and tail stay in view.
  init(old: [Int], new: [Int], horizon: Int) {
    self.init(oldCount: old.count, newCount: new.count, horizon: horizon) { old[$0] == new[$1] }
  }

  /// Computes the window of two sequences known by their lengths and a test of whether old
  /// element `i` equals new element `j` (lines compared as bytes, before they have ids).
  ///
  /// - Parameters:
  ///   - oldCount: The old sequence's length.
  ///   - newCount: The new sequence's length.
  ///   - horizon: How many elements of the common head and tail stay in view.
  ///   - equal: Whether old element `i` equals new element `j`.
  init(oldCount: Int, newCount: Int, horizon: Int, equal: (Int, Int) -> Bool) {
    let shorter = min(oldCount, newCount)
    var head = 0
    while head < shorter && equal(head, head) {
      head += 1
    }
    let start = head - min(head, horizon)
    var tail = 0
    while tail < shorter - start && equal(oldCount - 1 - tail, newCount - 1 - tail) {
      tail += 1
    }
    self.init(oldCount: oldCount, newCount: newCount, horizon: horizon, head: head, tail: tail)
  }

  /// Computes the window from the lengths of the common head and tail, each counted as if the
  /// other were not there (they may overlap when the sequences repeat themselves).
  ///
  /// - Parameters:
  ///   - oldCount: The old sequence's length.
  ///   - newCount: The new sequence's length.
  ///   - horizon: How many elements of the common head and tail stay in view.
  ///   - head: How many leading elements are equal.
  ///   - tail: How many trailing elements are equal.
  init(oldCount: Int, newCount: Int, horizon: Int, head: Int, tail: Int) {
    let start = head - min(head, horizon)
    let tail = min(tail, min(oldCount, newCount) - start)
    let hiddenTail = tail - min(tail, horizon)
    self.old = start..<(oldCount - hiddenTail)
    self.new = start..<(newCount - hiddenTail)
  }
}
