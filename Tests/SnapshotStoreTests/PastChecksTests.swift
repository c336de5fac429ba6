import Foundation
import SnapshotStore
import Testing

/// The folder store's activity index for checks taken into a page's past (the protocol's side
/// is `StoreConformance.pastChecks`).
@Suite("checks taken into a page's past: the activity index")
struct PastChecksTests {
  private let url = "https://b.example/p"

  private func save(
    _ store: FolderStore, _ page: PageRecord, _ time: CaptureTime, _ text: String,
    outcome: CheckOutcome, recorded: CaptureTime? = nil
  ) throws {
    var entry = HistoryEntry(
      time: time, outcome: outcome, status: 200, capture: time,
      bodySHA256: sha256Hex(Array("<p>x</p>".utf8)), textSHA256: sha256Hex(Array(text.utf8)),
      title: "T")
    entry.recorded = recorded
    try store.save(
      NewCapture(
        metadata: metadata(time, text: text), rawBody: Array("<p>x</p>".utf8), articleText: text),
      recording: entry, in: page)
  }

  @Test("a version imported before a page's first capture makes that capture activity")
  func beforeTheFirst() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root, syncsWrites: false)
      try store.prepareForWriting()
      let page = try store.withPage(for: url) { page in
        try save(store, page, "20160705T100000Z", "now\n", outcome: .new)
        try save(
          store, page, "20160701T100000Z", "then\n", outcome: .new, recorded: "20161201T000000Z")
        return page
      }
      #expect(try store.history(of: page).map(\.outcome) == [.new, .new])
      let firstDay = try store.pagesWithActivity(
        since: "20160705T000000Z", until: "20160705T235959Z")
      #expect(firstDay?.pages.map(\.url) == [url])
      // Verify decides activity the same way, and the index holds it.
      #expect(try store.verify().isClean)
      #expect(try store.storeFormat() == FolderStore.formatVersion)
    }
  }
}
