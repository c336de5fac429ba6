import HTMLParsing

/// Boxes a reader can close: a donation appeal, an app or newsletter banner, a pop-up, each
/// with a close button (`<button>✕</button>`, `<button aria-label="Close">`). A post has no
/// close button; what the reader can dismiss is laid over the page or set into it by the site.
extension PageAnalysis {
  /// The elements holding a close button as their child (`isCloseButton`), of at most
  /// `BoilerplateRules.maximumDismissibleText` characters, that neither are nor hold a
  /// `<main>`, an `<article>`, a platform container or the page's headline (`holdsPost`), nor
  /// hold a correction or update note (`NoteFinder`: a dismissible "This article has been
  /// updated" or "Correction:" notice is the post's, and the auditor's first concern).
  /// Empty when the page has none.
  ///
  /// - Complexity: O(n), and a look at each `<button>`'s text.
  static func dismissibleBoxes(
    _ document: HTMLDocument, textLength: NodeCounts, holdsPost: (Int) -> Bool
  ) -> [Bool] {
    let nodes = document.nodes
    guard let buttonTag = document.tagNames.firstIndex(of: "button") else { return [] }
    var boxes: [Bool] = []
    for index in nodes.indices
    where nodes[index].tag == buttonTag && nodes[index].kind == .element
      && isCloseButton(index, document)
    {
      let box = nodes[index].parent
      guard box > 0, nodes[box].kind == .element, textLength[box] > 0,
        textLength[box] <= BoilerplateRules.maximumDismissibleText, !holdsPost(box),
        !["body", "html"].contains(document.name(of: box)),
        !holdsNote(box, closeButton: index, document)
      else { continue }
      if boxes.isEmpty { boxes = Array(repeating: false, count: nodes.count) }
      boxes[box] = true
    }
    return boxes
  }

  /// Whether box `index` holds a correction or update note (`NoteFinder`) outside its close
  /// button, its texts joined with spaces as the body's blocks would read, and no relative
  /// time (`BoilerplateRules.relativeTimes`: "Updated 3 minutes ago: …" is a live banner).
  private static func holdsNote(_ index: Int, closeButton: Int, _ document: HTMLDocument) -> Bool {
    let nodes = document.nodes
    var words: [Substring] = []
    var inner = index + 1
    while inner < nodes[index].end {
      if inner == closeButton {
        inner = nodes[inner].end
        continue
      }
      if nodes[inner].kind == .text {
        words += document.text(of: inner).split(whereSeparator: \.isWhitespace)
      }
      inner += 1
    }
    let text = words.joined(separator: " ")
    return !NoteFinder.shared.notes(in: text).isEmpty
      && (relativeTime.map { text.firstMatch(of: $0) == nil } ?? true)
  }

  /// `BoilerplateRules.relativeTimes` as one regular expression, compiled on first use (a page
  /// with a close-button box): a `Regex` is not declared Sendable, but this one is never
  /// mutated after the static's one-time initialization.
  nonisolated(unsafe) private static let relativeTime = try? Regex(
    "(?i)(?:\(BoilerplateRules.relativeTimes.joined(separator: "|")))")

  /// Whether `<button>` element `index` closes something: its text is one close sign
  /// (`BoilerplateRules.closeSigns`: `×`, `✕`, `X`, …), or it has no text and its `aria-label`
  /// or `title` says "close" or "dismiss".
  private static func isCloseButton(_ index: Int, _ document: HTMLDocument) -> Bool {
    let text = withoutWhiteSpace(document.text(of: index))
    if !text.isEmpty { return BoilerplateRules.closeSigns.contains(text) }
    let label =
      (document.attribute("aria-label", of: index) ?? document.attribute("title", of: index)
      ?? "").lowercased()
    return label.hasPrefix("close") || label.hasPrefix("dismiss")
  }
}
