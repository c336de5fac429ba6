/// The word-level changes between the removed and the added lines of one change group, as git's
/// `--word-diff` finds them.
///
/// A word is a run of bytes that are not ASCII white space (git's default word regex,
/// `[^[:space:]]+`). Words are compared as raw bytes and matched with the chosen line algorithm;
/// white space between words is not compared.
///
/// Each change is a pair of byte ranges, one in `removedText` and one in `addedText`: from the
/// start of the first changed word to the end of the last. A side with no words changed gets an
/// empty range at the end of the word before (or at the start of the text), as in git.
///
///     let words = WordDiff(removed: Array("the quick fox\n".utf8), added: Array("the slow fox\n".utf8))
///     // words.changes == [WordDiff.Change(removed: 4..<9, added: 4..<8)]
///
/// Invariant: changes are in order and their ranges do not overlap.
public struct WordDiff: Sendable {
  /// One run of changed words.
  public struct Change: Sendable, Equatable {
    /// The removed words' bytes in `removedText`; empty when words were only added.
    public let removed: Range<Int>
    /// The added words' bytes in `addedText`; empty when words were only removed.
    public let added: Range<Int>

    /// Creates a change from its two byte ranges.
    public init(removed: Range<Int>, added: Range<Int>) {
      self.removed = removed
      self.added = added
    }
  }

  /// The removed lines, joined with their newlines.
  public let removedText: [UInt8]

  /// The added lines, joined with their newlines.
  public let addedText: [UInt8]

  /// The runs of changed words, in order.
  public let changes: [Change]

  /// Whether the two texts share at least one word.
  public let sharesWords: Bool

  /// The byte ranges of the words of `removedText`.
  let removedWords: [Range<Int>]

  /// The byte ranges of the words of `addedText`.
  let addedWords: [Range<Int>]

  /// Compares two texts word by word.
  ///
  /// - Parameters:
  ///   - removed: The old text of the change group.
  ///   - added: The new text of the change group.
  ///   - algorithm: The algorithm that matches words.
  /// - Complexity: That of `diff(_:_:algorithm:minimal:)` on the two word lists.
  public init(removed: [UInt8], added: [UInt8], algorithm: DiffAlgorithm = .histogram) {
    removedText = removed
    addedText = added
    removedWords = wordRanges(of: removed)
    addedWords = wordRanges(of: added)
    let oldWords = removedWords.map { removed[$0] }
    let newWords = addedWords.map { added[$0] }
    let script = diff(oldWords, newWords, algorithm: algorithm)
    sharesWords = script.removedCount < oldWords.count
    let removedWords = removedWords
    let addedWords = addedWords
    changes = script.changes.map { change in
      Change(
        removed: byteRange(of: change.oldRange, in: removedWords),
        added: byteRange(of: change.newRange, in: addedWords))
    }
  }

}

/// Whether a byte is ASCII white space (`[:space:]` in the C locale).
func isWordSpace(_ byte: UInt8) -> Bool {
  byte == 0x20 || (0x09...0x0D).contains(byte)
}

/// The ranges of the runs of non-space bytes of a text.
func wordRanges(of text: [UInt8]) -> [Range<Int>] {
  var ranges: [Range<Int>] = []
  var index = 0
  let end = text.count
  while index < end {
    while index < end && isWordSpace(text[index]) { index += 1 }
    guard index < end else { break }
    let start = index
    while index < end && !isWordSpace(text[index]) { index += 1 }
    ranges.append(start..<index)
  }
  return ranges
}

/// The bytes spanned by a run of words; for no words, the empty range at the end of the word
/// before (git's convention), or at 0.
private func byteRange(of words: Range<Int>, in ranges: [Range<Int>]) -> Range<Int> {
  if words.isEmpty {
    let position = words.lowerBound > 0 ? ranges[words.lowerBound - 1].upperBound : 0
    return position..<position
  }
  return ranges[words.lowerBound].lowerBound..<ranges[words.upperBound - 1].upperBound
}
