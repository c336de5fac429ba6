import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

/// Any bytes give an article or a clear "no article found": never a crash or a hang.
/// (Time and memory on these inputs are measured by `make bench`, not asserted here.)
@Suite("Hostile input")
struct HostileInputTests {
  private func outcome(_ bytes: [UInt8]) -> Result<Article, Error> {
    Result { try extractArticle(from: parseHTML(bytes)).article }
  }

  @Test("200,000 nested elements")
  func deepNesting() {
    let depth = 200_000
    let html =
      String(repeating: "<div>", count: depth)
      + "<p>A paragraph at the bottom of a very deep page.</p>"
      + String(repeating: "</div>", count: depth)
    if case .failure(let error) = outcome(Array(html.utf8)) {
      #expect(error as? ExtractionError == .noArticleFound)
    }
  }

  @Test("a 2 MB text node (make bench times 10 MB in a release build)")
  func hugeTextNode() throws {
    let words = String(repeating: "word ", count: 400_000)
    let article = try outcome(Array("<html><body><p>\(words)</p></body></html>".utf8)).get()
    #expect(article.blocks.count == 1)
    #expect(article.blocks[0].text.utf8.count == 400_000 * 5 - 1)
  }

  @Test("a million attributes on one element")
  func manyAttributes() {
    var html = "<html><body><p"
    for index in 0..<1_000_000 { html += " a\(index)=\"v\"" }
    html +=
      ">Text after a million attributes, long enough to be a paragraph of prose.</p></body></html>"
    switch outcome(Array(html.utf8)) {
    case .success(let article): #expect(article.blocks.first?.text.hasPrefix("Text after") == true)
    case .failure(let error): #expect(error as? ExtractionError == .noArticleFound)
    }
  }

  @Test("invalid UTF-8, NUL bytes and control characters")
  func garbageBytes() throws {
    var bytes = Array("<html><body><article><p>Before the garbage: ".utf8)
    bytes += [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0xE2, 0x82, 0x00, 0x01, 0x1B, 0xF0, 0x9F]
    bytes += Array(
      " and after it, a sentence that makes this a paragraph.</p></article></body></html>".utf8)
    let article = try outcome(bytes).get()
    let text = article.canonicalText
    #expect(text.contains("Before the garbage"))
    #expect(text.contains("and after it"))
    #expect(!text.unicodeScalars.contains { $0.value == 0 })
  }

  @Test(
    "empty and blank input give a clear error",
    arguments: ["", "   \n\t ", "<html><body></body></html>"])
  func nothingThere(text: String) {
    guard case .failure(let error) = outcome(Array(text.utf8)) else {
      Issue.record("expected no article")
      return
    }
    #expect(error as? ExtractionError == .noArticleFound)
  }

  /// Inputs the fuzzer (`scripts/fuzz.sh`) found that broke the article text's format, kept in
  /// `FuzzCrashes/`: the text ends with a newline, has no trailing spaces, no doubled blank
  /// line, and no NUL, CR or other control character but the newline.
  static let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("FuzzCrashes")

  @Test(
    "inputs the fuzzer found keep the text format",
    arguments: (try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? [])
  func fuzzCrash(name: String) throws {
    let bytes = try Data(contentsOf: Self.crashes.appendingPathComponent(name))
    guard case .success(let article) = outcome([UInt8](bytes)) else { return }
    let text = article.canonicalText
    #expect(text.isEmpty || text.hasSuffix("\n"))
    #expect(!text.contains(" \n"))
    #expect(!text.contains("\n\n\n"))
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  }

  @Test("the folder of fuzzer finds is not empty")
  func hasFuzzCrashes() throws {
    #expect(try !FileManager.default.contentsOfDirectory(atPath: Self.crashes.path).isEmpty)
  }

  @Test("a canonical link's tabs, line breaks and control characters stay out of the URL line")
  func controlsInCanonicalLink() throws {
    let html =
      "<html><head><title>t</title>"
      + "<link rel=canonical href=\" https://blog.example/20\u{1}\r16/a\tpost\nhere x \">"
      + "</head><body><article><p>A paragraph long enough to be the body of this post.</p>"
      + "</article></body></html>"
    let article = try outcome(Array(html.utf8)).get()
    #expect(article.url == "https://blog.example/20%0116/aposthere%20x")
    #expect(article.canonicalText.contains("\nURL: https://blog.example/20%0116/aposthere%20x\n"))
  }

  @Test("binary input never puts control characters into an article")
  func binary() {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48]
    if case .success(let article) = outcome(png) {
      #expect(!article.canonicalText.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
  }
}
