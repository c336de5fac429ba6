import Foundation
import ArticleExtraction
import HTMLParsing
import Testing

/// A one-sentence post.
private let sentence =
  "The bridge on Mill Lane reopens on Monday after six weeks of repairs, the council said."

/// A long "About me": more prose than the post, beside it.
private let aboutMe = """
  I have lived in this town for thirty years and have written about its council, its schools \
  and its river since 2009, first for the weekly paper and, since it closed, on this blog. \
  I taught history at the high school until I retired, I sing in the church choir, and I read \
  every planning application so that you do not have to. Tips and corrections are always \
  welcome: write to me and I will answer, and if I got something wrong I will fix it and say \
  so at the end of the post, with the date of the change.
  """

/// Menus and a footer long enough that the column holding the post has less than half the
/// page's text.
private let heavyChrome = (1...40).map { "<li><a href=\"/c/\($0)\">Category number \($0)</a></li>" }
  .joined()

private let paragraphs = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
  "The mayor said the delay would cost nothing, though the treasurer was not so sure and said so twice.",
]

@Suite("The post container decides, not the length of the post")
struct ContainerAuthorityTests {
  @Test(
    "without a platform container, a one-sentence post beside a long About me stays one sentence")
  func oneSentenceBesideAboutMe() throws {
    let html = """
      <html><head><title>Bridge reopens</title></head><body>
      <div class="wrap"><div class="main-column"><h1>Bridge reopens</h1><p>\(sentence)</p>
      <p class="date">March 3</p></div>
      <div id="sidebar"><div class="widget"><h3>About me</h3><p>\(aboutMe)</p></div></div>
      </div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text).contains(sentence))
    #expect(!result.article.blocks.map(\.text).contains(where: { $0.contains("thirty years") }))
  }

  /// Sidebars as themes name them, none of them `sidebar`.
  @Test(
    "a one-sentence post in <main> stays one sentence beside a long About me however the sidebar is named",
    arguments: [
      "<div id=\"secondary\" class=\"widget-area\" role=\"complementary\">",
      "<div id=\"secondary\" class=\"widget-area\">", "<div id=\"navigation\">",
      "<div id=\"right-column\" class=\"col-right\">", "<div class=\"col-md-4\">",
      "<div id=\"rightcol\">",
    ])
  func oneSentenceInMain(sidebar: String) throws {
    // The site's name is the page's <h1>, the post's title an <h2>, and the post's body a
    // class no platform rule names: only <main> says where the post is.
    let html = """
      <html><head><title>Bridge reopens</title></head><body><div id="page">
      <header><h1 class="site-title"><a href="/">Town Notes</a></h1></header>
      <div id="content"><div id="primary"><main id="main"><div class="post">
      <h2 class="post-title">Bridge reopens</h2><div class="post-text"><p>\(sentence)</p></div>
      </div></main></div>\(sidebar)<div class="box"><h3>About me</h3><p>\(aboutMe)</p></div></div>
      </div><footer><p>Town Notes</p></footer></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == [sentence])
  }

  /// `role="main"` is the page's word for its content as `<main>` is (`isPageMain`): a
  /// one-sentence post in it, shorter than `ContainerRules.minimumContainerText`, is the post.
  @Test(
    "a one-sentence post in role=main stays one sentence beside a long About me",
    arguments: ["div", "section"])
  func oneSentenceInRoleMain(tag: String) throws {
    let html = """
      <html><head><title>Bridge reopens</title></head><body><div id="page">
      <header><h1 class="site-title"><a href="/">Town Notes</a></h1></header>
      <div id="content"><div id="primary"><\(tag) id="main" role="main"><div class="post">
      <h2 class="post-title">Bridge reopens</h2><div class="post-text"><p>\(sentence)</p></div>
      </div></\(tag)></div><div id="secondary" class="widget-area">
      <div class="box"><h3>About me</h3><p>\(aboutMe)</p></div></div>
      </div><footer><p>Town Notes</p></footer></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == [sentence])
    #expect(result.method == "semantic container")
  }

  /// A `<main>` around the headline alone, or the headline and a deck the theme names, is a
  /// header box: the post outside it is the article.
  @Test(
    "a <main> that gives only the headline, or the headline and its deck, is overruled by the post outside it",
    arguments: [
      "",
      "<p class=\"dek\">The old bridge over the river is open again after two years of repairs, and the buses are back.</p>",
    ])
  func headlineOnlyMain(deck: String) throws {
    let paragraphs = [
      "The old bridge over the river opened again on Monday after two years of repairs.",
      "Buses use it from today, and the ferry that replaced it stops running next week.",
      "The council says the work cost less than planned, thanks to a mild second winter.",
      "The mayor defended the plan at a packed meeting on Thursday, saying the town had no other choice.",
      "Residents asked whether the new road would cut through the park, and officials promised a study.",
      "The council will vote on the plan next month after a second public hearing in the library.",
    ]
    let html = """
      <html><head><title>Bridge reopens</title></head><body>
      <header><a href="/">Town Notes</a></header>
      <main class="hero"><h1>Bridge reopens after two years</h1>\(deck)</main>
      <div id="content"><div class="text">\(paragraphs.map { "<p>\($0)</p>" }.joined())</div>
      </div><footer><p>Town Notes</p></footer></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text).suffix(paragraphs.count) == paragraphs[...])
  }

  /// A menu column named by its id (`<div id="navigation">`, as SPIP's blogs write it) with
  /// the blog's description: beside a one-paragraph post it holds most of the page, and one more
  /// link in it must not bring it in.
  @Test("a column with id navigation stays out beside a one-paragraph post, however it grows")
  func navigationColumn() throws {
    let description = """
      This blog follows the town council, its schools and its river, week after week, since \
      2009, and it is written by a retired teacher who reads every planning application.
      """
    let page = { (links: Int) in
      let items = (0..<links).map {
        "<li><a href=\"/tag/\($0)\">Council topic number \($0)</a></li>"
      }
      return """
        <html><head><title>Bridge reopens</title></head><body><div id="page">
        <div id="contenu"><div class="texte"><h1>Bridge reopens</h1><p>\(sentence)</p></div></div>
        <div id="navigation"><div class="infoblog"><h2>Town Notes</h2><p>\(description)</p></div>
        <ul>\(items.joined())</ul></div></div></body></html>
        """
    }
    for links in [3, 8] {
      let result = try extractArticle(from: parseHTML(Array(page(links).utf8)))
      #expect(result.article.blocks.map(\.text) == [sentence])
    }
  }

  /// Wrapper classes seen on real pages that hold the post; split on `-` and `_`, each has a
  /// chrome word.
  @Test(
    "a layout word on a wrapper around the post container never drops the post",
    arguments: [
      "<div class=\"content-sidebar-wrap\">", "<div class=\"and-w-sidebar\">",
      "<div class=\"left-side\">", "<div class=\"pagination-first\">",
      "<div class=\"Sidebar--expanded\">", "<details class=\"disclosure\" open>",
    ])
  func layoutWordAroundContainer(wrapper: String) throws {
    let close = wrapper.hasPrefix("<details") ? "</details>" : "</div>"
    let html = """
      <html><head><title>Budget vote delayed</title></head><body>
      <div class="menu"><ul>\(heavyChrome)</ul></div>
      \(wrapper)<div class="entry-content">\(paragraphs.map { "<p>\($0)</p>" }.joined())</div>\(close)
      <div class="footer"><ul>\(heavyChrome)</ul></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == paragraphs, "\(wrapper)")
  }

  @Test("a list holding the post is kept though its class has an ad word")
  func adWordOnTheList() throws {
    let items = paragraphs.map { "<li>\($0)</li>" }.joined()
    let html = """
      <html><head><title>Three things</title></head><body>
      <div class="menu"><ul>\(heavyChrome)</ul></div>
      <div class="entry-content"><p>Three things happened this week.</p>
      <ul class="dynamic-ad">\(items)</ul></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == ["Three things happened this week."] + paragraphs)
  }

  @Test("the Blogger post body is the post even when the sidebar is not marked as one")
  func bloggerColumnsWithoutSidebarMarks() throws {
    let html = """
      <html><head><title>Bridge reopens</title></head><body><div class="columns-inner">
      <div class="column-center-outer"><div class="post hentry">
      <h3 class="post-title entry-title">Bridge reopens</h3>
      <div class="post-body entry-content" itemprop="articleBody">\(sentence)</div></div></div>
      <div class="column-right-outer"><div class="widget Profile"><h2>About Me</h2>
      <dl class="profile-datablock"><dd class="profile-textblock">\(aboutMe)</dd></dl></div>
      </div></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.method == "platform markup")
    #expect(result.article.blocks.map(\.text) == [sentence])
  }

  /// Each section of the post in a block marked `skip-item` (a table of contents skips to it).
  @Test("when chrome rules leave nothing, the page is read again without them")
  func lastResortWithoutChromeRules() throws {
    let sections = (1...4).map { number in
      "<div class=\"skip-item\" id=\"topic\(number)\"><h2>Part \(number)</h2>"
        + paragraphs.map { "<p>\($0)</p>" }.joined() + "</div>"
    }.joined()
    let html =
      "<html><body><div class=\"menu\"><ul>\(heavyChrome)</ul></div>\(sections)</body></html>"
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.filter { paragraphs.contains($0.text) }.count == 12)
  }

  /// Each section of the post marked `jump-section` (a table of contents jumps to it): none
  /// holds most of the page, together they hold all of its prose.
  @Test("sections of one class that together hold the page's prose are the post")
  func sectionsOfOneClass() throws {
    let sections = (1...4).map { number in
      "<section class=\"cws-jump-section\" id=\"part-\(number)\"><h2>Part \(number)</h2>"
        + paragraphs.map { "<p>\($0)</p>" }.joined() + "</section>"
    }.joined()
    let html = """
      <html><body><nav class="menu"><ul>\(heavyChrome)</ul></nav>
      <div class="page">\(sections)</div>
      <div class="promo"><p>\(aboutMe)</p></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.filter { paragraphs.contains($0.text) }.count == 12)
  }

  /// A theme that writes `post-content` around the excerpt in the hero box above the post, and
  /// the post itself in the page's one `<article>` below it (wcxb-dev 0329, short): the hero
  /// was the page's post container, the prose mass (both together, in `<main>`) could not
  /// overrule it, and the article was the excerpt alone, so no edit of the post showed.
  @Test("a post container beside the page's one <article>, holding far less, is its header")
  func containerBesideOnlyArticle() throws {
    let excerpt = """
      We could all use a little help understanding the budget. Here is what the council \
      decided on Tuesday night, and what it means for you.
      """
    let html = """
      <html><head><title>Budget vote delayed</title></head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
      <main><section class="hero"><h1>Budget vote delayed</h1>
      <div class="post-content"><div class="post-excerpt"><p>\(excerpt)</p></div></div></section>
      <article class="post"><div class="layout"><div class="body">\
      \(paragraphs.map { "<p>\($0)</p>" }.joined())</div></div></article></main>
      </body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(paragraphs.allSatisfy(texts.contains))
  }
}

/// The issue's cron test: on a short Blogger post, a new pageview count, a Profile widget
/// removed or made longer, and a reordered Popular Posts widget must not change the article.
@Suite("Short Blogger posts under sidebar changes")
struct ShortPostSidebarTests {
  @Test("sidebar changes beside a short Blogger post give the same article", arguments: 1...3)
  func sidebarChanges(paragraphCount: Int) throws {
    let url = FixtureTests.fixtures.appendingPathComponent(
      "blogger-short-post-\(paragraphCount)/source.html")
    let original = try String(contentsOf: url, encoding: .utf8)
    let profileStart = try #require(original.range(of: "<div class='widget Profile'"))
    let profileEnd = try #require(
      original.range(
        of: "View my complete profile</a>", range: profileStart.upperBound..<original.endIndex))
    let withoutProfile = original.replacingCharacters(
      in: profileStart.lowerBound..<profileEnd.upperBound, with: "")
    let changes = [
      original.replacingOccurrences(of: "1,408,215", with: "1,409,877"),
      withoutProfile,
      original.replacingOccurrences(
        of: "Comments are welcome,",
        with:
          "I also wrote two books on the Libyan revolution and its aftermath. Comments are welcome,"
      ),
      original.replacingOccurrences(
        of: "US will bank Tik Tok unless it sells off its US operations",
        with: "Haftar's forces withdraw from the outskirts of Tripoli after a year of fighting"),
    ]
    let expected = try extractArticle(from: parseHTML(Array(original.utf8))).article.canonicalText
    for changed in changes {
      #expect(changed != original)
      let text = try extractArticle(from: parseHTML(Array(changed.utf8))).article.canonicalText
      #expect(text == expected)
    }
    #expect(!expected.contains("Pageviews") && !expected.contains("About Me"))
  }
}
