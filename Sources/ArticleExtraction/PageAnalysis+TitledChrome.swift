import HTMLParsing

/// Sections titled as chrome: a heading that names what follows as other posts or the page's
/// furniture ("Related posts", "You may also like"), and the block it opens.
extension PageAnalysis {
  /// The blocks opened by a heading of `BoilerplateRules.chromeHeadings`: from the heading,
  /// the largest element around it whose text starts with the heading and which has no more
  /// than `BoilerplateRules.maximumTitledBlockParts` parts (child elements, a short link such
  /// as "See more posts" not counted), short of `<body>`,
  /// `<main>`, `<article>`, an element holding the page's headline, or one holding a platform
  /// container. Under a heading that counts comments (`isCommentsHeading`), the form to write
  /// one (a child all of whose text is in a `<form>`) is no part either: the block is the
  /// heading, the comments and the form; and it holds no heading that outranks the count
  /// (the post's title under a count at the top of the post's box). Empty when the page has
  /// none.
  static func titledChrome(
    _ document: HTMLDocument, traits: [TagTraits], skipped: [Bool], textLength: NodeCounts,
    linkTextLength: NodeCounts, holdsHeadline: [Bool], holdsMatch: [Bool]
  ) -> [Bool] {
    let nodes = document.nodes
    var titled: [Bool] = []
    var formTexts: [Int?] = []
    var headingRanks: [UInt8] = []
    for index in nodes.indices
    where nodes[index].kind == .element && traits[nodes[index].tag].contains(.heading)
      && !skipped[index] && textLength[index] > 0
      && textLength[index] <= BoilerplateRules.maximumCommentsHeadingText
      && (textLength[index] <= BoilerplateRules.maximumChromeHeadingText
        || mayCount(index, document))
    {
      let key = headingKey(document.text(of: index))
      let countsComments = isCommentsHeading(key)
      guard
        (textLength[index] <= BoilerplateRules.maximumChromeHeadingText
          && BoilerplateRules.chromeHeadings.contains(key)) || countsComments
      else { continue }
      if countsComments, formTexts.isEmpty {
        formTexts = Self.formTexts(document, textLength: textLength)
        headingRanks = Self.headingRanks(
          document, traits: traits, skipped: skipped, textLength: textLength)
      }
      let rank = countsComments ? Self.headingRank(of: index, document) : 0
      var section = index
      while true {
        let parent = nodes[section].parent
        guard parent > 0, nodes[parent].kind == .element,
          traits[nodes[parent].tag].isDisjoint(with: [.protected, .main, .article]),
          holdsHeadline.isEmpty || !holdsHeadline[parent],
          holdsMatch.isEmpty || !holdsMatch[parent],
          !hasText(from: parent + 1, to: index, nodes, textLength),
          !countsComments || headingRanks[parent] >= rank,
          partCount(
            in: parent, document, textLength, linkTextLength,
            formTexts: countsComments ? formTexts : [])
            <= BoilerplateRules.maximumTitledBlockParts
        else { break }
        section = parent
      }
      if titled.isEmpty { titled = Array(repeating: false, count: nodes.count) }
      titled[section] = true
    }
    return titled
  }

  /// Whether the text of element `index` may count comments (`isCommentsHeading`): its first
  /// or its last word may be a count (`mayBeCount`). Headings longer than a chrome heading are
  /// read only then.
  private static func mayCount(_ index: Int, _ document: HTMLDocument) -> Bool {
    let nodes = document.nodes
    let texts = ((index + 1)..<nodes[index].end).lazy.filter { nodes[$0].kind == .text }
    return mayBeCount(texts.flatMap { document.utf8[nodes[$0].textBytes] }, one: "one")
      || mayBeCount(
        texts.reversed().flatMap { document.utf8[nodes[$0].textBytes].reversed() }, one: "eno")
  }

  /// Whether the word at one end of a text may be a count, digits or "one" (`isCommentsHeading`
  /// reads a count as the first word, or as the last of two): `bytes` are the text's bytes
  /// from that end inward, `one` the word "one" read in that direction. ASCII bytes other than
  /// letters and digits stand between words, as white space and marks do. A byte outside ASCII
  /// may be a digit of another script ("２７"), or a character the words leave out (`&lrm;`, an
  /// icon font's glyph, `&nbsp;`), so the answer is yes then: the words are read.
  private static func mayBeCount(_ bytes: some Sequence<UInt8>, one: StaticString) -> Bool {
    let word = UnsafeBufferPointer(start: one.utf8Start, count: one.utf8CodeUnitCount)
    var matched = 0
    for byte in bytes {
      if matched == word.count { return byte >= 0x80 || !isLetterOrDigit(byte) }
      if byte >= 0x80 { return matched == 0 }
      if matched == 0 {
        guard isLetterOrDigit(byte) else { continue }
        if byte <= 0x39 { return true }
      }
      guard byte | 0x20 == word[matched] else { return false }
      matched += 1
    }
    return matched == word.count
  }

  /// Whether a heading's key (`headingKey`) counts the comments under it: "27 comments",
  /// "Comments (27)", "3 Kommentare", "27 commentaires", "27 thoughts on “The post”",
  /// "5 Responses to “The post”" (`BoilerplateRules.commentCountWords`, `commentCountOpeners`).
  /// The count changes with every new comment; a heading that counts nothing ("Comments"
  /// alone) may open a section of the post and is not one. A count and an opener before a
  /// title are so only when the title is quoted (`BoilerplateRules.commentTitleQuotes`), as
  /// themes print the post's: "3 Responses to Common Objections" or "2 thoughts on the costs"
  /// titles a section of a post.
  static func isCommentsHeading(_ key: String) -> Bool {
    // A count opens the heading or ends it ("27 comments", "comments (27"): most headings do
    // neither and are not split into words.
    guard mayBeCount(key.utf8, one: "one") || mayBeCount(key.utf8.reversed(), one: "eno") else {
      return false
    }
    let words = key.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    guard words.count >= 2 else { return false }
    let isCount = { (word: Substring) in word.allSatisfy(\.isNumber) || word == "one" }
    if words.count == 2 {
      return (isCount(words[0]) && BoilerplateRules.commentCountWords.contains(String(words[1])))
        || (BoilerplateRules.commentCountWords.contains(String(words[0])) && isCount(words[1]))
    }
    guard isCount(words[0]), BoilerplateRules.commentCountOpeners.contains(String(words[1])),
      words[2] == "on" || words[2] == "to"
    else { return false }
    let title = key[words[2].endIndex...].drop(while: \.isWhitespace)
    return title.first.map(BoilerplateRules.commentTitleQuotes.contains) ?? false
  }

  /// The rank of a heading element: 1 for `<h1>` to 6 for `<h6>`.
  private static func headingRank(of index: Int, _ document: HTMLDocument) -> UInt8 {
    document.name(of: index).utf8.last.map { $0 &- UInt8(ascii: "0") } ?? 6
  }

  /// For each node, the highest rank (`headingRank`, 1 the highest) of a heading with text
  /// outside skipped nodes that it is or holds; 0 when it holds none. A node's rank is never
  /// lower than its children's, so a heading's rank goes up its ancestors only until one has as
  /// high a rank already.
  private static func headingRanks(
    _ document: HTMLDocument, traits: [TagTraits], skipped: [Bool], textLength: NodeCounts
  ) -> [UInt8] {
    let nodes = document.nodes
    var ranks = [UInt8](repeating: 0, count: nodes.count)
    for index in nodes.indices
    where nodes[index].kind == .element && traits[nodes[index].tag].contains(.heading)
      && !skipped[index] && textLength[index] > 0
    {
      let rank = headingRank(of: index, document)
      var ancestor = index
      while ancestor >= 0 && (ranks[ancestor] == 0 || ranks[ancestor] > rank) {
        ranks[ancestor] = rank
        ancestor = nodes[ancestor].parent
      }
    }
    return ranks
  }

  /// For each element that is or holds a `<form>`, how much of its text is inside forms; nil
  /// for the other nodes. An element all of whose text is a form's is a form to write
  /// something (a comment, an address), not a part of what the page says.
  private static func formTexts(_ document: HTMLDocument, textLength: NodeCounts) -> [Int?] {
    let nodes = document.nodes
    var texts = [Int?](repeating: nil, count: nodes.count)
    guard let form = document.tagNames.firstIndex(of: "form") else { return texts }
    var index = 0
    while index < nodes.count {
      guard nodes[index].tag == form, nodes[index].kind == .element else {
        index += 1
        continue
      }
      var ancestor = index
      while ancestor >= 0 {
        texts[ancestor] = (texts[ancestor] ?? 0) + textLength[index]
        ancestor = nodes[ancestor].parent
      }
      index = nodes[index].end
    }
    return texts
  }

  /// Whether a text node with visible text stands between nodes `start` and `end` (excluded).
  private static func hasText(
    from start: Int, to end: Int, _ nodes: [HTMLNode], _ textLength: NodeCounts
  ) -> Bool {
    (start..<end).contains { nodes[$0].kind == .text && textLength[$0] > 0 }
  }

  /// How many parts element `index` has: its child elements, except a short link alone ("See
  /// more posts", "View all"), which closes the block it follows.
  private static func partCount(
    in index: Int, _ document: HTMLDocument, _ textLength: NodeCounts,
    _ linkTextLength: NodeCounts, formTexts: [Int?]
  ) -> Int {
    document.children(of: index).reduce(0) { count, child in
      let text = textLength[child]
      let isMoreLink =
        text > 0 && linkTextLength[child] == text
        && text <= BoilerplateRules.maximumChromeHeadingText
      let isForm = !formTexts.isEmpty && formTexts[child] == text
      return count + (document.nodes[child].kind == .element && !isMoreLink && !isForm ? 1 : 0)
    }
  }

  /// A heading's text as `BoilerplateRules.chromeHeadings` holds it: ASCII lower case, words
  /// joined by one space, without the punctuation around them.
  static func headingKey(_ text: String) -> String {
    if let key = asciiHeadingKey(text) { return key }
    var key = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let isMark: (Character) -> Bool = { $0.isPunctuation || $0.isSymbol || $0.isWhitespace }
    while let last = key.last, isMark(last) { key.removeLast() }
    while let first = key.first, isMark(first) { key.removeFirst() }
    return key
  }

  /// `headingKey` of ASCII text, worked on its bytes (nil for other text). In ASCII, a
  /// character is a byte (but "\r\n", white space either way), white space is 0x09-0x0D and
  /// the space, and every visible byte other than a letter or a digit is punctuation or a
  /// symbol.
  private static func asciiHeadingKey(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
      var key: [UInt8] = []
      key.reserveCapacity(bytes.count)
      var pendingSpace = false
      for byte in bytes {
        if isSpace(byte) {
          pendingSpace = !key.isEmpty
          continue
        }
        if pendingSpace {
          key.append(0x20)
          pendingSpace = false
        }
        key.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
      }
      let isMark = { (byte: UInt8) in
        isSpace(byte) || (byte > 0x20 && byte < 0x7F && !isLetterOrDigit(byte))
      }
      var start = 0
      var end = key.count
      while end > start && isMark(key[end - 1]) { end -= 1 }
      while start < end && isMark(key[start]) { start += 1 }
      return String(decoding: key[start..<end], as: UTF8.self)
    }
  }
}
