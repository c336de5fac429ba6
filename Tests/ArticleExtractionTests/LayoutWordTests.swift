import ArticleExtraction
import HTMLParsing
import Testing

/// A post of one paragraph: shorter than the chrome and the cards around it.
private let shortPost =
  "The swimming pool on Mill Lane reopens on Saturday after two years of repairs, the council said."

/// A line of chrome long enough to pass for prose, shorter than `shortPost`.
private let adLine = "Advertisement: book a week of sunshine in Lanzarote from only 99 pounds."

/// Sentences long enough to pass for prose, and longer than `shortPost`.
private let cardText = """
  The leisure centre on Station Road will close for six weeks this summer while the changing \
  rooms are rebuilt, and the gym moves to the community hall until the work is finished.
  """

/// A second paragraph of the post, as long as `cardText`.
private let secondParagraph = """
  The new roof lets in daylight over the whole pool, and the old tiles, some of them sixty \
  years old, were taken up and replaced with a non-slip floor that is easier to keep clean.
  """

private func bodyTexts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

/// Chrome words in the class of the block that holds the post, beside a short post: the
/// family "short posts whose body went to chrome or a card" of the false-edit benchmark
/// (issue 13).
@Suite("A layout word on the block holding a short post does not drop the post")
struct LayoutWordTests {
  /// A wrapper named for the sidebar it holds beside the post column
  /// (`inline-and-sidebar-container`, `c-layout-sidebar-left` around `c-layout-sidebar-top`):
  /// beside a row of cards it held less than half of the page, was dropped for the word
  /// "sidebar", and the article became the cards' heading (wcxb-dev 0096, short).
  @Test(
    "a wrapper that holds chrome named with its own word, and prose beside it, is layout",
    arguments: [
      ("inline-and-sidebar-container", "sidebar-navigation"),
      ("c-layout-sidebar-left", "c-layout-sidebar-top"),
      ("content-sidebar-wrap", "sidebar-widget"),
    ])
  func layoutWrapper(wrapper: String, inner: String) throws {
    let cards = (1...3).map {
      "<article class=\"card\"><h3><a href=\"/news/\($0)\">Centre news \($0)</a></h3><p>\(cardText)</p></article>"
    }.joined()
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <main><section class="hero"><h1>Pool reopens</h1></section>
      <section class="\(wrapper)"><div class="row"><div class="col-7"><p>\(shortPost)</p></div>
      <div class="col-4"><div class="\(inner)"><ul><li><a href="/hours">Opening hours</a></li>
      <li><a href="/prices">Prices</a></li><li><a href="/lessons">Lessons</a></li></ul></div></div>
      </div></section>
      <section class="cards-container"><h2>More news</h2>\(cards)</section></main>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
    #expect(!texts.contains("Opening hours"))
  }

  /// The post column of such a wrapper may hold lists of links beside a short post: the
  /// guide's steps as linked headings, a download box. Counted with them, the text outside the
  /// chrome was mostly links, the wrapper stayed chrome and the post went with it (wcxb-dev
  /// 4105, short: a "Note:" box beside the steps of a guide). Blocks that are mostly links
  /// are left out of that count, so a list that grows by one item does not flip the rule.
  @Test(
    "a layout wrapper's prose is judged without the lists of links in its post column",
    arguments: [8, 9])
  func layoutWrapperBesideLinkLists(steps: Int) throws {
    let stepLinks = (1...steps).map {
      "<h3><a href=\"/guide/step-\($0)\">Step \($0) - Keeping the pool safe for swimmers and families</a></h3>"
    }.joined()
    let note =
      "Small clubs will find this guide useful, but should read the council's pool rules first."
    let deck = """
      How to keep a club's swimmers safe in the pool: affordable, practical advice for the \
      volunteers who run swimming clubs, from the lifeguards' rota to the first-aid kit.
      """
    let html = """
      <html><head><title>Pool guide</title></head><body>
      <main><section class="hero"><h1>Pool guide</h1><p>\(deck)</p></section>
      <div class="c-layout-sidebar-left"><div class="c-layout-sidebar-top"><ul>\
      <li><a href="/guide">Pool guide</a></li><li><a href="/hours">Opening hours</a></li>\
      <li><a href="/prices">Prices</a></li></ul></div>
      <div class="c-layout-main"><div class="box"><h3>Note:</h3><p>Small clubs will find this \
      guide useful, but should read <a href="/rules">the council's pool rules</a> first.</p></div>
      <div class="steps">\(stepLinks)</div>
      <section class="downloads"><a href="/guide.pdf">Pool guide for clubs, PDF, 346 KB</a></section>
      </div></div></main>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(deck) && texts.contains(note))
    #expect(!texts.contains("Opening hours"))
  }

  /// The other side of that rule: a theme's sidebar column (`theme-sidebar-column`) holding a
  /// widget named with its word, an "About me" and an archive list. Without the archive's
  /// links its text is prose, but it names no post column (no child with a word of
  /// `keepWords`, as `c-layout-main` has), and beside a post of two or three paragraphs the
  /// "About me" stays out, inside a `<main>` or not.
  @Test(
    "a sidebar column with an About me and a list of links stays chrome beside a post",
    arguments: [false, true])
  func sidebarColumnBesidePost(insideMain: Bool) throws {
    let archive = (1...16).map {
      "<li><a href=\"/archive/\($0)\">Archive page number \($0) of the blog</a></li>"
    }.joined()
    let column = """
      <div class="layout"><div class="post-column"><h1>Pool reopens</h1><p>\(shortPost)</p>\
      <p>\(secondParagraph)</p></div>
      <div class="theme-sidebar-column"><div class="sidebar-widget"><h3>Search</h3>\
      <p>Search this site for older posts.</p></div>
      <div class="widget"><h3>About me</h3><p>\(cardText)</p></div>
      <div class="widget"><h3>Archive</h3><ul>\(archive)</ul></div></div></div>
      """
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      \(insideMain ? "<main>\(column)</main>" : column)
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost) && texts.contains(secondParagraph))
    #expect(!texts.contains(cardText))
  }

  /// A block named only `sidebar` is the sidebar, whatever its widgets are named: its own text
  /// stays out beside a short post.
  @Test("a sidebar holding widgets named with its word stays chrome")
  func namedSidebarStaysChrome() throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <div class="wrap"><h1>Pool reopens</h1><p>\(shortPost)</p></div>
      <div class="sidebar"><div class="sidebar-widget"><h3>Archive</h3><ul>\
      <li><a href="/2024">2024</a></li><li><a href="/2025">2025</a></li></ul></div>
      <p>\(cardText)</p></div></body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
    #expect(!texts.contains(cardText))
  }

  /// A sidebar column whose own line (a newsletter pitch) stands beside a nested block named
  /// with the same word is taken for the layout around a sidebar, and the line goes into the
  /// article (wcxb-dev 4858, long). Telling them apart by length (the line is shorter than the
  /// chrome beside it) made the rule flip when a sidebar's list grew: a false edit on 0096.
  @Test("a sidebar column's own short line beside its nested sidebar block stays chrome")
  func sidebarColumnLine() throws {
    let html = """
      <html><head><title>Pool reopens</title></head><body><article><div class="row">
      <div class="col-8"><h1>Pool reopens</h1><p>\(shortPost)</p><p>\(secondParagraph)</p></div>
      <div class="col-4 sidebar-column"><div class="sidebar-extended">
      <p>Get our free weekly newsletter, sign up today!</p>
      <div class="sidebar-content"><p>\(cardText)</p></div></div></div></div></article>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
    withKnownIssue("a sidebar's own line beside a nested 'sidebar' block looks like a column") {
      #expect(!texts.contains { $0.contains("newsletter") })
    }
  }

  /// Drupal's layout builder puts the post's body field in `body-ad-wrapper` (ads go between
  /// its paragraphs) and a sidebar region of ad blocks inside the node's `<article>`. Beside a
  /// short post the ads together held more than the body, which was dropped for the word "ad"
  /// (wcxb-dev 0214, short). The largest block marked chrome in a post wrapper is judged
  /// against the wrapper's text outside every block marked chrome.
  @Test("the largest chrome-worded block of an article, beside smaller chrome, is the post")
  func largestChromeInArticle() throws {
    let ads = (1...3).map {
      "<div class=\"ad-wrapper block-content-\($0)\"><p>\(adLine) \($0)</p></div>"
    }.joined()
    let html = """
      <html><head><title>Pool reopens</title></head><body>
      <article class="node"><div class="layout"><div class="region-first"><h1>Pool reopens</h1>
      <div class="body-ad-wrapper block-field-body"><p>\(shortPost)</p></div></div>
      <div class="region-second">\(ads)</div></div></article>
      </body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(shortPost))
    #expect(!texts.contains { $0.hasPrefix("Advertisement") })
  }
}
