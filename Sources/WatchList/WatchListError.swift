/// Why a watch list could not be read or changed. One line a user can act on.
public enum WatchListError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A duration that is not a number and a unit.
  case badInterval(String)
  /// The watch file is not TOML, or not the watch file's shape.
  case malformed(path: String, line: Int?, reason: String)
  /// A URL that is not http or https.
  case badURL(String)
  /// A selector that does not parse.
  case badSelector(String, reason: String)
  /// An ignore rule that is not a regular expression.
  case badPattern(String)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .badInterval(let text):
      "'\(text)' is not a duration: write a number and s, m, h or d (90s, 15m, 1h, 7d)"
    case .malformed(let path, let line, let reason):
      "watch file \(path)\(line.map { ", line \($0)" } ?? ""): \(reason)"
    case .badURL(let url): "'\(url)' is not an http or https URL"
    case .badSelector(let selector, let reason): "selector '\(selector)' does not parse: \(reason)"
    case .badPattern(let pattern): "ignore rule '\(pattern)' is not a regular expression"
    }
  }
}
