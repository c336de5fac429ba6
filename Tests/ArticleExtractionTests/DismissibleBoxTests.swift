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

@Suite("Boxes a reader can close: a donation appeal, a banner, a pop-up")
struct DismissibleBoxTests {
  @Test(
    "a box with a close button stays out of the post, whatever its class",
    arguments: [
      """
      <div class="support-pay"><img src="/logo.png"><button>✕</button><div class="text">\
      <strong>Any amount</strong> Your support keeps this paper free. Transfer to account \
      0993000060423, or by PayPal.</div></div>
      """,
      """
      <div class="app-box"><p>Read the Town Daily in our app: faster, and with the crossword.</p>\
      <button type="button" aria-label="Close"></button></div>
      """,
      """
      <div class="box"><button class="x">&times;</button><p>Get the morning briefing in your \
      inbox every day, free.</p></div>
      """,
    ])
  func closableBox(box: String) throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><p>\(post[0])</p><p>\(post[1])</p>
      \(box)</article></body></html>
      """
    #expect(try texts(html) == post)
  }

  /// A correction or update note the reader can close (a Bootstrap `alert-dismissible`) is the
  /// post's: dropped as a banner, its coming and its changes went unseen.
  @Test(
    "a box with a close button that holds a correction or update note stays",
    arguments: [
      (
        "<div class=\"alert alert-dismissible\"><button class=\"close\">×</button>"
          + "<strong>Correction:</strong> An earlier version named the wrong councillor.</div>",
        "Correction: An earlier version named the wrong councillor."
      ),
      (
        "<div class=\"notice\"><p>This article has been updated with the final vote.</p>"
          + "<button aria-label=\"Close\"></button></div>",
        "This article has been updated with the final vote."
      ),
    ])
  func closableNote(box: String, note: String) throws {
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><p>\(post[0])</p><p>\(post[1])</p>
      \(box)</article></body></html>
      """
    let found = try texts(html)
    #expect(found.contains(note), "\(found)")
  }

  /// "Updated 3 minutes ago: …" opens like an update note, but its relative time moves
  /// between two loads: such a banner between the post's paragraphs stays out.
  @Test("a box with a close button and a relative time stays out, update label or not")
  func liveBanner() throws {
    let banner = """
      <div class="notice"><p>Updated 3 minutes ago: follow the council's vote in our live \
      blog.</p><button aria-label="Close">×</button></div>
      """
    let html = """
      <html><body><article><h1>Budget vote delayed</h1><p>\(post[0])</p>\(banner)\
      <p>\(post[1])</p></article></body></html>
      """
    #expect(try texts(html) == post)
  }

  @Test("a close button beside the post, in the element that holds it, leaves the post alone")
  func closeButtonBesidePost() throws {
    let html = """
      <html><body><div class="panel"><button>×</button><h1>Budget vote delayed</h1>
      <p>\(post[0])</p><p>\(post[1])</p></div></body></html>
      """
    #expect(try texts(html) == post)
  }
}
