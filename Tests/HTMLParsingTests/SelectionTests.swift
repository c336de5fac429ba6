import HTMLParsing
import Testing

@Suite("selectors: CSS to XPath, and selection with libxml2")
struct SelectionTests {
  @Test(
    "CSS selectors translate to XPath",
    arguments: [
      (
        "div.post-body", "//div[contains(concat(' ', normalize-space(@class), ' '), ' post-body ')]"
      ),
      ("article#main > p", "//article[@id='main']/p"),
      ("div p", "//div//p"),
      ("[data-role=post]", "//*[@data-role = 'post']"),
      ("a[href^='https:']", "//a[starts-with(@href, 'https:')]"),
      ("h1, h2", "//h1 | //h2"),
    ])
  func translates(_ css: String, _ expected: String) throws {
    #expect(try xpath(fromCSS: css) == expected)
  }

  @Test(
    "unsupported CSS is refused", arguments: ["a:hover", "div + p", "div ~ p", "div >", "", "#"])
  func refuses(_ css: String) {
    #expect(throws: CSSSelectorError.self) { try xpath(fromCSS: css) }
  }

  @Test("an XPath expression that does not compile is refused, silently")
  func invalidXPath() {
    #expect(throws: SelectorError.invalidXPath("//div[")) { try validateXPath("//div[") }
    #expect(throws: Never.self) { try validateXPath("//div[@class='a']") }
  }

  @Test("selection keeps the head and the selected elements")
  func selects() throws {
    let page = Array(
      "<html><head><title>T</title></head><body><p>out</p><div class=a><p>in</p></div></body></html>"
        .utf8)
    let reduced = String(
      decoding: try selectedArticleHTML(page, xpath: "//div[@class='a']"), as: UTF8.self)
    #expect(reduced.contains("<title>T</title>"))
    #expect(reduced.contains("<p>in</p>"))
    #expect(!reduced.contains("out"))
    #expect(throws: SelectorError.noMatch("//table")) {
      try selectedArticleHTML(page, xpath: "//table")
    }
  }
}
