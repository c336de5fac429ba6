import ArticleExtraction
import Foundation
import HTMLParsing
import Testing
import TextDiff

/// The same post with other page chrome (comments, sidebars, ads, counters, tokens, timestamps)
/// must give byte-identical article text, or every snapshot run would report false edits.
@Suite("Stability under chrome changes")
struct StabilityTests {
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let pairs = here.appendingPathComponent("StabilityPairs")
  static let pairIDs = subfolders(of: pairs)

  @Test("there are pairs to check")
  func hasPairs() {
    #expect(Self.pairIDs.count >= 5)
  }

  @Test("a corpus page with its chrome changed gives the same article", arguments: pairIDs)
  func corpusPair(id: String) throws {
    let folder = Self.pairs.appendingPathComponent(id)
    let original = try articleText(of: folder.appendingPathComponent("original.html"))
    let changed = try articleText(of: folder.appendingPathComponent("changed.html"))
    // The pair must really differ, or the test proves nothing.
    let originalBytes = try Data(contentsOf: folder.appendingPathComponent("original.html"))
    let changedBytes = try Data(contentsOf: folder.appendingPathComponent("changed.html"))
    #expect(originalBytes != changedBytes)
    #expect(original.contains("\n\n"), "the article has a body")
    expectSame(original, changed, id)
  }

  /// The Blogger sample's v3 is v2 with one more comment, a new comment count, a reordered
  /// Popular Posts widget, new archive counts and a new pageview counter.
  @Test("the Blogger sample with a new comment and new counters gives the same article")
  func bloggerSample() throws {
    let fixtures = FixtureTests.fixtures
    let v2 = fixtures.appendingPathComponent("blogger-sample-v2/source.html")
    let v3 = fixtures.appendingPathComponent("blogger-sample-v3/source.html")
    #expect(try [UInt8](contentsOf: v2) != [UInt8](contentsOf: v3))
    let text2 = try articleText(of: v2)
    let text3 = try articleText(of: v3)
    #expect(text2.contains("Title: General Khalifa Haftar"))
    #expect(!text3.contains("comment"))
    #expect(!text3.contains("Pageviews"))
    expectSame(text2, text3, "blogger sample v2/v3")
  }

  private func articleText(of file: URL) throws -> String {
    let bytes = [UInt8](try Data(contentsOf: file))
    return try extractArticle(from: parseHTML(bytes, encoding: "utf-8")).article.canonicalText
  }

  private func expectSame(_ original: String, _ changed: String, _ label: String) {
    guard original != changed else { return }
    let diff = renderUnified(
      diffLines(old: Array(original.utf8), new: Array(changed.utf8), context: 3),
      oldHeader: "original", newHeader: "changed")
    Issue.record(
      "\(label): chrome changes reached the article:\n\(String(decoding: diff, as: UTF8.self))")
  }
}
