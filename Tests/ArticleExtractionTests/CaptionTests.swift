import ArticleExtraction
import HTMLParsing
import Testing

@Suite("Captions and photo credits")
struct CaptionTests {
  @Test("WordPress captions and photo credits stay out of the body")
  func wordPressCaptions() throws {
    let post =
      "The bridge on Mill Lane reopens on Monday after six weeks of repairs, the council said."
    let html = """
      <html><body><article><div class="entry-content"><p>\(post)</p>
      <div id="attachment_12" class="wp-caption aligncenter"><img src="bridge.jpg" alt="">
      <p class="wp-caption-text">The bridge on Monday morning, with the new railings.</p></div>
      <p><img src="crew.jpg"><span class="photo-credit">Photo: Tom Baker</span></p>
      </div></article></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.blocks.map(\.text) == [post])
  }
}
