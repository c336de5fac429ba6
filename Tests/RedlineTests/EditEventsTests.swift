import ArticleExtraction
import Foundation
import Redline
import SnapshotStore
import Testing

/// Posts whose only change is a link target, old captures beside new ones, moves, returns and
/// feeds: what is an edit and what is an event.
@Suite("Edits and events")
struct EditEventsTests {
  let url = "https://blog.example/2016/07/a-post.html"

  private func page(links: [String], sentence: String = "") -> String {
    let anchors = links.enumerated().map { index, link in
      "<a href=\"\(link)\">source \(index + 1)</a>"
    }.joined(separator: ", ")
    return post([first + " See " + anchors + "." + sentence, second])
  }

  @Test("a link that points elsewhere under the same words is an edit, labelled links changed")
  func linkTarget() async throws {
    try await withStubService("events") { service, fetcher, clock, store in
      fetcher.set(url, html: page(links: ["https://a.example/report", "#footnote-1"]))
      #expect(await service.check(url).outcome == .new)
      let record = try #require(try store.page(for: url))
      let text = try store.articleText(
        of: record, capture: try #require(try store.latestCapture(of: record)?.time))
      // In-page anchors point nowhere a reader goes: only the real target is recorded.
      #expect(text.hasSuffix("\n\nLinks:\nhttps://a.example/report\n"))

      clock.advance(3600)
      fetcher.set(url, html: page(links: ["https://b.example/other-report", "#footnote-1"]))
      let changed = await service.check(url)
      #expect(changed.outcome == .changed(added: 1, removed: 1))
      #expect(changed.labels == [.links])
      #expect(changed.stealth)
      let diff = String(decoding: changed.diff, as: UTF8.self)
      #expect(diff.contains("\n-https://a.example/report\n+https://b.example/other-report\n"))
    }
  }

  @Test("a capture made before links were recorded is compared on the common form")
  func oldFormat() async throws {
    try await withStubService("events") { service, fetcher, clock, store in
      let html = page(links: ["https://a.example/report"])
      fetcher.set(url, html: html)
      // An old capture: the text without its links section, no format in its metadata.
      let read = try readArticle(Array(html.utf8), url: url)
      let time = CaptureTime(clock.now())
      try store.withPage(for: url) { record in
        let metadata = CaptureMetadata(
          time: time, requestedURL: url, finalURL: url, status: 200,
          headers: [StoredHeader(name: "Content-Type", value: "text/html")], redirects: [],
          fetchSeconds: 0.1, bodySHA256: sha256Hex(Array(html.utf8)), bodyBytes: html.utf8.count,
          textSHA256: sha256Hex(Array(read.text.utf8)), rawKept: true,
          title: read.article.title, extractionMethod: read.method, redlineVersion: "0.9")
        let oldText = ArticleText.withoutLinks(read.text)
        #expect(oldText != read.text)
        try store.save(
          NewCapture(metadata: metadata, rawBody: Array(html.utf8), articleText: oldText),
          recording: HistoryEntry(time: time, outcome: .new, status: 200, capture: time),
          in: record)
      }
      clock.advance(3600)
      #expect(await service.check(url).outcome == .unchanged)
      // Its raw HTML still tells where its links pointed: a new target is an edit.
      clock.advance(3600)
      fetcher.set(url, html: page(links: ["https://b.example/report"]))
      let changed = await service.check(url)
      #expect(changed.outcome == .changed(added: 1, removed: 1))
      #expect(changed.labels == [.links])
    }
  }

  @Test("a post that redirects elsewhere has moved: no version stored; its return is diffed")
  func moved() async throws {
    try await withStubService("events") { service, fetcher, clock, store in
      fetcher.set(url, html: post([first, second]))
      #expect(await service.check(url).outcome == .new)
      let home = "https://blog.example/"
      for _ in 0..<3 {
        clock.advance(3600)
        fetcher.set(
          url, html: post(["The home page lists many posts, each with a teaser of its own."]),
          finalURL: home)
        let moved = await service.check(url)
        #expect(moved.outcome == .moved(to: home))
        #expect(moved.line == "moved \(url) -> \(home)")
      }
      let record = try #require(try store.page(for: url))
      #expect(try store.captures(of: record).count == 1)
      let history = try store.history(of: record)
      #expect(history.map(\.outcome) == [.new, .moved, .moved, .moved])
      #expect(history.last?.finalURL == home)

      // Back at its own URL with an edit: compared with its last own version.
      clock.advance(3600)
      fetcher.set(url, html: post([first, second + " A new sentence."]))
      let back = await service.snapshot([url])
      #expect(back.first?.outcome == .changed(added: 1, removed: 1))
      #expect(back.first?.recovered == true)
      let diff = String(decoding: back.first?.diff ?? [], as: UTF8.self)
      #expect(diff.contains("-" + second + "\n+" + second + " A new sentence.\n"))
    }
  }

  @Test("a stand-in served with status 200, then the post again: back, not an edit")
  func softError() async throws {
    try await withStubService("events") { service, fetcher, clock, store in
      fetcher.set(url, html: post([first, second]))
      #expect(await service.check(url).outcome == .new)
      clock.advance(3600)
      fetcher.set(
        url,
        html: """
          <html><head><title>Under maintenance</title></head><body><div class="post-body">
          The blog is moving to a new server this week; please come back again later.</div>
          </body></html>
          """)
      let standIn = await service.check(url)
      guard case .changed = standIn.outcome else {
        Issue.record("the error page was \(standIn.outcome)")
        return
      }
      clock.advance(3600)
      fetcher.set(url, html: post([first, second], sidebar: "Popular: another post"))
      #expect(await service.check(url).outcome == .back)
      clock.advance(3600)
      #expect(await service.check(url).outcome == .unchanged)
      let record = try #require(try store.page(for: url))
      #expect(try store.captures(of: record).count == 2)
      // The audit does not take the stand-in for a version of the post.
      let report = try ArchiveQueries(store: store).audit(
        AuditOptions(generated: "20260101T000000Z"))
      #expect(report.pages.isEmpty)
      // A real edit after it is diffed against the post, not the error page.
      clock.advance(3600)
      fetcher.set(url, html: post([first, second + " More."]))
      #expect(await service.check(url).outcome == .changed(added: 1, removed: 1))
    }
  }
}

@Suite("FeedMemory")
struct FeedMemoryTests {
  let feed = "https://blog.example/feed/"
  let start = Date(timeIntervalSince1970: 1_467_453_180)

  @Test("a post that leaves its feed is still checked for the retention time, then forgotten")
  func retention() {
    var memory = FeedMemory()
    let day = 86_400.0
    #expect(
      memory.postsToCheck(feed: feed, listed: ["a", "b"], now: start, retention: 30 * day) == [
        "a", "b",
      ])
    let later = start.addingTimeInterval(10 * day)
    #expect(
      memory.postsToCheck(feed: feed, listed: ["c", "a"], now: later, retention: 30 * day) == [
        "c", "a", "b",
      ])
    // The feed could not be read: every remembered post is still checked, none forgotten.
    let failed = start.addingTimeInterval(20 * day)
    #expect(
      Set(memory.postsToCheck(feed: feed, listed: nil, now: failed, retention: 30 * day)) == [
        "a", "b", "c",
      ])
    let past = start.addingTimeInterval(35 * day)
    #expect(
      memory.postsToCheck(feed: feed, listed: ["c"], now: past, retention: 30 * day) == ["c", "a"])
    #expect(memory.posts[feed]?.keys.sorted() == ["a", "c"])
    #expect(memory.postsToCheck(feed: feed, listed: ["c"], now: past, retention: 0) == ["c"])
  }
}

@Suite("Feed limits")
struct FeedLimitTests {
  @Test("a feed that lists more posts than the limit is cut, and says how many it listed")
  func cut() async throws {
    let fetcher = StubFetcher()
    let entries = (0..<5_000).map { "<url><loc>https://blog.example/p\($0).html</loc></url>" }
    fetcher.set(
      "https://blog.example/sitemap.xml",
      html: "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + entries.joined() + "</urlset>",
      type: "application/xml")
    let posts = try await FeedExpansion(fetcher: fetcher, postLimit: 100)
      .posts("https://blog.example/sitemap.xml")
    #expect(posts.urls.count == 100)
    #expect(posts.urls.first == "https://blog.example/p0.html")
    #expect(posts.listed == 5_000)
    #expect(posts.isCut)
    let all = try await FeedExpansion(fetcher: fetcher, postLimit: 10_000)
      .posts("https://blog.example/sitemap.xml")
    #expect(all.urls.count == 5_000)
    #expect(!all.isCut)
  }
}

@Suite("FeedReading")
struct FeedReadingTests {
  @Test("a feed that fails is reported once, still has its posts checked, and recovers")
  func failAndRecover() async throws {
    let root = NSTemporaryDirectory() + "redline-feeds-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let store = FolderStore(root: root)
    try store.prepareForWriting()
    let fetcher = StubFetcher()
    let feed = "https://blog.example/feed/"
    fetcher.set(
      feed,
      html: "<rss version=\"2.0\"><channel><item><link>https://blog.example/a.html</link></item>"
        + "</channel></rss>", type: "application/rss+xml")
    let clock = TestClock()
    let reading = FeedReading(
      store: store, expansion: FeedExpansion(fetcher: fetcher), retention: 86_400,
      now: clock.now)
    let first = await reading.read([feed])
    #expect(first.posts == ["https://blog.example/a.html"])
    #expect(first.events.isEmpty)

    fetcher.fail(feed, with: .timedOut(url: feed, message: "slow"))
    let failing = await reading.read([feed])
    #expect(failing.posts == ["https://blog.example/a.html"])
    #expect(failing.events.count == 1)
    guard case .failed(_, _, let stillFailing) = failing.events.first else {
      Issue.record("expected a failure, got \(failing.events)")
      return
    }
    #expect(!stillFailing)
    let again = await reading.read([feed])
    #expect(
      again.events.first.map { if case .failed(_, _, true) = $0 { true } else { false } } == true)
    #expect(try store.feedFailures()[feed] != nil)

    fetcher.set(
      feed, html: "<rss version=\"2.0\"><channel></channel></rss>", type: "application/rss+xml")
    let recovered = await reading.read([feed])
    #expect(recovered.events == [.recovered(url: feed)])
    #expect(recovered.posts == ["https://blog.example/a.html"])
    #expect(try store.feedFailures().isEmpty)
  }
}
