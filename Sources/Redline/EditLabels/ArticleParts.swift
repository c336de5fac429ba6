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
    let split = Self.headerLines(of: sections.main[...])
    var header: [String: String] = [:]
    for line in split.lines { header[String(line.name)] = String(line.value) }
    self.header = header
    body = split.rest.split(separator: "\n").map(String.init)
  }

  /// One header line of a text, as slices of it: the whole line, its name and its value.
  struct HeaderLine {
    let line: Substring
    let name: Substring
    let value: Substring
  }

  /// The leading header lines of `text` (`Name: value`, a name of `headerNames`, up to the first
  /// line that is not one) and the text after them, as slices of `text`: the one reading of a
  /// header that `ArticleParts` and the render-clock comparison (`isRenderClockOnly`) share.
  ///
  ///     ArticleParts.headerLines(of: "Title: A\nPublished: 2026-12-07\n\nBody\n")
  ///     // lines: Title "A", Published "2026-12-07"; rest: "\nBody\n"
  static func headerLines(of text: Substring) -> (lines: [HeaderLine], rest: Substring) {
    var lines: [HeaderLine] = []
    var remaining = text
    while !remaining.isEmpty {
      let end = remaining.firstIndex(of: "\n") ?? remaining.endIndex
      let line = remaining[..<end]
      guard let colon = line.firstIndex(of: ":"),
        headerNames.contains(String(line[..<colon])),
        line[line.index(after: colon)...].hasPrefix(" ")
      else { break }
      lines.append(
        HeaderLine(
          line: line, name: line[..<colon], value: line[line.index(colon, offsetBy: 2)...]))
      remaining =
        end == remaining.endIndex ? remaining[end...] : remaining[remaining.index(after: end)...]
    }
    return (lines, remaining)
  }
}
