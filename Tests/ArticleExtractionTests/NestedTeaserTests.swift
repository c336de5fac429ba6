import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
]

@Suite("Related posts marked up as nested articles")
struct NestedTeaserTests {
  @Test("cards of other posts inside the post's <article> stay out; the post's own stay in")
  func nestedRelatedArticles() throws {
    let cards = ["Bridge repairs start in July", "A new bakery opens on Mill Lane"].map { title in
      """
      <article class="card"><h3><a href="/\(title.count)">\(title)</a></h3>\
      <p>\(title): what happened, who said what, and what comes next for the town.</p></article>
      """
    }.joined()
    let html = """
      <html><body><main><article><h1>Budget vote delayed</h1>
      \(post.map { "<p>\($0)</p>" }.joined())
      <section><h2>Read next</h2>\(cards)</section></article></main></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    let texts = result.article.blocks.map(\.text)
    #expect(texts.filter(post.contains) == post)
    #expect(!texts.contains { $0.contains("Mill Lane") || $0.contains("Bridge repairs") })
  }

  @Test(
    "cards whose title links are a bare # or a route (#!/post) are cards, not permalinks",
    arguments: ["#", "#!/post/12", "#/post/12"])
  func scriptLinkedCards(href: String) throws {
    let cards = ["Bridge repairs start in July", "A new bakery opens on Mill Lane"].map { title in
      """
      <article class="card"><h3><a href="\(href)">\(title)</a></h3>\
      <p>\(title): what happened, who said what, and what comes next for the town.</p></article>
      """
    }.joined()
    let html = """
      <html><body><main><article><h1>Budget vote delayed</h1>
      \(post.map { "<p>\($0)</p>" }.joined())
      <section><h2>Read next</h2>\(cards)</section></article></main></body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.filter(post.contains) == post)
    #expect(!texts.contains { $0.contains("Mill Lane") || $0.contains("Bridge repairs") })
  }

  @Test("a section or a live blog's update whose heading is its own permalink stays in")
  func permalinkHeadings() throws {
    let updates = ["The vote", "The bridge"].enumerated().map { number, title in
      """
      <article class="update"><h2 id="u\(number)"><a href="#u\(number)">\(title)</a></h2>\
      <p>\(post[number])</p></article>
      """
    }.joined()
    let html = """
      <html><body><main><article><h1>Budget vote delayed, live</h1>\(updates)</article></main>\
      </body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.filter(post.contains) == post, "\(texts)")
    #expect(texts.contains("The bridge"))
  }

  @Test("sections with permalinked headings count as the post's prose, not as cards")
  func permalinkSectionsInProseMass() throws {
    let sections = ["The vote", "The bridge", "The library"].enumerated().map { number, title in
      """
      <div class="part"><h2 id="s\(number)"><a href="#s\(number)">\(title)</a></h2>\
      <p>\(post[number % 2]) Part \(number).</p></div>
      """
    }.joined()
    let html = """
      <html><body><div class="page"><div class="col"><h1>Budget vote delayed</h1>\
      <div class="intro"><p>\(post[0]) Introduction.</p><p>\(post[1]) Introduction.</p></div>\
      \(sections)</div></div>\
      </body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.contains { $0.hasSuffix("Part 2.") }, "\(texts)")
    #expect(texts.contains { $0.hasSuffix("Introduction.") }, "\(texts)")
  }

  @Test("the articles of a listing are the page")
  func listingOfArticles() throws {
    let items = (1...3).map { number in
      "<article><h2><a href=\"/p/\(number)\">Post \(number)</a></h2><p>\(post[0])</p></article>"
    }.joined()
    let html = "<html><body><main>\(items)</main></body></html>"
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.filter { $0.text == post[0] }.count == 3)
  }
}
