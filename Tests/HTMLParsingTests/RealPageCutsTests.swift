import Foundation
import Testing

@testable import HTMLParsing

@Suite("cut and uncut parses of real pages")
struct RealPageCutsTests {
  /// The pages of the extraction tests: fixtures, and stability and true-edit pairs.
  private static func pages() -> [URL] {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("ArticleExtractionTests")
    var pages: [URL] = []
    for folder in ["Fixtures", "StabilityPairs", "TrueEditPairs"] {
      let root = tests.appendingPathComponent(folder)
      guard
        let walker = FileManager.default.enumerator(
          at: root, includingPropertiesForKeys: nil)
      else { continue }
      for case let url as URL in walker where url.pathExtension == "html" { pages.append(url) }
    }
    return pages.sorted { $0.path < $1.path }
  }

  @Test("every test page gives the same tree with its parts cut out of libxml2's input")
  func sameTrees() throws {
    let pages = Self.pages()
    #expect(pages.count > 50)
    var cutPages = 0
    for page in pages {
      let bytes = Array(String(decoding: try Data(contentsOf: page), as: UTF8.self).utf8)
      let whole = try parseHTML(
        bytes, encoding: "utf-8", attributeLimit: maximumAttributesPerTag,
        nodeLimit: maximumNodes, cuttingInput: false)
      // A few small pages made for the tests have nothing to cut.
      guard InputCuts(bytes) != nil else { continue }
      cutPages += 1
      let cut = try #require(try parseCuttingInput(bytes), "\(page.path)")
      #expect(treeLines(cut) == treeLines(whole), "\(page.path)")
    }
    // Real pages have scripts, styles and long values, and the scan reads them as libxml2 does.
    #expect(cutPages > pages.count * 9 / 10)
  }
}
