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
  var words: [String] = []
  appendASCIIWords(of: value, lowercased: false, to: &words) { $0 <= 0x20 }
  return words
}

/// The lower-case words of an element's class and id, split on whitespace, '-' and '_'
/// (`post-share-buttons` gives `post`, `share`, `buttons`): what boilerplate rules look at. An
/// id is also split where camelCase starts a word (`articleFooter` gives `article`, `footer`);
/// class names are not (MathJax marks each formula `CtxtMenu_Attached_0`, which would give
/// `menu`). A longer id is a heading's slug, not a name for the element's role, and gives no
/// words.
func classAndIDWords(class classes: String?, id: String?) -> [String] {
  let separators: (UInt8) -> Bool = {
    $0 <= 0x20 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
  }
  var words: [String] = []
  if let classes { appendASCIIWords(of: classes, lowercased: true, to: &words, separators) }
  if let id {
    var idWords: [String] = []
    appendASCIIWords(of: id, lowercased: true, to: &idWords, camelCase: true, separators)
    if idWords.count <= BoilerplateRules.maximumIDWords { words += idWords }
  }
  return words
}

/// Splits on ASCII separator bytes, working on UTF-8 (class lists are ASCII in practice, and
/// `Character.isWhitespace` is too slow to run on every element of a page). Words are made
/// straight from slices of the text; only words with upper-case letters are copied to lower.
private func appendASCIIWords(
  of text: String, lowercased: Bool, to words: inout [String], camelCase: Bool = false,
  _ isSeparator: (UInt8) -> Bool
) {
  var text = text
  text.withUTF8 { bytes in
    var start = 0
    var hasUpper = false
    func endWord(at end: Int) {
      guard end > start else { return }
      let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
      if lowercased && hasUpper {
        words.append(
          String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self))
      } else {
        words.append(String(decoding: word, as: UTF8.self))
      }
    }
    for index in 0..<bytes.count {
      let byte = bytes[index]
      if isSeparator(byte) {
        endWord(at: index)
        start = index + 1
        hasUpper = false
      } else if byte >= 0x41 && byte <= 0x5A {
        if camelCase && index > start && bytes[index - 1] >= 0x61 && bytes[index - 1] <= 0x7A {
          endWord(at: index)
          start = index
        }
        hasUpper = true
      }
    }
    endWord(at: bytes.count)
  }
}
