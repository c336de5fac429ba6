import HTMLParsing
import Testing

@Suite("parseHTML")
struct ParseHTMLTests {
  @Test("elements, text and attributes come through with entities decoded")
  func basicTree() throws {
    let document = try parseHTML(
      Array(
        "<html><body><p class='a b' id=x>Fish &amp; chips&nbsp;<b>hot</b></p></body></html>".utf8))
    let paragraphs = document.elements(named: "p")
    try #require(paragraphs.count == 1)
    let p = paragraphs[0]
    #expect(document.attribute("class", of: p) == "a b")
    #expect(document.attribute("id", of: p) == "x")
    #expect(document.text(of: p) == "Fish & chips\u{A0}hot")
    #expect(document.children(of: p).map { document.nodes[$0].kind } == [.text, .element])
  }

  @Test("the tree invariants hold: parents come first, subtrees are contiguous")
  func invariants() throws {
    let html = "<div><ul><li>a<li>b</ul><p>c<p>d</div><!-- gone --><script>var x = '<p>';</script>"
    let document = try parseHTML(Array(html.utf8))
    #expect(document.nodes[0].kind == .document)
    #expect(document.nodes[0].end == document.nodes.count)
    for (index, node) in document.nodes.enumerated().dropFirst() {
      #expect(node.parent < index)
      #expect(node.end > index && node.end <= document.nodes[node.parent].end)
    }
    #expect(document.elements(named: "li").map { document.text(of: $0) } == ["a", "b"])
    #expect(document.elements(named: "script").map { document.text(of: $0) } == ["var x = '<p>';"])
  }

  @Test("empty input gives an empty document, not an error")
  func emptyInput() throws {
    let document = try parseHTML([])
    #expect(document.nodes.count == 1)
    #expect(document.children(of: 0).map { $0 }.isEmpty)
  }

  @Test("200,000 nested elements neither overflow the stack nor fail")
  func deepNesting() throws {
    let depth = 200_000
    let html =
      String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
    let document = try parseHTML(Array(html.utf8))
    #expect(document.nodes.count > 1)
  }

  @Test("a page with more nodes than the limit is refused, and parsing stops there")
  func nodeLimit() throws {
    // html, body, then 50 paragraphs of one text node each: 102 nodes besides the document.
    let html = "<html><body>" + String(repeating: "<p>words</p>", count: 50) + "</body></html>"
    let fits = try parseHTML(Array(html.utf8), nodeLimit: 103)
    #expect(fits.nodes.count == 103)
    #expect(fits.elements(named: "p").count == 50)
    for limit in [102, 50, 1] {
      #expect {
        try parseHTML(Array(html.utf8), nodeLimit: limit)
      } throws: { error in
        guard case .tooLarge(let what, let reported)? = error as? ParseError else { return false }
        return what == "elements and text nodes" && reported == limit
          && "\(error)".hasPrefix("cannot parse HTML: the page has more than \(limit) elements")
      }
    }
    // Text after the last node allowed counts too (html and body are implied: 5 nodes fit).
    #expect(try parseHTML(Array("<p>a</p>".utf8), nodeLimit: 5).nodes.count == 5)
    #expect(throws: ParseError.self) {
      try parseHTML(Array("<p>a</p>trailing text".utf8), nodeLimit: 5)
    }
  }

  @Test("the default limits are far above real pages")
  func defaultLimits() {
    #expect(maximumNodes == 2_000_000)
    #expect(maximumInputBytes == 256 << 20)
    #expect("\(ParseError.tooLarge(what: "bytes", limit: 1_234_567))".contains("1,234,567 bytes"))
  }

  @Test("a NUL byte right after a tag does not end the page (libxml2 2.9 took it for the end)")
  func nulAfterTag() throws {
    let bytes = Array("<body><p>one</p>\u{0}<p>two</p><div>\u{0}three</div>".utf8)
    let document = try parseHTML(bytes)
    #expect(document.elements(named: "p").map { document.text(of: $0) } == ["one", "two"])
    #expect(document.elements(named: "div").map { document.text(of: $0) } == ["three"])
  }

  @Test("NUL bytes and invalid UTF-8 are recovered from")
  func hostileBytes() throws {
    var bytes = Array("<p>one\u{0}two</p><p>".utf8)
    bytes += [0xFF, 0xFE, 0xC3]
    bytes += Array("three</p>".utf8)
    let document = try parseHTML(bytes)
    #expect(document.elements(named: "p").count == 2)
  }

  @Test("a declared charset is honoured")
  func declaredCharset() throws {
    let latin1: [UInt8] = Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)
    let document = try parseHTML(latin1, encoding: "iso-8859-1")
    #expect(document.text(of: document.elements(named: "p")[0]) == "café")
  }
}

@Suite("Attribute cap")
struct AttributeCapTests {
  @Test("a tag with more attributes than the cap keeps the first ones and the rest of the page")
  func capped() throws {
    var html = "<p id='first'"
    for index in 0..<20 { html += " a\(index)=\"v > \(index)\"" }
    html += ">kept text</p><p>next</p>"
    let document = try parseHTML(Array(html.utf8), attributeLimit: 5)
    let paragraphs = document.elements(named: "p")
    try #require(paragraphs.count == 2)
    #expect(document.attributes(of: paragraphs[0]).map(\.name) == ["id", "a0", "a1", "a2", "a3"])
    #expect(document.text(of: paragraphs[0]) == "kept text")
    #expect(document.text(of: paragraphs[1]) == "next")
  }

  @Test("pages under the cap are parsed as they are")
  func untouched() throws {
    let html = "<div class=\"a\" id=b data-x='1 2 3'>text</div>"
    let document = try parseHTML(Array(html.utf8), attributeLimit: 3)
    #expect(document.attributes(of: document.elements(named: "div")[0]).count == 3)
  }

  /// Browsers close a block element's open descendants at its end tag (HTML5 tree construction);
  /// libxml2 2.9 ignores the end tag when a `<div>` inside is still open, and the rest of the
  /// page ended up inside the button or the menu.
  @Test(
    "an end tag of a block element closes the divs left open inside it",
    arguments: ["button", "nav", "section", "header"])
  func misnestedBlockEnd(tag: String) throws {
    let html = """
      <body><\(tag) class=menu><div class=icon><span>Menu</span></\(tag)>\
      <main><p id=post>The post itself.</p></main></body>
      """
    let document = try parseHTML(Array(html.utf8))
    let outer = document.elements(named: tag)
    let post = document.elements(named: "p")
    try #require(outer.count == 1 && post.count == 1)
    #expect(!document.contains(outer[0], post[0]), "the post is not inside <\(tag)>")
    #expect(document.text(of: outer[0]) == "Menu")
    for (index, node) in document.nodes.enumerated().dropFirst() {
      #expect(node.parent < index)
      #expect(node.end > index && node.end <= document.nodes[node.parent].end)
    }
  }

  @Test("an end tag inside a table cell does not close what is open outside the table")
  func endTagStopsAtTableCell() throws {
    let html = "<nav><table><tr><td><div>cell</nav>after</div></td></tr></table></nav><p>next</p>"
    let document = try parseHTML(Array(html.utf8))
    let div = document.elements(named: "div")
    try #require(div.count == 1)
    #expect(document.text(of: div[0]).hasPrefix("cellafter"))
  }

  /// Some themes print the post after the footer's `</body></html>`; a browser's "after body"
  /// mode puts it in the body, where libxml2 2.9 opened a second `<html>` outside it.
  @Test("content after </body></html> is in the body, as a browser puts it")
  func contentAfterEndOfPage() throws {
    let html = """
      <html><head><title>t</title></head><body><nav><a href="/">Home</a></nav></body></html>
      <div class="post"><p>After the end tags.</p></div><p>And more.</p>
      """
    let document = try parseHTML(Array(html.utf8))
    let bodies = document.elements(named: "body")
    try #require(bodies.count == 1)
    #expect(document.elements(named: "html").count == 1)
    let paragraphs = document.elements(named: "p")
    try #require(paragraphs.count == 2)
    #expect(paragraphs.allSatisfy { document.contains(bodies[0], $0) })
    #expect(document.text(of: paragraphs[0]) == "After the end tags.")
    for (index, node) in document.nodes.enumerated().dropFirst() {
      #expect(node.parent < index)
      #expect(node.end > index && node.end <= document.nodes[node.parent].end)
    }
  }
}
