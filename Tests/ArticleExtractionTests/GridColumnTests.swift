@testable import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The choir named its new managing director on Friday, after a search that took eight months.",
  "He sang in a boys' choir himself, studied musicology and ran a record label for nine years.",
  "He takes up the post in October, when the present director retires after twenty-five years.",
]

/// A sidebar column of widgets: tweets (each a short text with a link), a list of events and a
/// podcast's blurb. Together they hold more prose than a short post.
private let widgets = """
  <div class="widget_events"><h3>Events</h3><ul>
  <li>11 December, 14.00: an advent afternoon for older members of the parish in the hall</li>
  <li>9 December, 17.00: music at the Christmas market, with the brass band of the cathedral</li>
  </ul></div>
  <div class="widget_twitter"><h3>Our tweets</h3>
  \((1...4).map { """
    <div class="tweet"><div class="text">Tweet number \($0): the church by the river needs \
    urgent repairs after two dry summers, the parish says… <a href="https://t.co/x\($0)">\
    https://t.co/x\($0)</a></div><div class="tweet-info">\($0) days ago</div></div>
    """ }.joined())
  </div>
  <div class="widget_audio"><h3>Podcast</h3><p>The bishop for the media visited the book fair \
  this autumn and spoke about reading, radio and the Church's place in the news.</p></div>
  """

private func page(column: String, sidebar: String, paragraphs: Int) -> String {
  """
  <html><head><title>New director</title></head><body>
  <div class="header"><a href="/">Church Weekly</a></div>
  <div class="row"><div class="\(column)"><h1>New director</h1>
  \(post.prefix(paragraphs).map { "<p>\($0)</p>" }.joined())
  </div><div class="\(sidebar)">\(widgets)</div></div>
  </body></html>
  """
}

@Suite("The post's grid column is not merged with the sidebar column beside it")
struct GridColumnTests {
  @Test(
    "a post in the wide column stays alone beside a narrow column of widgets",
    arguments: [
      ("col span_8_of_12", "col span_4_of_12"), ("col-xs-12 col-md-8", "col-xs-12 col-md-4"),
      ("large-9 columns", "large-3 columns"), ("content two-thirds first", "one-third"),
      ("pure-u-2-3", "pure-u-1-3"), ("lg:w-2/3", "lg:w-1/3"), ("grid_8", "grid_4"),
    ], [1, 3])
  func postColumnBesideWidgets(columns: (String, String), paragraphs: Int) throws {
    let html = page(column: columns.0, sidebar: columns.1, paragraphs: paragraphs)
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == Array(post.prefix(paragraphs)))
  }

  /// libxml2 closed the row early on a real page (sonntag-sachsen.de, held-out web pages): the
  /// post's column sits alone in the row's wrapper, and the sidebar column beside the wrapper.
  @Test("a wrapper around the post's column stands for it beside the sidebar column")
  func wrapperAroundPostColumn() throws {
    let html = """
      <html><head><title>New director</title></head><body><div class="content">
      <div class="section group"><div class="col span_8_of_12"><h1>New director</h1>
      <p>\(post[0])</p></div></div>
      <div class="col span_4_of_12">\(widgets)</div></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == [post[0]])
  }

  /// Without a headline in the wide column, or with columns of one width, nothing says which
  /// column is the post: the prose mass keeps both.
  @Test(
    "columns of one width, or a headline outside the wide column, keep both columns",
    arguments: [("col-md-6", "col-md-6"), ("col-md-4", "col-md-8")])
  func noPostColumn(columns: (String, String)) throws {
    let html = page(column: columns.0, sidebar: columns.1, paragraphs: 1)
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.contains { $0.text.contains("Tweet number 1") })
  }

  /// A page builder's full-width title row, then the post's row (its sidebar column all links,
  /// so no prose): the title's column and the post's column are in different rows, and their
  /// widths add up to more than one row.
  @Test("a full-width title row above the post's row is no column beside the post")
  func titleRowAbovePostRow() throws {
    let links = (1...6).map { "<li><a href=\"/p/\($0)\">Recent post \($0)</a></li>" }.joined()
    let html = """
      <html><head><title>New director</title></head><body><div class="builder">
      <div class="section"><div class="row"><div class="col col-4-4">
      <h1>The choir has a new managing director</h1></div></div></div>
      <div class="section"><div class="row"><div class="col col-2-3">
      \(post.map { "<p>\($0)</p>" }.joined())</div>
      <div class="col col-1-3"><ul>\(links)</ul></div></div></div>
      </div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text).suffix(3) == ArraySlice(post))
  }

  @Test(
    "grid class names give a width in twelfths of the row",
    arguments: [
      ("col-md-8", 8.0), ("col-xs-12 col-lg-9", 9), ("span_4_of_12", 4), ("span8", 8),
      ("lg:col-span-8", 8), ("vc_col-sm-4", 4), ("uk-width-2-3", 8), ("et_pb_column_1_3", 4),
      ("two-thirds", 8),
    ] as [(String, Double)])
  func widths(classes: String, width: Double) throws {
    let document = try parseHTML(Array("<div class=\"\(classes)\">x</div>".utf8))
    let div = document.elements(named: "div")[0]
    #expect(
      gridColumnWidth(div, document, classID: document.attributeNameID("class")).map {
        ($0 * 12_000).rounded()
      } == width * 1000)
  }

  @Test(
    "offsets, orders, percentages and other numbered classes are no width",
    arguments: [
      "col-md-offset-2", "fb-order-2", "grid-cols-3", "mt-4", "h-8", "columns",
      "elementor-col-66", "grid_16",
    ])
  func noWidth(classes: String) throws {
    let document = try parseHTML(Array("<div class=\"\(classes)\">x</div>".utf8))
    let div = document.elements(named: "div")[0]
    #expect(gridColumnWidth(div, document, classID: document.attributeNameID("class")) == nil)
  }
}
