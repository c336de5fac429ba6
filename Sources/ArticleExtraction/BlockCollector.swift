import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import HTMLParsing

/// Turns the chosen body nodes into blocks: block elements and `<br>` end a block, inline
/// elements flow into it, and the nearest heading, list item, quote, code or table row
/// ancestor gives it its kind.
struct BlockCollector {
  /// Elements that flow inside a block instead of starting one.
  static let inlineTags: Set<String> = [
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
  ]
  private static let headingLevels: [String: Int] = [
    "h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6,
  ]
  static let layoutBlockTags: Set<String> = [
    "p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "section", "article",
  ]

  private let page: PageAnalysis
  private var blocks: [Block] = []
  /// The UTF-8 of the block being collected.
  private var buffer: [UInt8] = []
  /// Open elements that give the current block its kind, innermost last.
  private var contexts: [(index: Int, kind: Block.Kind)] = []
  /// What `textBlocks(under:)` found, by element.
  private let nextBlocks = NextBlocks()
  /// The elements with an id under the roots, by id (`summarizesPost`), found on first use.
  private let anchors = Anchors()
  /// Item counters of the open numbered lists.
  private var listCounters: [Int: Int] = [:]
  /// For each collected block, the element that gives it its kind (the heading, the list item,
  /// …), or -1: the lines of one `<h1>` split by a `<br>` share it.
  private(set) var sources: [Int] = []
  /// The `href`s of the links inside the collected blocks, in document order.
  private(set) var links: [String] = []
  /// The text of each caption and photo credit the walk left out of the blocks (`isCaption`),
  /// folded to one line as block text is, in document order: the article text's captions
  /// section. Only what the walk reached: a caption in chrome it skipped is in none.
  private(set) var captions: [String] = []
  /// How many links had been collected when each block and each caption was: which of a
  /// gallery's linked pictures it comes after (`inGalleryOrderByPicture`).
  private var blockLinkMarks: [Int] = []
  private var captionLinkMarks: [Int] = []
  /// The outermost open gallery of pictures (`ScoringRules.galleryClasses`) and how many
  /// blocks, links and captions had been collected when it opened (`inGalleryOrder`).
  private var gallery: (index: Int, blocks: Int, links: Int, captions: Int)?
  /// The root being walked, and all the roots `collect` walks.
  private var currentRoot = 0
  private var roots: [Int] = []
  /// Nodes before this index are inside a block of links that stands among the post's
  /// paragraphs (`standsAmongProse`): none of them is dropped for its links.
  private var linksKeptUntil = 0
  /// The parents whose children `standsAmongProse` has sorted, and the children that stand
  /// among prose.
  private var sortedParents: Set<Int> = []
  private var amongProse: Set<Int> = []
  /// The cards of rows of other posts after the post (`findTeaserCards`).
  private var cards: Set<Int> = []
  /// The open `<figure>` elements of a picture where the walk is, innermost last
  /// (`isPictureFigure`, `isFigureCredit`).
  private var pictureFigures: [Int] = []
  /// What `isParagraphWrapper` has counted of each parent's children (`proseWrappers`).
  private let wrapperTwins = WrapperTwins()
  /// The text inside lists of links under each element (`textOutsideLinkLists`).
  private let linkLists = LinkListText()

  /// `ContainerRules.authorBox` and `ratingSummary`, resolved against the page once: asked at
  /// every node the walk reaches.
  private let authorBox: ResolvedPattern
  private let ratingSummary: ResolvedPattern
  /// What `isLongLinkBlock` has answered, by node.
  private let longLinkBlocks = NodeAnswers()

  init(page: PageAnalysis) {
    self.page = page
    authorBox = ResolvedPattern(
      ContainerRules.authorBox, classes: page.classes, document: page.document)
    ratingSummary = ResolvedPattern(
      ContainerRules.ratingSummary, classes: page.classes, document: page.document)
  }

  /// The blocks under these roots, in document order.
  mutating func collect(_ roots: [Int]) -> [Block] {
    self.roots = roots
    for root in roots { walk(root) }
    flush()
    return blocks
  }

  private mutating func walk(_ root: Int) {
    currentRoot = root
    findTeaserCards(in: root)
    let nodes = page.document.nodes
    var open: [Int] = []
    var index = root
    let end = nodes[root].end
    while index < end {
      while let last = open.last, index >= nodes[last].end {
        close(open.removeLast())
      }
      let node = nodes[index]
      if index >= linksKeptUntil, !page.skipped[index], isLinkHeavy(index) {
        guard standsAmongProse(index) || summarizesPost(index) else {
          index = node.end
          continue
        }
        linksKeptUntil = node.end
      }
      if page.skipped[index] || isAuthorBox(index) || isNestedTeaser(index) || isTeaserCard(index) {
        index = node.end
        continue
      }
      if isCaption(index) {
        keepCaption(index)
        index = node.end
        continue
      }
      switch node.kind {
      case .text: buffer += page.document.utf8[node.textBytes]
      case .element:
        self.open(index)
        open.append(index)
      case .document: break
      }
      index += 1
    }
    while let last = open.popLast() { close(last) }
  }

  private mutating func open(_ index: Int) {
    let name = page.document.name(of: index)
    if name == "a", let href = page.document.attribute("href", of: index) {
      let trimmed = trimmingWhitespace(href)
      if !trimmed.isEmpty { links.append(trimmed) }
    }
    if name == "br" {
      if currentKind == .code { buffer.append(UInt8(ascii: "\n")) } else { flush() }
      return
    }
    if name == "figure", isPictureFigure(index) { pictureFigures.append(index) }
    guard !page.tag(index, is: .inline) else { return }
    if (name == "td" || name == "th"), currentKind == .tableRow {
      if !isBlank(buffer) { buffer += " | ".utf8 }
      return
    }
    flush()
    if gallery == nil, page.classes.has(.gallery, at: index) {
      gallery = (index, blocks.count, links.count, captions.count)
    }
    if let kind = kind(of: index) { contexts.append((index, kind)) }
  }

  private mutating func close(_ index: Int) {
    let name = page.document.name(of: index)
    if pictureFigures.last == index { pictureFigures.removeLast() }
    guard !page.tag(index, is: .inline), name != "br" else { return }
    if (name == "td" || name == "th"), currentKind == .tableRow { return }
    flush()
    if gallery?.index == index { inGalleryOrder() }
    if contexts.last?.index == index { contexts.removeLast() }
    if !listCounters.isEmpty { listCounters[index] = nil }
  }

  /// Puts what the gallery that closes gave (its blocks, links and captions) in one order that
  /// does not depend on the order of its pictures: a gallery shown in random order (WordPress's
  /// `orderby="rand"`, a block gallery's "Random order", a slideshow that starts anywhere) gave
  /// a false edit at every run. What the gallery holds stays part of the record; the order of
  /// its pictures does not.
  /// Its blocks are sorted only when all its text is in figures (`holdsOnlyFigures`): a
  /// carousel of text cards keeps its reading order.
  private mutating func inGalleryOrder() {
    guard let (index, firstBlock, firstLink, firstCaption) = gallery else { return }
    gallery = nil
    let sortsBlocks = blocks.count - firstBlock > 1 && holdsOnlyFigures(index)
    guard
      !inGalleryOrderByPicture(
        blocksFrom: firstBlock, linksFrom: firstLink, captionsFrom: firstCaption,
        withBlocks: sortsBlocks)
    else { return }
    links[firstLink...].sort()
    captions[firstCaption...].sort()
    guard sortsBlocks else { return }
    let kept = zip(blocks[firstBlock...], sources[firstBlock...]).sorted {
      $0.0.markdownLine < $1.0.markdownLine
    }
    blocks.replaceSubrange(firstBlock..., with: kept.map(\.0))
    sources.replaceSubrange(firstBlock..., with: kept.map(\.1))
  }

  /// Sorts a gallery whose pictures are linked by picture: each link with the captions (and,
  /// `withBlocks`, the blocks) that come after it and before the next link, so that a caption
  /// that moves to another picture (two names under two photos swapped, corrected) is still an
  /// edit; sorting the links and the captions each on its own hid it. Only when every picture
  /// has the same number of captions and of blocks, some, and nothing comes before the first
  /// link: in any order of such pictures, the result is the same. False when it did not sort.
  private mutating func inGalleryOrderByPicture(
    blocksFrom firstBlock: Int, linksFrom firstLink: Int, captionsFrom firstCaption: Int,
    withBlocks: Bool
  ) -> Bool {
    let count = links.count - firstLink
    guard count > 1 else { return false }
    var pictureCaptions = Array(repeating: [String](), count: count)
    var pictureBlocks = Array(repeating: [(block: Block, source: Int)](), count: count)
    for caption in firstCaption..<captions.count {
      let picture = captionLinkMarks[caption] - firstLink - 1
      guard picture >= 0 else { return false }
      pictureCaptions[picture].append(captions[caption])
    }
    if withBlocks {
      for block in firstBlock..<blocks.count {
        let picture = blockLinkMarks[block] - firstLink - 1
        guard picture >= 0 else { return false }
        pictureBlocks[picture].append((blocks[block], sources[block]))
      }
    }
    let shape = (pictureCaptions[0].count, pictureBlocks[0].count)
    guard shape != (0, 0),
      (0..<count).allSatisfy({ (pictureCaptions[$0].count, pictureBlocks[$0].count) == shape })
    else { return false }
    let keys = (0..<count).map { picture in
      [links[firstLink + picture]] + pictureCaptions[picture]
        + pictureBlocks[picture].map(\.block.markdownLine)
    }
    let order = (0..<count).sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    links.replaceSubrange(firstLink..., with: order.map { links[firstLink + $0] })
    captions.replaceSubrange(firstCaption..., with: order.flatMap { pictureCaptions[$0] })
    captionLinkMarks.replaceSubrange(
      firstCaption...,
      with: order.indices.flatMap { rank in
        Array(repeating: firstLink + rank + 1, count: shape.0)
      })
    guard withBlocks else { return true }
    blocks.replaceSubrange(firstBlock..., with: order.flatMap { pictureBlocks[$0].map(\.block) })
    sources.replaceSubrange(firstBlock..., with: order.flatMap { pictureBlocks[$0].map(\.source) })
    return true
  }

  /// Whether all the text inside element `index` is inside `<figure>`s or `<figcaption>`s in
  /// it: a gallery of pictures and their captions.
  private func holdsOnlyFigures(_ index: Int) -> Bool {
    let nodes = page.document.nodes
    var inFigures = 0
    var inner = index + 1
    while inner < nodes[index].end {
      let name = nodes[inner].kind == .element ? page.document.name(of: inner) : ""
      if name == "figure" || name == "figcaption" {
        inFigures += page.textLength[inner]
        inner = nodes[inner].end
      } else {
        inner += 1
      }
    }
    return inFigures == page.textLength[index]
  }

  private var currentKind: Block.Kind { contexts.last?.kind ?? .paragraph }

  private mutating func kind(of index: Int) -> Block.Kind? {
    let name = page.document.name(of: index)
    if let level = Self.headingLevels[name] { return .heading(level: level) }
    switch name {
    case "li":
      let list = page.document.nodes[index].parent
      guard list >= 0, page.document.name(of: list) == "ol" else { return .listItem }
      let start = page.document.attribute("start", of: list).flatMap { Int($0) } ?? 1
      let number = listCounters[list].map { $0 + 1 } ?? start
      listCounters[list] = number
      return .numberedItem(number)
    case "blockquote": return .quote
    case "pre": return .code
    case "tr": return isDataRow(index) ? .tableRow : nil
    default: return nil
    }
  }

  /// A row of a data table: its cells hold inline content only. Layout tables (cells holding
  /// paragraphs) give plain paragraphs instead.
  private func isDataRow(_ index: Int) -> Bool {
    !page.document.descendants(of: index).contains { descendant in
      page.tag(descendant, is: .layoutBlock)
    }
  }

  private func isLinkHeavy(_ index: Int) -> Bool {
    guard page.tag(index, is: .linkChecked), !labelsTableRow(index) else { return false }
    // Judged without the lists of links inside it, which are dropped on their own
    // (`isLinkList`): one more title in such a list must not make its box long and bring the
    // box's heading and blurb into the article with it.
    let (text, links) = textOutsideLinkLists(index)
    if text < CleaningRules.linkHeavyMaximumLength
      && Double(links) > Double(text) * CleaningRules.maximumLinkDensity
      && !isListOfSentences(index) && !isSentenceCitingLinks(index) && !isSourceLine(index)
    {
      // A wrapper that holds one block and nothing else is judged as that block is, when the
      // walk reaches it (a `<p>` that cites a page, a list of sentences).
      return !isParagraphWrapper(index)
    }
    return isLinkList(index) || isLongLinkBlock(index)
  }

  /// The text of element `index` and the part of it in links, leaving out the lists of links
  /// inside it (`isLinkList`; the element itself counts whole).
  private func textOutsideLinkLists(_ index: Int) -> (text: Int, links: Int) {
    if linkLists.text.isEmpty {
      let nodes = page.document.nodes
      var text = NodeCounts(repeating: 0, count: nodes.count)
      var links = NodeCounts(repeating: 0, count: nodes.count)
      // Only the lists under the roots being collected, found by their tags.
      let ul = page.document.tagNames.firstIndex(of: "ul") ?? -1
      let ol = page.document.tagNames.firstIndex(of: "ol") ?? -1
      for root in roots where ul >= 0 || ol >= 0 {
        for list in root..<nodes[root].end
        where (nodes[list].tag == ul || nodes[list].tag == ol) && nodes[list].kind == .element
          && !page.skipped[list] && isLinkList(list)
        {
          var ancestor = nodes[list].parent
          while ancestor >= 0 {
            text[ancestor] += page.textLength[list]
            links[ancestor] += page.linkTextLength[list]
            ancestor = nodes[ancestor].parent
          }
        }
      }
      linkLists.text = text
      linkLists.links = links
    }
    return (
      page.textLength[index] - linkLists.text[index],
      page.linkTextLength[index] - linkLists.links[index]
    )
  }

  /// A block of links longer than `CleaningRules.linkHeavyMaximumLength` that holds nothing
  /// once the blocks of links inside it are left out but a few labels and links
  /// (`CleaningRules.linkBlockOwnText` characters outside links, counted as characters, and
  /// short): a rail of other
  /// posts with its heading and its "More" link. Judged by length alone, such a rail was
  /// dropped while short and kept once one more title made it long, and its heading and "More"
  /// link came and went with the title. Not when it holds most of the page's text (an index).
  ///
  /// Each answer is kept: it asks `isLinkHeavy` about the children, which asks this about
  /// theirs, and the walk then asks again about each child it enters, which was quadratic in
  /// the depth of nested blocks of links and prose.
  private func isLongLinkBlock(_ index: Int) -> Bool {
    longLinkBlocks.answer(for: index, nodeCount: page.document.nodes.count) {
      holdsOnlyLinkBlocksAndLabels(index)
    }
  }

  /// `isLongLinkBlock`, worked out.
  private func holdsOnlyLinkBlocksAndLabels(_ index: Int) -> Bool {
    guard page.linkDensity(index) > CleaningRules.maximumLinkDensity,
      page.document.name(of: index) != "p",
      Double(page.textLength[index])
        <= Double(page.textLength[page.body]) * CleaningRules.maximumLinkListShare,
      !isListOfSentences(index), !isParagraphWrapper(index)
    else { return false }
    var ownText = 0
    var leftText = 0
    for child in page.document.children(of: index) {
      if page.document.nodes[child].kind == .element
        && (page.skipped[child] || (page.tag(child, is: .linkChecked) && isLinkHeavy(child)))
      {
        continue
      }
      ownText += page.textLength[child] - page.linkTextLength[child]
      leftText += page.textLength[child]
    }
    guard leftText < page.textLength[index], leftText < CleaningRules.linkHeavyMaximumLength
    else { return false }
    // Counted in characters, not bytes: a CJK character is three bytes, and a ranking's
    // heading and its update time ("アクセスランキング 一覧", "6/20 0:00 更新") were 41 bytes.
    return ownText < CleaningRules.linkBlockOwnText
      || (ownText < CleaningRules.linkBlockOwnText * 4
        && ownCharacters(ofChildrenOf: index) < CleaningRules.linkBlockOwnText)
  }

  /// The visible characters outside links in the children of `index` that `isLongLinkBlock`
  /// counts (not skipped, not a link-heavy block); `Int.max` past
  /// `CleaningRules.maximumCountedNodes` nodes, so that nested blocks are not read again and
  /// again.
  private func ownCharacters(ofChildrenOf index: Int) -> Int {
    let nodes = page.document.nodes
    var characters = 0
    var visited = 0
    for child in page.document.children(of: index)
    where
      !(nodes[child].kind == .element
      && (page.skipped[child] || (page.tag(child, is: .linkChecked) && isLinkHeavy(child))))
    {
      var inner = child
      while inner < nodes[child].end {
        visited += 1
        if visited > CleaningRules.maximumCountedNodes { return Int.max }
        let node = nodes[inner]
        if page.skipped[inner] || (node.kind == .element && page.document.name(of: inner) == "a") {
          inner = node.end
          continue
        }
        if node.kind == .text {
          for byte in page.document.utf8[node.textBytes] where byte > 0x20 && byte & 0xC0 != 0x80 {
            characters += 1
          }
        }
        inner += 1
      }
    }
    return characters
  }

  /// A paragraph in a table cell, in a row whose other cells hold text outside links: a
  /// linked name that labels a row of figures (`<td><p><a>Hertz</a></p></td><td>$260</td>`), a
  /// part of the table, as a link straight in the cell is.
  private func labelsTableRow(_ index: Int) -> Bool {
    let nodes = page.document.nodes
    let cell = nodes[index].parent
    guard page.document.name(of: index) == "p", cell >= 0,
      page.document.name(of: cell) == "td" || page.document.name(of: cell) == "th"
    else { return false }
    let row = nodes[cell].parent
    guard row >= 0, page.document.name(of: row) == "tr" else { return false }
    let ownText = { (node: Int) in page.textLength[node] - page.linkTextLength[node] }
    return ownText(row) > ownText(cell)
  }

  /// A list of `CleaningRules.minimumLinkListItems` or more items that are each a link and
  /// nothing else (a menu, tags, other posts), however long: its items come and go with the
  /// site, not with the post. A list holding more than `CleaningRules.maximumLinkListShare` of
  /// the page's text is the page itself (an index, a listing of jobs).
  private func isLinkList(_ index: Int) -> Bool {
    linkLists.isLinkList.answer(for: index, nodeCount: page.document.nodes.count) {
      isListOfLinks(index)
    }
  }

  /// `isLinkList`, worked out (it reads every link's host, so its answers are kept).
  private func isListOfLinks(_ index: Int) -> Bool {
    let name = page.document.name(of: index)
    guard name == "ul" || name == "ol",
      Double(page.textLength[index])
        <= Double(page.textLength[page.body]) * CleaningRules.maximumLinkListShare
    else { return false }
    var items = 0
    for child in page.document.children(of: index) where !page.skipped[child] {
      guard page.document.nodes[child].kind == .element else { continue }
      guard page.document.name(of: child) == "li", page.linkTextLength[child] > 0,
        page.textLength[child] - page.linkTextLength[child] < CleaningRules.listItemOwnText
      else { return false }
      items += 1
    }
    return items >= CleaningRules.minimumLinkListItems && leadsToOneSite(index)
  }

  /// A block of links that a writer's editor makes (`isWritersBlock`), with paragraphs of the
  /// post's prose both before and after it, beside it in the same parent, and a paragraph of
  /// prose before it in its section (no heading in between): the post's own "Learn more:
  /// <a>…</a>" line, a "Related: …" line or a list of further reading the writer put between
  /// two paragraphs, a table of links in the running text. A theme's or a plugin's links come before the post (a menu, breadcrumbs) or after it
  /// (tags, related posts, share buttons), not between the paragraphs of one parent; a box of
  /// other posts set between them names itself (`related`, `promo`) and was skipped as chrome
  /// before, or is a section of its own, a heading ("Read more") over the links alone, which
  /// the site fills. Nothing inside the block is dropped for its links either (a table's
  /// cells). Its link targets are part of the record, so changing one is an edit.
  private mutating func standsAmongProse(_ index: Int) -> Bool {
    guard isWritersBlock(index) else { return false }
    // Some editors wrap every block in a `<div>` of its own: the block stands where its
    // outermost such wrapper stands, among the wrappers of the paragraphs.
    let block = outermostWrapper(of: index)
    let parent = page.document.nodes[block].parent
    guard parent >= 0 else { return false }
    if sortedParents.insert(parent).inserted {
      let children = Array(page.document.children(of: parent))
      guard let lastProse = children.last(where: isProseParagraph) else { return false }
      // Where the post goes on in a later block of the parent's markup, the parent's last
      // paragraph is not the post's: a list after it stands among the post's paragraphs (a
      // line after it, such as a card's "Read more", does not) unless it is a list of links
      // alone to the site's own pages that no line ending with a colon introduces
      // ("Suggested reading:"): that is the site's list of other posts, and the next block a
      // note about the writer.
      let goesOn = postGoesOn(after: parent)
      let elements = children.filter { page.document.nodes[$0].kind == .element }
      var sectionHasProse = false
      // The element before `child` with text (a line that may introduce it).
      var previous: Int?
      for (position, child) in elements.enumerated() {
        defer { if page.textLength[child] > 0 { previous = child } }
        if page.tag(child, is: .heading) {
          // A heading that ends with a colon labels the block after it ("Top picks:"), as a
          // line of the section does; it opens no section of its own. Over links to the
          // site's own pages ("You may also like:", "Trending now:", "Tags:") it titles the
          // site's box, which the site fills anew at each load, as a heading without the
          // colon does.
          let next = position + 1 < elements.count ? elements[position + 1] : nil
          if !isLabelHeading(child) || next.map(leadsToOwnSite) == true {
            sectionHasProse = false
          }
        } else if isProseParagraph(child) {
          sectionHasProse = true
        } else if sectionHasProse,
          child < lastProse
            || (goesOn && isList(child)
              && (!(isLinkList(child) && leadsToOwnSite(child))
                || previous.map(isLabelHeading) == true))
        {
          amongProse.insert(child)
        }
      }
    }
    return amongProse.contains(block)
  }

  /// A block of at least `CleaningRules.minimumLinkListItems` links that all lead to places in
  /// the post (`#name`, the id of an element under the roots being collected), each stating a
  /// figure (a digit), none the heading found there (the first heading at or after the place),
  /// a part of it, or the heading after a number: the post's own summary of facts
  /// ("Long-Distance Move Cost Range: $465 and $4,304", a box of key takeaways), not a table of
  /// contents, which repeats the headings, or a menu of the page's parts ("For CPAs", "FAQ"),
  /// both left out as chrome. A link to a place outside the post (`#comments`) makes it none.
  private func summarizesPost(_ index: Int) -> Bool {
    let document = page.document
    let nodes = document.nodes
    // The links and the places they lead to, read before any id is looked up: most blocks of
    // links lead elsewhere.
    var places: [(link: Int, name: String)] = []
    for inner in document.descendants(of: index)
    where nodes[inner].kind == .element && !page.skipped[inner] && document.name(of: inner) == "a" {
      guard let href = document.attribute("href", of: inner), href.hasPrefix("#"), href.count > 1
      else { return false }
      places.append((inner, String(href.dropFirst())))
    }
    guard places.count >= CleaningRules.minimumLinkListItems else { return false }
    let byID = anchorsByID()
    for (link, name) in places {
      guard let target = byID[name] else { return false }
      // Every item states a figure ("$131/hour", "4.7/5 rating"); a menu of the page's parts
      // ("For CPAs", "FAQ") states none.
      let text = PageAnalysis.headingKey(document.text(of: link))
      guard text.contains(where: \.isNumber) else { return false }
      // The first heading at or after the place, under the same root: a part of the post
      // starts there. A place with none after it is no part of the post's text but a place
      // after it (`#disqus_thread`, `#likes`), which a bar of counts ("3 Comments", "12
      // Likes") links to, counts that change at each load.
      let root = roots.first { $0 <= target && target < nodes[$0].end } ?? target
      guard let heading = firstHeading(from: target, before: nodes[root].end) else {
        return false
      }
      let title = PageAnalysis.headingKey(document.text(of: heading))
      // The heading, a part of it, or the heading after a number ("2. Costs").
      if containsText(title, text) || text.hasSuffix(title) { return false }
    }
    return true
  }

  /// The first heading with text, outside skipped nodes, at or after node `start` and before
  /// `end`, from the headings under the roots, listed once in document order (a search from
  /// each link's place read the page again for every link).
  private func firstHeading(from start: Int, before end: Int) -> Int? {
    if anchors.headings == nil {
      let nodes = page.document.nodes
      var headings: [Int] = []
      for root in roots {
        for inner in root..<nodes[root].end
        where nodes[inner].kind == .element && page.tag(inner, is: .heading)
          && !page.skipped[inner] && page.textLength[inner] > 0
        {
          headings.append(inner)
        }
      }
      anchors.headings = headings.sorted()
    }
    let headings = anchors.headings ?? []
    // The first heading at or after `start`, by binary search.
    var (low, high) = (0, headings.count)
    while low < high {
      let middle = (low + high) / 2
      if headings[middle] < start { low = middle + 1 } else { high = middle }
    }
    return low < headings.count && headings[low] < end ? headings[low] : nil
  }

  /// The elements with an id under the roots being collected, outside skipped nodes (an empty
  /// anchor there counts: `isEmptyAnchor`), by id (the first of each), worked out once.
  private func anchorsByID() -> [String: Int] {
    if let byID = anchors.byID { return byID }
    let document = page.document
    let nodes = document.nodes
    var byID: [String: Int] = [:]
    if let idName = document.attributeNameID("id") {
      for root in roots {
        for inner in root..<nodes[root].end where nodes[inner].kind == .element {
          // The id first: whether a skipped element is an empty anchor is asked only of one
          // that has an id (asked of every skipped element, it read their texts again).
          guard
            let span = document.attributeSpans[nodes[inner].attributeSpans].first(where: {
              $0.name == idName
            }),
            !page.skipped[inner] || isEmptyAnchor(inner)
          else { continue }
          let id = document.string(span.value)
          if byID[id] == nil { byID[id] = inner }
        }
      }
    }
    anchors.byID = byID
    return byID
  }

  /// An element that holds no element and no text: a place to link to (`<div class="jump"
  /// id="costs"></div>`), which its class words may make chrome without hiding anything.
  private func isEmptyAnchor(_ index: Int) -> Bool {
    let nodes = page.document.nodes
    return nodes[index].end == index + 1
      || !page.document.descendants(of: index).contains { inner in
        nodes[inner].kind == .element
          || !page.document.string(nodes[inner].textBytes).allSatisfy(\.isWhitespace)
      }
  }

  private func isList(_ index: Int) -> Bool {
    let name = page.document.name(of: index)
    return name == "ul" || name == "ol"
  }

  /// Whether the post goes on after element `parent`, under the root being walked, in a later
  /// sibling of the same tag and class (one is needed) that holds a prose paragraph: a page
  /// builder's next text block (Squarespace's `sqs-block html-block` after a block of featured
  /// posts). Looked for at `parent` and at each wrapper around it that ends where it ends (no
  /// later sibling with text), up to `CleaningRules.maximumBlockWrappers` levels. A list of
  /// further reading at the end of one text block ("Suggested reading:", wcxb-dev 4605) then stands among the post's
  /// paragraphs.
  private func postGoesOn(after parent: Int) -> Bool {
    let document = page.document
    let nodes = document.nodes
    var node = parent
    for _ in 0..<CleaningRules.maximumBlockWrappers {
      guard node != currentRoot, nodes[node].parent >= 0, nodes[node].kind == .element else {
        return false
      }
      let outer = nodes[node].parent
      let blocks = textBlocks(under: outer)
      if let markup = document.attribute("class", of: node), !markup.isEmpty,
        let last = blocks.lastWithProse[document.name(of: node) + "\u{0}" + markup], last > node
      {
        return true
      }
      // Only a wrapper that ends where its block ends.
      guard blocks.lastWithText <= node else { return false }
      node = outer
    }
    return false
  }

  /// For the children of `outer`: the last one with text, and for each tag and class the last
  /// one that holds a prose `<p>`; worked out once per element (`postGoesOn` asks about every
  /// parent of a block of links, and a parent of thousands of blocks must not be read again
  /// for each).
  private func textBlocks(under outer: Int) -> (lastWithText: Int, lastWithProse: [String: Int]) {
    if let known = nextBlocks.byParent[outer] { return known }
    let document = page.document
    let nodes = document.nodes
    var lastWithText = -1
    var lastWithProse: [String: Int] = [:]
    for child in document.children(of: outer)
    where nodes[child].kind == .element && !page.skipped[child] && page.textLength[child] > 0 {
      lastWithText = child
      if let markup = document.attribute("class", of: child), !markup.isEmpty,
        document.descendants(of: child).contains(where: isBareProseParagraph)
      {
        lastWithProse[document.name(of: child) + "\u{0}" + markup] = child
      }
    }
    nextBlocks.byParent[outer] = (lastWithText, lastWithProse)
    return (lastWithText, lastWithProse)
  }

  /// Whether most links inside element `index` (`CleaningRules.oneSiteShare`) lead to the
  /// site's own pages: links without a host, or to the host that most links outside the roots
  /// lead to (the site's menus, its footer, its boxes of posts). A writer's picks lead to
  /// shops and to other sites (wcxb-dev 0068: product links under 'Top Expert
  /// Recommendations:').
  private func leadsToOwnSite(_ index: Int) -> Bool {
    let document = page.document
    let siteHost = ownSiteHost()
    var own = 0
    var links = 0
    for inner in document.descendants(of: index)
    where document.nodes[inner].kind == .element && document.name(of: inner) == "a" {
      guard let href = document.attribute("href", of: inner), !href.hasPrefix("#") else {
        continue
      }
      links += 1
      let host = hostOf(href)
      if host == nil || (siteHost != nil && host == siteHost) { own += 1 }
    }
    return links > 0 && Double(own) >= Double(links) * CleaningRules.oneSiteShare
  }

  /// The host that most links outside the roots lead to (the site's own, most often linked
  /// from its menus and footer), nil when none has a host; worked out once.
  private func ownSiteHost() -> Substring? {
    if let known = anchors.siteHost { return known }
    let document = page.document
    let nodes = document.nodes
    var hosts: [Substring: Int] = [:]
    var index = 0
    var rootIndex = 0
    let sortedRoots = roots.sorted()
    while index < nodes.count {
      if rootIndex < sortedRoots.count, index == sortedRoots[rootIndex] {
        index = max(index + 1, nodes[sortedRoots[rootIndex]].end)
        rootIndex += 1
        continue
      }
      if rootIndex < sortedRoots.count, index > sortedRoots[rootIndex] {
        rootIndex += 1
        continue
      }
      if nodes[index].kind == .element, document.name(of: index) == "a",
        let host = document.attribute("href", of: index).flatMap(hostOf)
      {
        hosts[host, default: 0] += 1
      }
      index += 1
    }
    let host = hosts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    anchors.siteHost = .some(host)
    return host
  }

  /// A heading whose text ends with a colon (`Top Expert Recommendations:`, `You will need：`):
  /// the label of the block after it, not the title of a section. A site's own box of links
  /// between paragraphs is titled as a section ("Read more", "More on this topic").
  /// A heading that names the site's box (`BoilerplateRules.chromeHeadings`), a box of
  /// advertisers' links (`BoilerplateRules.sponsoredHeadings`: "From our partners:", whose links
  /// lead to other sites and change at each load) or share buttons
  /// (`BoilerplateRules.shareHeadings`: "Share this:") is no label, with the colon or without.
  private func isLabelHeading(_ index: Int) -> Bool {
    let text = page.document.text(of: index).trimmingSpacesAndNewlines()
    guard text.last == ":" || text.last == "\u{FF1A}" else { return false }
    let key = PageAnalysis.headingKey(text)
    return !BoilerplateRules.chromeHeadings.contains(key)
      && !BoilerplateRules.sponsoredHeadings.contains(key)
      && !BoilerplateRules.shareHeadings.contains(key)
  }

  /// The outermost paragraph wrapper around a block (`isParagraphWrapper`) that holds nothing
  /// else with text (the block itself when there is none), short of the root being walked.
  private func outermostWrapper(of index: Int) -> Int {
    var block = index
    while block != currentRoot {
      let parent = page.document.nodes[block].parent
      guard parent > currentRoot, page.textLength[parent] == page.textLength[block],
        isParagraphWrapper(parent)
      else { break }
      block = parent
    }
    return block
  }

  /// A `<div>` or `<section>` that holds one block and nothing else with text, written as the
  /// editor writes around each paragraph: a sibling with the same tag and class holds a
  /// paragraph of prose. Such a wrapper is its block (a `<div class="paragraph">` around a
  /// "Related: <a>…</a>" line among wrapped paragraphs). A box that wraps only the links
  /// (`<div class="related"><p><a>…</a></p></div>` among bare paragraphs) has no such twin and
  /// stays a box of the site.
  private func isParagraphWrapper(_ index: Int) -> Bool {
    guard isWrapperTag(index), innermostBlock(of: index) != index else { return false }
    let parent = page.document.nodes[index].parent
    guard parent >= 0 else { return false }
    let twins = proseWrappers(under: parent)[markupKey(index)] ?? 0
    // The wrapper itself is not its own twin.
    return twins - (isBareProseParagraph(innermostBlock(of: index)) ? 1 : 0) > 0
  }

  /// How many children of `parent` of each tag and class (`markupKey`) wrap a bare paragraph
  /// of prose, counted once per parent: a wrapper asked about looks up its twins instead of
  /// reading all its siblings, which was quadratic in a parent of thousands of wrapped links.
  private func proseWrappers(under parent: Int) -> [String: Int] {
    if let counts = wrapperTwins.byParent[parent] { return counts }
    var counts: [String: Int] = [:]
    for child in page.document.children(of: parent)
    where page.document.nodes[child].kind == .element && isWrapperTag(child)
      && isBareProseParagraph(innermostBlock(of: child))
    {
      counts[markupKey(child), default: 0] += 1
    }
    wrapperTwins.byParent[parent] = counts
    return counts
  }

  /// An element's tag and class attribute (none and an empty one told apart).
  private func markupKey(_ index: Int) -> String {
    page.document.name(of: index) + "\u{0}"
      + (page.document.attribute("class", of: index).map { "." + $0 } ?? "")
  }

  private func isWrapperTag(_ index: Int) -> Bool {
    let name = page.document.name(of: index)
    return name == "div" || name == "section"
  }

  /// The block inside wrappers that hold nothing else with text (`outermostWrapper` read
  /// downwards): the `<p>` inside `<div class="paragraph"><p>…</p></div>`.
  private func innermostBlock(of index: Int) -> Int {
    var block = index
    while page.document.nodes[block].kind == .element, isWrapperTag(block) {
      guard
        let only = page.document.children(of: block).first(where: { child in
          page.textLength[child] > 0
        }),
        page.document.nodes[only].kind == .element, !page.tag(only, is: .inline),
        page.textLength[only] == page.textLength[block]
      else { break }
      block = only
    }
    return block
  }

  /// A block a writer's editor makes: a paragraph, a list or a table (alone in a `<div>` or a
  /// `<section>`, as editors wrap a table to scroll it). Any other `<div>` or `<section>` between
  /// two paragraphs is a box the site puts there ("Most read", "More on this topic", a video
  /// player), and its links change with the site.
  private func isWritersBlock(_ index: Int) -> Bool {
    switch page.document.name(of: index) {
    case "p", "ul", "ol", "dl", "table": return true
    case "div", "section":
      var elements = page.document.children(of: index).lazy.filter {
        page.document.nodes[$0].kind == .element
      }.makeIterator()
      guard let only = elements.next(), elements.next() == nil else { return false }
      return page.document.name(of: only) == "table"
    default: return false
    }
  }

  /// A `<p>` of the post's prose: `ScoringRules.minimumParagraphLength` characters or more,
  /// mostly outside links.
  /// A paragraph wrapper (`isParagraphWrapper`) around such a `<p>` is one too.
  private func isProseParagraph(_ index: Int) -> Bool {
    if isBareProseParagraph(index) { return true }
    return isWrapperTag(index) && isParagraphWrapper(index)
      && isBareProseParagraph(innermostBlock(of: index))
  }

  private func isBareProseParagraph(_ index: Int) -> Bool {
    page.document.nodes[index].kind == .element && !page.skipped[index]
      && page.document.name(of: index) == "p"
      && page.textLength[index] >= ScoringRules.minimumParagraphLength
      && page.linkDensity(index) < CleaningRules.maximumLinkDensity
  }

  /// Whether most links of a list (`CleaningRules.oneSiteShare`) lead to one site's other
  /// pages (relative links, or one host): a menu, tags or other posts. A list of references
  /// leads to many sites, and a table of contents (`#history`) within the post itself; both
  /// are the post's.
  private func leadsToOneSite(_ index: Int) -> Bool {
    var hosts: [Substring: Int] = [:]
    var links = 0
    for inner in page.document.descendants(of: index)
    where page.document.nodes[inner].kind == .element && page.document.name(of: inner) == "a" {
      guard let href = page.document.attribute("href", of: inner) else { continue }
      if href.hasPrefix("#") { return false }
      // Links within the site (no host) count as one more host.
      hosts[hostOf(href) ?? "", default: 0] += 1
      links += 1
    }
    let most = hosts.values.max() ?? 0
    return Double(most) >= Double(links) * CleaningRules.oneSiteShare
  }

  /// A schema.org author (`itemprop="author"`: a byline, a box about the writer) inside the
  /// body is about the post, not a part of it; the metadata keeps the name.
  private func isAuthorBox(_ index: Int) -> Bool {
    page.document.nodes[index].kind == .element
      && (authorBox.matches(index, in: page.document, classes: page.classes)
        || ratingSummary.matches(index, in: page.document, classes: page.classes))
  }

  /// An `<article>` inside the body whose heading is a link and whose text is short: a card of
  /// another post (related posts, "read next") marked up as a nested article, not a part of
  /// this one.
  private func isNestedTeaser(_ index: Int) -> Bool {
    guard index != currentRoot, page.tag(index, is: .article),
      page.textLength[index] <= ScoringRules.maximumTeaserText
    else { return false }
    // Only an article inside the post's own `<article>`: the articles of a listing or a thread
    // are the page.
    var ancestor = page.document.nodes[index].parent
    var insidePost = false
    while ancestor >= 0 && !insidePost {
      insidePost = page.tag(ancestor, is: .article)
      if ancestor == currentRoot { break }
      ancestor = page.document.nodes[ancestor].parent
    }
    guard insidePost else { return false }
    return page.document.descendants(of: index).contains { inner in
      page.tag(inner, is: .heading) && page.textLength[inner] > 0
        && Double(page.linkTextLength[inner])
          >= Double(page.textLength[inner]) * ScoringRules.teaserTitleLinkShare
        && !page.isPermalink(inner)
    }
  }

  /// A card of another post in a row of them after the post (`findTeaserCards`).
  private func isTeaserCard(_ index: Int) -> Bool {
    !cards.isEmpty && cards.contains(index)
  }

  /// Rows of cards of other posts after the post inside the body: at least
  /// `ScoringRules.minimumTeaserCards` siblings (more than half of the siblings with text), each
  /// an element of at most `ScoringRules.maximumTeaserText` characters that holds a heading
  /// whose text is mostly a link (`teaserTitleLinkShare`), the title of the post it leads to.
  /// News themes put "More coverage" or an unnamed grid of cards, a headline and an excerpt
  /// each, inside the story's body after its last paragraph; the excerpts are sentences, so
  /// link density kept them. A post's own items do not look like that: a listicle's linked
  /// names lead to many sites, so the titles must lead to one site (`titlesLeadToOneSite`);
  /// the rows must come after the body's last paragraph of prose outside them, unlike in
  /// markup any row before it, and hold less than half of its text, or they are the page (a
  /// listing, a forum's posts, a guide's chapters, a post in sections of a row each).
  private mutating func findTeaserCards(in root: Int) {
    let nodes = page.document.nodes
    // Most bodies have no row: without as many headings as a row has cards, nothing to find.
    var headings = 0
    for index in page.document.descendants(of: root)
    where page.tag(index, is: .heading)
      && (page.linkTextLength[index] > 0
        || page.textLength[index] > 0 && isInsideLink(index, below: root))
    {
      headings += 1
      if headings >= ScoringRules.minimumTeaserCards { break }
    }
    guard headings >= ScoringRules.minimumTeaserCards else { return }
    var rows: [[Int]] = []
    var seen: Set<Int> = []
    var index = root + 1
    while index < nodes[root].end {
      defer { index += 1 }
      guard nodes[index].kind == .element, !page.skipped[index], page.linkTextLength[index] > 0,
        page.textLength[index] <= ScoringRules.maximumTeaserText
      else { continue }
      let parent = nodes[index].parent
      guard parent >= root, seen.insert(parent).inserted else { continue }
      var found: [Int] = []
      var titles: [Int] = []
      var withText = 0
      for child in page.document.children(of: parent)
      where nodes[child].kind == .element && !page.skipped[child] && page.textLength[child] > 0 {
        withText += 1
        guard !page.tag(child, is: .heading),
          page.textLength[child] <= ScoringRules.maximumTeaserText,
          let title = linkedTitle(in: child)
        else { continue }
        found.append(child)
        titles.append(title)
      }
      if found.count >= ScoringRules.minimumTeaserCards, found.count * 2 > withText,
        titlesLeadToOneSite(titles)
      {
        rows.append(found)
      }
    }
    guard !rows.isEmpty else { return }
    let inCards = { (node: Int) in
      rows.contains { row in row.contains { node >= $0 && node < nodes[$0].end } }
    }
    var cardText = 0
    for row in rows { for card in row { cardText += page.textLength[card] } }
    guard cardText * 2 < page.textLength[root] else { return }
    var lastProse = -1
    for inner in page.document.descendants(of: root).reversed()
    where isProseParagraph(inner) && !inCards(inner) {
      lastProse = inner
      break
    }
    // A row among the prose is the post's own (kept), and so is a row of the same markup (its
    // parent's and its first card's tag and class) after the prose: the post is a listing in
    // sections (an awards page's categories, a roundup of the site's posts), its last section
    // as much the post as its first.
    let document = page.document
    let markup = { (row: [Int]) in
      [nodes[row[0]].parent, row[0]].map {
        document.name(of: $0) + "." + (document.attribute("class", of: $0) ?? "")
      }
    }
    let ownMarkup = Set(rows.filter { $0[0] < lastProse }.map(markup))
    for row in rows where row[0] > lastProse && !ownMarkup.contains(markup(row)) {
      cards.formUnion(row)
      if let title = rowTitle(before: row[0], root: root) { cards.insert(title) }
    }
  }

  /// The heading that titles a row of cards ("More coverage"): the element just before its
  /// first card, or just before the row's parent when the first card opens it, when it is a
  /// heading of at most `BoilerplateRules.maximumChromeHeadingText` characters.
  private func rowTitle(before firstCard: Int, root: Int) -> Int? {
    let nodes = page.document.nodes
    var node = firstCard
    while node > root {
      let parent = nodes[node].parent
      var before: Int?
      for child in page.document.children(of: parent) {
        if child >= node { break }
        if nodes[child].kind == .element, !page.skipped[child], page.textLength[child] > 0 {
          before = child
        }
      }
      if let before {
        let isTitle =
          page.tag(before, is: .heading)
          && page.textLength[before] <= BoilerplateRules.maximumChromeHeadingText
        return isTitle ? before : nil
      }
      node = parent
    }
    return nil
  }

  /// Whether an element is inside a link, below `root`.
  private func isInsideLink(_ index: Int, below root: Int) -> Bool {
    var outer = page.document.nodes[index].parent
    while outer > root {
      if page.document.name(of: outer) == "a" { return true }
      outer = page.document.nodes[outer].parent
    }
    return false
  }

  /// The one heading with text inside a card, when its text is mostly link text
  /// (`ScoringRules.teaserTitleLinkShare`): the title of the post the card leads to. An
  /// element with more headings is a section, not a card.
  private func linkedTitle(in card: Int) -> Int? {
    var title: Int?
    for inner in page.document.descendants(of: card)
    where page.tag(inner, is: .heading) && page.textLength[inner] > 0 {
      guard title == nil else { return nil }
      title = inner
    }
    guard let title else { return nil }
    if Double(page.linkTextLength[title])
      >= Double(page.textLength[title]) * ScoringRules.teaserTitleLinkShare
    {
      return title
    }
    // A title inside its link (`<a href><h3>…</h3></a>`).
    return isInsideLink(title, below: card) ? title : nil
  }

  /// Whether the links of the cards' titles lead to one site (`CleaningRules.oneSiteShare` of
  /// them to one host, relative links counting as one): the site's other posts.
  private func titlesLeadToOneSite(_ titles: [Int]) -> Bool {
    var hosts: [Substring: Int] = [:]
    var links = 0
    for title in titles {
      // The link inside the title, or around it (`<a href><h3>…</h3></a>`).
      let isLink = { (node: Int) in
        page.document.nodes[node].kind == .element && page.document.name(of: node) == "a"
      }
      var link = page.document.descendants(of: title).first(where: isLink)
      var outer = page.document.nodes[title].parent
      while link == nil, outer > currentRoot {
        if isLink(outer) { link = outer }
        outer = page.document.nodes[outer].parent
      }
      guard let link, let href = page.document.attribute("href", of: link) else { continue }
      if href.hasPrefix("#") { return false }
      hosts[hostOf(href) ?? "", default: 0] += 1
      links += 1
    }
    let most = hosts.values.max() ?? 0
    return links > 0 && Double(most) >= Double(links) * CleaningRules.oneSiteShare
  }

  /// A caption or a photo credit (`CaptionRules`): about a picture, not a part of the post.
  private func isCaption(_ index: Int) -> Bool {
    guard page.document.nodes[index].kind == .element,
      page.textLength[index] <= CaptionRules.maximumCaptionText
    else { return false }
    return page.classes.has(.caption, at: index)
      || (!pictureFigures.isEmpty && isFigureCredit(index))
  }

  /// Keeps the text of caption `index` (`captions`): its text outside skipped nodes, with a
  /// space where a block element or a `<br>` inside it ends a line, folded as block text is.
  private mutating func keepCaption(_ index: Int) {
    let nodes = page.document.nodes
    var text: [UInt8] = []
    // Where the open block elements inside the caption end, innermost last.
    var blockEnds: [Int] = []
    var inner = index + 1
    while inner < nodes[index].end {
      while let end = blockEnds.last, inner >= end {
        blockEnds.removeLast()
        text.append(UInt8(ascii: " "))
      }
      let node = nodes[inner]
      if page.skipped[inner] {
        inner = node.end
        continue
      }
      switch node.kind {
      case .text: text += page.document.utf8[node.textBytes]
      case .element where !page.tag(inner, is: .inline) || page.document.name(of: inner) == "br":
        text.append(UInt8(ascii: " "))
        blockEnds.append(node.end)
      default: break
      }
      inner += 1
    }
    let folded = text.withUnsafeBufferPointer(normalizedText(utf8:))
    if !folded.isEmpty {
      captions.append(folded)
      captionLinkMarks.append(links.count)
    }
  }

  /// A `<figure>` that holds no quotation, table or code (`CaptionRules.textFigureTags`): its
  /// caption's credit names who made the picture. In
  /// `<figure><blockquote>…</blockquote><figcaption class="attribution">` the attribution names
  /// who said the words, a part of the post (and a corrected one is an edit).
  private func isPictureFigure(_ index: Int) -> Bool {
    !page.document.descendants(of: index).contains { inner in
      page.document.nodes[inner].kind == .element
        && CaptionRules.textFigureTags.contains(page.document.name(of: inner))
    }
  }

  /// An element inside a `<figure>` of a picture whose class or id words name a credit
  /// (`CaptionRules.figureCreditWords`).
  private func isFigureCredit(_ index: Int) -> Bool {
    classOrIDNames(index, CaptionRules.figureCreditWords, in: page.document)
  }

  /// A paragraph that says something around its links (`Here's a full post on <a>how we
  /// moved the kitchen</a>.`): a sentence of the post that cites a page, not a menu or a row of
  /// tags, whose words are the links alone. The words count on the lines that hold a link
  /// (`<br>` ends a line): `<p><strong>Related stories</strong><br><a>…</a><br><a>…</a></p>` is
  /// a list of links under a label, written as a paragraph, when its links lead to one site
  /// (the page's other stories). Under a label such as "Sources:" links to two sites or more
  /// (`leadsToSeveralSites`) are the post's references, and a change of their targets is an edit.
  private func isSentenceCitingLinks(_ index: Int) -> Bool {
    guard page.document.name(of: index) == "p",
      page.textLength[index] - page.linkTextLength[index] >= CleaningRules.sentenceOwnText
    else { return false }
    let nodes = page.document.nodes
    var beside = 0
    var line = 0
    var lineHasLink = false
    var inner = index + 1
    while inner <= nodes[index].end {
      if inner == nodes[index].end
        || (nodes[inner].kind == .element && page.document.name(of: inner) == "br")
      {
        if lineHasLink { beside += line }
        (line, lineHasLink) = (0, false)
        inner += 1
        continue
      }
      let node = nodes[inner]
      if page.skipped[inner] {
        inner = node.end
      } else if node.kind == .element && page.document.name(of: inner) == "a" {
        lineHasLink = lineHasLink || page.textLength[inner] > 0
        inner = node.end
      } else {
        if node.kind == .text { line += page.textLength[inner] }
        inner += 1
      }
    }
    return beside >= CleaningRules.sentenceOwnText || leadsToSeveralSites(index)
  }

  /// A paragraph that names the post's source under a label (`Source: <a>Reuters</a>`,
  /// `Quelle: …`, `Via <a>…</a>`, `H/T …`; `CleaningRules.sourceLabels`): a part of the
  /// post, however much of it is link text, so that a change of the source or of where it
  /// points is an edit. A tag list or a row of other posts never opens with such a label.
  private func isSourceLine(_ index: Int) -> Bool {
    guard page.document.name(of: index) == "p", page.linkTextLength[index] > 0 else {
      return false
    }
    let text = page.document.text(of: index).drop { !$0.isLetter }.prefix(24).lowercased()
    return CleaningRules.sourceLabels.contains { label in
      guard text.hasPrefix(label) else { return false }
      let rest = text.dropFirst(label.count).drop { $0 == " " || $0 == "\u{A0}" }
      return rest.first == ":" || rest.first == "："
        || (CleaningRules.sourceLabelsWithoutColon.contains(label)
          && text.dropFirst(label.count).first?.isWhitespace == true)
    }
  }

  /// Whether the links inside element `index` name two hosts or more (links within the site
  /// name none).
  private func leadsToSeveralSites(_ index: Int) -> Bool {
    var first: Substring?
    for inner in page.document.descendants(of: index)
    where page.document.nodes[inner].kind == .element && page.document.name(of: inner) == "a" {
      guard let host = page.document.attribute("href", of: inner).flatMap(hostOf) else {
        continue
      }
      if let first, first != host { return true }
      first = host
    }
    return false
  }

  /// A list whose every item says something around its link (`gero removed the windowtype
  /// attribute from dialogs`) is content; a menu's or a tag list's items are the links alone.
  private func isListOfSentences(_ index: Int) -> Bool {
    let name = page.document.name(of: index)
    guard name == "ul" || name == "ol" else { return false }
    var items = 0
    for child in page.document.children(of: index) where page.document.name(of: child) == "li" {
      guard !page.skipped[child] else { continue }
      let words = page.textLength[child] - page.linkTextLength[child]
      if words < CleaningRules.listItemOwnText { return false }
      items += 1
    }
    return items > 0
  }

  private mutating func flush() {
    defer { buffer.removeAll(keepingCapacity: true) }
    // Most flushes, between block elements, hold only the source's line breaks and indents,
    // which normalize to nothing.
    guard buffer.contains(where: { $0 > 0x20 && $0 != 0x7F }) else { return }
    let kind = currentKind
    if kind == .code {
      // Split where a string's "\n" characters are: a line feed not after a carriage return
      // ("\r\n" is one character, which a "\n" does not end).
      buffer.withUnsafeBufferPointer { bytes in
        var start = 0
        for index in 0...bytes.count {
          guard
            index == bytes.count
              || (bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D))
          else { continue }
          if index > start {
            let text = normalizedCode(utf8: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            if !text.isEmpty {
              blocks.append(Block(.code, text))
              sources.append(contexts.last?.index ?? -1)
              blockLinkMarks.append(links.count)
            }
          }
          start = index + 1
        }
      }
      return
    }
    let text = buffer.withUnsafeBufferPointer(normalizedText(utf8:))
    guard !text.isEmpty else { return }
    switch kind {
    case .paragraph, .heading: if isAdLabel(text) { return }
    default: break
    }
    blocks.append(Block(kind, text))
    sources.append(contexts.last?.index ?? -1)
    blockLinkMarks.append(links.count)
  }

  /// A block that is only the label of an advertising slot (`BoilerplateRules.adLabels`).
  /// Only a block as long as a label, once the punctuation around it is left out, is looked
  /// up (with `PageAnalysis.headingKey`); the labels are ASCII, so a block with other bytes
  /// around its letters never is one.
  private func isAdLabel(_ text: String) -> Bool {
    var text = text
    let length = text.withUTF8 { bytes -> Int in
      let isMark = { (byte: UInt8) in
        byte < 0x80 && !(byte >= 0x30 && byte <= 0x39)
          && !(byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
      }
      guard let first = bytes.firstIndex(where: { !isMark($0) }),
        let last = bytes.lastIndex(where: { !isMark($0) })
      else { return 0 }
      return last - first + 1
    }
    return Self.adLabelLengths.contains(length)
      && BoilerplateRules.adLabels.contains(PageAnalysis.headingKey(text))
  }

  /// The lengths in bytes of the ad labels.
  private static let adLabelLengths = Set(BoilerplateRules.adLabels.map(\.utf8.count))
}

/// The host of an absolute or scheme-relative link, lower case, without `www.`, user
/// information, a port or a final dot; nil for a link within the site (`/2024/05/post`,
/// `page.html`, `share.php?u=https://elsewhere.example/`: a `//` after a query is no host).
func hostOf(_ href: String) -> Substring? {
  var href = href
  if let host = href.withUTF8(asciiHostOf) { return host }
  return unicodeHostOf(href)
}

/// `hostOf` worked on the bytes of an ASCII address (every link but a few): nil when the
/// address has a byte outside ASCII (`unicodeHostOf` answers then) or no host. The same steps
/// as `unicodeHostOf`, with ASCII lower case.
private func asciiHostOf(_ bytes: UnsafeBufferPointer<UInt8>) -> Substring?? {
  guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
  let slash = UInt8(ascii: "/")
  guard
    let start = (0..<max(bytes.count - 1, 0)).first(where: {
      bytes[$0] == slash && bytes[$0 + 1] == slash
    })
  else { return .some(nil) }
  let lower = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
  // What stands before `//` must be nothing or a scheme (`https:`).
  if start > 0 {
    let scheme = UnsafeBufferPointer(rebasing: bytes[0..<start])
    guard scheme.count >= 2, scheme[scheme.count - 1] == UInt8(ascii: ":"),
      isASCIILetter(scheme[0]),
      scheme.dropLast().allSatisfy({
        isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+")
          || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
      })
    else { return .some(nil) }
  }
  var end = start + 2
  while end < bytes.count, bytes[end] != slash, bytes[end] != UInt8(ascii: "?"),
    bytes[end] != UInt8(ascii: "#")
  {
    end += 1
  }
  var hostStart = start + 2
  if let at = (hostStart..<end).last(where: { bytes[$0] == UInt8(ascii: "@") }) {
    hostStart = at + 1
  }
  var hostEnd = end
  // A port after the last colon, unless the colon is inside an IPv6 literal (`[::1]`).
  if let colon = (hostStart..<hostEnd).last(where: { bytes[$0] == UInt8(ascii: ":") }),
    !(colon..<hostEnd).contains(where: { bytes[$0] == UInt8(ascii: "]") })
  {
    hostEnd = colon
  }
  if hostEnd > hostStart, bytes[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
  var host = bytes[hostStart..<hostEnd].map(lower)
  if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
  return .some(Substring(String(decoding: host, as: UTF8.self)))
}

/// `hostOf` of an address with bytes outside ASCII, compared in Unicode lower case.
private func unicodeHostOf(_ href: String) -> Substring? {
  let link = href.lowercased()
  guard let start = link.firstRange(of: "//") else { return nil }
  // What stands before `//` must be nothing or a scheme (`https:`).
  let scheme = link[..<start.lowerBound]
  guard scheme.isEmpty || isScheme(scheme) else { return nil }
  let authority = link[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
  var host =
    authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] }
    ?? authority
  // A port after the last colon, unless the colon is inside an IPv6 literal (`[::1]`).
  if let colon = host.lastIndex(of: ":"), !host[colon...].contains("]") {
    host = host[..<colon]
  }
  if host.hasSuffix(".") { host = host.dropLast() }
  return host.hasPrefix("www.") ? host.dropFirst(4) : host
}

/// Whether text (lower case) is a URL scheme followed by its colon: a letter, then letters,
/// digits, `+`, `-` or `.`.
private func isScheme(_ text: Substring) -> Bool {
  guard text.count >= 2, text.last == ":", let first = text.first, first.isASCII,
    first.isLetter
  else { return false }
  return text.dropLast().allSatisfy {
    $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".")
  }
}

/// Whether text is all white space, as `Character.isWhitespace` sees it; ASCII text (nearly
/// all of it) is answered from the bytes.
private func isBlank(_ utf8: [UInt8]) -> Bool {
  guard utf8.allSatisfy({ $0 < 0x80 }) else {
    return String(decoding: utf8, as: UTF8.self).allSatisfy(\.isWhitespace)
  }
  return utf8.allSatisfy { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
}

/// The text without leading and trailing white space and newlines
/// (`CharacterSet.whitespacesAndNewlines`); text that starts and ends with
/// a visible ASCII character (nearly every link) is returned as it is without asking it.
private func trimmingWhitespace(_ text: String) -> String {
  let isVisibleASCII: (UInt8) -> Bool = { $0 > 0x20 && $0 < 0x7F }
  if let first = text.utf8.first, let last = text.utf8.last, isVisibleASCII(first),
    isVisibleASCII(last)
  {
    return text
  }
  return text.trimmingSpacesAndNewlines()
}

/// The paragraph wrappers `BlockCollector.proseWrappers` has counted, by parent: a cache the
/// collector fills as it asks (the page does not change while it is collected).
/// The text of the lists of links (`isLinkList`) under each element, and the part of it in
/// links, worked out on first use.
private final class LinkListText {
  var text = NodeCounts(repeating: 0, count: 0)
  var links = NodeCounts(repeating: 0, count: 0)
  /// `isLinkList`'s answers.
  let isLinkList = NodeAnswers()
}

private final class Anchors {
  var byID: [String: Int]?
  /// The headings under the roots, in document order (`firstHeading`).
  var headings: [Int]?
  /// The site's own host (`ownSiteHost`): nil until worked out, then the answer.
  var siteHost: Substring??
}

private final class NextBlocks {
  var byParent: [Int: (lastWithText: Int, lastWithProse: [String: Int])] = [:]
}

private final class WrapperTwins {
  var byParent: [Int: [String: Int]] = [:]
}

/// The answers of `BlockCollector.isLongLinkBlock`, by node: a cache the collector fills as it
/// asks (the page does not change while it is collected).
/// Yes-or-no answers about nodes, each worked out once (`isLinkList`, `isLongLinkBlock`).
private final class NodeAnswers {
  /// Per node: 0 not asked yet, 1 no, 2 yes (empty until the first question).
  private var answers: [UInt8] = []

  /// The answer for node `index`, from `work` the first time it is asked.
  func answer(for index: Int, nodeCount: Int, _ work: () -> Bool) -> Bool {
    if answers.isEmpty { answers = Array(repeating: 0, count: nodeCount) }
    if answers[index] != 0 { return answers[index] == 2 }
    let answer = work()
    answers[index] = answer ? 2 : 1
    return answer
  }
}
