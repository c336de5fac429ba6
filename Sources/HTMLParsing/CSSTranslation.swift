/// Translates a CSS selector to the XPath 1.0 expression that selects the same elements, for
/// libxml2 to evaluate (`selectedArticleHTML`).
///
/// Supported: type selectors and `*`, `#id`, `.class`, attribute selectors (`[a]`, `[a=v]`,
/// `[a~=v]`, `[a^=v]`, `[a$=v]`, `[a*=v]`, `[a|=v]`; values bare or quoted), the descendant
/// (space) and child (`>`) combinators, and groups (`a, b`). Pseudo-classes, `+` and `~` are
/// refused with a message that suggests `--xpath`.
///
///     try xpath(fromCSS: "div.post-body > p")
///     // //div[contains(concat(' ', normalize-space(@class), ' '), ' post-body ')]/p
///
/// - Throws: `CSSSelectorError` naming what is not supported or does not parse.
/// - Complexity: O(n) in the selector's length.
public func xpath(fromCSS selector: String) throws(CSSSelectorError) -> String {
  var reader = CSSReader(Array(selector.unicodeScalars))
  var groups: [String] = []
  repeat {
    groups.append(try reader.complexSelector())
  } while reader.consume(",")
  reader.skipSpaces()
  guard reader.atEnd else {
    throw reader.error("unexpected '\(reader.peek.map(String.init) ?? "")'")
  }
  return groups.joined(separator: " | ")
}

/// Why a CSS selector could not be translated.
public struct CSSSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The selector.
  public let selector: String
  /// What is wrong, at which character.
  public let reason: String

  /// One line a user can act on.
  public var description: String { "CSS selector '\(selector)': \(reason)" }
}

private struct CSSReader {
  let scalars: [Unicode.Scalar]
  var position = 0

  init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

  var atEnd: Bool { position >= scalars.count }
  var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }

  func error(_ reason: String) -> CSSSelectorError {
    CSSSelectorError(
      selector: String(String.UnicodeScalarView(scalars)),
      reason: reason + " (at character \(position + 1))")
  }

  mutating func skipSpaces() {
    while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" { position += 1 }
  }

  mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
    skipSpaces()
    guard peek == scalar else { return false }
    position += 1
    return true
  }

  /// Compound selectors joined by combinators: `div.post > p a`.
  mutating func complexSelector() throws(CSSSelectorError) -> String {
    skipSpaces()
    var path = "//" + (try compoundSelector())
    while true {
      let before = position
      skipSpaces()
      guard let scalar = peek, scalar != "," else { return path }
      if scalar == ">" {
        position += 1
        skipSpaces()
        path += "/" + (try compoundSelector())
      } else if scalar == "+" || scalar == "~" {
        throw error("the '\(scalar)' combinator is not supported; write the rule with --xpath")
      } else if position > before {
        path += "//" + (try compoundSelector())
      } else {
        throw error("unexpected '\(scalar)'")
      }
    }
  }

  /// `tag#id.class[attr=value]`.
  mutating func compoundSelector() throws(CSSSelectorError) -> String {
    var tag = "*"
    var conditions: [String] = []
    let start = position
    if peek == "*" {
      position += 1
    } else if let scalar = peek, isNameStart(scalar) {
      tag = identifier().lowercased()
    }
    loop: while let scalar = peek {
      switch scalar {
      case "#":
        position += 1
        let name = identifier()
        guard !name.isEmpty else { throw error("'#' needs an id") }
        conditions.append("@id=\(try literal(name))")
      case ".":
        position += 1
        let name = identifier()
        guard !name.isEmpty else { throw error("'.' needs a class name") }
        conditions.append(
          "contains(concat(' ', normalize-space(@class), ' '), \(try literal(" \(name) ")))")
      case "[":
        position += 1
        conditions.append(try attributeCondition())
      case ":":
        throw error("pseudo-classes are not supported; write the rule with --xpath")
      default:
        break loop
      }
    }
    if position == start { throw error("expected a selector") }
    return tag + conditions.map { "[\($0)]" }.joined()
  }

  mutating func attributeCondition() throws(CSSSelectorError) -> String {
    skipSpaces()
    let name = identifier().lowercased()
    guard !name.isEmpty else { throw error("'[' needs an attribute name") }
    skipSpaces()
    if peek == "]" {
      position += 1
      return "@\(name)"
    }
    var operation = ""
    if let scalar = peek, "~^$*|".unicodeScalars.contains(scalar) {
      operation = String(scalar)
      position += 1
    }
    guard peek == "=" else { throw error("expected '=' or ']' in an attribute selector") }
    position += 1
    skipSpaces()
    let value = try attributeValue()
    skipSpaces()
    guard peek == "]" else { throw error("expected ']'") }
    position += 1
    let attribute = "@\(name)"
    let quoted = try literal(value)
    switch operation {
    case "~":
      return
        "contains(concat(' ', normalize-space(\(attribute)), ' '), \(try literal(" \(value) ")))"
    case "^": return "starts-with(\(attribute), \(quoted))"
    case "$":
      return
        "substring(\(attribute), string-length(\(attribute)) - string-length(\(quoted)) + 1) = \(quoted)"
    case "*": return "contains(\(attribute), \(quoted))"
    case "|":
      return "(\(attribute) = \(quoted) or starts-with(\(attribute), \(try literal(value + "-"))))"
    default: return "\(attribute) = \(quoted)"
    }
  }

  mutating func attributeValue() throws(CSSSelectorError) -> String {
    guard let quote = peek, quote == "\"" || quote == "'" else {
      let value = identifier()
      guard !value.isEmpty else { throw error("expected an attribute value") }
      return value
    }
    position += 1
    var value = ""
    while let scalar = peek, scalar != quote {
      guard scalar != "\\" else { throw error("escapes in strings are not supported") }
      value.unicodeScalars.append(scalar)
      position += 1
    }
    guard peek == quote else { throw error("a string is not closed") }
    position += 1
    return value
  }

  mutating func identifier() -> String {
    var text = ""
    while let scalar = peek, isNameStart(scalar) || ("0"..."9").contains(scalar) {
      text.unicodeScalars.append(scalar)
      position += 1
    }
    return text
  }

  func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "-"
      || scalar == "_" || scalar.value >= 0x80
  }

  /// An XPath string literal; XPath 1.0 has no escapes, so a value holding both quote kinds
  /// cannot be written.
  func literal(_ value: String) throws(CSSSelectorError) -> String {
    if !value.contains("'") { return "'\(value)'" }
    if !value.contains("\"") { return "\"\(value)\"" }
    throw error("a value with both ' and \" cannot be matched")
  }
}
