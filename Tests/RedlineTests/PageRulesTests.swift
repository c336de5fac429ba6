import Testing
import WatchList

@testable import Redline

@Suite("page rules")
struct PageRulesTests {
  @Test("the watch's selector wins over the site's; ignore rules add up; the label names both")
  func resolution() throws {
    let rules = try #require(
      try PageRules(
        watch: ExtractionRules(css: "div.story", ignore: ["^Share"]),
        site: ExtractionRules(xpath: "//article", ignore: ["^Tweet"]), host: "example.org"))
    #expect(rules.xpath?.hasPrefix("//div[contains(concat(") == true)
    #expect(rules.ignore == ["^Tweet", "^Share"])
    #expect(
      rules.label
        == "css div.story (watch); ignore ^Tweet (site example.org); ignore ^Share (watch)")
    #expect(try PageRules(watch: ExtractionRules(), site: nil, host: nil) == nil)
  }

  @Test("a selector that does not parse names itself")
  func badSelector() {
    #expect(throws: WatchListError.self) {
      try PageRules.check(ExtractionRules(xpath: "//p[@a="))
    }
  }

  @Test("ignore rules drop matching captions and links from their sections, and body blocks")
  func ignoreInSections() throws {
    let rules = try #require(
      try PageRules(
        watch: ExtractionRules(ignore: ["^Photo:", "^https://ads\\.", "^Share"]), site: nil,
        host: nil))
    let text = """
      Title: A

      Body

      Share this

      Captions:
      The bridge at dawn.
      Photo: Ann Lee

      Links:
      https://ads.example/x
      https://town.example/

      """
    #expect(
      rules.filtered(text) == """
        Title: A

        Body

        Captions:
        The bridge at dawn.

        Links:
        https://town.example/

        """)
    // A section whose every line is ignored goes, marker and all.
    let credits = "Title: A\n\nBody\n\nCaptions:\nPhoto: Ann Lee\n"
    #expect(rules.filtered(credits) == "Title: A\n\nBody\n")
  }
}
