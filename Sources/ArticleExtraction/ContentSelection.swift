import HTMLParsing

/// One stage of the extraction cascade: it proposes the nodes whose text is the post body.
struct ExtractionStage: Sendable {
  /// A short name saying how the body was found, reported with the result.
  let name: String
  /// Whether the stage picks a marked container (which content scoring may overrule).
  let isContainer: Bool
  /// The roots of the body in document order, or nil when this stage finds nothing.
  let select: @Sendable (PageAnalysis) -> [Int]?

  /// Platform and schema markup: `post-body`, `entry-content`, `itemprop=articleBody`, ….
  static let platformMarkup = ExtractionStage(name: "platform markup", isContainer: true) {
    page in
    // The page's post container when it has one; on listings and threads, the best match.
    guard let container = page.postContainer else {
      return bestContainer(
        in: page, patterns: ContainerRules.platformContainers, among: page.platformMatches)
    }
    return postOrThread(
      container.index, matching: ContainerRules.platformContainers[container.rule], in: page)
  }
  /// HTML5 containers: `<article>`, `<main>`, `role=main`.
  static let semanticContainer = ExtractionStage(name: "semantic container", isContainer: true) {
    bestContainer(in: $0, patterns: ContainerRules.semanticContainers)
  }
  /// The smallest element that holds most of the page's prose.
  static let contentScoring = ExtractionStage(name: "prose mass", isContainer: false) {
    proseContainer(in: $0)
  }
  /// The whole `<body>`, when nothing else finds text.
  static let wholeBody = ExtractionStage(name: "whole body", isContainer: false) { [$0.body] }

  /// The cascade, most certain first.
  static let cascade = [platformMarkup, semanticContainer, contentScoring, wholeBody]
}

/// The element matching the earliest pattern, and among those the one with the most text.
///
/// With `matches` (elements already known to match, and their patterns), only those are looked
/// at.
private func bestContainer(
  in page: PageAnalysis, patterns: [ElementPattern], among matches: [(index: Int, rule: Int)]? = nil
) -> [Int]? {
  let nodes = page.document.nodes
  var best: (rule: Int, index: Int)?
  // `role="main"`, looked up once: `isPageMain` takes it however short, as a `<main>`.
  let roleMain = ResolvedPattern(
    .attribute("role", "main"), classes: page.classes, document: page.document)
  let candidates =
    matches
    ?? nodes.indices.lazy.filter { index in
      // Shorter than `minimumContainerText`, only a `<main>`, a `role="main"` or an `<article>`
      // can be the page's main content (`isPageMain`); other elements are not matched against
      // the patterns.
      nodes[index].kind == .element && !page.skipped[index]
        && (page.textLength[index] >= ContainerRules.minimumContainerText
          || (page.textLength[index] >= ContainerRules.minimumBodyContainerText
            && (page.tag(index, is: .main) || page.tag(index, is: .article)
              || roleMain.matches(index, in: page.document, classes: page.classes))))
    }.compactMap { index in
      patterns.firstIndex(where: { page.matches($0, index) }).map { (index: index, rule: $0) }
    }
  var headlines: [Int]?
  for (index, rule) in candidates where !page.skipped[index] {
    if page.textLength[index] < ContainerRules.minimumContainerText {
      guard page.textLength[index] >= ContainerRules.minimumBodyContainerText else { continue }
      if headlines == nil {
        headlines = PageAnalysis.headlineElements(
          in: page.document, skipped: page.skipped, textLength: page.textLength)
      }
      guard isPageMain(index, among: headlines ?? [], in: page) else { continue }
    }
    if let current = best {
      let better =
        rule < current.rule
        || (rule == current.rule && page.textLength[index] > page.textLength[current.index])
      if better { best = (rule, index) }
    } else {
      best = (rule, index)
    }
  }
  guard let best else { return nil }
  return postOrThread(best.index, matching: patterns[best.rule], in: page)
}

/// Whether a container is the page's main content however short: the `<main>` (or
/// `role=main`), the page's own word for its content, or a container right under the page's
/// `<h1>` (`PageAnalysis.isUnderHeadline`, among the page's `headlines`). A one-sentence post
/// is still the post; teasers and title boxes, which `ContainerRules.minimumContainerText`
/// keeps out, are neither.
private func isPageMain(_ index: Int, among headlines: [Int], in page: PageAnalysis) -> Bool {
  let document = page.document
  return document.name(of: index) == "main" || document.attribute("role", of: index) == "main"
    || PageAnalysis.isUnderHeadline(index, among: headlines, in: document)
}

/// The winning container with the parts of the same post (`partsOfPost`), or, for an
/// `<article>`, the thread of posts it belongs to (`siblingPosts`).
private func postOrThread(_ winner: Int, matching pattern: ElementPattern, in page: PageAnalysis)
  -> [Int]
{
  if page.tag(winner, is: .article), let thread = siblingPosts(of: winner, in: page) {
    return thread
  }
  return partsOfPost(winner, matching: pattern, in: page)
}

/// A thread or a listing: the `<article>`s beside the winning one (same parent), all taken in
/// document order, when there are any.
private func siblingPosts(of winner: Int, in page: PageAnalysis) -> [Int]? {
  let nodes = page.document.nodes
  let parent = nodes[winner].parent
  guard parent >= 0 else { return nil }
  let posts = page.document.children(of: parent).filter { child in
    !page.skipped[child] && page.tag(child, is: .article) && page.textLength[child] > 0
  }
  return posts.count >= 2 ? posts : nil
}

/// News sites split one story over several containers with the same class (`story-body` after
/// each photo or ad slot): inside an `<article>`, every other element matching the winning
/// pattern is a part of the same post, and all are taken in document order.
private func partsOfPost(_ winner: Int, matching pattern: ElementPattern, in page: PageAnalysis)
  -> [Int]
{
  let nodes = page.document.nodes
  var post = nodes[winner].parent
  while post >= 0 && !(nodes[post].kind == .element && page.tag(post, is: .article)) {
    post = nodes[post].parent
  }
  guard post >= 0 else { return [winner] }
  var parts: [Int] = []
  var index = post + 1
  while index < nodes[post].end {
    if nodes[index].kind == .element, !page.skipped[index],
      page.textLength[index] >= ContainerRules.minimumContainerText, page.matches(pattern, index)
    {
      parts.append(index)
      index = nodes[index].end
    } else {
      index += 1
    }
  }
  return parts.contains(winner) ? parts : [winner]
}

/// Teaser cards: short elements holding a heading that is mostly a link (the title of another
/// post), when at least `ScoringRules.minimumTeaserCards` siblings hold one. A row of them after
/// a post (related posts, "more from the blog") is not the post, and its excerpts are no prose
/// of it.
private func teaserCards(in page: PageAnalysis) -> [Bool] {
  let nodes = page.document.nodes
  var headings = NodeCounts(repeating: 0, count: nodes.count)
  for index in page.document.descendants(of: page.body).reversed() where !page.skipped[index] {
    if nodes[index].kind == .element, page.tag(index, is: .heading), page.textLength[index] > 0,
      Double(page.linkTextLength[index])
        >= Double(page.textLength[index]) * ScoringRules.teaserTitleLinkShare,
      !page.isPermalink(index)
    {
      headings[index] += 1
    }
    let parent = nodes[index].parent
    if parent >= 0 { headings[parent] += headings[index] }
  }
  var cards = Array(repeating: false, count: nodes.count)
  for index in page.document.descendants(of: page.body) where !page.skipped[index] {
    let parent = nodes[index].parent
    if cards[parent] {
      cards[index] = true
      continue
    }
    guard nodes[index].kind == .element, headings[index] >= 2 else { continue }
    let holders = page.document.children(of: index).filter { headings[$0] > 0 }
    guard holders.count >= ScoringRules.minimumTeaserCards else { continue }
    for child in holders where page.textLength[child] <= ScoringRules.maximumTeaserText {
      cards[child] = true
    }
  }
  return cards
}

/// The deepest element that still holds `ScoringRules.proseShare` of the prose under
/// `<body>`: prose being the text of paragraph-like elements long enough to be sentences and
/// not mostly links. Page builders scatter a post over many sibling widgets; their common
/// ancestor is the post.
private func proseContainer(in page: PageAnalysis) -> [Int]? {
  let cards = teaserCards(in: page)
  if cards.contains(true), let container = proseContainer(in: page, leavingOut: cards) {
    return container
  }
  return proseContainer(in: page, leavingOut: nil)
}

/// The prose-mass container, counting no prose inside the nodes marked in `leftOut`; nil when
/// no prose is left or, with nodes left out, when what is left is less than
/// `ScoringRules.minimumProseOutsideCards` of the whole.
private func proseContainer(in page: PageAnalysis, leavingOut leftOut: [Bool]?) -> [Int]? {
  let nodes = page.document.nodes
  var prose = NodeCounts(repeating: 0, count: nodes.count)
  var allProse = 0
  for index in page.document.descendants(of: page.body).reversed() where !page.skipped[index] {
    if nodes[index].kind == .element, isParagraphLike(index, page),
      page.textLength[index] >= ScoringRules.minimumParagraphLength,
      page.linkDensity(index) < CleaningRules.maximumLinkDensity
    {
      prose[index] = page.textLength[index]
    } else if nodes[index].kind == .element, !page.tag(index, is: .inline) {
      // Text and inline elements straight inside a block (`<span>`s beside a heading) are a
      // paragraph too, as a browser lays them out.
      var text = 0
      var links = 0
      for child in page.document.children(of: index)
      where nodes[child].kind == .text || page.tag(child, is: .inline) {
        text += page.textLength[child]
        links += page.linkTextLength[child]
      }
      if text >= ScoringRules.minimumParagraphLength,
        Double(links) < Double(text) * CleaningRules.maximumLinkDensity
      {
        prose[index] += text
      }
    }
    if let leftOut, leftOut[index], prose[index] > 0 {
      allProse += prose[index]
      prose[index] = 0
    }
    let parent = nodes[index].parent
    if parent >= 0 && prose[index] > 0 && !isParagraphLike(parent, page) {
      prose[parent] += prose[index]
    }
  }
  var total = 0
  for child in page.document.children(of: page.body) where !page.skipped[child] {
    total += prose[child]
  }
  guard total > 0 else { return nil }
  if leftOut != nil,
    Double(total) < Double(total + allProse) * ScoringRules.minimumProseOutsideCards
  {
    return nil
  }
  let needed = Double(total) * ScoringRules.proseShare
  var current = page.body
  while let next = page.document.children(of: current).max(by: { prose[$0] < prose[$1] }),
    Double(prose[next]) >= needed
  {
    current = next
  }
  // The post's other parts beside the element found: its intro above a list that holds most of
  // its prose, or the next block of a post that a page builder split around a picture. The
  // parent is taken when what it holds besides the element is prose, not links or chrome.
  while current != page.body, nodes[current].parent >= 0, nodes[current].parent != page.body {
    let parent = nodes[current].parent
    let otherProse = prose[parent] - prose[current]
    let otherText = page.textLength[parent] - page.textLength[current]
    let otherLinks = page.linkTextLength[parent] - page.linkTextLength[current]
    guard otherProse >= ScoringRules.minimumParagraphLength,
      Double(otherProse) >= Double(otherText) * ScoringRules.siblingProseShare,
      Double(otherLinks) <= Double(otherText) * ScoringRules.narrowingLinkDensity
    else { break }
    current = parent
  }
  return [current]
}

/// Paragraph tags, and `<div>`s that hold text but no block elements (readability turns those
/// into paragraphs).
private func isParagraphLike(_ index: Int, _ page: PageAnalysis) -> Bool {
  if page.tag(index, is: .paragraph) { return true }
  guard page.document.name(of: index) == "div" else { return false }
  return !page.document.children(of: index).contains { child in
    page.document.nodes[child].kind == .element && !page.tag(child, is: .inline)
      && page.document.name(of: child) != "br"
  }
}

extension PageAnalysis {
  /// A heading whose link leads to a place in the page (`<a href="#the-good">`): the
  /// permalink of a section or of a live blog's update, not the title of another post. A bare
  /// `#` (a card that script opens) or a route (`#!/post/12`, `#/post/12`) names no place.
  func isPermalink(_ heading: Int) -> Bool {
    let link = document.descendants(of: heading).first { inner in
      document.nodes[inner].kind == .element && document.name(of: inner) == "a"
    }
    guard let link, let href = document.attribute("href", of: link), href.hasPrefix("#") else {
      return false
    }
    let name = href.dropFirst()
    return !name.isEmpty && !name.hasPrefix("!") && !name.hasPrefix("/")
  }
}
