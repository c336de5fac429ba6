import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

/// React's streaming renderer (Next.js) sends each Suspense boundary as a template and a
/// fallback, and the finished content at the end of `<body>` in a hidden `S:` segment that a
/// script moves into place. The post is where the templates are, in their order.
@Suite("React's streamed segments are read where the browser shows them")
struct StreamedSegmentTests {
  static let paragraphs = [
    "You don't need to be a stock market expert to be a good investor, and index funds are why.",
    "Choose an index first: the whole market, one industry, or the bonds of one country.",
    "Then compare the costs of the funds that track it, because small fees add up over decades.",
  ]

  /// A post whose second and third paragraphs come as segments `S:a` (for boundary `B:a`,
  /// numbered in hexadecimal as React does) and `S:1` (for placeholder `P:1`, itself inside
  /// segment `S:a`), sent after the footer.
  static let page = """
    <html><head><title>Index funds</title></head><body><main><article><h1>Index funds</h1>
    <div class="article-body"><p>\(paragraphs[0])</p><!--$?--><template id="B:a"></template>\
    <div>Loading paragraph...</div><!--/$--></div></article></main>
    <footer><p>Copyright 2026 The Fool.</p></footer>
    <div hidden id="S:a"><p>\(paragraphs[1])</p><template id="P:1"></template></div>
    <script>$RC("B:a","S:a")</script>
    <div hidden id="S:1"><p>\(paragraphs[2])</p></div><script>$RS("S:1","P:1")</script>
    </body></html>
    """

  @Test("the segments' paragraphs stand in the post, in the order of their templates")
  func segmentsInPlace() throws {
    let document = try parseHTML(Array(Self.page.utf8))
    let texts = try extractArticle(from: document).article.blocks.map(\.text)
    let positions = Self.paragraphs.map { paragraph in texts.firstIndex(of: paragraph) }
    #expect(positions.allSatisfy { $0 != nil }, "\(texts)")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(!texts.contains { $0.contains("Copyright") })
  }

  @Test("placing keeps the document's invariants and leaves a page without segments as it is")
  func invariants() throws {
    let placed = try parseHTML(Array(Self.page.utf8)).placingStreamedSegments()
    for index in placed.nodes.indices.dropFirst() {
      let parent = placed.nodes[index].parent
      #expect(parent < index && placed.nodes[index].end <= placed.nodes[parent].end)
    }
    #expect(placed.elements(named: "template").isEmpty)
    let plain = try parseHTML(Array("<html><body><p>One paragraph of text.</p></body></html>".utf8))
    #expect(plain.placingStreamedSegments().nodes.count == plain.nodes.count)
  }

  /// A segment that holds its own template is not moved into itself, and a template whose
  /// number has no segment stays as it is.
  @Test("a segment holding its own template, or a template without a segment, changes nothing")
  func selfReference() throws {
    let html = """
      <html><body><p>\(Self.paragraphs[0])</p><template id="B:3"></template>
      <div hidden id="S:2"><p>\(Self.paragraphs[1])</p><template id="B:2"></template></div>
      </body></html>
      """
    let document = try parseHTML(Array(html.utf8))
    #expect(document.placingStreamedSegments().nodes.count == document.nodes.count)
  }
}
