import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The output formats of an extracted article.
public enum ArticleFormat: String, Sendable, CaseIterable {
  /// The canonical article text Redline stores and diffs: header lines, then Markdown blocks.
  case article
  /// The body only, one block per line with no markers (what extraction benchmarks score).
  case text
  /// A Markdown document: the title as a heading, then the body.
  case markdown
  /// A JSON object with the metadata, the blocks and the canonical text.
  case json
}

extension Article {
  /// Renders the article in one of the output formats. The same article always gives the same
  /// bytes; the text ends with exactly one newline.
  ///
  ///     let text = article.rendered(as: .article)   // "Title: …\n\nFirst paragraph\n"
  public func rendered(as format: ArticleFormat) -> String {
    switch format {
    case .article: canonicalText
    case .text: blocks.isEmpty ? "" : blocks.map(\.text).joined(separator: "\n") + "\n"
    case .markdown: markdown
    case .json: json
    }
  }

  /// The canonical article text of DESIGN.md: known header lines, a blank line, then one block
  /// per line with a blank line between blocks, then, when the body has any, the captions
  /// section (a line `Captions:` and under it each caption the body left out, a line each, in
  /// page order) and the links section (a line `Links:` and under it each link target, in order
  /// of first appearance). Body blocks never span two lines, so a trailing section of several
  /// lines that starts with `Captions:` or `Links:` can only be that section
  /// (`ArticleText.captionsMarker`, `ArticleText.linksMarker`).
  public var canonicalText: String {
    var header: [String] = []
    if let title { header.append("Title: \(title)") }
    if let headline { header.append("\(ArticleText.headlineName): \(headline)") }
    if !authors.isEmpty { header.append("Author: \(authors.joined(separator: ", "))") }
    if let published { header.append("Published: \(published)") }
    if let updated { header.append("Updated: \(updated)") }
    if let shownDate { header.append("\(ArticleText.shownDateName): \(shownDate)") }
    if let url { header.append("URL: \(url)") }
    let body = blocks.map(\.markdownLine)
    var sections = [header.joined(separator: "\n")].filter { !$0.isEmpty } + body
    // The trailing sections as `ArticleText.Sections.text()` writes them, joined here at once
    // rather than split off and joined again (a copy of the whole text each).
    if !body.isEmpty, !captions.isEmpty {
      sections.append(([ArticleText.captionsMarker] + captions).joined(separator: "\n"))
    }
    if !body.isEmpty, !links.isEmpty {
      sections.append(([ArticleText.linksMarker] + links).joined(separator: "\n"))
    }
    return sections.isEmpty ? "" : sections.joined(separator: "\n\n") + "\n"
  }

  private var markdown: String {
    var sections: [String] = []
    if let title { sections.append("# \(title)") }
    sections += blocks.map(\.markdownLine)
    return sections.isEmpty ? "" : sections.joined(separator: "\n\n") + "\n"
  }

  private var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let document = ArticleJSON(
      title: title, headline: headline, authors: authors, published: published,
      updated: updated,
      shownDate: shownDate, url: url,
      siteName: siteName, language: language,
      blocks: blocks.map { ArticleJSON.BlockJSON(type: $0.typeName, text: $0.text) },
      links: links, captions: captions, text: canonicalText)
    guard let data = try? encoder.encode(document) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

private struct ArticleJSON: Encodable {
  struct BlockJSON: Encodable {
    let type: String
    let text: String
  }
  let title: String?
  let headline: String?
  let authors: [String]
  let published: String?
  let updated: String?
  let shownDate: String?
  let url: String?
  let siteName: String?
  let language: String?
  let blocks: [BlockJSON]
  let links: [String]
  let captions: [String]
  let text: String
}

/// The parts of the canonical article text that other modules read back.
public enum ArticleText {
  /// The first line of the links section, the last section of the text.
  public static let linksMarker = "Links:"
  /// The first line of the captions section, right before the links section.
  public static let captionsMarker = "Captions:"
  /// The name of the header line with the headline the page shows, when it is the title
  /// written otherwise.
  public static let headlineName = "Headline"
  /// The name of the header line with a day the page shows that its metadata does not give.
  public static let shownDateName = "Shown date"
  /// The version of the canonical text this module writes. 1: header and body (before links
  /// were part of the record); 2: a links section after the body; 3: a captions section
  /// between the body and the links section; 4: link targets without the parameters that
  /// change per visit (`withoutVisitTokens`: session ids, signatures, trackers).
  public static let formatVersion = 4
  /// The first format with a links section.
  public static let linksFormat = 2
  /// The first format with a captions section.
  public static let captionsFormat = 3
  /// The first format whose link targets leave out per-visit parameters.
  public static let visitTokensFormat = 4

  /// A text of format `format` with its links section as today's format writes it: for formats
  /// 2 and 3, each stored target without its per-visit parameters (`withoutVisitTokens`), each
  /// once in order of first appearance, as `linkTargets` would have recorded them from the same
  /// page; any other text as it is. Made from the stored text alone, so that a capture stored
  /// before format 4 compares with a newer one without a false edit.
  ///
  ///     ArticleText.withStableLinks(
  ///       "Title: A\n\nBody\n\nLinks:\nhttps://x/?utm_source=a\nhttps://x/\n", format: 3)
  ///     // "Title: A\n\nBody\n\nLinks:\nhttps://x/\n"
  public static func withStableLinks(_ text: String, format: Int) -> String {
    guard format >= linksFormat, format < visitTokensFormat else { return text }
    var sections = Sections(text)
    guard !sections.links.isEmpty else { return text }
    var seen: Set<String> = []
    let links = sections.links.compactMap { line -> String? in
      let target = withoutVisitTokens(line)
      return isRecordedTarget(target) && seen.insert(target).inserted ? target : nil
    }
    guard links != sections.links else { return text }
    sections.links = links
    return sections.text()
  }

  /// The text without its links section (its captions section stays).
  ///
  ///     ArticleText.withoutLinks("Title: A\n\nBody\n\nLinks:\nhttps://x\n")
  ///     // "Title: A\n\nBody\n"
  public static func withoutLinks(_ text: String) -> String {
    guard let range = section(linksOpening, in: text) else { return text }
    return String(text[..<range.lowerBound]) + "\n"
  }

  /// The text as a text of format `version` has it: without the sections that format did not
  /// have yet (the captions section before 3, the links section before 2). The form in which
  /// texts of two formats compare (with the older of the two, after `withStableLinks`); a text
  /// of `version` or older, or of a version with both sections, is returned as it is.
  ///
  ///     ArticleText.inFormat(2, "Title: A\n\nBody\n\nCaptions:\nA cat\n\nLinks:\nhttps://x\n")
  ///     // "Title: A\n\nBody\n\nLinks:\nhttps://x\n"
  public static func inFormat(_ version: Int, _ text: String) -> String {
    guard version < captionsFormat else { return text }
    var sections = Sections(text)
    let dropsLinks = version < linksFormat && !sections.links.isEmpty
    guard !sections.captions.isEmpty || dropsLinks else { return text }
    sections.captions = []
    if dropsLinks { sections.links = [] }
    return sections.text()
  }

  /// A canonical text split into its header and body (`main`) and its trailing sections.
  /// `Sections(text).text()` is `text` for every text `canonicalText` writes.
  public struct Sections: Sendable, Equatable {
    /// The header lines and the body blocks: the text up to its trailing sections, ending with
    /// a line feed when it is not empty.
    public var main: String
    /// The lines of the captions section, without its marker.
    public var captions: [String]
    /// The lines of the links section, without its marker.
    public var links: [String]

    /// The sections of a text as given.
    public init(main: String, captions: [String] = [], links: [String] = []) {
      self.main = main
      self.captions = captions
      self.links = links
    }

    /// Splits a canonical text: the links section is the text's last section, the captions
    /// section the last one before it.
    public init(_ text: String) {
      var rest = text
      var links: [String] = []
      var captions: [String] = []
      if let range = ArticleText.section(ArticleText.linksOpening, in: rest) {
        links = Self.lines(of: rest[range])
        rest = String(rest[..<range.lowerBound]) + "\n"
      }
      if let range = ArticleText.section(ArticleText.captionsOpening, in: rest) {
        captions = Self.lines(of: rest[range])
        rest = String(rest[..<range.lowerBound]) + "\n"
      }
      self.init(main: rest, captions: captions, links: links)
    }

    /// The text: `main`, then the captions section and the links section when they have lines.
    public func text() -> String {
      var trailing: [String] = []
      if !captions.isEmpty {
        trailing.append(([ArticleText.captionsMarker] + captions).joined(separator: "\n"))
      }
      if !links.isEmpty {
        trailing.append(([ArticleText.linksMarker] + links).joined(separator: "\n"))
      }
      guard !trailing.isEmpty else { return main }
      let head = main.hasSuffix("\n") ? String(main.dropLast()) : main
      return ([head] + trailing).joined(separator: "\n\n") + "\n"
    }

    /// The lines of a section after its marker's line.
    private static func lines(of section: Substring) -> [String] {
      section.split(separator: "\n").dropFirst().map(String.init)
    }
  }

  /// The range of the trailing section that `opening` opens (a blank line and the marker's
  /// line), from the blank line to the end of the text: the last such opening, followed by at
  /// least one line and no blank line. Searched for from the end, in UTF-8.
  private static func section(_ opening: [UInt8], in text: String) -> Range<String.Index>? {
    let utf8 = text.utf8
    var end = utf8.endIndex
    while let start = utf8[..<end].lastIndex(of: UInt8(ascii: "\n")) {
      end = start
      guard utf8[start...].starts(with: opening) else { continue }
      // From the marker's line on, no blank line: a body block that reads "Links:" has one.
      let marker = utf8.index(start, offsetBy: 2)
      let lines = utf8.index(start, offsetBy: opening.count)
      guard lines < utf8.endIndex, utf8[lines] != UInt8(ascii: "\n"),
        !utf8[marker...].containsTwoInARow(of: UInt8(ascii: "\n"))
      else { return nil }
      return start..<text.endIndex
    }
    return nil
  }

  /// The bytes that open each section: a blank line and the marker's line.
  private static let linksOpening = Array(("\n\n" + linksMarker + "\n").utf8)
  private static let captionsOpening = Array(("\n\n" + captionsMarker + "\n").utf8)
}

extension Block {
  /// The block as one Markdown line: `## heading`, `- item`, `1. item`, `> quote`,
  /// four-space-indented code, `| a | b |`, or the plain paragraph.
  public var markdownLine: String {
    switch kind {
    case .paragraph: text
    case .heading(let level): String(repeating: "#", count: min(max(level, 1), 6)) + " " + text
    case .listItem: "- " + text
    case .numberedItem(let number): "\(number). " + text
    case .quote: "> " + text
    case .code: "    " + text
    case .tableRow: "| " + text + " |"
    }
  }

  fileprivate var typeName: String {
    switch kind {
    case .paragraph: "paragraph"
    case .heading(let level): "h\(level)"
    case .listItem, .numberedItem: "list-item"
    case .quote: "quote"
    case .code: "code"
    case .tableRow: "table-row"
    }
  }
}

extension Collection where Element == UInt8 {
  /// Whether two `byte`s follow each other anywhere in the bytes.
  fileprivate func containsTwoInARow(of byte: UInt8) -> Bool {
    var previous = false
    for element in self {
      let current = element == byte
      if previous && current { return true }
      previous = current
    }
    return false
  }
}
