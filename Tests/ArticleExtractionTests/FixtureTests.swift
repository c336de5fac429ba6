import ArticleExtraction
import Foundation
import HTMLParsing
import Testing
import TextDiff

/// Golden files: each `Fixtures/<slug>/source.html` has an `expected.txt` (the canonical article
/// text, checked by eye when recorded). `RECORD_SNAPSHOTS=1 swift test` rewrites them, and a
/// test that records fails, so a recording never passes unnoticed.
@Suite("Extraction fixtures")
struct FixtureTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static let slugs = subfolders(of: fixtures)

  @Test("the fixture folder is not empty")
  func hasFixtures() {
    #expect(Self.slugs.count >= 3)
  }

  @Test("extracted text matches the golden file", arguments: slugs)
  func golden(slug: String) throws {
    let folder = Self.fixtures.appendingPathComponent(slug)
    let source = try Data(contentsOf: folder.appendingPathComponent("source.html"))
    let article = try extractArticle(from: parseHTML([UInt8](source))).article
    let actual = article.canonicalText
    let expectedURL = folder.appendingPathComponent("expected.txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try Data(actual.utf8).write(to: expectedURL)
      Issue.record("recorded \(expectedURL.path); check it by eye, then run again")
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    if actual != expected {
      let diff = renderUnified(
        diffLines(old: Array(expected.utf8), new: Array(actual.utf8), context: 5),
        oldHeader: "expected.txt", newHeader: "actual")
      Issue.record(
        "\(slug) differs from its golden file:\n\(String(decoding: diff, as: UTF8.self))")
    }
  }
}

/// The names of the folders in a folder, sorted (hidden ones left out): one test case each.
func subfolders(of folder: URL) -> [String] {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
  return names.filter { name in
    var isFolder: ObjCBool = false
    return !name.hasPrefix(".")
      && FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
      && isFolder.boolValue
  }.sorted()
}
