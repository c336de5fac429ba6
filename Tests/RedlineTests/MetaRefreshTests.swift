import Testing

@testable import Redline

@Suite("where a meta refresh sends the reader")
struct MetaRefreshTests {
  @Test("the page itself with a query added reloads it; another page, or another item, moves")
  func reloads() {
    let page = "https://blog.example/2016/07/p.html"
    #expect(reloadsItself(page + "?reload=1", pageURL: page))
    #expect(reloadsItself("http://www.blog.example/2016/07/p.html/?t=9", pageURL: page))
    #expect(reloadsItself("https://blog.example/?p=12&amp=1", pageURL: "https://blog.example/?p=12"))
    #expect(!reloadsItself("https://blog.example/?p=13", pageURL: "https://blog.example/?p=12"))
    #expect(!reloadsItself("https://blog.example/2016/07/q.html?reload=1", pageURL: page))
    #expect(!reloadsItself("https://other.example/2016/07/p.html", pageURL: page))
  }
}
