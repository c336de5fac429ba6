import HTMLParsing

/// A test on one element, written as data so that rule tables read like selectors.
public enum ElementPattern: Sendable, Equatable {
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
  /// The smallest element holding every element of the page with this class, and more than one
  /// element (the parent of a lone one): the column around a platform's paragraphs when only
  /// the paragraphs carry a stable name (Medium's `pw-post-body-paragraph`). Only a
  /// `ResolvedPattern`, which finds that element once per page, answers it.
  case holderOfClass(String)

  /// Whether only an element with attributes can match.
  var needsAttributes: Bool {
    if case .tag = self { return false }
    return true
  }

  /// Whether element `index` of `document`, whose classes are `classes`, matches.
  func matches(_ index: Int, in document: HTMLDocument, classes: ArraySlice<String>) -> Bool {
    guard document.nodes[index].kind == .element else { return false }
    switch self {
    case .tag(let name): return document.name(of: index) == name
    case .className(let name): return classes.contains(name)
    case .id(let id): return document.attribute("id", of: index) == id
    case .itemprop(let property):
      return document.attribute("itemprop", of: index)?.split(separator: " ").contains {
        $0 == property
      } ?? false
    case .attribute(let name, let value): return document.attribute(name, of: index) == value
    case .tagWithClass(let tag, let name):
      return document.name(of: index) == tag && classes.contains(name)
    case .holderOfClass: return false
    }
  }
}

/// Appends an element's classes: its `class` value split on whitespace.
func appendClassNames(of value: UnsafeBufferPointer<UInt8>, to names: inout [String]) {
  appendASCIIWords(of: value, lowercased: false, to: &names) { $0 <= 0x20 }
}

/// Appends the lower-case words of an element's class and id, split on whitespace, '-' and
/// '_' (`post-share-buttons` gives `post`, `share`, `buttons`): what boilerplate rules look
/// at. An id is also split where camelCase starts a word (`articleFooter` gives `article`,
/// `footer`); class names are not (MathJax marks each formula `CtxtMenu_Attached_0`, which
/// would give `menu`). A longer id is a heading's slug, not a name for the element's role, and
/// gives no words, nor does a utility class (`isUtilityByte`). (`WordMarks` reads the same
/// words without making strings of them.)
func classAndIDWords(
  class classes: UnsafeBufferPointer<UInt8>?, id: UnsafeBufferPointer<UInt8>?,
  into words: inout [String]
) {
  if let classes {
    forEachASCIIWord(in: classes, separatedBy: { $0 <= 0x20 }) { name in
      guard !name.contains(where: isUtilityByte) else { return }
      appendASCIIWords(of: name, lowercased: true, to: &words, isClassOrIDWordSeparator)
    }
  }
  if let id {
    let idStart = words.count
    appendASCIIWords(
      of: id, lowercased: true, to: &words, camelCase: true, isClassOrIDWordSeparator)
    let idWords = words[idStart...].count { word in
      var word = word
      return !word.withUTF8(isSerialWord)
    }
    if idWords > BoilerplateRules.maximumIDWords { words.removeSubrange(idStart...) }
  }
}

/// Whether a class or id word is a serial number or a hash (`624c6b1b33fc`, `block12345`):
/// `BoilerplateRules.minimumSerialWordLength` or more bytes with a digit among them. It names
/// no role, so it does not count towards `BoilerplateRules.maximumIDWords`
/// (`sf_comment_form_container_624c6b1b` is a comment form, not a heading's slug).
func isSerialWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
  word.count >= BoilerplateRules.minimumSerialWordLength
    && word.contains { $0 >= 0x30 && $0 <= 0x39 }
}

/// The lower-case words of one class name (see `classAndIDWords`).
func classWords(_ name: String) -> [String] {
  var name = name
  var words: [String] = []
  name.withUTF8 { classAndIDWords(class: $0, id: nil, into: &words) }
  return words
}

/// Whether element `index`'s class or id has a word of `words` (`classWords`): a class or id
/// that names the element a deck, a credit.
func classOrIDNames(_ index: Int, _ words: Set<String>, in document: HTMLDocument) -> Bool {
  // Most elements asked (every short one, for a figure's credit) have no attribute at all.
  guard !document.nodes[index].attributeSpans.isEmpty else { return false }
  return [document.attribute("class", of: index), document.attribute("id", of: index)].contains {
    $0.map { classWords($0).contains(where: words.contains) } ?? false
  }
}

/// Whether a byte marks a utility class name, which states a style and not what the element
/// is: `:` before a variant's utility (Tailwind's `lg:w-1/5`), `[` around an arbitrary value
/// (`[--sidebar-width:18rem]`, `max-w-[--sidebar-width]`).
func isUtilityByte(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[")
}

/// The bytes that split class and id words: white space, '-' and '_'.
func isClassOrIDWordSeparator(_ byte: UInt8) -> Bool {
  byte <= 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
}

/// Whether a camelCase id starts a new word at `index` (an upper-case letter after a
/// lower-case one).
func startsCamelCaseWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
  index > 0 && bytes[index] >= 0x41 && bytes[index] <= 0x5A && bytes[index - 1] >= 0x61
    && bytes[index - 1] <= 0x7A
}

/// Splits on ASCII separator bytes, working on UTF-8 (class lists are ASCII in practice, and
/// `Character.isWhitespace` is too slow to run on every element of a page). Words are made
/// straight from slices of the text; only words with upper-case letters are copied to lower.
private func appendASCIIWords(
  of bytes: UnsafeBufferPointer<UInt8>, lowercased: Bool, to words: inout [String],
  camelCase: Bool = false, _ isSeparator: (UInt8) -> Bool
) {
  forEachASCIIWord(in: bytes, camelCase: camelCase, separatedBy: isSeparator) { word in
    if lowercased && word.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
      words.append(
        String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self))
    } else {
      words.append(String(decoding: word, as: UTF8.self))
    }
  }
}

/// Calls `body` with each word of `bytes`: the runs between separator bytes and, with
/// `camelCase`, also split where camelCase starts a word. The one splitter behind both
/// `classAndIDWords` (words as strings) and `WordMarks` (words looked up from their bytes).
@inline(__always)
func forEachASCIIWord(
  in bytes: UnsafeBufferPointer<UInt8>, camelCase: Bool = false,
  separatedBy isSeparator: (UInt8) -> Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void
) {
  var start = 0
  for index in 0...bytes.count {
    if index < bytes.count && camelCase && index > start && startsCamelCaseWord(bytes, at: index) {
      body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
      start = index
      continue
    }
    guard index == bytes.count || isSeparator(bytes[index]) else { continue }
    if index > start { body(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
    start = index + 1
  }
}
