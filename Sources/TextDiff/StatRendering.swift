/// Renders a line diff as git's `--stat` summary: one line with the name, the number of changed
/// lines and a bar of `+` and `-`, then the totals.
///
///     renderStat(diff, name: "post.txt")
///     // " post.txt | 4 ++--\n 1 file changed, 2 insertions(+), 2 deletions(-)\n"
///
/// The bar is scaled, as git scales it, when it would make the line wider than `width` columns.
///
/// - Parameters:
///   - diff: The line diff.
///   - name: What the line is about: a file name, `old => new`, or a page URL.
///   - width: The line width to fit in (git's default is 80).
///   - colored: Whether `+` and `-` are green and red.
/// - Returns: The summary, or no bytes when the texts are identical.
/// - Complexity: O(*w*) for a bar of *w* columns.
public func renderStat(_ diff: LineDiff, name: String, width: Int = 80, colored: Bool = false)
  -> [UInt8]
{
  guard !diff.isIdentical else { return [] }
  let total = diff.linesAdded + diff.linesRemoved
  let number = String(total)
  // " name | number bar": the bar gets what is left, at least a few columns.
  let barWidth = max(width - name.count - number.count - 6, minimumBarWidth)
  var plus = diff.linesAdded
  var minus = diff.linesRemoved
  if total > barWidth {
    plus = scaled(diff.linesAdded, to: barWidth, of: total)
    minus = scaled(diff.linesRemoved, to: barWidth, of: total)
  }
  var output: [UInt8] = []
  output.append(contentsOf: " \(name) | \(number) ".utf8)
  if colored && plus > 0 { output.append(contentsOf: DiffColor.new) }
  output.append(contentsOf: repeatElement(UInt8(ascii: "+"), count: plus))
  if colored && plus > 0 { output.append(contentsOf: DiffColor.reset) }
  if colored && minus > 0 { output.append(contentsOf: DiffColor.old) }
  output.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: minus))
  if colored && minus > 0 { output.append(contentsOf: DiffColor.reset) }
  output.append(Line.newline)

  var summary = " 1 file changed"
  if diff.linesAdded > 0 {
    summary += ", \(diff.linesAdded) insertion\(diff.linesAdded == 1 ? "" : "s")(+)"
  }
  if diff.linesRemoved > 0 {
    summary += ", \(diff.linesRemoved) deletion\(diff.linesRemoved == 1 ? "" : "s")(-)"
  }
  output.append(contentsOf: (summary + "\n").utf8)
  return output
}

/// The narrowest bar git draws however long the name is.
private let minimumBarWidth = 6

/// git's `scale_linear`: a non-zero count keeps at least one column.
private func scaled(_ count: Int, to width: Int, of total: Int) -> Int {
  count == 0 ? 0 : 1 + (count * (width - 1)) / total
}
