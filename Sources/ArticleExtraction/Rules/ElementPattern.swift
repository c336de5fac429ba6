import HTMLParsing

/// A test on one element, written as data so that rule tables read like selectors.
public enum ElementPattern: Sendable {
  /// The element has this tag name.
  case tag(String)
  /// One of the element's classes is exactly this.
  case className(String)
  /// The element's id is exactly this.
  case id(String)
  /// The element's `itemprop` list holds this property.
  case itemprop(String)
  /// The element has this attribute with exactly this value.
  case attribute(String, String)
  /// The element has this tag and one of its classes is this.
  case tagWithClass(String, String)

  /// Whether the element `node`, whose classes are `classes`, matches.
  func matches(_ node: HTMLNode, classes: [String]) -> Bool {
    guard node.kind == .element else { return false }
    switch self {
    case .tag(let name): return node.name == name
    case .className(let name): return classes.contains(name)
    case .id(let id): return node.attribute("id") == id
    case .itemprop(let property):
      return node.attribute("itemprop")?.split(separator: " ").contains { $0 == property } ?? false
    case .attribute(let name, let value): return node.attribute(name) == value
    case .tagWithClass(let tag, let name):
      return node.name == tag && classes.contains(name)
    }
  }
}

/// An element's classes: its `class` value split on whitespace.
func classNames(_ value: String) -> [String] {
  asciiWords(value, lowercased: false) { $0 <= 0x20 }
}

/// The lower-case words of an element's class and id, split on whitespace, '-' and '_'
/// (`post-share-buttons` gives `post`, `share`, `buttons`): what boilerplate rules look at.
func classAndIDWords(class classes: String?, id: String?) -> [String] {
  let separators: (UInt8) -> Bool = {
    $0 <= 0x20 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
  }
  return asciiWords(classes ?? "", lowercased: true, separatedBy: separators)
    + asciiWords(id ?? "", lowercased: true, separatedBy: separators)
}

/// Splits on ASCII separator bytes, working on UTF-8 (class lists are ASCII in practice, and
/// `Character.isWhitespace` is too slow to run on every element of a page).
private func asciiWords(
  _ text: String, lowercased: Bool, separatedBy isSeparator: (UInt8) -> Bool
) -> [String] {
  var words: [String] = []
  var current: [UInt8] = []
  for byte in text.utf8 {
    if isSeparator(byte) {
      if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
      current.removeAll(keepingCapacity: true)
    } else {
      current.append(lowercased && byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
    }
  }
  if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
  return words
}
