/// How `renderWordDiff(_:oldHeader:newHeader:style:colored:)` marks changed words, after git's
/// `--word-diff` modes.
public enum WordDiffStyle: String, Sendable, CaseIterable {
  /// `[-removed-]{+added+}` inline, in the new text's lines.
  case plain
  /// Removed words in red, added words in green, with no markers.
  case color
  /// One piece per line: `" "` common, `"-"` removed, `"+"` added; a line `~` ends a line of
  /// the input. Meant for scripts.
  case porcelain
}

/// Renders a line diff word by word, as `git diff --word-diff=STYLE` does.
///
/// Headers and hunk headers stay line-based (`---`, `+++`, `@@ -S,C +S,C @@`). Context lines are
/// printed as they are (with a leading space and a `~` line in porcelain mode). Each change
/// group is printed as its new text, with the words only the old text has and the words only
/// the new text has marked; white space between words comes from the new text.
///
///     let diff = diffLines(old: Array("the quick fox\n".utf8), new: Array("the slow fox\n".utf8))
///     renderWordDiff(diff, oldHeader: "a", newHeader: "b", style: .plain)
///     // "--- a\n+++ b\n@@ -1 +1 @@\nthe [-quick-]{+slow+} fox\n"
///
/// - Parameters:
///   - diff: The line diff.
///   - oldHeader: What follows `--- `.
///   - newHeader: What follows `+++ `.
///   - style: How changed words are marked.
///   - colored: Whether headers get git's colours (`.color` style colours words regardless).
///   - algorithm: The algorithm that matches words.
/// - Returns: The word diff, or no bytes when the texts are identical.
/// - Complexity: O(*n*) plus the word matching, where *n* is the size of the hunks.
public func renderWordDiff(
  _ diff: LineDiff, oldHeader: String, newHeader: String, style: WordDiffStyle,
  colored: Bool = false, algorithm: DiffAlgorithm = .histogram
) -> [UInt8] {
  guard !diff.isIdentical else { return [] }
  let colored = colored || style == .color
  let marks = WordMarks(style: style, colored: colored)
  var output = fileHeaders(diff, oldHeader: oldHeader, newHeader: newHeader, colored: colored)
  for hunk in diff.hunks {
    appendColored(&output, hunkHeader(hunk), color: colored ? DiffColor.fragment : nil)
    for piece in HunkPiece.pieces(of: hunk) {
      switch piece {
      case .context(let line):
        if style == .porcelain { output.append(UInt8(ascii: " ")) }
        output.append(contentsOf: line.bytes)
        output.append(Line.newline)
        if style == .porcelain { output.append(contentsOf: marks.newline) }
      case .change(let removed, let added):
        let words = WordDiff(
          removed: joinLines(removed), added: joinLines(added), algorithm: algorithm)
        appendWordChanges(&output, words, marks: marks)
      }
    }
  }
  return output
}

/// The markers of one word-diff style: what goes around common, removed and added text, and
/// what stands for a newline of the input (git's `diff_words_style`).
private struct WordMarks {
  struct Element {
    var color: [UInt8] = []
    var prefix: [UInt8] = []
    var suffix: [UInt8] = []
  }
  var context = Element()
  var removed = Element()
  var added = Element()
  var newline: [UInt8] = [Line.newline]

  init(style: WordDiffStyle, colored: Bool) {
    switch style {
    case .plain:
      removed.prefix = Array("[-".utf8)
      removed.suffix = Array("-]".utf8)
      added.prefix = Array("{+".utf8)
      added.suffix = Array("+}".utf8)
    case .color:
      break
    case .porcelain:
      context.prefix = [UInt8(ascii: " ")]
      context.suffix = [Line.newline]
      removed.prefix = [UInt8(ascii: "-")]
      removed.suffix = [Line.newline]
      added.prefix = [UInt8(ascii: "+")]
      added.suffix = [Line.newline]
      newline = Array("~\n".utf8)
    }
    if colored {
      removed.color = DiffColor.old
      added.color = DiffColor.new
    }
  }
}

/// Appends one change group: the new text with the changed words marked (git's
/// `diff_words_show`). A group with no new text is all removed text.
private func appendWordChanges(_ output: inout [UInt8], _ words: WordDiff, marks: WordMarks) {
  let added = words.addedText
  guard !added.isEmpty else {
    appendMarked(&output, words.removedText[...], element: marks.removed, marks: marks)
    endLineIfNeeded(&output, marks: marks)
    return
  }
  var written = 0
  for change in words.changes {
    if written < change.added.lowerBound {
      appendMarked(
        &output, added[written..<change.added.lowerBound], element: marks.context, marks: marks)
    }
    if !change.removed.isEmpty {
      appendMarked(
        &output, words.removedText[change.removed], element: marks.removed, marks: marks)
    }
    if !change.added.isEmpty {
      appendMarked(&output, added[change.added], element: marks.added, marks: marks)
    }
    written = change.added.upperBound
  }
  if written < added.count {
    appendMarked(&output, added[written...], element: marks.context, marks: marks)
  }
  endLineIfNeeded(&output, marks: marks)
}

/// Appends text in one element's markers, closing and reopening them around each newline,
/// which is written as the style's newline (git's `fn_out_diff_words_write_helper`).
private func appendMarked(
  _ output: inout [UInt8], _ text: ArraySlice<UInt8>, element: WordMarks.Element,
  marks: WordMarks
) {
  var start = text.startIndex
  while start < text.endIndex {
    let newline = text[start...].firstIndex(of: Line.newline)
    let end = newline ?? text.endIndex
    if end > start {
      output.append(contentsOf: element.color)
      output.append(contentsOf: element.prefix)
      output.append(contentsOf: text[start..<end])
      output.append(contentsOf: element.suffix)
      if !element.color.isEmpty { output.append(contentsOf: DiffColor.reset) }
    }
    guard let newline else { return }
    output.append(contentsOf: marks.newline)
    start = newline + 1
  }
}

/// Ends the output with the style's newline when the text did not end with one (a last line
/// without "\n"), as git does.
private func endLineIfNeeded(_ output: inout [UInt8], marks: WordMarks) {
  if !output.isEmpty && !output.ends(with: marks.newline) {
    output.append(contentsOf: marks.newline)
  }
}

extension Array where Element == UInt8 {
  /// Whether the bytes end with `suffix`.
  fileprivate func ends(with suffix: [UInt8]) -> Bool {
    count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
  }
}
