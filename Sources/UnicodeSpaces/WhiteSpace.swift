/// White space as Foundation's `CharacterSet.whitespaces` and `.whitespacesAndNewlines` have it
/// on Linux, for trimming text without legacy Foundation (linking it cost every run start-up
/// time). Both sets there also hold U+200B ZERO WIDTH SPACE; a test compares every scalar.
extension Unicode.Scalar {
  /// Tab, the space separators (general category Zs) and U+200B: `CharacterSet.whitespaces`.
  public var isSpaceOrTab: Bool {
    value == 0x09 || value == 0x200B
      || (value >= 0x20 && properties.generalCategory == .spaceSeparator)
  }

  /// `CharacterSet.whitespacesAndNewlines`: Unicode's White_Space property (categories Zs, Zl
  /// and Zp, U+0009 to U+000D and U+0085) and U+200B.
  public var isSpaceOrNewline: Bool {
    value < 0x80
      ? value == 0x20 || (value >= 0x09 && value <= 0x0D)
      : properties.isWhitespace || value == 0x200B
  }
}

extension StringProtocol {
  /// The text without leading and trailing tabs and spaces (`CharacterSet.whitespaces`).
  public func trimmingSpaces() -> String { trimming(where: \.isSpaceOrTab) }

  /// The text without leading and trailing white space and newlines
  /// (`CharacterSet.whitespacesAndNewlines`).
  public func trimmingSpacesAndNewlines() -> String { trimming(where: \.isSpaceOrNewline) }

  /// The text without leading and trailing scalars for which `isTrimmed` holds.
  public func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
    let scalars = String(self).unicodeScalars
    guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? first
    return String(Substring(scalars[first...last]))
  }
}
