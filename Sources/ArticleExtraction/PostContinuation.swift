import HTMLParsing

/// The panels after the post's container, inside the page's `<main>` (or `role=main`), that go
/// on with the post: a podcast's transcript or a video's notes in a panel the reader opens
/// after the episode's `<article>` (a `role=tabpanel`, a `<details>`, or the element a toggle's
/// `aria-controls` names). The page says `<main>` is its content, and the theme hides the panel
/// only until it is opened: its prose is the post's, and beside a short post most of it.
///
/// The blocks are the siblings after the element inside `<main>` that holds the body (`roots`,
/// all inside one such element), in order, up to the first one with text that is not such a
/// continuation (`isPostContinuation`); skipped siblings (comments, a modal, a share bar) and
/// siblings without text are passed over. Nothing is taken when the body is no descendant of a
/// `<main>`. A box of prose without a panel (a newsletter's offer, the rules for comments)
/// stays out: a theme puts those after every post.
func postContinuation(after roots: [Int], in page: PageAnalysis) -> [Int] {
  let document = page.document
  let nodes = document.nodes
  guard let last = roots.max() else { return [] }
  var top = last
  var main = nodes[last].parent
  while main > 0 && !isMainElement(main, page) {
    top = main
    main = nodes[main].parent
  }
  guard main > 0, roots.allSatisfy({ $0 == top || document.contains(top, $0) }) else {
    return []
  }
  var continuation: [Int] = []
  for sibling in document.children(of: main) where sibling > top && !page.skipped[sibling] {
    guard page.textLength[sibling] > 0 else { continue }
    guard nodes[sibling].kind == .element, isPostContinuation(sibling, page) else { break }
    continuation.append(sibling)
  }
  return continuation
}

/// Whether element `index`, after the post inside `<main>`, is more of the post: it is or holds
/// a panel the reader opens (`isPanel`), prose (paragraphs of
/// `ScoringRules.minimumParagraphLength` characters or more, under
/// `CleaningRules.maximumLinkDensity` links) is at least `ScoringRules.siblingProseShare` of
/// its text, links at most `ScoringRules.narrowingLinkDensity` of it, and it neither is nor
/// holds an `<article>` (another post) or a heading that is mostly a link (a teaser's title; a
/// permalink to a place in the page, such as a panel's toggle, is none).
private func isPostContinuation(_ index: Int, _ page: PageAnalysis) -> Bool {
  let document = page.document
  let nodes = document.nodes
  let text = page.textLength[index]
  guard text >= ScoringRules.minimumParagraphLength,
    Double(page.linkTextLength[index]) <= Double(text) * ScoringRules.narrowingLinkDensity
  else { return false }
  var prose = 0
  var hasPanel = false
  var controlled: Set<String> = []
  var ids: Set<String> = []
  var paragraphEnd = index
  var inner = index
  while inner < nodes[index].end {
    let node = nodes[inner]
    // A toggle is often a `<button>`, which is skipped as no text.
    if node.kind == .element, !hasPanel,
      let target = document.attribute("aria-controls", of: inner)
    {
      controlled.insert(target)
    }
    guard node.kind == .element, !page.skipped[inner] else {
      inner = page.skipped[inner] ? node.end : inner + 1
      continue
    }
    if page.tag(inner, is: .article) { return false }
    if !hasPanel {
      if isPanel(inner, page) { hasPanel = true }
      if let id = document.attribute("id", of: inner) { ids.insert(id) }
    }
    if page.tag(inner, is: .heading), page.textLength[inner] > 0,
      Double(page.linkTextLength[inner])
        >= Double(page.textLength[inner]) * ScoringRules.teaserTitleLinkShare,
      !page.isPermalink(inner)
    {
      return false
    }
    // The outermost paragraphs are counted; what is inside them is still looked at (a list
    // item may hold a teaser's heading).
    if inner != index, inner >= paragraphEnd, page.tag(inner, is: .paragraph) {
      if page.textLength[inner] >= ScoringRules.minimumParagraphLength,
        page.linkDensity(inner) < CleaningRules.maximumLinkDensity
      {
        prose += page.textLength[inner]
      }
      paragraphEnd = node.end
    }
    inner += 1
  }
  return (hasPanel || !controlled.isDisjoint(with: ids))
    && Double(prose) >= Double(text) * ScoringRules.siblingProseShare
    && !isLabelledAsComments(index, page)
}

/// Whether the panel in element `index` is labelled as the readers' part of the page: a
/// `<summary>` inside it, or a toggle anywhere in the page whose `aria-controls` names an
/// element in it, says "Comments (3)", "Show comments", "12 Webmentions", "Reader responses
/// (3)" (`namesComments`). Readers' comments are prose too, and a theme may fold them into a
/// panel after the post without naming them in a class: they change with every new comment
/// and are no part of the post.
private func isLabelledAsComments(_ index: Int, _ page: PageAnalysis) -> Bool {
  let document = page.document
  let nodes = document.nodes
  var ids: Set<String> = []
  for inner in index..<nodes[index].end where nodes[inner].kind == .element {
    if let id = document.attribute("id", of: inner) { ids.insert(id) }
    if document.name(of: inner) == "summary", namesComments(document.text(of: inner)) {
      return true
    }
  }
  guard !ids.isEmpty else { return false }
  for toggle in nodes.indices where nodes[toggle].kind == .element {
    guard let target = document.attribute("aria-controls", of: toggle), ids.contains(target)
    else { continue }
    let label = document.text(of: toggle)
    let words = label.isEmpty ? (document.attribute("aria-label", of: toggle) ?? "") : label
    if namesComments(words) { return true }
  }
  return false
}

/// Whether a panel's label names readers' comments (`isLabelledAsComments`): a word of
/// `BoilerplateRules.commentPanelWords`, or a word of `commentCountWords` beside a count.
private func namesComments(_ label: String) -> Bool {
  let key = PageAnalysis.headingKey(label)
  guard !PageAnalysis.isCommentsHeading(key) else { return true }
  let words = key.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
  return words.contains(where: BoilerplateRules.commentPanelWords.contains)
    || (words.contains { $0.allSatisfy(\.isNumber) }
      && words.contains(where: BoilerplateRules.commentCountWords.contains))
}

/// Whether element `index` is a panel a reader opens: a `<details>` or a `role=tabpanel`.
private func isPanel(_ index: Int, _ page: PageAnalysis) -> Bool {
  page.document.name(of: index) == "details"
    || page.document.attribute("role", of: index) == "tabpanel"
}

/// Whether element `index` is a `<main>` or has `role=main`.
private func isMainElement(_ index: Int, _ page: PageAnalysis) -> Bool {
  page.tag(index, is: .main) || page.document.attribute("role", of: index) == "main"
}
