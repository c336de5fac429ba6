import ArticleExtraction
import Foundation
import HTTPFetching
import LoopbackServer
import SnapshotStore
import Synchronization
import Testing

@testable import Redline

/// A post whose body links carry a new session id, signature and tracker on every load, served
/// on 127.0.0.1: `unchanged` on every check (issue #13: the links section records where a link
/// points, not the visit), while a link that points elsewhere is still an edit, labelled
/// "links changed". Captures stored before text format 4, whose links section holds such
/// tokens, compare with new ones without a false edit.
@Suite("per-visit tokens in a post's links are no edit")
struct LinkTokenEditsTests {
  static let paragraphs = [
    "The council met on Tuesday to discuss the bridge, the roads and the new library, and it sat until late.",
    "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
  ]

  /// Where the post's links point; the server adds the visit's tokens to each.
  struct Targets: Sendable {
    var minutes = "https://files.example/council/minutes.pdf"
    var agenda = "/agenda"
    var shop = "https://shop.example/book?tag=town-21"
  }

  /// The post's links as visit `visit` writes them (HTML-escaped): each target with that
  /// visit's signature, session id, cache buster and trackers.
  static func hrefs(_ targets: Targets, visit: Int) -> [String] {
    let stamp = 1_765_000_000_000 + visit
    let digits = String(visit * 7_919 + 1, radix: 16)
    let hex = String(repeating: "a", count: 32 - digits.count) + digits
    return [
      targets.minutes + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Date=20261207T\(visit)Z"
        + "&amp;X-Amz-Expires=900&amp;X-Amz-Signature=\(hex)",
      targets.agenda + ";jsessionid=\(hex.uppercased())?day=2&amp;_=\(stamp)",
      targets.shop + "&amp;utm_source=rss&amp;fbclid=IwAR\(hex)&amp;_ga=2.\(visit).1",
    ]
  }

  /// The post as served on visit `visit`.
  static func page(_ targets: Targets, visit: Int) -> String {
    let links = hrefs(targets, visit: visit)
    let (minutes, agenda, shop) = (links[0], links[1], links[2])
    let hex = String(repeating: "b", count: 28) + String(1000 + visit)
    return """
      <html><head><title>Bridge vote delayed</title></head><body>
      <div class="site"><nav><a href="/?sid=\(hex)">Home</a></nav>
      <article><h1>Bridge vote delayed</h1>
      <p>\(paragraphs[0]) The <a href="\(minutes)">minutes</a> and the
      <a href="\(agenda)">agenda</a> are online.</p>
      <p>\(paragraphs[1]) The engineers' <a href="\(shop)">book</a> explains why.</p>
      </article></div></body></html>
      """
  }

  /// A server of one post at `/post` that counts its visits, and a snapshot service on a fresh
  /// store.
  final class Site: Sendable {
    /// What the server serves: the targets, which a test edits, and the visits so far.
    final class State: Sendable {
      let targets = Mutex(Targets())
      let visits = Mutex(0)
    }

    let state = State()
    let served: ServedSite
    var clock: TestClock { served.clock }
    var store: FolderStore { served.store }
    var service: SnapshotService { served.service }

    init() throws {
      let state = state
      served = try ServedSite("link-tokens") { request in
        guard request.path == "/post" else { return .respond(status: 404, headers: [], body: []) }
        let visit = state.visits.withLock {
          $0 += 1
          return $0
        }
        return .text(
          LinkTokenEditsTests.page(state.targets.withLock { $0 }, visit: visit),
          contentType: "text/html; charset=UTF-8")
      }
    }

    var url: String { served.url("/post") }

    func check() async -> PageReport {
      clock.advance(3600)
      return await service.snapshot([url])[0]
    }

    /// The article text of visit `visit`, as today's extractor reads it.
    func article(visit: Int) throws -> ReadArticle {
      try readArticle(
        Array(LinkTokenEditsTests.page(state.targets.withLock { $0 }, visit: visit).utf8))
    }
  }

  @Test("new tokens on every load: unchanged; a link that points elsewhere: links changed")
  func tokensAreNoEdit() async throws {
    let site = try Site()
    // Two loads differ in every link as written, and not in the links section.
    let one = try site.article(visit: 101)
    let two = try site.article(visit: 102)
    #expect(one.text == two.text)
    #expect(
      one.article.links == [
        "https://files.example/council/minutes.pdf", "/agenda?day=2",
        "https://shop.example/book?tag=town-21",
      ])
    #expect(await site.check().outcome == .new)
    for round in 1...4 {
      let report = await site.check()
      #expect(report.outcome == .unchanged, "round \(round): \(report.line)")
    }
    #expect(site.state.visits.withLock { $0 } >= 5)
    let page = try #require(try site.store.page(for: site.url))
    #expect(try site.store.captures(of: page).count == 1)

    // Another object behind the signed link: an edit, with new tokens as ever.
    site.state.targets.withLock { $0.minutes = "https://files.example/council/minutes-amended.pdf" }
    let moved = await site.check()
    #expect(moved.outcome == .changed(added: 1, removed: 1), "\(moved.line)")
    #expect(moved.labels == [.links])
    #expect(moved.labels.map(\.name) == ["links changed"])
    let diff = String(decoding: moved.diff, as: UTF8.self)
    #expect(diff.contains("-https://files.example/council/minutes.pdf\n"), "\(diff)")
    #expect(diff.contains("+https://files.example/council/minutes-amended.pdf\n"), "\(diff)")
    #expect(await site.check().outcome == .unchanged)

    // Another affiliate tag is an edit too.
    site.state.targets.withLock { $0.shop = "https://shop.example/book?tag=other-20" }
    let retagged = await site.check()
    #expect(retagged.outcome == .changed(added: 1, removed: 1), "\(retagged.line)")
    #expect(retagged.labels == [.links])
    #expect(await site.check().outcome == .unchanged)

    // The audit shows the two edits and nothing else.
    let audit = try ArchiveQueries(store: site.store).audit(
      AuditOptions(generated: "20260101T000000Z"))
    let edits = audit.pages.flatMap(\.edits)
    #expect(edits.count == 2)
    #expect(edits.allSatisfy { $0.labels == [.links] })
  }

  /// Stores a capture of visit `visit` as a release before text format 4 would have: its links
  /// section holding the targets as written, tokens and all, in text format `format`.
  private func saveOldCapture(
    _ site: Site, visit: Int, format: Int, rawKept: Bool
  ) throws -> String {
    let html = Self.page(site.state.targets.withLock { $0 }, visit: visit)
    let read = try readArticle(Array(html.utf8), url: site.url)
    let hrefs = Self.hrefs(site.state.targets.withLock { $0 }, visit: visit).map {
      $0.replacingOccurrences(of: "&amp;", with: "&")
    }
    var sections = ArticleText.Sections(ArticleText.inFormat(format, read.text))
    sections.links = hrefs
    let text = sections.text()
    let time = CaptureTime(site.clock.now())
    try site.store.withPage(for: site.url) { record in
      let metadata = CaptureMetadata(
        time: time, requestedURL: site.url, finalURL: site.url, status: 200,
        headers: [StoredHeader(name: "Content-Type", value: "text/html")], redirects: [],
        fetchSeconds: 0.1, bodySHA256: sha256Hex(Array(html.utf8)), bodyBytes: html.utf8.count,
        textSHA256: sha256Hex(Array(text.utf8)), rawKept: rawKept,
        title: read.article.title, extractionMethod: read.method, redlineVersion: "0.9",
        articleFormat: format)
      try site.store.save(
        NewCapture(metadata: metadata, rawBody: Array(html.utf8), articleText: text),
        recording: HistoryEntry(time: time, outcome: .new, status: 200, capture: time),
        in: record)
    }
    return text
  }

  @Test(
    "a capture of format 2 or 3 with tokens in its links: no false edit against a new one",
    arguments: [(3, false), (3, true), (2, false), (2, true)])
  func oldFormatCapture(format: Int, rawKept: Bool) async throws {
    let site = try Site()
    let stored = try saveOldCapture(site, visit: 900, format: format, rawKept: rawKept)
    #expect(stored.contains("X-Amz-Signature="), "\(stored)")
    #expect(stored.contains(";jsessionid="), "\(stored)")
    // Another capture of the old format, with other tokens: no edit between the two either.
    site.clock.advance(3600)
    _ = try saveOldCapture(site, visit: 901, format: format, rawKept: rawKept)
    let queries = ArchiveQueries(store: site.store)
    let comparison = try queries.compareCaptures(of: site.url, from: "first", to: "latest")
    #expect(comparison.isIdentical, "\(String(decoding: comparison.output, as: UTF8.self))")

    // Today's snapshot, with a new visit's tokens: unchanged against the old captures.
    let report = await site.check()
    #expect(report.outcome == .unchanged, "\(report.line)")
    let audit = try queries.audit(AuditOptions(generated: "20260101T000000Z"))
    #expect(audit.pages.flatMap(\.edits).isEmpty)

    // A link that points elsewhere is still an edit against the old capture.
    site.state.targets.withLock { $0.agenda = "/agenda-revised" }
    let moved = await site.check()
    #expect(moved.outcome == .changed(added: 1, removed: 1), "\(moved.line)")
    #expect(moved.labels == [.links])
  }
}
