import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
]

private func texts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

@Suite("Labels of advertising slots between the post's paragraphs")
struct AdLabelTests {
  @Test(
    "a slot's label stays out, whatever the slot's class",
    arguments: [
      "<div class=\"gpt-unit\"><p class=\"label\">Advertisement</p></div>",
      "<div class=\"dfp-wrap\"><p>Story continues below advertisement</p></div>",
      "<p>ADVERTISEMENT</p>",
      "<h5>Article continues below this ad</h5>",
    ])
  func labelBetweenParagraphs(slot: String) throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1>
      <p>\(post[0])</p>\(slot)<p>\(post[1])</p></article></body></html>
      """
    #expect(try texts(html) == post)
  }

  @Test("the word in a sentence, a list item or a longer line stays in")
  func wordInProse() throws {
    let lines = [
      "Advertisement revenue fell by a third this year, the publisher said.",
      "Advertisement",
      "Advertisement, the council said, is not allowed on the bridge.",
    ]
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><p>\(post[0])</p>
      <p>\(lines[0])</p><ul><li>\(lines[1])</li><li>Branding</li></ul><p>\(lines[2])</p>
      <p>\(post[1])</p></article></body></html>
      """
    let blocks = try texts(html)
    #expect(lines.allSatisfy(blocks.contains))
  }
}
