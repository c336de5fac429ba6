/// Renders a line diff as GNU `diff -u` output, byte for byte.
///
/// The output starts with `--- oldHeader` and `+++ newHeader` lines, then each hunk: a
/// `@@ -S,C +S,C @@` header (a count of 1 is left out; with a count of 0, S is the line before
/// the hunk) and its lines prefixed with " ", "-" or "+". A line that lacks its final newline is
/// followed by `\ No newline at end of file`. Line bytes are copied unchanged (CR, invalid
/// UTF-8, NUL).
///
///     let diff = diffLines(old: Array("a\n".utf8), new: Array("b\n".utf8))
///     let text = renderUnified(diff, oldHeader: "old", newHeader: "new")
///     // "--- old\n+++ new\n@@ -1 +1 @@\n-a\n+b\n"
///
/// - Parameters:
///   - diff: The diff to render.
///   - oldHeader: What follows `--- `, e.g. `"old.txt\t2016-07-02 10:00:00.000000000 +0000"`.
///   - newHeader: What follows `+++ `, e.g. `"https://x/y\t20160702T100000Z"`.
///   - colored: Whether to colour the output as git does (bold file headers, cyan hunk headers,
///     red removed and green added lines), with the changed words of a changed line in reverse
///     video. The uncoloured output is GNU's, byte for byte.
/// - Returns: The unified diff as bytes, or no bytes when the texts are identical (GNU prints
///   nothing then).
/// - Complexity: O(*n*), where *n* is the size of the output.
public func renderUnified(
  _ diff: LineDiff, oldHeader: String, newHeader: String, colored: Bool = false
) -> [UInt8] {
  guard !diff.isIdentical else { return [] }
  var output = fileHeaders(diff, oldHeader: oldHeader, newHeader: newHeader, colored: colored)
  for hunk in diff.hunks {
    appendColored(&output, hunkHeader(hunk), color: colored ? DiffColor.fragment : nil)
    if colored {
      appendColoredHunk(&output, hunk)
      continue
    }
    for hunkLine in hunk.lines {
      output.append(prefix(of: hunkLine.kind))
      hunkLine.withBytes { output.append(contentsOf: $0) }
      output.append(Line.newline)
      if !hunkLine.hasNewline {
        output.append(contentsOf: noNewlineMarker)
      }
    }
  }
  return output
}

/// `@@ -S,C +S,C @@`, with GNU's rules for counts of 0 and 1.
func hunkHeader(_ hunk: Hunk) -> String {
  let oldRange = headerRange(start: hunk.oldStart, count: hunk.oldCount)
  let newRange = headerRange(start: hunk.newStart, count: hunk.newCount)
  return "@@ -\(oldRange) +\(newRange) @@"
}

/// Appends a line, wrapped in a colour and a reset when `color` is given, then a newline.
func appendColored(_ output: inout [UInt8], _ text: String, color: [UInt8]?) {
  if let color { output.append(contentsOf: color) }
  output.append(contentsOf: text.utf8)
  if color != nil { output.append(contentsOf: DiffColor.reset) }
  output.append(Line.newline)
}

/// Appends a hunk's lines in git's colours; in a change group whose two sides share words, the
/// changed words are also shown in reverse video.
private func appendColoredHunk(_ output: inout [UInt8], _ hunk: Hunk) {
  for piece in HunkPiece.pieces(of: hunk) {
    switch piece {
    case .context(let line):
      output.append(UInt8(ascii: " "))
      output.append(contentsOf: line.bytes)
      output.append(Line.newline)
      if !line.hasNewline { output.append(contentsOf: noNewlineMarker) }
    case .change(let removed, let added):
      var removedMarks: [Range<Int>] = []
      var addedMarks: [Range<Int>] = []
      if !removed.isEmpty && !added.isEmpty {
        let words = WordDiff(removed: joinLines(removed), added: joinLines(added))
        if words.sharesWords {
          removedMarks = words.changes.map(\.removed).filter { !$0.isEmpty }
          addedMarks = words.changes.map(\.added).filter { !$0.isEmpty }
        }
      }
      appendColoredLines(&output, removed, marker: "-", color: DiffColor.old, marks: removedMarks)
      appendColoredLines(&output, added, marker: "+", color: DiffColor.new, marks: addedMarks)
    }
  }
}

/// Appends changed lines in one colour, with the bytes in `marks` (offsets into the lines joined
/// with their newlines) in reverse video.
private func appendColoredLines(
  _ output: inout [UInt8], _ lines: [Line], marker: Character, color: [UInt8],
  marks: [Range<Int>]
) {
  var lineStart = 0
  for line in lines {
    let lineRange = lineStart..<(lineStart + line.bytes.count)
    output.append(contentsOf: color)
    output.append(contentsOf: String(marker).utf8)
    var written = lineRange.lowerBound
    for mark in marks where mark.overlaps(lineRange) {
      let clamped = mark.clamped(to: lineRange)
      output.append(
        contentsOf: line.bytes[(written - lineStart)..<(clamped.lowerBound - lineStart)])
      output.append(contentsOf: DiffColor.highlight)
      output.append(
        contentsOf: line.bytes[(clamped.lowerBound - lineStart)..<(clamped.upperBound - lineStart)])
      output.append(contentsOf: DiffColor.highlightEnd)
      written = clamped.upperBound
    }
    output.append(contentsOf: line.bytes[(written - lineStart)...])
    output.append(contentsOf: DiffColor.reset)
    output.append(Line.newline)
    if !line.hasNewline { output.append(contentsOf: noNewlineMarker) }
    lineStart = lineRange.upperBound + (line.hasNewline ? 1 : 0)
  }
}

/// The line GNU diff prints after a line that has no final newline (in the C locale).
private let noNewlineMarker = Array("\\ No newline at end of file\n".utf8)

/// A hunk header range: "S" when the count is 1, "S,C" otherwise.
private func headerRange(start: Int, count: Int) -> String {
  count == 1 ? "\(start)" : "\(start),\(count)"
}

/// The byte that starts a hunk line of the given kind.
private func prefix(of kind: HunkLine.Kind) -> UInt8 {
  switch kind {
  case .context: UInt8(ascii: " ")
  case .removed: UInt8(ascii: "-")
  case .added: UInt8(ascii: "+")
  }
}

/// The `---` and `+++` lines that open every rendering of a diff, in a buffer sized for the
/// rest of it.
func fileHeaders(_ diff: LineDiff, oldHeader: String, newHeader: String, colored: Bool)
  -> [UInt8]
{
  var output: [UInt8] = []
  output.reserveCapacity(diff.renderedSizeEstimate)
  appendColored(&output, "--- \(oldHeader)", color: colored ? DiffColor.meta : nil)
  appendColored(&output, "+++ \(newHeader)", color: colored ? DiffColor.meta : nil)
  return output
}
