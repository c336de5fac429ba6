import Foundation
import Redline
import SnapshotStore
import Testing

/// `audit` audits pages a batch at a time on every core: its report must still list pages in
/// store order, and name damaged pages in that order, however the batches fall.
@Suite("audit of many pages")
struct AuditOrderTests {
  @Test("pages and damaged pages come out in store order across batches")
  func storeOrder() async throws {
    let root = NSTemporaryDirectory() + "redline-audit-order-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = SnapshotService(
      fetcher: fetcher, store: FolderStore(root: root), jobs: 2, now: clock.now)
    let urls = (0..<40).map { "https://blog\($0 % 3).example/2016/07/post-\($0).html" }
    for url in urls { fetcher.set(url, html: post([first, second + " " + url])) }
    for url in urls { #expect(await service.check(url).outcome == .new) }
    clock.advance(3600)
    for url in urls { fetcher.set(url, html: post([first + " Edited.", second + " " + url])) }
    for url in urls {
      #expect(await service.check(url).outcome == .changed(added: 1, removed: 1))
    }
    let store = FolderStore(root: root)
    let pages = try store.pages()
    // Two pages whose latest capture lost its text: named as damaged, the rest audited.
    let damaged = [pages[5], pages[33]]
    for page in damaged {
      let latest = try #require(try store.captures(of: page).last)
      try FileManager.default.removeItem(
        atPath: store.path(of: page) + "/" + latest.time.description + ".txt")
    }
    let report = try ArchiveQueries(store: store).audit(
      AuditOptions(generated: "20260101T000000Z"))
    let expected = pages.filter { page in !damaged.contains(page) }.map(\.url)
    #expect(report.pages.map(\.url) == expected)
    #expect(report.pages.allSatisfy { $0.edits.count == 1 })
    #expect(
      report.unreadablePages.map { $0.components(separatedBy: ": ").first ?? "" }
        == damaged.map(\.url))
  }
}
