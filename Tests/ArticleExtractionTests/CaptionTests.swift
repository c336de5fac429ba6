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

  @Test("Captions the body leaves out are the captions section; the text format stays the body")
  func captionsSection() throws {
    let post =
      "The bridge on Mill Lane reopens on Monday after six weeks of repairs, the council said."
    let html = """
      <html><head><title>The bridge reopens</title></head><body><article>
      <div class="entry-content"><p>\(post) <a href="https://council.example/roads">Roads</a></p>
      <div id="attachment_12" class="wp-caption aligncenter"><img src="bridge.jpg" alt="">
      <p class="wp-caption-text">The bridge on Monday<br>morning, <a href="/photos">with</a>
      the   new railings.</p></div>
      <figure><img src="crew.jpg"><figcaption>The crew at work.</figcaption></figure>
      <p><img src="crew.jpg"><span class="photo-credit">Photo: Tom Baker</span></p>
      <div class="gallery"><figure class="gallery-item"><img src="a.jpg">
      <figcaption class="wp-caption-text gallery-caption">The old railings.</figcaption></figure>
      </div></div></article></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.blocks.map(\.text) == [post + " Roads", "The crew at work."])
    // Folded as block text is; a figcaption the body keeps is not repeated.
    #expect(
      article.captions == [
        "The bridge on Monday morning, with the new railings.", "Photo: Tom Baker",
        "The old railings.",
      ])
    #expect(article.rendered(as: .text) == post + " Roads\nThe crew at work.\n")
    #expect(
      article.canonicalText == """
        Title: The bridge reopens

        \(post) Roads

        The crew at work.

        Captions:
        The bridge on Monday morning, with the new railings.
        Photo: Tom Baker
        The old railings.

        Links:
        https://council.example/roads

        """)
  }

  @Test("Captions in chrome the extractor drops are in no section")
  func captionsInChrome() throws {
    let post =
      "The council approved the new budget on Tuesday by a vote of seven to two, after a debate."
    let html = """
      <html><head><title>Budget approved</title></head><body>
      <aside class="sidebar"><div class="wp-caption"><img src="ad.jpg">
      <p class="wp-caption-text">Our sponsor this week.</p></div></aside>
      <article class="post"><h1>Budget approved</h1><div class="entry-content"><p>\(post)</p>
      <p>\(post) The mayor voted for it.</p>
      <div class="wp-caption"><img src="vote.jpg"><p class="wp-caption-text">The vote.</p></div>
      </div>
      <div class="related-posts"><h3>Related</h3><ul>
      <li><a href="/a"><div class="wp-caption"><img src="a.jpg">
      <p class="wp-caption-text">Another post's picture.</p></div>Another post</a></li>
      <li><a href="/b">A third post</a></li><li><a href="/c">A fourth post</a></li></ul></div>
      </article>
      <footer><div class="wp-caption"><img src="logo.jpg">
      <p class="wp-caption-text">The team in 2019.</p></div></footer></body></html>
      """
    let article = try extractArticle(from: parseHTML(Array(html.utf8))).article
    #expect(article.blocks.map(\.text) == [post, post + " The mayor voted for it."])
    #expect(article.captions == ["The vote."])
  }
}
