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

  /// Creates the expansion.
  public init(fetcher: any Fetching, pages: Int = 1, sitemapLimit: Int = 50) {
    self.fetcher = fetcher
    self.pages = max(1, pages)
    self.sitemapLimit = max(1, sitemapLimit)
  }

  /// The post URLs `url` lists, each once, in the feed's order.
  /// - Throws: `RedlineError.feed`, `RedlineError.httpStatus` or a `FetchError`, each one line
  ///   naming the URL, when no feed could be read.
  public func postURLs(_ url: String) async throws -> [String] {
    let response = try await get(url)
    if let feed = parseFeed(response.body, baseURL: response.finalURL) {
      return try await expand(feed, from: url)
    }
    guard let page = try? parseHTML(response.body) else {
      throw RedlineError.feed(url: url, reason: "neither a feed nor an HTML page")
    }
    let announced = discoverFeeds(in: page, pageURL: response.finalURL)
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

  private func expand(_ first: Feed, from url: String) async throws -> [String] {
    var urls: [String] = []
    var seen: Set<String> = []
    func add(_ entries: [FeedEntry]) {
      for entry in entries where seen.insert(entry.url).inserted { urls.append(entry.url) }
    }
    if first.kind == .sitemapIndex {
      for sitemap in first.entries.prefix(sitemapLimit) {
        let response = try await get(sitemap.url)
        guard let feed = parseFeed(response.body, baseURL: response.finalURL),
          feed.kind == .sitemap
        else { throw RedlineError.feed(url: sitemap.url, reason: "not a sitemap") }
        add(feed.entries)
      }
      return urls
    }
    add(first.entries)
    var feed = first
    var visited: Set<String> = [url]
    for _ in 1..<pages {
      guard let next = feed.nextPage, visited.insert(next).inserted else { break }
      let response = try await get(next)
      guard let page = parseFeed(response.body, baseURL: response.finalURL) else {
        throw RedlineError.feed(url: next, reason: "the next page of the feed is not a feed")
      }
      add(page.entries)
      feed = page
    }
    return urls
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
