import Redline
import Testing
import WatchList

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
}
