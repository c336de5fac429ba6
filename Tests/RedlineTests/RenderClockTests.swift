import Foundation
import HTTPFetching
import LoopbackServer
import SnapshotStore
import Synchronization
import Testing

@testable import Redline

/// `isRenderClockOnly`: date lines that are the serving time, on both sides, and nothing else
/// changed.
@Suite("a render clock in the date lines: a template's updated time, today's date in the header")
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

  /// A version's text with the date lines given (name, value), in the canonical order.
  private func dated(_ lines: [(String, String)], body: String = "Body") -> String {
    "Title: A\n" + lines.map { "\($0.0): \($0.1)\n" }.joined() + "URL: https://b.example/p\n"
      + "\n\(body)\n"
  }

  @Test("today's date read as the Published or Shown date line, moved with the clock")
  func todayDateLines() throws {
    let day1 = try #require(CaptureTime("20261206T100000Z"))
    let day2 = try #require(CaptureTime("20261207T220000Z"))
    func clockOnly(_ old: [(String, String)], _ new: [(String, String)], body: String = "Body")
      -> Bool
    {
      isRenderClockOnly(
        old: dated(old), servedAt: day1, new: dated(new, body: body), servedAt: day2)
    }
    #expect(clockOnly([("Published", "2026-12-06")], [("Published", "2026-12-07")]))
    // In a zone east of UTC, the evening's page shows tomorrow.
    #expect(clockOnly([("Published", "2026-12-06")], [("Published", "2026-12-08")]))
    let published = ("Published", "2016-07-02T08:00:00Z")
    #expect(
      clockOnly(
        [published, ("Shown date", "2026-12-06")], [published, ("Shown date", "2026-12-07")]))
    #expect(
      clockOnly(
        [("Updated", "2026-12-06T10:00:00Z"), ("Shown date", "2026-12-06")],
        [("Updated", "2026-12-07T21:59:00Z"), ("Shown date", "2026-12-07")]))
    // Published on the day of the first check, under a header printing today's date: no
    // Shown date line that day (the shown day is the published day), one the days after.
    let sameDay = ("Published", "2026-12-06T08:00:00+02:00")
    #expect(clockOnly([sameDay], [sameDay, ("Shown date", "2026-12-07")]))
    #expect(
      clockOnly([sameDay, ("Shown date", "2026-12-06")], [sameDay, ("Shown date", "2026-12-07")]))

    // Re-dated to a day that is not the check's, on either side.
    #expect(!clockOnly([("Published", "2026-12-06")], [("Published", "2026-12-01")]))
    #expect(!clockOnly([("Published", "2026-11-30")], [("Published", "2026-12-07")]))
    #expect(
      !clockOnly(
        [published, ("Shown date", "2026-12-06")], [published, ("Shown date", "2026-12-09")]))
    // The date moved with the clock, and a body line changed too.
    #expect(
      !clockOnly([("Published", "2026-12-06")], [("Published", "2026-12-07")], body: "Edited"))
    // A Shown date line that appears beside a published day that was not the check's: the
    // page showed no date, or the metadata's, and shows another now.
    #expect(!clockOnly([published], [published, ("Shown date", "2026-12-07")]))
    // A Published or Updated line on one side only is a change of the page, not of the clock.
    #expect(!clockOnly([], [("Published", "2026-12-07")]))
    #expect(!clockOnly([("Updated", "2026-12-06")], []))
    // A local time without its zone (a site five hours behind UTC) is the serving time in
    // some zone; with a zone it must be within the hour, and a local time a day off is not.
    #expect(
      clockOnly([("Published", "2026-12-06T05:00:00")], [("Published", "2026-12-07T17:00:00")]))
    #expect(
      !clockOnly(
        [("Published", "2026-12-06T05:00:00Z")], [("Published", "2026-12-07T17:00:00Z")]))
    #expect(
      !clockOnly([("Published", "2026-12-06T05:00:00")], [("Published", "2026-12-06T17:00:00")]))
    // A month, or a word, names no day.
    #expect(!clockOnly([("Published", "2026-11")], [("Published", "2026-12")]))
    #expect(!clockOnly([("Published", "yesterday")], [("Published", "today")]))
  }

  @Test("a version served the same on a later day did not take its date from the clock")
  func servedAgainLater() throws {
    let day1 = try #require(CaptureTime("20261206T100000Z"))
    let day2 = try #require(CaptureTime("20261207T220000Z"))
    let (old, new) = (
      dated([("Published", "2026-12-06")]), dated([("Published", "2026-12-07")])
    )
    func clockOnly(old served: ClosedRange<CaptureTime>?, new newServed: ClosedRange<CaptureTime>?)
      -> Bool
    {
      isRenderClockOnly(
        old: old, servedAt: day1, new: new, servedAt: day2, oldServed: served,
        newServed: newServed)
    }
    #expect(clockOnly(old: nil, new: nil))
    // Served again the same day (in some zone): still the clock.
    let evening = try #require(CaptureTime("20261206T230000Z"))
    #expect(clockOnly(old: day1...evening, new: day2...day2))
    // The page dated December 6 served the same on December 8 at noon, when that day is over
    // in every zone: the post's date, and December 7 is a re-dating.
    let later = try #require(CaptureTime("20261208T120000Z"))
    #expect(!clockOnly(old: day1...later, new: nil))
    // The new page served the same before its day began anywhere (or after it ended).
    let before = try #require(CaptureTime("20261205T120000Z"))
    #expect(!clockOnly(old: nil, new: before...day2))
    // A render time: a cache that serves it for hours is still the clock, for days not.
    let stamp = "Title: A\nUpdated: %@\n\nBody\n"
    let rendered = (
      stamp.replacingOccurrences(of: "%@", with: "2026-12-06T10:00:02Z"),
      stamp.replacingOccurrences(of: "%@", with: "2026-12-07T21:59:00Z")
    )
    let cached = try #require(CaptureTime("20261206T150000Z"))
    #expect(
      isRenderClockOnly(
        old: rendered.0, servedAt: day1, new: rendered.1, servedAt: day2,
        oldServed: day1...cached))
    #expect(
      !isRenderClockOnly(
        old: rendered.0, servedAt: day1, new: rendered.1, servedAt: day2,
        oldServed: day1...later))
    // A render time late in the evening west of UTC (09:30 UTC the next day), cached for
    // eight hours: its local day is over in every zone by then, the hours since are few.
    let evening10 = stamp.replacingOccurrences(of: "%@", with: "2026-12-06T23:30:00-10:00")
    let renderedAt = try #require(CaptureTime("20261207T093000Z"))
    let eightHours = try #require(CaptureTime("20261207T173000Z"))
    let nextDay = try #require(CaptureTime("20261208T100000Z"))
    let next = stamp.replacingOccurrences(of: "%@", with: "2026-12-08T10:00:00Z")
    #expect(
      isRenderClockOnly(
        old: evening10, servedAt: renderedAt, new: next, servedAt: nextDay,
        oldServed: renderedAt...eightHours))
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

  @Test("the header is read once, the same way, by the comparison and by ArticleParts")
  func headerReading() throws {
    let text = "Title: A\nPublished: 2026-12-07\nNote: B\nUpdated: 2026-12-08\n\nBody\n"
    let split = ArticleParts.headerLines(of: text[...])
    // A line with a name the canonical text does not use ends the header.
    #expect(split.lines.map { "\($0.name)=\($0.value)" } == ["Title=A", "Published=2026-12-07"])
    #expect(split.rest == "Note: B\nUpdated: 2026-12-08\n\nBody\n")
    #expect(ArticleParts(text).header == ["Title": "A", "Published": "2026-12-07"])
    #expect(ArticleParts(text).body == ["Note: B", "Updated: 2026-12-08", "Body"])
    // No space after the colon: not a header line; a last line without a line feed still is.
    #expect(ArticleParts.headerLines(of: "Title:A\n\nBody\n").lines.isEmpty)
    #expect(ArticleParts.headerLines(of: "Title: A\nUpdated: X").lines.map(\.value) == ["A", "X"])
    // So a date line that moved below a non-header line is a body change, not the clock's.
    let day1 = try #require(CaptureTime("20261206T100000Z"))
    let day2 = try #require(CaptureTime("20261207T100000Z"))
    #expect(
      !isRenderClockOnly(
        old: "Title: A\nNote: B\nUpdated: 2026-12-06\n\nBody\n", servedAt: day1,
        new: "Title: A\nNote: B\nUpdated: 2026-12-07\n\nBody\n", servedAt: day2))
    #expect(
      isRenderClockOnly(
        old: "Title: A\nUpdated: 2026-12-06\nURL: u\n\nBody\n", servedAt: day1,
        new: "Title: A\nUpdated: 2026-12-07\nURL: u\n\nBody\n", servedAt: day2))
  }
}
