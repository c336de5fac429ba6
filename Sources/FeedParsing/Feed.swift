/// A list of pages read from an RSS 2.0, RSS 1.0 (RDF), Atom or sitemap document.
public struct Feed: Sendable, Equatable {
  /// Which kind of document the list came from.
  public enum Kind: String, Sendable, Equatable {
    /// RSS 2.0 (`<rss><channel><item>`).
    case rss
    /// RSS 1.0 (`<rdf:RDF><item>`).
    case rdf
    /// Atom (`<feed><entry>`).
    case atom
    /// A sitemap (`<urlset><url>`).
    case sitemap
    /// A sitemap index (`<sitemapindex><sitemap>`): its entries are other sitemaps.
    case sitemapIndex
  }

  /// Which kind of document the list came from.
  public let kind: Kind
  /// The feed's own title, when it has one.
  public let title: String?
  /// The entries in document order, each URL once.
  public let entries: [FeedEntry]
  /// The next page of a paged feed (Atom or RSS `<atom:link rel="next">`, RFC 5005), if any.
  public let nextPage: String?

  /// Creates a feed.
  public init(kind: Kind, title: String?, entries: [FeedEntry], nextPage: String? = nil) {
    self.kind = kind
    self.title = title
    self.entries = entries
    self.nextPage = nextPage
  }
}

/// One post (or, in a sitemap index, one sitemap) a feed lists.
public struct FeedEntry: Sendable, Equatable {
  /// The absolute http or https URL of the post.
  public let url: String
  /// The entry's title, when the feed gives one.
  public let title: String?
  /// When the feed says the entry last changed (Atom `updated`, RSS `pubDate`, sitemap
  /// `lastmod`), as the feed wrote it.
  public let updated: String?

  /// Creates an entry.
  public init(url: String, title: String? = nil, updated: String? = nil) {
    self.url = url
    self.title = title
    self.updated = updated
  }
}
