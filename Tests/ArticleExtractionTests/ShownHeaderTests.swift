import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
]

private func article(_ html: String) throws -> Article {
  try extractArticle(from: parseHTML(Array(html.utf8))).article
}

/// A page with `head` in its `<head>`, `above` between the headline and the post (in the
/// post's header box, as themes write it), and the post.
private func page(head: String, headline: String, above: String = "") -> String {
  """
  <html><head>\(head)</head><body><div class="site"><div class="banner">Town Notes</div>
  <div id="post"><header><h1>\(headline)</h1>\(above)</header>
  <div class="entry-content"><p>\(post[0])</p><p>\(post[1])</p></div></div></div>
  </body></html>
  """
}

@Suite("The header lines say what the page shows: its headline and its dateline")
struct ShownHeaderTests {
  @Test("an edited headline under a cached og:title is the Headline line")
  func editedHeadline() throws {
    let head = "<meta property=\"og:title\" content=\"Budget vote delayed until May\">"
    let before = try article(page(head: head, headline: "Budget vote delayed until May"))
    let after = try article(page(head: head, headline: "Budget vote delayed until June"))
    #expect(before.title == "Budget vote delayed until May")
    #expect(before.headline == nil)
    #expect(after.title == "Budget vote delayed until May")
    #expect(after.headline == "Budget vote delayed until June")
    #expect(
      after.canonicalText.hasPrefix(
        "Title: Budget vote delayed until May\nHeadline: Budget vote delayed until June\n"))
    #expect(after.blocks.map(\.text) == post)
  }

  @Test("a blog theme's heading over the post, in the post's box, is the title when edited")
  func boxHeading() throws {
    func blog(_ heading: String) -> String {
      """
      <html><head><meta property="og:title" content="Minecraft 1.8 - The Bountiful Update">
      </head><body><table><tr><td><h1>Minecraft News</h1></td></tr></table>
      <div class="post text"><h3><a href="/post/1">\(heading)</a></h3><p>\(post[0]) \(post[1])</p>
      </div></body></html>
      """
    }
    #expect(try article(blog("Minecraft 1.8 - The Bountiful Update")).headline == nil)
    #expect(
      try article(blog("Minecraft 1.8 - The Lantern Update")).headline
        == "Minecraft 1.8 - The Lantern Update")
  }

  @Test("a headline with the title's words adds no line: a site's name, quotes, a date")
  func sameWords() throws {
    let withSite = "<meta property=\"og:title\" content=\"Budget vote delayed | Town Notes\">"
    #expect(try article(page(head: withSite, headline: "Budget vote delayed")).headline == nil)
    let quoted = "<meta property=\"og:title\" content=\"Council's &quot;last&quot; vote\">"
    let quotedArticle = try article(page(head: quoted, headline: "Council’s “last” vote"))
    #expect(quotedArticle.title == "Council's \"last\" vote")
    #expect(quotedArticle.headline == nil)
    // A date after the headline in its <h1> is no part of the title.
    let plain = "<meta property=\"og:title\" content=\"Budget vote delayed\">"
    let dated = try article(
      page(head: plain, headline: "Budget vote delayed <span>Posted on July 1, 2024</span>"))
    #expect(dated.title == "Budget vote delayed")
    #expect(dated.headline == nil)
  }

  @Test("a banner or another headline of other words leaves the title as it was")
  func otherWords() throws {
    let head = "<meta property=\"og:title\" content=\"Budget vote delayed\">"
    let banner = try article(page(head: head, headline: "Town Notes"))
    #expect(banner.title == "Budget vote delayed")
    #expect(banner.headline == nil)
  }

  @Test("a <title> whose longer part is the site's name: the part the headline shows is the title")
  func titleTagSiteName() throws {
    let head = "<title>Budget vote delayed - Ann Lee ( Town Notes ) ( blog )</title>"
    #expect(
      try article(page(head: head, headline: "Budget vote delayed")).title
        == "Budget vote delayed")
    // A site's name in an <h1> beside a post whose body opens with its title leaves the title.
    let book = """
      <html><head><title>Recoverable Errors - The Town Book</title></head><body>
      <div class="menu"><h1>The Town Book</h1></div><main><h2>Recoverable Errors</h2>
      <p>\(post[0])</p><p>\(post[1])</p></main></body></html>
      """
    #expect(try article(book).title == "Recoverable Errors")
  }

  @Test("a dateline's date and writer fill Published and Author when the metadata has none")
  func datelineFills() throws {
    let head = "<title>Budget vote delayed</title>"
    let dated = try article(
      page(
        head: head, headline: "Budget vote delayed",
        above: "<p class=\"attribution\">Tuesday 15 October 2019 by Ann M. Lee</p>"))
    #expect(dated.published == "2019-10-15")
    #expect(dated.authors == ["Ann M. Lee"])
    let numeric = try article(
      page(
        head: head, headline: "Budget vote delayed",
        above: "<h5>2/26/2015 7:11 AM PST BY TOWN STAFF</h5>"))
    #expect(numeric.published == "2015-02-26")
    #expect(numeric.authors == ["TOWN STAFF"])
    // Back-dating is an edit.
    let backDated = try article(
      page(
        head: head, headline: "Budget vote delayed",
        above: "<h5>2/26/2014 7:11 AM PST BY TOWN STAFF</h5>"))
    #expect(backDated.canonicalText != numeric.canonicalText)
    // A date the page alone cannot read (3/4: March 4 or April 3) fills nothing.
    let ambiguous = try article(
      page(
        head: head, headline: "Budget vote delayed", above: "<h5>3/4/2015 7:11 AM</h5>"))
    #expect(ambiguous.published == nil)
  }

  @Test("a dateline's day the metadata does not give is the Shown date line")
  func shownDate() throws {
    let head = """
      <title>Budget vote delayed</title>
      <meta property="article:modified_time" content="2016-09-14T07:07:00-04:00">
      """
    func shown(_ line: String) throws -> Article {
      try article(
        page(
          head: head, headline: "Budget vote delayed",
          above: "<div class=\"meta\"><time datetime=\"2016-09-14\">\(line)</time></div>"))
    }
    let agreeing = try shown("Last updated September 14, 2016")
    #expect(agreeing.shownDate == nil)
    #expect(!agreeing.canonicalText.contains("Shown date:"))
    let edited = try shown("Last updated September 15, 2016")
    #expect(edited.updated == "2016-09-14T07:07:00-04:00")
    #expect(edited.shownDate == "2016-09-15")
    #expect(
      edited.canonicalText.contains("Updated: 2016-09-14T07:07:00-04:00\nShown date: 2016-09-15\n"))
  }

  @Test("a UTC time shown in the reader's zone, the day before or after, agrees")
  func utcTimeShownLocally() throws {
    let head = """
      <title>Budget vote delayed</title>
      <meta property="article:published_time" content="2023-11-07T02:22:09Z">
      """
    let html = page(
      head: head, headline: "Budget vote delayed",
      above: "<div class=\"byline\">9:22 PM EST, Mon November 6, 2023</div>")
    #expect(try article(html).shownDate == nil)
  }

  @Test("a reader's comment set between the headline and the post is no dateline")
  func commentIsNoDateline() throws {
    let comment = """
      <div class="tools"><div class="comment"><b class="fn">Jordan Reader</b> \
      <time datetime="2026-03-03T09:14:00+00:00">March 3, 2026 at 9:14 am</time></div></div>
      """
    let html = page(
      head: "<title>Budget vote delayed</title>", headline: "Budget vote delayed", above: comment)
    #expect(try article(html).published == nil)
  }

  @Test("a picture's caption under the headline is no dateline")
  func captionIsNoDateline() throws {
    let html = page(
      head: "<title>Budget vote delayed</title>", headline: "Budget vote delayed",
      above:
        "<figure><img src=\"a.jpg\"><figcaption>The bridge on March 24, 2014</figcaption></figure>")
    #expect(try article(html).published == nil)
  }

  @Test("a day labelled as the day the page is read is no dateline: it moves on every check")
  func dayOfReadingIsNoDateline() throws {
    let head = """
      <title>Budget vote delayed</title>
      <meta property="article:published_time" content="2015-03-04T10:00:00Z">
      """
    for label in ["Last checked 7 December 2026", "Today is Monday, December 7, 2026"] {
      let html = page(
        head: head, headline: "Budget vote delayed",
        above: "<div class=\"meta\">\(label)</div>")
      let read = try article(html)
      #expect(read.shownDate == nil, "\(label)")
      #expect(read.published == "2015-03-04T10:00:00Z")
    }
    // With no metadata date, the day of reading fills nothing; a dateline after it still does.
    let html = page(
      head: "<title>Budget vote delayed</title>", headline: "Budget vote delayed",
      above: "<div>Last checked 7 December 2026</div><div>Posted March 4, 2015</div>")
    #expect(try article(html).published == "2015-03-04")
  }

  @Test("a date in a link to another post (a previous post), a marquee or a ticker is no dateline")
  func otherPostDateIsNoDateline() throws {
    let head = """
      <title>Budget vote delayed</title>
      <meta property="article:published_time" content="2015-03-04T10:00:00Z">
      """
    let others = [
      "<div class=\"nav\"><a href=\"/prev\">« Older: A walk by the harbour "
        + "(June 2, 2024)</a></div>",
      "<marquee><a href=\"/x\">Storm</a> June 3, 2024</marquee>",
      "<div class=\"news-ticker\"><ul><li><a href=\"/x\">Storm</a> June 3, 2024</li></ul></div>",
    ]
    for other in others {
      let html = page(head: head, headline: "Budget vote delayed", above: other)
      #expect(try article(html).shownDate == nil, "\(other)")
      let bare = page(
        head: "<title>Budget vote delayed</title>", headline: "Budget vote delayed", above: other)
      #expect(try article(bare).published == nil, "\(other)")
    }
    // A byline's link, and a permalink with the post's own title, leave the dateline.
    let byline = page(
      head: "<title>Budget vote delayed</title>", headline: "Budget vote delayed",
      above: "<div class=\"meta\">By <a href=\"/ann\">Ann Lee</a>, June 3, 2024</div>")
    #expect(try article(byline).published == "2024-06-03")
    let linkedByline = page(
      head: "<title>Budget vote delayed</title>", headline: "Budget vote delayed",
      above: "<div><a href=\"/ann\">By Ann Roberts-Grey</a> <a rel=\"author\" href=\"/bo\">"
        + "Bo Chan Lee Smith</a> <time>June 3, 2024</time></div>")
    #expect(try article(linkedByline).published == "2024-06-03")
    let permalink = page(
      head: "<title>Budget vote delayed until the spring</title>", headline: "Budget vote delayed",
      above:
        "<div class=\"meta\"><a href=\"/p\">Budget vote delayed until the spring</a> June 3, 2024</div>"
    )
    #expect(try article(permalink).published == "2024-06-03")
  }

  @Test("a headline whose first line the title holds, a writer's name after a <br>, adds no line")
  func headlineWithBrokenLine() throws {
    let head =
      "<meta property=\"og:title\" content=\"Budget vote delayed until May (photo: Ann Lee)\">"
    let byline = try article(
      page(head: head, headline: "Budget vote delayed until May<br>Chief editor Bo Chan"))
    #expect(byline.headline == nil)
    // An edited first line is still the Headline line.
    let edited = try article(
      page(head: head, headline: "Budget vote delayed until June<br>Bo Chan"))
    #expect(edited.headline == "Budget vote delayed until June Bo Chan")
  }

  @Test("inline markup inside a word of the headline parts no word: no Headline line")
  func inlineMarkupInHeadline() throws {
    let head = "<meta property=\"og:title\" content=\"Understanding distributed consensus\">"
    for headline in [
      "Understanding distri<wbr>buted consensus",
      "Understanding <em>distributed</em> consen<b>sus</b>",
    ] {
      #expect(try article(page(head: head, headline: headline)).headline == nil, "\(headline)")
    }
  }
}
