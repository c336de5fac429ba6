import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

private func article(_ html: String) throws -> Article {
  try extractArticle(from: parseHTML(Array(html.utf8))).article
}

private let opening =
  "<p>The council met on Tuesday to vote on the budget, which had been delayed twice since the "
  + "spring because of a dispute over the library's opening hours.</p>"
private let closing =
  "<p>The vote passed by seven to two, and the library will open on Sundays again from the "
  + "first week of next month, the clerk said after the meeting.</p>"

/// A post of two paragraphs with `middle` between them and `after` after the last one.
private func post(middle: String, after: String = "") -> String {
  """
  <html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>
  \(opening)\(middle)\(closing)\(after)</article></body></html>
  """
}

/// Lines and lists of links that the writer put between two paragraphs of the post ("Learn
/// more: …", "Related: …", a list of further reading, a table of links) are the post's own;
/// dropped for their link density, they hid a change of their link targets and of their words
/// (wcxb-dev 4232, 4860, 0488, 0332, 4218, 4656; readability's cnn, spiceworks, lemonde-1).
@Suite("Links among the post's paragraphs")
struct LinksAmongProseTests {
  @Test(
    "a line or a list of links between two paragraphs is kept, with its targets",
    arguments: [
      (
        "<p>Learn more: <a href=\"/blog/library-hours\">Why the library hours matter</a></p>",
        "Learn more: Why the library hours matter", "/blog/library-hours"
      ),
      (
        "<p><a href=\"/2016/01/library\"><span>Related: The library that never closed</span></a>"
          + "</p>",
        "Related: The library that never closed", "/2016/01/library"
      ),
      (
        "<ul><li><a href=\"/blog/budget-2023\">The budget of 2023</a></li>"
          + "<li><a href=\"/blog/budget-2024\">The budget of 2024</a></li>"
          + "<li><a href=\"/blog/budget-2025\">The budget of 2025</a></li></ul>",
        "The budget of 2024", "/blog/budget-2024"
      ),
      (
        "<div><table><tr><td><p><a href=\"/parks\">Parks</a></p></td></tr>"
          + "<tr><td><p><a href=\"/roads\">Roads</a></p></td></tr></table></div>",
        "Roads", "/roads"
      ),
    ])
  func keptBetweenParagraphs(middle: String, text: String, target: String) throws {
    let found = try article(post(middle: middle))
    #expect(found.blocks.contains { $0.text == text }, "\(found.blocks.map(\.text))")
    #expect(found.links.contains(target), "\(found.links)")
  }

  /// A rail of the most read stories after the post: its heading, its "see all" link and its
  /// update time are its labels, whatever script they are written in. Counted in bytes, the
  /// Japanese labels (21 characters, 41 bytes) were more than `CleaningRules.linkBlockOwnText`
  /// and stayed in the article after the list was dropped.
  @Test(
    "a long block of links with short labels stays out, labels counted in characters",
    arguments: [
      ("Most read", "All", "Updated 6/20 0:00"),
      ("アクセスランキング", "一覧", "6/20 0:00 更新"),
    ])
  func rankingAfterPost(heading: String, all: String, updated: String) throws {
    let items = (1...10).map {
      "<li><a href=\"/article/\($0)/\">\($0). A story that many readers opened today, number \($0)</a></li>"
    }
    let rail = """
      <div class="ranking"><h2><span>\(heading)</span> <span><a href="/access/">\(all)</a></span></h2>\
      <ul>\(items.joined())</ul><div class="update"><span>\(updated)</span></div></div>
      """
    // More paragraphs, so that the rail is not most of the page (which would make it the page).
    let middle = (1...3).map {
      "<p>Paragraph \($0) of the report: the members went through the budget line by line, and "
        + "the treasurer answered every question about the roads, the library and the bridge.</p>"
    }
    let texts = try article(post(middle: middle.joined(), after: rail)).blocks.map(\.text)
    #expect(texts.count == 5, "\(texts)")
  }

  /// A paragraph of links under a bold label, one link a line, after the post: other posts
  /// written as a paragraph, not a sentence that cites them. A sentence around a link stays.
  @Test("a label and links on lines of their own after the post stay out; a sentence stays")
  func labelledLinksAfterPost() throws {
    let related = """
      <p><strong>Related stories from our newsroom</strong><br><a href="/2018/12/80211">The \
      refugee who vanished twelve days ago</a><br><a href="/2018/12/80328">Police look for \
      clues in the river case</a></p>
      """
    let cited =
      "<p>Here's our full report on <a href=\"/2018/12/80211\">the missing refugee</a>.</p>"
    let texts = try article(post(middle: "", after: related)).blocks.map(\.text)
    #expect(!texts.contains { $0.contains("Related stories") || $0.contains("Police look") })
    let sentence = try article(post(middle: "", after: cited)).blocks.map(\.text)
    #expect(sentence.contains("Here's our full report on the missing refugee."), "\(sentence)")
    // The same paragraph whose links lead to many sites lists the post's sources.
    let sources = """
      <p><strong>Sources for this article</strong><br><a href="https://council.example.org/\
      minutes/2018-12">Council minutes, December 2018</a><br><a href="https://stats.example.net\
      /budget">Budget statistics office</a></p>
      """
    let cited2 = try article(post(middle: "", after: sources))
    #expect(
      cited2.blocks.contains { $0.text.contains("Budget statistics office") },
      "\(cited2.blocks.map(\.text))")
    #expect(cited2.links.contains("https://stats.example.net/budget"))
  }

  /// A line that names the post's source under a label is the post's, however much of it is
  /// link text: dropped for its link density, a change of the source or of where it points
  /// went unseen. The same line under a label that is no source's (tags) stays out.
  @Test(
    "a source line after the post is kept, with its targets",
    arguments: [
      "<strong>Source:</strong> <a href=\"https://wire.example.net/2018/budget\">Wire news agency"
        + "</a>",
      "Sources: <a href=\"https://wire.example.net/2018/budget\">Wire</a>, "
        + "<a href=\"https://wire.example.net/2018/vote\">Wire photo desk</a>",
      "Quelle : <a href=\"https://wire.example.net/2018/budget\">Wire news agency</a>",
      "Via <a href=\"https://wire.example.net/2018/budget\">Wire news agency</a>",
    ])
  func sourceLineAfterPost(line: String) throws {
    let found = try article(post(middle: "", after: "<p>\(line)</p>"))
    #expect(found.blocks.contains { $0.text.contains("Wire") }, "\(found.blocks.map(\.text))")
    #expect(found.links.contains("https://wire.example.net/2018/budget"), "\(found.links)")
    let tags = line.replacingOccurrences(
      of: #"^.*?(?=<a )"#, with: "Tags: ", options: .regularExpression)
    let tagged = try article(post(middle: "", after: "<p>\(tags)</p>"))
    #expect(!tagged.blocks.contains { $0.text.contains("Wire") }, "\(tagged.blocks.map(\.text))")
  }

  /// Before the post (a menu, breadcrumbs) or after it (tags, other posts), links are the
  /// site's, and their items come and go with it.
  @Test("the same links after the last paragraph, or before the first, stay out")
  func droppedOutsideTheProse() throws {
    let tags =
      "<p><a href=\"/tag/budget\">Budget</a> | <a href=\"/tag/library\">Library</a></p>"
    let posts =
      "<ul><li><a href=\"/blog/parks\">New parks</a></li><li><a href=\"/blog/roads\">Roads</a>"
      + "</li><li><a href=\"/blog/bins\">Bins</a></li></ul>"
    let after = try article(post(middle: "", after: tags + posts))
    let text = after.blocks.map(\.text).joined(separator: "\n")
    #expect(!text.contains("Library") && !text.contains("New parks"), "\(text)")
    let before = try article(
      post(middle: "").replacingOccurrences(of: "</h1>", with: "</h1>" + posts))
    #expect(!before.blocks.contains { $0.text.contains("New parks") })
  }

  /// A heading over a list of links alone ("Read more") makes it a section of its own, which
  /// the site fills with other posts (wcxb-dev 2269): its items come and go with the site.
  @Test("a list of links alone under its own heading, between paragraphs, stays out")
  func titledListOfLinks() throws {
    let list =
      "<h4>Read more</h4><ul><li><a href=\"/blog/parks\">New parks</a></li>"
      + "<li><a href=\"/blog/roads\">Roads</a></li><li><a href=\"/blog/bins\">Bins</a></li></ul>"
      + "<h3>The vote</h3>"
    let found = try article(post(middle: list))
    #expect(!found.blocks.contains { $0.text == "New parks" }, "\(found.blocks.map(\.text))")
    let introduced = try article(
      post(middle: list.replacingOccurrences(of: "<h4>Read more</h4>", with: "")))
    #expect(introduced.blocks.contains { $0.text == "New parks" })
  }

  /// A heading that ends with a colon is the label of the list after it ("Top Expert
  /// Recommendations:"), a line of the section, not a section of links of its own (wcxb-dev
  /// 0068: 51 such lists of products, each under its tool's section, were dropped).
  @Test("a list of links under a heading that ends with a colon, between paragraphs, is kept")
  func labelledListOfLinks() throws {
    let list =
      "<h4>Top picks<span>:</span> </h4><ul><li><h2><a href=\"https://shop.example.com/p/435\">"
      + "Fluke 435-II Power Quality Analyzer</a></h2></li></ul><h3>The vote</h3>"
    let found = try article(post(middle: list))
    #expect(
      found.blocks.contains { $0.text == "Fluke 435-II Power Quality Analyzer" },
      "\(found.blocks.map(\.text))")
    #expect(found.links.contains("https://shop.example.com/p/435"))
    // Titled as a section, the same list is the site's box.
    let titled = try article(
      post(middle: list.replacingOccurrences(of: "<span>:</span>", with: "")))
    #expect(!titled.blocks.contains { $0.text.hasPrefix("Fluke") }, "\(titled.blocks.map(\.text))")
  }

  /// A heading that ends with a colon over links to the site's own pages ("You may also like:",
  /// "Trending now:", "Tags:") titles the site's box, which it fills anew at each load: between
  /// two paragraphs, the box stays out as it does under a heading without the colon, whether
  /// its links are relative or name the host the site's menus lead to. Kept, it made a false
  /// edit whenever the site picked other posts.
  @Test(
    "a list of the site's own links under a heading that ends with a colon stays out",
    arguments: ["You may also like:", "Trending now:", "Tags:", "Popular:"],
    ["/blog/", "https://www.news.example.com/blog/"])
  func siteLinksUnderLabel(label: String, base: String) throws {
    let box =
      "<h3>\(label)</h3><ul><li><a href=\"\(base)parks\">New parks open</a></li><li><a href="
      + "\"\(base)roads\">Roads to be fixed</a></li><li><a href=\"\(base)bins\">Bins every week"
      + "</a></li></ul>"
    let menu =
      "<div class=\"top\"><a href=\"https://news.example.com/\">Home</a> <a href="
      + "\"https://news.example.com/local\">Local</a></div>"
    let html = post(middle: box).replacingOccurrences(of: "<article>", with: menu + "<article>")
    let found = try article(html)
    #expect(!found.blocks.contains { $0.text == "New parks open" }, "\(found.blocks.map(\.text))")
    #expect(found.blocks.contains { $0.text.hasPrefix("The vote passed") })
  }

  /// A heading that names a box of advertisers' links ("From our partners:", "Sponsored:") or
  /// the site's box ("You may also like:") labels no writer's list, though it ends with a
  /// colon: the links lead to other sites, and the network picks others at each load.
  @Test(
    "a list of other sites' links under a sponsor's heading with a colon stays out",
    arguments: [
      "From our partners:", "Sponsored:", "Around the web:", "You might also like:", "Share this:",
    ])
  func sponsoredLinksUnderLabel(label: String) throws {
    let box =
      "<h3>\(label)</h3><ul><li><a href=\"https://ads1.example.net/a\">Doctors stunned by this "
      + "trick</a></li><li><a href=\"https://ads2.example.org/b\">Seniors save on car insurance"
      + "</a></li><li><a href=\"https://ads3.example.com/c\">The ten best phones</a></li></ul>"
    let found = try article(post(middle: box))
    #expect(
      !found.blocks.contains { $0.text.hasPrefix("Doctors stunned") },
      "\(found.blocks.map(\.text))")
    #expect(found.blocks.contains { $0.text.hasPrefix("The vote passed") })
  }

  /// At the end of a text block, a list of the site's own links with no line that introduces
  /// it is the site's list of other posts, and a later block of the same markup a note about
  /// the writer, not the post going on: the list stays out (it came in with `postGoesOn`, a
  /// false edit at each load that picked other posts).
  @Test("a list of the site's links at the end of a text block, before a note, stays out")
  func siteListBeforeNoteBlock() throws {
    let list =
      "<ul><li><a href=\"/blog/parks\">New parks open</a></li><li><a href=\"/blog/roads\">Roads "
      + "to be fixed</a></li><li><a href=\"/blog/bins\">Bins every week</a></li></ul>"
    let html = """
      <html><head><title>Budget vote</title></head><body><main>
      <div class="section"><div class="inner"><h1>Budget vote</h1>\(opening)\(closing)\(list)</div>
      </div><div class="section"><div class="inner"><p>About the writer: Jane has covered the \
      council for thirty years and writes about it every week here.</p></div></div>
      </main></body></html>
      """
    let found = try article(html)
    #expect(!found.blocks.contains { $0.text == "New parks open" }, "\(found.blocks.map(\.text))")
    #expect(found.blocks.contains { $0.text.hasPrefix("The vote passed") })
  }

  /// A bar of counts at the top of the post that links to places at its end ("3 Comments" to
  /// the empty `#disqus_thread`, "12 Likes"): the counts change at each load, and no part of
  /// the post starts at those places (no heading after them), so the bar is not the post's
  /// summary (`summarizesPost`) and stays out.
  @Test("a bar of counts linking to empty places at the end of the post stays out")
  func barOfCounts() throws {
    let bar =
      "<ul class=\"stats\"><li><a href=\"#disqus_thread\">3 Comments</a></li><li><a href="
      + "\"#likes\">12 Likes</a></li><li><a href=\"#shares\">40 Shares</a></li></ul>"
    let html = post(
      middle: "",
      after: "<div id=\"likes\"></div><div id=\"shares\"></div>"
        + "<div id=\"disqus_thread\"></div>"
    ).replacingOccurrences(
      of: "<h1>Budget vote</h1>\n", with: "<h1>Budget vote</h1>\n\(bar)")
    #expect(html.contains("3 Comments"))
    let found = try article(html)
    #expect(!found.blocks.contains { $0.text.contains("Comments") }, "\(found.blocks.map(\.text))")
    #expect(found.blocks.contains { $0.text.hasPrefix("The vote passed") })
  }

  /// A page builder writes the post in text blocks of one markup, with a block of featured
  /// posts between two of them (Squarespace, wcxb-dev 4605): a list of further reading at the
  /// end of one text block stands among the post's paragraphs, since the post goes on in the
  /// next. When the next block is of another markup, the same list after the post's last
  /// paragraph stays out.
  @Test("a list of links at the end of a text block is kept when the post goes on in the next")
  func listBeforeNextTextBlock() throws {
    let reading =
      "<p>Suggested reading:</p><ul><li><a href=\"/blog/parks\">New parks</a></li>"
      + "<li><a href=\"/blog/roads\">Roads</a></li><li><a href=\"/blog/bins\">Bins</a></li></ul>"
    func page(next: String) -> String {
      """
      <html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>
      <div class="block html-block"><div class="text">\(opening)\(reading)</div></div>
      <div class="block summary-block"><a href="/blog/a">Featured: a post</a></div>
      \(next)</article></body></html>
      """
    }
    let goesOn = try article(page(next: "<div class=\"block html-block\">\(closing)</div>"))
    #expect(goesOn.blocks.contains { $0.text == "New parks" }, "\(goesOn.blocks.map(\.text))")
    #expect(goesOn.links.contains("/blog/roads"))
    let ends = try article(page(next: "<div class=\"block other-block\">\(closing)</div>"))
    #expect(!ends.blocks.contains { $0.text == "New parks" }, "\(ends.blocks.map(\.text))")
  }

  /// A box of links to places in the post whose texts state figures, not the headings found
  /// there ("Key Takeaways", wcxb-dev 0056: "Long-Distance Move Cost Range: $465 and $5,304"),
  /// is the post's summary, kept with its figures. A table of contents, whose items repeat the
  /// headings, a menu of the page's parts ("For CPAs", wcxb-dev 0026), and a box with a link to
  /// a place outside the post stay out.
  @Test("a box of in-page links that state figures is kept; a table of contents or a menu not")
  func summaryOfFacts() throws {
    let ids = ["local", "distance", "storage"]
    func page(_ items: [String], targets: [String] = ids) -> String {
      let list = zip(targets, items).map { "<li><a href=\"#\($0)\">\($1)</a></li>" }.joined()
      let sections = ids.map { id in
        "<div class=\"jump\" id=\"\(id)\"></div><h2>Prices in 2025 of \(id) moves</h2><p>The "
          + "\(id) movers we checked charge by the hour, and the price depends on the season and "
          + "the size of the home.</p>"
      }.joined()
      return post(
        middle: "<div class=\"box\"><p>Key Takeaways</p><ul>\(list)</ul></div>" + sections)
    }
    let texts = { (html: String) in try article(html).blocks.map(\.text) }
    let facts = try article(
      page([
        "Local Move Cost: $131/hour", "Long-Distance Range: $465 and $5,304",
        "Storage: from $90 a month",
      ]))
    #expect(
      facts.blocks.contains { $0.text == "Long-Distance Range: $465 and $5,304" },
      "\(facts.blocks.map(\.text))")
    let contents = try texts(page(ids.map { "Prices in 2025 of \($0) moves" }))
    #expect(!contents.contains("Key Takeaways"), "\(contents)")
    let menu = try texts(page(["For local moves", "For distance moves", "For storage"]))
    #expect(!menu.contains("Key Takeaways"), "\(menu)")
    let outside = try texts(
      page(
        ["Local Move Cost: $131/hour", "Long-Distance Range: $465", "12 Comments"],
        targets: ["local", "distance", "comments"]))
    #expect(!outside.contains("Key Takeaways"), "\(outside)")
  }

  /// A `<div>` between two paragraphs, other than an editor's wrapper around a table, is a box
  /// the site put there ("Most read business stories", "More on remote work", a video player):
  /// its links change with the site (readability's seattletimes-1, qq; wcxb-dev 4036).
  @Test("a box of links in a <div> between paragraphs stays out")
  func boxBetweenParagraphs() throws {
    let box =
      "<div class=\"module mt-40\"><h2>Most read stories</h2><ul>"
      + "<li><a href=\"/news/parks\">The parks reopen on Monday</a></li>"
      + "<li><a href=\"/news/roads\">Roads closed for the marathon</a></li></ul></div>"
    let found = try article(post(middle: box))
    #expect(
      !found.blocks.contains { $0.text.contains("The parks reopen") },
      "\(found.blocks.map(\.text))")
  }

  /// A plugin's box of other posts between two paragraphs names itself (`related`, `promo`):
  /// it is chrome before cleaning, wherever it stands.
  @Test("a box of other posts between paragraphs, named by its class, stays out")
  func relatedBoxBetweenParagraphs() throws {
    let html = post(
      middle: "<div class=\"inline-related\"><p><a href=\"/blog/parks\">New parks</a></p></div>")
    #expect(!(try article(html)).blocks.contains { $0.text == "New parks" })
  }

  /// Some editors wrap every block in a `<div>` of its own (`<div class="paragraph-block">`):
  /// a line of links wrapped as the paragraphs are stands among them as a bare one does, and
  /// a box that wraps only the links (no paragraph wrapped the same way) stays a box.
  @Test("among paragraphs each wrapped in a <div>, a line of links wrapped the same way is kept")
  func wrappedParagraphs() throws {
    let wrap = { (block: String) in "<div class=\"paragraph-block\">\(block)</div>" }
    let line = "<p>Related: <a href=\"/2016/01/library\">The library that never closed</a></p>"
    let html = """
      <html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>
      \(wrap(opening))\(wrap(line))\(wrap(closing))</article></body></html>
      """
    let found = try article(html)
    #expect(found.blocks.contains { $0.text == "Related: The library that never closed" })
    #expect(found.links.contains("/2016/01/library"), "\(found.links)")
    let box = try article(post(middle: "<div class=\"more\">\(line)</div>"))
    #expect(!box.blocks.contains { $0.text.contains("never closed") })
  }

  /// A comparison table names each row with a link (`<td><p><a>Hertz</a></p></td>`): the
  /// cell's paragraph is all link, but the row is figures of the post (wcxb-dev 0334).
  @Test("a linked name in a table cell is kept when the row holds other text; a row of links not")
  func linkedNameLabelsTableRow() throws {
    func row(_ name: String, _ href: String, _ figures: String...) -> String {
      "<tr><td><p><a href=\"\(href)\">\(name)</a></p></td>"
        + figures.map { "<td><p>\($0)</p></td>" }.joined() + "</tr>"
    }
    let table =
      "<table>" + row("Hertz", "https://cars.example/hertz", "$260.28", "$272.62", "$535.67")
      + row("Avis", "https://cars.example/avis", "$301.10", "$310.00", "$611.10")
      + "<tr><td><p><a href=\"/a\">More offers</a></p></td>"
      + "<td><p><a href=\"/b\">All companies</a></p></td></tr></table>"
    let found = try article(post(middle: "", after: table))
    let texts = found.blocks.map(\.text)
    #expect(texts.contains("Hertz") && texts.contains("$260.28"), "\(texts)")
    #expect(found.links.contains("https://cars.example/hertz"), "\(found.links)")
    #expect(!texts.contains("More offers") && !texts.contains("All companies"), "\(texts)")
  }
}
