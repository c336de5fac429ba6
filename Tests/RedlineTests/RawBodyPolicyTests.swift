import Foundation
import Redline
import SnapshotStore
import Testing

@Suite("keep-raw policy")
struct RawBodyPolicyTests {
  let url = "https://blog.example/2016/07/raw.html"

  /// Runs new, unchanged (chrome-only change), unchanged again, changed; returns the files.
  func files(keeping policy: RawBodyPolicy) async throws -> (FolderStore, PageRecord, [String]) {
    let root = NSTemporaryDirectory() + "redline-raw-" + UUID().uuidString
    let fetcher = StubFetcher()
    let clock = TestClock()
    let store = FolderStore(root: root)
    let service = SnapshotService(
      fetcher: fetcher, store: store, jobs: 1, now: clock.now, keepRaw: policy)
    for (sidebar, text) in [("a", first), ("b", first), ("c", first), ("c", second)] {
      fetcher.set(url, html: post([text], sidebar: "Popular: \(sidebar)"))
      #expect(await service.check(url).failed == false)
      clock.advance(3600)
    }
    let page = try #require(try store.page(for: url))
    let names = try FileManager.default.contentsOfDirectory(atPath: store.path(of: page))
    return (store, page, names.filter { !$0.hasPrefix(".") }.sorted())
  }

  @Test("changes: raw HTML only with the first capture and each changed one")
  func changes() async throws {
    let (store, page, names) = try await files(keeping: .changes)
    defer { try? FileManager.default.removeItem(atPath: store.root) }
    #expect(names.filter { $0.hasSuffix(".html") }.count == 2)
    #expect(names.count == 2 * 3 + 3)
    #expect(try store.history(of: page).map(\.outcome) == [.new, .unchanged, .unchanged, .changed])
    #expect(try store.verify().isClean)
  }

  @Test("always: raw HTML of every check, each verified against its history line")
  func always() async throws {
    let (store, page, names) = try await files(keeping: .always)
    defer { try? FileManager.default.removeItem(atPath: store.root) }
    #expect(names.filter { $0.hasSuffix(".html") }.count == 4)
    let history = try store.history(of: page)
    #expect(history.map(\.rawKept) == [nil, true, true, nil])
    let unchanged = try #require(history.dropFirst().first)
    let body = try #require(try store.rawBody(of: page, capture: unchanged.time))
    #expect(String(decoding: body, as: UTF8.self).contains("Popular: b"))
    #expect(try store.verify().isClean)
  }
}
