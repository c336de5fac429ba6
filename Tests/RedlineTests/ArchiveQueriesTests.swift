import Foundation
import Redline
import SnapshotStore
import Testing

@Suite("ArchiveQueries")
struct ArchiveQueriesTests {
  let url = "https://blog.example/p.html"

  /// A store with three captures of one page, an hour apart.
  func withThreeCaptures(_ body: (ArchiveQueries) throws -> Void) async throws {
    let root = NSTemporaryDirectory() + "redline-queries-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = SnapshotService(fetcher: fetcher, store: FolderStore(root: root), now: clock.now)
    for version in 1...3 {
      fetcher.set(
        url, html: post([first, "Version \(version) of the second paragraph, which is long."]))
      _ = await service.check(url)
      clock.advance(3600)
    }
    try body(ArchiveQueries(store: FolderStore(root: root)))
  }

  @Test("diff defaults to the two latest captures; FROM and TO select others")
  func selection() async throws {
    try await withThreeCaptures { queries in
      let latest = try queries.compareCaptures(of: url)
      let text = String(decoding: latest.unifiedDiff, as: UTF8.self)
      #expect(text.contains("-Version 2") && text.contains("+Version 3"))
      let whole = String(
        decoding: try queries.compareCaptures(of: url, from: "first", to: "latest").unifiedDiff,
        as: UTF8.self)
      #expect(whole.contains("-Version 1") && whole.contains("+Version 3"))
      let byPrefix = String(
        decoding: try queries.compareCaptures(of: url, from: "20160702T0953", to: "latest~1")
          .unifiedDiff, as: UTF8.self)
      #expect(byPrefix.contains("-Version 1") && byPrefix.contains("+Version 2"))
      #expect(try queries.compareCaptures(of: url, from: "latest", to: "latest").isIdentical)
    }
  }

  @Test("bad selectors say why", arguments: ["latest~5", "2015", "20160702T", "latest~x"])
  func badSelectors(selector: String) async throws {
    try await withThreeCaptures { queries in
      #expect(throws: RedlineError.self) { try queries.compareCaptures(of: url, from: selector) }
    }
  }

  @Test("log, show and list read the store")
  func reading() async throws {
    try await withThreeCaptures { queries in
      #expect(try queries.log(of: url).map(\.outcome) == [.new, .changed, .changed])
      let shown = String(decoding: try queries.show(url, when: "first"), as: UTF8.self)
      #expect(shown.contains("Version 1"))
      #expect(
        String(decoding: try queries.show(url, raw: true), as: UTF8.self).contains(
          "<div class=\"post-body"))
      let pages = try queries.list()
      #expect(pages.map(\.captures) == [3])
      #expect(pages.first?.firstSeen == "20160702T095300Z")
      #expect(throws: RedlineError.noCaptures(url: "https://other.example/")) {
        try queries.log(of: "https://other.example/")
      }
    }
  }
}
