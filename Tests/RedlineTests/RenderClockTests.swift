import Foundation
import SnapshotStore
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
}
