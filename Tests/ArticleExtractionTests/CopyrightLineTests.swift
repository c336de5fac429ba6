import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
]

@Suite("The site's copyright line")
struct CopyrightLineTests {
  @Test("a block whose class or id names the copyright is no line of the post")
  func copyrightLine() throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><p>\(post[0])</p><p>\(post[1])</p>
      <div class="l-copyright_body">Town Daily Inc. No reproduction without permission.</div>
      </article></body></html>
      """
    let blocks = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks
    #expect(blocks.map(\.text) == post)
  }
}
