import ArticleExtraction
import HTMLParsing
import Testing

private let opening =
  "<p>We walked along the harbour at dawn on Sunday and took these pictures of the boats "
  + "coming in with the night's catch.</p>"
private let closing =
  "<p>The fish market opens at six, and by seven most of the catch has already been sold to "
  + "the restaurants in town.</p>"

private func text(_ gallery: String) throws -> String {
  let html = """
    <html><head><title>Harbour walk</title></head><body><article class="post">\
    <h1>Harbour walk</h1><div class="entry-content">\(opening)\(gallery)\(closing)</div>\
    </article></body></html>
    """
  return try extractArticle(from: parseHTML(Array(html.utf8))).article.canonicalText
}

/// A WordPress classic gallery item: a linked picture and its `gallery-caption`.
private func classicItem(_ name: String) -> String {
  "<dl class='gallery-item'><dt><a href='https://blog.example.com/up/\(name).jpg'>"
    + "<img src='https://blog.example.com/up/\(name)-150.jpg'></a></dt>"
    + "<dd class='wp-caption-text gallery-caption'>The \(name) boat at dawn</dd></dl>"
}

/// A block gallery's picture with its `<figcaption>`, which the body keeps.
private func blockItem(_ name: String) -> String {
  "<figure class='wp-block-image'><a href='https://blog.example.com/up/\(name).jpg'>"
    + "<img src='https://blog.example.com/up/\(name).jpg'></a>"
    + "<figcaption>The \(name) boat coming in</figcaption></figure>"
}

/// A gallery shown in random order (WordPress's `orderby="rand"`, a block gallery's "Random
/// order", a slideshow that starts anywhere) gave another article text at every run: its links
/// and captions, or its figcaptions in the body, came in another order.
@Suite("The order of a gallery's pictures is no part of the record")
struct GalleryOrderTests {
  @Test(
    "a gallery in another order gives the same text; another caption still differs",
    arguments: [
      ("<div class='gallery gallery-columns-3'>", "</div>", classicItem),
      ("<figure class='wp-block-gallery has-nested-images'>", "</figure>", blockItem),
    ] as [(String, String, @Sendable (String) -> String)])
  func randomOrder(open: String, close: String, item: @Sendable (String) -> String) throws {
    let names = ["red", "blue", "green"]
    let first = try text(open + names.map(item).joined() + close)
    let shuffled = try text(open + ["green", "red", "blue"].map(item).joined() + close)
    #expect(first == shuffled)
    #expect(first.contains("The blue boat"), "\(first)")
    #expect(first.contains("https://blog.example.com/up/blue.jpg"), "\(first)")
    let renamed = try text(open + ["red", "navy", "green"].map(item).joined() + close)
    #expect(renamed != first)
  }

  /// Two names under two photos, swapped, corrected: each caption stays with its picture's
  /// link, so the correction is an edit (sorting links and captions each on its own hid it).
  @Test(
    "a caption moved to another picture is an edit",
    arguments: [
      ("<div class='gallery gallery-columns-3'>", "</div>", classicItem),
      ("<figure class='wp-block-gallery has-nested-images'>", "</figure>", blockItem),
    ] as [(String, String, @Sendable (String) -> String)])
  func swappedCaptions(open: String, close: String, item: @Sendable (String) -> String) throws {
    func gallery(_ pictures: [(name: String, caption: String)]) throws -> String {
      try text(
        open
          + pictures.map {
            item($0.name).replacingOccurrences(of: "The \($0.name) boat", with: $0.caption)
          }.joined() + close)
    }
    let wrong = try gallery([("red", "Mayor Ann Lee"), ("blue", "Clerk Bo Dahl")])
    let corrected = try gallery([("red", "Clerk Bo Dahl"), ("blue", "Mayor Ann Lee")])
    #expect(wrong != corrected, "\(wrong)")
    let shuffled = try gallery([("blue", "Clerk Bo Dahl"), ("red", "Mayor Ann Lee")])
    #expect(wrong == shuffled)
  }

  /// A carousel of text cards is read in its order: only a gallery whose text is all in
  /// figures is sorted.
  @Test("a carousel of text cards keeps its order")
  func textCarousel() throws {
    let cards = ["Zebra crossings are repainted", "Apple trees are planted by the school"]
      .map { "<div class='slide'><h3>\($0)</h3><p>\($0), the council said on Monday.</p></div>" }
    let found = try text("<div class='carousel'>" + cards.joined() + "</div>")
    let zebra = try #require(found.range(of: "### Zebra"))
    let apple = try #require(found.range(of: "### Apple"))
    #expect(zebra.lowerBound < apple.lowerBound, "\(found)")
  }
}
