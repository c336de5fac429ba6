/// The result of comparing two texts line by line.
///
/// Invariants: hunks are in order and do not overlap; two hunks are separated by more than
/// `2 × context` unchanged lines; `linesAdded` and `linesRemoved` count the hunks' added and
/// removed lines.
public struct LineDiff: Sendable {
  /// The hunks, in order; empty when the texts are identical.
  public let hunks: [Hunk]

  /// The number of unchanged lines kept around each change.
  public let context: Int

  /// The number of lines only the new text has.
  public let linesAdded: Int

  /// The number of lines only the old text has.
  public let linesRemoved: Int

  /// About how many bytes the unified diff takes, to reserve output space once.
  var renderedSizeEstimate: Int {
    hunks.reduce(256) { total, hunk in
      total + 32 + hunk.lines.reduce(0) { $0 + $1.byteCount + 2 }
    }
  }

  /// Whether the two texts are byte for byte the same.
  public var isIdentical: Bool { hunks.isEmpty }

  /// Creates a line diff from hunks, counting their added and removed lines.
  ///
  /// - Parameters:
  ///   - hunks: The hunks, in order.
  ///   - context: The number of unchanged lines kept around each change.
  public init(hunks: [Hunk], context: Int) {
    self.hunks = hunks
    self.context = context
    var added = 0
    var removed = 0
    for hunk in hunks {
      for line in hunk.lines {
        switch line.kind {
        case .added: added += 1
        case .removed: removed += 1
        case .context: break
        }
      }
    }
    linesAdded = added
    linesRemoved = removed
  }
}

/// Compares two texts line by line and groups the changes into unified-diff hunks.
///
/// Lines are split on "\n" only and compared as raw bytes (see `Line`). With `.myers` the hunks
/// are GNU `diff -u`'s (3.8), byte for byte; with `.histogram` (the default) they are anchored on
/// rare lines, as git's `--histogram`. Changes closer than `2 × context + 1` unchanged lines
/// share a hunk.
///
///     let result = diffLines(old: Array("a\nb\nc\n".utf8), new: Array("a\nB\nc\n".utf8))
///     // result.hunks[0]: @@ -1,3 +1,3 @@, lines " a", "-b", "+B", " c"
///
/// - Parameters:
///   - old: The old text.
///   - new: The new text.
///   - context: The number of unchanged lines to show around each change (`diff -U`); at least 0.
///   - algorithm: The algorithm that matches lines.
///   - minimal: Whether Myers finds the smallest set of changed lines however long it takes
///     (`diff --minimal`); by default a cost cut-off applies, as in GNU diff.
///   - ignoringWhitespace: Whether lines that differ only in white space count as equal (`diff
///     -w`); context lines then show the old text's version.
/// - Returns: The hunks and the counts of added and removed lines.
/// - Complexity: O((N + M) · D) time and O(N + M) memory beyond the texts, where N and M are the
///   line counts and D the number of changed lines.
public func diffLines(
  old: [UInt8], new: [UInt8], context: Int = 3, algorithm: DiffAlgorithm = .histogram,
  minimal: Bool = false, ignoringWhitespace: Bool = false
) -> LineDiff {
  diffLines(
    old: TextBytes(old), new: TextBytes(new), context: context, algorithm: algorithm,
    minimal: minimal, ignoringWhitespace: ignoringWhitespace)
}

/// Compares two texts read in place (for instance files the caller mapped), line by line;
/// the same as `diffLines(old:new:context:algorithm:minimal:ignoringWhitespace:)` on arrays.
/// The diff's hunk lines point into the texts, so their owners must outlive it.
public func diffLines(
  old: TextBytes, new: TextBytes, context: Int = 3, algorithm: DiffAlgorithm = .histogram,
  minimal: Bool = false, ignoringWhitespace: Bool = false
) -> LineDiff {
  precondition(context >= 0, "context must not be negative")
  let oldLines = LineTable(old)
  let newLines = LineTable(new)
  let flags: ChangeFlags
  if ignoringWhitespace {
    let (oldIDs, newIDs, classCount) = internElements(
      (0..<oldLines.count).map { withoutWhitespace(oldLines.line($0)) },
      (0..<newLines.count).map { withoutWhitespace(newLines.line($0)) })
    flags = ChangeAnalysis.changeFlags(
      old: oldIDs, new: newIDs, classCount: classCount, horizon: context, algorithm: algorithm,
      minimal: minimal)
  } else {
    // The common head and tail are found by comparing bytes, as GNU diff does, and only the
    // lines between them (with `context` lines of each, which the analysis may slide changes
    // into) are hashed and analysed: the result is the same as analysing every line.
    let (head, tail) = oldLines.commonEnds(with: newLines)
    let window = AnalysisWindow(
      oldCount: oldLines.count, newCount: newLines.count, horizon: context, head: head,
      tail: tail)
    let (oldIDs, newIDs, classCount) = internLines(
      oldLines, newLines, old: window.old, new: window.new)
    let found = ChangeAnalysis.changeFlags(
      old: oldIDs, new: newIDs, classCount: classCount, horizon: context, algorithm: algorithm,
      minimal: minimal)
    var all = ChangeFlags(
      old: [Bool](repeating: false, count: oldLines.count),
      new: [Bool](repeating: false, count: newLines.count))
    all.old.replaceSubrange(window.old, with: found.old)
    all.new.replaceSubrange(window.new, with: found.new)
    flags = all
  }
  let script = EditScript(flags)
  let hunks = HunkBuilder(old: oldLines, new: newLines, context: context).hunks(for: script)
  return LineDiff(hunks: hunks, context: context)
}

/// A line with its white space removed, for comparing while ignoring white space. Whether the
/// line ended with a newline still counts, so a diff stays applicable.
private func withoutWhitespace(_ line: Line) -> Line {
  Line(bytes: line.bytes.filter { !isWordSpace($0) }, hasNewline: line.hasNewline)
}
