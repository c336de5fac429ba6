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

  @Test(
    "A credit inside a figure of a picture stays out; its caption and a quote's attribution stay in"
  )
  func figureCredits() throws {
    let first = "Residents crossed the checkpoint on foot after the road was closed to cars."
    let second = "The closure is expected to last until the end of the month, officials said."
    let html = """
      <html><body><article><div class="body"><p>\(first)</p>
      <figure><img src="a.jpg"><div class="caption">
      <span class="caption__text">A street in the old town on Saturday.</span>
      <span class="caption__credit">Photograph: Ann Lee/Agency</span></div></figure>
      <figure><img src="b.jpg"><span class="story-image-copyright">Jo Smith</span>
      <figcaption>The checkpoint at dawn.</figcaption></figure>
      <p>\(second)</p>
      <p class="credit-card-offer">Apply for a credit card with no annual fee today.</p>
      <figure class="quote"><blockquote><p>We looked at every other route.</p></blockquote>
      <figcaption class="quote-attribution">Jane Doe, mayor</figcaption></figure>
      <figure class="wp-block-table"><table class="credits"><tr><td>Director</td><td>Ann Lee</td>
      </tr></table></figure>
      </div></article></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    // A quotation's attribution and a table of a film's credits are the post's.
    #expect(
      article.blocks.map(\.text) == [
        first, "A street in the old town on Saturday.", "The checkpoint at dawn.", second,
        "Apply for a credit card with no annual fee today.", "We looked at every other route.",
        "Jane Doe, mayor", "Director | Ann Lee",
      ])
  }

  @Test("Text for screen readers only stays out")
  func screenReaderLabels() throws {
    let post = "The council approved the new budget on Tuesday by a vote of seven to two."
    let html = """
      <html><body><article><div class="body"><p>\(post)</p><figure><img src="a.jpg">
      <figcaption><span class="off-screen">Image caption</span>
      <span>Council members voting.</span></figcaption></figure>
      <p>\(post)</p><p><span class="visuallyhidden">Share this article</span></p>
      <p><span class="element-invisible">Published in</span></p>
      </div></article></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.blocks.map(\.text) == [post, "Council members voting.", post])
  }
}
