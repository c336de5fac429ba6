import ArticleExtraction
import HTMLParsing
import Testing

private let body = """
  <article><h1>Library hours extended</h1><p>The public library will stay open until 9 p.m. on \
  weekdays this summer, two hours later than usual, the town said.</p>
  <p class="byline">By <a href="/author/maria/" rel="author">Maria Lopez</a></p></article>
  """

@Suite("A handle is not a name")
struct AuthorHandleTests {
  @Test("twitter:creator does not win over the visible byline")
  func bylineWins() throws {
    let html = """
      <html><head><meta name="twitter:creator" content="@riversidenotes"></head>
      <body>\(body)</body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.authors == ["Maria Lopez"])
  }

  @Test("twitter:creator does not win over the JSON-LD author")
  func linkedDataWins() throws {
    let html = """
      <html><head><meta name="twitter:creator" content="@riversidenotes">
      <script type="application/ld+json">{"@type": "BlogPosting", "headline": "Library hours \
      extended", "author": {"@type": "Person", "name": "Maria Lopez"}}</script></head>
      <body><article><p>The public library will stay open until 9 p.m. on weekdays this summer, \
      two hours later than usual.</p></article></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.authors == ["Maria Lopez"])
  }

  @Test("a handle is the author only when the page names no one")
  func handleAsLastResort() throws {
    let html = """
      <html><head><meta name="twitter:creator" content="@riversidenotes"></head>
      <body><article><p>The public library will stay open until 9 p.m. on weekdays this summer, \
      two hours later than usual.</p></article></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.authors == ["@riversidenotes"])
  }

  @Test("a WordPress block theme's Post Author Name block, after the content, is the author")
  func blockThemeAuthor() throws {
    let html = """
      <html><head><title>Library hours extended</title></head><body><main>
      <h1 class="wp-block-post-title">Library hours extended</h1>
      <div class="entry-content wp-block-post-content"><p>The public library will stay open \
      until 9 p.m. on weekdays this summer, two hours later than usual.</p></div>
      <div class="wp-block-post-author-name has-small-font-size"><a href="/author/maria/" \
      target="_self" class="wp-block-post-author-name__link">Maria Lopez</a></div>
      </main></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.authors == ["Maria Lopez"])
  }

  @Test("the Post Author Name blocks of a Query Loop of other posts are not the post's author")
  func queryLoopAuthors() throws {
    // A block theme's "More posts" after the post: a Query Loop, each item another post with
    // its own author and date; the post itself shows neither.
    let others = [
      ("other-post", "Jane Other", "2024-01-01"), ("third-post", "Bob Third", "2024-02-01"),
    ]
    let loop = others.map { slug, name, day in
      """
      <li class="wp-block-post post type-post"><h2 class="wp-block-post-title">\
      <a href="/\(slug)/">\(slug)</a></h2><div class="wp-block-post-author-name">\(name)</div>\
      <div class="wp-block-post-date"><time datetime="\(day)T10:00:00+00:00">\(day)</time></div></li>
      """
    }.joined()
    let html = """
      <html><head><title>Library hours extended</title></head><body><main>
      <h1 class="wp-block-post-title">Library hours extended</h1>
      <div class="entry-content wp-block-post-content"><p>The public library will stay open \
      until 9 p.m. on weekdays this summer, two hours later than usual.</p></div>
      <div class="wp-block-group"><h2>More posts</h2><div class="wp-block-query">\
      <ul class="wp-block-post-template">\(loop)</ul></div></div>
      </main></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.authors.isEmpty, "\(article.authors)")
    #expect(article.published == nil)
  }
}
