import ArticleExtraction
import Foundation
import Redline
import SnapshotStore
import Testing

/// Captions and photo credits the body leaves out are part of the record (the captions section
/// of text format 3): a corrected caption is an edit, labelled "caption changed", and a capture
/// of format 2 compares with one of format 3 on their common form, never differing by the
/// section alone.
@Suite("Caption edits")
struct CaptionEditsTests {
  let url = "https://blog.example/2016/07/a-post.html"

  /// A WordPress post with a classic caption under its picture, and a sidebar.
  private func page(caption: String, sidebar: String = "Popular: other post") -> String {
    """
    <html><head><title>Blog: A post</title></head><body>
    <div class="sidebar">\(sidebar)</div>
    <article><div class="entry-content"><p>\(first)</p>
    <div class="wp-caption aligncenter"><img src="mayor.jpg" alt="">
    <p class="wp-caption-text">\(caption)</p></div>
    <p>\(second)</p></div></article></body></html>
    """
  }

  private let caption = "Mayor Jane Doe opens the bridge on Monday."
  private let corrected = "Deputy mayor Ann Lee opens the bridge on Monday."

  /// Stores a capture of `html` as an older release would have: its text in `format`, with or
  /// without its raw HTML.
  private func saveOldCapture(
    _ html: String, format: Int, rawKept: Bool, at time: CaptureTime, in store: FolderStore
  ) throws {
    let read = try readArticle(Array(html.utf8), url: url)
    let text = ArticleText.inFormat(format, read.text)
    try store.withPage(for: url) { record in
      let metadata = CaptureMetadata(
        time: time, requestedURL: url, finalURL: url, status: 200,
        headers: [StoredHeader(name: "Content-Type", value: "text/html")], redirects: [],
        fetchSeconds: 0.1, bodySHA256: sha256Hex(Array(html.utf8)), bodyBytes: html.utf8.count,
        textSHA256: sha256Hex(Array(text.utf8)), rawKept: rawKept,
        title: read.article.title, extractionMethod: read.method, redlineVersion: "0.9",
        articleFormat: format)
      try store.save(
        NewCapture(metadata: metadata, rawBody: Array(html.utf8), articleText: text),
        recording: HistoryEntry(time: time, outcome: .new, status: 200, capture: time),
        in: record)
    }
  }

  @Test("a corrected caption is an edit, labelled caption changed, in snapshot and audit")
  func captionEdit() async throws {
    try await withStubService("captions") { service, fetcher, clock, store in
      fetcher.set(url, html: page(caption: caption))
      #expect(await service.check(url).outcome == .new)
      let record = try #require(try store.page(for: url))
      let text = try store.articleText(
        of: record, capture: try #require(try store.latestCapture(of: record)?.time))
      #expect(text.hasSuffix("\(second)\n\nCaptions:\n\(caption)\n"))

      clock.advance(3600)
      fetcher.set(url, html: page(caption: caption, sidebar: "Popular: a new post, 3 comments"))
      #expect(await service.check(url).outcome == .unchanged)

      clock.advance(3600)
      fetcher.set(url, html: page(caption: corrected))
      let changed = await service.check(url)
      #expect(changed.outcome == .changed(added: 1, removed: 1))
      #expect(changed.labels == [.caption])
      #expect(changed.stealth)
      let diff = String(decoding: changed.diff, as: UTF8.self)
      #expect(diff.contains(" Captions:\n-\(caption)\n+\(corrected)\n"))

      let audit = try ArchiveQueries(store: store).audit(
        AuditOptions(generated: "20260101T000000Z"))
      let edit = try #require(audit.pages.first?.edits.first)
      #expect(audit.pages.first?.edits.count == 1)
      #expect(edit.labels == [.caption])
      #expect(edit.labels.map(\.name) == ["caption changed"])
      #expect(edit.unavailable.isEmpty)
      #expect(audit.unavailableLabels.isEmpty)
    }
  }

  @Test("a format-2 capture with its raw HTML gets its captions from it: no edit, then one")
  func formatTwoMigrated() async throws {
    try await withStubService("captions") { service, fetcher, clock, store in
      let html = page(caption: caption)
      try saveOldCapture(html, format: 2, rawKept: true, at: CaptureTime(clock.now()), in: store)
      let record = try #require(try store.page(for: url))
      let stored = try store.articleText(
        of: record, capture: try #require(try store.latestCapture(of: record)?.time))
      #expect(!stored.contains("Captions:"))

      clock.advance(3600)
      fetcher.set(url, html: html)
      #expect(await service.check(url).outcome == .unchanged)
      // The stored file is never rewritten.
      #expect(
        try store.articleText(
          of: record, capture: try #require(try store.latestCapture(of: record)?.time))
          == stored)

      // Its raw HTML still tells what the caption said: a corrected one is an edit.
      clock.advance(3600)
      fetcher.set(url, html: page(caption: corrected))
      let changed = await service.check(url)
      #expect(changed.outcome == .changed(added: 1, removed: 1))
      #expect(changed.labels == [.caption])
      let diff = String(decoding: changed.diff, as: UTF8.self)
      #expect(diff.contains("-\(caption)\n+\(corrected)\n"))
    }
  }

  @Test("a format-2 capture without raw HTML compares without captions: no edit")
  func formatTwoWithoutRaw() async throws {
    try await withStubService("captions") { service, fetcher, clock, store in
      let html = page(caption: caption)
      try saveOldCapture(html, format: 2, rawKept: false, at: CaptureTime(clock.now()), in: store)
      clock.advance(3600)
      try saveOldCapture(html, format: 3, rawKept: true, at: CaptureTime(clock.now()), in: store)
      let queries = ArchiveQueries(store: store)
      let comparison = try queries.compareCaptures(of: url, from: "first", to: "latest")
      #expect(comparison.isIdentical, "\(String(decoding: comparison.output, as: UTF8.self))")
      let audit = try queries.audit(AuditOptions(generated: "20260101T000000Z"))
      #expect(audit.pages.flatMap(\.edits).isEmpty)

      clock.advance(3600)
      fetcher.set(url, html: html)
      #expect(await service.check(url).outcome == .unchanged)
    }
  }

  @Test("an edit against a format-2 capture without raw HTML leaves the caption label undecided")
  func undecidedLabel() async throws {
    try await withStubService("captions") { service, fetcher, clock, store in
      try saveOldCapture(
        page(caption: caption), format: 2, rawKept: false, at: CaptureTime(clock.now()),
        in: store)
      clock.advance(3600)
      fetcher.set(
        url, html: page(caption: corrected).replacingOccurrences(of: second, with: first))
      guard case .changed = await service.check(url).outcome else {
        Issue.record("the body edit was not reported")
        return
      }
      let audit = try ArchiveQueries(store: store).audit(
        AuditOptions(generated: "20260101T000000Z"))
      let edit = try #require(audit.pages.first?.edits.first)
      // The captions section is taken off both sides: the body edit alone shows.
      #expect(!edit.diff.contains("Captions:"))
      #expect(edit.unavailable == [.caption])
      #expect(audit.unavailableLabels.map(\.label) == [.caption])
      #expect(audit.unavailableLabels.first?.edits == 1)
    }
  }
}
