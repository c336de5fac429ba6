import ArticleExtraction
import HTMLParsing
import Testing

private let paragraph =
  "Berlin's relationship with its colonial history is being reconsidered, despite opposition from some locals unhappy at plans to rename their streets."

/// A slideshow of five pictures, a long caption each, with the slideshow's title and counters.
private func slideshow(_ classes: (String, String)) -> String {
  let slides = (1...5).map { number in
    """
    <li><div class="slide-text"><span class="counter">\(number) / 5</span><h4>Part \(number)</h4>\
    <p>Picture \(number): the colonial empire was established on territories in Africa and the \
    Pacific between 1884 and 1899, and it was lost in the First World War.</p></div></li>
    """
  }.joined()
  return """
    <div class="\(classes.0)"><div class="head"><h3>Racist, ruthless, cruel</h3>\
    <a href="#">Previous</a> <a href="#">Next</a></div>\
    <div class="\(classes.1)"><ul>\(slides)</ul></div></div>
    """
}

@Suite("A slideshow's captions are no prose of the post")
struct GalleryProseTests {
  @Test(
    "a one-paragraph post beside a slideshow of long captions keeps its paragraph",
    arguments: [("gallery col3", "imgTeaserL slideshow"), ("photo-gallery", "carousel")])
  func shortPostBesideSlideshow(classes: (String, String)) throws {
    let html = """
      <html><head><title>Berlin confronts its colonial past</title></head><body>
      <div id="bodyContent"><div class="col3"><div class="group"><div class="longText">
      <p>\(paragraph)</p>\(slideshow(classes))</div></div></div>
      <div class="footer"><a href="/">Home</a></div></div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text).contains(paragraph))
  }

  /// A page of pictures whose only prose is its captions is read with them: the prose outside
  /// every gallery is less than `ScoringRules.minimumProseOutsideCards` of the whole.
  @Test("a page that is only a gallery keeps its captions")
  func galleryPage() throws {
    let html = """
      <html><head><title>Photos</title></head><body><div class="page">
      \(slideshow(("gallery", "slides")))</div></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.contains { $0.text.hasPrefix("Picture 1:") })
  }
}
