import ArticleExtraction
import HTMLParsing
import Testing

/// The post's own paragraphs, the same on every platform page below.
private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
  "The mayor said the delay would cost nothing, though the treasurer was not so sure and said so twice.",
]

/// Text beside the post inside the same `<article>`: a note about the writer and a teaser,
/// marked with neutral class names, so only the platform's body container keeps it out.
private let beside = """
  <div class="writer-note"><p>Jane Doe has covered the council for the Town Blog since 2009 and \
  writes about municipal finance, roads and libraries every week.</p></div>
  <div class="more-reading"><p>Next week: what the library plans mean for the old market hall \
  and the people who use it every morning.</p></div>
  """

private func paragraphs() -> String { post.map { "<p>\($0)</p>" }.joined(separator: "\n") }

/// A page where `<article>` holds the post's container and the text beside it.
private func page(_ container: String) -> String {
  """
  <html><head><title>Budget vote delayed</title></head><body>
  <header><a href="/">Town Blog</a></header>
  <article><h1>Budget vote delayed</h1>
  \(container)
  \(beside)
  </article>
  <footer><p>Copyright Town Blog</p></footer></body></html>
  """
}

@Suite("Platform rules: each platform's body container is the post, nothing beside it")
struct PlatformRuleTests {
  @Test(
    "the platform's container wins over the <article> around it",
    arguments: [
      ("WordPress", "<div class=\"entry-content\">\(paragraphs())</div>"),
      ("Blogger", "<div class='post-body entry-content' id='post-body-1'>\(paragraphs())</div>"),
      ("Ghost", "<section class=\"gh-content gh-canvas\">\(paragraphs())</section>"),
      (
        "Ghost (Casper 3)",
        "<section class=\"post-full-content\"><div class=\"post-content\">\(paragraphs())</div></section>"
      ),
      (
        "Substack",
        "<div class=\"available-content\"><div class=\"body markup\" dir=\"auto\">\(paragraphs())</div></div>"
      ),
      ("Jekyll (minima)", "<div class=\"post-content e-content\">\(paragraphs())</div>"),
      ("Hugo (PaperMod)", "<div class=\"post-content\">\(paragraphs())</div>"),
      ("Tumblr", "<div class=\"body-text\">\(paragraphs())</div>"),
      (
        "Squarespace",
        "<div class=\"blog-item-content-wrapper\"><div class=\"blog-item-content e-content\">\(paragraphs())</div></div>"
      ),
      ("Wix", "<div data-hook=\"post-description\"><div>\(paragraphs())</div></div>"),
      ("schema.org articleBody", "<div itemprop=\"articleBody\">\(paragraphs())</div>"),
      (
        "Medium",
        "<div class=\"ch bg\">\(post.map { "<p class=\"pw-post-body-paragraph ml mm\">\($0)</p>" }.joined())</div>"
      ),
      ("Hashnode", "<div id=\"post-content-wrapper\" class=\"prose\">\(paragraphs())</div>"),
    ])
  func platformContainer(platform: String, container: String) throws {
    let result = try extractArticle(
      from: parseHTML(Array(page(container).utf8)), options: ExtractionOptions())
    #expect(result.method == "platform markup", "\(platform)")
    #expect(result.article.blocks.map(\.text) == post, "\(platform)")
  }

  @Test("without a platform container the <article> is taken whole")
  func genericFallback() throws {
    let result = try extractArticle(
      from: parseHTML(Array(page("<div class=\"text\">\(paragraphs())</div>").utf8)),
      options: ExtractionOptions())
    #expect(result.method != "platform markup")
    // The neutral note and teaser come in: what the platform rules above keep out.
    #expect(result.article.blocks.map(\.text).count > post.count)
  }
}
