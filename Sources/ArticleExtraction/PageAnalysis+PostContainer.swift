import HTMLParsing

/// Finding the platform's post container, and dropping chrome around it.
extension PageAnalysis {
  /// The platform container of the post: of the elements matching
  /// `ContainerRules.platformContainers` outside skipped nodes, the one matching the earliest
  /// pattern (the one with the most text among those), unless another holds more than
  /// `ContainerRules.containerTextRatio` times its text (a theme's `entry-content` in a box
  /// beside the post's `article-body`). None when the page is a listing or a thread: when the
  /// winner is one of several matches of its pattern (unless it alone follows the page's
  /// headline), a card among sibling `<article>`s, or the body of a forum posting (the replies
  /// are content too).
  static func postContainer(
    _ document: HTMLDocument, among matches: [(index: Int, rule: Int)], skipped: [Bool],
    textLength: NodeCounts, signals: ChromeSignals
  ) -> (index: Int, rule: Int)? {
    let nodes = document.nodes
    // A match inside a block marked as chrome (a widget in a sidebar) is taken only when no
    // match stands clear of chrome.
    var underChrome = Array(repeating: false, count: nodes.count)
    for index in nodes.indices.dropFirst() {
      let parent = nodes[index].parent
      underChrome[index] =
        underChrome[parent] || signals.chromeByTag[parent] || signals.chromeByClass[parent]
    }
    // The page's `<h1>`s, listed only when a short match asks (most pages have none).
    var headlines: [Int]?
    var candidates = matches.filter { match in
      guard !skipped[match.index] else { return false }
      if textLength[match.index] >= ContainerRules.minimumText(forRule: match.rule) { return true }
      guard textLength[match.index] >= ContainerRules.minimumBodyContainerText else { return false }
      if headlines == nil {
        headlines = headlineElements(in: document, skipped: skipped, textLength: textLength)
      }
      return isUnderHeadline(match.index, among: headlines ?? [], in: document)
    }
    if candidates.contains(where: { !underChrome[$0.index] }) {
      candidates.removeAll { underChrome[$0.index] }
    }
    guard
      var best = candidates.min(by: { first, second in
        first.rule != second.rule
          ? first.rule < second.rule : textLength[first.index] > textLength[second.index]
      }),
      let longest = candidates.max(by: { textLength[$0.index] < textLength[$1.index] })
    else { return nil }
    if Double(textLength[longest.index])
      > Double(textLength[best.index]) * ContainerRules.containerTextRatio,
      !document.contains(longest.index, best.index)
    {
      best = longest
    }
    // Other matches of the same pattern make a listing, unless they are parts of the same post
    // (inside the same `<article>`: a story split around its photos).
    let post = enclosingArticle(of: best.index, in: document)
    var others = candidates.filter { other in
      other.rule == best.rule && other.index != best.index
        && !document.contains(other.index, best.index)
        && !document.contains(best.index, other.index)
        && (post == nil || enclosingArticle(of: other.index, in: document) != post)
    }
    // Unless one of them follows the page's headline and each of the others follows a title
    // of its own (an `<h2>` to `<h6>`) instead, one that is mostly a link (to another post) or
    // outside the `<article>` around the one under the headline: that one is the post, the
    // others the excerpts of a "Recent posts" list under it (Wix writes the post's body and
    // each excerpt as `data-hook="post-description"`), however short the post. Not when the one
    // under the headline follows a linked title too (an archive's featured post under the
    // archive's title), nor when the others follow plain headings and no `<article>` sets the
    // post apart (a post's sections, each in a box of the class). (A match under no title of
    // its own can be the post, with a summary in the same class under the headline.)
    if !others.isEmpty {
      if headlines == nil {
        headlines = headlineElements(in: document, skipped: skipped, textLength: textLength)
      }
      let underHeadline = ([best] + others).filter {
        isUnderHeadline($0.index, among: headlines ?? [], in: document)
      }
      if underHeadline.count == 1 {
        let titles = headlineElements(
          in: document, skipped: skipped, textLength: textLength,
          tags: ["h2", "h3", "h4", "h5", "h6"])
        let linkedTitles = titles.filter {
          Double(signals.linkTextLength[$0]) * 2 > Double(signals.textLength[$0])
        }
        let postArticle = enclosingArticle(of: underHeadline[0].index, in: document)
        let teasers = ([best] + others).filter { $0.index != underHeadline[0].index }
        if teasers.allSatisfy({ teaser in
          isUnderHeadline(teaser.index, among: linkedTitles, in: document)
            || ((postArticle.map { !document.contains($0, teaser.index) } ?? false)
              && isUnderHeadline(teaser.index, among: titles, in: document))
        }),
          !isUnderHeadline(underHeadline[0].index, among: linkedTitles, in: document)
        {
          best = underHeadline[0]
          others = []
        }
      }
    }
    guard others.isEmpty, !isCardOrThread(best.index, in: document, skipped: skipped) else {
      return nil
    }
    return best
  }

  /// The elements outside skipped nodes that match a platform pattern, with the pattern's
  /// position in `ContainerRules.platformContainers`. An element whose own class or id names a
  /// comment section or a footer (a theme's `<section id="comments" class="article-content">`,
  /// styled like the post) is no match: it is never the post.
  static func platformMatches(
    _ document: HTMLDocument, skipped: [Bool], textLength: NodeCounts,
    linkTextLength: NodeCounts, classes: ClassTable, marks: [WordMarks]
  ) -> [(index: Int, rule: Int)] {
    let nodes = document.nodes
    // Patterns on an attribute no element of the page has are not tried at every element.
    let patterns = ContainerRules.platformContainers.enumerated().filter { _, pattern in
      switch pattern {
      case .itemprop: document.attributeNameID("itemprop") != nil
      case .attribute(let name, _): document.attributeNameID(name) != nil
      case .id: document.attributeNameID("id") != nil
      default: true
      }
    }.map {
      (
        offset: $0.offset,
        element: ResolvedPattern($0.element, classes: classes, document: document)
      )
    }
    .filter(\.element.isPossible)
    // The elements `holderOfClass` patterns found, which need no attribute of their own.
    let holders = patterns.compactMap { pattern -> Int? in
      if case .element(let index) = pattern.element { return index }
      return nil
    }
    var matches: [(index: Int, rule: Int)] = []
    // The page's `<h1>`s, listed only when a short match asks (most pages have none).
    var headlines: [Int]?
    let paragraphTag = document.tagNames.firstIndex(of: "p")
    for index in nodes.indices.dropFirst()
    where !skipped[index] && nodes[index].kind == .element
      && (!nodes[index].attributeSpans.isEmpty || holders.contains(index))
      && textLength[index] >= ContainerRules.minimumBodyContainerText
      && !marks[index].contains(.trailing)
    {
      guard
        let rule = patterns.first(where: {
          $0.element.matches(index, in: document, classes: classes)
        })?.offset
      else { continue }
      // A match shorter than its pattern's least text is the post when it follows the page's
      // headline (`isUnderHeadline`) and holds a paragraph: a one-sentence post in
      // `post-content`. Not a box of spans and divs (a byline, a date line under the title),
      // nor a match whose parent holds more than `ContainerRules.containerTextRatio` times its
      // text in prose outside links beside it: that is a box in the post (a news theme's
      // `article-body` that holds only the date line, above the story's paragraphs).
      if textLength[index] < ContainerRules.minimumText(forRule: rule) {
        let parent = nodes[index].parent
        let ownProse = textLength[index] - linkTextLength[index]
        let besideProse = textLength[parent] - linkTextLength[parent] - ownProse
        guard Double(besideProse) <= Double(textLength[index]) * ContainerRules.containerTextRatio,
          let paragraphTag,
          (index + 1..<nodes[index].end).contains(where: {
            nodes[$0].tag == paragraphTag && nodes[$0].kind == .element && textLength[$0] > 0
          })
        else { continue }
        if headlines == nil {
          headlines = headlineElements(in: document, skipped: skipped, textLength: textLength)
        }
        guard isUnderHeadline(index, among: headlines ?? [], in: document),
          !storyFollows(
            index, headlines: headlines ?? [], in: document, skipped: skipped,
            textLength: textLength,
            linkTextLength: linkTextLength, marks: marks, paragraphTag: paragraphTag)
        else { continue }
      }
      matches.append((index, rule))
    }
    return matches
  }

  /// Whether the short match `index` sits in the title's block and a story follows that block:
  /// the title's block is the nearest element around the match (its parent or the parent's
  /// parent, where `isUnderHeadline` looks) that holds one of the page's `headlines` before
  /// it, and no `<article>` or `<main>`; the story is paragraphs of prose after that block in
  /// the post around it (its `<article>` or `<main>`, else the block's parent), outside
  /// `<aside>`, `<footer>`, `<nav>` and blocks named as chrome, with more text than the match.
  /// The match is then a standfirst or a key-points box under the title, or the introduction of
  /// a post whose sections follow in boxes of their own (review21). What follows the match
  /// inside the title's block (Hashnode's bio card in the block around the title and the post)
  /// or inside the `<article>` that holds both is no story. Stops as soon as the answer is
  /// known.
  static func storyFollows(
    _ index: Int, headlines: [Int], in document: HTMLDocument, skipped: [Bool],
    textLength: NodeCounts, linkTextLength: NodeCounts, marks: [WordMarks], paragraphTag: Int
  ) -> Bool {
    let nodes = document.nodes
    var block = nodes[index].parent
    for _ in 0..<2 where block > 0 {
      if headlines.contains(where: { $0 < index && document.contains(block, $0) }) { break }
      block = nodes[block].parent
    }
    guard block > 0, !["article", "main", "body"].contains(document.name(of: block)),
      headlines.contains(where: { $0 < index && document.contains(block, $0) })
    else { return false }
    var scope = nodes[block].parent
    while scope > 0, !["article", "main"].contains(document.name(of: scope)) {
      scope = nodes[scope].parent
    }
    if scope <= 0 { scope = nodes[block].parent }
    guard scope > 0 else { return false }
    let limit = Double(textLength[index])
    var prose = 0
    var next = nodes[block].end
    while next < nodes[scope].end {
      guard nodes[next].kind == .element else {
        next += 1
        continue
      }
      if skipped[next] || !marks[next].isDisjoint(with: [.strongNegative, .trailing])
        || ["aside", "footer", "nav"].contains(document.name(of: next))
      {
        next = nodes[next].end
        continue
      }
      if nodes[next].tag == paragraphTag {
        let own = textLength[next] - linkTextLength[next]
        if own >= ScoringRules.minimumParagraphLength {
          prose += own
          if Double(prose) > limit { return true }
        }
        next = nodes[next].end
        continue
      }
      next += 1
    }
    return false
  }

  /// The `<h1>` elements (or those of `tags`) with text outside skipped nodes, in document
  /// order: what `isUnderHeadline` looks for.
  static func headlineElements(
    in document: HTMLDocument, skipped: [Bool], textLength: NodeCounts,
    tags: [String] = ["h1"]
  ) -> [Int] {
    let wanted = Set(tags.compactMap { document.tagNames.firstIndex(of: $0) })
    guard !wanted.isEmpty else { return [] }
    let nodes = document.nodes
    return nodes.indices.filter { index in
      wanted.contains(nodes[index].tag) && nodes[index].kind == .element && !skipped[index]
        && textLength[index] > 0
    }
  }

  /// Whether element `index` follows the page's headline in the post around it: an `<h1>`
  /// with text before it (not inside it) in its parent or the parent's parent
  /// (`<div class="post"><h1>…</h1><div class="entry-body">…</div></div>`). Such a container
  /// is the post's body however short the post (`ContainerRules.minimumBodyContainerText`):
  /// themes reuse their containers for teasers and title boxes, but a teaser holds no `<h1>`.
  ///
  /// - Parameter headlines: the page's `headlineElements`.
  /// - Complexity: O(log h + d) for h headlines and d elements around `index`: of the
  ///   headlines inside a holder and before `index`, the first either ends before `index` or
  ///   holds it (as few as the elements around it). Scanning the holder's nodes instead made a
  ///   page of 14,000 short `<article>`s take 13 times as long.
  static func isUnderHeadline(_ index: Int, among headlines: [Int], in document: HTMLDocument)
    -> Bool
  {
    let nodes = document.nodes
    var holder = nodes[index].parent
    for _ in 0..<2 where holder >= 0 {
      var low = 0
      var high = headlines.count
      while low < high {
        let middle = (low + high) / 2
        if headlines[middle] <= holder { low = middle + 1 } else { high = middle }
      }
      while low < headlines.count, headlines[low] < index {
        if nodes[headlines[low]].end <= index { return true }
        low += 1
      }
      holder = nodes[holder].parent
    }
    return false
  }

  /// The nearest `<article>` around a node.
  static func enclosingArticle(of index: Int, in document: HTMLDocument) -> Int? {
    var ancestor = document.nodes[index].parent
    while ancestor > 0 {
      if document.name(of: ancestor) == "article" { return ancestor }
      ancestor = document.nodes[ancestor].parent
    }
    return nil
  }

  /// Whether the container is inside an `<article>` with sibling `<article>`s (a card in a
  /// grid of posts), or inside a schema.org item of a thread type.
  static func isCardOrThread(_ index: Int, in document: HTMLDocument, skipped: [Bool])
    -> Bool
  {
    let nodes = document.nodes
    var ancestor = index
    var checkedArticle = false
    while ancestor > 0 {
      if let type = document.attribute("itemtype", of: ancestor),
        ContainerRules.threadTypes.contains(where: { type.hasSuffix($0) })
      {
        return true
      }
      if !checkedArticle && document.name(of: ancestor) == "article" {
        checkedArticle = true
        let parent = nodes[ancestor].parent
        if parent >= 0,
          document.children(of: parent).contains(where: { sibling in
            sibling != ancestor && !skipped[sibling] && document.name(of: sibling) == "article"
          })
        {
          return true
        }
      }
      ancestor = nodes[ancestor].parent
    }
    return false
  }
}

/// What the chrome rules read about each node, kept so that chrome can be dropped twice: before
/// the post container is known and around it.
struct ChromeSignals {
  let nodes: [HTMLNode]
  let traits: [TagTraits]
  /// Nodes never text (scripts, hidden elements), whatever else holds.
  let hardSkipped: [Bool]
  /// Text outside `hardSkipped` nodes, and the part of it inside links.
  let textLength: NodeCounts
  let linkTextLength: NodeCounts
  /// Text inside chrome (by tag, class words or plugin) under each element, counted at the
  /// outermost chrome element, and the text of the largest such element under it.
  let chromeText: NodeCounts
  let largestChrome: NodeCounts
  /// `<article>`s and platform containers: a post's own wrapper, whose chrome is never most of
  /// its text.
  let postWrapper: [Bool]
  /// The page's text outside links: an element's share of the page is of this (menus and link
  /// lists do not make the post a small part of the page).
  let pageText: Int
  /// Chrome by tag or role, chrome by class or id words, and plugin chrome (`PluginChromeRules`).
  let chromeByTag: [Bool]
  let chromeByClass: [Bool]
  let pluginChrome: [Bool]
  /// Elements around a `<main>` or an `<article>`.
  let holdsPost: [Bool]
  /// Elements around the page's `<main>` or its only `<article>` (empty when it has neither):
  /// never dropped for a tag or class words (`PageAnalysis.onlyPostHolders`).
  let holdsOnlyPost: [Bool]
  /// Footers and comment sections that hold neither the page's headline nor a thread
  /// (`BoilerplateRules.headlineTags`); empty when the page has no headline.
  let trailer: [Bool]
  /// Elements holding the page's headline; empty when the page has none.
  let holdsHeadline: [Bool]
  /// Elements around the page's one `<h1>` marked chrome only by weak class words
  /// (`BoilerplateRules.weakNegativeWords`), never by tag, role, a strong word or a whole
  /// class name: never dropped (empty when there are none).
  let headlineBlock: [Bool]
  /// Elements holding an `<article>` marked as a comment (WordPress's `comment-body`).
  let holdsComment: [Bool]
  /// Elements whose whole class name or id is one of `BoilerplateRules.sidebarNames`.
  let namedSidebar: [Bool]
  /// Text of each element marked chrome by class together with its siblings of the same class
  /// (empty when no element has such siblings): a group holding most of the page is the post.
  let groupText: NodeCounts
  /// How many `<article>`s each element holds.
  let articles: NodeCounts

  /// The skipped nodes. `kept` elements (those holding the post container, or a candidate for
  /// it) are never dropped for a tag or class words, nor is an element holding more than
  /// `BoilerplateRules.protectedTextShare` of its `<article>`'s text, or of the page's (alone
  /// or with its siblings of the same class) when `pageShareProtects`. Around a known container page share protects nothing: beside a short
  /// post, a sidebar holds most of the text.
  func skipped(keeping kept: [Bool], pageShareProtects: Bool) -> [Bool] {
    var skipped = hardSkipped
    // The nearest post wrapper around each node: a post's own wrapper is never its chrome.
    var post = NodeCounts(repeating: -1, count: nodes.count)
    for index in nodes.indices.dropFirst() where !skipped[index] {
      let parent = nodes[index].parent
      if skipped[parent] {
        skipped[index] = true
        continue
      }
      post[index] = postWrapper[parent] ? parent : post[parent]
      if !kept.isEmpty && kept[index] { continue }
      // Plugin chrome (sharing, likes, related posts, author boxes) is never the post, however
      // short the post beside it.
      if pluginChrome[index] {
        skipped[index] = true
        continue
      }
      let chrome = chromeByTag[index]
      let boilerplateClass = chromeByClass[index]
      guard chrome || boilerplateClass else { continue }
      // A layout wrapper around the page's one post (`m-article--sidebar-right`) holds it
      // whatever share of the page it holds: a growing sidebar beside a short post must not
      // drop the post.
      if !holdsOnlyPost.isEmpty && holdsOnlyPost[index] { continue }
      // A weak word on the block around the page's headline names its look (a hero banner),
      // however short the post in it.
      if !headlineBlock.isEmpty && headlineBlock[index] { continue }
      // A block named only `sidebar` is the sidebar, however much of the page it holds, unless
      // libxml2 nested the post inside it.
      let ownProse = textLength[index] - linkTextLength[index]
      let ownText = groupText.isEmpty ? ownProse : max(ownProse, groupText[index])
      // Beside a short post, a footer's credits or a new comment (in its own `<article>`) are
      // most of the page's text: a footer or a comment section is protected by its share only
      // when it holds the headline.
      let mayHoldPost = trailer.isEmpty || !trailer[index]
      let share =
        pageShareProtects && (!namedSidebar[index] || holdsPost[index]) && mayHoldPost
        ? Double(ownText) / Double(pageText) : 0
      // Nor is it by its share of the post wrapper holding the headline once it holds a
      // comment: a theme that puts the comments inside the post's `<article>` made the section
      // most of it with the first comment beside a short post.
      let trailsPost =
        !mayHoldPost && holdsComment[index] && post[index] >= 0 && holdsHeadline[post[index]]
      // The largest block marked chrome in a post wrapper (not a footer, a comment section or
      // a block named `sidebar`) is judged against the wrapper's text outside every block marked
      // chrome: a layout word on the post's body (Drupal's `body-ad-wrapper`) beside a short
      // post, with ads and a sidebar inside the same `<article>`, made the body a small part of
      // the `<article>`'s text.
      let wrapperText =
        post[index] < 0
        ? 0
        : mayHoldPost && !namedSidebar[index] && largestChrome[post[index]] == textLength[index]
          && chromeText[post[index]] < textLength[post[index]]
          ? textLength[post[index]] - chromeText[post[index]] + textLength[index]
          : textLength[post[index]]
      let postShare =
        post[index] < 0 || trailsPost
        ? 0 : Double(textLength[index]) / Double(max(wrapperText, 1))
      // Chrome by tag or role and by class (`<aside id="sidebar">`) is chrome however much of
      // the page it holds (a live feed, a long thread), unless the post is inside it.
      if chrome && boilerplateClass && !holdsPost[index] {
        skipped[index] = true
      } else if share <= BoilerplateRules.protectedTextShare,
        postShare <= BoilerplateRules.protectedTextShare,
        articles[index] < 2 || articles[index] < articles[0]
      {
        skipped[index] = true
      }
    }
    return skipped
  }
}
