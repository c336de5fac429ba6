import Foundation
import HTTPFetching
import Redline
import SnapshotStore
import Testing

/// `audit --since/--until` reads only the pages the store's activity index names: it must
/// report exactly what reading every page reports, for every period.
@Suite("Activity index")
struct ActivityIndexTests {
  let host = "https://blog.example/2016/07/"

  /// Six posts with different lives, checked hourly for twelve hours; the check times.
  private func makeStore(_ root: String) async throws -> [Date] {
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = SnapshotService(
      fetcher: fetcher, store: FolderStore(root: root), jobs: 1, now: clock.now)
    let urls = (0..<6).map { host + "post-\($0).html" }
    var times: [Date] = []
    for run in 0..<12 {
      // quiet: never changes. edited: edited at runs 3 and 8.
      fetcher.set(urls[0], html: post([first, second]))
      fetcher.set(
        urls[1],
        html: post([
          first,
          second + (run >= 3 ? " Edit one." : "")
            + (run >= 8 ? " Edit two." : ""),
        ]))
      // gone: 404 from run 4 to 6, then back unchanged.
      if (4...6).contains(run) {
        fetcher.set(urls[2], html: "<html><body>Not found</body></html>", status: 404)
      } else {
        fetcher.set(urls[2], html: post([first, second]))
      }
      // moved: redirected to the home page from run 2 to 5, back with an edit at run 6.
      if (2...5).contains(run) {
        fetcher.set(
          urls[3], html: post(["The home page lists many posts, each with a teaser."]),
          finalURL: "https://blog.example/")
      } else {
        fetcher.set(urls[3], html: post([first, second + (run >= 6 ? " Later." : "")]))
      }
      // not HTML once (run 5), then the same article: back.
      if run == 5 {
        fetcher.set(urls[4], html: "\u{89}PNG", type: "image/png")
      } else {
        fetcher.set(urls[4], html: post([first, second]))
      }
      // failing for good from run 9 (a network error).
      if run >= 9 {
        fetcher.fail(urls[5], with: .timedOut(url: urls[5], message: "timed out"))
      } else {
        fetcher.set(urls[5], html: post([first, second]))
      }
      times.append(clock.now())
      _ = await service.snapshot(urls)
      clock.advance(3600)
    }
    return times
  }

  @Test("every period audits alike with the index and page by page")
  func periods() async throws {
    let root = NSTemporaryDirectory() + "redline-activity-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let times = try await makeStore(root)
    let store = FolderStore(root: root)
    #expect(try store.storeFormat() == FolderStore.formatVersion)
    let index = try #require(try store.pagesWithActivity(since: nil, until: nil))
    // The quiet post is never indexed, nor is any quiet check.
    #expect(index.pages.count == 5)
    let indexLines = try String(contentsOfFile: root + "/.activity.log", encoding: .utf8)
    #expect(!indexLines.contains("post-0"))

    // Bounds at and a second after every check: open on either side, and closed periods of
    // two and five hours.
    let bounds = times.flatMap { date in
      [0.0, 1].map { CaptureTime(date.addingTimeInterval($0)) }
    }
    var periods: [(CaptureTime?, CaptureTime?)] =
      bounds.map { ($0, nil) } + bounds.map { (nil, $0) }
    for (index, date) in times.enumerated() where index % 2 == 1 {
      for hours in [2.0, 5] {
        periods.append(
          (
            CaptureTime(date),
            CaptureTime(date.addingTimeInterval(hours * 3600))
          ))
      }
    }
    func audits(_ store: FolderStore) throws -> [AuditReport] {
      let queries = ArchiveQueries(store: store)
      return try periods.map { since, until in
        try queries.audit(AuditOptions(since: since, until: until, generated: "20260101T000000Z"))
      }
    }
    let indexed = try audits(store)
    #expect(indexed.contains { !$0.pages.isEmpty })
    // The same store as an older Redline left it: no index, format 2.
    try FileManager.default.removeItem(atPath: root + "/.activity.log")
    try Data("{\"format\": 2}".utf8).write(to: URL(fileURLWithPath: root + "/.redline-store.json"))
    #expect(try store.pagesWithActivity(since: nil, until: nil) == nil)
    #expect(try audits(store) == indexed)
  }

  @Test("every period and format streams the bytes of the whole report, index or not")
  func streamedAudits() async throws {
    let root = NSTemporaryDirectory() + "redline-activity-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let times = try await makeStore(root)
    let store = FolderStore(root: root)
    let queries = ArchiveQueries(store: store)
    var options: [AuditOptions] = [
      AuditOptions(generated: "20260101T000000Z"),
      AuditOptions(host: "blog.example", generated: "20260101T000000Z"),
      AuditOptions(host: "other.example", generated: "20260101T000000Z"),
    ]
    for date in times {
      let time = CaptureTime(date)
      options.append(AuditOptions(since: time, generated: "20260101T000000Z"))
      options.append(AuditOptions(until: time, host: "blog.example", generated: time))
    }
    func check() throws {
      var formats: Set<AuditFormat> = []
      for option in options {
        let report = try queries.audit(option)
        for format in AuditFormat.allCases {
          var streamed: [UInt8] = []
          var writes = 0
          let unreadable = try queries.streamAudit(option, as: format) {
            streamed += $0
            writes += 1
          }
          #expect(streamed == renderAudit(report, as: format), "\(format) \(option)")
          #expect(unreadable == report.unreadablePages)
          if writes > 2 && !report.pages.isEmpty { formats.insert(format) }
        }
      }
      // JSON, text and Markdown were written in pieces.
      #expect(formats.isSuperset(of: [.json, .text, .markdown]))
    }
    try check()
    // The same store as an older Redline left it: every page listed.
    try FileManager.default.removeItem(atPath: root + "/.activity.log")
    try Data("{\"format\": 2}".utf8).write(to: URL(fileURLWithPath: root + "/.redline-store.json"))
    try check()
  }

  @Test("HTML and Atom reports are written in pieces, as the whole report's bytes")
  func streamedHTMLAndAtom() async throws {
    let root = NSTemporaryDirectory() + "redline-activity-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try await makeStore(root)
    let queries = ArchiveQueries(store: FolderStore(root: root))
    let option = AuditOptions(generated: "20260101T000000Z")
    let report = try queries.audit(option)
    #expect(report.pages.count > 1 && report.pages.contains { !$0.edits.isEmpty })
    for format in [AuditFormat.html, .atom] {
      var pieces: [[UInt8]] = []
      _ = try queries.streamAudit(option, as: format) { pieces.append($0) }
      #expect(pieces.joined().elementsEqual(renderAudit(report, as: format)), "\(format)")
      // A heading, the pages or entries, and an end.
      #expect(pieces.count >= 3, "\(format)")
    }
  }

  @Test("the first write to an older store builds its index, and the index names its pages")
  func migration() async throws {
    let root = NSTemporaryDirectory() + "redline-activity-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let times = try await makeStore(root)
    let built = try String(contentsOfFile: root + "/.activity.log", encoding: .utf8)
    try FileManager.default.removeItem(atPath: root + "/.activity.log")
    try Data("{\"format\": 2}".utf8).write(to: URL(fileURLWithPath: root + "/.redline-store.json"))
    let store = FolderStore(root: root)
    try store.prepareForWriting()
    #expect(try store.storeFormat() == FolderStore.formatVersion)
    // Built from the histories, the index holds the lines the writes appended (page by page
    // instead of in time order).
    let rebuilt = try String(contentsOfFile: root + "/.activity.log", encoding: .utf8)
    #expect(rebuilt.split(separator: "\n").sorted() == built.split(separator: "\n").sorted())
    let since = CaptureTime(times[8])
    let pages = try #require(try store.pagesWithActivity(since: since, until: nil)).pages
    #expect(
      pages.map { $0.url.replacingOccurrences(of: host, with: "") }.sorted() == [
        "post-1.html", "post-5.html",
      ])
    #expect(try store.verify().isClean)
  }

  @Test("an index line that names no page folder is refused, not followed")
  func hostileIndex() async throws {
    let root = NSTemporaryDirectory() + "redline-activity-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try await makeStore(root)
    let handle = try #require(FileHandle(forWritingAtPath: root + "/.activity.log"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("20300101T000000Z ../../etc changed\n".utf8))
    try handle.close()
    let listing = try #require(
      try FolderStore(root: root).pagesWithActivity(since: "20290101T000000Z", until: nil))
    #expect(!listing.pages.contains { $0.folder.contains("..") })
    #expect(listing.unreadable == [root + "/.activity.log: not a page folder: ../../etc"])
  }

  @Test("verify finds an index that misses checks, and rebuilding it makes the store clean")
  func damagedIndex() async throws {
    let root = NSTemporaryDirectory() + "redline-activity-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try await makeStore(root)
    let store = FolderStore(root: root)
    #expect(try store.verify().isClean)
    let file = root + "/.activity.log"
    let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
    try Data((lines.dropFirst(2).joined(separator: "\n") + "\n").utf8)
      .write(to: URL(fileURLWithPath: file))
    let report = try store.verify()
    #expect(!report.isClean)
    #expect(report.problems.map(\.path) == [file])
    #expect(report.problems.first?.detail.hasPrefix("misses 2 checks") == true)
    try store.rebuildActivityIndex()
    #expect(try store.verify().isClean)
  }
}
