import ArticleExtraction
import DocumentDecoding
import HTMLParsing
import WatchList

/// The extraction rules in force for one page: the selector that names its article (a watch's
/// own, else its site's) and the ignore rules (the site's and the watch's), compiled.
///
/// Invariant: `xpath` compiled with libxml2 and every pattern compiled when the value was made.
public struct PageRules: Sendable, Equatable {
  /// The XPath expression naming the article (a CSS selector is translated to it).
  public let xpath: String?
  /// Regular expressions; article lines matching any are left out.
  public let ignore: [String]
  /// How `log` and `show` name the rules, and what the history records: `css div.post-body
  /// (site example.org); ignore ^Share this (watch)`.
  public let label: String

  /// The rules for a page from its watch's and its site's, or nil when neither sets any.
  /// - Throws: `WatchListError.badSelector` or `.badPattern` for a rule that does not compile.
  public init?(watch: ExtractionRules, site: ExtractionRules?, host: String?) throws(WatchListError)
  {
    let siteRules = site ?? ExtractionRules()
    var parts: [String] = []
    var selector: String?
    for (rules, origin) in [(watch, "watch"), (siteRules, "site \(host ?? "")")] {
      guard selector == nil else { break }
      if let xpath = rules.xpath {
        try checkXPath(xpath)
        selector = xpath
        parts.append("xpath \(xpath) (\(origin))")
      } else if let css = rules.css {
        selector = try translatedCSS(css)
        parts.append("css \(css) (\(origin))")
      }
    }
    try RuleCheck.validate(siteRules)
    try RuleCheck.validate(watch)
    let ignore = siteRules.ignore + watch.ignore
    for pattern in siteRules.ignore { parts.append("ignore \(pattern) (site \(host ?? ""))") }
    for pattern in watch.ignore { parts.append("ignore \(pattern) (watch)") }
    guard !parts.isEmpty else { return nil }
    xpath = selector
    self.ignore = ignore
    label = parts.joined(separator: "; ")
  }

  /// Checks a watch's rules as `watch add` takes them: the selector parses, the patterns
  /// compile.
  /// - Throws: `WatchListError` naming the rule.
  public static func check(_ rules: ExtractionRules) throws(WatchListError) {
    _ = try PageRules(watch: rules, site: nil, host: nil)
  }

  /// The article text with ignored lines left out: a body block (one line) that matches is
  /// dropped with the blank line after it; header lines (`Title:` …) are kept; in the captions
  /// and links sections, matching captions and links are dropped.
  func filtered(_ text: String) -> String {
    guard !ignore.isEmpty else { return text }
    let patterns = ignore.compactMap { try? Regex($0) }
    func ignored(_ line: Substring) -> Bool {
      patterns.contains { line.firstMatch(of: $0) != nil }
    }
    let sections = text.split(separator: "\n\n", omittingEmptySubsequences: false)
    guard let header = sections.first else { return text }
    var kept: [Substring] = [header]
    for section in sections.dropFirst() {
      let lines = section.split(separator: "\n", omittingEmptySubsequences: false)
      // A trailing section: its marker and lines under it (a body block is one line).
      let markers = [ArticleText.captionsMarker, ArticleText.linksMarker]
      if let first = lines.first, markers.contains(String(first)),
        lines.dropFirst().contains(where: { !$0.isEmpty })
      {
        let entries = lines.dropFirst().filter { !$0.isEmpty && !ignored($0) }
        if !entries.isEmpty { kept.append(([lines[0]] + entries).joined(separator: "\n")[...]) }
      } else if !ignored(section.prefix { $0 != "\n" }) {
        kept.append(section)
      }
    }
    var result = kept.joined(separator: "\n\n")
    if !result.hasSuffix("\n") { result += "\n" }
    return result
  }
}

private func checkXPath(_ xpath: String) throws(WatchListError) {
  do {
    try validateXPath(xpath)
  } catch {
    throw .badSelector(xpath, reason: "not an XPath expression libxml2 can compile")
  }
}

private func translatedCSS(_ css: String) throws(WatchListError) -> String {
  do {
    let translated = try HTMLParsing.xpath(fromCSS: css)
    try checkXPath(translated)
    return translated
  } catch let error as CSSSelectorError {
    throw .badSelector(css, reason: error.reason)
  } catch {
    throw .badSelector(css, reason: "its XPath translation does not compile")
  }
}

/// Parses and extracts one page under extraction rules: the selector's part of the page, then
/// the ignore rules; without rules, as `readArticle(_:url:)`.
/// - Throws: `SelectorError` (the selector matches nothing), `ParseError`, `ExtractionError`.
public func readArticle(_ text: DecodedText, url: String?, rules: PageRules?) throws
  -> ReadArticle
{
  guard let rules else { return try readArticle(text, url: url) }
  var read: ReadArticle
  if let xpath = rules.xpath {
    let selected = try selectedArticleHTML(text.utf8, xpath: xpath)
    let document = try parseHTML(selected, encoding: "utf-8")
    let result = try extractSelectedArticle(from: document, options: ExtractionOptions(url: url))
    read = ReadArticle(
      article: result.article, method: result.method, text: result.article.canonicalText)
  } else {
    read = try readArticle(text, url: url)
  }
  let filtered = rules.filtered(read.text)
  if filtered != read.text {
    read = ReadArticle(
      article: read.article, method: read.method + " + ignore rules", text: filtered)
  }
  return read
}

/// The article of stored raw HTML under rules, for comparing an old capture with a new one
/// under the same rules; nil when it cannot be read.
func readArticle(_ bytes: [UInt8], charset: String?, url: String?, rules: PageRules?)
  -> ReadArticle?
{
  try? readArticle(decodeText(bytes, declaredCharset: charset), url: url, rules: rules)
}
