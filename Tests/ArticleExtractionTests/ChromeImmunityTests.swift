import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

/// A post of one paragraph: the case where the chrome beside it holds more text than the post.
private let shortPost =
  "The swimming pool on Mill Lane reopens on Saturday after two years of repairs, the council said."

/// Sentences long enough to pass for prose, and longer than `shortPost`.
private let longChrome = """
  Thanks for writing this up. I tried it last weekend and it worked exactly as you describe, \
  although it took me a little longer than I expected the first time round. Looking forward to \
  the next post, and to the one after that, whatever it turns out to be about.
  """

/// A page without platform markup: a headline and the short post in a column, and `chrome`
/// inside the same column after the post, or before `</body>` when `atEnd`.
private func page(_ chrome: String, atEnd: Bool = false) -> String {
  """
  <html><head><title>Pool reopens</title></head><body>
  <div id="main"><h1>Pool reopens</h1><p>\(shortPost)</p>
  \(atEnd ? "" : chrome)</div>
  \(atEnd ? chrome : "")</body></html>
  """
}

private func bodyTexts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

@Suite("Chrome beside a short post stays out, however much text it holds")
struct ChromeImmunityTests {
  /// A footer or a comment section holding more text than a one-paragraph post was protected by
  /// its share of the page, so a longer footer credit or a new comment changed the article.
  @Test(
    "a chrome block that does not hold the headline is not protected by its length",
    arguments: [
      ("<div id=\"Footer\"><p class=\"smallprint\">\(longChrome)</p></div>", false),
      ("<div class=\"footer\"><div class=\"footer-copyright\">\(longChrome)</div></div>", false),
      (
        """
        <section id="comments" class="comments-area"><h2 class="comments-title">One comment</h2>\
        <ol class="comment-list"><li class="comment"><article class="comment-body"><footer \
        class="comment-meta"><b class="fn">Jordan Reader</b> says:</footer><div \
        class="comment-content"><p>\(longChrome)</p></div></article></li></ol></section>
        """, true
      ),
      // OneTrust's cookie-consent dialog, before `</body>`.
      (
        """
        <div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="otFlat"><div \
        class="ot-sdk-container"><h2 id="onetrust-policy-title">We Care About Your Privacy</h2>\
        <p id="onetrust-policy-text">\(longChrome)</p></div></div></div>
        """, true
      ),
      ("<div class=\"cookie-notice-container\"><span>\(longChrome)</span></div>", true),
      // A cookie banner named only by its Alpine.js component (`x-data="cookiesConsent"`).
      (
        """
        <div x-data="cookiesConsent" x-show="visible" class="fixed inset-x-0 bottom-0"><div \
        class="container"><div class="flex-1 text-xs">\(longChrome)</div></div></div>
        """, true
      ),
      ("<div class=\"gdpr-banner\"><p>\(longChrome)</p></div>", false),
    ])
  func chromeWithoutHeadline(chrome: String, atEnd: Bool) throws {
    let texts = try bodyTexts(page(chrome, atEnd: atEnd))
    #expect(texts == [shortPost])
  }

  /// Tailwind writes styles as classes: `[--sidebar-width:18rem]` sets a custom property and
  /// `2xl:max-w-[--sidebar-width]` uses it. Their words are no names, but the word "sidebar"
  /// dropped the section holding a short post, and the cookie banner became the article.
  @Test(
    "a utility class with a variant or an arbitrary value marks nothing",
    arguments: ["[--sidebar-width:18rem]", "2xl:max-w-[--sidebar-width]"])
  func utilityClass(utility: String) throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <main><h1>Pool reopens</h1><section class="page-section \(utility)"><div class="content">\
      <p>\(shortPost)</p></div></section></main>
      <footer><p>\(longChrome)</p></footer></body></html>
      """
    #expect(try bodyTexts(html) == [shortPost])
  }

  /// The wrapper around the headline and the post keeps its protection: a layout word on it
  /// does not drop the post.
  @Test("a chrome word on the wrapper holding the headline keeps the post")
  func wrapperWithHeadline() throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <div class="content-sidebar-wrap"><h1>Pool reopens</h1><p>\(shortPost)</p>
      <p>\(longChrome)</p></div>
      <ul>\((1...8).map { "<li><a href=\"/c/\($0)\">Category \($0)</a></li>" }.joined())</ul>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
  }

  /// Cards of other posts whose titles are no links and no headings, after a heading that says
  /// what they are: the block the heading opens is chrome, whatever its classes.
  @Test(
    "a block titled as related posts stays out, a section of the post stays in",
    arguments: ["Related posts", "You may also like:", "RECENT POSTS"])
  func titledChrome(heading: String) throws {
    let cards = (1...3).map {
      "<div class=\"card\"><p class=\"title\">Pool news \($0)</p><p>\(longChrome)</p></div>"
    }.joined()
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <div class="wrap"><h1>Pool reopens</h1><p>\(shortPost)</p>
      <h2>More about the pool</h2><p>The pool has a new roof, new tiles and a café.</p></div>
      <div class="section"><div class="head"><h2>\(heading)</h2></div>
      <div class="cards">\(cards)</div></div>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
    #expect(texts.contains("More about the pool"))
    #expect(!texts.contains { $0.contains("Thanks for writing") })
  }

  /// A list whose items are each a link to the same site and nothing else is a list of links
  /// however long it is: a menu, tags, other posts. A list of sentences that cite links, a
  /// list of references to other sites and a table of contents are the post's.
  @Test("a long list of links to the site's posts stays out; the post's own lists stay in")
  func linkLists() throws {
    let titles = (1...12).map { "Seven ways to spend a rainy weekend indoors, part \($0)" }
    let links = titles.enumerated().map { position, title in
      "<li><a href=\"https://www.example.com/p/\(position)\">\(title)</a></li>"
    }.joined()
    let sentences = (1...3).map {
      "<li>The council published <a href=\"/r/\($0)\">report \($0)</a> on the state of the pool.</li>"
    }.joined()
    // Lists longer than `CleaningRules.linkHeavyMaximumLength`, which a shorter link-heavy
    // block is dropped for.
    let hosts = ["nature.com", "doi.org", "nih.gov", "who.int", "cdc.gov", "bmj.com"]
    let references = (hosts + hosts.map { "journals." + $0 }).map {
      "<li><a href=\"https://www.\($0)/pools\">Water quality in public pools, \($0)</a></li>"
    }.joined()
    let contents = (1...16).map {
      "<li><a href=\"#part-\($0)\">What changes with the new pool, part \($0)</a></li>"
    }.joined()
    let html = """
      <html><head><title>Pool reopens</title></head><body><article>
      <h1>Pool reopens</h1><div class="entry-content"><ul>\(contents)</ul><p>\(shortPost)</p>
      <ul>\(sentences)</ul><h3>References</h3><ul>\(references)</ul>
      <h3>More from the blog</h3><ul>\(links)</ul>
      </div></article></body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains("The council published report 2 on the state of the pool."))
    #expect(texts.contains("Water quality in public pools, doi.org"))
    #expect(texts.contains("What changes with the new pool, part 2"))
    #expect(!texts.contains { $0.contains("rainy weekend") })
  }

  /// Webflow writes `w-condition-invisible` (`display: none`) on a block whose field is empty
  /// or switched off; its text is never shown.
  @Test("a block Webflow hides stays out")
  func webflowHidden() throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body><article>
      <h1>Pool reopens</h1><div class="w-richtext"><p>\(shortPost)</p></div>
      <div class="audio-player w-condition-invisible"><div>10</div><div>mins read</div></div>
      </article></body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts == [shortPost])
  }

  /// Print-only text (Foundation's `show-for-print`, Bootstrap 3's `visible-print`) is hidden
  /// on every screen.
  @Test("print-only text stays out")
  func printOnly() throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body><article>
      <h1>Pool reopens</h1><div class="entry-content"><p>\(shortPost)</p>
      <figure><img src="a.jpg"><span class="copyright-print show-for-print">© Town Pool</span>
      </figure><div class="visible-print-block">Printed from townpool.example</div>
      <p>\(shortPost)</p></div></article></body></html>
      """
    #expect(try bodyTexts(html) == [shortPost, shortPost])
  }

  /// A Shopify theme writes the layout into a class of the section around the post
  /// (`m-article--sidebar-right`): a chrome word on the wrapper of the page's one `<article>`.
  /// The section was protected only by its share of the page, so beside a short post a footer
  /// that grew by two sentences dropped the whole post and the article became the announcement
  /// bar.
  @Test("a layout word on the wrapper of the page's one article keeps it as the footer grows")
  func layoutWordAroundOnlyArticle() throws {
    func shop(footer: String) -> String {
      """
      <html><head><title>Pool reopens</title></head><body>
      <div class="m-announcement-bar"><div class="m-announcement-bar__content">SAVE15 - 15% off</div></div>
      <main id="MainContent" role="main"><section class="m-article m-article--sidebar-right">
      <div class="container"><article><h1>Pool reopens</h1>
      <div class="m-article__content rte"><p>\(shortPost)</p></div></article></div></section></main>
      <div class="shopify-section-group-footer-group"><div class="m-footer--block-custom_text">
      <p>\(footer)</p></div></div></body></html>
      """
    }
    let short = try bodyTexts(shop(footer: "Free shipping on orders over $50."))
    #expect(short == [shortPost])
    for footer in [longChrome, longChrome + " " + longChrome] {
      #expect(try bodyTexts(shop(footer: footer)) == short)
    }
  }

  /// A Pelican theme (m.css) puts the comment section inside the post's `<article>`, styled
  /// like the post (`<section id="comments" class="article-content">`, comments fetched from
  /// Mastodon). With a comment, that section was taken as the post container and the post
  /// itself was lost.
  @Test("a comment section marked like a post container is never the post")
  func commentsMarkedAsContainer() throws {
    let comment = """
      <div class="comment" id="comment-4821"><article class="comment-body"><footer \
      class="comment-meta"><b class="fn">Jordan Reader</b> says:</footer><div \
      class="comment-content"><p>\(longChrome)</p></div></article></div>
      """
    let html = """
      <html><head><title>Pool reopens</title></head><body><main><div class="m-container">
      <article class="m-col-m-10"><header><h1><a href="/pool">Pool reopens</a></h1></header>
      <p>\(shortPost)</p>
      <section id="comments" class="article-content"><h2>Comments</h2><p>With an account on
      the Fediverse or Mastodon, you can respond to this post from your own server.</p>
      \(comment)</section>
      <footer><p>Posted on Saturday in the Town category.</p></footer></article>
      </div></main></body></html>
      """
    #expect(try bodyTexts(html).first == shortPost)
  }

  /// Older blog themes title the post with an `<h2>` and have no `<h1>`: the headline is then
  /// the `<h2>`, and a footer without it is not protected by its share of the page.
  @Test("on a page titled with an h2, a footer that grows stays out")
  func footerOnPageWithoutH1() throws {
    func blog(_ footer: String) -> String {
      """
      <html><head><title>Pool reopens</title></head><body><div class="container">
      <div class="span12 blog-post"><h2>Pool reopens</h2><p>\(shortPost)</p>
      <div class="footer"><div class="footer-copyright">\(footer)</div></div></div>
      </div></body></html>
      """
    }
    let texts = try bodyTexts(blog("Copyright 2019 The Town Pool."))
    #expect(texts == [shortPost])
    #expect(try bodyTexts(blog(longChrome)) == texts)
  }

  /// A block titled "Related posts" closed by a "See more posts" link: the link is no part of
  /// its own, so the block is chrome as one without it is.
  @Test("a titled block of related posts with a 'see more' link stays out")
  func titledChromeWithMoreLink() throws {
    let cards = (1...3).map {
      "<div class=\"card-item\"><p class=\"title\">Pool news \($0)</p><p>\(longChrome)</p></div>"
    }.joined()
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <div class="wrap"><h1>Pool reopens</h1><p>\(shortPost)</p></div>
      <div class="layout"><div class="inner"><div class="title"><h2>Related posts</h2></div>
      <div class="card-container">\(cards)</div>
      <div class="section-cta"><a href="/blog">See more posts</a></div></div></div>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
    #expect(!texts.contains { $0.contains("Thanks for writing") })
  }

  /// A comment section marked only by a heading that counts its comments (SPIP's `forum`,
  /// WordPress's "27 thoughts on …"): the count and the comments change with every new one.
  /// Also when a space, a mark or an icon stands before or after the count (`&nbsp;`, `&lrm;`,
  /// an icon font's glyph, an emoji), the count is in another script's digits or is "one".
  @Test(
    "a section under a heading that counts comments stays out, however many there are",
    arguments: [
      "27 commentaires", "3 Kommentare", "Comments (12)", "27 thoughts on “Pool reopens”",
      "5 Responses to “Pool reopens”",
      "&nbsp;27 thoughts on “Pool reopens on Mill Lane after two years”",
      "(27) Comments on “Pool reopens on Mill Lane after two years”",
      "<span class=\"icon\">💬</span> 27 thoughts on “Pool reopens on Mill Lane after two years”",
      "Comments (27)&lrm;", "&#xf086; 27 Comments", "２７ comments", "Replies: one",
    ])
  func countedComments(heading: String) throws {
    // With the form to write one in the same block too: the block then has three parts.
    let form = """
      <div class="formulaire"><form action="/reply" method="post"><p>Reply to this post: \
      write your message.</p><textarea name="text"></textarea></form></div>
      """
    for after in ["", form] {
      let page = { (heading: String, comments: Int) in
        let items = (1...comments).map {
          "<li class=\"forum-fil\"><p>Reader \($0) wrote that the pool looks great again.</p></li>"
        }.joined()
        return """
          <html><head><title>Pool reopens</title></head><body><div class="page">
          <div class="texte"><h1>Pool reopens</h1><p>\(shortPost)</p></div>
          <div class="divforum"><div class="bloc"><h2>\(heading)</h2><ul class="forum">\(items)</ul>
          \(after)</div></div></div></body></html>
          """
      }
      let texts = try bodyTexts(page(heading, 3))
      #expect(texts == [shortPost])
      #expect(try bodyTexts(page(heading.replacingOccurrences(of: "27", with: "28"), 4)) == texts)
    }
  }

  /// Readers' ratings and votes, whose counts change with every vote: a schema.org rating
  /// summary, a vote count, a star-rating plugin.
  @Test("ratings and vote counts stay out, however many votes there are")
  func ratingsAndVotes() throws {
    let page = { (votes: Int) in
      """
      <html><head><title>Pool reopens</title></head><body><article><h1>Pool reopens</h1>
      <div class="entry-content"><span itemprop="aggregateRating" itemscope>
      <meta itemprop="ratingCount" content="\(votes)">(\(votes) ratings)</span><p>\(shortPost)</p>
      <div id="article_vote"><table><tr><td>Average rating:</td><td class="votecount">(\(votes)
      Bewertungen)</td></tr></table></div><p>\(shortPost)</p></div></article></body></html>
      """
    }
    let texts = try bodyTexts(page(2))
    #expect(texts == [shortPost, shortPost])
    #expect(try bodyTexts(page(5)) == texts)
  }

  /// A count of comments at the top of the post's box, above the post's title (the page's
  /// `<h1>` is the site's name): the block it opens stops short of the title, which outranks it.
  @Test("a count of comments above the post's title leaves the post in")
  func commentCountAboveTitle() throws {
    let paragraphs = [
      "The mayor defended the road plan at a packed meeting on Thursday evening.",
      "Residents asked whether the new road would cut through the park by the river.",
    ]
    let html = """
      <html><head><title>Mayor defends road plan</title></head><body><div id="wrap">
      <header><h1><a href="/">Town Notes</a></h1><p>News from a small town</p></header>
      <div id="content"><div class="post"><div class="post-header"><h5>3 Comments</h5>
      <h2>Mayor defends road plan</h2></div>
      <div class="text">\(paragraphs.map { "<p>\($0)</p>" }.joined())</div></div>
      <div class="side"><h3>About</h3><p>A blog about the town.</p></div></div></div>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(paragraphs.allSatisfy(texts.contains))
  }

  /// A heading that counts nothing may open a section of the post, and so may a count and an
  /// opener before an unquoted title (themes quote the post's title).
  @Test(
    "a section of the post titled 'Comments', '27 ways to comment on code' or '3 Responses to Common Objections' stays in"
  )
  func uncountedCommentsHeading() throws {
    let section = "Reviewers should say what they liked before they say what to change in it."
    for heading in [
      "Comments", "27 ways to comment on code", "3 Responses to Common Objections",
      "2 thoughts on the costs", "One reply to the critics",
    ] {
      let html = """
        <html><head><title>Pool reopens</title></head><body><div class="page">
        <div class="texte"><h1>Pool reopens</h1><p>\(shortPost)</p>
        <div class="part"><h2>\(heading)</h2><p>\(section)</p></div></div></div></body></html>
        """
      #expect(try bodyTexts(html) == [shortPost, heading, section])
    }
  }

  /// A writer's biography marked only by its heading ("About the Author", no class that names
  /// it): the writer edits it without editing the post.
  @Test(
    "a biography titled 'About the author' stays out",
    arguments: ["About the Author", "About the authors:", "ABOUT THE WRITER"])
  func titledBiography(heading: String) throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body><main>
      <div class="prose"><h1>Pool reopens</h1><p>\(shortPost)</p></div>
      <section class="my-12 border p-8"><h3 class="text-lg">\(heading)</h3>
      <div class="flex pt-3"><img alt="Jo" src="/jo.jpg"><div>\(longChrome)</div></div>
      </section></main></body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts == [shortPost])
  }

  /// A static-site theme lists the posts that link to this one after the page's one
  /// `<article>`. Beside a short post the list held most of the text, and the prose mass around
  /// the `<article>` and the list overruled it: every new linking post was an edit.
  @Test("a list of links after the page's one article does not overrule it as it grows")
  func linkListAfterArticle() throws {
    func blog(items: Int) -> String {
      let links = (1...items).map {
        "<li><a href=\"//karl.example/posts/\($0)\">Seven ways to spend a rainy weekend "
          + "indoors, part \($0)</a></li>"
      }.joined()
      return """
        <html><head><title>Pool reopens</title></head><body>
        <header><h1>Pool reopens</h1></header>
        <article class="common-article"><p>\(shortPost)</p><ol><li>Opening hours.</li>
        <li>Prices.</li></ol></article>
        <div class="back-references"><p>Related articles that link to this one:</p>
        <ul>\(links)</ul></div></body></html>
        """
    }
    let texts = try bodyTexts(blog(items: 3))
    #expect(texts.contains(shortPost))
    #expect(!texts.contains { $0.contains("rainy weekend") })
    for items in [12, 13, 30] {
      #expect(try bodyTexts(blog(items: items)) == texts)
    }
  }

  /// A theme (m.css for Pelican) puts the comment section inside the post's `<article>`, after
  /// the post. Beside a short post, the first comment made the section most of the
  /// `<article>`'s text, which protected it: the section's intro came into the article.
  @Test("a comment section inside the post's article stays out when its first comment comes")
  func commentSectionInsidePost() throws {
    func post(comments: String) -> String {
      """
      <html><head><title>Pool reopens</title></head><body><main>
      <article class="m-col-m-10"><header><h1>Pool reopens</h1></header>
      <p>\(shortPost)</p>
      <section id="comments" class="m-comments"><h2>Comments</h2><p>With an account on the
      Fediverse or Mastodon, you can respond to this post.</p>\(comments)</section>
      </article></main></body></html>
      """
    }
    let comment = """
      <div class="comment"><article class="comment-body"><b class="fn">Jordan Reader</b> \
      says:<div class="comment-content"><p>\(longChrome)</p></div></article></div>
      """
    let texts = try bodyTexts(post(comments: ""))
    #expect(texts == [shortPost])
    // A second and a third comment: a section of several comment `<article>`s is no thread of
    // posts, so its share of the page does not protect it either.
    for count in 1...3 {
      let comments = String(repeating: comment, count: count)
      #expect(try bodyTexts(post(comments: comments)) == texts, "\(count) comments")
    }
  }

  /// A Drupal forum marks each answer `<article class="js-comment">` after the question's own
  /// `<article>`. On a page that declares a thread (schema.org `Question`), the answers are
  /// posts of the thread, not comments on a post, and keep the protection of a thread.
  @Test("the answers of a page that declares a thread stay in, though marked as comments")
  func answersOfDeclaredThread() throws {
    let answers = (1...3).map { number in
      """
      <article id="comment-id-\(number)" class="js-comment comment-layer"><p>Answer \(number): \
      \(longChrome)</p></article>
      """
    }.joined()
    let html = """
      <html><head><title>Which internship?</title></head><body>
      <div itemscope itemtype="https://schema.org/Question">
      <article class="forum node"><h1>Which internship?</h1><p>\(shortPost)</p></article>
      <section id="comments" class="comments">\(answers)</section></div>
      </body></html>
      """
    #expect(try bodyTexts(html).contains { $0.hasPrefix("Answer 3:") })
  }

  /// A Drupal theme puts ten teaser `<article>`s in a block after the post, inside the node, and
  /// the comments after them. A block holding all the page's `<article>`s is kept as a thread;
  /// the first comment's `<article>` made it hold all but one and dropped it, which moved the
  /// body from the post's prose to the `<main>` around it, with the kicker above the post.
  @Test("a new comment article does not change which container holds the post")
  func commentBesideTeaserArticles() throws {
    func page(comments: String) -> String {
      let teasers = (1...4).map { number in
        """
        <div class="views-row"><article class="node teaser"><h3><a href="/story/\(number)">Story \
        number \(number) about the town</a></h3><div class="summary">A short summary of another \
        story, number \(number), about the town and what its council decided last week.</div>\
        </article></div>
        """
      }.joined()
      return """
        <html><head><title>Pool reopens</title></head><body><main role="main">
        <div class="kicker">Swimming</div>
        <div class="node node--view-mode-full"><h1>Pool reopens</h1>
        <div class="post-text"><p>\(shortPost)</p><p>\(longChrome)</p><p>\(shortPost) \(shortPost)</p>\
        </div>
        <div class="ds-footer-full"><h2>Popular content</h2>\(teasers)</div>
        <div class="ds-footer"><div id="comments">\(comments)</div></div>
        </div></main></body></html>
        """
    }
    let comment = """
      <div class="comment"><article class="comment-body"><b class="fn">Jordan Reader</b> \
      says:<div class="comment-content"><p>\(longChrome)</p></div></article></div>
      """
    let texts = try bodyTexts(page(comments: ""))
    #expect(texts.first == shortPost)
    #expect(!texts.contains("Swimming"))
    for count in 1...2 {
      let comments = String(repeating: comment, count: count)
      #expect(try bodyTexts(page(comments: comments)) == texts, "\(count) comments")
    }
  }
}
