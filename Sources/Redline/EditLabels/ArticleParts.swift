import ArticleExtraction

/// A stored article text split into its header lines and its body blocks.
///
/// Invariant: `body` holds the non-empty lines after the header and before the trailing
/// sections, in order; `captions` the lines of the captions section after its `Captions:`
/// line; `links` the lines of the links section after its `Links:` line.
struct ArticleParts: Sendable {
  /// The header fields (`Title`, `Author`, `Published`, `Updated`, `URL`) by name.
  let header: [String: String]
  /// The body blocks, one per line, with their Markdown markers.
  let body: [String]
  /// The captions of the captions section, in order.
  let captions: [String]
  /// The link targets of the links section, in order.
  let links: [String]

  /// The header names the canonical text uses (ArticleText.swift).
  static let headerNames: Set<String> = [
    "Title", ArticleText.headlineName, "Author", "Published", "Updated",
    ArticleText.shownDateName, "URL",
  ]

  /// Splits a canonical article text. Header lines are the leading lines of the form
  /// `Name: value` with a known name, up to the first blank line.
  init(_ text: String) {
    let sections = ArticleText.Sections(text)
    (captions, links) = (sections.captions, sections.links)
    var lines = sections.main.split(
      separator: "\n", omittingEmptySubsequences: false)[...]
    var header: [String: String] = [:]
    while let line = lines.first, let colon = line.firstIndex(of: ":"),
      Self.headerNames.contains(String(line[..<colon])),
      line[line.index(after: colon)...].hasPrefix(" ")
    {
      header[String(line[..<colon])] = String(line[line.index(colon, offsetBy: 2)...])
      lines.removeFirst()
    }
    self.header = header
    body = lines.filter { !$0.isEmpty }.map(String.init)
  }
}
