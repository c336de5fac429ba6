import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
  "The mayor said the delay would not change the plans for the harbor district or the new school.",
  "Residents who spoke at the meeting asked for more time to read the plan before anyone votes on it.",
  "The library board will present its own figures in March, and the council will meet again in April.",
  "Until then the old bridge stays open to cars, with a limit of ten tons, the engineers said on Wednesday.",
]

/// Cards of other posts, a linked headline and an excerpt each, linking where `link` says.
private func cards(_ link: (Int) -> String) -> String {
  (1...3).map { number in
    """
    <div class="c-card"><a href="\(link(number))"><img src="/i\(number).jpg"></a>\
    <h3><a href="\(link(number))">Harbor plan, part \(number), goes to the voters</a></h3>\
    <p>Card \(number): the plan for the harbor district would add parks, a ferry and housing.</p>\
    </div>
    """
  }.joined()
}

private func texts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

@Suite("Rows of cards of other posts inside the body")
struct TeaserCardRowTests {
  @Test("a row of cards after the post's last paragraph stays out, with its heading")
  func rowAfterPost() throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><div class="story">
      \(post.map { "<p>\($0)</p>" }.joined())
      <div class="c-more"><h2>More coverage</h2>\(cards { "/news/harbor-\($0)" })</div>
      </div></article></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.filter(post.contains) == post)
    #expect(!blocks.contains { $0.contains("Harbor plan") || $0.contains("Card ") })
    #expect(!blocks.contains("More coverage"))
  }

  @Test("an unnamed grid of cards with headlines wrapped in their links stays out")
  func gridWithLinkedHeadlines() throws {
    let grid = (1...4).map { number in
      """
      <div class="tile"><a href="https://town.example/news/\(number)">\
      <h4>Harbor plan, part \(number), goes to the voters</h4></a>\
      <p>Card \(number): the plan for the harbor district would add parks and housing.</p></div>
      """
    }.joined()
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><div class="story">
      \(post.map { "<p>\($0)</p>" }.joined())<div class="grid">\(grid)</div>
      </div></article></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.filter(post.contains) == post)
    #expect(!blocks.contains { $0.contains("Card ") })
  }

  @Test("a listicle's items, linked to many sites, are the post")
  func listicleOfOtherSites() throws {
    let html = """
      <html><body><article><h1>Three harbor plans</h1><div class="story">
      \(post.map { "<p>\($0)</p>" }.joined())
      \(cards { "https://site\($0).example/plan" })</div></article></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.contains { $0.hasPrefix("Card 3") })
    #expect(blocks.contains("Harbor plan, part 1, goes to the voters"))
  }

  @Test("cards with the post's prose after them stay in: they stand among its paragraphs")
  func cardsBeforeProse() throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><div class="story">
      <p>\(post[0])</p>\(cards { "/news/harbor-\($0)" })\(post.dropFirst().map { "<p>\($0)</p>" }.joined())
      </div></article></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.filter(post.contains) == post)
    #expect(blocks.contains { $0.hasPrefix("Card 2") })
  }

  @Test("a listing of cards is the page")
  func listingOfCards() throws {
    let html = """
      <html><body><main><h1>News</h1><div class="grid">\(cards { "/news/harbor-\($0)" })</div>
      </main></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.filter { $0.hasPrefix("Card ") }.count == 3)
  }

  @Test("a post of rows of cards with prose between them is the post to its last row")
  func rowsAmongProse() throws {
    // An awards page or a roundup of the site's own posts: a section of prose and a row of
    // linked names each; the last row comes after the last paragraph like a row of other posts.
    func row(_ numbers: ClosedRange<Int>) -> String {
      "<div class=\"row\">"
        + numbers.map {
          "<div class=\"card\"><a href=\"/awards/\($0)\"><h4>Winner \($0)</h4></a>"
            + "<p>Studio \($0)</p></div>"
        }.joined() + "</div>"
    }
    let html = """
      <html><body><article><h1>Awards of the year</h1><div class="story">
      \(post.prefix(3).map { "<p>\($0)</p>" }.joined())<h2>Lighting</h2>\(row(1...3))
      \(post.dropFirst(3).map { "<p>\($0)</p>" }.joined())<h2>Flooring</h2>\(row(4...6))
      </div></article></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.filter(post.contains) == post)
    #expect(blocks.filter { $0.hasPrefix("Winner ") }.count == 6, "\(blocks)")
    #expect(blocks.contains("Flooring"))
    // Another component after the prose is still a row of other posts.
    let more = html.replacingOccurrences(
      of: "<h2>Flooring</h2>\(row(4...6))",
      with: "<div class=\"c-more\"><h2>More coverage</h2>\(cards { "/news/harbor-\($0)" })</div>")
    let others = try texts(more)
    #expect(others.filter { $0.hasPrefix("Winner ") }.count == 3, "\(others)")
    #expect(!others.contains { $0.contains("Harbor plan") || $0.contains("Card ") })
  }
}
