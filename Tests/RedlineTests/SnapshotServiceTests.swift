import Foundation
import HTTPFetching
import Redline
import SnapshotStore
import Synchronization
import Testing

/// A `Fetching` stub: answers from a table that a test can change between runs.
final class StubFetcher: Fetching {
  private let answers = Mutex<[String: Result<Response, FetchError>]>([:])

  func set(
    _ url: String, html: String, status: Int = 200, type: String = "text/html; charset=utf-8",
    finalURL: String? = nil
  ) {
    let response = Response(
      requestedURL: url, finalURL: finalURL ?? url, status: status,
      headers: [HTTPHeader(name: "Content-Type", value: type)], body: Array(html.utf8))
    answers.withLock { $0[url] = .success(response) }
  }

  func fail(_ url: String, with error: FetchError) {
    answers.withLock { $0[url] = .failure(error) }
  }

  func fetch(_ url: String) async throws -> Response {
    guard let answer = answers.withLock({ $0[url] }) else {
      throw FetchError.hostNotFound(url: url, host: "stub")
    }
    return try answer.get()
  }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
  private let current = Mutex(Date(timeIntervalSince1970: 1_467_453_180))
  func now() -> Date { current.withLock { $0 } }
  func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// Runs `body` with a snapshot service over a stub fetcher, a test clock and a folder store in
/// a fresh temporary folder named after `name`, removed afterwards.
func withStubService(
  _ name: String,
  _ body: (SnapshotService, StubFetcher, TestClock, FolderStore) async throws -> Void
) async throws {
  let root = NSTemporaryDirectory() + "redline-\(name)-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: root) }
  let fetcher = StubFetcher()
  let clock = TestClock()
  let store = FolderStore(root: root)
  let service = SnapshotService(fetcher: fetcher, store: store, jobs: 1, now: clock.now)
  try await body(service, fetcher, clock, store)
}

func post(_ paragraphs: [String], sidebar: String = "Popular: other post") -> String {
  """
  <html><head><title>Blog: A post</title></head><body>
  <div class="sidebar">\(sidebar)</div>
  <div class="post-body entry-content">\(paragraphs.joined(separator: "<br /><br />"))</div>
  <div class="post-footer"><a class="comment-link">No comments:</a></div></body></html>
  """
}

let first = "The first paragraph of the post is long enough to be taken as an article body."
let second = "The second paragraph says something else, and it says it at some length too."

@Suite("SnapshotService")
struct SnapshotServiceTests {
  let url = "https://blog.example/2016/07/a-post.html"

  func makeService(_ root: String, _ fetcher: StubFetcher, _ clock: TestClock) -> SnapshotService {
    SnapshotService(fetcher: fetcher, store: FolderStore(root: root), jobs: 2, now: clock.now)
  }

  @Test("new, unchanged, changed: captures only when the article changes")
  func lifecycle() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = makeService(root, fetcher, clock)

    fetcher.set(url, html: post([first, second]))
    #expect(await service.check(url).outcome == .new)

    clock.advance(3600)
    fetcher.set(url, html: post([first, second], sidebar: "Popular: a different post, 1 comment"))
    #expect(await service.check(url).outcome == .unchanged)

    clock.advance(3600)
    fetcher.set(url, html: post([first, second + " An added sentence."]))
    let changed = await service.check(url)
    #expect(changed.outcome == .changed(added: 1, removed: 1))
    let diff = String(decoding: changed.diff, as: UTF8.self)
    #expect(diff.contains("\n-" + second + "\n+" + second + " An added sentence.\n"))
    #expect(
      diff.hasPrefix(
        "--- \(url)\t2016-07-02 09:53:00.000000000 +0000\n+++ \(url)\t2016-07-02 11:53:00"))

    let store = FolderStore(root: root)
    let page = try #require(try store.page(for: url))
    #expect(try store.captures(of: page).map(\.time) == ["20160702T095300Z", "20160702T115300Z"])
    #expect(try store.history(of: page).map(\.outcome) == [.new, .unchanged, .changed])
  }

  @Test("an older release read the page otherwise: no edit, and a later edit diffs alone")
  func upgradedExtractorIsNotAnEdit() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = makeService(root, fetcher, clock)
    fetcher.set(url, html: post([first, second]))
    #expect(await service.check(url).outcome == .new)
    // The capture's text as an older extractor wrote it from the same HTML: the sidebar taken
    // in with the post. The raw HTML kept with the capture is the page as it was served.
    let store = FolderStore(root: root)
    let page = try #require(try store.page(for: url))
    let textFile = store.path(of: page) + "/20160702T095300Z.txt"
    let today = try String(contentsOfFile: textFile, encoding: .utf8)
    try (today + "Popular: other post\n").write(toFile: textFile, atomically: true, encoding: .utf8)

    clock.advance(3600)
    #expect(await service.check(url).outcome == .unchanged)
    #expect(try store.captures(of: page).count == 1)

    clock.advance(3600)
    fetcher.set(url, html: post([first, second + " An added sentence."]))
    let changed = await service.check(url)
    #expect(changed.outcome == .changed(added: 1, removed: 1))
    let diff = String(decoding: changed.diff, as: UTF8.self)
    #expect(diff.contains("\n-" + second + "\n+" + second + " An added sentence.\n"))
    #expect(!diff.contains("Popular"))
  }

  @Test("after an upgrade, the capture is read again once; later checks answer from the history")
  func upgradedExtractorReadsTheCaptureOnce() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    let scratch = root + "-today"
    defer {
      try? FileManager.default.removeItem(atPath: root)
      try? FileManager.default.removeItem(atPath: scratch)
    }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let html = post([first, second])
    fetcher.set(url, html: html)
    // Today's reading of the page, from a store of its own.
    #expect(await makeService(scratch, fetcher, clock).check(url).outcome == .new)
    let todayStore = FolderStore(root: scratch)
    let todayPage = try #require(try todayStore.page(for: url))
    let capture = try #require(try todayStore.captures(of: todayPage).first)
    let today = try todayStore.articleText(of: todayPage, capture: capture.time)
    // The store an older release wrote: the same HTML, read with the sidebar taken in.
    let older = today + "Popular: other post\n"
    let store = FolderStore(root: root)
    let page = try store.withPage(for: url) { page in
      let body = Array(html.utf8)
      let old = capture.metadata
      let metadata = CaptureMetadata(
        time: old.time, requestedURL: old.requestedURL, finalURL: old.finalURL, status: 200,
        headers: old.headers, redirects: [], fetchSeconds: 0.1, bodySHA256: sha256Hex(body),
        bodyBytes: body.count, textSHA256: sha256Hex(Array(older.utf8)), rawKept: true,
        title: old.title, extractionMethod: old.extractionMethod, redlineVersion: "older")
      try store.save(
        NewCapture(metadata: metadata, rawBody: body, articleText: older),
        recording: HistoryEntry(
          time: old.time, outcome: .new, status: 200, capture: old.time,
          bodySHA256: metadata.bodySHA256, textSHA256: metadata.textSHA256, title: old.title),
        in: page)
      return page
    }
    let service = makeService(root, fetcher, clock)
    clock.advance(3600)
    #expect(await service.check(url).outcome == .unchanged)
    let read = try #require(try store.history(of: page).last)
    #expect(read.readSHA256 == sha256Hex(Array(today.utf8)))
    #expect(read.textSHA256 == sha256Hex(Array(older.utf8)))
    // Without its raw HTML the capture cannot be read again: the next checks are unchanged
    // only because the history says what the last check read.
    let raw = store.path(of: page) + "/" + capture.time.description + ".html"
    let kept = try Data(contentsOf: URL(fileURLWithPath: raw))
    try FileManager.default.removeItem(atPath: raw)
    for _ in 0..<2 {
      clock.advance(3600)
      #expect(await service.check(url).outcome == .unchanged)
      #expect(try store.history(of: page).last?.readSHA256 == read.readSHA256)
    }
    try kept.write(to: URL(fileURLWithPath: raw))
    #expect(try store.verify().problems == [])
    #expect(try store.captures(of: page).count == 1)
    // A real edit later is still one.
    clock.advance(3600)
    fetcher.set(url, html: post([first, second + " An added sentence."]))
    #expect(await service.check(url).outcome == .changed(added: 1, removed: 1))
  }

  /// Two captures of the post, the second after a real edit, whose first capture's stored text
  /// is what an older release read from the same HTML: the sidebar taken in with the post.
  func capturesAcrossReleases(_ root: String) async throws -> (FolderStore, PageRecord) {
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = makeService(root, fetcher, clock)
    fetcher.set(url, html: post([first, second]))
    #expect(await service.check(url).outcome == .new)
    clock.advance(3600)
    fetcher.set(url, html: post([first, second + " An added sentence."]))
    #expect(await service.check(url).outcome == .changed(added: 1, removed: 1))
    let store = FolderStore(root: root)
    let page = try #require(try store.page(for: url))
    let textFile = store.path(of: page) + "/20160702T095300Z.txt"
    let today = try String(contentsOfFile: textFile, encoding: .utf8)
    try (today + "Popular: other post\n").write(
      toFile: textFile, atomically: true, encoding: .utf8)
    return (store, page)
  }

  @Test("diff and audit of captures made by two releases show the edit, not the extractor")
  func editAcrossReleases() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (store, _) = try await capturesAcrossReleases(root)
    let queries = ArchiveQueries(store: store)

    let diff = String(decoding: try queries.compareCaptures(of: url).output, as: UTF8.self)
    #expect(diff.contains("\n-" + second + "\n+" + second + " An added sentence.\n"))
    #expect(!diff.contains("Popular"))
    let stored = String(
      decoding: try queries.compareCaptures(of: url, asStored: true).output, as: UTF8.self)
    #expect(stored.contains("\n-Popular: other post\n"))

    let edits = try queries.audit(AuditOptions(generated: "20161124T000000Z")).pages
      .flatMap(\.edits)
    #expect(edits.count == 1)
    #expect(edits.first.map { ($0.linesAdded, $0.linesRemoved) } ?? (0, 0) == (1, 1))
    #expect(edits.first?.diff.contains("Popular") == false)
    var asStored = AuditOptions(generated: "20161124T000000Z")
    asStored.asStored = true
    let storedEdits = try queries.audit(asStored).pages.flatMap(\.edits)
    #expect(storedEdits.first?.diff.contains("-Popular: other post") == true)
  }

  @Test("two captures that differ only in how two releases read one page are no edit")
  func upgradeAloneIsNoEdit() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (store, page) = try await capturesAcrossReleases(root)
    // The second capture as an older Redline made it on an upgrade: the same HTML as the
    // first, read without the sidebar by the newer release.
    let folder = store.path(of: page)
    try FileManager.default.removeItem(atPath: folder + "/20160702T105300Z.html")
    try FileManager.default.copyItem(
      atPath: folder + "/20160702T095300Z.html", toPath: folder + "/20160702T105300Z.html")
    let today = try String(contentsOfFile: folder + "/20160702T095300Z.txt", encoding: .utf8)
    try String(today.dropLast("Popular: other post\n".count)).write(
      toFile: folder + "/20160702T105300Z.txt", atomically: true, encoding: .utf8)
    let queries = ArchiveQueries(store: store)

    #expect(try queries.compareCaptures(of: url).isIdentical)
    #expect(try !queries.compareCaptures(of: url, asStored: true).isIdentical)
    #expect(try queries.audit(AuditOptions(generated: "20161124T000000Z")).pages.isEmpty)
    let period = AuditOptions(since: "20160702T100000Z", generated: "20161124T000000Z")
    #expect(try queries.audit(period).pages.isEmpty)
  }

  @Test("diff of two pages read otherwise by two releases compares them as read today")
  func twoPagesAcrossReleases() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let service = makeService(root, fetcher, TestClock())
    let copy = "https://mirror.example/2016/07/a-post.html"
    fetcher.set(url, html: post([first, second]))
    fetcher.set(copy, html: post([first, second]))
    _ = await service.check(url)
    _ = await service.check(copy)
    let store = FolderStore(root: root)
    let page = try #require(try store.page(for: url))
    let textFile = store.path(of: page) + "/20160702T095300Z.txt"
    let today = try String(contentsOfFile: textFile, encoding: .utf8)
    try (today + "Popular: other post\n").write(
      toFile: textFile, atomically: true, encoding: .utf8)
    let queries = ArchiveQueries(store: store)
    let diff = try queries.comparePages(url, copy)
    // The URL line differs; the sidebar an older release took in does not show.
    #expect(!String(decoding: diff.output, as: UTF8.self).contains("Popular"))
    let stored = try queries.comparePages(url, copy, asStored: true)
    #expect(String(decoding: stored.output, as: UTF8.self).contains("-Popular: other post"))
  }

  @Test("a failed fetch adds one history line and leaves the captures alone")
  func failureKeepsCaptures() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = makeService(root, fetcher, clock)
    fetcher.set(url, html: post([first, second]))
    _ = await service.check(url)
    let store = FolderStore(root: root)
    let page = try #require(try store.page(for: url))
    let before = try FileManager.default.contentsOfDirectory(atPath: store.path(of: page)).sorted()
    let textBefore = try store.articleText(of: page, capture: "20160702T095300Z")

    let failures: [(String, CheckFailure.Kind, Int?, (StubFetcher) -> Void)] = [
      ("HTTP 404", .answer, 404, { $0.set(url, html: "<p>gone</p>", status: 404) }),
      (
        "not an HTML page", .answer, 200,
        { $0.set(url, html: "\u{89}PNG\r\n\u{1A}\n\0\0\0\rIHDR") }
      ),
      ("timed out", .fetch, nil, { $0.fail(url, with: .timedOut(url: url, message: "timed out")) }),
      (
        "no article found", .extraction, 200,
        { $0.set(url, html: "<html><body><script>x()</script></body></html>") }
      ),
    ]
    for (expected, kind, status, setUp) in failures {
      clock.advance(60)
      setUp(fetcher)
      let report = await service.check(url)
      guard case .failed(let failure) = report.outcome else {
        Issue.record("expected a failure for \(expected), got \(report.outcome)")
        continue
      }
      let reason = failure.message
      #expect(reason.contains(expected))
      #expect(!reason.contains("\n"))
      // Typed where it happened: the kind and the status are not read back from the text.
      #expect(failure.kind == kind, "\(expected)")
      #expect(failure.status == status, "\(expected)")
    }
    let after = try FileManager.default.contentsOfDirectory(atPath: store.path(of: page)).sorted()
    #expect(after == before)
    #expect(try store.articleText(of: page, capture: "20160702T095300Z") == textBefore)
    #expect(
      try store.history(of: page).map(\.outcome) == [.new, .failed, .failed, .failed, .failed])
    #expect(try store.captures(of: page).count == 1)
  }

  @Test("an HTML page with NUL bytes in its text is a page, not binary data")
  func nulBytesInsideHTML() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let service = makeService(root, fetcher, TestClock())
    fetcher.set(url, html: post([first + "\0", "\0" + second]))
    let report = await service.check(url)
    #expect(report.outcome == .new)
    let store = FolderStore(root: root)
    let page = try #require(try store.page(for: url))
    let capture = try #require(try store.captures(of: page).first)
    let text = try store.articleText(of: page, capture: capture.time)
    #expect(text.contains(first) && text.contains(second))
    #expect(!text.unicodeScalars.contains { $0.value == 0 })
  }

  @Test("many pages: every one is reported, in the order given")
  func manyPages() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let urls = (0..<20).map { "https://blog.example/post-\($0).html" }
    for (index, url) in urls.enumerated() where index != 7 {
      fetcher.set(url, html: post(["\(first) Number \(index).", second]))
    }
    let reports = await makeService(root, fetcher, TestClock()).snapshot(urls)
    #expect(reports.map(\.url) == urls)
    #expect(reports.filter(\.failed).map(\.url) == [urls[7]])
    #expect(try FolderStore(root: root).pages().count == 20)
  }

  @Test("two checks within one second get distinct capture times")
  func sameSecond() async throws {
    let root = NSTemporaryDirectory() + "redline-service-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let service = makeService(root, fetcher, clock)
    fetcher.set(url, html: post([first]))
    _ = await service.check(url)
    fetcher.set(url, html: post([second]))
    let report = await service.check(url)
    #expect(report.capture == "20160702T095301Z")
  }
}
