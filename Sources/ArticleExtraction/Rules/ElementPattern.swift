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

  /// Whether the element `node` matches.
  func matches(_ node: HTMLNode) -> Bool {
    guard node.kind == .element else { return false }
    switch self {
    case .tag(let name): return node.name == name
    case .className(let name): return node.classNames.contains { $0 == name }
    case .id(let id): return node.attribute("id") == id
    case .itemprop(let property):
      return node.attribute("itemprop")?.split(separator: " ").contains { $0 == property } ?? false
    case .attribute(let name, let value): return node.attribute(name) == value
    case .tagWithClass(let tag, let name):
      return node.name == tag && node.classNames.contains { $0 == name }
    }
  }
}

extension HTMLNode {
  /// The element's classes, split on whitespace.
  var classNames: [Substring] {
    attribute("class")?.split(whereSeparator: \.isWhitespace) ?? []
  }

  /// The lower-case words of the element's class and id, split on whitespace, '-' and '_'
  /// (`post-share-buttons` gives `post`, `share`, `buttons`): what boilerplate rules look at.
  var classAndIDWords: [Substring] {
    let joined = (attribute("class") ?? "") + " " + (attribute("id") ?? "")
    return joined.lowercased().split { $0.isWhitespace || $0 == "-" || $0 == "_" }
  }
}
