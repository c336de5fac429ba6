import ArticleExtraction
import HTMLParsing
import Testing

/// The summary a theme shows under the headline, in a block its class names the post's
/// description among its metadata (`resource-meta-description`).
private let summary =
  "Planning a trip to the coast? Here are the ten quietest beaches within an hour of the city."

/// Sentences long enough to pass for prose, and longer than `summary`.
private let sidebarText = """
  Sign up for our weekly letter and get the best of the site in your inbox every Friday, with \
  a list of the week's most read posts, our editors' picks and the events coming up near you.
  """

private let biography = """
  Ann Lee writes about travel and the outdoors. She has walked every coastal path in the \
  country and lives by the sea with two dogs.
  """

/// A page whose post is the summary alone, behind a mobile author box, beside a sidebar that
/// holds more text: `box` is the block around the summary.
private func page(_ box: String) -> String {
  """
  <html><head><title>Quiet beaches</title></head><body>
  <main><div><div class="top"><h1>Quiet beaches</h1></div></div>
  <div><div class="hidden-desktop"><p class="authorName">Ann Lee</p></div></div>
  <div>\(box)</div>
  <div class="sidebar"><p>\(sidebarText)</p></div></main>
  </body></html>
  """
}

private func bodyTexts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

@Suite("A block named the post's description among its metadata is the post's summary")
struct MetadataDescriptionTests {
  /// `meta` marks a byline box, but with `description` it names the summary under the
  /// headline: dropped as chrome, a post of that one line lost its only line.
  @Test(
    "the summary in a metadata block named description is the post",
    arguments: ["resource-meta-description", "page-meta description"])
  func summaryStays(className: String) throws {
    let html = page("<div class=\"\(className)\"><div class=\"max\">\(summary)</div></div>")
    #expect(try bodyTexts(html).contains(summary))
  }

  /// Another weak word beside `description` still marks chrome: a biography, a menu's notes.
  @Test(
    "a description with another chrome word stays out",
    arguments: ["author-description", "author-meta-description"])
  func otherChromeStaysOut(className: String) throws {
    let html = page(
      "<div class=\"page-meta-description\"><div>\(summary)</div></div>"
        + "<div class=\"\(className)\"><p>\(biography)</p></div>")
    let texts = try bodyTexts(html)
    #expect(texts.contains(summary))
    #expect(!texts.contains(biography))
  }

  /// Only the summary between the headline and the post: further down, a block of that name
  /// is an author's profile, a product's blurb or a search preview, and chrome (review19).
  @Test(
    "a metadata description after the post's paragraphs stays out",
    arguments: ["meta-description", "product-meta-description", "snippet-meta-description"])
  func descriptionAfterPostStaysOut(className: String) throws {
    let html = """
      <html><head><title>Quiet beaches</title></head><body>
      <main><article><h1>Quiet beaches</h1><div class="entry-content">
      <p>\(summary)</p><p>\(sidebarText)</p>
      <div class="profile"><h4>Ann Lee</h4><div class="\(className)">\(biography)</div></div>
      </div></article></main></body></html>
      """
    let texts = try bodyTexts(html)
    #expect(texts.contains(summary))
    #expect(!texts.contains { $0.contains("Ann Lee writes") })
  }
}
