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
/// - Returns: The unified diff as bytes, or no bytes when the texts are identical (GNU prints
///   nothing then).
/// - Complexity: O(*n*), where *n* is the size of the output.
public func renderUnified(_ diff: LineDiff, oldHeader: String, newHeader: String) -> [UInt8] {
  guard !diff.isIdentical else { return [] }
  var output: [UInt8] = []
  output.append(contentsOf: "--- \(oldHeader)\n+++ \(newHeader)\n".utf8)
  for hunk in diff.hunks {
    let oldRange = headerRange(start: hunk.oldStart, count: hunk.oldCount)
    let newRange = headerRange(start: hunk.newStart, count: hunk.newCount)
    output.append(contentsOf: "@@ -\(oldRange) +\(newRange) @@\n".utf8)
    for hunkLine in hunk.lines {
      output.append(prefix(of: hunkLine.kind))
      output.append(contentsOf: hunkLine.line.bytes)
      output.append(Line.newline)
      if !hunkLine.line.hasNewline {
        output.append(contentsOf: noNewlineMarker)
      }
    }
  }
  return output
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
