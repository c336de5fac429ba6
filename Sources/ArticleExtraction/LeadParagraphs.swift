import HTMLParsing
import UnicodeSpaces

/// The post's lead (its deck, standfirst or summary line) when it stands between the headline
/// and the body that was chosen: news and magazine themes write it in the `<header>` beside the
/// `<h1>`, outside the `itemprop=articleBody` or `entry-content` that holds the rest. A reader
/// reads it as the first lines of the post, and an edit to it is an edit.
///
/// The lead is made of the paragraphs (`<p>`) after the page's headline and before the body's
/// first root, inside the element that holds both, that are prose
/// (`ScoringRules.minimumParagraphLength` characters or more, outside skipped nodes and
/// figures; see `isProseLead` for their links, judged against `siteURL`: the address the page
/// was fetched from, or its canonical URL for a file read without one). When more than
/// `ScoringRules.maximumLeadParagraphs` such paragraphs stand there, that is no lead but a part
/// of the page the body left out on purpose (a summary box, an excerpt of another post), and
/// none is taken. Nothing is taken when the headline is inside the body or after it; when only
/// `<body>` holds both, or when the element holding both is in no `<article>` or `<main>` and
/// the headline is not the post's title (a blog's name in its banner), only a deck the theme
/// names as one is (`namedDeck`).
///
/// A deck written in a `<div>` or a heading is not taken for matching the page's `<meta>`
/// description: a description rewritten for search engines would then drop it from the
/// article, an edit no reader can see (the `description` kind of `scripts/false_edits.py`).
func leadParagraphs(
  before roots: [Int], metadata: PageMetadata, site siteURL: String?, in page: PageAnalysis
) -> [Int] {
  let document = page.document
  let nodes = document.nodes
  guard let title = metadata.title, let first = roots.min(),
    let headlineTag = document.tagNames.firstIndex(of: "h1"),
    let paragraphTag = document.tagNames.firstIndex(of: "p")
  else { return [] }
  // The last headline before the body, outside it.
  guard
    let headline = (0..<first).last(where: { index in
      nodes[index].tag == headlineTag && nodes[index].kind == .element && !page.skipped[index]
        && page.textLength[index] > 0
    }), nodes[headline].end <= first
  else { return [] }
  var holder = nodes[headline].parent
  while holder > 0 && !document.contains(holder, first) { holder = nodes[holder].parent }
  guard holder > 0, holder != page.body, document.contains(holder, first),
    nodes[holder].parent > 0,
    isInPost(holder, page) || sameWords(document.text(of: headline), title)
  else {
    // Where the headline's block and the body's are apart (page builders put both straight in
    // `<body>`) or the headline is not the title (an SEO title in `og:title`), only a deck the
    // theme names as one stands for the post's first line (`namedDeck`).
    return namedDeck(after: headline, before: first, in: page).map { [$0] } ?? []
  }
  let figureTags = Set(
    ["figure", "figcaption"].compactMap { document.tagNames.firstIndex(of: $0) })
  let site = siteURL.flatMap(hostOf)
  var leads: [Int] = []
  // The headline's next sibling, when it is a sentence of text alone: a deck in a <div> or an
  // <h2> (a <p> is taken below).
  let deck = document.children(of: nodes[headline].parent).first {
    $0 > headline && nodes[$0].kind == .element
  }
  var deckBlock: Int?
  var index = nodes[headline].end
  while index < first {
    guard nodes[index].kind == .element, !page.skipped[index] else {
      index = page.skipped[index] ? nodes[index].end : index + 1
      continue
    }
    if figureTags.contains(nodes[index].tag) {
      index = nodes[index].end
      continue
    }
    if index == deck, nodes[index].tag != paragraphTag,
      page.textLength[index] >= ScoringRules.minimumParagraphLength,
      isSentenceBlock(index, page) || isNamedDeck(index, page)
    {
      deckBlock = index
      index = nodes[index].end
      continue
    }
    if nodes[index].tag == paragraphTag {
      if page.textLength[index] >= ScoringRules.minimumParagraphLength,
        isProseLead(index, site: site, in: page)
      {
        leads.append(index)
      }
      index = nodes[index].end
      continue
    }
    index += 1
  }
  // The deck is no paragraph of a summary box: it does not count toward the cap.
  return (deckBlock.map { [$0] } ?? [])
    + (leads.count <= ScoringRules.maximumLeadParagraphs ? leads : [])
}

/// The blocks, link targets and captions of the lead paragraphs (`leadParagraphs`) that say something the
/// article does not say already: a paragraph that repeats the title, names the page's author (a
/// byline: "By Jane Doe, a deputy editor…"), or repeats the body or another of them (a post
/// excerpt cut with "…" or "[…]", a video player's title written twice) is left out.
func leadBlocks(
  before roots: [Int], body: [Block], metadata: PageMetadata, site: String?, in page: PageAnalysis
) -> (blocks: [Block], links: [String], captions: [String]) {
  var parts: [(blocks: [Block], links: [String], captions: [String])] = []
  for lead in leadParagraphs(before: roots, metadata: metadata, site: site, in: page) {
    var collector = BlockCollector(page: page)
    let blocks = collector.collect([lead])
    if !blocks.isEmpty { parts.append((blocks, collector.links, collector.captions)) }
  }
  guard !parts.isEmpty else { return ([], [], []) }
  let texts = parts.flatMap { $0.blocks.map(\.text) }
  // An excerpt may run over several of the body's paragraphs.
  let bodyText = body.map(\.text).joined(separator: " ")
  func says(_ text: String) -> Bool {
    let stem = String(withoutEllipsis(text))
    return !stem.isEmpty && text != metadata.title
      && !metadata.authors.contains(where: { !$0.isEmpty && containsText(text, $0) })
      && texts.filter({ containsText($0, stem) }).count == 1
      && !containsText(bodyText, stem)
  }
  let kept = parts.filter { $0.blocks.allSatisfy { says($0.text) } }
  return (kept.flatMap(\.blocks), kept.flatMap(\.links), kept.flatMap(\.captions))
}

/// Whether a paragraph between the headline and the body reads as the post's prose by its
/// links: at most `ScoringRules.narrowingLinkDensity` of its text in links to the page's own
/// site (relative links, the page's host or a host around it or inside it), and at most
/// `CleaningRules.maximumLinkDensity` in links of any kind. A site's own links there are its
/// chrome (an affiliate disclosure's "See our ethics statement", a newsletter pitch, a
/// dateline's section); a link to another site is a source the writer cites ("Visit the IRS
/// website for the latest information" in a callout above the body). Without the page's URL
/// every link counts as the site's.
private func isProseLead(_ paragraph: Int, site: Substring?, in page: PageAnalysis) -> Bool {
  let text = Double(page.textLength[paragraph])
  let links = Double(page.linkTextLength[paragraph])
  guard links > text * ScoringRules.narrowingLinkDensity else { return true }
  guard let site, links <= text * CleaningRules.maximumLinkDensity else { return false }
  let document = page.document
  let linkTag = document.tagNames.firstIndex(of: "a")
  var ownLinks = 0
  for inner in document.descendants(of: paragraph)
  where document.nodes[inner].kind == .element && document.nodes[inner].tag == linkTag
    && !page.skipped[inner] && page.linkTextLength[inner] > 0
  {
    let host = document.attribute("href", of: inner).flatMap(hostOf)
    if host.map({ !isSameSite($0, site) }) != true { ownLinks += Int(page.linkTextLength[inner]) }
  }
  return Double(ownLinks) <= text * ScoringRules.narrowingLinkDensity
}

/// Whether an element holds text alone (no element inside it, so no link) that ends a
/// sentence.
private func isSentenceBlock(_ index: Int, _ page: PageAnalysis) -> Bool {
  guard holdsTextAlone(index, page) else { return false }
  let text = page.document.text(of: index).trimmingSpaces()
  guard let last = text.last else { return false }
  return ".!?…".contains(last)
}

/// Whether an element holds text alone (no element inside it, so no link) and its class or id
/// names it a deck (`ScoringRules.deckWords`): a subtitle that ends no sentence ("Why the
/// bridge matters") is the deck when the theme says so.
private func isNamedDeck(_ index: Int, _ page: PageAnalysis) -> Bool {
  classOrIDNames(index, ScoringRules.deckWords, in: page.document) && holdsTextAlone(index, page)
}

/// The headline's next element, when the theme names it a deck (`ScoringRules.deckWords`:
/// GenerateBlocks' `dynamic-entry-excerpt`), it is no `<p>`, and it holds text alone or one
/// `<p>` of text alone (in `<div>` wrappers or not), ending before the body's first root
/// `first`; nil otherwise. A headline
/// inside a `<header>` (or `role=banner`) or with a link in it is a site's name in its banner
/// (whose tagline may be a `subtitle`), never a post's headline. A `<p>` deck is left to the
/// paragraph rule of `leadParagraphs`: taken here too, a dek that readability's gold leaves
/// out (cnet-svg-classes) cost F1 on that corpus.
private func namedDeck(after headline: Int, before first: Int, in page: PageAnalysis) -> Int? {
  let document = page.document
  let nodes = document.nodes
  let parent = nodes[headline].parent
  guard parent >= 0,
    let deck = document.children(of: parent).first(where: {
      $0 > headline && nodes[$0].kind == .element
    }),
    !page.skipped[deck], nodes[deck].end <= first, document.name(of: deck) != "p",
    page.textLength[deck] >= ScoringRules.minimumParagraphLength,
    !document.descendants(of: headline).contains(where: { document.name(of: $0) == "a" })
  else { return nil }
  var ancestor = parent
  while ancestor > 0 {
    if document.name(of: ancestor) == "header"
      || document.attribute("role", of: ancestor) == "banner"
    {
      return nil
    }
    ancestor = nodes[ancestor].parent
  }
  guard classOrIDNames(deck, ScoringRules.deckWords, in: document) else { return nil }
  // Text alone, or one `<p>` of text alone, in as many `<div>` wrappers as a theme writes
  // (`<div class="excerpt"><div class="paragraph-block"><p>`): a chain of one element each.
  let inner = document.descendants(of: deck).filter { nodes[$0].kind == .element }
  let isChain = ([deck] + inner).allSatisfy { element in
    document.children(of: element).count(where: { nodes[$0].kind == .element }) <= 1
  }
  guard isChain, inner.allSatisfy({ ["div", "p"].contains(document.name(of: $0)) }),
    inner.count(where: { document.name(of: $0) == "p" }) <= 1
  else { return nil }
  return deck
}

/// Whether an element holds text alone: no element inside it, so no link.
private func holdsTextAlone(_ index: Int, _ page: PageAnalysis) -> Bool {
  let document = page.document
  return !document.descendants(of: index).contains { document.nodes[$0].kind == .element }
}

/// Whether two hosts (as `hostOf` gives them) are one site: equal, or one a subdomain of the
/// other (`blog.example.com` and `example.com`).
private func isSameSite(_ host: Substring, _ other: Substring) -> Bool {
  host == other || host.hasSuffix("." + other) || other.hasSuffix("." + host)
}

/// `text` without the ellipsis that ends an excerpt ("…", "...", "[…]", "[...]") and the
/// spaces before it.
private func withoutEllipsis(_ text: String) -> Substring {
  var stem = Substring(text)
  for mark in ["[…]", "[...]", "…", "..."] where stem.hasSuffix(mark) {
    stem = stem.dropLast(mark.count)
    break
  }
  while stem.last?.isWhitespace == true { stem = stem.dropLast() }
  return stem
}

/// Whether two texts have the same words, white space and case aside.
private func sameWords(_ text: String, _ other: String) -> Bool {
  func words(_ text: String) -> [Substring] {
    text.lowercased().split(whereSeparator: \.isWhitespace)
  }
  return words(text) == words(other)
}

/// Whether `node` is an `<article>` or a `<main>`, or inside one.
private func isInPost(_ node: Int, _ page: PageAnalysis) -> Bool {
  var ancestor = node
  while ancestor > 0 {
    if page.tag(ancestor, is: .article) || page.tag(ancestor, is: .main) { return true }
    ancestor = page.document.nodes[ancestor].parent
  }
  return false
}
