import Testing

@testable import HTMLParsing

@Suite("script and style contents cut out of libxml2's input")
struct RawTextCutsTests {
  /// Every node of a document, with its text or attributes, one line each.
  private func lines(_ document: HTMLDocument) -> [String] {
    document.nodes.indices.map { index in
      let node = document.nodes[index]
      let detail =
        node.kind == .text
        ? Array(document.utf8[node.textBytes]).description
        : document.attributes(of: index).map { "\($0.name)=\($0.value)" }.joined(separator: " ")
      return "\(node.kind) \(document.name(of: index)) \(node.parent) \(node.end) \(detail)"
    }
  }

  private func uncut(_ html: String) throws -> HTMLDocument {
    try parseHTML(
      Array(html.utf8), encoding: "utf-8", attributeLimit: maximumAttributesPerTag,
      nodeLimit: maximumNodes, cuttingRawText: false)
  }

  @Test(
    "a cut page gives the tree libxml2 builds from the page as it is",
    arguments: [
      "<p>a</p><script>var x = '<p>b</p>'; if (a < b && c > d) {}</script><p>c</p>",
      "<head><style>p { color: red } a > b {}</style><SCRIPT type=\"application/ld+json\">{\"@type\": \"Article\"}</SCRIPT></head>",
      "<div><script src=\"x.js\" async></script><script>document.write('</div>')</script>text</div>",
      "<script>a\r\nb\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i\tj</script><p>after</p>",
      "<span class=date><script>document.write('May 5')</script></span><p>x</p>",
      "<script>one</script ><script>two</SCRIPT\n></script><style>three</style>",
      "<!-- <script>in a comment</script> --><script>after the comment</script>",
      "<script>x = 1;<!-- y --></script><p>z</p><script>é ü 中文 😀</script>",
      "<table><tr><td><script>in a cell</script></td></tr></table><style media=print>p{}</style>",
    ])
  func sameTree(html: String) throws {
    let cut = try #require(try parseCuttingRawText(Array(html.utf8)))
    #expect(lines(cut) == lines(try uncut(html)))
  }

  @Test("non-ASCII contents with characters libxml2 drops are cut and come out the same")
  func droppedCharacters() throws {
    let html =
      "<script>\u{1}a\u{FFFE}é\u{FFFF}\u{1F}</script><style>\u{FFFD}\u{7F}\u{85}\u{2028}</style><p>x</p>"
    let cut = try #require(try parseCuttingRawText(Array(html.utf8)))
    #expect(lines(cut) == lines(try uncut(html)))
  }

  @Test("a content that is not well-formed UTF-8 is left to libxml2; later ones are still cut")
  func illFormedContent() throws {
    let bytes =
      Array("<script>a".utf8) + [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80]
      + Array("b</script><p>x</p><script>c</script>".utf8)
    let cut = try #require(try parseCuttingRawText(bytes))
    let whole = try parseHTML(
      bytes, encoding: "utf-8", attributeLimit: maximumAttributesPerTag, nodeLimit: maximumNodes,
      cuttingRawText: false)
    #expect(lines(cut) == lines(whole))
  }

  @Test(
    "what the scan does not model is left to libxml2, and the page comes out the same",
    arguments: [
      "<script></p>x</script><p>y</p>",
      "<script><div>x</script>",
      "<script>a</scripts>b</script><p>c</p>",
      "<script>no end",
      "<!-- unterminated <script>x</script>",
      "<script/>text<p>x</p><script>y</script>",
      "<div a=\"1\"b=\"2\"><script>x</script></div>",
      "<script src=a/>text</script><p>x</p>",
      "<!-- a --!><script>x</script><!-- b --><script>y</script>",
      "<textarea><script>x</script></textarea><script>y</script>",
      "<p>a < b</p><script>x</script>",
      "<p title='<script>not a tag</script>'>text</p><script>real</script>",
      "<script>\u{1}\u{FFFE}é</script><script>\u{FFFD}\u{FFFF}</script><script>\u{7F}\u{85}</script>",
    ])
  func unmodelled(html: String) throws {
    let document = try parseHTML(Array(html.utf8), encoding: "utf-8")
    #expect(lines(document) == lines(try uncut(html)))
  }

  /// The check is what makes a wrong cut harmless: a `<script>` the scan takes for a tag inside
  /// an attribute value is a cut libxml2 never confirms, and the cut parse is refused.
  @Test("a cut libxml2 does not confirm is refused, not used")
  func unconfirmedCut() throws {
    let html = "<p title='<script>not a tag</script>'>text</p>"
    #expect(try parseCuttingRawText(Array(html.utf8)) == nil)
    let document = try parseHTML(Array(html.utf8), encoding: "utf-8")
    #expect(lines(document) == lines(try uncut(html)))
  }
}
