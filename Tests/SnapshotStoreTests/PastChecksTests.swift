import Foundation
import SnapshotStore
import Testing

/// Checks taken into a page's past (`HistoryEntry.recorded`, from `redline import`): appended
/// to the chain, read in time order.
@Suite("checks taken into a page's past")
struct PastChecksTests {
  private let url = "https://b.example/p"

  private func save(
    _ store: FolderStore, _ page: PageRecord, _ time: String, _ text: String,
    outcome: CheckOutcome, recorded: String? = nil
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

  @Test(
    "a capture and an unchanged check placed in the past: time order for readers, the current capture and later unchanged lines untouched, verify and the activity index agree"
  )
  func timeline() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root, syncsWrites: false)
      try store.prepareForWriting()
      let page = try store.withPage(for: url) { page in
        try save(store, page, "20160702T100000Z", "one\n", outcome: .new)
        try store.record(
          HistoryEntry(time: "20160703T100000Z", outcome: .unchanged, capture: "20160702T100000Z"),
          in: page)
        try save(store, page, "20160705T100000Z", "three\n", outcome: .changed)
        // Imported later: a version of July 4 and an unchanged check of July 2's version.
        try save(
          store, page, "20160704T100000Z", "two\n", outcome: .changed,
          recorded: "20161201T000000Z")
        var old = HistoryEntry(
          time: "20160702T120000Z", outcome: .unchanged, status: 200,
          capture: "20160702T100000Z", textSHA256: sha256Hex(Array("one\n".utf8)), title: "T")
        old.recorded = "20161201T000001Z"
        try store.record(old, in: page)
        // A check of today, whose line leaves out its capture: the latest version by time.
        try store.record(
          HistoryEntry(time: "20161201T000002Z", outcome: .unchanged, status: 200), in: page)
        return page
      }
      let history = try store.history(of: page)
      #expect(
        history.map(\.time) == [
          "20160702T100000Z", "20160702T120000Z", "20160703T100000Z", "20160704T100000Z",
          "20160705T100000Z", "20161201T000002Z",
        ])
      #expect(
        history.map { $0.capture ?? "-" } == [
          "20160702T100000Z", "20160702T100000Z", "20160702T100000Z", "20160704T100000Z",
          "20160705T100000Z", "20160705T100000Z",
        ])
      #expect(
        try store.captures(of: page).map(\.time) == [
          "20160702T100000Z", "20160704T100000Z", "20160705T100000Z",
        ])
      #expect(try store.currentCapture(of: page)?.time == "20160705T100000Z")
      #expect(try store.latestCheck(of: page)?.time == "20161201T000002Z")
      #expect(try store.verify().isClean)
      // The July 4 version is activity (an edit): an audit of that day reads the page.
      let july4 = try store.pagesWithActivity(since: "20160704T000000Z", until: "20160704T235959Z")
      #expect(july4?.pages.map(\.url) == [url])
      let july3 = try store.pagesWithActivity(since: "20160703T000000Z", until: "20160703T235959Z")
      #expect(july3?.pages.isEmpty == true)
    }
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
