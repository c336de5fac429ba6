import FoundationEssentials
import HTMLParsing
import UnicodeSpaces

/// What the page shows a reader right above the post: its headline and its dateline (the short
/// line with the date and the writer). The header lines come from the page's metadata, which a
/// site can leave as it was when it edits what readers see (a CMS's cached `og:title` under an
/// edited headline, a `datetime` attribute under a back-dated visible date); the extractor
/// drops the headline and the dateline from the body because they repeat the header. What they
/// show is read here, so that an edit of them is not lost (`shownMetadata`).
struct ShownHeader {
  /// The text of the `<h1>` right above the post, when the page has one.
  var headline: String?
  /// The headline's first line, when a `<br>` ends it (a writer's name or a subtitle on the
  /// next line of the same `<h1>`).
  var headlineFirstLine: String?
  /// Whether that `<h1>` stands with the post: its parent or the element around that holds
  /// the post's first paragraph (a banner's `<h1>` stands in the page's header).
  var headlineIsWithPost = false
  /// The text of the last heading in the post's box before the body (a blog theme's `<h3>`
  /// title over the post's text), when there is one.
  var boxHeading: String?
  /// The day the dateline above the post shows (ISO 8601, `shownDay`).
  var date: String?
  /// Whether the dateline calls its date an update ("Last updated September 15, 2016").
  var dateIsUpdate = false
  /// The name after "by" in the dateline ("… by Bradley M. Kuhn").
  var author: String?
  /// Whether one of the body's first headings is the metadata's title: the title names the
  /// post, not the site.
  var bodyOpensWithTitle = false

  /// Reads what stands above the body (`roots`).
  ///
  /// - The headline: `PageAnalysis.headlineAbovePost` (the first `<h1>` not mostly a link with
  ///   no other before the first prose paragraph after it), when that paragraph is not after
  ///   the body: the `<h1>` stands above the post, not under it.
  /// - The box heading: the last heading (`<h1>`–`<h6>`) before the body's first root inside
  ///   the root's parent, the box that holds the post.
  /// - The dateline: the first element, outermost first, that holds at most
  ///   `BoilerplateRules.maximumStatusText` characters of visible text naming a day
  ///   (`shownDay`), outside the body and outside a reader's or another post's part of the
  ///   page around it (`isInForeignSection`: a comment set between the headline and the
  ///   post), between the headline and the first prose
  ///   paragraph after it (that paragraph included, when the body leaves it out: a dateline of
  ///   one line is a paragraph too), then in the post's box before the body.
  init(roots: [Int], title: String?, page: PageAnalysis) {
    let document = page.document
    let nodes = document.nodes
    guard let first = roots.min(), let last = roots.map({ nodes[$0].end }).max() else { return }
    if let title {
      // The body's first three headings, in one walk that stops at the third.
      let words = titleWords(title)
      var headingsLooked = 0
      headings: for root in roots {
        for heading in document.descendants(of: root)
        where nodes[heading].kind == .element && page.tag(heading, is: .heading) {
          if visibleText(of: heading, in: page, flowing: true).map({ titleWords($0) == words })
            ?? false
          {
            bodyOpensWithTitle = true
            break headings
          }
          headingsLooked += 1
          if headingsLooked == 3 { break headings }
        }
      }
    }
    let inBody = { (index: Int) in roots.contains { $0 == index || document.contains($0, index) } }
    let titleTags = Set(["h1", "h2", "h3"].compactMap { document.tagNames.firstIndex(of: $0) })
    let isTitleHeading = { (index: Int) in
      nodes[index].kind == .element && titleTags.contains(nodes[index].tag)
    }
    var stretches: [Range<Int>] = []
    var ownTitles = Set([title].compactMap { $0.map(titleWords) })
    if let found = PageAnalysis.headlineAbovePost(
      document, skipped: page.skipped, textLength: page.textLength,
      linkTextLength: page.linkTextLength),
      found.firstParagraph < last, nodes[found.headline].end <= last
    {
      headline = visibleText(of: found.headline, in: page, outsideSkipped: true, flowing: true)
        .flatMap { $0.isEmpty ? nil : $0 }
      if let headline { ownTitles.insert(titleWords(headline)) }
      headlineFirstLine = visibleText(
        of: found.headline, in: page, outsideSkipped: true, firstLine: true, flowing: true)
      if headlineFirstLine == headline { headlineFirstLine = nil }
      let parent = nodes[found.headline].parent
      headlineIsWithPost = [parent, nodes[parent].parent].contains { holder in
        holder > 0 && document.contains(holder, found.firstParagraph)
      }
      let paragraph = found.firstParagraph
      stretches.append(
        nodes[found.headline].end..<(inBody(paragraph) ? paragraph : nodes[paragraph].end))
    }
    let box = nodes[first].parent
    if box > 0 {
      stretches.append((box + 1)..<first)
      boxHeading = (box + 1..<first).last { index in
        nodes[index].kind == .element && page.tag(index, is: .heading)
          && nodes[index].end <= first && !isInvisible(index, page)
      }.flatMap { heading in
        visibleText(
          of: heading, in: page, outsideSkipped: !page.skipped[heading], flowing: true)
      }.flatMap { $0.isEmpty ? nil : $0 }
    }
    // At most `maximumDatelineLook` elements are looked at in each stretch: a dateline stands
    // near the headline, and a page of thousands of empty elements costs no more.
    for stretch in stretches {
      var index = stretch.lowerBound
      var looked = 0
      while index < stretch.upperBound && looked < ScoringRules.maximumDatelineLook {
        looked += 1
        let node = nodes[index]
        guard node.kind == .element, node.end <= stretch.upperBound, !inBody(index) else {
          index += 1
          continue
        }
        if isInvisible(index, page) || isNoDateline(index, page) {
          index = node.end
          continue
        }
        // An element holding a title heading (the post's header box around its `<h1>`) is no
        // dateline: one inside it may be (a dateline may be an `<h5>`). One with far more text
        // than a dateline is none either, and is not read (its elements inside are).
        guard
          page.textLength[index] <= 2 * BoilerplateRules.maximumStatusText * 4
            || page.skipped[index],
          let text = visibleText(of: index, in: page, forDateline: true),
          text.count <= BoilerplateRules.maximumStatusText,
          !(index..<node.end).contains(where: isTitleHeading)
        else {
          index += 1
          continue
        }
        // A day labelled as no day of the post's ("Last checked …", "Today is …"), or one in
        // a link to another post (a "previous post" link), is not the post's dateline, and
        // the element holds none.
        let shown = shownDay(in: text)
        if let shown,
          namesOtherDay(shown.before)
            || holdsOtherPostLink(index, page, besides: ownTitles)
        {
          index = node.end
          continue
        }
        if let shown, !isInForeignSection(index, page, outside: first) {
          date = shown.day
          dateIsUpdate = callsUpdate(shown.before)
          author = bylineName(in: text)
          return
        }
        index = node.end
      }
    }
  }
}

/// The header lines of an article as its page shows them: the metadata, with the headline and
/// the dateline a reader sees (`ShownHeader`) where the metadata has nothing or says otherwise.
///
/// - The title is the headline above the post when the metadata has no title, or when its
///   title is the site's name.
/// - The headline is a line of its own (`headline`) when it is the title written otherwise
///   (`isVariant`: at least half of its words in common with the title or with its longest
///   part), but not words the title holds as a run ("Headline" under "Headline | Site" or
///   "Kicker: Headline [Site]"): a CMS's cached
///   `og:title` keeps a headline that the page no longer shows, and an edit of the metadata
///   title alone stays an edit of the `Title:` line. A headline that holds the title's words
///   (letters and digits, any case; or more: a kicker, a date in the `<h1>`) adds nothing, so
///   quotes and case never make the line; a headline of other words (a site's banner, an SEO
///   title's page) neither.
/// - The dateline's date and writer fill `Published:` (`Updated:` when the dateline calls its
///   date an update) and `Author:` when the metadata has none.
/// - A dateline's day that is neither the published nor the updated day of the metadata (the
///   updated day, for a date the dateline calls an update) is `shownDate`: the page shows a
///   date its metadata does not give, and a back-dated post is an edit.
func shownMetadata(_ metadata: PageMetadata, _ shown: ShownHeader) -> PageMetadata {
  var result = metadata
  let headlines = [shown.headline, shown.boxHeading].compactMap { $0 }
  if let title = metadata.title {
    let words = titleWords(title)
    // The words of each part of `<title>`.
    let tagPartWords = (metadata.titleTag.map(titleParts) ?? []).map(titleWords)
    // The title is the site's name, or one part of `<title>` whose other part the headline
    // beside the post is: the headline names the post.
    var titleIsSiteName = false
    if let siteName = metadata.siteName { titleIsSiteName = titleWords(siteName) == words }
    let titleIsTitlePart = tagPartWords.count > 1 && tagPartWords.contains(words)
    let sitePartHeadline = shown.headline.flatMap { headline -> String? in
      let headlineWords = titleWords(headline)
      guard shown.headlineIsWithPost, !shown.bodyOpensWithTitle, headlineWords != words,
        titleIsSiteName || tagPartWords.contains(headlineWords)
      else { return nil }
      return headline
    }
    // A headline that holds the title's words and more (a kicker before it, a date or a
    // writer's name after it in the same `<h1>`) is the title's headline: the title stays.
    // So is a headline whose first line (before a `<br>`: a writer's name, a subtitle after
    // it) has words the title holds as a run.
    let firstLineInTitle =
      shown.headlineFirstLine.map {
        holdsRun(words, of: titleWords($0))
      } ?? false
    let headlineWords = headlines.map(titleWords)
    if !firstLineInTitle, !headlineWords.contains(where: { holdsRun($0, of: words) }) {
      let titleForms = TitleForms(title, words: words)
      if let variant = headlines.indices.first(where: {
        isVariant(headlineWords[$0], of: titleForms)
      }) {
        // The title's longest part ("Headline" of "Headline | Site") is the headline as
        // the page shows it; another variant is a headline of its own beside the title.
        // So is a headline whose words the title holds as a run ("Headline [Site]",
        // "Kicker: Headline | Site").
        let variantWords = headlineWords[variant]
        if !holdsRun(words, of: variantWords), !titleForms.partWords.contains(variantWords) {
          result.headline = headlines[variant]
        }
      } else if titleIsSiteName || titleIsTitlePart, let headline = sitePartHeadline {
        result.title = headline
      }
    }
  } else if let headline = shown.headline {
    result.title = headline
  }
  if result.authors.isEmpty, let author = shown.author { result.authors = [author] }
  guard let day = shown.date else { return result }
  let agrees = { (date: String?) -> Bool in
    guard let date else { return false }
    return agreesWithShownDay(date, day)
  }
  if shown.dateIsUpdate {
    if metadata.updated == nil {
      result.updated = day
    } else if !agrees(metadata.updated) {
      result.shownDate = day
    }
  } else if metadata.published == nil {
    result.published = day
  } else if !agrees(metadata.published) && !agrees(metadata.updated) {
    result.shownDate = day
  }
  return result
}

/// A title's words and its parts' (`titleParts`), read once for all the headlines compared
/// with it.
private struct TitleForms {
  /// The words of the title.
  let words: [Substring]
  /// The words of each of its parts (of the title itself when it has no separator).
  let partWords: [[Substring]]
  /// The words of its longest part (in characters), when it has two parts or more.
  let longestPartWords: [Substring]?

  init(_ title: String, words: [Substring]) {
    let parts = titleParts(title)
    self.words = words
    partWords = parts.map(titleWords)
    longestPartWords =
      parts.count > 1 ? parts.max { $0.count < $1.count }.map(titleWords) : nil
  }
}

/// Whether a headline (its `titleWords`) is the title, or its longest part between
/// `MetadataRules.titleSeparators` ("Headline | Site"), with some words changed: at least half
/// of the words of the longer of the two in common. A shorter part is the site's name, which a
/// banner repeats.
private func isVariant(_ words: [Substring], of title: TitleForms) -> Bool {
  guard !words.isEmpty else { return false }
  return ([title.words] + [title.longestPartWords].compactMap { $0 }).contains { other in
    var remaining = other
    var common = 0
    for word in words {
      if let position = remaining.firstIndex(of: word) {
        remaining.remove(at: position)
        common += 1
      }
    }
    return common > 0 && 2 * common >= max(words.count, other.count)
  }
}

/// A title's parts between `MetadataRules.titleSeparators`, split at the first separator it
/// holds ("Headline | Site" → "Headline", "Site"); the title alone when it holds none.
private func titleParts(_ title: String) -> [String] {
  for separator in MetadataRules.titleSeparators where containsText(title, separator) {
    return title.components(separatedBy: separator).map { normalizedText($0) }
  }
  return [title]
}

/// Whether `words` holds `run` as consecutive words.
private func holdsRun(_ words: [Substring], of run: [Substring]) -> Bool {
  guard !run.isEmpty, words.count >= run.count else { return false }
  return (0...(words.count - run.count)).contains {
    words[$0..<($0 + run.count)].elementsEqual(run)
  }
}

/// The words of a title: runs of letters and digits, lower-cased. In ASCII text (nearly every
/// title) a letter or a digit is one byte, split on without reading characters.
private func titleWords(_ text: String) -> [Substring] {
  let lowercased = text.lowercased()
  guard lowercased.utf8.allSatisfy({ $0 < 0x80 }) else {
    return lowercased.split { !$0.isLetter && !$0.isNumber }
  }
  return lowercased.utf8.split { !isLetterOrDigit($0) }.map { Substring($0) }
}

/// The text of element `index` a reader sees: its text outside scripts, styles and hidden
/// elements (and outside every skipped node with `outsideSkipped`: a headline's anchor sign or
/// share button), white space folded, up to its first `<br>` after some text with `firstLine`;
/// nil when it is longer than `BoilerplateRules.maximumStatusText` twice over or spans more
/// than four times
/// `ScoringRules.maximumDatelineLook` nodes (no headline or dateline does).
private func visibleText(
  of index: Int, in page: PageAnalysis, outsideSkipped: Bool = false, forDateline: Bool = false,
  firstLine: Bool = false, flowing: Bool = false
) -> String? {
  let document = page.document
  let nodes = document.nodes
  let isInline = { (element: Int) in page.traits[nodes[element].tag].contains(.inline) }
  var bytes: [UInt8] = []
  var inner = index + 1
  var (lastText, broken): (Int?, Bool) = (nil, false)
  while inner < nodes[index].end {
    if firstLine, nodes[inner].kind == .element, document.name(of: inner) == "br",
      !normalizedText(String(decoding: bytes, as: UTF8.self)).isEmpty
    {
      break
    }
    if nodes[inner].kind == .element {
      broken = broken || !isInline(inner)
    }
    if nodes[inner].kind == .element,
      (outsideSkipped && (page.skipped[inner] || isAnchorSign(inner, page)))
        || (forDateline && isNoDateline(inner, page)) || isInvisible(inner, page)
    {
      inner = nodes[inner].end
      continue
    }
    if nodes[inner].kind == .text {
      // With `flowing`, text in inline elements runs on as a reader sees it
      // ("algo<b>rithms</b>", "distri<wbr>buted"); a block or a `<br>` between two texts
      // parts them.
      if flowing, let previous = lastText,
        broken || leavesBlock(previous, toward: inner, document: document, isInline: isInline)
      {
        bytes.append(UInt8(ascii: " "))
      }
      (lastText, broken) = (inner, false)
      bytes += document.utf8[nodes[inner].textBytes]
      if !flowing { bytes.append(UInt8(ascii: " ")) }
      if bytes.count > 2 * BoilerplateRules.maximumStatusText * 4 { return nil }
    }
    if inner - index > ScoringRules.maximumDatelineLook * 4 { return nil }
    inner += 1
  }
  return normalizedText(String(decoding: bytes, as: UTF8.self))
}

/// Whether an element that holds node `previous` but not node `next`, below their common
/// ancestor, is a block: leaving it parts their texts.
private func leavesBlock(
  _ previous: Int, toward next: Int, document: HTMLDocument, isInline: (Int) -> Bool
) -> Bool {
  var ancestor = document.nodes[previous].parent
  while ancestor > 0 && !document.contains(ancestor, next) {
    if !isInline(ancestor) { return true }
    ancestor = document.nodes[ancestor].parent
  }
  return false
}

/// Whether element `index` is a heading's link to itself shown as a sign (Sphinx's `¶`, a
/// `#` or `§`): a link within the page (`#…`) with two characters of text or fewer.
private func isAnchorSign(_ index: Int, _ page: PageAnalysis) -> Bool {
  let document = page.document
  guard document.name(of: index) == "a",
    document.attribute("href", of: index)?.hasPrefix("#") ?? false
  else { return false }
  return normalizedText(document.text(of: index)).count <= 2
}

/// Whether the words right before a shown day (the last `MetadataRules.otherDayLook`) say it
/// is no day of the post's (`MetadataRules.otherDayWords`: "Last checked", "Today is",
/// "Retrieved"): a day that moves with the day the page is read.
private func namesOtherDay(_ before: Substring) -> Bool {
  before.lowercased().split { !$0.isLetter }.suffix(MetadataRules.otherDayLook).contains {
    MetadataRules.otherDayWords.contains(String($0))
  }
}

/// Whether element `index` holds a link (`<a href>` to no place in the page, no
/// `rel="author"`) whose text names a day (`shownDay`) and has at least
/// `MetadataRules.otherPostLinkWords` words (as written) besides a date's (`isDateWord`) and a
/// byline's "By": another post's title with its date ("« Older: A walk by the harbour (June
/// 2, 2024)"), not the dateline. A link with the words of the post's own title or headline
/// (`titles`: a permalink) is the post's. A date beside such a link, not in it (a card's), is
/// not looked at: a writer's linked name with a title ("Claire Wilson, Co-Founder & COO") is
/// as long as a post's title.
private func holdsOtherPostLink(
  _ index: Int, _ page: PageAnalysis, besides titles: Set<[Substring]>
) -> Bool {
  let document = page.document
  let nodes = document.nodes
  let anchorTag = document.tagNames.firstIndex(of: "a")
  return (index..<nodes[index].end).contains { inner in
    guard nodes[inner].kind == .element, nodes[inner].tag == anchorTag,
      let href = document.attribute("href", of: inner), !href.hasPrefix("#"),
      document.attribute("rel", of: inner)?.lowercased() != "author"
    else { return false }
    let text = normalizedText(document.text(of: inner))
    guard shownDay(in: text) != nil, !titles.contains(titleWords(text)) else { return false }
    // Words as written ("Roberts-Grey" is one), without a byline's "By" or a date's.
    let words = text.split(separator: " ").filter { word in
      word.contains { $0.isLetter || $0.isNumber } && !isDateWord(word)
        && !ScoringRules.bylineOpeners.contains(String(word))
    }
    return words.count >= MetadataRules.otherPostLinkWords
  }
}

/// Whether element `index` holds no dateline, whatever dates it shows: a picture or its
/// caption, or a part of the page named a comment, a sidebar or a list of other posts
/// (`MetadataRules.foreignSectionWords`).
private func isNoDateline(_ index: Int, _ page: PageAnalysis) -> Bool {
  let name = page.document.name(of: index)
  return name == "figure" || name == "figcaption" || name == "marquee"
    || page.marks[index].contains(.foreignSection)
}

/// Whether element `index` is never seen: a script, a style or another element that holds no
/// text (`TagTraits.nonText`), or one hidden by an attribute or a style.
private func isInvisible(_ index: Int, _ page: PageAnalysis) -> Bool {
  let document = page.document
  if page.traits[document.nodes[index].tag].contains(.nonText) { return true }
  if document.attribute("hidden", of: index) != nil { return true }
  if document.attribute("aria-hidden", of: index)?.lowercased() == "true" { return true }
  guard let style = document.attribute("style", of: index)?.lowercased() else { return false }
  let compact = withoutWhiteSpace(style)
  return containsText(compact, "display:none") || containsText(compact, "visibility:hidden")
}

/// Whether the words before a dateline's date say it is an update ("Last updated …",
/// "Modified …", "edited …", "Aktualisiert …"): an update word (`MetadataRules.updateWords`)
/// with no publication word (`MetadataRules.publicationWords`) after it.
private func callsUpdate(_ before: Substring) -> Bool {
  let words = before.lowercased().split { !$0.isLetter }
  guard let update = words.lastIndex(where: isUpdateWord) else { return false }
  return !words[update...].contains { MetadataRules.publicationWords.contains(String($0)) }
}

private func isUpdateWord(_ word: Substring) -> Bool {
  MetadataRules.updateWords.contains { word.hasPrefix($0) }
}

/// The name after "by" (`ScoringRules.bylineOpeners`, any case) in a dateline: one to four
/// words that start with a capital letter and hold letters, dots, hyphens and apostrophes
/// ("by Bradley M. Kuhn", "BY TMZ STAFF"); nil when there is none.
private func bylineName(in text: String) -> String? {
  let words = text.split(separator: " ")
  let openers = Set(ScoringRules.bylineOpeners.map { $0.lowercased() })
  guard let opener = words.firstIndex(where: { openers.contains($0.lowercased()) }) else {
    return nil
  }
  var names: [Substring] = []
  for word in words[(opener + 1)...] {
    let isName =
      word.first.map(\.isUppercase) ?? false
      && word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
    let lowercased = word.lowercased()
    guard isName, names.count < 4, !isUpdateWord(Substring(lowercased)),
      !MetadataRules.publicationWords.contains(lowercased)
    else { break }
    names.append(word)
  }
  return names.isEmpty ? nil : names.joined(separator: " ")
}

/// Whether a metadata date gives the day a page shows: its day, or, for a time in UTC (`Z`,
/// `+00:00`) or without an offset, the day before or after it too, as a page shows a UTC time in
/// its readers' time zone ("9:22 PM EST, Mon November 6" for `2023-11-07T02:22:09Z`). A time
/// with another offset is the site's own time, its day the day the site shows.
func agreesWithShownDay(_ date: String, _ day: String) -> Bool {
  if date.hasPrefix(day) { return true }
  let time = date.dropFirst(10)
  let inUTC = ["Z", "+00:00", "-00:00"].contains { time.hasSuffix($0) }
  let withOffset = time.contains("+") || time.contains("-")
  guard time.hasPrefix("T"), inUTC || !withOffset,
    let metadataDay = dayNumber(String(date.prefix(10))), let shownDay = dayNumber(day)
  else { return false }
  return abs(metadataDay - shownDay) <= 1
}

/// The number of days from 1970-01-01 to an ISO 8601 day (`2016-09-14`), for any Gregorian date.
private func dayNumber(_ day: String) -> Int? {
  let parts: [Int] = day.split(separator: "-").compactMap { Int($0) }
  guard parts.count == 3 else { return nil }
  let month: Int = parts[1]
  let year: Int = month <= 2 ? parts[0] - 1 : parts[0]
  let era: Int = (year >= 0 ? year : year - 399) / 400
  let yearOfEra: Int = year - era * 400
  let shifted: Int = month > 2 ? month - 3 : month + 9
  let dayOfYear: Int = (153 * shifted + 2) / 5 + parts[2] - 1
  let dayOfEra: Int = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}
