/// One line of a hunk: a line of context, a removed line or an added line.
public struct HunkLine: Sendable, Equatable {
  /// What a hunk line does.
  public enum Kind: Sendable, Equatable {
    /// A line present in both texts (printed with a leading space).
    case context
    /// A line of the old text only (printed with a leading "-").
    case removed
    /// A line of the new text only (printed with a leading "+").
    case added
  }

  /// What the line does.
  public let kind: Kind

  /// The text the line is in (shared with every other line of that text, not copied).
  private let text: TextBytes

  /// Where the line's bytes are in `text`, without the terminating "\n".
  private let range: Range<Int>

  /// Whether a "\n" ended the line.
  let hasNewline: Bool

  /// The line itself.
  public var line: Line { Line(bytes: withBytes { Array($0) }, hasNewline: hasNewline) }

  /// The number of bytes in the line, without the terminator.
  var byteCount: Int { range.count }

  /// Calls `body` with the line's bytes, without the terminator, as a view into its text that
  /// is valid only during the call.
  func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    try text.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
  }

  /// Creates a hunk line.
  ///
  /// - Parameters:
  ///   - kind: Whether the line is context, removed or added.
  ///   - line: The line.
  public init(kind: Kind, line: Line) {
    self.init(
      kind: kind, text: TextBytes(line.bytes), range: line.bytes.indices,
      hasNewline: line.hasNewline)
  }

  /// Creates a hunk line that refers to line bytes inside a whole text, so that building the
  /// hunks of a large diff copies no line.
  init(kind: Kind, text: TextBytes, range: Range<Int>, hasNewline: Bool) {
    self.kind = kind
    self.text = text
    self.range = range
    self.hasNewline = hasNewline
  }

  /// Two hunk lines are equal when they do the same thing to equal lines.
  public static func == (left: HunkLine, right: HunkLine) -> Bool {
    left.kind == right.kind && left.hasNewline == right.hasNewline
      && left.withBytes { leftBytes in right.withBytes { leftBytes.elementsEqual($0) } }
  }
}

/// A hunk of a unified diff: a stretch of changes with the context around them.
///
/// Invariants: `oldCount` is the number of context and removed lines, `newCount` the number of
/// context and added lines. Within each change group all removed lines come before all added
/// lines. The start fields hold the numbers printed in the `@@ -oldStart,oldCount
/// +newStart,newCount @@` header: the 1-based number of the hunk's first line, or, when the count
/// is 0, the number of the line after which the hunk applies (0 for the start of the text).
public struct Hunk: Sendable, Equatable {
  /// The header's old start: the first old line (1-based), or the line before when `oldCount` is 0.
  public let oldStart: Int

  /// The number of old lines the hunk covers (context and removed).
  public let oldCount: Int

  /// The header's new start: the first new line (1-based), or the line before when `newCount` is
  /// 0.
  public let newStart: Int

  /// The number of new lines the hunk covers (context and added).
  public let newCount: Int

  /// The hunk's lines, in print order.
  public let lines: [HunkLine]

  /// Creates a hunk from its header numbers and lines.
  ///
  /// - Parameters:
  ///   - oldStart: The first old line (1-based), or the line before when `oldCount` is 0.
  ///   - oldCount: The number of context and removed lines.
  ///   - newStart: The first new line (1-based), or the line before when `newCount` is 0.
  ///   - newCount: The number of context and added lines.
  ///   - lines: The lines, in print order.
  public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, lines: [HunkLine]) {
    self.oldStart = oldStart
    self.oldCount = oldCount
    self.newStart = newStart
    self.newCount = newCount
    self.lines = lines
  }
}

extension Hunk {
  /// The number of old lines before the hunk's first old line.
  var oldLinesBefore: Int { oldCount == 0 ? oldStart : oldStart - 1 }

  /// The number of new lines before the hunk's first new line.
  var newLinesBefore: Int { newCount == 0 ? newStart : newStart - 1 }
}
