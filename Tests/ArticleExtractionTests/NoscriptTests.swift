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

  /// Themes hide the whole page until their scripts have run (against a flash of unstyled
  /// content), as GeeksforGeeks does with `visibility:hidden`; a reader sees it all.
  @Test(
    "a page hidden until its scripts run is read; a hidden menu beside a post stays out",
    arguments: [
      "style=\"visibility:hidden;min-height:100vh\"", "style=\"display: none\"", "hidden",
    ])
  func pageHiddenUntilScriptsRun(hiding: String) throws {
    let hiddenPage = """
      <html><body><div id="__next" \(hiding)><nav><a href="/">Home</a> <a href="/a">All</a></nav>
      <div class="content"><p>\(question)</p><p>\(answer)</p>
      <div class="menu" \(hiding)><p>A menu opened by a button, with many words of its own that a
      reader sees only after a click on it.</p></div></div></div></body></html>
      """
    let page = try extractArticle(from: parseHTML(Array(hiddenPage.utf8)))
    #expect(page.article.blocks.map(\.text) == [question, answer])
    let hiddenMenu = """
      <html><body><div class="menu" \(hiding)><p>\(question)</p><p>\(answer)</p></div>
      <article><p>A short post of its own, one sentence long, and visible.</p></article>
      </body></html>
      """
    let post = try extractArticle(from: parseHTML(Array(hiddenMenu.utf8)))
    #expect(
      post.article.blocks.map(\.text) == [
        "A short post of its own, one sentence long, and visible."
      ])
  }
}
