import HTMLParsing

/// What extraction knows about every node before choosing content: whether it is boilerplate,
/// and how much text and link text it holds.
///
/// Invariants: arrays are indexed like `document.nodes`; a skipped node's descendants are
/// skipped; lengths count only text outside skipped nodes.
struct PageAnalysis {
  let document: HTMLDocument
  /// The `<body>` element, or the document when there is none.
  let body: Int
  private(set) var skipped: [Bool]
  /// Non-whitespace UTF-8 bytes of text under each node.
  private(set) var textLength: [Int]
  /// The part of `textLength` that stands inside links.
  private(set) var linkTextLength: [Int]
  /// Commas in the text under each node (a sign of prose).
  private(set) var commas: [Int]
  /// Each element's classes, computed once (empty for other nodes).
  let classes: [[String]]
  /// Each element's lower-case class and id words (see `HTMLNode.classAndIDWords`).
  let words: [[String]]

  init(_ document: HTMLDocument) {
    self.document = document
    let nodes = document.nodes
    body = nodes.indices.first { nodes[$0].kind == .element && nodes[$0].name == "body" } ?? 0
    classes = nodes.map(\.classNames)
    words = nodes.map(\.classAndIDWords)
    skipped = Array(repeating: false, count: nodes.count)
    for index in nodes.indices.dropFirst() {
      skipped[index] =
        skipped[nodes[index].parent]
        || (nodes[index].kind == .element
          && (BoilerplateRules.nonTextTags.contains(nodes[index].name)
            || Self.isHidden(nodes[index])))
    }
    (textLength, linkTextLength, commas) = Self.measure(document, skipped: skipped)
    let pageText = max(textLength[body], 1)
    for index in nodes.indices.dropFirst() where !skipped[index] {
      if skipped[nodes[index].parent] {
        skipped[index] = true
      } else if Double(textLength[index]) / Double(pageText) <= BoilerplateRules.protectedTextShare,
        Self.isChrome(nodes[index])
          || Self.hasBoilerplateClass(nodes[index], classes[index], words[index])
      {
        skipped[index] = true
      }
    }
    (textLength, linkTextLength, commas) = Self.measure(document, skipped: skipped)
  }

  /// The share of a node's text that stands inside links, 0 for a node without text.
  func linkDensity(_ index: Int) -> Double {
    textLength[index] == 0 ? 0 : Double(linkTextLength[index]) / Double(textLength[index])
  }

  /// Tags and roles that make a subtree chrome whatever its classes.
  private static func isChrome(_ node: HTMLNode) -> Bool {
    guard node.kind == .element else { return false }
    if BoilerplateRules.chromeTags.contains(node.name) { return true }
    if let role = node.attribute("role"), BoilerplateRules.negativeRoles.contains(role) {
      return true
    }
    return false
  }

  /// Hidden from readers (`hidden`, `aria-hidden`, `display:none`, `visibility:hidden`), as
  /// readability treats it: never article text.
  private static func isHidden(_ node: HTMLNode) -> Bool {
    if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
    guard let style = node.attribute("style") else { return false }
    let compact = style.lowercased().filter { $0 != " " }
    return compact.contains("display:none") || compact.contains("visibility:hidden")
  }

  /// Whether element `index` matches a rule pattern.
  func matches(_ pattern: ElementPattern, _ index: Int) -> Bool {
    pattern.matches(document.nodes[index], classes: classes[index])
  }

  private static func hasBoilerplateClass(
    _ node: HTMLNode, _ classes: [String], _ words: [String]
  ) -> Bool {
    guard !words.isEmpty, node.kind == .element,
      !BoilerplateRules.protectedTags.contains(node.name)
    else {
      return false
    }
    if classes.contains(where: BoilerplateRules.negativeClasses.contains) { return true }
    if words.contains(where: BoilerplateRules.strongNegativeWords.contains) { return true }
    let weak = words.contains(where: BoilerplateRules.weakNegativeWords.contains)
    return weak && !words.contains(where: BoilerplateRules.keepWords.contains)
  }

  private static func measure(
    _ document: HTMLDocument, skipped: [Bool]
  ) -> (text: [Int], links: [Int], commas: [Int]) {
    let nodes = document.nodes
    var text = Array(repeating: 0, count: nodes.count)
    var links = Array(repeating: 0, count: nodes.count)
    var commas = Array(repeating: 0, count: nodes.count)
    for index in nodes.indices.reversed() where !skipped[index] {
      let node = nodes[index]
      if node.kind == .text {
        for byte in node.text.utf8 {
          if byte > 0x20 { text[index] += 1 }
          if byte == UInt8(ascii: ",") { commas[index] += 1 }
        }
      }
      if node.kind == .element && node.name == "a" { links[index] = text[index] }
      guard node.parent >= 0 else { continue }
      text[node.parent] += text[index]
      links[node.parent] += links[index]
      commas[node.parent] += commas[index]
    }
    return (text, links, commas)
  }
}
