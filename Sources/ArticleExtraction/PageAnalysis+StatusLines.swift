import HTMLParsing

/// The status lines under a headline: the box of short lines news and CMS themes print between
/// the `<h1>` and the post's first paragraph, with the time of publication in it ("2018/6/19
/// 5:50", "Šodien, 17:40", "Submitted on Mon, 2019-01-21 13:49"), a page counter ("（1/3ページ）"),
/// the source and the writers. The dates are the page's metadata (`Published:`, `Updated:`), not
/// lines of the post, and an update of the time is no edit of it.
extension PageAnalysis {
  /// The headline right above the post, and the post's first paragraph after it: the first
  /// `<h1>` with text that is not mostly a link (a site's logo is) with no other such `<h1>`
  /// between it and the first prose `<p>` after it (`ScoringRules.minimumParagraphLength`
  /// characters, under `CleaningRules.maximumLinkDensity` links). A banner's or a widget's
  /// `<h1>` before the headline, or after the post, leaves the headline as it was: were the
  /// status lines found under every `<h1>` of a page of several, a promotion's coming and
  /// going would bring them in and out of the article. Nil when the page has no such `<h1>`
  /// or no prose paragraph after it.
  static func headlineAbovePost(
    _ document: HTMLDocument, skipped: [Bool], textLength: NodeCounts, linkTextLength: NodeCounts
  ) -> (headline: Int, firstParagraph: Int)? {
    let nodes = document.nodes
    guard let headlineTag = document.tagNames.firstIndex(of: "h1"),
      let paragraphTag = document.tagNames.firstIndex(of: "p")
    else { return nil }
    func isHeadline(_ index: Int) -> Bool {
      nodes[index].tag == headlineTag && nodes[index].kind == .element && !skipped[index]
        && textLength[index] > 0
        && Double(linkTextLength[index])
          < Double(textLength[index]) * CleaningRules.maximumLinkDensity
    }
    func isProse(_ index: Int) -> Bool {
      nodes[index].tag == paragraphTag && nodes[index].kind == .element && !skipped[index]
        && textLength[index] >= ScoringRules.minimumParagraphLength
        && Double(linkTextLength[index])
          < Double(textLength[index]) * CleaningRules.maximumLinkDensity
    }
    guard var headline = nodes.indices.first(where: isHeadline) else { return nil }
    var end = nodes[headline].end
    while true {
      while end < nodes.count && !isProse(end) && !isHeadline(end) { end += 1 }
      guard end < nodes.count, isHeadline(end) else { break }
      headline = end
      end = nodes[headline].end
    }
    return end < nodes.count ? (headline, end) : nil
  }

  /// The outermost elements that lie after the headline (`headlineAbovePost`) and end before
  /// the post's first prose `<p>` after it, hold at most `BoilerplateRules.maximumStatusText`
  /// characters with one or two dates or times of day (`dateStamps`; more are a schedule or a
  /// timeline of the post), end no sentence, are no part of the post's own
  /// (`BoilerplateRules.postPartTags`), and neither
  /// are nor hold a `<main>`, an `<article>` or a platform container (`holdsPost`). Empty when
  /// the page has none.
  ///
  /// - Complexity: O(n): the stretch after the headline is walked once; only elements of at
  ///   most `maximumStatusText` characters are read.
  static func statusLines(
    _ document: HTMLDocument, traits: [TagTraits], skipped: [Bool], textLength: NodeCounts,
    linkTextLength: NodeCounts, holdsPost: (Int) -> Bool
  ) -> [Bool] {
    let nodes = document.nodes
    guard
      let found = headlineAbovePost(
        document, skipped: skipped, textLength: textLength, linkTextLength: linkTextLength)
    else { return [] }
    let (headline, end) = (found.headline, found.firstParagraph)
    let start = nodes[headline].end
    // The elements in the stretch that are or hold a part of the post's own
    // (`BoilerplateRules.postPartTags`: a picture with its caption, a table, a quotation, code,
    // a numbered list, a section heading), marked from the leaves up.
    let partTags = Set(
      BoilerplateRules.postPartTags.compactMap { document.tagNames.firstIndex(of: $0) })
    var holdsPart = [Bool](repeating: false, count: partTags.isEmpty ? 0 : end - start)
    if !partTags.isEmpty {
      for inner in stride(from: end - 1, through: start, by: -1) where nodes[inner].kind == .element
      {
        // A picture without a caption (the writer's avatar) is no part of the post's text.
        if partTags.contains(nodes[inner].tag) && textLength[inner] > 0 {
          holdsPart[inner - start] = true
        }
        let parent = nodes[inner].parent
        if holdsPart[inner - start], parent >= start { holdsPart[parent - start] = true }
      }
    }
    var status: [Bool] = []
    var index = start
    while index < end {
      let node = nodes[index]
      guard node.kind == .element, !skipped[index], textLength[index] > 0, node.end <= end,
        textLength[index] <= BoilerplateRules.maximumStatusText
      else {
        index += 1
        continue
      }
      // A part of the post is none of the status lines; the status lines beside it, in the
      // same box, are looked for inside.
      if !holdsPart.isEmpty && holdsPart[index - start] {
        index += partTags.contains(node.tag) ? node.end - index : 1
        continue
      }
      // Nothing inside holds a date when the element holds none.
      if !holdsPost(index),
        (1...BoilerplateRules.maximumStatusStamps).contains(
          dateStamps(index, document, skipped: skipped)),
        !endsSentence(index, document, skipped: skipped)
      {
        if status.isEmpty { status = Array(repeating: false, count: nodes.count) }
        status[index] = true
      }
      index = node.end
    }
    return status
  }

  /// How many dates or times of day the text under element `index` holds, counted up to
  /// `BoilerplateRules.maximumStatusStamps` + 1: each `<time>` element, and each text node with
  /// a time (`5:50`, `17:40`), a date of three numbers with one separator (`2018/6/19`,
  /// `21.01.2019`, `2019-01-21`), or a CJK date (`2018年6月`, `6月19日`).
  private static func dateStamps(_ index: Int, _ document: HTMLDocument, skipped: [Bool]) -> Int {
    let nodes = document.nodes
    var stamps = 0
    var inner = index
    while inner < nodes[index].end && stamps <= BoilerplateRules.maximumStatusStamps {
      if skipped[inner] {
        inner = nodes[inner].end
      } else if nodes[inner].kind == .element && document.name(of: inner) == "time" {
        stamps += 1
        inner = nodes[inner].end
      } else {
        if nodes[inner].kind == .text && hasDateStamp(document.utf8[nodes[inner].textBytes]) {
          stamps += 1
        }
        inner += 1
      }
    }
    return stamps
  }

  /// Whether the last visible character under element `index` ends a sentence (`.`, `!`, `?`,
  /// `…`, `。`, `！`, `？`): a deck or a line of the post, not a status line.
  private static func endsSentence(_ index: Int, _ document: HTMLDocument, skipped: [Bool])
    -> Bool
  {
    let nodes = document.nodes
    for inner in document.descendants(of: index).reversed()
    where nodes[inner].kind == .text && !skipped[inner] {
      let text = document.string(nodes[inner].textBytes)
      guard let last = text.last(where: { !$0.isWhitespace }) else { continue }
      return [".", "!", "?", "…", "。", "！", "？"].contains(last)
    }
    return false
  }
}

/// Whether `bytes` hold a time of day (one or two digits, `:`, two digits), a date of three
/// numbers of one to four digits with the same separator between them (`/`, `.`, `-`), one of
/// them a year of four digits (`2018/6/19`, `21.01.2019`; not a version number, `2.3.1`), or a
/// number followed by `年` and a number followed by `月`, or by `月` and a number and `日`.
func hasDateStamp(_ bytes: some Collection<UInt8>) -> Bool {
  let text = Array(bytes)
  let year: [UInt8] = Array("年".utf8)
  let month: [UInt8] = Array("月".utf8)
  let day: [UInt8] = Array("日".utf8)
  func isDigit(_ at: Int) -> Bool {
    at >= 0 && at < text.count && text[at] >= UInt8(ascii: "0") && text[at] <= UInt8(ascii: "9")
  }
  /// The end of the run of digits at `at`, and its length.
  func digits(from at: Int) -> Int {
    var end = at
    while isDigit(end) { end += 1 }
    return end
  }
  func has(_ word: [UInt8], at: Int) -> Bool {
    at + word.count <= text.count && text[at..<(at + word.count)].elementsEqual(word)
  }
  var index = 0
  while index < text.count {
    guard isDigit(index), !isDigit(index - 1) else {
      index += 1
      continue
    }
    let first = digits(from: index)
    let length = first - index
    if first < text.count {
      let separator = text[first]
      // A time of day.
      if separator == UInt8(ascii: ":"), length <= 2, digits(from: first + 1) == first + 3 {
        return true
      }
      // A date of three numbers.
      if [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")].contains(separator),
        length <= 4
      {
        let second = digits(from: first + 1)
        let third = digits(from: second + 1)
        let lengths = [length, second - first - 1, third - second - 1]
        if second < text.count, text[second] == separator,
          lengths.allSatisfy({ $0 >= 1 && $0 <= 4 }), lengths.contains(4)
        {
          return true
        }
      }
      // A CJK date.
      if has(year, at: first), digits(from: first + year.count) > first + year.count,
        has(month, at: digits(from: first + year.count))
      {
        return true
      }
      if has(month, at: first), digits(from: first + month.count) > first + month.count,
        has(day, at: digits(from: first + month.count))
      {
        return true
      }
    }
    index = first
  }
  return false
}
