internal import CLibXML2
import HTMLParsing

/// The feeds an HTML page announces with `<link rel="alternate" type="application/rss+xml">`
/// or `type="application/atom+xml"`, resolved against `<base href>` and the page URL, in page
/// order, with the posts' feeds before comment feeds (a post page on WordPress announces the
/// site's feed, its comments feed and the post's own comments feed).
public func discoverFeeds(in page: HTMLDocument, pageURL: String) -> [String] {
  let base =
    page.elements(named: "base").lazy.compactMap { page.attribute("href", of: $0) }
    .first.flatMap { resolveURL($0, against: pageURL) } ?? pageURL
  var feeds: [String] = []
  for link in page.elements(named: "link") {
    let rel = (page.attribute("rel", of: link) ?? "").lowercased().split(separator: " ")
    let type = (page.attribute("type", of: link) ?? "").lowercased()
    guard rel.contains("alternate"),
      type.hasPrefix("application/rss+xml") || type.hasPrefix("application/atom+xml"),
      let href = page.attribute("href", of: link), let url = resolveURL(href, against: base),
      !feeds.contains(url)
    else { continue }
    feeds.append(url)
  }
  let isCommentFeed = { (url: String) in url.lowercased().contains("comment") }
  return feeds.filter { !isCommentFeed($0) } + feeds.filter(isCommentFeed)
}

/// `reference` resolved against `base` with libxml2's RFC 3986 resolver; nil unless the
/// result is an http or https URL.
public func resolveURL(_ reference: String, against base: String) -> String? {
  base.withCString { chars in
    chars.withMemoryRebound(to: xmlChar.self, capacity: base.utf8.count + 1) {
      buildWebURL(reference, base: $0)
    }
  }
}

/// libxml2's `xmlBuildURI`; nil unless the result is an http or https URL (or libxml2 cannot
/// be loaded).
func buildWebURL(_ reference: String, base: UnsafePointer<xmlChar>?) -> String? {
  guard cxml_load() != 0 else { return nil }
  let resolved: String? = reference.withCString { chars in
    chars.withMemoryRebound(to: xmlChar.self, capacity: reference.utf8.count + 1) { pointer in
      guard let built = cxml_xmlBuildURI(pointer, base) else { return nil }
      defer { cxml_free(built) }
      return String(cString: built)
    }
  }
  guard let resolved else { return nil }
  let lowered = resolved.lowercased()
  return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? resolved : nil
}
