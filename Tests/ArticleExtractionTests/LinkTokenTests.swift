import ArticleExtraction
import HTMLParsing
import Testing

/// Link targets without the parameters that change per visit (issue #13): a session id, a
/// signature or a tracker written into a post's links on every load is not an edit, while a
/// link that points elsewhere (another path, another `id`, another affiliate tag) still is.
@Suite("per-visit tokens in link targets")
struct LinkTokenTests {
  /// Each family of tokens, as written and as the links section records it.
  static let dropped: [(String, String)] = [
    // Session ids: by name, as a path parameter, by name and shape, ASP.NET's cookieless path.
    ("https://shop.example/item;jsessionid=9F2C0A7B1E?id=2", "https://shop.example/item?id=2"),
    ("/cart;JSESSIONID=abc.node1", "/cart"),
    ("/a?PHPSESSID=k3j4h5g6f7d8s9a0&page=2", "/a?page=2"),
    ("/p?osCsid=5c0e5b8c0f7e&products_id=12", "/p?products_id=12"),
    ("/p?products_id=12&zenid=a1b2c3", "/p?products_id=12"),
    ("/x?CFID=1234&CFTOKEN=56789012&a=1", "/x?a=1"),
    ("/forum/showthread.php?t=42&s=0123456789abcdef0123456789abcdef", "/forum/showthread.php?t=42"),
    ("/viewtopic.php?f=2&sid=4fa2b3c4d5e6f7a8b9c0d1e2f3a4b5c6", "/viewtopic.php?f=2"),
    (
      "https://app.example/(S(lit3py55t21z5v55vlm25s55))/page.aspx?x=1",
      "https://app.example/page.aspx?x=1"
    ),
    ("/app/(X(1)S(abcdef1234))/default.aspx", "/app/default.aspx"),
    // Signed URLs: the signature parameters as a group, the path kept.
    (
      "https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIA%2F20261207%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20261207T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
        + "&X-Amz-Security-Token=FwoGZX&X-Amz-Signature=9f86d081884c7d65",
      "https://bucket.s3.amazonaws.com/report.pdf"
    ),
    (
      "https://b.s3.amazonaws.com/f.png?AWSAccessKeyId=AKIA&Expires=1765000000&Signature=ab%2Bc",
      "https://b.s3.amazonaws.com/f.png"
    ),
    (
      "https://d1.cloudfront.net/v.mp4?Expires=1765000000&Signature=abc~def&Key-Pair-Id=K2JC",
      "https://d1.cloudfront.net/v.mp4"
    ),
    (
      "https://d1.cloudfront.net/v.mp4?quality=hd&Policy=eyJ9&Signature=x~y&Key-Pair-Id=K2JC",
      "https://d1.cloudfront.net/v.mp4?quality=hd"
    ),
    (
      "https://storage.googleapis.com/b/o.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256"
        + "&X-Goog-Credential=sa%40p.iam&X-Goog-Date=20261207T120000Z&X-Goog-Expires=600"
        + "&X-Goog-SignedHeaders=host&X-Goog-Signature=1a2b3c",
      "https://storage.googleapis.com/b/o.pdf"
    ),
    (
      "https://storage.googleapis.com/b/o?GoogleAccessId=sa%40p&Expires=1765000000&Signature=a%3D",
      "https://storage.googleapis.com/b/o"
    ),
    (
      "https://acct.blob.core.windows.net/c/f.pdf?sv=2022-11-02&se=2026-12-08T00%3A00Z&sr=b"
        + "&sp=r&sig=abc%3D", "https://acct.blob.core.windows.net/c/f.pdf"
    ),
    (
      "https://media.example/v.m3u8?hdnts=exp=1765000000~acl=/*~hmac=ab12",
      "https://media.example/v.m3u8"
    ),
    ("https://media.example/v.m3u8?__token__=exp=1~hmac=ff", "https://media.example/v.m3u8"),
    // Trackers, in any case and percent-encoded.
    (
      "https://x.example/post?utm_source=newsletter&utm_medium=email&utm_campaign=dec",
      "https://x.example/post"
    ),
    (
      "https://x.example/post?id=7&fbclid=IwAR3xyz&gclid=Cj0K&dclid=1&msclkid=2",
      "https://x.example/post?id=7"
    ),
    ("/post?mc_cid=a1&mc_eid=b2&_ga=2.1.2.3&_gl=1*abc&yclid=9&igshid=MzRl", "/post"),
    ("/post?_hsenc=p2A&_hsmi=123&__hstc=1.2&__hssc=1.1&__hsfp=99", "/post"),
    ("/post?mkt_tok=eyJp&oly_enc_id=1&oly_anon_id=2&vero_id=3&wickedid=4", "/post"),
    ("/post?UTM_SOURCE=x&utm%5Fmedium=y&%75tm_term=z", "/post"),
    // Cache busters and nonces.
    ("/feed?_=1712345678901&page=3", "/feed?page=3"),
    (
      "/wp-admin/admin-ajax.php?action=vote&_wpnonce=3f9a1c2b7e",
      "/wp-admin/admin-ajax.php?action=vote"
    ),
    ("/file.pdf?ver=1712345678", "/file.pdf"),
    ("/file.pdf?ver=a1b2c3d4e5", "/file.pdf"),
    // Kept parameters keep their order, separators, encoding and the fragment.
    ("/post?b=2&utm_source=x&a=%41;c=3#section-2", "/post?b=2&a=%41;c=3#section-2"),
    ("/post?utm_source=x&b=2#top", "/post?b=2#top"),
    ("/post?a=1;fbclid=2", "/post?a=1"),
    ("/post?a=1&&utm_source=x", "/post?a=1&"),
    ("/post?utm_source=x&utm_source=y&id=1&fbclid=1&fbclid=2", "/post?id=1"),
    ("HTTPS://x.example/?utm_source=x", "HTTPS://x.example/"),
    ("//cdn.example/a.js?_=1712345678", "//cdn.example/a.js"),
    ("?utm_source=x&p=2", "?p=2"),
    ("page.html?fbclid=1#", "page.html#"),
    // A query written empty is the page itself, as it is once a tool's trackers are dropped.
    ("https://x.substack.com/subscribe?", "https://x.substack.com/subscribe"),
    ("https://x.substack.com/subscribe?utm_source=post", "https://x.substack.com/subscribe"),
    ("/post?#top", "/post#top"),
  ]

  @Test("each family of per-visit tokens goes", arguments: dropped)
  func dropsTokens(written: String, recorded: String) {
    #expect(withoutVisitTokens(written) == recorded)
    // The result gives itself.
    #expect(withoutVisitTokens(recorded) == recorded)
  }

  /// Targets that are where the link points, kept byte for byte.
  static let kept: [String] = [
    // Affiliate ids are part of the record.
    "https://www.amazon.com/dp/B000123?tag=myblog-20",
    "https://shop.example/item?ref=partner42",
    "https://shop.example/item?aff_id=7&tag=blog-21",
    // Another object, another id, a search.
    "https://bucket.s3.amazonaws.com/report-v2.pdf",
    "/post?id=2", "/?s=budget+vote", "/?s=0123456789", "/story.pl?sid=07/01/01/1234",
    "/schedule?session_id=12", "/a?cb=blue", "/a?_=1", "/style.css?ver=1.2.3", "/a?ver=deadbeef",
    // A parameter named like a signature's, without the scheme's other parameters.
    "/docs?Signature=Jane+Doe", "/event?Expires=2026-12-31", "/c?sig=abc", "/c?se=now&sv=1",
    // Other schemes are kept as written.
    "mailto:editor@x.example?subject=Hi&utm_source=blog",
    "tel:+15551234567;ext=12", "data:text/plain;utm_source=x,hello",
    "javascript:void(0);fbclid=1",
    // No query, an empty query, empty values, a parenthesised segment that is no session.
    "/post", "/post?a=&b=", "/wiki/Swift_(programming_language)", "/a/(S(x)/b",
    "https://x.example/a?b=1#utm_source=x", "#utm_source=x", "",
    "/p?%ZZ=1&q=%E2%9C%93", "/p?é=1&fbclid_not=1",
  ]

  @Test("where the link points stays, byte for byte", arguments: kept)
  func keepsTargets(target: String) {
    #expect(withoutVisitTokens(target) == target)
  }

  /// A post whose body links carry per-visit tokens.
  static func page(_ links: [String]) -> String {
    let anchors = links.enumerated().map { "<a href=\"\($1)\">link \($0 + 1)</a>" }
    return """
      <html><head><title>Notes on the bridge</title></head><body>
      <nav><a href="/">Home</a></nav><article><h1>Notes on the bridge</h1>
      <p>The council met on Tuesday to discuss the bridge, the roads and the new library, and \
      the minutes (\(anchors.joined(separator: ", "))) are online for anyone to read.</p>
      <p>Members argued for three hours about the cost of the bridge, then agreed to delay the \
      vote until spring, when the engineers report.</p></article></body></html>
      """
  }

  @Test("the links section records each target once, without its tokens")
  func linksSection() throws {
    let article = try extractArticle(
      from: parseHTML(
        Array(
          Self.page([
            "https://council.example/minutes.pdf?X-Amz-Signature=1f&X-Amz-Date=20261207T1",
            "https://council.example/minutes.pdf?X-Amz-Signature=2e&X-Amz-Date=20261207T2",
            "/agenda;jsessionid=A1B2?day=2&utm_source=rss",
            "https://shop.example/book?tag=town-21&fbclid=IwAR",
            "?utm_source=self",
          ]).utf8))
    ).article
    #expect(
      article.links == [
        "https://council.example/minutes.pdf", "/agenda?day=2",
        "https://shop.example/book?tag=town-21",
      ])
  }

  @Test("a text of format 3 gets its links as format 4 writes them, from the text alone")
  func stableLinks() {
    let old =
      "Title: A\n\nBody\n\nCaptions:\nA cat\n\nLinks:\n/a?utm_source=x\n/a?utm_source=y\n"
      + "/b;jsessionid=1\n?fbclid=2\n/c?id=2\n"
    let new = "Title: A\n\nBody\n\nCaptions:\nA cat\n\nLinks:\n/a\n/b\n/c?id=2\n"
    #expect(ArticleText.withStableLinks(old, format: 3) == new)
    #expect(ArticleText.withStableLinks(old, format: 2) == new)
    // Format 4 is as written; format 1 had no links section.
    #expect(ArticleText.withStableLinks(old, format: 4) == old)
    #expect(ArticleText.withStableLinks(old, format: 1) == old)
    // A link that points elsewhere stays different.
    let moved = old.replacingOccurrences(of: "/c?id=2", with: "/c?id=3")
    #expect(ArticleText.withStableLinks(moved, format: 3) != new)
    // Nothing to drop: the same text.
    #expect(ArticleText.withStableLinks(new, format: 3) == new)
    #expect(ArticleText.inFormat(3, new) == new)
  }
}
