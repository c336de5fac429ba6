import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

private func bodyTexts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

/// A post whose second paragraph holds `inline` in the middle of a sentence.
private func post(_ inline: String) -> String {
  """
  <html><head><title>Sanctions</title></head><body><article><h1>Sanctions</h1>
  <p>After nearly twenty years of hostile relations, the government plans to reverse its \
  position, officials said late on Thursday after a long meeting in the capital.</p>
  <p>In return the country will stop supporting rebels in \(inline), cease the bombing of \
  insurgent territory and cooperate with the inquiry, the officials said.</p>
  </article></body></html>
  """
}

@Suite("Words inside a sentence are never chrome")
struct SentenceIntegrityTests {
  /// Class words mark chrome blocks (`meta`, `byline`, `tags`, `share`); on an inline element in
  /// running text they name a link's or a span's styling, and dropping it cut a word out of
  /// the sentence (a newspaper's `<a class="meta-loc">`, a code comment's
  /// `<span class="comment">`), so a change of that link's target went unseen.
  @Test(
    "an inline element in running text stays, whatever its class words",
    arguments: [
      "<a href=\"/topics/south-sudan\" class=\"meta-loc\">South Sudan</a>",
      "<span class=\"comment\">South Sudan</span>",
      "<em><a href=\"/t/s\" class=\"tags\">South Sudan</a></em>",
      "<span class=\"byline-link\">South Sudan</span>",
    ])
  func inlineInSentence(inline: String) throws {
    let texts = try bodyTexts(post(inline))
    #expect(
      texts.contains {
        $0.contains("supporting rebels in South Sudan, cease the bombing")
      }, "\(texts)")
  }

  @Test("whole class names of chrome (screen-reader text) are still left out")
  func screenReaderText() throws {
    let texts = try bodyTexts(
      post("South Sudan<span class=\"sr-only\"> (opens in a new window)</span>"))
    #expect(texts.contains { $0.contains("rebels in South Sudan, cease") }, "\(texts)")
    #expect(!texts.joined().contains("opens in a new window"))
  }

  @Test("an inline element alone in its block is still chrome for its class words")
  func inlineAlone() throws {
    let html = post("South Sudan").replacingOccurrences(
      of: "</article>",
      with: "<div><a class=\"share\" href=\"/share\">Share this post</a></div></article>")
    #expect(!(try bodyTexts(html)).joined().contains("Share this post"))
  }

  /// A one-sentence paragraph whose words are mostly a link's (`Here's a full post on <a>…</a>`)
  /// is a sentence of the post: dropped for its link density, it hid a change of its target.
  @Test("a short paragraph that cites a link is kept; a row of links in a paragraph is not")
  func sentenceCitingLink() throws {
    let cite =
      "Here's a full post on <a href=\"/2024/05/how-we-moved-the-kitchen-sink-and-the-pantry\">"
      + "how we moved the kitchen sink and the pantry to the other wall</a>."
    let row =
      "<a href=\"/tag/kitchen\">Kitchen renovations</a> | <a href=\"/tag/diy\">Do it yourself</a>"
      + " | <a href=\"/tag/pantry\">Pantry organisation</a>"
    let html = post("South Sudan").replacingOccurrences(
      of: "</article>", with: "<p>\(cite)</p><p>\(row)</p></article>")
    let texts = try bodyTexts(html)
    #expect(
      texts.contains(
        "Here's a full post on how we moved the kitchen sink and the pantry to the other wall."),
      "\(texts)")
    #expect(!texts.joined().contains("Kitchen renovations"), "\(texts)")
  }
}
