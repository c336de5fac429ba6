import ArticleExtraction
import Testing

@Suite("links and captions sections of the article text")
struct LinksSectionTests {
  @Test("the links section is the last section, after a blank line, and only that")
  func linksSection() {
    let text = "Title: A\n\nBody\n\nLinks:\nhttps://a.example/\nhttps://b.example/\n"
    #expect(ArticleText.Sections(text).links == ["https://a.example/", "https://b.example/"])
    #expect(ArticleText.withoutLinks(text) == "Title: A\n\nBody\n")
    // A body block that reads "Links:" is not the section when blocks follow it.
    let inBody = "Title: A\n\nLinks:\n\nBody\n"
    #expect(ArticleText.Sections(inBody).links.isEmpty)
    #expect(ArticleText.withoutLinks(inBody) == inBody)
    // The last "Links:" after a blank line is the section; an earlier one is body.
    let twice = "Title: A\n\nLinks:\n\nBody\n\nLinks:\nhttps://a.example/\n"
    #expect(ArticleText.Sections(twice).links == ["https://a.example/"])
    #expect(ArticleText.withoutLinks(twice) == "Title: A\n\nLinks:\n\nBody\n")
    #expect(ArticleText.Sections("Title: A\n\nBody\n").links.isEmpty)
    #expect(ArticleText.Sections("").links.isEmpty)
    #expect(
      ArticleText.Sections("\n\nLinks:\nhttps://é.example/\n").links == ["https://é.example/"])
  }

  @Test("the captions section comes before the links section; older formats read without it")
  func captionsSection() {
    let text = "Title: A\n\nBody\n\nCaptions:\nA cat\nLinks:\n\nLinks:\nhttps://a.example/\n"
    let sections = ArticleText.Sections(text)
    #expect(sections.main == "Title: A\n\nBody\n")
    // A caption that reads "Links:" is a line of the captions section, not the links section.
    #expect(sections.captions == ["A cat", "Links:"])
    #expect(sections.links == ["https://a.example/"])
    #expect(sections.text() == text)
    #expect(ArticleText.withoutLinks(text) == "Title: A\n\nBody\n\nCaptions:\nA cat\nLinks:\n")
    #expect(ArticleText.inFormat(2, text) == "Title: A\n\nBody\n\nLinks:\nhttps://a.example/\n")
    #expect(ArticleText.inFormat(1, text) == "Title: A\n\nBody\n")
    #expect(ArticleText.inFormat(3, text) == text)
    // Captions without links; a text with neither is returned as it is.
    let captionsOnly = "Title: A\n\nBody\n\nCaptions:\nA cat\n"
    #expect(ArticleText.Sections(captionsOnly).captions == ["A cat"])
    #expect(ArticleText.Sections(captionsOnly).links.isEmpty)
    #expect(ArticleText.inFormat(2, captionsOnly) == "Title: A\n\nBody\n")
    #expect(ArticleText.inFormat(1, "Title: A\n\nBody") == "Title: A\n\nBody")
    // A last body block that reads "Captions:" or "Links:" has no lines under it: no section.
    let markersInBody = "Title: A\n\nCaptions:\n\nLinks:\n"
    #expect(ArticleText.Sections(markersInBody).main == markersInBody)
    #expect(ArticleText.inFormat(1, markersInBody) == markersInBody)
  }
}
