import SnapshotStore
import Testing

@testable import Redline

/// Removals, moves and returns read from history lines alone, including lines written before
/// Redline recorded `finalURL` and the status of failures.
@Suite("Audit events from history lines")
struct PagePlacesTests {
  let page = PageRecord(
    url: "http://blog.example/p.html", folder: "blog.example/p-html-0", host: "blog.example",
    slug: "p-html", urlHash: "0")

  func metadata(_ time: CaptureTime, finalURL: String) -> CaptureMetadata {
    CaptureMetadata(
      time: time, requestedURL: page.url, finalURL: finalURL, status: 200, headers: [],
      redirects: [], fetchSeconds: 0, bodySHA256: "", bodyBytes: 0, textSHA256: "",
      rawKept: true, title: nil, extractionMethod: nil, redlineVersion: "test")
  }

  func events(_ history: [HistoryEntry], metadata: [CaptureMetadata] = []) -> [String] {
    PagePlaces(
      page: page, history: history,
      metadata: Dictionary(uniqueKeysWithValues: metadata.map { ($0.time, $0) })
    ).events().map { "\($0.time) \($0.kind.rawValue) \($0.status.map(String.init) ?? "-")" }
  }

  @Test("404, a network error (ignored), then back: removed and restored")
  func removedAndRestored() {
    let history = [
      HistoryEntry(
        time: "20160701T100000Z", outcome: .new, status: 200, capture: "20160701T100000Z"),
      HistoryEntry(time: "20160702T100000Z", outcome: .failed, status: 404, error: "HTTP 404"),
      HistoryEntry(time: "20160703T100000Z", outcome: .failed, error: "could not connect"),
      HistoryEntry(time: "20160704T100000Z", outcome: .failed, status: 404, error: "HTTP 404"),
      HistoryEntry(
        time: "20160705T100000Z", outcome: .unchanged, status: 200, capture: "20160701T100000Z"),
    ]
    #expect(
      events(history, metadata: [metadata("20160701T100000Z", finalURL: page.url)]) == [
        "20160702T100000Z removed 404", "20160705T100000Z restored 200",
      ])
  }

  @Test("an old failure line without a status: the status is read from its message")
  func oldFailureLine() {
    let history = [
      HistoryEntry(
        time: "20160701T100000Z", outcome: .new, status: 200, capture: "20160701T100000Z"),
      HistoryEntry(
        time: "20160702T100000Z", outcome: .failed,
        error: "fetching http://blog.example/p.html: HTTP 410 Gone"),
    ]
    #expect(
      events(history, metadata: [metadata("20160701T100000Z", finalURL: page.url)]) == [
        "20160702T100000Z removed 410"
      ])
  }

  @Test("moves: a finalURL in the line, or an old capture's metadata; one event per change")
  func moves() {
    let history = [
      HistoryEntry(
        time: "20160701T100000Z", outcome: .new, status: 200, capture: "20160701T100000Z"),
      HistoryEntry(
        time: "20160702T100000Z", outcome: .changed, status: 200, capture: "20160702T100000Z"),
      HistoryEntry(
        time: "20160703T100000Z", outcome: .unchanged, status: 200, capture: "20160702T100000Z"),
      HistoryEntry(
        time: "20160704T100000Z", outcome: .unchanged, status: 200, capture: "20160702T100000Z",
        finalURL: "http://blog.example/other.html"),
    ]
    let places = [
      metadata("20160701T100000Z", finalURL: page.url),
      metadata("20160702T100000Z", finalURL: "http://blog.example/"),
    ]
    #expect(
      events(history, metadata: places) == [
        "20160702T100000Z moved 200", "20160704T100000Z moved 200",
      ])
    // A redirect to the same URL in another spelling (upper-case host) is no move.
    #expect(
      events(
        history.prefix(2).map { $0 },
        metadata: [
          places[0], metadata("20160702T100000Z", finalURL: "http://BLOG.example/p.html#top"),
        ]
      ).isEmpty)
  }

  @Test("--host matches the URL's host without case")
  func hosts() {
    #expect(isPage(page, onHost: "Blog.Example"))
    #expect(!isPage(page, onHost: "example"))
  }
}
