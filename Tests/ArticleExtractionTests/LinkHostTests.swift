import Testing

@testable import ArticleExtraction

/// `hostOf`: which site a link leads to, as the lead's own-site test and the one-site test of
/// link lists read it.
@Suite("the host a link leads to")
struct LinkHostTests {
  @Test(
    "absolute and scheme-relative links give their host, in one form",
    arguments: [
      ("https://www.Paper.example/ethics", "paper.example"),
      ("//cdn.paper.example/x.js", "cdn.paper.example"),
      ("http://paper.example:8080/a", "paper.example"),
      ("https://user:secret@paper.example/a", "paper.example"),
      ("https://paper.example./a", "paper.example"),
      ("https://paper.example?x=1", "paper.example"),
      ("https://paper.example#top", "paper.example"),
      ("http://[::1]:8080/a", "[::1]"),
      ("https://example.com.evil.example/", "example.com.evil.example"),
      ("HTTPS://WWW.PAPER.EXAMPLE:443/A", "paper.example"),
      ("https://Bücher.Example/a", "bücher.example"),
      ("svn+ssh://user@Host.example/repo", "host.example"),
      // The byte path (`asciiHostOf`) on its edges: the last `@`, an empty port, a final dot
      // before a port, an IPv6 literal in capitals.
      ("http://a@b@paper.example/", "paper.example"), ("//Paper.Example:", "paper.example"),
      ("HTTP://WWW.Paper.Example.:8080/", "paper.example"), ("HTTP://[::1]:80", "[::1]"),
    ])
  func absolute(_ href: String, _ host: String) {
    #expect(hostOf(href).map(String.init) == host)
  }

  @Test(
    "links within the site, and schemes without a host, give none",
    arguments: [
      "/2024/05/post", "page.html", "#history", "?page=2",
      "share.php?u=https://elsewhere.example/", "/go?to=//elsewhere.example",
      "mailto:jane@paper.example", "javascript:void(0)", "tel:+15551234567", "",
    ])
  func withinSite(_ href: String) {
    #expect(hostOf(href) == nil)
  }
}
