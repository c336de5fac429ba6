import DocumentDecoding
import Testing

@testable import Redline

@Suite("where a meta refresh sends the reader")
struct MetaRefreshTests {
  @Test("the page itself with a query added reloads it; another page, or another item, moves")
  func reloads() {
    let page = "https://blog.example/2016/07/p.html"
    #expect(reloadsItself(page + "?reload=1", pageURL: page))
    #expect(reloadsItself("http://www.blog.example/2016/07/p.html/?t=9", pageURL: page))
    #expect(
      reloadsItself("https://blog.example/?p=12&amp=1", pageURL: "https://blog.example/?p=12"))
    #expect(!reloadsItself("https://blog.example/?p=13", pageURL: "https://blog.example/?p=12"))
    #expect(!reloadsItself("https://blog.example/2016/07/q.html?reload=1", pageURL: page))
    #expect(!reloadsItself("https://other.example/2016/07/p.html", pageURL: page))
  }
}

extension MetaRefreshTests {
  private func target(inside container: String) -> String? {
    let html =
      "<html><head><title>How to redirect a blog</title></head><body><p>Paste this code:</p>"
      + "<\(container)><meta http-equiv=\"refresh\" content=\"0; url=/elsewhere.html\">"
      + "</\(container)><p>More of the post.</p></body></html>"
    return metaRefreshTarget(
      decodeText(Array(html.utf8), declaredCharset: "utf-8"), base: "https://blog.example/p.html")
  }

  @Test(
    "a refresh in what browsers do not read as markup, or keep inert, is none",
    arguments: ["noscript", "template", "textarea", "xmp", "iframe", "noembed", "noframes", "svg"])
  func inert(container: String) {
    // A tutorial's "copy this code" box (`<textarea>`, `<xmp>`), a web component's template.
    #expect(target(inside: container) == nil)
  }

  @Test("a refresh in the body, in any other element, sends the reader", arguments: ["div", "p"])
  func live(container: String) {
    #expect(target(inside: container) == "https://blog.example/elsewhere.html")
  }
}
