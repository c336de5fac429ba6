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

  @Test("a date or time selects the capture in force at its end")
  func dates() async throws {
    try await withThreeCaptures { queries in
      func version(_ when: String) throws -> String {
        let text = String(decoding: try queries.show(url, when: when), as: UTF8.self)
        return text.contains("Version 1") ? "1" : text.contains("Version 2") ? "2" : "3"
      }
      let times = try queries.log(of: url).map(\.time)
      try #require(times.count == 3)
      #expect(try version("2016-07-02") == "3")
      #expect(
        try version(CaptureTime.readable(times[1]).replacingOccurrences(of: " UTC", with: ""))
          == "2")
      let hourOfSecond = String(times[1].prefix(11))  // 20160702T10: the whole hour
      #expect(try version(hourOfSecond) == "2")
      #expect(throws: RedlineError.self) { try queries.show(url, when: "2016-07-01") }
      #expect(throws: RedlineError.self) { try queries.show(url, when: "2016-02-30") }
    }
  }

  @Test("dates and times as capture-time bounds")
  func bounds() {
    #expect(captureTimeBound("2016-07-02", atEnd: false) == "20160702T000000Z")
    #expect(captureTimeBound("2016-07-02", atEnd: true) == "20160702T235959Z")
    #expect(captureTimeBound("2016-07-02T10:15", atEnd: true) == "20160702T101559Z")
    #expect(captureTimeBound("2016-07-02 10", atEnd: false) == "20160702T100000Z")
    #expect(captureTimeBound("2016-07-02T10:15:30Z", atEnd: true) == "20160702T101530Z")
    #expect(captureTimeBound("20160702T101530Z", atEnd: false) == "20160702T101530Z")
    for bad in [
      "2016-02-30", "2016-13-01", "2016-07-02T24:00", "2016-07", "yesterday", "20160702T",
    ] {
      #expect(captureTimeBound(bad, atEnd: true) == nil, "\(bad)")
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
