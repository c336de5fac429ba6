internal import CLibXML2

private let atomNamespace = "http://www.w3.org/2005/Atom"
private let feedburnerNamespace = "http://rssnamespace.org/feedburner/ext/1.0"

/// Reads a feed or sitemap with libxml2's XML parser: RSS 2.0, RSS 1.0 (RDF), Atom, a sitemap
/// or a sitemap index. The parser recovers from errors, never touches the network and never
/// loads external entities or DTDs.
///
/// Relative links are resolved against `xml:base` and `baseURL` (the URL the document came
/// from) with libxml2's RFC 3986 resolver; entries whose URL is not http or https are
/// dropped, and each URL is kept once, in document order. RSS items prefer FeedBurner's
/// `origLink`, then `link`, then a permalink `guid`; Atom entries take the `alternate` link.
///
/// - Returns: the feed, or nil when the bytes are not one of these documents (an HTML page,
///   say) or libxml2 cannot be loaded (`parseHTML` then says so).
public func parseFeed(_ bytes: [UInt8], baseURL: String) -> Feed? {
  guard !bytes.isEmpty, bytes.count <= Int(Int32.max), cxml_load() != 0 else { return nil }
  let options = Int32(
    XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
      | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
  let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { chars in
      cxml_xmlReadMemory(chars.baseAddress, Int32(chars.count), baseURL, nil, options)
    }
  }
  guard let document else { return nil }
  defer { cxml_xmlFreeDoc(document) }
  guard let root = cxml_xmlDocGetRootElement(document) else { return nil }
  let reader = FeedReader(document: document)
  switch reader.name(root) {
  case "rss":
    guard let channel = reader.children(of: root, named: "channel").first else { return nil }
    return Feed(
      kind: .rss, title: reader.childText(channel, "title"),
      entries: reader.unique(reader.children(of: channel, named: "item").map(reader.rssItem)),
      nextPage: reader.nextPage(channel))
  case "RDF":
    return Feed(
      kind: .rdf,
      title: reader.children(of: root, named: "channel").first.flatMap {
        reader.childText($0, "title")
      },
      entries: reader.unique(reader.children(of: root, named: "item").map(reader.rssItem)))
  case "feed" where reader.namespace(root) == atomNamespace:
    return Feed(
      kind: .atom, title: reader.childText(root, "title"),
      entries: reader.unique(reader.children(of: root, named: "entry").map(reader.atomEntry)),
      nextPage: reader.nextPage(root))
  case "urlset":
    return Feed(
      kind: .sitemap, title: nil,
      entries: reader.unique(reader.children(of: root, named: "url").map(reader.sitemapEntry)))
  case "sitemapindex":
    return Feed(
      kind: .sitemapIndex, title: nil,
      entries: reader.unique(
        reader.children(of: root, named: "sitemap").map(reader.sitemapEntry)))
  default:
    return nil
  }
}

/// Reading helpers over one parsed libxml2 document.
private struct FeedReader {
  let document: xmlDocPtr

  func name(_ node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
  }

  func namespace(_ node: xmlNodePtr) -> String? {
    node.pointee.ns?.pointee.href.map { String(cString: $0) }
  }

  func children(of node: xmlNodePtr, named wanted: String) -> [xmlNodePtr] {
    var result: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE, name(current) == wanted {
        result.append(current)
      }
      child = current.pointee.next
    }
    return result
  }

  /// The trimmed text of a node; nil when empty.
  func text(_ node: xmlNodePtr) -> String? {
    guard let content = cxml_xmlNodeGetContent(node) else { return nil }
    defer { cxml_free(content) }
    let value = trimmed(String(cString: content))
    return value.isEmpty ? nil : value
  }

  func childText(_ node: xmlNodePtr, _ childName: String) -> String? {
    children(of: node, named: childName).lazy.compactMap(text).first
  }

  /// `reference` resolved against the node's base (xml:base, else the document URL); nil unless
  /// the result is an http or https URL.
  func resolve(_ reference: String, at node: xmlNodePtr) -> String? {
    let base = cxml_xmlNodeGetBase(document, node)
    defer { if let base { cxml_free(base) } }
    return buildWebURL(reference, base: base)
  }

  func attribute(_ node: xmlNodePtr, _ attributeName: String) -> String? {
    guard let value = cxml_xmlGetProp(node, attributeName) else { return nil }
    defer { cxml_free(value) }
    return trimmed(String(cString: value))
  }

  func rssItem(_ item: xmlNodePtr) -> FeedEntry? {
    let origLink = children(of: item, named: "origLink").first {
      namespace($0) == feedburnerNamespace
    }
    let links = (origLink.map { [$0] } ?? []) + children(of: item, named: "link")
    var url = links.lazy.compactMap { link in text(link).flatMap { resolve($0, at: link) } }.first
    if url == nil, let guid = children(of: item, named: "guid").first,
      attribute(guid, "isPermaLink")?.lowercased() != "false"
    {
      url = text(guid).flatMap { resolve($0, at: guid) }
    }
    guard let url else { return nil }
    return FeedEntry(
      url: url, title: childText(item, "title"),
      updated: childText(item, "pubDate") ?? childText(item, "date"))
  }

  func atomEntry(_ entry: xmlNodePtr) -> FeedEntry? {
    let links = children(of: entry, named: "link").filter { link in
      let rel = attribute(link, "rel")?.lowercased() ?? "alternate"
      let type = attribute(link, "type")?.lowercased() ?? "text/html"
      return rel == "alternate" && (type.contains("html"))
    }
    guard
      let url = links.lazy.compactMap({ link in
        attribute(link, "href").flatMap { resolve($0, at: link) }
      }).first
    else { return nil }
    return FeedEntry(
      url: url, title: childText(entry, "title"),
      updated: childText(entry, "updated") ?? childText(entry, "published"))
  }

  func sitemapEntry(_ node: xmlNodePtr) -> FeedEntry? {
    guard let location = children(of: node, named: "loc").first,
      let url = text(location).flatMap({ resolve($0, at: location) })
    else { return nil }
    return FeedEntry(url: url, updated: childText(node, "lastmod"))
  }

  /// RFC 5005's `<atom:link rel="next">`, on an Atom feed or inside an RSS channel.
  func nextPage(_ node: xmlNodePtr) -> String? {
    children(of: node, named: "link").lazy.filter {
      namespace($0) == atomNamespace && attribute($0, "rel")?.lowercased() == "next"
    }.compactMap { link in attribute(link, "href").flatMap { resolve($0, at: link) } }.first
  }

  func unique(_ entries: [FeedEntry?]) -> [FeedEntry] {
    var seen: Set<String> = []
    return entries.compactMap { $0 }.filter { seen.insert($0.url).inserted }
  }
}

func trimmed(_ text: String) -> String {
  let scalars = text.unicodeScalars
  guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
    let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
  else { return "" }
  return String(String.UnicodeScalarView(scalars[start...end]))
}
