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

@Suite("Headings left behind when the chrome they title is dropped")
struct OrphanHeadingTests {
  @Test("a heading over a block dropped as chrome goes with it; over a hidden answer it stays")
  func headingOverChrome() throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><p>\(post[0])</p><p>\(post[1])</p>
      <div class="block"><h3>Related keywords</h3><div class="keyword-tags">\
      <a href="/k/budget">Budget</a> <a href="/k/roads">Roads</a></div></div>
      <div class="faq"><h3>When is the next vote?</h3><div class="answer" style="display:none">\
      In spring, after the council has met the treasurer again.</div></div>
      </article></body></html>
      """
    #expect(try texts(html) == post + ["When is the next vote?"])
  }

  @Test("a section's heading over its own paragraphs, and the headline beside a share bar, stay")
  func headingOverProse() throws {
    let html = """
      <html><head><title>Budget</title></head><body><article>
      <div class="top"><h1>Budget vote delayed</h1><div class="share-bar">\
      <a href="/s/fb">Facebook</a> <a href="/s/x">X</a></div></div>
      <section><h2>The bridge</h2><p>\(post[0])</p></section><p>\(post[1])</p>
      </article></body></html>
      """
    #expect(
      try texts(html) == ["Budget vote delayed", "The bridge", post[0], post[1]])
  }
}
