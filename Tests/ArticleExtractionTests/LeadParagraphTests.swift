import Foundation
import ArticleExtraction
import HTMLParsing
import Testing

private let deck =
  "Tax cuts and higher interest rates could make it harder to respond to the next recession."

private let body = [
  "The federal government could soon pay more in interest on its debt than on the military.",
  "The run-up in borrowing costs is a one-two punch brought on by a fast-growing deficit.",
  "With less money coming in and more going to interest, leaders will find it harder to act.",
]

private func page(
  header: String, container: String = "itemprop=\"articleBody\"", head: String = ""
) -> String {
  """
  <html><head><title>As Debt Rises, Interest Tops the Military</title><meta name="author" content="Jane Doe">\(head)</head><body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li></ul></nav>
  <main><article><header><h1>As Debt Rises, Interest Tops the Military</h1>\(header)</header>
  <section \(container)>\(body.map { "<p>\($0)</p>" }.joined())</section>
  </article></main><footer><p>Copyright 2018 The Paper Company, all rights reserved.</p></footer>
  </body></html>
  """
}

private func blocks(_ html: String, url: String? = nil) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8)), options: ExtractionOptions(url: url))
    .article.blocks.map(\.text)
}

@Suite("The lead between the headline and the body container")
struct LeadParagraphTests {
  @Test("a deck under the headline, outside the body container, opens the article")
  func deckOutsideContainer() throws {
    let text = try blocks(page(header: "<p class=\"summary\">\(deck)</p><p>By Jane Doe</p>"))
    #expect(text == [deck] + body)
  }

  @Test("inside the post's <article>, the headline need not be the page's title")
  func headlineOtherThanTitle() throws {
    let html = page(header: "<p>\(deck)</p>").replacingOccurrences(
      of: "<title>As Debt Rises, Interest Tops the Military</title>",
      with: "<title>US interest payments to pass defence spending by 2023</title>")
    #expect(try blocks(html) == [deck] + body)
  }

  @Test("an edit to the deck changes the article")
  func deckEditIsAnEdit() throws {
    let before = try blocks(page(header: "<p>\(deck)</p>"))
    let edited = deck.replacingOccurrences(of: "next", with: "last")
    let after = try blocks(page(header: "<p>\(edited)</p>"))
    #expect(before != after)
  }

  @Test("a caption, a byline and a link line between headline and body stay out")
  func notALead() throws {
    let header = """
      <figure><img src="a.jpg"><figcaption><p>Interest payments could pass defence spending \
      in 2023.</p></figcaption></figure><p>By Jane Doe</p>\
      <p><a href="/newsletter">Sign up for the morning briefing newsletter today</a></p>
      """
    #expect(try blocks(page(header: header)) == body)
  }

  @Test(
    "a byline naming the author, an excerpt of the body and a repeated line are no lead",
    arguments: [
      "<p>By Jane Doe, a deputy editor who has covered the budget for over a decade.</p>",
      "<p>\(body[0].prefix(60))…</p>",
      "<p>\(body[0]) \(body[1].prefix(30)) […]</p>",
      String(repeating: "<p>Watch: the budget in two minutes, from the video desk.</p>", count: 2),
    ])
  func repeatsNoLead(header: String) throws {
    #expect(try blocks(page(header: header)) == body, "\(header)")
  }

  @Test("more paragraphs than a deck between headline and body are no lead")
  func tooManyParagraphs() throws {
    let box = (1...3).map { "<p>Key point number \($0) of the summary box, said here in full.</p>" }
    #expect(try blocks(page(header: box.joined())) == body)
  }

  @Test("a headline that is not the post's title (the blog's name in its banner) has no lead")
  func bannerHeadline() throws {
    let html = """
      <html><head><title>Power cut in Tripoli again</title></head><body><div class="outer">
      <header><h1>Libya: news and views</h1>
      <p>News and commentary on Libya and North Africa, with the odd post on world affairs.</p>
      </header><div class="main"><h3>Power cut in Tripoli again</h3>
      <div class="entry-content">\(body.map { "<p>\($0)</p>" }.joined())</div></div></div>
      </body></html>
      """
    #expect(try blocks(html) == body)
  }

  @Test("a headline held only by <body> with the body is the page's banner: nothing between")
  func headlineOnlyInBody() throws {
    let html = """
      <html><head><title>My Town Blog</title></head><body><h1>My Town Blog</h1>
      <p>Notes on the council, the schools and the river, written since 2009.</p>
      <div class="entry-content">\(body.map { "<p>\($0)</p>" }.joined())</div></body></html>
      """
    #expect(try blocks(html) == body)
  }

  @Test("the page's meta description neither makes a deck nor unmakes one")
  func descriptionChangesNothing() throws {
    // Whether a line under the headline is the deck turns on what a reader sees, never on the
    // page's description: one rewritten for search engines would otherwise be an edit.
    let head = { (summary: String) in "<meta property=\"og:description\" content=\"\(summary)\">" }
    let seo = "Everything you need to know about the budget, in one place."
    for header in [
      "<div class=\"dek\">\(deck)</div>", "<p>\(deck)</p>",
      "<span>Budget</span><div class=\"dek\">\(deck)</div>",
    ] {
      let described = try blocks(page(header: header, head: head(deck)))
      #expect(try blocks(page(header: header, head: head(seo))) == described, "\(header)")
      #expect(try blocks(page(header: header)) == described, "\(header)")
    }
  }

  @Test("a sentence alone right after the headline is the deck, whatever its tag")
  func deckAfterHeadline() throws {
    for tag in ["div", "h2", "span"] {
      #expect(
        try blocks(page(header: "<\(tag) class=\"x\">\(deck)</\(tag)>")) == [deck] + body,
        "\(tag)")
    }
    // Not counted toward the two lead paragraphs' cap: both stay.
    let intro = [
      "A good budget is essential for a country, and a bad one costs it for decades to come.",
      "We wanted to know what the next ten years hold, so we read every forecast there is.",
    ]
    let withIntro = "<div>\(deck)</div>" + intro.map { "<p>\($0)</p>" }.joined()
    #expect(try blocks(page(header: withIntro)) == [deck] + intro + body)
    // Not the deck: a line that ends no sentence (a date, a kicker), one with a link or with
    // elements inside (a byline box), one not right after the headline.
    let dateLine = "Published on the twenty-third of January, in the year 2026"
    for header in [
      "<div>\(dateLine)</div>", "<div><a href=\"/budget\">\(deck)</a></div>",
      "<div><span>By Jane Doe</span> <time>January 23, 2026</time>. \(deck)</div>",
      "<span>Budget</span><div>\(deck)</div>",
    ] {
      #expect(try blocks(page(header: header)) == body, "\(header)")
    }
  }

  @Test("a subtitle the theme names as one is the deck, though it ends no sentence")
  func namedDeck() throws {
    let subtitle = "What the next ten years of budgets mean for the country's schools"
    for header in [
      "<h3 class=\"subtitle\">\(subtitle)</h3>",  // Substack
      "<h2 class=\"pw-subtitle-paragraph\">\(subtitle)</h2>",  // Medium
      "<div class=\"article-dek\">\(subtitle)</div>", "<div id=\"standfirst\">\(subtitle)</div>",
    ] {
      #expect(try blocks(page(header: header)) == [subtitle] + body, "\(header)")
    }
    // Unnamed, or named but holding a link, or not right after the headline: no deck.
    for header in [
      "<div class=\"x\">\(subtitle)</div>",
      "<div class=\"subtitle\"><a href=\"/budget\">\(subtitle)</a></div>",
      "<span>Budget</span><div class=\"subtitle\">\(subtitle)</div>",
    ] {
      #expect(try blocks(page(header: header)) == body, "\(header)")
    }
  }

  /// Page builders (GeneratePress with GenerateBlocks) put the block with the headline and the
  /// excerpt straight in `<body>`, beside the block with the post, and the headline need not
  /// be the `og:title` (wcxb-dev 4815: an edit to the excerpt was never reported).
  @Test("a named deck after the headline is the lead where only <body> holds both")
  func namedDeckBesideBody() throws {
    // A post long enough to be the prose mass without the hero's deck.
    let post =
      body + [
        "Economists expect the interest bill to double within the next ten years, the office says.",
        "Both parties have promised to cut the deficit, but neither has said which programs to cut.",
        "The last time interest cost this much, in the early nineties, taxes were raised to pay it.",
      ]
    let builderPage = { (hero: String) in
      """
      <html><head><title>Debt: what it costs [2026 guide]</title></head><body>
      <nav><a href="/">Home</a> <a href="/business">Business</a></nav>
      <div class="gb-container">\(hero)</div>
      <div class="gb-container"><div class="gb-inside">\(post.map { "<p>\($0)</p>" }.joined())</div></div>
      <div class="site-footer"><p>Copyright 2018 The Paper Company, all rights reserved.</p></div>
      </body></html>
      """
    }
    let headline = "<h1>As Debt Rises, Interest Tops the Military</h1>"
    for deckMarkup in [
      "<div class=\"dynamic-entry-excerpt\"><p>\(deck)</p></div>",
      "<div class=\"entry-dek\">\(deck)</div>",
      // Paragraphs wrapped in a `<div>` each, as other themes write them.
      "<div class=\"dynamic-entry-excerpt\"><div class=\"paragraph-block\"><p>\(deck)</p></div></div>",
    ] {
      #expect(try blocks(builderPage(headline + deckMarkup)) == [deck] + post, "\(deckMarkup)")
    }
    // Unnamed; a blog's name (a link home, or in a <header>) with its tagline: no lead.
    for hero in [
      headline + "<div class=\"intro\"><p>\(deck)</p></div>",
      // Named, but more than one paragraph: a summary box, not a deck.
      headline + "<div class=\"excerpt\"><p>\(deck)</p><p>Read on.</p></div>",
      "<h1><a href=\"/\">The Paper</a></h1><div class=\"subtitle\">\(deck)</div>",
      "<header><h1>The Paper</h1><div class=\"subtitle\">\(deck)</div></header>",
    ] {
      #expect(try blocks(builderPage(hero)) == post, "\(hero)")
    }
  }

  @Test("the page's description under a blog's name in its banner is no lead")
  func describedBanner() throws {
    let tagline =
      "News and commentary on Libya and North Africa, with the odd post on world affairs."
    let html = """
      <html><head><title>Power cut in Tripoli again</title>
      <meta name="description" content="\(tagline)"></head><body><div class="outer">
      <header><h1>Libya: news and views</h1><div class="description">\(tagline)</div>
      </header><div class="main"><h3>Power cut in Tripoli again</h3>
      <div class="entry-content">\(body.map { "<p>\($0)</p>" }.joined())</div></div></div>
      </body></html>
      """
    #expect(try blocks(html) == body)
  }

  @Test("a callout that cites another site is a lead; the site's own links make chrome")
  func calloutCitingAnotherSite() throws {
    let head = "<link rel=\"canonical\" href=\"https://www.paper.example/business/debt\">"
    let callout = { (href: String) in
      """
      <p>The budget office publishes its own forecast every spring. <a href="\(href)">Read \
      the latest outlook on its website</a> and compare it with ours.</p>
      """
    }
    let cited =
      "The budget office publishes its own forecast every spring. Read the latest "
      + "outlook on its website and compare it with ours."
    #expect(
      try blocks(page(header: callout("https://www.cbo.gov/outlook"), head: head))
        == [cited] + body)
    // The page's own site, under any name, or a link within it: a disclosure, a pitch.
    for own in ["https://paper.example/ethics", "https://shop.paper.example/x", "/ethics"] {
      #expect(try blocks(page(header: callout(own), head: head)) == body, "\(own)")
    }
    // Without the page's URL, no link can be told from the site's own.
    #expect(try blocks(page(header: callout("https://www.cbo.gov/outlook"))) == body)
    // Fetched from an address, the page's own site is that address's, whatever its canonical
    // URL says: a canonical moved to another site (unseen by readers) changes nothing.
    let moved = "<link rel=\"canonical\" href=\"https://original.example/debt\">"
    let fetched = "https://www.paper.example/business/debt"
    for head in [head, moved] {
      #expect(
        try blocks(page(header: callout("https://paper.example/ethics"), head: head), url: fetched)
          == body)
      #expect(
        try blocks(page(header: callout("https://www.cbo.gov/outlook"), head: head), url: fetched)
          == [cited] + body)
    }
    // Mostly links, wherever they lead, is a list of links.
    let links = """
      <p>See <a href="https://www.cbo.gov/a">the outlook</a> and \
      <a href="https://www.cbo.gov/b">the long-term budget outlook</a>.</p>
      """
    #expect(try blocks(page(header: links, head: head)) == body)
  }
}
