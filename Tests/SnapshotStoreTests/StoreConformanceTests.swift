import Foundation
import SnapshotStore
import Testing
import WatchList

/// What every `SnapshotStoring` backend must do, written against the protocol alone (after
/// fluent-kit's `FluentBenchmarker`): a second backend (a shared database) runs the same
/// checks by passing its own factory to `StoreConformance`.
struct StoreConformance {
  /// Makes an empty store; called once per check.
  let makeStore: () throws -> any SnapshotStoring
  let url = "https://blog.example/2016/07/a-post.html"

  private func metadata(_ time: CaptureTime, text: String, body: [UInt8]) -> CaptureMetadata {
    Self.metadata(time, text: text, body: body, of: url)
  }

  private static func metadata(_ time: CaptureTime, text: String, body: [UInt8], of url: String)
    -> CaptureMetadata
  {
    CaptureMetadata(
      time: time, requestedURL: url, finalURL: url, status: 200,
      headers: [StoredHeader(name: "Content-Type", value: "text/html")], redirects: [],
      fetchSeconds: 0.1, bodySHA256: sha256Hex(body), bodyBytes: body.count,
      textSHA256: sha256Hex(Array(text.utf8)), rawKept: true, title: "A post",
      extractionMethod: "test", redlineVersion: "test", articleFormat: 2)
  }

  private func save(_ store: any SnapshotStoring, _ time: CaptureTime, version: Int, first: Bool)
    throws
  {
    let text = "Title: A post\n\nVersion \(version).\n"
    let body = Array("<p>Version \(version).</p>".utf8)
    let meta = metadata(time, text: text, body: body)
    try store.withPage(for: url) { page in
      try store.save(
        NewCapture(metadata: meta, rawBody: body, articleText: text),
        recording: HistoryEntry(
          time: time, outcome: first ? .new : .changed, status: 200, capture: time,
          added: first ? nil : 1, removed: first ? nil : 1, bodySHA256: meta.bodySHA256,
          textSHA256: meta.textSHA256, title: "A post"),
        in: page)
    }
  }

  /// Pages listed one at a time come in the order `readablePages()` gives, whatever their
  /// hosts' names (one a prefix of another, with `-` and `.` that sort before `/`).
  func listingOneAtATime() throws {
    let store = try makeStore()
    let urls = [
      "https://a.example/x.html", "https://a.example-b/x.html", "https://a.examplec/x.html",
      "https://a.example/x-y.html", "https://a.example/x/y.html", "https://a.example.net/x.html",
      "https://z.example/", "https://a.example/x.htm", "https://0.example/x.html",
    ]
    for (index, url) in urls.enumerated() {
      let time = try #require(CaptureTime("2016070\(index + 1)T100000Z"))
      try store.withPage(for: url) { page in
        try store.record(HistoryEntry(time: time, outcome: .failed, error: "x"), in: page)
      }
    }
    var streamed: [PageRecord] = []
    let unreadable = try store.forEachReadablePage { streamed.append($0) }
    let listing = try store.readablePages()
    #expect(streamed == listing.pages)
    #expect(streamed.count == urls.count)
    #expect(unreadable == listing.unreadable)
  }

  /// A page's life: new, unchanged, changed, failed, moved, back; read back through every
  /// query of the protocol.
  func lifecycle() throws {
    let store = try makeStore()
    #expect(try store.page(for: url) == nil)
    try save(store, "20160702T100000Z", version: 1, first: true)
    let page = try #require(try store.page(for: url))
    try store.withPage(for: url) { page in
      try store.record(
        HistoryEntry(
          time: "20160702T110000Z", outcome: .unchanged, status: 200,
          capture: "20160702T100000Z"),
        in: page)
    }
    try save(store, "20160702T120000Z", version: 2, first: false)
    try store.withPage(for: url) { page in
      try store.record(
        HistoryEntry(time: "20160702T130000Z", outcome: .failed, status: 404, error: "gone"),
        in: page)
      try store.record(
        HistoryEntry(
          time: "20160702T140000Z", outcome: .moved, status: 200,
          finalURL: "https://blog.example/"),
        in: page)
      try store.record(
        HistoryEntry(
          time: "20160702T150000Z", outcome: .back, status: 200, capture: "20160702T100000Z"),
        in: page)
      try store.record(
        HistoryEntry(time: "20160702T160000Z", outcome: .unchanged, status: 200), in: page)
    }
    let history = try store.history(of: page)
    #expect(
      history.map(\.outcome) == [.new, .unchanged, .changed, .failed, .moved, .back, .unchanged])
    #expect(history.map(\.time) == history.map(\.time).sorted())
    // An unchanged line names the capture it saw: after a return, the earlier one.
    #expect(history[1].capture == "20160702T100000Z")
    #expect(history.last?.capture == "20160702T100000Z")
    #expect(currentCapture(in: history) == "20160702T100000Z")
    #expect(try store.currentCapture(of: page)?.time == "20160702T100000Z")
    #expect(try store.latestCheck(of: page)?.time == "20160702T160000Z")
    #expect(try store.captures(of: page).map(\.time) == ["20160702T100000Z", "20160702T120000Z"])
    #expect(try store.latestCapture(of: page)?.time == "20160702T120000Z")
    #expect(
      try store.articleText(of: page, capture: "20160702T120000Z")
        == "Title: A post\n\nVersion 2.\n")
    #expect(
      try store.rawBody(of: page, capture: "20160702T100000Z")
        == Array("<p>Version 1.</p>".utf8))
    #expect(try store.pages().map(\.url) == [url])
    #expect(try store.readablePages().unreadable.isEmpty)
    // An index may name more pages than had activity, never fewer.
    if let active = try store.pagesWithActivity(since: "20160702T113000Z", until: nil) {
      #expect(active.pages.map(\.url) == [url])
    }
    if let active = try store.pagesWithActivity(since: nil, until: "20160702T130000Z") {
      #expect(active.pages.map(\.url) == [url])
    }
    #expect(try store.verify().isClean)
  }

  /// A capture is never replaced, and a capture is saved only with the check that made it.
  func refusals() throws {
    let store = try makeStore()
    try save(store, "20160702T100000Z", version: 1, first: true)
    #expect(throws: StoreError.self) {
      try save(store, "20160702T100000Z", version: 2, first: false)
    }
    #expect(throws: StoreError.self) {
      try store.withPage(for: url) { page in
        let text = "Title: A post\n\nOther.\n"
        try store.save(
          NewCapture(
            metadata: metadata("20160702T110000Z", text: text, body: []), rawBody: [],
            articleText: text),
          recording: HistoryEntry(time: "20160702T120000Z", outcome: .changed), in: page)
      }
    }
    #expect(try store.verify().isClean)
  }

  /// A repair of an intact page records nothing.
  func repairOfIntactPage() throws {
    let store = try makeStore()
    try save(store, "20160702T100000Z", version: 1, first: true)
    let result = try store.repair(url, time: "20160702T110000Z")
    #expect(result.recorded.isEmpty)
    #expect(result.time == nil)
    let page = try #require(try store.page(for: url))
    #expect(try store.history(of: page).count == 1)
  }

  private func delivery(_ key: String, queued: CaptureTime = "20160702T100000Z") -> QueuedDelivery {
    QueuedDelivery(
      key: key, event: "urn:redline:edit:\(key)", target: "exec:cat",
      payload: #"{"url":"\#(url)"}"#, queued: queued)
  }

  /// The delivery queue: a key is queued once, ever; claims keep two runs apart; a failed try
  /// waits for the next run; a delivered one never comes back.
  func deliveryQueue() throws {
    let store = try makeStore()
    let first = delivery("00000000000000000000000000000001")
    let second = delivery("00000000000000000000000000000002", queued: "20160702T110000Z")
    #expect(try store.pendingDeliveries().isEmpty)
    #expect(
      try store.enqueueDeliveries([first, second, first]).map(\.key) == [first.key, second.key])
    #expect(try store.enqueueDeliveries([first]).isEmpty)
    #expect(try store.pendingDeliveries() == [first, second])

    let claimed = try store.claimDeliveries(now: "20160702T120000Z", until: "20160702T121000Z")
    #expect(claimed.map(\.key) == [first.key, second.key])
    // Another run, while the claims last, gets nothing; after they end, the rest.
    #expect(try store.claimDeliveries(now: "20160702T120500Z", until: "20160702T121500Z").isEmpty)

    try store.finishDelivery(first.key, .delivered(time: "20160702T120001Z"))
    try store.finishDelivery(
      second.key, .failed(time: "20160702T120002Z", error: "HTTP 500 Internal Server Error"))
    let pending = try store.pendingDeliveries()
    #expect(pending.map(\.key) == [second.key])
    #expect(pending.first?.attempts == 1)
    #expect(pending.first?.lastError == "HTTP 500 Internal Server Error")
    #expect(pending.first?.claimedUntil == nil)
    // Delivered: never queued again. Failed: still claimable by the next run.
    #expect(try store.enqueueDeliveries([first]).isEmpty)
    #expect(
      try store.claimDeliveries(now: "20160702T130000Z", until: "20160702T131000Z").map(\.key)
        == [second.key])
    #expect(throws: StoreError.self) {
      try store.finishDelivery(first.key, .delivered(time: "20160702T130001Z"))
    }
    #expect(throws: StoreError.self) {
      _ = try store.enqueueDeliveries([delivery("../../etc/passwd-0000000")])
    }
  }

  /// Settings read back whole; a store without any has the defaults.
  func settingsRoundTrip() throws {
    let store = try makeStore()
    #expect(try store.settings() == StoreSettings())
    let settings = StoreSettings(notify: ["webhook:http://127.0.0.1:9/hook"], webhookSecret: "s")
    try store.saveSettings(settings)
    #expect(try store.settings() == settings)
  }

  /// The watch list: added, updated, removed, claimed when due (once, however many runs ask),
  /// and due again on the state recorded after the check.
  func watchList() throws {
    let store = try makeStore()
    #expect(try store.watchFile().watches.isEmpty)
    #expect(try store.claimDueWatches(at: 1_000, lease: 600).isEmpty)
    let hourly = try WatchInterval(parsing: "1h")
    let added = try store.changeWatches(
      WatchListChange(adding: [
        Watch(url: url, every: hourly, tags: ["t"], notifyTargets: ["mailto:a@example.org"]),
        Watch(url: "https://blog.example/feed/", feed: true),
      ]))
    #expect(added.added.count == 2)
    #expect(try store.watchFile().watches.map(\.url) == [url, "https://blog.example/feed/"])
    #expect(try store.watchFile().watches.first?.notifyTargets == ["mailto:a@example.org"])
    // The same page under another spelling is the same watch.
    let again = try store.changeWatches(
      WatchListChange(
        adding: [Watch(url: "HTTPS://blog.example/2016/07/a-post.html#top")],
        replacing: false))
    #expect(again.alreadyWatched.count == 1)

    let due = try store.claimDueWatches(at: 1_000, lease: 600)
    #expect(due.map(\.watch.url) == [url, "https://blog.example/feed/"])
    // Claimed: another run at the same time finds nothing due.
    #expect(try store.claimDueWatches(at: 1_000, lease: 600).isEmpty)
    // A run that never recorded its checks leaves them due after the lease.
    #expect(try store.claimDueWatches(at: 1_600, lease: 600).count == 2)
    try store.saveWatchStates([
      url: WatchState().afterCheck(at: 1_600, changed: true, pinned: hourly),
      "https://blog.example/feed/": WatchState().afterCheck(at: 1_600, changed: false, pinned: nil),
    ])
    #expect(try store.watchStates()[url]?.nextDue == 1_600 + 3_600)
    #expect(try store.claimDueWatches(at: 1_600 + 899, lease: 600).isEmpty)
    #expect(
      try store.claimDueWatches(at: 1_600 + 900, lease: 600).map(\.watch.url) == [
        "https://blog.example/feed/"
      ])
    // The hourly watch, and the feed again: its claim at 2,500 lapsed at 3,100.
    #expect(
      try store.claimDueWatches(at: 1_600 + 3_600, lease: 600).map(\.watch.url) == [
        url, "https://blog.example/feed/",
      ])

    let removed = try store.changeWatches(
      WatchListChange(removing: [url, "https://blog.example/nothing"]))
    #expect(removed.removed == [url])
    #expect(removed.notWatched == ["https://blog.example/nothing"])
    #expect(try store.watchFile().watches.count == 1)
    #expect(
      try store.claimDueWatches(at: 100_000, lease: 600).map(\.watch.url) == [
        "https://blog.example/feed/"
      ])
    #expect(try store.verify().isClean)
  }

  /// Checks taken into a page's past (`HistoryEntry.recorded`, written by `redline import`):
  /// appended after later checks, read back in time order; the current capture, the latest
  /// check and later `unchanged` lines are unaffected; verify stays clean; an index, when the
  /// backend has one, names the page for the imported edit's day.
  func pastChecks() throws {
    let store = try makeStore()
    try store.prepareForWriting()
    try save(store, "20160702T100000Z", version: 1, first: true)
    try save(store, "20160705T100000Z", version: 3, first: false)
    let page = try #require(try store.page(for: url))
    // Imported later: a version of July 4, and an unchanged check of July 2's version.
    let text = "Title: A post\n\nVersion 2.\n"
    let body = Array("<p>Version 2.</p>".utf8)
    let meta = metadata("20160704T100000Z", text: text, body: body)
    var imported = HistoryEntry(
      time: "20160704T100000Z", outcome: .changed, status: 200, capture: "20160704T100000Z",
      added: 1, removed: 1, bodySHA256: meta.bodySHA256, textSHA256: meta.textSHA256,
      title: "A post")
    imported.recorded = "20161201T000000Z"
    var seen = HistoryEntry(
      time: "20160703T100000Z", outcome: .unchanged, status: 200, capture: "20160702T100000Z",
      textSHA256: sha256Hex(Array("Title: A post\n\nVersion 1.\n".utf8)), title: "A post")
    seen.recorded = "20161201T000001Z"
    try store.withPage(for: url) { page in
      try store.save(
        NewCapture(metadata: meta, rawBody: body, articleText: text), recording: imported,
        in: page)
      try store.record(seen, in: page)
      // Today's check, which names no capture: the latest version by time.
      try store.record(
        HistoryEntry(time: "20161201T000002Z", outcome: .unchanged, status: 200), in: page)
    }
    let history = try store.history(of: page)
    #expect(
      history.map(\.time) == [
        "20160702T100000Z", "20160703T100000Z", "20160704T100000Z", "20160705T100000Z",
        "20161201T000002Z",
      ])
    #expect(
      history.map { $0.capture?.description ?? "-" } == [
        "20160702T100000Z", "20160702T100000Z", "20160704T100000Z", "20160705T100000Z",
        "20160705T100000Z",
      ])
    #expect(history[2].recorded == "20161201T000000Z" && history[4].recorded == nil)
    #expect(
      try store.captures(of: page).map(\.time) == [
        "20160702T100000Z", "20160704T100000Z", "20160705T100000Z",
      ])
    #expect(try store.currentCapture(of: page)?.time == "20160705T100000Z")
    #expect(try store.latestCapture(of: page)?.time == "20160705T100000Z")
    #expect(try store.latestCheck(of: page)?.time == "20161201T000002Z")
    #expect(try store.verify().isClean)
    if let july4 = try store.pagesWithActivity(
      since: "20160704T000000Z", until: "20160704T235959Z")
    {
      #expect(july4.pages.map(\.url) == [url])
    }
  }
}

extension StoreConformance {
  /// The summaries a listing reads (`forEachCheckSummary`) are those of the whole histories,
  /// page by page in the listing's order, with checks taken into a page's past among them;
  /// `include` leaves pages out.
  func checkSummaries() throws {
    let store = try makeStore()
    try store.prepareForWriting()
    try save(store, "20160702T100000Z", version: 1, first: true)
    try save(store, "20160705T100000Z", version: 2, first: false)
    try store.withPage(for: url) { page in
      var past = HistoryEntry(
        time: "20160701T100000Z", outcome: .failed, status: 500, error: "x")
      past.recorded = "20160706T000000Z"
      try store.record(past, in: page)
      try store.record(
        HistoryEntry(time: "20160707T100000Z", outcome: .unchanged, status: 200), in: page)
    }
    for (index, other) in ["https://b.example/a.html", "https://c.example/a.html"].enumerated() {
      try store.withPage(for: other) { page in
        try store.record(
          HistoryEntry(
            time: try #require(CaptureTime("2016070\(index + 3)T100000Z")), outcome: .failed,
            error: "x"),
          in: page)
      }
    }
    var summaries: [(PageRecord, CheckSummary)] = []
    let unreadable = try store.forEachCheckSummary {
      $0.host != "c.example"
    } _: {
      summaries.append(($0, try $1.get()))
    }
    #expect(unreadable.isEmpty)
    let pages = try store.readablePages().pages.filter { $0.host != "c.example" }
    #expect(summaries.map(\.0) == pages)
    for (page, summary) in summaries {
      #expect(summary == CheckSummary(try store.history(of: page)))
    }
    let post = try #require(summaries.first { $0.0.url == url }?.1)
    #expect(
      post
        == CheckSummary(
          captures: 2, firstCapture: "20160702T100000Z", latestCapture: "20160705T100000Z",
          latestCheck: "20160707T100000Z"))
  }
}

extension StoreConformance {
  /// Pages written at once from several threads, each inside its own `withPage`, as `import`
  /// and `snapshot --jobs` write them: every check lands whole, in its page's order, and the
  /// store verifies clean (the folder store makes each check durable in rounds of fsyncs
  /// issued together, `SyncRound`; a database would use a transaction per check).
  func pagesWrittenAtOnce() throws {
    let store = try makeStore()
    try store.prepareForWriting()
    let urls = (0..<8).map { "https://at-once.example/post-\($0).html" }
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: urls.count) { index in
      do {
        for (round, time) in ["20160702T100000Z", "20160702T110000Z", "20160702T120000Z"]
          .enumerated()
        {
          let time = try #require(CaptureTime(time))
          // Versions 0, 0, 1: a capture, an unchanged check, an edit (with a kept body).
          let version = round == 2 ? 1 : 0
          let text = "Title: Post \(index)\n\nVersion \(version).\n"
          let body = Array("<p>Post \(index), version \(version).</p>".utf8)
          try store.withPage(for: urls[index]) { page in
            if round == 1 {
              try store.record(
                HistoryEntry(
                  time: time, outcome: .unchanged, status: 200, capture: "20160702T100000Z",
                  bodySHA256: sha256Hex(body), textSHA256: sha256Hex(Array(text.utf8))),
                rawBody: body, in: page)
              return
            }
            let meta = Self.metadata(time, text: text, body: body, of: urls[index])
            try store.save(
              NewCapture(metadata: meta, rawBody: body, articleText: text),
              recording: HistoryEntry(
                time: time, outcome: round == 0 ? .new : .changed, status: 200, capture: time,
                added: round == 0 ? nil : 1, removed: round == 0 ? nil : 1,
                bodySHA256: meta.bodySHA256, textSHA256: meta.textSHA256, title: "A post"),
              in: page)
          }
        }
      } catch {
        failures.add("\(urls[index]): \(error)")
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    #expect(try store.pages().map(\.url).sorted() == urls.sorted())
    for (index, url) in urls.enumerated() {
      let page = try #require(try store.page(for: url))
      let history = try store.history(of: page)
      #expect(history.map(\.outcome) == [.new, .unchanged, .changed])
      let captures = try store.captures(of: page)
      #expect(captures.map(\.time) == ["20160702T100000Z", "20160702T120000Z"])
      #expect(
        try store.articleText(of: page, capture: "20160702T120000Z")
          == "Title: Post \(index)\n\nVersion 1.\n")
      #expect(
        try store.rawBody(of: page, capture: "20160702T110000Z")
          == Array("<p>Post \(index), version 0.</p>".utf8))
    }
    let report = try store.verify()
    #expect(report.isClean, "\(report.problems)")
    #expect(report.pages == urls.count)
    #expect(report.checks == urls.count * 3)
  }
}

/// Errors collected from several threads.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []

  func add(_ message: String) { lock.withLock { messages.append(message) } }

  var all: [String] { lock.withLock { messages } }
}

@Suite("the store protocol, on the folder store")
struct FolderStoreConformanceTests {
  private func conformance(_ root: String) -> StoreConformance {
    var count = 0
    return StoreConformance {
      count += 1
      return FolderStore(root: root + "/\(count)")
    }
  }

  @Test("a page's life reads back through every query")
  func lifecycle() throws {
    try withTemporaryFolder { try conformance($0).lifecycle() }
  }

  @Test("pages listed one at a time come in the listing's order")
  func listingOneAtATime() throws {
    try withTemporaryFolder { try conformance($0).listingOneAtATime() }
  }

  @Test("captures are never replaced, nor saved without their check")
  func refusals() throws {
    try withTemporaryFolder { try conformance($0).refusals() }
  }

  @Test("repairing an intact page records nothing")
  func repair() throws {
    try withTemporaryFolder { try conformance($0).repairOfIntactPage() }
  }

  @Test("the delivery queue: once per key, claims, retries, delivered for good")
  func deliveryQueue() throws {
    try withTemporaryFolder { try conformance($0).deliveryQueue() }
  }

  @Test("settings read back whole")
  func settings() throws {
    try withTemporaryFolder { try conformance($0).settingsRoundTrip() }
  }

  @Test("the watch list and its schedule")
  func watchList() throws {
    try withTemporaryFolder { try conformance($0).watchList() }
  }

  @Test("checks taken into a page's past read in time order and leave the present alone")
  func pastChecks() throws {
    try withTemporaryFolder { try conformance($0).pastChecks() }
  }

  @Test("a listing's summaries are those of the whole histories")
  func checkSummaries() throws {
    try withTemporaryFolder { try conformance($0).checkSummaries() }
  }

  @Test("pages written at once from several threads all land whole, and verify clean")
  func pagesWrittenAtOnce() throws {
    try withTemporaryFolder { try conformance($0).pagesWrittenAtOnce() }
  }
}
