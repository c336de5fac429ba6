import HTMLParsing

extension PageAnalysis {
  /// Whether `<aside>` element `index` is a side note of the post, not chrome: it stands between
  /// two of the post's paragraphs (its previous and next sibling elements are `<p>`s of
  /// `ScoringRules.minimumParagraphLength` characters or more, under
  /// `CleaningRules.maximumLinkDensity` links), holds that much text itself, and at most
  /// `ScoringRules.narrowingLinkDensity` of it in links, and is built as a note or a figure
  /// (`isNoteOrFigure`). A writer's aside in the flow of the
  /// post ("A note on other devices" with its paragraphs, a figure with its caption) is read as
  /// a part of it; a box of links set between paragraphs ("Read more: …") is mostly links and
  /// stays chrome, and a sidebar stands beside the post's column, not between its paragraphs.
  /// Only the tag is forgiven: an `<aside>` with a chrome role or chrome class words stays
  /// chrome for those, and one whose text opens with a sponsor's label
  /// (`opensWithSponsorLabel`) is an ad.
  static func isSideNote(
    _ index: Int, in document: HTMLDocument, paragraphTag: Int?, textLength: NodeCounts,
    linkTextLength: NodeCounts
  ) -> Bool {
    let nodes = document.nodes
    let parent = nodes[index].parent
    guard let paragraphTag, parent >= 0,
      textLength[index] >= ScoringRules.minimumParagraphLength,
      Double(linkTextLength[index])
        <= Double(textLength[index]) * ScoringRules.narrowingLinkDensity
    else { return false }
    func isProse(_ sibling: Int?) -> Bool {
      guard let sibling, nodes[sibling].tag == paragraphTag else { return false }
      return textLength[sibling] >= ScoringRules.minimumParagraphLength
        && Double(linkTextLength[sibling])
          < Double(textLength[sibling]) * CleaningRules.maximumLinkDensity
    }
    guard isNoteOrFigure(index, in: document, textLength: textLength),
      !opensWithSponsorLabel(index, in: document)
    else { return false }
    let siblings = document.children(of: parent).filter { nodes[$0].kind == .element }
    guard let position = siblings.firstIndex(of: index), position > 0 else { return false }
    return isProse(siblings[position - 1])
      && isProse(position + 1 < siblings.count ? siblings[position + 1] : nil)
  }

  /// Whether the text of element `index` opens with the label of paid content
  /// (`BoilerplateRules.sponsorLabels`: "Sponsored: …", "Anzeige", "Advertisement"): an ad or
  /// a sponsor's box set between paragraphs as a figure or a note is no side note of the
  /// writer's, and the ad served changes from load to load.
  private static func opensWithSponsorLabel(_ index: Int, in document: HTMLDocument) -> Bool {
    // The first word of the first text that has one: an element's text runs its texts
    // together ("Anzeige" and a paragraph after it).
    let nodes = document.nodes
    for inner in index..<nodes[index].end where nodes[inner].kind == .text {
      guard
        let word = document.text(of: inner).prefix(64)
          .split(whereSeparator: { !$0.isLetter }).first
      else { continue }
      return BoilerplateRules.sponsorLabels.contains(word.lowercased())
    }
    return false
  }

  /// Whether `<aside>` element `index` is built as a writer's note or a figure: its children
  /// are headings (`<h2>`–`<h6>`), `<p>`s and `<figure>`s alone, with no text of its own, and
  /// it holds a heading and a paragraph, or a figure. A pull quote (a sentence of the post
  /// again, as text or one `<p>`), a forum's quote of another post (a title and a
  /// `<blockquote>`) and a link's preview box are none.
  private static func isNoteOrFigure(
    _ index: Int, in document: HTMLDocument, textLength: NodeCounts
  ) -> Bool {
    let nodes = document.nodes
    var (heading, paragraph, figure) = (false, false, false)
    for child in document.children(of: index) {
      guard nodes[child].kind == .element else {
        if textLength[child] > 0 { return false }
        continue
      }
      switch document.name(of: child) {
      case "h2", "h3", "h4", "h5", "h6": heading = true
      case "p": paragraph = true
      case "figure": figure = true
      default: return false
      }
    }
    return (heading && paragraph) || figure
  }
}
