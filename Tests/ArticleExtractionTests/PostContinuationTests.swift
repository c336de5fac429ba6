import ArticleExtraction
import HTMLParsing
import Testing

/// The episode's notes: the post's `<article>`, short.
private let notes =
  "This week we look at how cleaning products affect the lungs, and what to use instead of them."

/// The transcript's paragraphs, in a panel after the `<article>` inside `<main>`.
private let transcript = [
  "Welcome back to the show. Today we talk about the things under the kitchen sink, and why.",
  "Bleach was the product most often tied to injuries, even when it was used as directed on it.",
  "Researchers then compared a plain vinegar solution with the leading brand, and found little.",
]

private let aboutMe =
  "I have written about food and health on this site since 2009, and I read every study twice."

/// A page whose `<main>` holds the episode's `<article>` and, after it, `after`; an "About me"
/// column outside `<main>`.
private func page(after: String) -> String {
  """
  <html><head><title>Keeping it clean</title></head><body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/podcast">Podcast</a></li></ul></nav>
  <div class="wrap"><main class="main"><h1>Keeping it clean</h1>
  <article class="post hentry"><div class="entry-content"><p>\(notes)</p></div></article>
  \(after)
  </main><div class="column"><h3>About me</h3><p>\(aboutMe)</p></div></div>
  <footer><p>Nutrition Notes</p></footer></body></html>
  """
}

/// Three teaser cards of other episodes, each with an excerpt.
private let cards = (1...3).map { number in
  "<div class=\"card\"><h3><a href=\"/p/\(number)\">Another episode number \(number)</a></h3>"
    + "<p>\(transcript[number - 1])</p></div>"
}.joined()

/// Links to six other episodes.
private let episodeLinks = (1...6).map { number in
  "<li><a href=\"/e/\(number)\">Episode \(number) of the show</a></li>"
}.joined()

@Suite("Prose after the post's container inside <main> goes on with the post")
struct PostContinuationTests {
  @Test("a transcript in a collapsed panel after the episode's <article> is the post's")
  func transcriptPanel() throws {
    let panel = """
      <div id="podcast-info" role="tablist"><div class="card"><div class="card-header">
      <h5><a data-toggle="collapse" href="#collapseTranscript">Transcript</a></h5></div>
      <div id="collapseTranscript" class="collapse" role="tabpanel"><div class="card-block">
      \(transcript.map { "<p>\($0)</p>" }.joined())</div></div></div></div>
      """
    let texts = try extractArticle(from: parseHTML(Array(page(after: panel).utf8)))
      .article.blocks.map(\.text)
    #expect(texts.contains(notes))
    for line in transcript { #expect(texts.contains(line)) }
    #expect(!texts.contains(aboutMe))
  }

  @Test(
    "a one-paragraph transcript in a panel after the <article> is the post's too",
    arguments: [
      "<details><summary>Transcript</summary><p>\(transcript[0])</p></details>",
      """
      <div class="episode-notes"><button aria-controls="notes-1">Show the transcript</button>
      <div id="notes-1" class="is-closed"><p>\(transcript[0])</p></div></div>
      """,
    ])
  func shortTranscript(panel: String) throws {
    let texts = try extractArticle(from: parseHTML(Array(page(after: panel).utf8)))
      .article.blocks.map(\.text)
    #expect(texts.first == notes)
    #expect(texts.last == transcript[0])
    #expect(!texts.contains(aboutMe))
  }

  /// Teasers of other posts, lists of links and boxes of prose without a panel (a newsletter's
  /// offer, the rules for comments) after the post are not more of it.
  @Test(
    "other posts and links after the <article> stay out",
    arguments: [
      "<div class=\"more\">\(cards)</div>",
      "<div class=\"links\"><p>\(transcript[0])</p><ul>\(episodeLinks)</ul></div>",
      """
      <div class="after-post-offer"><h3>Your garden's best kept secret!</h3><p>Boost your \
      soil with my cover crop guide, free in my library. Enter your email for instant access!</p>\
      <a class="button" href="/guide">Get it</a></div>
      """,
      """
      <section id="community"><div class="title">Send your comment</div><p>Comments are the sole \
      responsibility of their authors, and users who break the rules will be removed.</p></section>
      """,
    ])
  func otherPostsStayOut(after: String) throws {
    let texts = try extractArticle(from: parseHTML(Array(page(after: after).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == [notes])
  }

  /// Readers' comments in a panel after the post, in markup that names them only in the
  /// panel's label: they change with every new comment, so taking them gave a false edit.
  @Test(
    "a panel of readers' comments after the <article> stays out",
    arguments: [
      "<details><summary>Comments (2)</summary><ol>"
        + "<li><p>\(transcript[1])</p></li><li><p>\(transcript[2])</p></li></ol></details>",
      "<details><summary>Reader responses (2)</summary><div class=\"response\">"
        + "<p>\(transcript[1])</p><p>\(transcript[2])</p></div></details>",
      "<details><summary>12 Webmentions</summary><p>\(transcript[1])</p></details>",
      """
      <div class="tabs"><button aria-controls="t1">Show comments</button></div>
      <div role="tabpanel" id="t1"><div class="entry"><p>\(transcript[1])</p></div></div>
      """,
    ])
  func commentPanelsStayOut(after: String) throws {
    let texts = try extractArticle(from: parseHTML(Array(page(after: after).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == [notes])
  }
}
