import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import HTMLParsing

/// The metadata of a page, each field from the best source present.
struct PageMetadata {
  var title: String?
  var authors: [String] = []
  var published: String?
  var updated: String?
  var url: String?
  var siteName: String?
  var language: String?
  /// The text of the page's `<title>`, white space folded.
  var titleTag: String?
  /// A day the page shows above the post that its metadata does not give (`shownMetadata`).
  var shownDate: String?
  /// The headline the page shows when it is the title written otherwise (`shownMetadata`).
  var headline: String?
}

/// Reads JSON-LD, `<meta>` tags (OpenGraph, `article:*`, Twitter cards, Dublin Core),
/// microformats and platform markup, then `<title>`.
func extractMetadata(from page: PageAnalysis, options: ExtractionOptions) -> PageMetadata {
  let document = page.document
  let meta = MetaTags(document)
  let linkedData = LinkedData(document)
  var metadata = PageMetadata()

  metadata.siteName = meta.first(MetadataRules.siteNameMeta) ?? linkedData.publisherName
  let titleTag = {
    document.elements(named: "title").first.map { normalizedText(document.text(of: $0)) }
  }
  metadata.titleTag = titleTag()
  metadata.title =
    firstValue([
      { meta.first(MetadataRules.titleMeta) }, { linkedData.headline },
      { firstText(in: page, matching: MetadataRules.titleClasses) },
    ]) { $0.isEmpty ? nil : $0 }
    .map { trimmingSiteName($0, siteName: metadata.siteName) }
    ?? metadata.titleTag.flatMap { titleFromTitleTag($0, siteName: metadata.siteName) }
    ?? firstText(in: page, matching: [.tag("h1")])

  // A handle (`twitter:creator`'s "@name") is not a name: it is taken only when the page
  // names no author at all.
  let metaAuthors = meta.all(MetadataRules.authorMeta).filter { !$0.contains("://") }
  let linkedNames = linkedData.authors.filter { !isHandle($0) }
  metadata.authors = uniqueNonEmpty(
    !linkedNames.isEmpty
      ? linkedNames
      : (metaAuthors.first { !isHandle($0) }.map { [$0] }
        ?? firstText(in: page, matching: MetadataRules.authorClasses).map { [$0] }
        ?? (linkedData.authors.first ?? metaAuthors.first).map { [$0] } ?? []))

  metadata.published = firstValue(
    [
      { linkedData.published }, { meta.first(MetadataRules.publishedMeta) },
      { firstDate(in: page, matching: MetadataRules.publishedClasses) },
      { firstTimeElement(in: page) },
      { firstText(in: page, matching: MetadataRules.dateHeaderClasses) },
    ], normalizedDate)
  metadata.updated = firstValue(
    [
      { linkedData.modified }, { meta.first(MetadataRules.updatedMeta) },
      { firstDate(in: page, matching: MetadataRules.updatedClasses) },
    ], normalizedDate)

  let canonical = document.elements(named: "link").first { index in
    document.attribute("rel", of: index)?.lowercased().split(separator: " ")
      .contains("canonical") ?? false
  }.flatMap { document.attribute("href", of: $0) }
  metadata.url =
    [canonical, meta.first(MetadataRules.urlMeta), linkedData.url]
    .lazy.compactMap { $0.flatMap { resolved($0, against: options.url) } }.first
    ?? options.url

  let htmlLanguage = document.elements(named: "html").first.flatMap {
    document.attribute("lang", of: $0)
  }
  metadata.language = [htmlLanguage, meta.first(MetadataRules.languageMeta), linkedData.language]
    .lazy.compactMap { $0.map { $0.trimmingSpaces() } }
    .first { !$0.isEmpty }
    .map { String($0.map { $0 == "_" ? "-" : $0 }) }
  return metadata
}

/// `<meta>` values by lower-cased `property`, `name` or `itemprop`, in page order.
private struct MetaTags {
  private var values: [String: [String]] = [:]

  init(_ document: HTMLDocument) {
    for index in document.elements(named: "meta") {
      let attribute = { document.attribute($0, of: index) }
      guard let content = attribute("content").map(normalizedText), !content.isEmpty,
        let key = attribute("property") ?? attribute("name") ?? attribute("itemprop")
          ?? attribute("http-equiv")
      else { continue }
      values[key.lowercased(), default: []].append(content)
    }
  }

  func first(_ keys: [String]) -> String? {
    keys.lazy.compactMap { values[$0]?.first }.first
  }

  func all(_ keys: [String]) -> [String] {
    keys.flatMap { values[$0] ?? [] }
  }
}

/// The schema.org article described by the page's JSON-LD, if any.
private struct LinkedData {
  var headline: String?
  var authors: [String] = []
  var published: String?
  var modified: String?
  var url: String?
  var publisherName: String?
  var language: String?

  init(_ document: HTMLDocument) {
    var nodes: [LinkedDataNode] = []
    for index in document.elements(named: "script")
    where document.attribute("type", of: index).map({ containsText($0.lowercased(), "ld+json") })
      ?? false
    {
      let text = document.text(of: index)
      guard let json = try? JSONDecoder().decode(LinkedDataValue.self, from: Data(text.utf8))
      else { continue }
      json.collect(into: &nodes)
    }
    let articles = nodes.filter { $0.isArticle(allowingWebPage: false) }
    guard
      let article = articles.first ?? nodes.first(where: { $0.isArticle(allowingWebPage: true) })
    else { return }
    headline = Self.string(article.headline) ?? Self.string(article.name)
    authors = Self.names(article.author) + Self.names(article.creator)
    published = Self.string(article.datePublished) ?? Self.string(article.dateCreated)
    modified = Self.string(article.dateModified)
    url = Self.string(article.url) ?? Self.identifier(article.mainEntityOfPage)
    publisherName = Self.names(article.publisher).first
    language = Self.string(article.inLanguage)
  }

  private static func string(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let text):
      let normalized = normalizedText(text)
      return normalized.isEmpty ? nil : normalized
    case .array(let array): return array.lazy.compactMap { string($0) }.first
    default: return nil
    }
  }

  private static func identifier(_ value: JSONValue?) -> String? {
    if case .object(let object) = value { return string(object["@id"]) }
    return string(value)
  }

  private static func names(_ value: JSONValue?) -> [String] {
    switch value {
    case .string: return string(value).map { [$0] } ?? []
    case .object(let object): return string(object["name"]).map { [$0] } ?? []
    case .array(let array): return array.flatMap { names($0) }
    default: return []
    }
  }
}

/// A JSON-LD document or a value in its `@graph`: a node (an object), a list of values, or
/// anything else. Only nodes in lists and graphs are found, as schema.org publishers nest them.
private indirect enum LinkedDataValue: Decodable {
  case node(LinkedDataNode)
  case list([LinkedDataValue])
  case other

  init(from decoder: any Decoder) throws {
    if let node = try? LinkedDataNode(from: decoder) {
      self = .node(node)
    } else if let list = try? [LinkedDataValue](from: decoder) {
      self = .list(list)
    } else {
      self = .other
    }
  }

  /// The nodes of this value, its lists and its nodes' graphs, in document order.
  func collect(into nodes: inout [LinkedDataNode]) {
    switch self {
    case .node(let node):
      nodes.append(node)
      node.graph?.collect(into: &nodes)
    case .list(let values):
      for value in values { value.collect(into: &nodes) }
    case .other:
      break
    }
  }
}

/// The properties of a JSON-LD node that the metadata reads; the decoder skips the others
/// (an `articleBody` can be most of the page) without building them.
private struct LinkedDataNode: Decodable {
  let type: JSONValue?
  let graph: LinkedDataValue?
  let headline, name, author, creator, datePublished, dateCreated, dateModified: JSONValue?
  let url, mainEntityOfPage, publisher, inLanguage: JSONValue?

  private enum CodingKeys: String, CodingKey {
    case type = "@type", graph = "@graph"
    case headline, name, author, creator, datePublished, dateCreated, dateModified
    case url, mainEntityOfPage, publisher, inLanguage
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func value(_ key: CodingKeys) -> JSONValue? {
      (try? container.decodeIfPresent(JSONValue.self, forKey: key)) ?? nil
    }
    type = value(.type)
    graph = (try? container.decodeIfPresent(LinkedDataValue.self, forKey: .graph)) ?? nil
    headline = value(.headline)
    name = value(.name)
    author = value(.author)
    creator = value(.creator)
    datePublished = value(.datePublished)
    dateCreated = value(.dateCreated)
    dateModified = value(.dateModified)
    url = value(.url)
    mainEntityOfPage = value(.mainEntityOfPage)
    publisher = value(.publisher)
    inLanguage = value(.inLanguage)
  }

  func isArticle(allowingWebPage: Bool) -> Bool {
    let types: [String] =
      switch type {
      case .string(let type): [type]
      case .array(let items):
        items.compactMap { if case .string(let type) = $0 { type } else { nil } }
      default: []
      }
    return types.contains { type in
      MetadataRules.articleTypes.contains(type) && (allowingWebPage || type != "WebPage")
    }
  }
}

/// A JSON value as JSON-LD metadata reads it: strings, arrays and objects; numbers, booleans
/// and null are kept only as `other`.
private enum JSONValue: Decodable {
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
  case other

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let object = try? container.decode([String: JSONValue].self) {
      self = .object(object)
    } else if let array = try? container.decode([JSONValue].self) {
      self = .array(array)
    } else {
      self = .other
    }
  }
}

/// The text of the first element outside boilerplate that matches a pattern, earliest
/// pattern first.
/// Whether an author value is a social-media handle (`@riversidenotes`), not a person's name.
private func isHandle(_ value: String) -> Bool {
  let trimmed = value.trimmingSpacesAndNewlines()
  return trimmed.hasPrefix(MetadataRules.handlePrefix)
    && !trimmed.contains(where: \.isWhitespace)
}

private func firstText(in page: PageAnalysis, matching patterns: [ElementPattern]) -> String? {
  firstElement(in: page, matching: patterns).map { normalizedText(page.document.text(of: $0)) }
    .flatMap { $0.isEmpty ? nil : $0 }
}

/// A date from the first matching element: its `datetime`, `title` (Blogger's `abbr`) or
/// `content` attribute, else its text.
private func firstDate(in page: PageAnalysis, matching patterns: [ElementPattern]) -> String? {
  guard let index = firstElement(in: page, matching: patterns) else { return nil }
  let attribute = { page.document.attribute($0, of: index) }
  return attribute("datetime") ?? attribute("title") ?? attribute("content")
    ?? normalizedText(page.document.text(of: index))
}

private func firstTimeElement(in page: PageAnalysis) -> String? {
  page.document.elements(named: "time", within: page.body).lazy
    .filter { !isInForeignSection($0, page) }
    .compactMap { page.document.attribute("datetime", of: $0) }.first
}

/// The first element matching the earliest pattern that does not stand in another post's or
/// a reader's part of the page. Bylines and dates often sit in post footers, which are
/// boilerplate for the body but the right place for metadata.
///
/// One pass over the page: a node replaces the current answer only when it matches an earlier
/// pattern, so the answer is the first match of the earliest pattern that has one.
private func firstElement(in page: PageAnalysis, matching patterns: [ElementPattern]) -> Int? {
  var best: (pattern: Int, index: Int)?
  let needsAttributes = patterns.allSatisfy(\.needsAttributes)
  let resolved = patterns.map {
    ResolvedPattern($0, classes: page.classes, document: page.document)
  }
  for index in page.document.nodes.indices where page.document.nodes[index].kind == .element {
    if needsAttributes && page.document.nodes[index].attributeSpans.isEmpty { continue }
    let limit = best?.pattern ?? patterns.count
    guard limit > 0 else { break }
    guard
      let pattern = resolved[..<limit].firstIndex(where: {
        $0.matches(index, in: page.document, classes: page.classes)
      }),
      !isInForeignSection(index, page)
    else { continue }
    best = (pattern, index)
  }
  return best?.index
}

/// The first source, in order, whose value `accept` turns into a result; later sources are
/// never computed.
private func firstValue(
  _ sources: [() -> String?], _ accept: (String) -> String?
) -> String? {
  for source in sources {
    if let value = source(), let accepted = accept(value) { return accepted }
  }
  return nil
}

/// Whether an element stands in a part of the page whose bylines and dates are someone
/// else's: a part named so (`MetadataRules.foreignSectionWords`), or a list of other posts
/// a platform's class names (`MetadataRules.postListClasses`: a WordPress Query Loop).
///
/// With `post`, only the element and its ancestors that do not hold node `post` are looked at:
/// a page's layout (`contentWithSidebar`) around the post is no foreign section.
func isInForeignSection(_ index: Int, _ page: PageAnalysis, outside post: Int? = nil) -> Bool {
  var ancestor = index
  while ancestor > 0 {
    if let post, page.document.contains(ancestor, post) { return false }
    if page.marks[ancestor].contains(.foreignSection) {
      return true
    }
    // A class is a run of the value's characters: a value that holds none of the classes
    // (nearly every one) is not split into words.
    if let classes = page.document.attribute("class", of: ancestor),
      MetadataRules.postListClasses.contains(where: { containsText(classes, $0) }),
      classes.split(whereSeparator: \.isWhitespace).contains(where: {
        MetadataRules.postListClasses.contains(String($0))
      })
    {
      return true
    }
    ancestor = page.document.nodes[ancestor].parent
  }
  return false
}

/// "Post title | Blog name" → "Post title", when the site name is known or one part is clearly
/// the longer one.
private func titleFromTitleTag(_ title: String, siteName: String?) -> String? {
  guard !title.isEmpty else { return nil }
  let trimmed = trimmingSiteName(title, siteName: siteName)
  if trimmed != title { return trimmed }
  for separator in MetadataRules.titleSeparators {
    let parts = title.components(separatedBy: separator)
    guard parts.count == 2 else { continue }
    // Blogger: "Blog name: Post title"; most others: "Post title | Site".
    let longer = parts[0].count >= parts[1].count ? parts[0] : parts[1]
    return normalizedText(longer)
  }
  return title
}

private func trimmingSiteName(_ title: String, siteName: String?) -> String {
  guard let siteName, !siteName.isEmpty, title != siteName else { return title }
  for separator in MetadataRules.titleSeparators {
    if title.hasSuffix(separator + siteName) {
      return normalizedText(title.dropLast(separator.count + siteName.count))
    }
    if title.hasPrefix(siteName + separator) {
      return normalizedText(title.dropFirst(separator.count + siteName.count))
    }
  }
  return title
}

/// A canonical or `og:url` link made absolute against the page's URL; nil when it is no page
/// address: not http(s) or without a host once resolved (a template's `javascript:void(0)`,
/// a bare `http://`), or an unrendered template placeholder (`{{ page.url }}`, `{% url %}`,
/// `<%= url %>`, `${url}`), so that the next candidate, or the page's own URL, is taken.
private func resolved(_ link: String, against base: String?) -> String? {
  let trimmed = withoutControls(link.trimmingSpaces())
  guard !trimmed.isEmpty,
    !["{{", "{%", "<%", "${"].contains(where: { containsText(trimmed, $0) })
  else { return nil }
  let absolute: String
  if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
    absolute = trimmed
  } else {
    guard let base, let baseURL = URL(string: base),
      let resolved = URL(string: trimmed, relativeTo: baseURL)?.absoluteString
    else { return nil }
    absolute = resolved
  }
  guard let url = URL(string: absolute), let scheme = url.scheme?.lowercased(),
    scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
  else { return nil }
  return absolute
}

/// A link as a URL parser reads it (WHATWG URL Standard): tabs and line breaks anywhere are
/// removed, and the other C0 controls, DEL and spaces are percent-encoded. A control character
/// in a page's canonical link must not reach the one-line `URL:` header of the article text.
func withoutControls(_ link: String) -> String {
  guard link.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else { return link }
  // Leading and trailing controls and spaces go, as the URL parser strips them.
  let utf8 = Array(link.utf8)
  guard let first = utf8.firstIndex(where: { $0 > 0x20 }),
    let last = utf8.lastIndex(where: { $0 > 0x20 })
  else { return "" }
  var bytes: [UInt8] = []
  bytes.reserveCapacity(utf8.count)
  let hex = Array("0123456789ABCDEF".utf8)
  for byte in utf8[first...last] {
    switch byte {
    case 0x09, 0x0A, 0x0D: continue
    case 0x00..<0x21, 0x7F:
      bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
    default: bytes.append(byte)
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

private func uniqueNonEmpty(_ values: [String]) -> [String] {
  var seen: Set<String> = []
  return values.filter { !$0.isEmpty && seen.insert($0).inserted }
}
