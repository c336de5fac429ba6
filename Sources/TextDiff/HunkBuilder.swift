/// Groups the change groups of a line script into hunks with context, as GNU diff's
/// `find_hunk` and `pr_unidiff_hunk` do.
struct HunkBuilder {
  /// The old text's lines.
  let old: LineTable
  /// The new text's lines.
  let new: LineTable
  /// The number of unchanged lines kept around each change.
  let context: Int

  /// Builds the hunks for a script between `old` and `new`.
  func hunks(for script: EditScript) -> [Hunk] {
    var hunks: [Hunk] = []
    var groupStart = 0
    let changes = script.changes
    while groupStart < changes.count {
      var groupEnd = groupStart + 1
      // Two changes share a hunk when at most 2 × context unchanged lines separate them.
      while groupEnd < changes.count
        && changes[groupEnd].oldRange.lowerBound - changes[groupEnd - 1].oldRange.upperBound
          <= 2 * context
      {
        groupEnd += 1
      }
      hunks.append(hunk(for: changes[groupStart..<groupEnd]))
      groupStart = groupEnd
    }
    return hunks
  }

  /// Builds one hunk around a run of change groups.
  private func hunk(for changes: ArraySlice<EditScript.Change>) -> Hunk {
    guard let first = changes.first, let last = changes.last else {
      preconditionFailure("a hunk needs at least one change")
    }
    let oldFirst = max(first.oldRange.lowerBound - context, 0)
    let newFirst = max(first.newRange.lowerBound - context, 0)
    let oldEnd = min(last.oldRange.upperBound + context, old.count)
    let newEnd = min(last.newRange.upperBound + context, new.count)

    var lines: [HunkLine] = []
    lines.reserveCapacity((oldEnd - oldFirst) + (newEnd - newFirst))
    var oldIndex = oldFirst
    for change in changes {
      while oldIndex < change.oldRange.lowerBound {
        lines.append(old.hunkLine(.context, oldIndex))
        oldIndex += 1
      }
      for index in change.oldRange {
        lines.append(old.hunkLine(.removed, index))
      }
      for index in change.newRange {
        lines.append(new.hunkLine(.added, index))
      }
      oldIndex = change.oldRange.upperBound
    }
    while oldIndex < oldEnd {
      lines.append(old.hunkLine(.context, oldIndex))
      oldIndex += 1
    }

    let oldCount = oldEnd - oldFirst
    let newCount = newEnd - newFirst
    return Hunk(
      oldStart: oldCount == 0 ? oldFirst : oldFirst + 1, oldCount: oldCount,
      newStart: newCount == 0 ? newFirst : newFirst + 1, newCount: newCount,
      lines: lines)
  }
}
