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

@Suite("Status lines under the headline: its date and time, a page counter, the source")
struct StatusLineTests {
  @Test(
    "the box of status lines between the headline and the first paragraph stays out",
    arguments: [
      // A news site's status box: page counter, time of publication, source.
      """
      <dl class="article-status"><dd>(1/3 pages)</dd><dd>2018/6/19 5:50</dd>\
      <dd>Town Daily, digital edition</dd></dl>
      """,
      // A theme's info row: a relative day and a time, the section, the writers.
      """
      <div class="article__info"><div class="info-item">Today, 17:40</div>\
      <div class="info-item"><a href="/world/">World</a></div>\
      <div class="info-item"><strong>Authors:</strong> <a href="/a/ann">Ann Lee</a> \
      <em>(foreign news editor)</em></div></div>
      """,
      // Drupal's "Submitted on" line.
      "<span class=\"submitted-by\">Submitted on Mon, 2019-01-21 13:49</span>",
      // A <time> element.
      "<div class=\"dateline\"><time datetime=\"2016-07-02\">July 2, 2016</time></div>",
    ])
  func statusBox(box: String) throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1>\(box)
      <div class="text"><p>\(post[0])</p><p>\(post[1])</p></div></article></body></html>
      """
    #expect(try texts(html) == post)
  }

  @Test("a deck that ends a sentence, and dates and times inside the post, stay in")
  func datesInProse() throws {
    let deck = "The vote moves to 2025-03-04 at 10:30, the council said."
    let schedule = ["Tuesday 10:30: budget", "Thursday 18:00: roads"]
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><div class="deck">\(deck)</div>
      <p>\(post[0])</p><ul><li>\(schedule[0])</li><li>\(schedule[1])</li></ul>
      <p>\(post[1])</p></article></body></html>
      """
    #expect(try texts(html) == [deck, post[0]] + schedule + [post[1]])
  }

  @Test("a version number under the headline is no date")
  func versionNumber() throws {
    let html = """
      <html><body><article><h1>Redline released</h1><div class="version">Version 2.3.1</div>
      <p>\(post[0])</p><p>\(post[1])</p></article></body></html>
      """
    #expect(try texts(html) == ["Version 2.3.1"] + post)
  }
}
