import ArticleExtraction
import HTMLParsing
import Testing

/// A page builder's post in two text blocks of one markup, with a sign-up box between them
/// (wcxb-dev 0358: Webflow's `rich-text w-richtext`, the first holding the intro and a table of
/// companies, the second the long list of them). The prose mass is the second block; the box's
/// text and links keep its parent from being taken, and the first block was dropped.
@Suite("A post split into text blocks of one markup")
struct PostTextBlockTests {
  /// Twelve paragraphs of a post about tomatoes: the prose mass of the pages below.
  private static let tomatoParagraphs = (1...12).map { number in
    "<p>Paragraph \(number) of the post tells how tomatoes need sun, deep watering and the "
      + "patience of anyone who grows them in a small yard.</p>"
  }.joined()

  private static let section = (1...8).map { number in
    """
    <h3>\(number). Company \(number)</h3><p>Company \(number) has been around for over a hundred \
    years, serving power, industrial and transportation customers across the region, and it \
    doubled its revenue last year.</p>
    """
  }.joined()

  private static func page(secondClass: String) -> String {
    """
    <html><head><title>Top electrical companies</title></head><body>
    <div class="top"><a href="/">Home</a> <a href="/blog">Blog</a></div>
    <div class="post_section"><h1>Top electrical companies</h1><div class="post_body">
    <div class="rich-text w-richtext"><p>Electrical construction companies play an important \
    role in residential, commercial and industrial projects across the country.</p>\
    <table><tr><td><a href="https://quanta.example.com/">Quanta Services Inc.</a></td>\
    <td>$7.7B</td></tr><tr><td><a href="https://myr.example.com/">MYR Group Inc.</a></td>\
    <td>$2.5B</td></tr></table><p>Revenue is not always a sign of a healthy firm: growth is often     a better one, and ten of these firms grew by 30% or more last year.</p></div>
    <div class="blog_cta-holder"><h4>Get paid faster</h4><a href="/demo">Book a demo</a> \
    <a href="/pricing">See pricing</a> <span>Thank you! Your submission has been received!</span>\
    </div>
    <div class="\(secondClass)">\(section)</div></div></div>
    <div class="footer"><a href="/about">About</a> <a href="/jobs">Jobs</a></div></body></html>
    """
  }

  @Test("the post's other text block of the same markup is kept, the box between them not")
  func sameMarkupBlocks() throws {
    let article = try extractArticle(
      from: parseHTML(Array(Self.page(secondClass: "rich-text w-richtext").utf8))
    ).article
    let texts = article.blocks.map(\.text)
    #expect(texts.contains { $0.hasPrefix("Electrical construction companies") }, "\(texts)")
    #expect(texts.contains { $0.hasPrefix("Quanta Services Inc.") }, "\(texts)")
    #expect(article.links.contains("https://myr.example.com/"))
    #expect(!texts.contains { $0.contains("Book a demo") || $0.contains("Thank you") })
  }

  @Test("a block of other markup beside the prose mass stays out")
  func otherMarkup() throws {
    let article = try extractArticle(
      from: parseHTML(Array(Self.page(secondClass: "rich-text-2").utf8))
    ).article
    #expect(!article.blocks.contains { $0.text.hasPrefix("Quanta Services Inc.") })
  }

  /// A block of the same markup after the post is as often the site's: a promotion or a
  /// reader's quote that changes at each load. Taken with the post (the blocks before and
  /// after the prose mass were), it made a false edit; the block before it is still the post's.
  @Test("a later block of the same markup after the prose mass stays out")
  func laterBlockOfSameMarkup() throws {
    let html = """
      <html><head><title>Growing tomatoes</title></head><body>
      <div class="top"><a href="/">Home</a> <a href="/blog">Blog</a></div>
      <div class="post"><h1>Growing tomatoes</h1>
      <div class="rich-text w-richtext"><p>Tomatoes are the first thing most people grow, and \
      the first thing most people get wrong.</p></div>
      <div class="cta"><h4>Get our newsletter</h4><a href="/subscribe">Subscribe now</a> \
      <a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a> \
      <span>Thank you! Your submission has been received!</span></div>
      <div class="rich-text w-richtext">\(Self.tomatoParagraphs)</div>
      <div class="rich-text w-richtext"><p>This week only: twenty percent off every seed \
      packet in the shop with the code SPRING.</p></div></div>
      <div class="footer"><a href="/about">About</a> <a href="/jobs">Jobs</a></div></body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.contains { $0.hasPrefix("Tomatoes are the first thing") }, "\(texts)")
    #expect(texts.contains { $0.hasPrefix("Paragraph 12") }, "\(texts)")
    #expect(!texts.contains { $0.contains("twenty percent") }, "\(texts)")
  }

  /// A review site's intro and review in blocks of one markup, each in a wrapper of its own
  /// (`<div class="summary"><div class="articletext">` and `<div><div class="articletext">`),
  /// a box of quick links between them (wcxb-dev 4835, long: a changed link target in the
  /// intro's last paragraph was a missed edit). The lead takes at most two paragraphs after
  /// the headline, and the prose mass took the review alone.
  @Test("the post's earlier text block of the same markup, each in a wrapper, is kept")
  func wrappedBlocks() throws {
    let intro = [
      "A good toothbrush is essential for oral health, and it keeps your teeth clean and bright.",
      "We bought thirteen of them and put them through the same tests, from cleaning to comfort.",
      "The <a href=\"#best\">Sonicare 4100</a> was our favorite, and the <a href=\"#budget\">"
        + "Colgate 360</a> is a great manual option that is effective and very affordable.",
      "If you are undecided between a manual or an electric toothbrush, we are here to guide you "
        + "on <a href=\"/toothbrush/buying-advice\">how to select a toothbrush</a>, and on "
        + "<a href=\"/toothbrush-heads\">which heads to buy</a>.",
    ]
    let cards = (1...4).map { number in
      "<div class=\"d-flex\"><div>Best toothbrush number \(number)</div><a href=\"#p\(number)\">"
        + "Read more</a></div>"
    }.joined()
    let html = """
      <html><head><title>The best toothbrushes</title></head><body>
      <div class="top"><a href="/">Home</a> <a href="/reviews">Reviews</a></div>
      <div class="container"><header><h1>The best toothbrushes</h1></header>
      <div class="row"><div id="main_content" class="col">
      <div class="byline">By <a href="/author/ann">Ann Lee</a></div>
      <div class="summary"><div class="articletext">\(intro.map { "<p>\($0)</p>" }.joined())\
      </div></div>
      <div class="row"><h2>Quick look</h2></div>\(cards)
      <div><div class="articletext">\(Self.tomatoParagraphs)\(Self.tomatoParagraphs)</div></div>
      </div></div></div>
      <div class="footer"><a href="/about">About</a> <a href="/jobs">Jobs</a></div></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    let texts = article.blocks.map(\.text)
    #expect(texts.contains { $0.hasPrefix("If you are undecided") }, "\(texts)")
    #expect(texts.contains { $0.hasPrefix("The Sonicare 4100 was our favorite") }, "\(texts)")
    #expect(texts.contains { $0.hasPrefix("Paragraph 12") }, "\(texts)")
    #expect(article.links.contains("/toothbrush/buying-advice"))
    #expect(!texts.contains { $0.contains("Best toothbrush number") }, "\(texts)")
  }

  /// A block of the same markup before the post's headline is the site's notice above the
  /// post (a promotion that changes at each load), not the post's intro.
  @Test("a block of the same markup before the post's headline stays out")
  func blockBeforeHeadline() throws {
    let html = """
      <html><head><title>Growing tomatoes</title></head><body>
      <div class="top"><a href="/">Home</a> <a href="/blog">Blog</a></div>
      <div class="post"><div class="rich-text w-richtext"><p>This week only: twenty percent \
      off every seed packet in the shop with the code SPRING.</p></div>
      <div class="cta"><h4>Get our newsletter</h4><a href="/subscribe">Subscribe now</a> \
      <a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a> \
      <span>Thank you! Your submission has been received!</span></div>
      <h1>Growing tomatoes</h1><div class="rich-text w-richtext">\(Self.tomatoParagraphs)</div></div>
      <div class="footer"><a href="/about">About</a> <a href="/jobs">Jobs</a></div></body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.contains { $0.hasPrefix("Paragraph 12") }, "\(texts)")
    #expect(!texts.contains { $0.contains("twenty percent") }, "\(texts)")
  }

  /// A testimonial of the post's markup, each block in a wrapper, above the post and under a
  /// headline in the site's header: a block of one paragraph is no intro the lead could not
  /// take, and a rotating testimonial shows other words at the next load.
  @Test("a short wrapped block of the same markup above the post stays out")
  func shortWrappedBlock() throws {
    let html = """
      <html><head><title>Growing tomatoes</title></head><body>
      <header><a href="/">Home</a><h1>Growing tomatoes</h1></header>
      <div id="content"><div class="testimonial"><div class="text"><p>The best seeds I have \
      ever bought, every one of them came up and the plants were strong all summer.</p></div>
      </div><div class="entry"><div class="text">\(Self.tomatoParagraphs)</div></div></div>
      <footer><a href="/about">About</a> <a href="/jobs">Jobs</a></footer></body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.contains { $0.hasPrefix("Paragraph 12") }, "\(texts)")
    #expect(!texts.contains { $0.contains("best seeds") }, "\(texts)")
  }
}
