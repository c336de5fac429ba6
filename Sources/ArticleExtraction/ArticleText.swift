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
  /// per line with a blank line between blocks, then, when the body has links, the links
  /// section: a line `Links:` and right under it each link target on a line of its own, in
  /// order of first appearance. Body blocks never span two lines, so a last section of several
  /// lines that starts with `Links:` can only be the links section (`ArticleText.linksMarker`).
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
    if !links.isEmpty, !body.isEmpty {
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
      links: links, text: canonicalText)
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
  let text: String
}

/// The parts of the canonical article text that other modules read back.
public enum ArticleText {
  /// The first line of the links section, the last section of the text.
  public static let linksMarker = "Links:"
  /// The name of the header line with the headline the page shows, when it is the title
  /// written otherwise.
  public static let headlineName = "Headline"
  /// The name of the header line with a day the page shows that its metadata does not give.
  public static let shownDateName = "Shown date"
  /// The version of the canonical text this module writes. 1: header and body (before links
  /// were part of the record); 2: a links section after the body.
  public static let formatVersion = 2

  /// The text without its links section: the form in which a text of format 2 compares with
  /// one of format 1, which had none.
  ///
  ///     ArticleText.withoutLinks("Title: A\n\nBody\n\nLinks:\nhttps://x\n")
  ///     // "Title: A\n\nBody\n"
  public static func withoutLinks(_ text: String) -> String {
    guard let range = linksSection(in: text) else { return text }
    return String(text[..<range.lowerBound]) + "\n"
  }

  /// The link targets of a canonical text's links section, in order; empty without one.
  public static func links(in text: String) -> [String] {
    guard let range = linksSection(in: text) else { return [] }
    return text[range].split(separator: "\n").dropFirst().map(String.init)
  }

  /// The range of the links section, from the blank line before it to the end of the text.
  /// Searched for from the end, in UTF-8: the section is at the end when there is one.
  private static func linksSection(in text: String) -> Range<String.Index>? {
    let utf8 = text.utf8
    var end = utf8.endIndex
    while let start = utf8[..<end].lastIndex(of: UInt8(ascii: "\n")) {
      end = start
      guard utf8[start...].starts(with: linksSectionOpening) else { continue }
      // From the marker's line on, no blank line: a body block that reads "Links:" has one.
      let marker = utf8.index(start, offsetBy: 2)
      guard !utf8[marker...].containsTwoInARow(of: UInt8(ascii: "\n")) else { return nil }
      return start..<text.endIndex
    }
    return nil
  }

  /// The bytes that open the links section: a blank line and the marker's line.
  private static let linksSectionOpening = Array(("\n\n" + linksMarker + "\n").utf8)
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
