import Foundation
@testable import Redline
import SnapshotStore
import Testing

@Suite("ArchiveQueries")
struct ArchiveQueriesTests {
  let url = "https://blog.example/p.html"

  /// A store with three captures of one page, an hour apart (2016-07-02 09:53, 10:53 and
  /// 11:53 UTC), read as of `now`.
  func withThreeCaptures(
    now: Date = Date(), _ body: (ArchiveQueries) throws -> Void
  ) async throws {
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
    try body(ArchiveQueries(store: FolderStore(root: root), now: now))
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
      let times = try queries.log(of: url).map(\.time.description)
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
      #expect(throws: RedlineError.unknownPage(url: "https://other.example/", nearest: nil)) {
        try queries.log(of: "https://other.example/")
      }
    }
  }

  @Test("a prefix that several captures share is an error naming them")
  func ambiguousPrefix() async throws {
    try await withThreeCaptures { queries in
      let times = try queries.log(of: url).compactMap(\.capture?.description)
      #expect(
        throws: RedlineError.ambiguousCapture(url: url, selector: "20160702T", matches: times)
      ) {
        try queries.show(url, when: "20160702T")
      }
      #expect(throws: RedlineError.ambiguousCapture(url: url, selector: "20160702", matches: times))
      {
        try queries.compareCaptures(of: url, from: "20160702", to: "latest")
      }
      // One match is that capture; a dashed date is a date (the capture in force at its end).
      let second = String(decoding: try queries.show(url, when: "20160702T10"), as: UTF8.self)
      #expect(second.contains("Version 2"))
      let day = String(decoding: try queries.show(url, when: "2016-07-02"), as: UTF8.self)
      #expect(day.contains("Version 3"))
    }
  }

  @Test(
    "relative dates select the capture in force then",
    arguments: [
      ("today", "3"), ("now", "3"), ("1 hour ago", "2"), ("an hour ago", "2"),
      ("2 hours ago", "1"), ("90 minutes ago", "2"), ("yesterday", nil), ("1 day ago", nil),
    ] as [(String, String?)])
  func relativeDates(_ example: (String, String?)) async throws {
    // 12:30 UTC on the day of the captures.
    let now = Date(timeIntervalSince1970: 1_467_462_600)
    try await withThreeCaptures(now: now) { queries in
      guard let expected = example.1 else {
        #expect(throws: RedlineError.self) { try queries.show(url, when: example.0) }
        return
      }
      let text = String(decoding: try queries.show(url, when: example.0), as: UTF8.self)
      #expect(text.contains("Version \(expected)"))
    }
  }

  @Test("log keeps a period and the N newest entries, oldest first")
  func logFilter() async throws {
    try await withThreeCaptures { queries in
      typealias Filter = ArchiveQueries.LogFilter
      let all = try queries.log(of: url).compactMap(\.capture)
      #expect(all.count == 3)
      func log(_ filter: Filter) throws -> [CaptureTime] {
        try queries.log(of: url, filter: filter).compactMap(\.capture)
      }
      #expect(try log(Filter(limit: 2)) == Array(all.suffix(2)))
      #expect(try log(Filter(limit: 10)) == all)
      #expect(try log(Filter(since: "20160702T100000Z")) == Array(all.suffix(2)))
      #expect(try log(Filter(until: "20160702T105959Z")) == Array(all.prefix(2)))
      #expect(
        try log(Filter(since: "20160702T100000Z", until: "20160702T105959Z")) == [all[1]])
      #expect(try log(Filter(until: "20160702T105959Z", limit: 1)) == [all[1]])
    }
  }

  @Test("diff URL1 URL2: the latest captures of two pages")
  func comparePages() async throws {
    let root = NSTemporaryDirectory() + "redline-pages-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let service = SnapshotService(fetcher: fetcher, store: FolderStore(root: root))
    let other = "https://blog.example/q.html"
    fetcher.set(url, html: post([first, "The page P says one thing at length, in a sentence."]))
    fetcher.set(other, html: post([first, "The page Q says another thing at length, at last."]))
    _ = await service.check(url)
    _ = await service.check(other)
    let queries = ArchiveQueries(store: FolderStore(root: root))
    let comparison = try queries.comparePages(url, other)
    let text = String(decoding: comparison.unifiedDiff, as: UTF8.self)
    #expect(!comparison.isIdentical)
    #expect(text.hasPrefix("--- \(url)\t"))
    #expect(text.contains("+++ \(other)\t"))
    #expect(text.contains("-The page P") && text.contains("+The page Q"))
    #expect(try queries.comparePages(url, url).isIdentical)
    #expect(throws: RedlineError.unknownPage(url: "http://blog.example/q.html/", nearest: other)) {
      try queries.comparePages(url, "http://blog.example/q.html/")
    }
  }

  @Test(
    "an unknown URL suggests the stored one most like it",
    arguments: [
      ("http://blog.example/2016/07/post.html", "https://blog.example/2016/07/post.html"),
      ("https://www.blog.example/2016/07/post.html", "https://blog.example/2016/07/post.html"),
      ("https://blog.example/2016/07/post.html/", "https://blog.example/2016/07/post.html"),
      ("https://BLOG.example/2016/07/post.html", "https://blog.example/2016/07/post.html"),
      ("https://blog.example/2016/07/psot.html", "https://blog.example/2016/07/post.html"),
      (
        "https://blog.example/2016/07/other-posts.html",
        "https://blog.example/2016/07/other-post.html"
      ),
      ("https://elsewhere.example/", nil),
    ] as [(String, String?)])
  func nearest(_ example: (String, String?)) {
    let stored = [
      "https://blog.example/2016/07/post.html", "https://blog.example/2016/07/other-post.html",
      "https://blog.example/",
    ]
    #expect(nearestURL(to: example.0, among: stored) == example.1)
  }

  @Test("a mistyped command or option name suggests the closest")
  func closestNames() {
    #expect(closestName(to: "--colour", among: ["--color", "--stat"]) == "--color")
    #expect(closestName(to: "lst", among: ["list", "log", "show"]) == "list")
    #expect(closestName(to: "--frobnicate", among: ["--color", "--stat"]) == nil)
  }
}
