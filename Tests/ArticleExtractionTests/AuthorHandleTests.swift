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
}
