/// A hunk read as the views need it: context lines one by one, and each change group (its
/// removed lines, then its added lines) as one piece.
enum HunkPiece {
  /// One line both texts share.
  case context(Line)
  /// A change group: lines removed, then lines added; either may be empty.
  case change(removed: [Line], added: [Line])

  /// Splits a hunk into its pieces, in print order.
  static func pieces(of hunk: Hunk) -> [HunkPiece] {
    var pieces: [HunkPiece] = []
    var removed: [Line] = []
    var added: [Line] = []
    func flush() {
      if !removed.isEmpty || !added.isEmpty {
        pieces.append(.change(removed: removed, added: added))
        removed = []
        added = []
      }
    }
    for hunkLine in hunk.lines {
      switch hunkLine.kind {
      case .context:
        flush()
        pieces.append(.context(hunkLine.line))
      case .removed:
        if !added.isEmpty { flush() }
        removed.append(hunkLine.line)
      case .added:
        added.append(hunkLine.line)
      }
    }
    flush()
    return pieces
  }
}

/// git's default diff colours, as ANSI escape sequences.
enum DiffColor {
  /// File header lines (`color.diff.meta`: bold).
  static let meta = Array("\u{1B}[1m".utf8)
  /// Hunk headers (`color.diff.frag`: cyan).
  static let fragment = Array("\u{1B}[36m".utf8)
  /// Removed lines and words (`color.diff.old`: red).
  static let old = Array("\u{1B}[31m".utf8)
  /// Added lines and words (`color.diff.new`: green).
  static let new = Array("\u{1B}[32m".utf8)
  /// The changed words inside a changed line: reverse video, as git's `diff-highlight` does.
  static let highlight = Array("\u{1B}[7m".utf8)
  /// Ends reverse video, keeping the line's colour.
  static let highlightEnd = Array("\u{1B}[27m".utf8)
  /// Resets all attributes.
  static let reset = Array("\u{1B}[m".utf8)
}
