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

/// The elements inside a slideshow or a gallery of pictures (`ScoringRules.galleryClasses`),
/// or nil when the page has none: their captions are no prose of the post (held-out web page
/// dw.com.colonial, short: a slideshow's captions beside one paragraph).
private func galleryNodes(in page: PageAnalysis) -> [Bool]? {
  guard page.classes.pageFlags.contains(.gallery) else { return nil }
  let nodes = page.document.nodes
  var galleries: [Bool]?
  var index = page.body + 1
  while index < nodes[page.body].end {
    if nodes[index].kind == .element, page.classes.has(.gallery, at: index) {
      if galleries == nil { galleries = Array(repeating: false, count: nodes.count) }
      for inner in index..<nodes[index].end { galleries?[inner] = true }
      index = nodes[index].end
    } else {
      index += 1
    }
  }
  return galleries
}

/// The deepest element that still holds `ScoringRules.proseShare` of the prose under
/// `<body>`: prose being the text of paragraph-like elements long enough to be sentences and
/// not mostly links. Page builders scatter a post over many sibling widgets; their common
/// ancestor is the post.
private func proseContainer(in page: PageAnalysis) -> [Int]? {
  let cards = teaserCards(in: page)
  let galleries = galleryNodes(in: page)
  if cards.contains(true) || galleries != nil,
    let container = proseContainer(in: page, leavingOut: cards, galleries: galleries)
  {
    return container
  }
  return proseContainer(in: page, leavingOut: nil, galleries: nil)
}

/// The prose-mass container, counting no prose inside the nodes marked in `leftOut` or in
/// `galleries`; nil when no prose is left or, with nodes left out, when what is left is less
/// than `ScoringRules.minimumProseOutsideCards` of the whole (galleries left aside).
private func proseContainer(
  in page: PageAnalysis, leavingOut leftOut: [Bool]?, galleries: [Bool]?
) -> [Int]? {
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
    if let galleries, galleries[index] { prose[index] = 0 }
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
  var needed = Double(total) * ScoringRules.proseShare
  var current = page.body
  // The post's grid column (`postColumn`), once found, is the highest the walk goes.
  // It is looked for before the walk goes down: beside a one-paragraph post the sidebar
  // column holds most of the prose, and the walk would go into it.
  var column: Int?
  var headlines: [Int]?
  let classID = page.document.attributeNameID("class")
  while true {
    if column == nil, classID != nil,
      let post = postColumn(
        in: current, prose: prose, page, classID: classID, headlines: &headlines)
    {
      (current, column) = (post, post)
      needed = Double(prose[post]) * ScoringRules.proseShare
    }
    guard let next = page.document.children(of: current).max(by: { prose[$0] < prose[$1] }),
      Double(prose[next]) >= needed
    else { break }
    current = next
  }
  // The post's other parts beside the element found: its intro above a list that holds most of
  // its prose, or the next block of a post that a page builder split around a picture. The
  // parent is taken when what it holds besides the element is prose, not links or chrome.
  while current != page.body, current != column, nodes[current].parent >= 0,
    nodes[current].parent != page.body
  {
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
  // The post's grid column is not split: its siblings are the sidebar's columns.
  guard current != column else { return [current] }
  return textBlocksOfPost(current, prose: prose, page)
    ?? wrappedTextBlocksOfPost(current, prose: prose, page) ?? [current]
}

/// The post's text blocks beside `element` when each is wrapped (`textBlocksOfPost` one level
/// up): the element's wrappers that hold no other text (up to
/// `ScoringRules.maximumTextBlockWrappers` levels), and an earlier sibling of the outermost
/// one, after the headline, that wraps, through elements that each hold one child with text
/// and none of their own, a block with the element's tag and class holding prose in more
/// paragraphs than the lead takes (`ScoringRules.maximumLeadParagraphs`). A review
/// site writes its intro in `<div class="summary"><div class="articletext">` and the review in
/// `<div><div class="articletext">`, with a box of quick links between them; the intro's
/// paragraphs after its first two (the lead's cap) were no part of the article. The blocks
/// found, with `element`, in document order; nil when there is none.
private func wrappedTextBlocksOfPost(
  _ element: Int, prose: NodeCounts, _ page: PageAnalysis
) -> [Int]? {
  let document = page.document
  let nodes = document.nodes
  guard element != page.body, nodes[element].kind == .element,
    let markup = document.attribute("class", of: element), !markup.isEmpty
  else { return nil }
  let name = document.name(of: element)
  // A twin holds more paragraphs than the lead takes (`ScoringRules.maximumLeadParagraphs`):
  // the lead weighs a short block under the headline, and a block of the post's markup that
  // holds no more is as often the site's (a testimonial or a promotion above the post, with
  // the page's headline in its header), which shows other words at the next load.
  func isTwin(_ node: Int) -> Bool {
    nodes[node].kind == .element && !page.skipped[node]
      && prose[node] >= ScoringRules.minimumParagraphLength
      && document.name(of: node) == name && document.attribute("class", of: node) == markup
      && paragraphCount(node) > ScoringRules.maximumLeadParagraphs
  }
  // The elements with prose under `node` (and `node`) that hold no element with prose.
  func paragraphCount(_ node: Int) -> Int {
    var holders = Set<Int>()
    for inner in node..<nodes[node].end where nodes[inner].kind == .element && prose[inner] > 0 {
      holders.insert(inner)
      if inner != node { holders.remove(nodes[inner].parent) }
    }
    return holders.count
  }
  // The only child with text of `node`, when `node` has no text of its own beside it.
  func onlyHolder(_ node: Int) -> Int? {
    let holders = document.children(of: node).filter {
      !page.skipped[$0] && page.textLength[$0] > 0
    }
    guard holders.count == 1, nodes[holders[0]].kind == .element,
      page.textLength[holders[0]] == page.textLength[node]
    else { return nil }
    return holders[0]
  }
  var outer = element
  for _ in 0..<ScoringRules.maximumTextBlockWrappers {
    let parent = nodes[outer].parent
    guard parent >= 0, parent != page.body, page.textLength[parent] == page.textLength[outer]
    else { break }
    outer = parent
  }
  guard outer != element, nodes[outer].parent >= 0 else { return nil }
  let isHeadline = { (node: Int) in
    nodes[node].kind == .element && document.name(of: node) == "h1"
  }
  let children = Array(document.children(of: nodes[outer].parent))
  let start =
    children.last { child in
      child < outer
        && (isHeadline(child) || document.descendants(of: child).contains(where: isHeadline))
    } ?? -1
  var blocks: [Int] = []
  for child in children where child > start && child < outer && !page.skipped[child] {
    var core = child
    for _ in 0...ScoringRules.maximumTextBlockWrappers {
      if isTwin(core) {
        blocks.append(core)
        break
      }
      guard let inner = onlyHolder(core) else { break }
      core = inner
    }
  }
  return blocks.isEmpty ? nil : blocks + [element]
}

/// The post's text blocks beside `element`, the prose mass's element, when a page builder
/// split the post into blocks of one markup (Webflow's `rich-text w-richtext` before and after a
/// sign-up box): its earlier siblings with the same tag and the same class (one is needed), each holding
/// prose (`ScoringRules.minimumParagraphLength` characters or more), with `element` in document
/// order; nil when there is no such sibling. What stands between them (the box) stays out, as
/// it would if the parent were taken, which the box's text and links forbid (`siblingProseShare`,
/// `narrowingLinkDensity`).
private func textBlocksOfPost(_ element: Int, prose: NodeCounts, _ page: PageAnalysis) -> [Int]? {
  let document = page.document
  let parent = document.nodes[element].parent
  guard element != page.body, parent >= 0, document.nodes[element].kind == .element,
    let markup = document.attribute("class", of: element), !markup.isEmpty
  else { return nil }
  let name = document.name(of: element)
  // Only the blocks before the element, up to it: the post's beginning above the box. A
  // block of the same markup after the post is as often the site's (a promotion, a
  // testimonial, a note about the writer), which may change at every load. Nor a block
  // before the post's headline.
  // The post starts at its headline: a block before an `<h1>` (or a child that holds one)
  // that stands before the element is the site's, a notice above the post.
  let isHeadline = { (node: Int) in
    document.nodes[node].kind == .element && document.name(of: node) == "h1"
  }
  let children = Array(document.children(of: parent))
  let start =
    children.last { child in
      child < element
        && (isHeadline(child) || document.descendants(of: child).contains(where: isHeadline))
    } ?? -1
  let blocks = children.filter { child in
    child == element
      || (child > start && child < element && document.nodes[child].kind == .element
        && !page.skipped[child]
        && prose[child] >= ScoringRules.minimumParagraphLength
        && document.name(of: child) == name && document.attribute("class", of: child) == markup)
  }
  return blocks.count > 1 ? blocks : nil
}

/// The grid column of the post among the children of `row`, on the prose mass's way down: the
/// widest column
/// (`gridColumnWidth`), wider than every other child with prose, all of which are grid
/// columns too, when it holds the page's headline (every `<h1>` with text under `row`) and
/// prose of its own. The narrow columns beside it are the sidebar (a Twitter widget, a list of
/// events, a podcast player), which beside a short post holds as much prose as the post and,
/// taken with it, put every new tweet into the article.
///
/// - Parameters:
///   - classID: `document.attributeNameID("class")`.
///   - headlines: the page's `headlineElements`, found on first use.
private func postColumn(
  in row: Int, prose: NodeCounts, _ page: PageAnalysis, classID: Int?, headlines: inout [Int]?
) -> Int? {
  let document = page.document
  var widest: (index: Int, width: Double)?
  var others: [Double] = []
  for child in document.children(of: row) where prose[child] > 0 {
    // A wrapper around one column (libxml2 closes a mis-nested row early, and the sidebar
    // column becomes the row's sibling) stands for the column.
    var column = child
    var width = gridColumnWidth(column, document, classID: classID)
    for _ in 0..<ScoringRules.maximumColumnWrappers where width == nil {
      let holders = document.children(of: column).filter { prose[$0] > 0 }
      guard holders.count == 1 else { break }
      column = holders[0]
      width = gridColumnWidth(column, document, classID: classID)
    }
    guard let width else { return nil }
    if let current = widest, current.width >= width {
      others.append(width)
    } else {
      if let current = widest { others.append(current.width) }
      widest = (column, width)
    }
  }
  // The columns share one row: their widths add up to at most the row's (a full-width title
  // row and the post's column in the next row are no columns side by side).
  guard let widest, !others.isEmpty, others.allSatisfy({ $0 < widest.width }),
    others.reduce(widest.width, +) <= 1 + ScoringRules.rowWidthTolerance,
    prose[widest.index] >= ScoringRules.minimumParagraphLength
  else { return nil }
  if headlines == nil {
    headlines = PageAnalysis.headlineElements(
      in: document, skipped: page.skipped, textLength: page.textLength)
  }
  let inRow = (headlines ?? []).filter { document.contains(row, $0) }
  guard !inRow.isEmpty, inRow.allSatisfy({ document.contains(widest.index, $0) }) else {
    return nil
  }
  return widest.index
}

/// The width of a grid column as its class names state it, as a share of the row: the
/// narrowest of its classes that name one (`col-md-8` beside `col-xs-12` is 8/12). Read:
/// a number of twelfths after a grid word and breakpoints (`ScoringRules.gridWords`,
/// `ScoringRules.gridBreakpoints`: Bootstrap's `col-md-8`, `col-8`, Tailwind's
/// `lg:col-span-8`, Foundation's `large-8`, 960gs's `grid_8`, Bootstrap 2's `span8`,
/// WPBakery's `vc_col-sm-8`), a fraction (`span_8_of_12`, Pure's `pure-u-2-3`, UIkit's
/// `uk-width-2-3`, Divi's `et_pb_column_2_3`, Tailwind's `w-2/3`) or a named one (Genesis's
/// `two-thirds`). Offsets, pushes and orders name no width, nor does a number over 12
/// (Elementor's percentages, `elementor-col-66`, or a 24-column grid's `grid_16`).
///
/// - Parameter classID: `document.attributeNameID("class")`, looked up once by the caller.
func gridColumnWidth(_ index: Int, _ document: HTMLDocument, classID: Int?) -> Double? {
  guard document.nodes[index].kind == .element, let classID,
    let span = document.attributeSpans[document.nodes[index].attributeSpans].first(where: {
      $0.name == classID
    })
  else { return nil }
  // Read on the bytes: only a name with a digit, or one that may be a named fraction, becomes a
  // string (most class names are neither).
  let bytes = document.utf8[span.value]
  var narrowest: Double?
  var start = bytes.startIndex
  while start < bytes.endIndex {
    while start < bytes.endIndex && bytes[start] <= 0x20 { start += 1 }
    var end = start
    var nameStart = start
    var hasDigit = false
    while end < bytes.endIndex && bytes[end] > 0x20 {
      if bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9") { hasDigit = true }
      // A Tailwind variant (`lg:`) before the name.
      if bytes[end] == UInt8(ascii: ":") { nameStart = end + 1 }
      end += 1
    }
    let name = bytes[nameStart..<end]
    // `one-half` … `three-quarters`.
    let first = (name.first ?? 0) | 0x20
    let mayBeNamed =
      (8...14).contains(name.count) && (first == UInt8(ascii: "o") || first == UInt8(ascii: "t"))
    // Every width a grid names with a number ends with it (`col-md-8`, `span_4_of_12`, `w-2/3`).
    let endsWithDigit =
      hasDigit && (name.last ?? 0) >= UInt8(ascii: "0") && (name.last ?? 0) <= UInt8(ascii: "9")
    if !name.isEmpty, endsWithDigit || (!hasDigit && mayBeNamed),
      let width = gridWidth(of: Substring(String(decoding: name, as: UTF8.self).lowercased())),
      width > 0, width <= 1
    {
      narrowest = min(narrowest ?? width, width)
    }
    start = end
  }
  return narrowest
}

/// The width one class name states (`gridColumnWidth`), or nil.
private func gridWidth(of name: Substring) -> Double? {
  guard let end = name.last, end >= "0", end <= "9" else {
    return ScoringRules.namedFractions[String(name)]
  }
  let parts = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
  guard let last = parts.last else { return nil }
  // `w-2/3`, `basis-1/3`.
  if last.contains("/") {
    let terms = last.split(separator: "/")
    guard parts.count == 2, ["w", "basis"].contains(parts[0]), terms.count == 2,
      let numerator = Double(terms[0]), let denominator = Double(terms[1]), denominator > 0
    else { return nil }
    return numerator / denominator
  }
  // `span8`, `col8`.
  if parts.count == 1 {
    for word in ["span", "col"] where last.hasPrefix(word) {
      return Double(last.dropFirst(word.count)).map { $0 / 12 }
    }
    return nil
  }
  guard let number = Double(last) else { return nil }
  let before = parts[parts.count - 2]
  // `span_8_of_12`.
  if before == "of", parts.count >= 3, let numerator = Double(parts[parts.count - 3]),
    number > 0
  {
    return numerator / number
  }
  // `pure-u-2-3`, `uk-width-2-3`, `et_pb_column_2_3`.
  if let numerator = Double(before), parts.count >= 3 {
    guard numerator <= number, number > 0,
      ScoringRules.gridWords.contains(String(parts[parts.count - 3]))
    else { return nil }
    return numerator / number
  }
  // `col-md-8`, `fb-col-md-8`, `large-8`, `grid_8`, `col-span-8`.
  var position = parts.count - 2
  while position > 0, ScoringRules.gridBreakpoints.contains(String(parts[position])) {
    position -= 1
  }
  return ScoringRules.gridWords.contains(String(parts[position])) ? number / 12 : nil
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
