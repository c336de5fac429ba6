import Dispatch
import Foundation
import HTTPFetching
import Redline
import SnapshotStore
import Synchronization
import WatchList
import Testing

/// A folder store whose page writes wait until the test opens the gate: a disk that is slower
/// than the network.
final class GatedStore: SnapshotStoring {
  let inner: FolderStore
  private let gate = DispatchSemaphore(value: 0)

  init(root: String) { inner = FolderStore(root: root) }

  /// Lets every write through, now and later.
  func open() { gate.signal() }

  func withPage<T>(for url: String, _ body: (PageRecord) throws -> T) throws -> T {
    gate.wait()
    gate.signal()
    return try inner.withPage(for: url, body)
  }

  func page(for url: String) throws -> PageRecord? { try inner.page(for: url) }
  func pages() throws -> [PageRecord] { try inner.pages() }
  func captures(of page: PageRecord) throws -> [CaptureRecord] { try inner.captures(of: page) }
  func latestCapture(of page: PageRecord) throws -> CaptureRecord? {
    try inner.latestCapture(of: page)
  }
  func latestCheck(of page: PageRecord) throws -> HistoryEntry? { try inner.latestCheck(of: page) }
  func articleText(of page: PageRecord, capture: CaptureTime) throws -> String {
    try inner.articleText(of: page, capture: capture)
  }
  func rawBody(of page: PageRecord, capture: CaptureTime) throws -> [UInt8]? {
    try inner.rawBody(of: page, capture: capture)
  }
  func history(of page: PageRecord) throws -> [HistoryEntry] { try inner.history(of: page) }
  func save(_ capture: NewCapture, recording check: HistoryEntry, in page: PageRecord) throws {
    try inner.save(capture, recording: check, in: page)
  }
  func record(_ check: HistoryEntry, rawBody: [UInt8]?, in page: PageRecord) throws {
    try inner.record(check, rawBody: rawBody, in: page)
  }
  func verify() throws -> VerificationReport { try inner.verify() }
  func repair(_ url: String, time: CaptureTime) throws -> RepairResult {
    try inner.repair(url, time: time)
  }
  func prepareForWriting() throws { try inner.prepareForWriting() }
  func currentCapture(of page: PageRecord) throws -> CaptureRecord? {
    try inner.currentCapture(of: page)
  }
  func feedFailures() throws -> [String: FeedFailure] { try inner.feedFailures() }
  func saveFeedFailures(_ failures: [String: FeedFailure]) throws {
    try inner.saveFeedFailures(failures)
  }
  func feedPosts() throws -> [String: [String: CaptureTime]] { try inner.feedPosts() }
  func saveFeedPosts(_ posts: [String: [String: CaptureTime]]) throws {
    try inner.saveFeedPosts(posts)
  }
  func settings() throws -> StoreSettings { try inner.settings() }
  func saveSettings(_ settings: StoreSettings) throws { try inner.saveSettings(settings) }
  func enqueueDeliveries(_ deliveries: [QueuedDelivery]) throws -> [QueuedDelivery] {
    try inner.enqueueDeliveries(deliveries)
  }
  func pendingDeliveries() throws -> [QueuedDelivery] { try inner.pendingDeliveries() }
  func claimDeliveries(now: CaptureTime, until: CaptureTime) throws -> [QueuedDelivery] {
    try inner.claimDeliveries(now: now, until: until)
  }
  func finishDelivery(_ key: String, _ result: DeliveryResult) throws {
    try inner.finishDelivery(key, result)
  }
  func watchFile() throws -> WatchFile { try inner.watchFile() }
  func changeWatches(_ change: WatchListChange) throws -> WatchListChangeReport {
    try inner.changeWatches(change)
  }
  func watchStates() throws -> [String: WatchState] { try inner.watchStates() }
  func claimDueWatches(at time: Int64, lease: Int64) throws -> [DueWatch] {
    try inner.claimDueWatches(at: time, lease: lease)
  }
  func saveWatchStates(_ states: [String: WatchState]) throws { try inner.saveWatchStates(states) }
}

/// A fetcher that answers every URL with a post, counts the fetches in flight and their
/// peak, and tells the test how many have started.
final class CountingFetcher: Fetching {
  private let state = Mutex((current: 0, peak: 0, started: 0))
  let starts: AsyncStream<Int>
  private let startsContinuation: AsyncStream<Int>.Continuation

  init() { (starts, startsContinuation) = AsyncStream.makeStream(of: Int.self) }

  var peak: Int { state.withLock { $0.peak } }

  func fetch(_ url: String) async throws -> Response {
    let started = state.withLock {
      $0.current += 1
      $0.peak = max($0.peak, $0.current)
      $0.started += 1
      return $0.started
    }
    startsContinuation.yield(started)
    await Task.yield()
    state.withLock { $0.current -= 1 }
    return Response(
      requestedURL: url, finalURL: url, status: 200,
      headers: [HTTPHeader(name: "Content-Type", value: "text/html")],
      body: Array(post(["\(first) \(url)", second]).utf8))
  }
}

@Suite("SnapshotService pipeline")
struct PipelineTests {
  // The limit catches a hang (a check holding its fetch slot through the store's write never
  // ends). It is generous because the suite's synchronous end-to-end tests occupy the
  // cooperative pool's threads (two on a 2-core machine) while they wait for `redline`, and
  // this test cannot start its fetches until one is free.
  @Test(
    "fetching goes on while the store is busy, at most --jobs at a time, within a bound",
    .timeLimit(.minutes(5)))
  func fetchesDoNotWaitForTheStore() async throws {
    let root = NSTemporaryDirectory() + "redline-pipeline-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let store = GatedStore(root: root)
    let fetcher = CountingFetcher()
    let service = SnapshotService(fetcher: fetcher, store: store, jobs: 2)
    let urls = (0..<12).map { "https://blog.example/2016/07/post-\($0).html" }
    async let reports = service.snapshot(urls)
    // Two pages wait for the store; a third is fetched all the same (a check that held its
    // fetch slot through the store's write would stop at two, and this test would hang).
    for await started in fetcher.starts where started == 3 { break }
    store.open()
    let done = await reports
    #expect(done.map(\.url) == urls)
    #expect(done.allSatisfy { $0.outcome == .new })
    #expect(fetcher.peak <= 2)
    #expect(try store.inner.pages().count == urls.count)
  }
}
