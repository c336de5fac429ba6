import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

private func extract(_ html: String, url: String? = nil) throws -> Article {
  try extractArticle(from: parseHTML(Array(html.utf8)), options: ExtractionOptions(url: url))
    .article
}

private let prose = """
  The council met on Tuesday to discuss the budget, the roads, and the new library. \
  Members argued for hours, and in the end they agreed to delay the vote until spring.
  """

@Suite("Metadata")
struct MetadataTests {
  @Test("JSON-LD inside @graph gives title, authors and dates")
  func jsonLDGraph() throws {
    let article = try extract(
      """
      <html lang="en-GB"><head><title>Site | Ignored</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Example"},
        {"@type":"BlogPosting","headline":"Budget vote delayed","datePublished":"2021-03-04T10:20:30Z",
         "dateModified":"2021-03-05T08:00:00+01:00","author":[{"@type":"Person","name":"Ana Ruiz"},{"name":"Bo Li"}],
         "publisher":{"@type":"Organization","name":"Town Blog"}}]}
      </script></head><body><article><p>\(prose)</p></article></body></html>
      """)
    #expect(article.title == "Budget vote delayed")
    #expect(article.authors == ["Ana Ruiz", "Bo Li"])
    #expect(article.published == "2021-03-04T10:20:30Z")
    #expect(article.updated == "2021-03-05T08:00:00+01:00")
    #expect(article.siteName == "Town Blog")
    #expect(article.language == "en-GB")
  }

  @Test("OpenGraph and article:* meta tags, canonical link, site name trimmed from the title")
  func openGraph() throws {
    let article = try extract(
      """
      <html><head><title>Budget vote delayed - Town Blog</title>
      <meta property="og:site_name" content="Town Blog">
      <meta property="article:published_time" content="2021-03-04">
      <meta property="article:modified_time" content="2021-03-06T09:00:00.123-05:00">
      <meta name="author" content="Ana Ruiz">
      <link rel="canonical" href="/2021/03/budget.html">
      </head><body><div class="entry-content"><p>\(prose)</p></div></body></html>
      """, url: "https://town.example/2021/03/budget.html?utm_source=x")
    #expect(article.title == "Budget vote delayed")
    #expect(article.authors == ["Ana Ruiz"])
    #expect(article.published == "2021-03-04")
    #expect(article.updated == "2021-03-06T09:00:00-05:00")
    #expect(article.url == "https://town.example/2021/03/budget.html")
  }

  @Test(
    "a canonical link that is no page address gives way to og:url or the page's own URL",
    arguments: [
      "javascript:void(0)", "http://", "{{ page.url | absolute_url }}", "{% canonical %}",
      "<%= url %>", "${canonicalUrl}", "mailto:editor@town.example",
    ])
  func brokenCanonical(_ href: String) throws {
    let page = { (og: String) in
      """
      <html><head><title>Budget vote delayed</title><link rel="canonical" href="\(href)">\(og)
      </head><body><div class="entry-content"><p>\(prose)</p></div></body></html>
      """
    }
    let url = "https://town.example/2021/03/budget.html"
    #expect(try extract(page(""), url: url).url == url)
    let og = "<meta property=\"og:url\" content=\"https://town.example/budget\">"
    #expect(try extract(page(og), url: url).url == "https://town.example/budget")
  }

  @Test("Blogger markup: post title, date header and abbr.published")
  func bloggerMarkup() throws {
    let article = try extract(
      """
      <html><head><title>My Blog: Budget vote delayed</title></head><body>
      <h2 class='date-header'><span>Thursday, March 4, 2021</span></h2>
      <div class='post hentry'><h3 class='post-title entry-title'>Budget vote delayed</h3>
      <div class='post-body entry-content'>\(prose)<br />Second paragraph of the post.<br /></div>
      <div class='post-footer'>Posted by <span class='fn'>Ana</span>
      <a class='comment-link'>No comments:</a></div></div></body></html>
      """)
    #expect(article.title == "Budget vote delayed")
    #expect(article.published == "2021-03-04")
    #expect(article.authors == ["Ana"])
    #expect(article.blocks.map(\.text) == [prose, "Second paragraph of the post."])
  }

  @Test(
    "dates are normalized to ISO 8601",
    arguments: [
      ("<time datetime='2016-07-02T08:53:00-0700'>x</time>", "2016-07-02T08:53:00-07:00"),
      ("<span class='published'>2 July 2016</span>", "2016-07-02"),
      ("<span class='published'>Jul 2, 2016</span>", "2016-07-02"),
      ("<span class='dt-published'>2016/07/02 8:53</span>", "2016-07-02"),
    ])
  func dates(markup: String, expected: String) throws {
    let article = try extract(
      "<html><body>\(markup)<article><p>\(prose)</p></article></body></html>")
    #expect(article.published == expected)
  }
}

@Suite("Body")
struct BodyTests {
  @Test("boilerplate never enters the article")
  func boilerplate() throws {
    let article = try extract(
      """
      <html><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
      <div class="sidebar"><h3>Popular posts</h3><p>Another post that is very popular with readers this week.</p></div>
      <article><h1>Title</h1><p>\(prose)</p>
      <div class="share-buttons"><a>Share on Twitter</a></div>
      <p>A second paragraph, with a <a href="/x">link</a> inside it.</p>
      <div id="comments"><h4>2 comments:</h4><p>Great post, thank you for writing it all up so clearly.</p></div>
      </article><footer>Copyright 2021, all rights reserved.</footer>
      <script>document.write("tracking")</script></body></html>
      """)
    let texts = article.blocks.map(\.text)
    #expect(texts == [prose, "A second paragraph, with a link inside it."])
  }

  @Test("an id that is a heading's slug marks nothing; a short id still marks chrome")
  func headingSlugIDs() throws {
    // Sphinx gives each section the slug of its heading as id. (The h1 is the title.)
    let article = try extract(
      """
      <html><body><div class="document"><div class="section" id="getting-started">
      <h1>Getting started</h1><p>\(prose)</p>
      <div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2>
      <p>Clone the repository, then push your changes back to it when the tests pass.</p></div>
      <div id="share-box"><p>Share this page with your friends and colleagues, they will love it.</p></div>
      </div></div></body></html>
      """)
    #expect(
      article.blocks.map(\.text) == [
        prose, "Sharing with a single developer",
        "Clone the repository, then push your changes back to it when the tests pass.",
      ])
  }

  @Test("a serial number or hash in an id does not make it a slug; a foot block is chrome")
  func serialIDWordsAndFootBlocks() throws {
    let article = try extract(
      """
      <html><body><article><h1>Budget approved</h1><div class="body"><p>\(prose)</p>
      <p>The council will publish the final figures next week, a spokesman said.</p></div>
      <div class="box" id="sf_comment_form_container_624c6b1b33fcd380"><h2>Comment</h2>
      <p>Comments are the opinion of their writers, not of this newspaper or its staff.</p></div>
      <div class="foot-four"><div class="foot-four-one">All content on this site is protected
      by copyright and may not be reproduced without the written consent of the site.</div></div>
      </article></body></html>
      """)
    #expect(
      article.blocks.map(\.text) == [
        prose, "The council will publish the final figures next week, a spokesman said.",
      ])
  }

  @Test("a heading that is the page's title with an ending, or the title with one, is the headline")
  func headlineWithEnding() throws {
    let page = { (metaTitle: String, heading: String) in
      try extract(
        """
        <html><head><meta property="og:title" content="\(metaTitle)"></head><body><div class="x">
        <h1>\(heading)</h1><div class="body"><p>\(prose)</p></div>
        <h2>Further steps</h2><p>The council meets again in March to vote on the plan.</p>
        </div></body></html>
        """
      ).blocks.map(\.text)
    }
    let rest = [prose, "Further steps", "The council meets again in March to vote on the plan."]
    // The title with a photo credit after it; a headline with the writer's name after it in
    // the same block. (Under a `<br>` the name is a block of its own, and the headline alone
    // was dropped before as the title.)
    #expect(
      try page("Council delays the budget vote (Photo: Reuters)", "Council delays the budget vote")
        == rest)
    #expect(
      try page(
        "Council delays the budget vote", "Council delays the budget vote <small>By Ann Lee</small>"
      )
        == rest)
    // A heading that only begins as the title does is not the headline.
    #expect(
      try page("Council delays the budget vote on the new library and the roads", "Council delays")
        == ["Council delays"] + rest)
    // The headline's lines after or before a `<br>` in the same `<h1>`: a byline, a kicker.
    #expect(
      try page(
        "Council delays the budget vote",
        "<span>Council delays the budget vote</span><br><span>Staff writer Ann Lee</span>") == rest)
    #expect(
      try page(
        "Council delays the budget vote",
        "<span class=\"kicker\">Town hall</span><br>Council delays the budget vote") == rest)
  }

  @Test("a heading of the same level after the headline, in an element of its own, stays")
  func headingAfterHeadline() throws {
    let html = """
      <html><head><title>Council delays the budget vote</title></head><body><article>
      <h1>Council delays the budget vote</h1><h1>Why the vote matters</h1><p>\(prose)</p>
      </article></body></html>
      """
    #expect(try extract(html).blocks.map(\.text) == ["Why the vote matters", prose])
  }

  @Test(
    "a byline among the first blocks leaves the body; a sentence that opens with 'By' stays",
    arguments: [
      ("By Ann Lee", false), ("By Ann Lee | March 3, 2024", false),
      ("By Ann Lee 15 min read", false),
      ("BY ANN LEE", false), ("Von Anna Berger", false), ("By Ann Lee • March 3, 2024", false),
      ("By Monday, the council will vote on the plan.", true),
      ("By the way, the vote is on.", true),
    ])
  func leadingByline(line: String, isKept: Bool) throws {
    let article = try extract(
      """
      <html><head><title>Budget approved</title></head><body><article><h1>Budget approved</h1>
      <div class="entry-content"><p>\(line)</p><p>\(prose)</p></div></article></body></html>
      """)
    #expect(article.blocks.map(\.text) == (isKept ? [line, prose] : [prose]))
  }

  // The list of bare links is after the post's last paragraph, where a theme puts its tags:
  // between two paragraphs, a list of links is the post's own (`LinksAmongProseTests`).
  @Test("a short list of sentences that cite links is kept; a list of bare links is not")
  func listOfSentences() throws {
    let article = try extract(
      """
      <html><body><article><p>\(prose)</p><h4>New contributors</h4>
      <ul><li>Ana <a href="/b/1">fixed an issue with revoked permissions</a> in the add-on manager</li>
      <li>gero <a href="/b/2">removed the windowtype attribute</a> from dialogs</li></ul>
      <p>That is all for this week: \(prose)</p>
      <ul><li><a href="/tag/budget">Budget</a></li><li><a href="/tag/council">Council meetings</a></li></ul>
      </article></body></html>
      """)
    #expect(
      article.blocks.map(\.text) == [
        prose, "New contributors",
        "Ana fixed an issue with revoked permissions in the add-on manager",
        "gero removed the windowtype attribute from dialogs", "That is all for this week: \(prose)",
      ])
  }

  @Test("a class that states a layout (has-sidebar, sidebar-enabled--false) marks nothing")
  func layoutStateClasses() throws {
    let article = try extract(
      """
      <html><body><div class="post"><div class="intro"><p>First: \(prose)</p><p>Second: \(prose)</p></div>
      <div class="post__main sidebar-enabled--false"><p>Third: \(prose)</p></div></div>
      <div class="sidebar"><p>Popular this week: a post that many people read and shared.</p></div>
      </body></html>
      """)
    #expect(
      article.blocks.map(\.text) == ["First: \(prose)", "Second: \(prose)", "Third: \(prose)"])
  }

  @Test("structure is kept as Markdown blocks")
  func structure() throws {
    let article = try extract(
      """
      <html><body><article>
      <p>\(prose)</p>
      <h2>A   heading</h2>
      <ul><li>first item</li><li>second <em>item</em></li></ul>
      <ol start="3"><li>third</li><li>fourth</li></ol>
      <blockquote><p>A quoted passage.</p></blockquote>
      <pre><code>let x = 1
        return x   </code></pre>
      <table><tr><th>Name</th><th>Age</th></tr><tr><td>Ana</td><td>41</td></tr></table>
      </article></body></html>
      """)
    #expect(
      article.blocks.map(\.markdownLine) == [
        prose, "## A heading", "- first item", "- second item", "3. third", "4. fourth",
        "> A quoted passage.", "    let x = 1", "    \u{20}\u{20}return x", "| Name | Age |",
        "| Ana | 41 |",
      ])
  }

  @Test("canonical text: header lines, blank line between blocks, one final newline")
  func canonicalForm() throws {
    let article = Article(
      title: "T", authors: ["A", "B"], published: "2016-07-02", url: "https://x/y",
      blocks: [Block(.paragraph, "One."), Block(.heading(level: 2), "Two")])
    #expect(
      article.canonicalText
        == "Title: T\nAuthor: A, B\nPublished: 2016-07-02\nURL: https://x/y\n\nOne.\n\n## Two\n")
    #expect(article.rendered(as: .text) == "One.\nTwo\n")
  }

  @Test("white space is folded, zero-width characters dropped, text composed to NFC")
  func normalization() throws {
    let article = try extract(
      "<html><body><article><p>  Cafe\u{301}\u{200B} &nbsp; au\n\tlait, \(prose)  </p></article></body></html>"
    )
    #expect(article.blocks.first?.text == "Café au lait, \(prose)")
    // String == compares canonical equivalents as equal: compare the bytes for NFC.
    #expect(
      article.blocks.first.map { Array($0.text.utf8) } == Array("Caf\u{E9} au lait, \(prose)".utf8))
  }

  @Test("a page with no text gives a clear error")
  func noArticle() throws {
    #expect(throws: ExtractionError.noArticleFound) {
      try extractArticle(
        from: parseHTML(Array("<html><body><script>x()</script></body></html>".utf8)))
    }
  }

  @Test("content scoring finds the body when no container is marked")
  func scoringFallback() throws {
    let paragraphs = (1...4).map { "<p>Paragraph \($0): \(prose)</p>" }.joined()
    let article = try extract(
      """
      <html><body><div id="top"><a href="/">Home</a> | <a href="/a">A</a> | <a href="/b">B</a></div>
      <div id="x1"><div id="x2">\(paragraphs)</div></div>
      <div id="bottom"><a href="/c">Contact us</a></div></body></html>
      """)
    #expect(article.blocks.count == 4)
    #expect(article.blocks.allSatisfy { $0.text.hasPrefix("Paragraph") })
  }
}

@Suite("Choosing the body")
struct BodyChoiceTests {
  static let paragraphs = (1...5).map { "<p>Part \($0): \(prose)</p>" }.joined()

  @Test("a teaser card marked <article> loses to the post's prose elsewhere")
  func teaserContainer() throws {
    let article = try extract(
      """
      <html><body><div class="builder-section"><div class="builder-text">\(Self.paragraphs)</div></div>
      <div class="post-list"><article class="card"><h3><a href="/x">Another post</a></h3>
      <p>A teaser of another post, long enough to count as a container of text for it. It goes on for a while, and then it goes on a little longer still, as teasers do.</p>
      </article></div></body></html>
      """)
    #expect(article.blocks.count == 5)
    #expect(article.blocks.allSatisfy { $0.text.hasPrefix("Part") })
  }

  @Test("<main> is narrowed to the post when what else it holds is teasers with links")
  func teasersInMain() throws {
    let teasers = (1...2).map {
      "<div class='card'><h3><a href='/post-\($0)'>Another post \($0)</a></h3><p>A teaser of another post, \($0), with a few words from it.</p></div>"
    }.joined()
    let withTeasers = try extract(
      "<html><body><main><div class='post'>\(Self.paragraphs)</div><h2>More from the blog</h2>\(teasers)</main></body></html>"
    )
    #expect(withTeasers.blocks.count == 5)
    #expect(withTeasers.blocks.allSatisfy { $0.text.hasPrefix("Part") })
    // Text beside the post without links is part of it: the container is kept whole.
    let withNote = try extract(
      "<html><body><main><div class='post'>\(Self.paragraphs)</div><h2>A note on sources</h2><p>Ana wrote this from the minutes.</p></main></body></html>"
    )
    #expect(
      withNote.blocks.map(\.text).suffix(2) == [
        "A note on sources", "Ana wrote this from the minutes.",
      ])
  }

  @Test("a listing page, its prose all in teaser cards, keeps the cards")
  func listingOfCards() throws {
    let cards = (1...4).map {
      "<div class='card'><h3><a href='/post-\($0)'>Post number \($0)</a></h3><p>Part \($0): \(prose)</p></div>"
    }.joined()
    let article = try extract(
      "<html><body><div class='intro'><p>Notes from a small town council.</p></div><div class='list'>\(cards)</div></body></html>"
    )
    #expect(article.blocks.map(\.text).first == "Post number 1")
    #expect(article.blocks.count == 8)
  }

  @Test("a story split over several containers of one class inside its <article> is taken whole")
  func storyInParts() throws {
    let article = try extract(
      """
      <html><body><article><h1>Budget vote delayed</h1>
      <div class="story-body-supplemental"><div class="story-body"><p>First part: \(prose)</p></div></div>
      <figure><img src="photo.jpg"><figcaption>The council chamber.</figcaption></figure>
      <div class="story-body-supplemental"><div class="story-body"><p>Second part: \(prose)</p>
      <p>More of the second part, which is longer: \(prose)</p></div></div></article>
      <div class="story-body"><p>Another story, outside the article: \(prose)</p></div></body></html>
      """)
    #expect(
      article.blocks.map(\.text) == [
        "First part: \(prose)", "Second part: \(prose)",
        "More of the second part, which is longer: \(prose)",
      ])
  }

  @Test("text in <span>s straight inside a block is prose, as a browser lays it out")
  func inlineRunsAreProse() throws {
    let spans = (1...3).map { "<span class='description'>Sentence \($0): \(prose)</span>" }
      .joined()
    let article = try extract(
      """
      <html><body><div class="home"><h2>Welcome to the shop</h2>\(spans)</div>
      <div class="note"><p>Free shipping on every order over fifty dollars.</p></div></body></html>
      """)
    #expect(article.blocks.first?.text == "Welcome to the shop")
    #expect(article.blocks.last?.text.hasPrefix("Sentence 1: ") == true)
    #expect(!article.blocks.contains { $0.text.hasPrefix("Free shipping") })
  }

  @Test("a MathML formula's text stays in its sentence; its TeX source does not")
  func mathML() throws {
    let article = try extract(
      """
      <html><body><article><p>\(prose)</p><p>When <math><semantics><mrow><mi>a</mi><mo>≠</mo><mn>0</mn></mrow>
      <annotation encoding="application/x-tex">a \\neq 0</annotation></semantics></math>, there are two solutions.</p>
      </article></body></html>
      """)
    // The formula's elements are blocks of their own; the words and their order are kept.
    let text = article.blocks.map(\.text).joined().filter { !$0.isWhitespace }
    #expect(text.contains("Whena≠0,therearetwosolutions."))
    #expect(!article.blocks.contains { $0.text.contains("neq") })
  }

  @Test("a post scattered over sibling widgets is taken whole")
  func scatteredWidgets() throws {
    let widgets = (1...4).map {
      "<div class='elementor-widget elementor-widget-text-editor'><div class='elementor-widget-container'><p>Widget \($0): \(prose)</p></div></div>"
    }.joined(
      separator: "<div class='elementor-widget elementor-widget-image'><img src='x.jpg'></div>")
    let article = try extract(
      "<html><body><section><div class='elementor-widget-wrap'>\(widgets)</div></section><footer><p>\(prose)</p></footer></body></html>"
    )
    #expect(article.blocks.map(\.text) == (1...4).map { "Widget \($0): \(prose)" })
  }

  /// The prose mass is the deepest element holding 80% of the page's prose: a list that holds
  /// most of a post left the post's intro above it out, and a changed intro went unseen.
  @Test("the intro beside the list that holds most of the post is taken; linked cards are not")
  func introBesideList() throws {
    let items = (1...8).map { "<li>Step \($0): \(prose)</li>" }.joined()
    let cards = (1...2).map {
      "<div class='card'><a href='/other-\($0)'>Another post about the council, number \($0)</a>"
        + "<p>An excerpt of that post, which tells a little of it and then stops.</p></div>"
    }.joined()
    let article = try extract(
      """
      <html><body><div id="page"><div id="post"><h2>How the vote went</h2>
      <p>The intro: \(prose)</p><ul>\(items)</ul></div>\(cards)</div></body></html>
      """)
    let texts = article.blocks.map(\.text)
    #expect(texts.first == "How the vote went", "\(texts)")
    #expect(texts.contains("The intro: \(prose)"), "\(texts)")
    #expect(texts.filter { $0.hasPrefix("Step") }.count == 8)
    #expect(!texts.joined().contains("excerpt"), "\(texts)")
  }

  @Test("chrome that swallows most of the page is not dropped")
  func swallowingChrome() throws {
    // An ASP.NET page in one <form>, and a page that libxml2 nests inside an unclosed <nav>.
    let inForm = try extract(
      "<html><body><form method='post' action='/x'><div id='content'>\(Self.paragraphs)</div></form></body></html>"
    )
    #expect(inForm.blocks.count == 5)
    let inNav = try extract(
      "<html><body><nav><ul><li><a href='/'>Home</a><li><div>\(Self.paragraphs)</div></ul></nav></body></html>"
    )
    #expect(inNav.blocks.filter { $0.text.hasPrefix("Part") }.count == 5)
  }

  @Test(
    "chrome by tag and by class stays out, however much of the page it is, unless the post is in it"
  )
  func chromeByTagAndClass() throws {
    let feed = (1...8).map { "<li class='live-item'><p>\($0) minutes ago: \(prose)</p></li>" }
      .joined()
    let article = try extract(
      """
      <html><body><article><h1>Budget vote delayed</h1><p>The post: \(prose)</p>
      <p>The post goes on: \(prose)</p></article>
      <aside id="sidebar" role="complementary"><ul class="live">\(feed)</ul></aside></body></html>
      """)
    #expect(article.blocks.map(\.text) == ["The post: \(prose)", "The post goes on: \(prose)"])
    // libxml2 nests the rest of the page inside an unclosed `<aside class="sidebar">`.
    let swallowed = try extract(
      "<html><body><aside class='sidebar'><p>Menu</p><article>\(Self.paragraphs)</article></aside></body></html>"
    )
    #expect(swallowed.blocks.count == 5)
  }

  @Test("hidden text stays out, however much of the page it is")
  func hidden() throws {
    let article = try extract(
      """
      <html><body><div style="display: none">\(Self.paragraphs)\(Self.paragraphs)</div>
      <article><p>The visible post: \(prose)</p></article></body></html>
      """)
    #expect(article.blocks.map(\.text) == ["The visible post: \(prose)"])
  }

  @Test("a section marked comments that holds every post on the page is the thread")
  func threadMarkedComments() throws {
    let posts = (1...2).map { "<article class='post'><p>Reply \($0): \(prose)</p></article>" }
      .joined()
    let intro = (1...3).map { "<p>Install the app, step \($0): \(prose)</p>" }.joined()
    let thread = try extract(
      "<html><body><div class='install'>\(intro)</div><div id='comments'>\(posts)</div></body></html>"
    )
    #expect(thread.blocks.contains { $0.text.hasPrefix("Reply 2: ") })
    // Under a post, the comments are still chrome.
    let post = try extract(
      "<html><body><article><p>The post: \(prose)</p><p>\(prose)</p><p>\(prose)</p></article><div id='comments'>\(posts)</div></body></html>"
    )
    #expect(!post.blocks.contains { $0.text.hasPrefix("Reply") })
  }

  @Test("a segment React streams hidden and then reveals is the post; other hidden blocks are not")
  func streamedSegment() throws {
    // Next.js sends the loaded page as `<div hidden id="S:0">`; a script swaps it for the
    // `<template id="P:0">` placeholder. Only the `S:` + number ids are revealed that way.
    let article = try extract(
      """
      <html><body><template id="P:0"></template><footer><p>© 2025 Example, all rights reserved.</p></footer>
      <div hidden id="S:0"><main>\(Self.paragraphs)</main></div>
      <div hidden id="S:menu"><p>A menu that stays hidden: \(prose)</p></div>
      <script>$RS("S:0","P:0")</script></body></html>
      """)
    #expect(article.blocks.count == 5)
    #expect(article.blocks.allSatisfy { $0.text.hasPrefix("Part") })
  }

  @Test("in a thread whose posts are marked as comments, each post keeps its body")
  func forumPosts() throws {
    // Forum software marks every post `comment`; a post's body is most of its `<article>`,
    // so it is that post's content, not chrome around it.
    let posts = (1...3).map {
      """
      <article class="post"><aside class="author">Member \($0)</aside>
      <div id="comment-\($0)_wrap" class="comment-content"><p>Post \($0): \(prose)</p></div></article>
      """
    }.joined()
    let article = try extract(
      "<html><body><div class='thread'>\(posts)</div><div id='comments-help'><p>Sign in to reply to this topic; it is easy and free to join.</p></div></body></html>"
    )
    #expect(article.blocks.map(\.text) == (1...3).map { "Post \($0): \(prose)" })
  }
}

extension Array where Element == UInt8 {
  init(contentsOf url: URL) throws {
    self = [UInt8](try Data(contentsOf: url))
  }
}
