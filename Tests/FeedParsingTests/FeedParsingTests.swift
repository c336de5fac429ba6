import FeedParsing
import HTMLParsing
import Testing

@Suite struct FeedParsingTests {
  @Test func readsBloggerAtomAlternateLinksOnly() throws {
    let atom = """
      <?xml version='1.0' encoding='UTF-8'?>
      <feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'>
        <title type='text'>Libya Analysis</title>
        <link rel='next' type='application/atom+xml' href='https://example.blogspot.com/feeds/posts/default?start-index=26'/>
        <entry>
          <id>tag:blogger.com,1999:blog-1.post-2</id>
          <published>2016-07-02T10:00:00.000+01:00</published>
          <updated>2016-07-03T09:30:00.000+01:00</updated>
          <title type='text'>General Khalifa Haftar visits both Cairo and Moscow</title>
          <link rel='replies' type='text/html' href='https://example.blogspot.com/2016/07/haftar.html#comment-form'/>
          <link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/1/posts/default/2'/>
          <link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/1/posts/default/2'/>
          <link rel='alternate' type='text/html' href='https://example.blogspot.com/2016/07/haftar.html' title='General'/>
        </entry>
        <entry>
          <title>Relative, no rel</title>
          <link href='/2016/06/older.html'/>
          <updated>2016-06-01T00:00:00Z</updated>
        </entry>
        <entry><title>No usable link</title><link rel='alternate' href='mailto:someone@example.com'/></entry>
        <entry><title>Same post again</title><link href='https://example.blogspot.com/2016/07/haftar.html'/></entry>
      </feed>
      """
    let feed = try #require(
      parseFeed(Array(atom.utf8), baseURL: "https://example.blogspot.com/feeds/posts/default"))
    #expect(feed.kind == .atom)
    #expect(feed.title == "Libya Analysis")
    #expect(
      feed.entries.map(\.url) == [
        "https://example.blogspot.com/2016/07/haftar.html",
        "https://example.blogspot.com/2016/06/older.html",
      ])
    #expect(feed.entries.first?.title == "General Khalifa Haftar visits both Cairo and Moscow")
    #expect(feed.entries.first?.updated == "2016-07-03T09:30:00.000+01:00")
    #expect(
      feed.nextPage == "https://example.blogspot.com/feeds/posts/default?start-index=26")
  }

  @Test func readsWordPressRSSWithOrigLinkAndGuidFallbacks() throws {
    let rss = """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"
           xmlns:atom="http://www.w3.org/2005/Atom">
      <channel>
        <title>Caf\u{E9} notes</title>
        <link>https://blog.example.org/</link>
        <item>
          <title>Through FeedBurner</title>
          <link>https://feeds.feedburner.com/~r/cafe/~3/abc/</link>
          <feedburner:origLink>https://blog.example.org/2024/05/first/</feedburner:origLink>
          <pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate>
        </item>
        <item>
          <title>Guid only</title>
          <guid isPermaLink="true">https://blog.example.org/2024/05/second/</guid>
        </item>
        <item>
          <title>Guid that is not a link</title>
          <guid isPermaLink="false">https://blog.example.org/?p=3</guid>
        </item>
        <item><title>Relative</title><link>  /2024/05/third/  </link></item>
        <item><title>Script link</title><link>javascript:alert(1)</link></item>
      </channel>
      </rss>
      """
    let bytes = Array(rss.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    let feed = try #require(parseFeed(bytes, baseURL: "https://blog.example.org/feed/"))
    #expect(feed.kind == .rss)
    #expect(feed.title == "Caf\u{E9} notes")
    #expect(
      feed.entries.map(\.url) == [
        "https://blog.example.org/2024/05/first/", "https://blog.example.org/2024/05/second/",
        "https://blog.example.org/2024/05/third/",
      ])
    #expect(feed.entries.first?.updated == "Mon, 06 May 2024 10:00:00 +0000")
  }

  @Test func readsRSS1AndXMLBase() throws {
    let rdf = """
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
               xml:base="http://old.example.net/blog/">
        <channel><title>Old blog</title></channel>
        <item><title>One</title><link>posts/one.html</link></item>
      </rdf:RDF>
      """
    let feed = try #require(parseFeed(Array(rdf.utf8), baseURL: "http://elsewhere.example/"))
    #expect(feed.kind == .rdf)
    #expect(feed.title == "Old blog")
    #expect(feed.entries.map(\.url) == ["http://old.example.net/blog/posts/one.html"])
  }

  @Test func readsSitemapsAndIndexes() throws {
    let sitemap = """
      <?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://site.example/a</loc><lastmod>2025-01-02</lastmod></url>
        <url><loc>https://site.example/b</loc></url>
        <url><lastmod>2025-01-02</lastmod></url>
      </urlset>
      """
    let feed = try #require(parseFeed(Array(sitemap.utf8), baseURL: "https://site.example/s.xml"))
    #expect(feed.kind == .sitemap)
    #expect(
      feed.entries == [
        FeedEntry(url: "https://site.example/a", updated: "2025-01-02"),
        FeedEntry(url: "https://site.example/b"),
      ])
    let index = """
      <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://site.example/posts.xml</loc></sitemap>
      </sitemapindex>
      """
    let parsed = try #require(parseFeed(Array(index.utf8), baseURL: "https://site.example/"))
    #expect(parsed.kind == .sitemapIndex)
    #expect(parsed.entries.map(\.url) == ["https://site.example/posts.xml"])
  }

  @Test func refusesWhatIsNotAFeed() {
    let base = "https://site.example/"
    #expect(parseFeed([], baseURL: base) == nil)
    #expect(parseFeed(Array("<html><body><p>Hi</p></body></html>".utf8), baseURL: base) == nil)
    #expect(parseFeed(Array("not xml at all \u{0}\u{1}".utf8), baseURL: base) == nil)
    // <feed> outside the Atom namespace is not Atom.
    #expect(parseFeed(Array("<feed><entry/></feed>".utf8), baseURL: base) == nil)
  }

  @Test func neverLoadsExternalEntities() throws {
    let hostile = """
      <?xml version="1.0"?>
      <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
      <rss version="2.0"><channel><title>&secret;</title>
      <item><title>x</title><link>https://site.example/&secret;</link></item>
      </channel></rss>
      """
    let feed = try #require(parseFeed(Array(hostile.utf8), baseURL: "https://site.example/"))
    #expect(feed.title == nil)
    #expect(feed.entries.map(\.url) == ["https://site.example/"])
  }

  @Test func discoversAnnouncedFeedsPostsBeforeComments() throws {
    let html = """
      <html><head><base href="https://blog.example.org/">
      <link rel="alternate" type="application/rss+xml" title="Blog &raquo; Comments Feed" href="comments/feed/">
      <link rel="alternate" type="application/rss+xml" title="Blog &raquo; Feed" href="feed/">
      <link rel="stylesheet" type="text/css" href="style.css">
      <link rel="Alternate" type="application/atom+xml" href="https://blog.example.org/feed/atom/">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      </head><body></body></html>
      """
    let page = try parseHTML(Array(html.utf8))
    #expect(
      discoverFeeds(in: page, pageURL: "https://blog.example.org/2024/05/post/") == [
        "https://blog.example.org/feed/", "https://blog.example.org/feed/atom/",
        "https://blog.example.org/comments/feed/",
      ])
  }
}
