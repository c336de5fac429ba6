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

  @Test(
    "the post's own parts under the headline stay in, whatever dates they hold",
    arguments: [
      // A picture with its caption.
      (
        "<figure><img src=\"/bridge.jpg\"><figcaption>The bridge at 06:30, before the traffic"
          + "</figcaption></figure>", ["The bridge at 06:30, before the traffic"]
      ),
      // A timetable.
      (
        "<table><tr><td>Line 4</td><td>06:10</td></tr><tr><td>Line 7</td><td>06:25</td></tr>"
          + "</table>", ["Line 4 | 06:10", "Line 7 | 06:25"]
      ),
      // A quotation, code, numbered steps, a section heading.
      (
        "<blockquote>For God so loved the world: John 3:16</blockquote>",
        ["For God so loved the world: John 3:16"]
      ),
      (
        "<pre><code>0 3 * * * /usr/bin/backup  # at 03:00</code></pre>",
        ["0 3 * * * /usr/bin/backup  # at 03:00"]
      ),
      (
        "<ol><li>Set the alarm for 05:30</li><li>Walk the dog</li></ol>",
        ["Set the alarm for 05:30", "Walk the dog"]
      ),
      ("<h2>Update, 14:30</h2>", ["Update, 14:30"]),
      // A schedule: more times than a status box's publication and update.
      (
        "<ul><li>09:00 Doors open</li><li>10:00 Keynote by Ann Lee</li><li>12:30 Lunch</li></ul>",
        ["09:00 Doors open", "10:00 Keynote by Ann Lee", "12:30 Lunch"]
      ),
    ])
  func postPartsUnderHeadline(part: String, kept: [String]) throws {
    let html = """
      <html><body><div class="wrap"><h1>Budget vote delayed</h1>\(part)
      <p>\(post[0])</p><p>\(post[1])</p></div></body></html>
      """
    let blocks = try texts(html)
    #expect(blocks.suffix(2) == ArraySlice(post))
    #expect(Array(blocks.dropLast(2).suffix(kept.count)) == kept)
  }

  @Test("a status line beside a picture in one box still stays out")
  func statusBesidePicture() throws {
    let html = """
      <html><body><div class="wrap"><h1>Budget vote delayed</h1><div class="top">\
      <span class="date">2018/6/19 5:50</span><figure><img src="/a.jpg">\
      <figcaption>The town hall</figcaption></figure></div>
      <p>\(post[0])</p><p>\(post[1])</p></div></body></html>
      """
    #expect(try texts(html) == ["The town hall"] + post)
  }

  @Test("a banner's or a widget's <h1> beside the post leaves the status lines out as before")
  func otherHeadlines() throws {
    let status = "<div class=\"info\"><span>Town Daily</span> <span>2021-05-03 10:00</span></div>"
    let story =
      "<div class=\"main\"><h1>Budget vote delayed</h1>\(status)<p>\(post[0])</p>"
      + "<p>\(post[1])</p></div>"
    for page in [
      story,
      "<div class=\"promo\"><h1>Summer sale</h1></div>\(story)",
      "\(story)<div class=\"widget\"><h1>Newsletter</h1><p>Get the news every day.</p></div>",
    ] {
      let blocks = try texts("<html><body><div class=\"wrap\">\(page)</div></body></html>")
      #expect(!blocks.contains { $0.contains("2021-05-03") })
    }
  }
}
