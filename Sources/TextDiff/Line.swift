/// One line of a text: its bytes without the terminator, and whether a "\n" ended it.
///
/// A carriage return is kept as part of the line bytes, so CRLF and bare CR survive byte for byte.
/// Two lines are equal only when their bytes are equal and both have (or both lack) the final
/// newline: this is how GNU diff compares lines, so a last line without a newline never matches a
/// line that has one. Bytes are compared raw, never as `String`, so NFC and NFD spellings of the
/// same character are different lines.
public struct Line: Hashable, Sendable {
  /// The bytes of the line, without the terminating "\n".
  public let bytes: [UInt8]

  /// Whether a "\n" ended the line. Only the last line of a text can lack one.
  public let hasNewline: Bool

  /// Creates a line from its bytes (without the terminator) and whether a "\n" ended it.
  ///
  /// - Parameters:
  ///   - bytes: The line's bytes; they should not contain "\n".
  ///   - hasNewline: Whether a "\n" ended the line.
  public init(bytes: [UInt8], hasNewline: Bool) {
    self.bytes = bytes
    self.hasNewline = hasNewline
  }
}

extension Line {
  /// Hashes the bytes in one call rather than byte by byte (the synthesized hash feeds the hasher
  /// one element at a time, which dominated interning on large texts).
  public func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    hasher.combine(hasNewline)
  }

  /// The byte that ends a line.
  static let newline = UInt8(ascii: "\n")
}

/// Splits bytes into lines on "\n" only.
///
/// A final piece without a "\n" becomes a line whose `hasNewline` is `false`; an empty text has no
/// lines. Joining the lines back, each followed by "\n" when `hasNewline` is set, gives the input.
///
///     let lines = splitLines(Array("a\r\nb".utf8))
///     // lines[0]: bytes "a\r", hasNewline true; lines[1]: bytes "b", hasNewline false
///
/// - Parameter text: The bytes of a text, in any encoding.
/// - Returns: The lines of `text`, in order.
/// - Complexity: O(*n*), where *n* is the number of bytes.
public func splitLines(_ text: [UInt8]) -> [Line] {
  var lines: [Line] = []
  var start = 0
  for index in text.indices where text[index] == Line.newline {
    lines.append(Line(bytes: Array(text[start..<index]), hasNewline: true))
    start = index + 1
  }
  if start < text.count {
    lines.append(Line(bytes: Array(text[start...]), hasNewline: false))
  }
  return lines
}

/// Joins lines back into bytes, writing "\n" after each line that had one.
///
/// - Parameter lines: The lines to join.
/// - Returns: The bytes of the text; the inverse of `splitLines(_:)`.
/// - Complexity: O(*n*), where *n* is the number of bytes written.
func joinLines(_ lines: some Sequence<Line>) -> [UInt8] {
  var text: [UInt8] = []
  for line in lines {
    text.append(contentsOf: line.bytes)
    if line.hasNewline {
      text.append(Line.newline)
    }
  }
  return text
}
