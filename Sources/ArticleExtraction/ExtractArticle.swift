import HTMLParsing

/// An article and how it was found.
public struct ExtractionResult: Sendable {
  /// The extracted article.
  public let article: Article
  /// The cascade stage that found the body ("platform markup", "content scoring", …).
  public let method: String
}

/// Extracts the post from a parsed page: metadata from the best source present, and the body
/// from the first stage of the cascade (platform markup, HTML5 containers, content scoring, the
/// whole body) that yields text.
///
///     let document = try parseHTML(bytes)
///     let article = try extractArticle(from: document).article
///     print(article.canonicalText)
///
/// - Throws: `ExtractionError.noArticleFound` when no stage finds any body text.
/// - Complexity: O(n) in the number of nodes for each stage tried.
public func extractArticle(
  from document: HTMLDocument, options: ExtractionOptions = ExtractionOptions()
) throws -> ExtractionResult {
  // React's streamed segments where the browser shows them, in place of their fallbacks.
  let document = document.placingStreamedSegments()
  var page = PageAnalysis(document)
  let metadata = extractMetadata(from: page, options: options)
  func body(
    of stage: ExtractionStage, roots: [Int]? = nil
  ) -> (roots: [Int], blocks: [Block], links: [String], captions: [String])? {
    guard let roots = roots ?? stage.select(page) else { return nil }
    var collector = BlockCollector(page: page)
    var blocks = collector.collect(roots)
    dropRepeatedTitle(metadata.title, from: &blocks, sources: collector.sources)
    dropLeadingByline(from: &blocks)
    return blocks.isEmpty ? nil : (roots, blocks, collector.links, collector.captions)
  }
  var first = ExtractionStage.cascade.lazy
    .compactMap({ stage in body(of: stage).map { (stage, $0) } }).first
  if first == nil {
    // Every stage dropped everything for its tag or class words (the whole page under a
    // `skip-item` or `sidebar-first-only` wrapper): the page's text is better than nothing.
    // A few lines found that way are a menu or a cookie notice, not an article.
    page = PageAnalysis(document, dropsChrome: false)
    first = ExtractionStage.cascade.lazy
      .compactMap({ stage in body(of: stage).map { (stage, $0) } }).first
      .flatMap { textLength($0.1.blocks) >= ScoringRules.minimumUnfilteredText ? $0 : nil }
  }
  guard let (firstStage, found) = first else { throw ExtractionError.noArticleFound }
  var (stage, roots, blocks, links, captions) = (
    firstStage, found.roots, found.blocks, found.links, found.captions
  )
  // A post container beside the page's one `<article>`, neither inside it nor around it, is the
  // post's header box (a hero with the title and the excerpt) when the `<article>` holds more
  // than `ScoringRules.containerOverrideRatio` times its text: the `<article>` is the post.
  if stage.name == ExtractionStage.platformMarkup.name, page.postContainer != nil,
    let article = onlyArticle(page),
    !found.roots.contains(where: {
      $0 == article || document.contains(article, $0) || document.contains($0, article)
    }),
    let post = body(of: .semanticContainer, roots: [article]),
    Double(textLength(post.blocks)) > Double(textLength(blocks))
      * ScoringRules.containerOverrideRatio
  {
    (stage, roots, blocks, links, captions) = (
      .semanticContainer, post.roots, post.blocks, post.links, post.captions
    )
  }
  // A marked container can be a teaser or a fragment (page builders reuse `article` and
  // `post-content` for cards); content scoring that finds far more text wins then. Scoring
  // that lands inside the container narrows it when the text left out holds links: cards of
  // other posts and lists of links inside `<main>`, not a part of the post.
  if stage.isContainer, let scoredRoots = ExtractionStage.contentScoring.select(page) {
    let inside = scoredRoots.allSatisfy { root in
      found.roots.contains { $0 == root || document.contains($0, root) }
    }
    // A `<main>` (or `role=main`) is the page's own word for its content: a prose mass around
    // it is the main content with the page's footer or comments, which grow beside a short post.
    let aroundMain = scoredRoots.allSatisfy { root in
      found.roots.allSatisfy { document.contains(root, $0) && isMain($0, page) }
    }
    // The page's post container is the post however short it is: the prose mass beside it is
    // then chrome (a sidebar's "About me"), unless it is inside another `<article>` (the
    // container was only the post's title box).
    // The page's one `<article>` is not overruled by a prose mass around it that adds mostly
    // links (the posts that link to this one, tags, a menu): beside a short post such a list
    // holds most of the text, and its next item must not be an edit.
    let aroundLinks =
      isOnlyArticle(found.roots, page)
      && scoredRoots.allSatisfy { document.contains($0, found.roots[0]) }
      && linkDensity(of: scoredRoots, without: found.roots, in: page)
        > CleaningRules.maximumLinkDensity
    // The page's `<main>` (or `role=main`) is its content however short: a prose mass outside
    // it is a sidebar's "About me". (A container under the `<h1>` is not held so: the first
    // posting of a thread is, and the replies beside it are content too.) Not a `<main>` that
    // gives nothing but headings and a deck the theme names (`ScoringRules.deckWords`): that
    // is a header box around the headline, and the post is outside it.
    let isMainContent =
      found.roots.allSatisfy { isMain($0, page) } && blocks.contains { !isHeading($0) }
      && found.roots.contains { holdsTextBesideHeadlineAndDeck($0, page) }
    let overridable =
      (stage.name != ExtractionStage.platformMarkup.name || page.postContainer == nil
        || scoredRoots.allSatisfy { isInOtherArticle($0, than: found.roots, page) })
      && !aroundMain && !aroundLinks && !isMainContent
    if !inside, overridable, let scored = body(of: .contentScoring, roots: scoredRoots),
      Double(textLength(scored.blocks)) > Double(textLength(blocks))
        * ScoringRules.containerOverrideRatio
    {
      (stage, roots, blocks, links, captions) = (
        .contentScoring, scored.roots, scored.blocks, scored.links, scored.captions
      )
    } else if inside, scoredRoots != found.roots,
      linkDensity(of: found.roots, without: scoredRoots, in: page)
        > ScoringRules.narrowingLinkDensity,
      let scored = body(of: .contentScoring, roots: scoredRoots)
    {
      (stage, roots, blocks, links, captions) = (
        .contentScoring, scored.roots, scored.blocks, scored.links, scored.captions
      )
    }
  }
  // A block of prose after the post's container in the page's `<main>` goes on with the post (a
  // transcript in a panel after the episode's `<article>`).
  if stage.isContainer {
    let continuation = postContinuation(after: roots, in: page)
    if !continuation.isEmpty, let whole = body(of: stage, roots: roots + continuation) {
      (roots, blocks, links) = (whole.roots, whole.blocks, whole.links)
    }
  }
  // A recipe's ingredients beside its steps (an `<aside>` or a column of the recipe card) are
  // the recipe's first part.
  let ingredients = recipeIngredients(beside: roots, in: page)
  if !ingredients.isEmpty, let whole = body(of: stage, roots: (roots + ingredients).sorted()) {
    (roots, blocks, links, captions) = (whole.roots, whole.blocks, whole.links, whole.captions)
  }
  // The deck under the headline, outside the body's container, is the post's first lines.
  // Which links are the site's own is judged against the address the page was fetched from
  // when there is one: the canonical URL is not shown, and a page can change it unseen.
  let lead = leadBlocks(
    before: roots, body: blocks, metadata: metadata, site: options.url ?? metadata.url, in: page)
  (blocks, links, captions) = (lead.blocks + blocks, lead.links + links, lead.captions + captions)
  // The headline and the dateline the page shows above the post, where the metadata has
  // nothing or says otherwise; a headline that became the title leaves the body.
  let shownHeader = ShownHeader(roots: roots, title: metadata.title, page: page)
  let header = shownMetadata(metadata, shownHeader)
  if header.title != metadata.title {
    dropRepeatedTitle(header.title, from: &blocks, sources: [])
  }
  let article = Article(
    title: header.title, headline: header.headline, authors: header.authors,
    published: header.published,
    updated: header.updated, shownDate: header.shownDate, url: header.url,
    siteName: header.siteName, language: header.language, blocks: blocks,
    links: linkTargets(links), captions: captions)
  return ExtractionResult(article: article, method: stage.name)
}

/// Whether `roots` is one `<article>` and the page has no other outside skipped nodes.
private func isOnlyArticle(_ roots: [Int], _ page: PageAnalysis) -> Bool {
  guard roots.count == 1, page.tag(roots[0], is: .article) else { return false }
  let nodes = page.document.nodes
  return !nodes.indices.contains { index in
    index != roots[0] && nodes[index].kind == .element && !page.skipped[index]
      && page.tag(index, is: .article)
  }
}

/// The page's one `<article>` outside skipped nodes, if it has exactly one and its class and id
/// words mark no comment or other chrome (WordPress writes a comment as
/// `<article class="comment-body">`).
private func onlyArticle(_ page: PageAnalysis) -> Int? {
  let nodes = page.document.nodes
  var found: Int?
  for index in nodes.indices
  where nodes[index].kind == .element && !page.skipped[index] && page.tag(index, is: .article) {
    if found != nil { return nil }
    found = index
  }
  return found.flatMap { page.marks[$0].isDisjoint(with: [.strongNegative, .trailing]) ? $0 : nil }
}

/// Whether element `index` holds visible text outside its headings and outside elements whose
/// class or id names a deck (`ScoringRules.deckWords`: `dek`, `subtitle`, `standfirst`): a
/// post's text, not a header box's. Elements with neither class nor id cost no word split.
private func holdsTextBesideHeadlineAndDeck(_ index: Int, _ page: PageAnalysis) -> Bool {
  let document = page.document
  let nodes = document.nodes
  var inner = index + 1
  while inner < nodes[index].end {
    let node = nodes[inner]
    if page.skipped[inner] || (node.kind == .element && isHeadingOrDeck(inner, page)) {
      inner = node.end
      continue
    }
    if node.kind == .text && page.textLength[inner] > 0 { return true }
    inner += 1
  }
  return false
}

private func isHeadingOrDeck(_ index: Int, _ page: PageAnalysis) -> Bool {
  page.tag(index, is: .heading) || classOrIDNames(index, ScoringRules.deckWords, in: page.document)
}

/// Whether a block is a heading.
private func isHeading(_ block: Block) -> Bool {
  if case .heading = block.kind { return true }
  return false
}

/// Whether element `node` is a `<main>` or has `role=main`.
private func isMain(_ node: Int, _ page: PageAnalysis) -> Bool {
  page.tag(node, is: .main) || page.document.attribute("role", of: node) == "main"
}

/// Whether `node` is inside an `<article>` that holds none of `roots`: the post itself, beside a
/// platform container that is only its header (a hero box with the title and the excerpt).
private func isInOtherArticle(_ node: Int, than roots: [Int], _ page: PageAnalysis) -> Bool {
  var ancestor = node
  while ancestor > 0 {
    if page.tag(ancestor, is: .article) {
      return !roots.contains { page.document.contains(ancestor, $0) }
    }
    ancestor = page.document.nodes[ancestor].parent
  }
  return false
}

/// The share of link text in the text under `outer` that is not under `inner` (nodes inside it).
private func linkDensity(of outer: [Int], without inner: [Int], in page: PageAnalysis) -> Double {
  func sum(_ roots: [Int], _ lengths: NodeCounts) -> Int { roots.reduce(0) { $0 + lengths[$1] } }
  let text = sum(outer, page.textLength) - sum(inner, page.textLength)
  let links = sum(outer, page.linkTextLength) - sum(inner, page.linkTextLength)
  return text <= 0 ? 0 : Double(links) / Double(text)
}

private func textLength(_ blocks: [Block]) -> Int {
  blocks.reduce(0) { $0 + $1.text.utf8.count }
}

/// The headline often opens the body too, or follows a kicker or a date at its top; it is
/// metadata, not body text. Only the first three blocks are looked at: further down, the title's
/// words are the post's own (a closing line that repeats it). A heading is the headline also
/// when it and the title differ only by an ending (`isTitleWithEnding`). The headline's other
/// lines go with it: the blocks before and after it from the same heading element (`sources`, as
/// `BlockCollector.sources` gives them), which a `<br>` split off (`<h1>Title<br><span>Staff
/// writer Ann Lee</span></h1>`): its byline or its kicker, not a heading of the post.
/// (A heading of the same level after it that is an element of its own, Medium's `<h1>` over
/// a section, stays.)
private func dropRepeatedTitle(_ title: String?, from blocks: inout [Block], sources: [Int]) {
  guard let title else { return }
  let leading = blocks.prefix(3)
  let position =
    leading.firstIndex(where: { $0.text == title })
    ?? leading.firstIndex(where: { block in
      guard case .heading = block.kind else { return false }
      return isTitleWithEnding(block.text, title) || isTitleWithEnding(title, block.text)
    })
  guard let position else { return }
  var (start, end) = (position, position + 1)
  if case .heading = blocks[position].kind, sources.count == blocks.count, sources[position] >= 0 {
    while start > 0 && sources[start - 1] == sources[position] { start -= 1 }
    while end < blocks.count && sources[end] == sources[position] { end += 1 }
  }
  blocks.removeSubrange(start..<end)
}

/// A byline among the body's first three blocks ("By Ann Lee", "By Ann Lee | March 3, 2024",
/// "By Ann Lee 15 min read"): the writer's name is the page's metadata (`Author:`), not a line
/// of the post. A byline is `ScoringRules.bylineOpeners` and one to four capitalized names,
/// then nothing, a separator (`|`, `•`, `·`, `–`, `—`) or a number, in at most
/// `ScoringRules.maximumBylineText` characters: "By Monday, the council…" or "By the way" is
/// the post's own sentence.
private func dropLeadingByline(from blocks: inout [Block]) {
  if let position = blocks.prefix(3).firstIndex(where: { isByline($0.text) }) {
    blocks.remove(at: position)
  }
}

private func isByline(_ text: String) -> Bool {
  guard text.count <= ScoringRules.maximumBylineText else { return false }
  let words = text.split(separator: " ")
  guard let opener = words.first, ScoringRules.bylineOpeners.contains(String(opener)) else {
    return false
  }
  var names = 0
  for word in words.dropFirst() {
    let isName =
      word.first.map(\.isUppercase) ?? false
      && word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
    if isName && names < 4 {
      names += 1
      continue
    }
    guard names > 0 else { return false }
    return ["|", "•", "·", "–", "—"].contains(word) || (word.first?.isNumber ?? false)
  }
  return names > 0
}

/// Whether `longer` is `shorter` with something after it, and `shorter` most of it
/// (`ScoringRules.titleEndingShare`): a page's title with a credit or a site's name after it
/// ("… the proposal（写真＝ロイター）", "… the proposal | Site"), or a headline with a line after
/// it in the same block (`<h1>Title <small>By A. Writer</small></h1>`; after a `<br>` the line
/// is a block of its own), is the headline the title names.
private func isTitleWithEnding(_ longer: String, _ shorter: String) -> Bool {
  let shorterCount = shorter.unicodeScalars.count
  let longerCount = longer.unicodeScalars.count
  return shorterCount < longerCount && longer.hasPrefix(shorter)
    && Double(shorterCount) >= Double(longerCount) * ScoringRules.titleEndingShare
}

/// The link targets the article text records, from the body's `href`s in document order: each
/// once, with white space trimmed and control characters removed or encoded as a URL parser
/// does (`withoutControls`), and without the parameters that change per visit
/// (`withoutVisitTokens`: session ids, signatures, trackers; two links that differ only by
/// them are one target). Links within the page (`#section`, footnote marks, whose ids
/// themselves are often generated, and a link to the page itself by trackers alone) and script
/// links (`javascript:`) point nowhere a reader goes, so they are left out.
func linkTargets(_ hrefs: [String]) -> [String] {
  var seen: Set<String> = []
  var targets: [String] = []
  for href in hrefs {
    let target = withoutVisitTokens(withoutControls(href))
    guard isRecordedTarget(target), seen.insert(target).inserted else { continue }
    targets.append(target)
  }
  return targets
}

/// Whether a link target (white space trimmed, per-visit parameters removed) is one the links
/// section records: not empty, not within the page (`#…`), not a script (`javascript:`).
func isRecordedTarget(_ target: String) -> Bool {
  !target.isEmpty && !target.hasPrefix("#") && !target.lowercased().hasPrefix("javascript:")
}
