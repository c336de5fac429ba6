import ArticleExtraction
import Testing

@Suite("links section of the article text")
struct LinksSectionTests {
  @Test("the links section is the last section, after a blank line, and only that")
  func linksSection() {
    let text = "Title: A\n\nBody\n\nLinks:\nhttps://a.example/\nhttps://b.example/\n"
    #expect(ArticleText.links(in: text) == ["https://a.example/", "https://b.example/"])
    #expect(ArticleText.withoutLinks(text) == "Title: A\n\nBody\n")
    // A body block that reads "Links:" is not the section when blocks follow it.
    let inBody = "Title: A\n\nLinks:\n\nBody\n"
    #expect(ArticleText.links(in: inBody).isEmpty)
    #expect(ArticleText.withoutLinks(inBody) == inBody)
    // The last "Links:" after a blank line is the section; an earlier one is body.
    let twice = "Title: A\n\nLinks:\n\nBody\n\nLinks:\nhttps://a.example/\n"
    #expect(ArticleText.links(in: twice) == ["https://a.example/"])
    #expect(ArticleText.withoutLinks(twice) == "Title: A\n\nLinks:\n\nBody\n")
    #expect(ArticleText.links(in: "Title: A\n\nBody\n").isEmpty)
    #expect(ArticleText.links(in: "").isEmpty)
    #expect(ArticleText.links(in: "\n\nLinks:\nhttps://é.example/\n") == ["https://é.example/"])
  }
}
