import ArticleExtraction
import HTMLParsing
import Testing

private let question =
  "After the update my agents crash every few minutes with a segmentation fault. Has anyone seen this, and is there a way to roll back?"
private let answer =
  "Yes, this is a known problem with the new collector; pin the previous version until the fix is released next week."

@Suite("Posts served only in <noscript>")
struct NoscriptTests {
  /// Discourse's crawler view: the page's only text is the thread inside `<noscript>`.
  @Test("a thread served only in <noscript> is extracted")
  func discourseCrawlerView() throws {
    let html = """
      <html><head><title>Agents crashing - Community</title></head><body>
      <div id="main-outlet" class="wrap" role="main"></div>
      <noscript data-path="/t/agents-crashing/7798">
      <header class="d-header"><a href="/">Community</a></header>
      <div id="main-outlet" class="wrap" role="main">
      <div id="topic-title"><h1><a href="/t/agents-crashing/7798">Agents crashing</a></h1></div>
      <div itemscope itemtype="http://schema.org/DiscussionForumPosting" class="topic-body crawler-post">
      <div class="crawler-post-meta"><span class="creator" itemprop="author">ana</span></div>
      <div class="post" itemprop="text"><p>\(question)</p></div></div>
      <div itemscope itemtype="http://schema.org/Comment" class="topic-body crawler-post">
      <div class="post" itemprop="text"><p>\(answer)</p></div></div>
      </div></noscript></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    let texts = result.article.blocks.map(\.text)
    #expect(texts.contains(question))
    #expect(texts.contains(answer))
  }

  @Test("beside a post, <noscript> is a script's fallback and stays out")
  func fallbackStaysOut() throws {
    let html = """
      <html><body><article><p>\(question)</p><p>\(answer)</p></article>
      <noscript><p>Please enable JavaScript to see the comments, the related posts and the
      newsletter form below this article.</p></noscript></body></html>
      """
    let result = try extractArticle(from: parseHTML(Array(html.utf8)))
    #expect(result.article.blocks.map(\.text) == [question, answer])
  }
}
