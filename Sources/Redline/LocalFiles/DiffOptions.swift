import TextDiff

/// The line-matching algorithms `diff` offers (TextDiff's `DiffAlgorithm`).
public typealias DiffAlgorithm = TextDiff.DiffAlgorithm

/// The word-diff styles `diff --word-diff` offers (TextDiff's `WordDiffStyle`).
public typealias WordDiffStyle = TextDiff.WordDiffStyle

/// How the `diff` use cases compare two texts and show the result.
public struct DiffOptions: Sendable {
  /// What the comparison prints.
  public enum View: Sendable, Equatable {
    /// A unified diff (`diff -u`); GNU's bytes when uncoloured.
    case unified
    /// A word diff in one of git's styles.
    case words(WordDiffStyle)
    /// git's `--stat` summary.
    case stat
    /// A JSON object with the hunks, numbered lines and changed words.
    case json
  }

  /// Unchanged lines shown around each change.
  public var context: Int
  /// The algorithm that matches lines.
  public var algorithm: DiffAlgorithm
  /// Whether Myers runs without its cost cut-off.
  public var minimal: Bool
  /// Whether lines that differ only in white space count as equal.
  public var ignoringWhitespace: Bool
  /// What to print.
  public var view: View
  /// Whether to use git's colours.
  public var colored: Bool

  /// Creates options; the defaults give a histogram unified diff with 3 lines of context and no
  /// colour.
  public init(
    context: Int = 3, algorithm: DiffAlgorithm = .histogram, minimal: Bool = false,
    ignoringWhitespace: Bool = false, view: View = .unified, colored: Bool = false
  ) {
    self.context = context
    self.algorithm = algorithm
    self.minimal = minimal
    self.ignoringWhitespace = ignoringWhitespace
    self.view = view
    self.colored = colored
  }
}
