import DocumentDecoding
import FeedParsing
import HTMLParsing
import HTTPFetching

/// Turns `--feed URL` into the posts to check: the URL may be an RSS or Atom feed, a sitemap or
/// sitemap index, or a blog page that announces its feed with `<link rel="alternate">`. A page
/// that announces none gets the two usual places tried: Blogger's `/feeds/posts/default` and
/// WordPress's `/feed/`.
public struct FeedExpansion: Sendable {
  /// Fetches the feeds.
  public let fetcher: any Fetching
  /// How many pages of a paged feed (RFC 5005 `rel="next"`) to read; 1 reads the feed as
  /// served.
  public let pages: Int
  /// The most sitemaps one sitemap index may pull in.
  public let sitemapLimit: Int
  /// The most posts taken from one feed: a hostile or runaway feed (a sitemap of 100,000
  /// URLs) must not turn one run into a crawl.
  public let postLimit: Int

  /// The default `postLimit`: far above any blog feed (Blogger serves 25 posts, WordPress 10)
  /// and a sitemap of a large blog's years, far below what would make a run a crawl.
  public static let defaultPostLimit = 1_000

  /// Creates the expansion.
  public init(
    fetcher: any Fetching, pages: Int = 1, sitemapLimit: Int = 50,
    postLimit: Int = FeedExpansion.defaultPostLimit
  ) {
    self.fetcher = fetcher
    self.pages = max(1, pages)
    self.sitemapLimit = max(1, sitemapLimit)
    self.postLimit = max(1, postLimit)
  }

  /// The posts of one feed: the first `postLimit` of those it lists, and how many it listed.
  public struct PostList: Sendable, Equatable {
    /// The post URLs taken, each once, in the feed's order.
    public var urls: [String]
    /// How many distinct posts the feed listed (more than `urls.count` when it was cut).
    public var listed: Int
    /// Whether posts were left out for the limit.
    public var isCut: Bool { listed > urls.count }
  }

  /// The post URLs `url` lists, each once, in the feed's order, at most `postLimit`.
  /// - Throws: `RedlineError.feed`, `RedlineError.httpStatus` or a `FetchError`, each one line
  ///   naming the URL, when no feed could be read.
  public func postURLs(_ url: String) async throws -> [String] {
    try await posts(url).urls
  }

  /// The posts `url` lists, with how many there were before the limit.
  /// - Throws: as `postURLs`.
  public func posts(_ url: String) async throws -> PostList {
    let response = try await get(url)
    if let feed = parseFeed(response.body, baseURL: response.finalURL) {
      return try await expand(feed, from: url)
    }
    let announced = try announcedFeeds(response, url: url)
    let candidates =
      announced.isEmpty
      ? ["/feeds/posts/default", "/feed/"].compactMap { resolveURL($0, against: response.finalURL) }
      : announced
    var reasons: [String] = []
    for candidate in candidates {
      do {
        let feedResponse = try await get(candidate)
        if let feed = parseFeed(feedResponse.body, baseURL: feedResponse.finalURL) {
          return try await expand(feed, from: candidate)
        }
        reasons.append("\(candidate) is not a feed")
      } catch {
        reasons.append(String(describing: error))
      }
    }
    let tried = announced.isEmpty ? "no <link rel=\"alternate\"> feed; " : ""
    throw RedlineError.feed(url: url, reason: tried + reasons.joined(separator: "; "))
  }

  /// The feeds a page that is not a feed announces with `<link rel="alternate">`, read through
  /// the decoding stage: none when the page is not HTML.
  private func announcedFeeds(_ response: Response, url: String) throws -> [String] {
    let page: HTMLDocument?
    switch decodeDocument(response.body, contentType: response.header("Content-Type")) {
    case .html(let text): page = try? parseHTML(text.utf8, encoding: "utf-8")
    case .notHTML, .binary, .empty: return []
    }
    guard let page else {
      throw RedlineError.feed(url: url, reason: "neither a feed nor an HTML page")
    }
    return discoverFeeds(in: page, pageURL: response.finalURL)
  }

  private func expand(_ first: Feed, from url: String) async throws -> PostList {
    var urls: [String] = []
    var seen: Set<String> = []
    func add(_ entries: [FeedEntry]) {
      for entry in entries where seen.insert(entry.url).inserted && urls.count < postLimit {
        urls.append(entry.url)
      }
    }
    if first.kind == .sitemapIndex {
      for sitemap in first.entries.prefix(sitemapLimit) where urls.count < postLimit {
        let response = try await get(sitemap.url)
        guard let feed = parseFeed(response.body, baseURL: response.finalURL),
          feed.kind == .sitemap
        else { throw RedlineError.feed(url: sitemap.url, reason: "not a sitemap") }
        add(feed.entries)
      }
      return PostList(urls: urls, listed: seen.count)
    }
    add(first.entries)
    var feed = first
    var visited: Set<String> = [url]
    for _ in 1..<pages where urls.count < postLimit {
      guard let next = feed.nextPage, visited.insert(next).inserted else { break }
      let response = try await get(next)
      guard let page = parseFeed(response.body, baseURL: response.finalURL) else {
        throw RedlineError.feed(url: next, reason: "the next page of the feed is not a feed")
      }
      add(page.entries)
      feed = page
    }
    return PostList(urls: urls, listed: seen.count)
  }

  private func get(_ url: String) async throws -> Response {
    // Fetch errors name the URL already ("fetching URL: host not found: …").
    let response = try await fetcher.fetch(url)
    guard (200..<300).contains(response.status) else {
      throw RedlineError.httpStatus(url: url, status: response.status)
    }
    guard !response.body.isEmpty else { throw RedlineError.feed(url: url, reason: "empty body") }
    return response
  }
}
