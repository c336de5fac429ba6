import Foundation
import HTTPFetching
import LoopbackServer
import SnapshotStore
import Synchronization
import Testing

@testable import Redline

/// `isRenderClockOnly`: an updated date that is the serving time, on both sides, and nothing
/// else changed.
@Suite("a template's render clock in the updated date")
struct RenderClockTests {
  private func text(_ updated: String?, title: String = "A", body: String = "Body") -> String {
    "Title: \(title)\n" + (updated.map { "Updated: \($0)\n" } ?? "") + "\n\(body)\n"
  }

  @Test(
    "the serving time on both sides, and nothing else changed",
    arguments: [
      ("2026-12-06T10:00:02Z", "20261206T100000Z", "2026-12-07T09:59:58Z", "20261207T100000Z"),
      (
        "2026-12-06T05:10:00-05:00", "20261206T101000Z", "2026-12-07T11:40:00+01:00",
        "20261207T104000Z"
      ),
      ("2026-12-06", "20261206T230000Z", "2026-12-08", "20261207T230000Z"),
      ("2026-12-06T09:20:00Z", "20261206T100000Z", "2026-12-07", "20261207T100000Z"),
    ])
  func renderClock(_ old: String, _ oldTime: String, _ new: String, _ newTime: String) throws {
    #expect(
      isRenderClockOnly(
        old: text(old), servedAt: try #require(CaptureTime(oldTime)), new: text(new),
        servedAt: try #require(CaptureTime(newTime))))
  }

  @Test("a real update, another change, or no date: not a render clock")
  func notRenderClock() throws {
    let day1 = try #require(CaptureTime("20261206T100000Z"))
    let day2 = try #require(CaptureTime("20261207T100000Z"))
    let (old, new) = ("2026-12-06T10:00:02Z", "2026-12-07T09:59:58Z")
    // A date far from the check: a re-save, reported.
    #expect(
      !isRenderClockOnly(old: text(old), servedAt: day1, new: text("2026-12-01"), servedAt: day2))
    #expect(
      !isRenderClockOnly(old: text("2016-07-02"), servedAt: day1, new: text(new), servedAt: day2))
    // The old side two hours off its check.
    #expect(
      !isRenderClockOnly(
        old: text("2026-12-06T08:00:00Z"), servedAt: day1, new: text(new), servedAt: day2))
    // A body line or the title changed too.
    #expect(
      !isRenderClockOnly(
        old: text(old), servedAt: day1, new: text(new, body: "Edited"), servedAt: day2))
    #expect(
      !isRenderClockOnly(old: text(old), servedAt: day1, new: text(new, title: "B"), servedAt: day2)
    )
    // No updated line on one side, the same on both, or an `Updated:` line in the body.
    #expect(!isRenderClockOnly(old: text(nil), servedAt: day1, new: text(new), servedAt: day2))
    #expect(!isRenderClockOnly(old: text(old), servedAt: day1, new: text(old), servedAt: day1))
    #expect(
      !isRenderClockOnly(
        old: text(nil, body: "Updated: \(old)"), servedAt: day1,
        new: text(nil, body: "Updated: \(new)"), servedAt: day2))
  }

  /// A check found unchanged by the render clock says so for that check only: the same text
  /// served again a day later, its updated time no longer the serving time, is the re-save it
  /// looks like then (an edit of the date alone just before a check), not `unchanged` for good
  /// through the line's `readSHA256`.
  @Test("a render clock's unchanged is no verdict on the same text served later")
  func sameTextLater() async throws {
    let modified = Mutex("")
    let server = try LoopbackServer { _ in
      let stamp = modified.withLock { $0 }
      return .text(
        post([first, second]).replacingOccurrences(
          of: "<title>",
          with: "<meta property=\"article:modified_time\" content=\"\(stamp)\"><title>"),
        contentType: "text/html; charset=UTF-8")
    }
    defer { server.stop() }
    let root = NSTemporaryDirectory() + "redline-render-clock-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let clock = TestClock()
    let service = SnapshotService(
      fetcher: CurlFetcher(options: CapturedPage.options),
      store: FolderStore(root: root), jobs: 1, now: clock.now)
    let url = server.baseURL + "/p.html"
    let stamp = ISO8601DateFormatter()
    modified.withLock { $0 = stamp.string(from: clock.now()) }
    #expect(await service.check(url).outcome == .new)
    clock.advance(86_400)
    modified.withLock { $0 = stamp.string(from: clock.now().addingTimeInterval(-600)) }
    #expect(await service.check(url).outcome == .unchanged)
    // The page keeps that date: a day later it is not the serving time.
    clock.advance(86_400)
    let later = await service.check(url)
    #expect(later.outcome == .changed(added: 1, removed: 1), "\(later.outcome)")
    #expect(later.headerOnly)
  }
}
