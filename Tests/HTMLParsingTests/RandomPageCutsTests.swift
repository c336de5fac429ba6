import Testing

@testable import HTMLParsing

/// Pages put together at random from fragments where the scan and libxml2 could part ways:
/// the cut parse must give the page's tree, or be refused and parsed again.
@Suite("cut and uncut parses of random pages")
struct RandomPageCutsTests {
  private static let fragments: [String] = [
    "<p>", "</p>", "<div class=\"entry content\">", "</div>", "<br/>", "<img src='a/b/c.jpg' />",
    "<a href=\"https://example.com/x?a=1&amp;b=2\">", "</a>", "<b>", "</b>", "<html>", "<head>",
    "</head>", "<body class=\"page template\">", "</body>", "</html>",
    "<meta content=\"x y z w v\">",
    "<title>", "</title>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<pre>", "</pre>",
    "<textarea>", "</textarea>", "<script>var a = '<p>';</script>", "<style>p { x: y }</style>",
    "<script src=\"https://example.com/s.js\"></script>", "<!-- a comment -->", "<!DOCTYPE html>",
    "<?php x ?>", "<!-- <p class=\"in a comment\"> -->", "<_x title=\"long enough value\">",
    "<p title=\"long enough\"id=\"glued together\">", "<p a=\"1\" A=\"repeated name\">",
    "<p @click=\"x\" data-a=\"long enough value\">", "<p data-a=unquoted-long-value>",
    "<svg><path d=\"M10 10 L20 20 Z\"/></svg>", "<button><div>", "</button>", "<ul><li>", "</ul>",
    "Some prose long enough to cut. ", "short", " ", "\n", "\n        ", "\t\t\t\t\t\t\t\t\t\t",
    String(repeating: " ", count: 700), "&amp;", "&#8217;", "&nosuch;", "&amp", "&", "a < b ",
    "<", ">", "\"", "'", "=", "/", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{85}", "é", "中文",
    "😀", "\r\n", "<p/>", "</>", "<!>", "</ p>", "<p\n class=\"multi line value here\"\n>",
  ]

  @Test("random pages give the same tree cut and uncut")
  func sameTrees() throws {
    var generator = SplitMix64(seed: 12)
    var cutPages = 0
    for _ in 0..<3_000 {
      let count = Int(generator.next() % 40) + 1
      var html = ""
      for _ in 0..<count {
        html += Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
      }
      let bytes = Array(html.utf8)
      let whole = try parseHTML(
        bytes, encoding: "utf-8", attributeLimit: maximumAttributesPerTag,
        nodeLimit: maximumNodes, cuttingInput: false)
      let cut = try parseHTML(bytes, encoding: "utf-8")
      #expect(treeLines(cut) == treeLines(whole), "\(html.debugDescription)")
      if try parseCuttingInput(bytes) != nil { cutPages += 1 }
    }
    // Most pages have something to cut, and libxml2 confirms it.
    #expect(cutPages > 1_500)
  }
}

/// A small seeded generator (SplitMix64), so that a failing page can be found again.
private struct SplitMix64 {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
