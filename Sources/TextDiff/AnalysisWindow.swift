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
    let shorter = min(old.count, new.count)
    var head = 0
    while head < shorter && old[head] == new[head] {
      head += 1
    }
    let start = head - min(head, horizon)
    var tail = 0
    while tail < shorter - start && old[old.count - 1 - tail] == new[new.count - 1 - tail] {
      tail += 1
    }
    let hiddenTail = tail - min(tail, horizon)
    self.old = start..<(old.count - hiddenTail)
    self.new = start..<(new.count - hiddenTail)
  }
}
