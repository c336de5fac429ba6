import ArticleExtraction
import HTMLParsing
import Testing

private let paragraphs = [
  "A verifier can check that the measurements match the program by building it again itself.",
  "Attestation is only as good as the hardware, and the hardware has been broken before now.",
  "Nix already gives us builds that can be repeated, which is most of what a verifier needs.",
]

/// The writer's side note: a heading and two paragraphs.
private let note = [
  "A note on other devices",
  "Disks need no such protection: a read-only disk can be checked block by block with a hash.",
  "Writable disks are harder, and memory-backed file systems are the easy way around them.",
]

private let aboutMe =
  "I build things for a living and write about them here, mostly about reproducible builds."

private let readMore = "Why builds are not reproducible yet, and what to do about it"

/// A post whose second paragraph is followed by `between`, and a sidebar column beside it.
private func page(between: String) -> String {
  """
  <html><head><title>Attested builds</title></head><body><main><div class="wrap">
  <section class="document"><h1>Attested builds</h1><p>\(paragraphs[0])</p>
  <p>\(paragraphs[1])</p>\(between)<p>\(paragraphs[2])</p></section>
  <aside class="column"><h3>About me</h3><p>\(aboutMe)</p></aside>
  </div></main></body></html>
  """
}

@Suite("An <aside> between two of the post's paragraphs is a part of the post")
struct SideNoteTests {
  @Test("a side note with a heading and paragraphs between the post's paragraphs stays")
  func sideNote() throws {
    let aside = """
      <aside class="note"><h3>\(note[0])</h3><p>\(note[1])</p>\
      <p>\(note[2])</p></aside>
      """
    let texts = try extractArticle(from: parseHTML(Array(page(between: aside).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == paragraphs.prefix(2) + note + paragraphs.suffix(1))
  }

  @Test("a figure's caption in an <aside> between the post's paragraphs stays")
  func figureAside() throws {
    let caption = "A sample tamper protection system: a mesh lines the inside of the housing."
    let aside = """
      <aside class="figure-box"><figure><img src="/mesh.png" alt=""><figcaption><p>\(caption)\
      </p></figcaption></figure></aside>
      """
    let texts = try extractArticle(from: parseHTML(Array(page(between: aside).utf8)))
      .article.blocks.map(\.text)
    #expect(texts.contains(caption))
    #expect(!texts.contains(aboutMe))
  }

  /// A box of links between paragraphs, an `<aside>` named as chrome or with a chrome role, a
  /// pull quote, an ad or a sponsor's box (labelled, unnamed), a forum's quote of another post,
  /// and the sidebar beside the post stay out.
  @Test(
    "links, named chrome, pull quotes, quotes and a sidebar stay out",
    arguments: [
      "<aside class=\"inline\"><p>Read more: <a href=\"/p/2\">\(readMore)</a></p></aside>",
      "<aside class=\"related\"><h3>\(note[0])</h3><p>\(note[1])</p></aside>",
      "<aside role=\"complementary\"><h3>\(note[0])</h3><p>\(note[1])</p></aside>",
      "<aside class=\"pullquote\">\(paragraphs[1])</aside>",
      // An ad served as a figure, and a sponsor's box as a note: another at every load.
      "<aside><figure><a href=\"https://ads.example.net/c?id=7\"><img src=\"/ad7.jpg\"></a>"
        + "<figcaption>Sponsored: the best deals on garden furniture this week at Acme Stores"
        + "</figcaption></figure></aside>",
      "<aside><h3>Anzeige</h3><p>\(note[1])</p></aside>",
      "<aside class=\"quote\"><div class=\"title\">ann:</div><blockquote><p>\(note[1])</p>"
        + "</blockquote></aside>",
      "",
    ])
  func chromeStaysOut(between: String) throws {
    let texts = try extractArticle(from: parseHTML(Array(page(between: between).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == paragraphs)
  }
}
