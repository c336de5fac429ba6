/// Applies a diff's hunks to the old text and returns the new text.
///
/// Application is strict, with no fuzz and no offset: every context and removed line must be
/// found at exactly the position the hunk header gives, byte for byte (including whether it
/// ends with a newline). Lines outside the hunks are copied unchanged.
///
///     let old = Array("a\nb\n".utf8)
///     let new = Array("a\nc\n".utf8)
///     apply(diffLines(old: old, new: new), to: old) == new  // true
///
/// - Parameters:
///   - diff: The diff to apply.
///   - old: The text the diff was made from.
/// - Returns: The new text, or `nil` if a hunk does not match `old` or the hunks are out of
///   order or inconsistent with their headers.
/// - Complexity: O(*n*), where *n* is the total size of the texts.
public func apply(_ diff: LineDiff, to old: [UInt8]) -> [UInt8]? {
  let oldLines = splitLines(old)
  var newLines: [Line] = []
  newLines.reserveCapacity(oldLines.count + diff.linesAdded)
  var oldIndex = 0

  for hunk in diff.hunks {
    let hunkStart = hunk.oldLinesBefore
    guard hunkStart >= oldIndex, hunkStart <= oldLines.count else { return nil }
    newLines.append(contentsOf: oldLines[oldIndex..<hunkStart])
    oldIndex = hunkStart
    guard newLines.count == hunk.newLinesBefore else { return nil }

    var oldSeen = 0
    var newSeen = 0
    for hunkLine in hunk.lines {
      switch hunkLine.kind {
      case .context, .removed:
        guard oldIndex < oldLines.count, oldLines[oldIndex] == hunkLine.line else { return nil }
        oldIndex += 1
        oldSeen += 1
        if hunkLine.kind == .context {
          newLines.append(hunkLine.line)
          newSeen += 1
        }
      case .added:
        newLines.append(hunkLine.line)
        newSeen += 1
      }
    }
    guard oldSeen == hunk.oldCount, newSeen == hunk.newCount else { return nil }
  }
  newLines.append(contentsOf: oldLines[oldIndex...])

  // Only the last line may lack its newline; anything else cannot be written as a text.
  if let unterminated = newLines.firstIndex(where: { !$0.hasNewline }),
    unterminated != newLines.count - 1
  {
    return nil
  }
  return joinLines(newLines)
}
