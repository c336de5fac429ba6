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
  private(set) var textLength: NodeCounts
  /// The part of `textLength` that stands inside links.
  private(set) var linkTextLength: NodeCounts
  /// Commas in the text under each node (a sign of prose).
  private(set) var commas: NodeCounts
  /// Each element's classes, computed once (empty for other nodes).
  let classes: ClassTable
  /// What each element's lower-case class and id words (see `classAndIDWords`) mark.
  let marks: [WordMarks]
  /// The traits of each tag name, indexed like `document.tagNames`.
  let traits: [TagTraits]
  /// The platform's post container (`ContainerRules.platformContainers`), when the page has
  /// one: the article comes from inside it, and nothing around it is kept for its length.
  let postContainer: (index: Int, rule: Int)?
  /// Every element outside scripts and hidden blocks matching a platform pattern, with the
  /// pattern's position in `ContainerRules.platformContainers`, in document order.
  let platformMatches: [(index: Int, rule: Int)]

  /// Analyses the page; with `dropsChrome` false, only what is never text (scripts, hidden
  /// elements) is skipped: the last resort when every stage found nothing.
  init(_ document: HTMLDocument, dropsChrome: Bool = true) {
    self.document = document
    let nodes = document.nodes
    let traits = TagTraits.table(for: document)
    self.traits = traits
    let bodyTag = document.tagNames.firstIndex(of: "body")
    body = nodes.indices.first { bodyTag != nil && nodes[$0].tag == bodyTag } ?? 0
    let attributeIDs = HintAttributeIDs(document)
    var classes = ClassTable(nodeCount: nodes.count)
    var marks = Array(repeating: WordMarks(), count: nodes.count)
    // Whether an element's role makes it chrome (`navigation`, `complementary`, …).
    var chromeRoles = Array(repeating: false, count: nodes.count)
    // Most elements have no role: the set is asked about "" once, not at each of them.
    let emptyRoleIsChrome = BoilerplateRules.negativeRoles.contains("")
    skipped = Array(repeating: false, count: nodes.count)
    // `<noscript>` and what it holds: skipped below unless the page has nothing else.
    let noscriptTag = document.tagNames.firstIndex(of: "noscript")
    var inNoscript = Array(repeating: false, count: noscriptTag == nil ? 0 : nodes.count)
    // Elements hidden by an attribute or a style: skipped below, unless one holds the page.
    var hiddenElements: [Int] = []
    for index in nodes.indices.dropFirst() {
      let parentSkipped = skipped[nodes[index].parent]
      if noscriptTag != nil {
        inNoscript[index] = inNoscript[nodes[index].parent] || nodes[index].tag == noscriptTag
      }
      guard nodes[index].kind == .element else {
        skipped[index] = parentSkipped
        continue
      }
      // One look at each attribute, instead of one search per attribute wanted. Skipped
      // elements keep their classes: metadata rules read hidden dates and titles.
      let hints = ElementHints(document, index, attributeIDs, &classes)
      marks[index] = hints.marks
      chromeRoles[index] =
        hints.role.isEmpty ? emptyRoleIsChrome : BoilerplateRules.negativeRoles.contains(hints.role)
      skipped[index] =
        parentSkipped
        || traits[nodes[index].tag].contains(.nonText)
        || (hints.marks.contains(.hiding)
          && classes.has(.hidden, at: index))
      if hints.isHidden && !skipped[index] { hiddenElements.append(index) }
    }
    self.classes = classes
    self.marks = marks
    var ownText = Self.ownText(document, skipped: skipped)
    if !hiddenElements.isEmpty {
      Self.dropHidden(hiddenElements, unlessThePage: &skipped, &ownText, nodes)
    }
    if noscriptTag != nil {
      Self.dropNoscript(unlessAlone: inNoscript, &skipped, &ownText, nodes)
    }
    textLength = ownText.text
    commas = ownText.commas
    linkTextLength = Self.measure(document, &textLength, &commas, skipped: skipped)
    // Elements around a `<main>` or an `<article>`: chrome by tag never holds one, unless
    // libxml2 nested the page inside an unclosed `<nav>` or `<aside>`.
    var holdsPost = Array(repeating: false, count: nodes.count)
    // How many `<article>`s each element holds: one holding all of a page's several posts is
    // a thread (a forum marks it `comments`), not the comments under a post. On a page with a
    // post `<article>` that is no comment, an `<article>` marked as a comment (WordPress's
    // `comment-body`) is a reader's comment on it, not a post of a thread, and is not counted:
    // counting it made a second comment turn a comment section into a thread, and the first
    // one turn a block of teaser cards from all of the page's posts into a part of them. Forum
    // software that marks every post a comment (Invision's `ipsComment`) keeps its thread.
    var articles = NodeCounts(repeating: 0, count: nodes.count)
    var postArticles = NodeCounts(repeating: 0, count: nodes.count)
    for index in nodes.indices.reversed() where nodes[index].parent >= 0 {
      if nodes[index].kind == .element && traits[nodes[index].tag].contains(.article) {
        articles[index] += 1
        if !marks[index].contains(.trailing) { postArticles[index] += 1 }
      }
      articles[nodes[index].parent] += articles[index]
      postArticles[nodes[index].parent] += postArticles[index]
    }
    // A page that declares itself a thread (a schema.org `Question` or forum posting, whose
    // answers a Drupal forum marks `comment`) keeps counting them.
    let declaresThread =
      document.attributeNameID("itemtype") != nil
      && nodes.indices.contains { index in
        nodes[index].kind == .element
          && document.attribute("itemtype", of: index).map { type in
            ContainerRules.threadTypes.contains { type.hasSuffix($0) }
          } ?? false
      }
    if postArticles[0] > 0 && !declaresThread { articles = postArticles }
    postArticles = NodeCounts(repeating: 0, count: 0)
    // Chrome by tag or role, and by class words, worked out once for both passes below.
    var chromeByTag = Array(repeating: false, count: nodes.count)
    var chromeByClass = Array(repeating: false, count: nodes.count)
    // Elements with visible text of their own (a text node child): an inline element in such
    // a block is a word of a sentence (`on <a class="meta-loc">Sudan</a> and`), never chrome
    // for a class word (a whole class name of `negativeClasses`, such as `sr-only`, still is).
    var holdsText = Array(repeating: false, count: nodes.count)
    for index in nodes.indices where nodes[index].kind == .text && ownText.text[index] > 0 {
      if nodes[index].parent >= 0 { holdsText[nodes[index].parent] = true }
    }
    let asideTag = document.tagNames.firstIndex(of: "aside")
    let paragraphTag = document.tagNames.firstIndex(of: "p")
    var pluginChrome = Array(repeating: false, count: nodes.count)
    var namedSidebar = Array(repeating: false, count: nodes.count)
    // Where the walk is: under a headline (`<h1>`), and whether a paragraph of prose that is no
    // chrome by its class came since (`isMetadataDescription` reads only what comes before).
    let headlineTag = document.tagNames.firstIndex(of: "h1")
    var (underHeadline, proseSinceHeadline) = (false, false)
    // `PluginChromeRules.readAloudSkipClass`, looked up once (most pages have none).
    let readAloudSkip: ((Int) -> Bool)? =
      classes.isResolvable
      ? classes.id(of: PluginChromeRules.readAloudSkipClass).map { id in
        { (index: Int) in classes.contains(id: id, at: index) }
      }
      : { classes.contains(PluginChromeRules.readAloudSkipClass, at: $0) }
    // Where the class is on the page, which elements hold a block of a post, found in one walk.
    let postBlocks =
      readAloudSkip == nil
      ? []
      : Self.postBlockHolders(
        document, textLength: textLength, linkTextLength: linkTextLength,
        paragraphTag: paragraphTag)
    for index in nodes.indices.dropFirst() where nodes[index].kind == .element && !skipped[index] {
      chromeByTag[index] = traits[nodes[index].tag].contains(.chrome) || chromeRoles[index]
      // A writer's `<aside>` between two of the post's paragraphs is a part of the post, and so
      // is a recipe's list of ingredients set in an `<aside>` beside its steps.
      if chromeByTag[index], !chromeRoles[index], nodes[index].tag == asideTag,
        Self.isSideNote(
          index, in: document, paragraphTag: paragraphTag, textLength: textLength,
          linkTextLength: linkTextLength)
          || Self.isIngredientAside(index, in: document, textLength: textLength)
      {
        chromeByTag[index] = false
      }
      chromeByClass[index] =
        Self.hasBoilerplateClass(
          index, in: document, traits[nodes[index].tag], classes[index], marks[index])
        // `resource-meta-description`: the summary under the headline, not a byline box. Only
        // between the headline and the post's first paragraph: further down, a block of that
        // name is an author's profile, a product's blurb or a search preview.
        && !(underHeadline && !proseSinceHeadline
          && Self.isMetadataDescription(index, in: document, classes, marks[index]))
        && (classes.has(.negative, at: index)
          || !Self.isInSentence(index, nodes: nodes, traits: traits, holdsText: holdsText))
      if nodes[index].tag == headlineTag {
        (underHeadline, proseSinceHeadline) = (true, false)
      } else if nodes[index].tag == paragraphTag, !chromeByClass[index],
        textLength[index] >= ScoringRules.minimumParagraphLength
      {
        proseSinceHeadline = true
      }
      // Whole class names and ids, read only for elements with a class or id word.
      guard marks[index].contains(.anyWord) else { continue }
      let id = document.attribute("id", of: index)
      pluginChrome[index] =
        classes.has(.pluginChrome, at: index)
        || id.map(PluginChromeRules.ids.contains) ?? false
        || classes.has(.biography, at: index)
        || ((readAloudSkip?(index) ?? false) && !postBlocks[index])
      namedSidebar[index] =
        (marks[index].contains(.strongNegative)
          && (classes.has(.sidebar, at: index)
            || id.map(BoilerplateRules.sidebarNames.contains) ?? false))
        || (chromeByClass[index] && id.map(BoilerplateRules.navigationIDs.contains) ?? false)
    }
    // Text inside chrome (by tag, class words or plugin) under each element, counted once at
    // the outermost chrome element, the part of it in links, and the text of the largest such
    // element. A layout wrapper (`BoilerplateRules.layoutWords`) is no chrome: its text is
    // not counted.
    var chromeText = NodeCounts(repeating: 0, count: nodes.count)
    var chromeLinkText = NodeCounts(repeating: 0, count: nodes.count)
    var largestChrome = NodeCounts(repeating: 0, count: nodes.count)
    // Text outside chrome in blocks that are mostly links (a column's menus, its lists of
    // pages), and the part of it in links: a block is one when its text outside chrome and
    // outside such blocks is mostly links. A layout wrapper inside a `<main>` or an
    // `<article>` that names its post column (a child with a word of `keepWords`:
    // `c-layout-main`) has its prose judged without them too.
    var linkBlockText = NodeCounts(repeating: 0, count: nodes.count)
    var linkBlockLinkText = NodeCounts(repeating: 0, count: nodes.count)
    var wordsBelow: [Int: Set<String>] = [:]
    for index in nodes.indices.dropFirst().reversed() where !skipped[index] {
      // Most pages have no layout words: an empty dictionary is not asked at every node.
      let below = wordsBelow.isEmpty ? nil : wordsBelow.removeValue(forKey: index)
      // Every word of `layoutWords` is a strong chrome word.
      if chromeByClass[index] && marks[index].contains(.strongNegative) {
        let words = Self.layoutWords(index, in: document)
        if !words.isEmpty, !chromeByTag[index], !namedSidebar[index], let below,
          !below.isDisjoint(with: words),
          Self.holdsProse(
            text: textLength[index] - chromeText[index],
            linkText: linkTextLength[index] - chromeLinkText[index])
            || (Self.isInPost(index, nodes: nodes, traits: traits)
              && document.children(of: index).contains { marks[$0].contains(.keep) }
              && Self.holdsProse(
                text: textLength[index] - chromeText[index] - linkBlockText[index],
                linkText: linkTextLength[index] - chromeLinkText[index]
                  - linkBlockLinkText[index]))
        {
          chromeByClass[index] = false
        }
        if !words.isEmpty { wordsBelow[nodes[index].parent, default: []].formUnion(words) }
      }
      if let below { wordsBelow[nodes[index].parent, default: []].formUnion(below) }
      if chromeByTag[index] || chromeByClass[index] || pluginChrome[index] {
        chromeText[index] = textLength[index]
        chromeLinkText[index] = linkTextLength[index]
        largestChrome[index] = textLength[index]
        linkBlockText[index] = 0
        linkBlockLinkText[index] = 0
      } else if nodes[index].kind == .element, traits[nodes[index].tag].contains(.linkChecked),
        Double(linkTextLength[index] - chromeLinkText[index] - linkBlockLinkText[index])
          > Double(textLength[index] - chromeText[index] - linkBlockText[index])
          * CleaningRules.maximumLinkDensity
      {
        linkBlockText[index] = textLength[index] - chromeText[index]
        linkBlockLinkText[index] = linkTextLength[index] - chromeLinkText[index]
      }
      let parent = nodes[index].parent
      chromeText[parent] += chromeText[index]
      chromeLinkText[parent] += chromeLinkText[index]
      linkBlockText[parent] += linkBlockText[index]
      linkBlockLinkText[parent] += linkBlockLinkText[index]
      largestChrome[parent] = max(largestChrome[parent], largestChrome[index])
    }
    wordsBelow = [:]
    chromeLinkText = NodeCounts(repeating: 0, count: 0)
    linkBlockText = NodeCounts(repeating: 0, count: 0)
    linkBlockLinkText = NodeCounts(repeating: 0, count: 0)
    let groupText = Self.sameClassSiblingText(
      document, chromeByClass, textLength, linkTextLength)
    for index in nodes.indices
    where nodes[index].kind == .element
      && !traits[nodes[index].tag].isDisjoint(with: [.main, .article])
    {
      var ancestor = nodes[index].parent
      while ancestor >= 0 && !holdsPost[ancestor] {
        holdsPost[ancestor] = true
        ancestor = nodes[ancestor].parent
      }
    }
    // Elements around the page's `<main>` or its only `<article>` that is no comment: a class
    // word on them states the layout around the post (`m-article--sidebar-right`,
    // `content-sidebar-wrap`), and they are never dropped for it, however short the post
    // beside a growing sidebar.
    let holdsOnlyPost = Self.onlyPostHolders(
      document, traits: traits, skipped: skipped, marks: marks)
    // Footers and comment sections without the page's headline, and not a thread: no share of
    // the page protects them (`BoilerplateRules.headlineTags`).
    let holdsHeadline = Self.headlineHolders(document, skipped: skipped, textLength: textLength)
    // A weak chrome word (`banner`, `jump`, `meta`) on the block around the page's one `<h1>`
    // names its look or a script's hook (a hero `menlo-banner`, Google's `cws-jump-section`),
    // not chrome: that block is the post's header or the post.
    let holdsOnlyHeadline = Self.onlyHeadlineHolders(
      document, skipped: skipped, textLength: textLength)
    var weakChrome = Array(repeating: false, count: holdsOnlyHeadline.isEmpty ? 0 : nodes.count)
    for index in weakChrome.indices where holdsOnlyHeadline[index] && chromeByClass[index] {
      weakChrome[index] =
        !chromeByTag[index] && !marks[index].contains(.strongNegative)
        && !classes.has(.negative, at: index)
    }
    var trailer = Array(repeating: false, count: holdsHeadline.isEmpty ? 0 : nodes.count)
    let footerTag = document.tagNames.firstIndex(of: "footer")
    for index in trailer.indices
    where nodes[index].kind == .element && !holdsHeadline[index] && articles[index] < 2 {
      trailer[index] = marks[index].contains(.trailing) || nodes[index].tag == footerTag
    }
    // Elements that match a platform pattern, and the elements around them: where the post
    // container is looked for, a wrapper around one is not dropped for a layout word
    // (`content-sidebar-wrap`), nor is most of one's text (a list marked `dynamic-ad`).
    let matches = Self.platformMatches(
      document, skipped: skipped, textLength: textLength, linkTextLength: linkTextLength,
      classes: classes, marks: marks)
    platformMatches = matches
    var postWrapper = Array(repeating: false, count: nodes.count)
    for index in nodes.indices
    where nodes[index].kind == .element
      && traits[nodes[index].tag].contains(.article)
    {
      postWrapper[index] = true
    }
    for match in matches { postWrapper[match.index] = true }
    var holdsMatch = Array(repeating: false, count: nodes.count)
    for match in matches {
      var ancestor = nodes[match.index].parent
      while ancestor >= 0 && !holdsMatch[ancestor] {
        holdsMatch[ancestor] = true
        ancestor = nodes[ancestor].parent
      }
    }
    // A block titled "Related posts" is chrome as plugin chrome is, whatever its classes.
    let titled = Self.titledChrome(
      document, traits: traits, skipped: skipped, textLength: textLength,
      linkTextLength: linkTextLength, holdsHeadline: holdsHeadline, holdsMatch: holdsMatch)
    for index in titled.indices where titled[index] { pluginChrome[index] = true }
    // What the next three rules never take for chrome: an element that is or holds the post
    // (a <main>, an <article>, a platform container), and for the boxes the headline too.
    let isPost = { (index: Int) in
      holdsPost[index] || holdsMatch[index] || postWrapper[index]
        || traits[nodes[index].tag].contains(.main)
    }
    let isPostOrHeadline = { (index: Int) in
      isPost(index) || (!holdsHeadline.isEmpty && holdsHeadline[index])
    }
    // The status lines under the headline (its date and time, a page counter, the source).
    let status = Self.statusLines(
      document, traits: traits, skipped: skipped, textLength: textLength,
      linkTextLength: linkTextLength, holdsPost: isPost)
    for index in status.indices where status[index] { pluginChrome[index] = true }
    // Boxes with a close button (a donation appeal, a banner, a pop-up).
    let dismissible = Self.dismissibleBoxes(
      document, textLength: textLength, holdsPost: isPostOrHeadline)
    for index in dismissible.indices where dismissible[index] { pluginChrome[index] = true }
    // The box of a sign-up, subscription or log-in control after the post, with its notice.
    let accountBoxes = Self.accountBoxes(
      document, chromeByClass: chromeByClass, skipped: skipped, textLength: textLength,
      chromeText: chromeText, holdsPost: isPostOrHeadline)
    for index in accountBoxes.indices where accountBoxes[index] { pluginChrome[index] = true }
    let signals = ChromeSignals(
      nodes: nodes, traits: traits, hardSkipped: skipped, textLength: textLength,
      linkTextLength: linkTextLength, chromeText: chromeText, largestChrome: largestChrome,
      postWrapper: postWrapper,
      pageText: max(textLength[body] - linkTextLength[body], 1), chromeByTag: chromeByTag,
      chromeByClass: chromeByClass,
      pluginChrome: pluginChrome, holdsPost: holdsPost, holdsOnlyPost: holdsOnlyPost,
      trailer: trailer,
      holdsHeadline: holdsHeadline,
      headlineBlock: weakChrome,
      holdsComment: Self.commentHolders(document, traits: traits, marks: marks),
      namedSidebar: namedSidebar,
      groupText: groupText,
      articles: articles)
    // The text outside hidden nodes before chrome was dropped (`skipOrphanHeadings`).
    var textBeforeChrome: NodeCounts?
    if dropsChrome {
      skipped = signals.skipped(keeping: holdsMatch, pageShareProtects: true)
      // The platform container is looked for where chrome is dropped as it always was; once it
      // is known, chrome is dropped again around it, with nothing kept for its length.
      var firstText = ownText.text
      var firstCommas = ownText.commas
      _ = Self.measure(document, &firstText, &firstCommas, skipped: skipped)
      let container = Self.postContainer(
        document, among: matches, skipped: skipped, textLength: firstText, signals: signals)
      firstText = NodeCounts(repeating: 0, count: 0)
      firstCommas = NodeCounts(repeating: 0, count: 0)
      postContainer = container
      if let container {
        var holdsContainer = Array(repeating: false, count: nodes.count)
        var ancestor = container.index
        while ancestor >= 0 {
          holdsContainer[ancestor] = true
          ancestor = nodes[ancestor].parent
        }
        skipped = signals.skipped(keeping: holdsContainer, pageShareProtects: false)
      } else if !matches.isEmpty {
        skipped = signals.skipped(keeping: [], pageShareProtects: true)
      }
      textBeforeChrome = signals.textLength
    } else {
      postContainer = nil
    }
    // The first counts go before the second are made, and the second are summed in the
    // own-text arrays themselves: on a page of millions of elements, two sets of counts at once
    // were the peak of extraction's memory.
    textLength = NodeCounts(repeating: 0, count: 0)
    linkTextLength = NodeCounts(repeating: 0, count: 0)
    commas = NodeCounts(repeating: 0, count: 0)
    linkTextLength = Self.measure(document, &ownText.text, &ownText.commas, skipped: skipped)
    (textLength, commas) = ownText
    if let textBeforeChrome { skipOrphanHeadings(textBeforeChrome: textBeforeChrome) }
  }

  /// The share of a node's text that stands inside links, 0 for a node without text.
  func linkDensity(_ index: Int) -> Double {
    textLength[index] == 0 ? 0 : Double(linkTextLength[index]) / Double(textLength[index])
  }

  /// For each node, whether it is or holds a block of a post's own (`PluginChromeRules
  /// .readAloudContentTags`: code, a table, a figure, a quote, a list) or a paragraph of prose:
  /// a box marked not to be read aloud that holds one is the post's, not chrome. One walk from
  /// the last node up.
  static func postBlockHolders(
    _ document: HTMLDocument, textLength: NodeCounts, linkTextLength: NodeCounts,
    paragraphTag: Int?
  ) -> [Bool] {
    let nodes = document.nodes
    let blockTags = Set(
      PluginChromeRules.readAloudContentTags.compactMap { document.tagNames.firstIndex(of: $0) })
    var holds = Array(repeating: false, count: nodes.count)
    for index in nodes.indices.dropFirst().reversed() where nodes[index].kind == .element {
      if holds[index] || blockTags.contains(nodes[index].tag)
        || (nodes[index].tag == paragraphTag
          && textLength[index] - linkTextLength[index] >= ScoringRules.minimumParagraphLength)
      {
        holds[index] = true
        holds[nodes[index].parent] = true
      }
    }
    return holds
  }

  /// Whether node `index` is an element whose tag has this trait.
  func tag(_ index: Int, is trait: TagTraits) -> Bool {
    traits[document.nodes[index].tag].contains(trait)
  }

  /// Whether element `index` matches a rule pattern.
  func matches(_ pattern: ElementPattern, _ index: Int) -> Bool {
    // Class patterns, most of the rules, are answered from the class list alone.
    switch pattern {
    case .className(let name): classes.contains(name, at: index)
    case .tagWithClass(let tag, let name):
      classes.contains(name, at: index) && document.name(of: index) == tag
    // Found once per page, among the platform matches.
    case .holderOfClass:
      platformMatches.contains {
        $0.index == index && ContainerRules.platformContainers[$0.rule] == pattern
      }
    default: pattern.matches(index, in: document, classes: classes[index])
    }
  }

  /// Whether an inline element stands in running text: it or an inline element around it has
  /// a sibling text node with visible text, up to the first block around it.
  private static func isInSentence(
    _ index: Int, nodes: [HTMLNode], traits: [TagTraits], holdsText: [Bool]
  ) -> Bool {
    var element = index
    while traits[nodes[element].tag].contains(.inline) {
      let parent = nodes[element].parent
      guard parent >= 0 else { return false }
      if holdsText[parent] { return true }
      element = parent
    }
    return false
  }

  private static func hasBoilerplateClass(
    _ index: Int, in document: HTMLDocument, _ traits: TagTraits, _ classes: ArraySlice<String>,
    _ marks: WordMarks
  ) -> Bool {
    guard marks.contains(.state) else { return marksBoilerplate(traits, classes, marks) }
    // A class that states a layout (`has-sidebar`, `sidebar-enabled--false`) gives no words;
    // classes are split one by one only for the few elements that have such a word.
    var remaining = wordsOfClassAndID(index, in: document)
    for name in classes {
      let nameWords = classWords(name)
      guard nameWords.contains(where: BoilerplateRules.stateWords.contains) else { continue }
      for word in nameWords {
        if let position = remaining.firstIndex(of: word) { remaining.remove(at: position) }
      }
    }
    return marksBoilerplate(traits, classes, WordMarks(words: remaining))
  }

  /// Whether an element marked chrome only by a metadata word (`meta`, `postmeta`) also names
  /// itself the post's description (`BoilerplateRules.descriptionWords`:
  /// `resource-meta-description`): that is the summary a theme shows under the headline, a line
  /// of the post, not its date and byline. Read only for the few elements whose class names
  /// hold such a word.
  private static func isMetadataDescription(
    _ index: Int, in document: HTMLDocument, _ classes: ClassTable, _ marks: WordMarks
  ) -> Bool {
    guard marks.contains(.weakNegative), !marks.contains(.strongNegative),
      classes.has(.description, at: index), !classes.has(.negative, at: index)
    else { return false }
    return wordsOfClassAndID(index, in: document).allSatisfy { word in
      !BoilerplateRules.weakNegativeWords.contains(word)
        || BoilerplateRules.metadataWords.contains(word)
    }
  }

  private static func marksBoilerplate(
    _ traits: TagTraits, _ classes: ArraySlice<String>, _ marks: WordMarks
  ) -> Bool {
    guard marks.contains(.anyWord), !traits.contains(.protected) else { return false }
    if classes.contains(where: BoilerplateRules.negativeClasses.contains) { return true }
    if marks.contains(.strongNegative) { return true }
    return marks.contains(.weakNegative) && !marks.contains(.keep)
  }

  /// The words of an element's class and id that name a column of a page's layout
  /// (`BoilerplateRules.layoutWords`).
  private static func layoutWords(_ index: Int, in document: HTMLDocument) -> Set<String> {
    Set(wordsOfClassAndID(index, in: document).filter(BoilerplateRules.layoutWords.contains))
  }

  /// Whether the text outside the chrome inside a layout wrapper is prose: a paragraph's length
  /// or more, at most `CleaningRules.maximumLinkDensity` of it in links. No comparison with the
  /// chrome's length: requiring as much text as the chrome dropped the post again when a
  /// sidebar's list grew by one item (wcxb-dev 0096, short, a false edit of 33 lines).
  private static func holdsProse(text: Int, linkText: Int) -> Bool {
    text >= ScoringRules.minimumParagraphLength
      && Double(linkText) <= CleaningRules.maximumLinkDensity * Double(text)
  }

  /// Whether element `index` is inside a `<main>` or an `<article>`: a theme's sidebar column
  /// mostly stands beside them, a layout wrapper around the post column often inside.
  private static func isInPost(_ index: Int, nodes: [HTMLNode], traits: [TagTraits]) -> Bool {
    var ancestor = nodes[index].parent
    while ancestor > 0 {
      if !traits[nodes[ancestor].tag].isDisjoint(with: [.main, .article]) { return true }
      ancestor = nodes[ancestor].parent
    }
    return false
  }

  /// The class and id words of element `index` (see `classAndIDWords`).
  private static func wordsOfClassAndID(_ index: Int, in document: HTMLDocument) -> [String] {
    var words: [String] = []
    var classValue = document.attribute("class", of: index) ?? ""
    var idValue = document.attribute("id", of: index) ?? ""
    classValue.withUTF8 { classBytes in
      idValue.withUTF8 { idBytes in classAndIDWords(class: classBytes, id: idBytes, into: &words) }
    }
    return words
  }

  /// For each element marked chrome by its class, the text outside links of it and its
  /// siblings with the same class value, when there are at least two: the sections of a post each marked
  /// `cws-jump-section` or `banner has-hover` hold the post together.
  private static func sameClassSiblingText(
    _ document: HTMLDocument, _ chromeByClass: [Bool], _ textLength: NodeCounts,
    _ linkTextLength: NodeCounts
  ) -> NodeCounts {
    let nodes = document.nodes
    var group = NodeCounts(repeating: 0, count: 0)
    var done = Set<Int>()
    for index in nodes.indices where chromeByClass[index] {
      let parent = nodes[index].parent
      guard parent >= 0, done.insert(parent).inserted else { continue }
      var members: [String: [Int]] = [:]
      for child in document.children(of: parent) where chromeByClass[child] {
        members[document.attribute("class", of: child) ?? "", default: []].append(child)
      }
      for (_, siblings) in members where siblings.count >= 2 {
        if group.isEmpty { group = NodeCounts(repeating: 0, count: nodes.count) }
        let total = siblings.reduce(0) { $0 + textLength[$1] - linkTextLength[$1] }
        for sibling in siblings { group[sibling] = total }
      }
    }
    return group
  }

  /// The elements holding the page's `<main>`, or its `<article>` when it has one outside
  /// skipped nodes whose class and id words mark no comment or other chrome (WordPress marks
  /// each comment `<article class="comment-body">`, so a new comment does not make the post one
  /// of two). The `<main>` and `<article>` themselves are not marked. Empty when there is none.
  private static func onlyPostHolders(
    _ document: HTMLDocument, traits: [TagTraits], skipped: [Bool], marks: [WordMarks]
  ) -> [Bool] {
    let nodes = document.nodes
    var articles: [Int] = []
    var posts: [Int] = []
    for index in nodes.indices where nodes[index].kind == .element && !skipped[index] {
      let tagTraits = traits[nodes[index].tag]
      if tagTraits.contains(.main) { posts.append(index) }
      if tagTraits.contains(.article), marks[index].isDisjoint(with: [.strongNegative, .trailing]) {
        articles.append(index)
      }
    }
    if articles.count == 1 { posts += articles }
    guard !posts.isEmpty else { return [] }
    var holds = Array(repeating: false, count: nodes.count)
    for post in posts {
      var ancestor = nodes[post].parent
      while ancestor >= 0 && !holds[ancestor] {
        holds[ancestor] = true
        ancestor = nodes[ancestor].parent
      }
    }
    return holds
  }

  /// The elements holding an `<article>` whose class or id words mark a comment (WordPress's
  /// `<article class="comment-body">`).
  private static func commentHolders(
    _ document: HTMLDocument, traits: [TagTraits], marks: [WordMarks]
  ) -> [Bool] {
    let nodes = document.nodes
    var holds = Array(repeating: false, count: nodes.count)
    for index in nodes.indices
    where nodes[index].kind == .element && traits[nodes[index].tag].contains(.article)
      && marks[index].contains(.trailing)
    {
      var ancestor = nodes[index].parent
      while ancestor >= 0 && !holds[ancestor] {
        holds[ancestor] = true
        ancestor = nodes[ancestor].parent
      }
    }
    return holds
  }

  /// The elements holding a headline (the first of `BoilerplateRules.headlineTags` the page has with text, outside
  /// skipped nodes); empty when the page has none, so that nothing is told by it.
  private static func headlineHolders(
    _ document: HTMLDocument, skipped: [Bool], textLength: NodeCounts
  ) -> [Bool] {
    for tag in BoilerplateRules.headlineTags {
      guard let headline = document.tagNames.firstIndex(of: tag) else { continue }
      let holds = headlineHolders(headline, document, skipped: skipped, textLength: textLength)
      if !holds.isEmpty { return holds }
    }
    return []
  }

  /// The elements holding the page's `<h1>` when it has exactly one with text outside skipped
  /// nodes; empty otherwise (a page of several `<h1>`s names no one headline).
  private static func onlyHeadlineHolders(
    _ document: HTMLDocument, skipped: [Bool], textLength: NodeCounts
  ) -> [Bool] {
    let nodes = document.nodes
    guard let headlineTag = document.tagNames.firstIndex(of: "h1") else { return [] }
    var headline: Int?
    for index in nodes.indices
    where nodes[index].tag == headlineTag && nodes[index].kind == .element && !skipped[index]
      && textLength[index] > 0
    {
      if headline != nil { return [] }
      headline = index
    }
    guard let headline else { return [] }
    var holds = Array(repeating: false, count: nodes.count)
    var ancestor = headline
    while ancestor >= 0 {
      holds[ancestor] = true
      ancestor = nodes[ancestor].parent
    }
    return holds
  }

  /// The elements holding an element of tag `headline` with text, outside skipped nodes; empty
  /// when there is none.
  private static func headlineHolders(
    _ headline: Int, _ document: HTMLDocument, skipped: [Bool], textLength: NodeCounts
  ) -> [Bool] {
    let nodes = document.nodes
    var holds: [Bool] = []
    for index in nodes.indices
    where nodes[index].tag == headline && nodes[index].kind == .element && !skipped[index]
      && textLength[index] > 0
    {
      if holds.isEmpty { holds = Array(repeating: false, count: nodes.count) }
      var ancestor = index
      while ancestor >= 0 && !holds[ancestor] {
        holds[ancestor] = true
        ancestor = nodes[ancestor].parent
      }
    }
    return holds
  }

  /// Skips the elements hidden by an attribute or a style (`hidden`, `aria-hidden`,
  /// `display:none`, `visibility:hidden`) with what they hold, and leaves them out of the text
  /// counts, except an outermost one whose text is the page: the visible text outside every
  /// hidden element is less than `BoilerplateRules.revealedPageShare` of it. Themes hide the
  /// whole page until their scripts have run (`<div style="visibility:hidden">` around all of
  /// it, against a flash of unstyled content), or a product's details until a script moves
  /// them; a reader sees that text. Hidden elements inside a revealed one stay skipped.
  private static func dropHidden(
    _ hidden: [Int], unlessThePage skipped: inout [Bool],
    _ ownText: inout (text: NodeCounts, commas: NodeCounts), _ nodes: [HTMLNode]
  ) {
    func text(under root: Int) -> Int {
      var sum = 0
      for index in (root + 1)..<nodes[root].end where nodes[index].kind == .text {
        sum += ownText.text[index]
      }
      return sum
    }
    // The outermost hidden elements and their text; the others lie inside one of them.
    var outermost: [(index: Int, text: Int)] = []
    for index in hidden where outermost.last.map({ index >= nodes[$0.index].end }) ?? true {
      outermost.append((index, text(under: index)))
    }
    var visible = 0
    for index in nodes.indices where nodes[index].kind == .text { visible += ownText.text[index] }
    visible -= outermost.reduce(0) { $0 + $1.text }
    let revealed = Set(
      outermost.lazy.filter { element in
        element.text >= ContainerRules.minimumContainerText
          && Double(visible) < Double(element.text) * BoilerplateRules.revealedPageShare
      }.map(\.index))
    for element in hidden where !revealed.contains(element) && !skipped[element] {
      for index in element..<nodes[element].end {
        skipped[index] = true
        ownText.text[index] = 0
        ownText.commas[index] = 0
      }
    }
  }

  /// Skips `<noscript>` content, and leaves it out of the text counts, unless the text outside
  /// it is less than `BoilerplateRules.noscriptOnlyShare` of the text inside: forum software
  /// (Discourse, Flarum) serves its crawler view of a thread there, and the page has nothing
  /// else.
  private static func dropNoscript(
    unlessAlone inNoscript: [Bool], _ skipped: inout [Bool],
    _ ownText: inout (text: NodeCounts, commas: NodeCounts), _ nodes: [HTMLNode]
  ) {
    var inside = 0
    var outside = 0
    for index in nodes.indices where nodes[index].kind == .text && !skipped[index] {
      if inNoscript[index] { inside += ownText.text[index] } else { outside += ownText.text[index] }
    }
    // A page empty but for "enable JavaScript" keeps that out too.
    guard
      inside < ContainerRules.minimumContainerText
        || Double(outside) >= Double(inside) * BoilerplateRules.noscriptOnlyShare
    else { return }
    for index in nodes.indices where inNoscript[index] {
      skipped[index] = true
      ownText.text[index] = 0
      ownText.commas[index] = 0
    }
  }

  /// Non-blank bytes and commas of each text node's own text, counted once per page (and not
  /// at all inside scripts and other skipped nodes, which never count).
  private static func ownText(
    _ document: HTMLDocument, skipped: [Bool]
  ) -> (text: NodeCounts, commas: NodeCounts) {
    let nodes = document.nodes
    var text = NodeCounts(repeating: 0, count: nodes.count)
    var commas = NodeCounts(repeating: 0, count: nodes.count)
    document.utf8.withUnsafeBufferPointer { utf8 in
      for index in nodes.indices where nodes[index].kind == .text && !skipped[index] {
        var visible = 0
        var commaCount = 0
        // Counted without branches, which the compiler turns into vector code.
        for byte in UnsafeBufferPointer(rebasing: utf8[nodes[index].textBytes]) {
          visible &+= byte > 0x20 ? 1 : 0
          commaCount &+= byte == UInt8(ascii: ",") ? 1 : 0
        }
        text[index] = visible
        commas[index] = commaCount
      }
    }
    return (text, commas)
  }

  /// Text, link text and commas under each node, summed bottom-up over the nodes not skipped.
  ///
  /// `text` and `commas` come in holding each text node's own counts and leave holding the
  /// sums; the link text is returned.
  private static func measure(
    _ document: HTMLDocument, _ text: inout NodeCounts, _ commas: inout NodeCounts,
    skipped: [Bool]
  ) -> NodeCounts {
    let nodes = document.nodes
    var links = NodeCounts(repeating: 0, count: nodes.count)
    let linkTag = document.tagNames.firstIndex(of: "a")
    for index in nodes.indices.reversed() {
      guard !skipped[index] else {
        text[index] = 0
        commas[index] = 0
        continue
      }
      let parent = nodes[index].parent
      if nodes[index].tag == linkTag { links[index] = text[index] }
      guard parent >= 0 else { continue }
      text[parent] += text[index]
      links[parent] += links[index]
      commas[parent] += commas[index]
    }
    return links
  }
}

/// The ids of the attribute names `ElementHints` reads, looked up once per document.
private struct HintAttributeIDs {
  let `class`: Int?
  let id: Int?
  let role: Int?
  let hidden: Int?
  let ariaHidden: Int?
  let style: Int?
  let alpineComponent: Int?

  init(_ document: HTMLDocument) {
    `class` = document.attributeNameID("class")
    id = document.attributeNameID("id")
    role = document.attributeNameID("role")
    hidden = document.attributeNameID("hidden")
    ariaHidden = document.attributeNameID("aria-hidden")
    style = document.attributeNameID("style")
    alpineComponent = document.attributeNameID("x-data")
  }
}

/// What extraction reads from an element's attributes, gathered in one pass over them.
private struct ElementHints {
  var marks: WordMarks = []
  var role = ""
  var isHidden = false

  /// Reads element `index`, and adds its classes to `classes`. The document is borrowed: an
  /// initializer takes its arguments owned, which copied the document (five retains and five
  /// releases) for every element of the page.
  init(
    _ document: borrowing HTMLDocument, _ index: Int, _ ids: HintAttributeIDs,
    _ classes: inout ClassTable
  ) {
    let spans = document.nodes[index].attributeSpans
    guard !spans.isEmpty else { return }
    var classValue: Range<Int>?
    var idValue: Range<Int>?
    var componentValue: Range<Int>?
    var hasHiddenAttribute = false
    for span in document.attributeSpans[spans] {
      switch span.name {
      case ids.class: classValue = classValue ?? span.value
      case ids.id: idValue = idValue ?? span.value
      case ids.role: if role.isEmpty { role = document.string(span.value) }
      case ids.hidden: hasHiddenAttribute = true
      case ids.ariaHidden:
        isHidden = isHidden || document.utf8[span.value].elementsEqual("true".utf8)
      case ids.style: isHidden = isHidden || hidesElement(document.utf8[span.value])
      case ids.alpineComponent: componentValue = span.value
      default: break
      }
    }
    // React streams each finished Suspense boundary as `<div hidden id="S:0">` and a script
    // moves it into the page: that block is the page's content, not hidden text.
    if hasHiddenAttribute && !isStreamedSegment(id: idValue.map { document.utf8[$0] }) {
      isHidden = true
    }
    guard classValue != nil || idValue != nil || componentValue != nil else { return }
    marks = document.utf8.withUnsafeBufferPointer { utf8 in
      let classBytes = classValue.map { UnsafeBufferPointer(rebasing: utf8[$0]) }
      let idBytes = idValue.map { UnsafeBufferPointer(rebasing: utf8[$0]) }
      // The class words' marks come from the class table, once per distinct class name.
      var marks = WordMarks(class: nil, id: idBytes)
      if let classBytes { marks.formUnion(classes.add(classValue: classBytes, of: index)) }
      if let componentValue {
        let component = UnsafeBufferPointer(rebasing: utf8[componentValue])
        marks.formUnion(WordMarks(alpineComponent: component))
      }
      return marks
    }
  }
}

/// Whether an id names a segment that React's streaming renderer sends hidden and then reveals
/// in place (`S:` and a number; `$RS("S:0", "P:0")` swaps it for its placeholder).
private func isStreamedSegment(id: ArraySlice<UInt8>?) -> Bool {
  guard let id, id.starts(with: "S:".utf8) else { return false }
  let number = id.dropFirst(2)
  return !number.isEmpty && number.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
}

/// Whether a class name has a word of `BoilerplateRules.descriptionWords`
/// (`resource-meta-description`); asked once per distinct class name of a page.
func namesDescription(_ name: String) -> Bool {
  // Most class names hold no such word among their bytes: a search of them, with no string
  // made, skips them before the name is split into words.
  descriptionWordBytes.contains { holdsCaseless(name, $0) }
    && classWords(name).contains(where: BoilerplateRules.descriptionWords.contains)
}

private let descriptionWordBytes = BoilerplateRules.descriptionWords.map { Array($0.utf8) }

/// Whether a class name's last word, after at least one other, is one of
/// `PluginChromeRules.biographyWords` (`author-bio`, not `bio` nor `biology`).
func namesBiography(_ name: String) -> Bool {
  // Most class names do not end in "bio" or "phy": a look at the last byte skips them.
  guard let last = name.utf8.last,
    last == UInt8(ascii: "o") || last == UInt8(ascii: "y")
      || last == UInt8(ascii: "O") || last == UInt8(ascii: "Y")
  else { return false }
  let words = classWords(name)
  return words.count >= 2 && PluginChromeRules.biographyWords.contains(words[words.count - 1])
}

/// Whether a `style` attribute hides the element (`display:none`, `visibility:hidden`), as
/// readability treats it: never article text. Spaces and ASCII case do not matter.
private func hidesElement(_ style: ArraySlice<UInt8>) -> Bool {
  withUnsafeTemporaryAllocation(of: UInt8.self, capacity: style.count) { compact in
    var count = 0
    for byte in style where byte != UInt8(ascii: " ") {
      compact[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
      count += 1
    }
    let text = UnsafeBufferPointer(rebasing: compact[..<count])
    return contains(text, hiddenDisplay) || contains(text, hiddenVisibility)
  }
}

private let hiddenDisplay = Array("display:none".utf8)
private let hiddenVisibility = Array("visibility:hidden".utf8)

private func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
  guard needle.count <= haystack.count else { return false }
  for start in 0...(haystack.count - needle.count)
  where haystack[start..<(start + needle.count)].elementsEqual(needle) {
    return true
  }
  return false
}

/// Headings left behind by chrome: a heading that titles a block of chrome ("関連キーワード"
/// over a list of tags, "Share this" over share buttons) is the block's, and goes with it.
extension PageAnalysis {
  /// Skips each heading but an `<h1>`, with what it holds, that is the only child with text of its parent
  /// while a sibling's text was all dropped as chrome: a sibling that had text outside hidden
  /// nodes (`textBeforeChrome`) has none left. An answer that a script reveals is hidden, not
  /// chrome, and leaves its question. The counts of the heading's ancestors are mended.
  ///
  /// - Complexity: O(n): each parent of a heading is looked at once; the counts are mended
  ///   up the ancestors of the few headings skipped.
  mutating func skipOrphanHeadings(textBeforeChrome: NodeCounts) {
    let nodes = document.nodes
    // An `<h1>` is the headline, which later stages look for (`leadParagraphs` takes the
    // paragraphs after it), beside a share bar or not.
    let headlineTag = document.tagNames.firstIndex(of: "h1")
    var looked = Set<Int>()
    var orphans: [Int] = []
    for heading in nodes.indices
    where nodes[heading].kind == .element && tag(heading, is: .heading) && !skipped[heading]
      && textLength[heading] > 0 && nodes[heading].tag != headlineTag
    {
      let parent = nodes[heading].parent
      guard parent > 0, looked.insert(parent).inserted else { continue }
      var withText = 0
      var emptied = false
      for child in document.children(of: parent) {
        if textLength[child] > 0 {
          withText += 1
        } else if nodes[child].kind == .element && textBeforeChrome[child] > 0 {
          emptied = true
        }
      }
      if withText == 1 && emptied { orphans.append(heading) }
    }
    for heading in orphans {
      let (text, links, commaCount) = (
        textLength[heading], linkTextLength[heading], commas[heading]
      )
      for index in heading..<nodes[heading].end {
        skipped[index] = true
        textLength[index] = 0
        linkTextLength[index] = 0
        commas[index] = 0
      }
      var ancestor = nodes[heading].parent
      while ancestor >= 0 {
        textLength[ancestor] -= text
        linkTextLength[ancestor] -= links
        commas[ancestor] -= commaCount
        ancestor = nodes[ancestor].parent
      }
    }
  }
}
