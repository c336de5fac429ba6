import Foundation
import HTTPFetching
import LoopbackServer
import SnapshotStore

@testable import Redline

/// A real server on 127.0.0.1 answering with `respond`, a folder store in a fresh temporary
/// folder named after `name`, and a snapshot service on both whose clock the test moves between
/// checks, as cron would check a site; the server stops and the folder goes with it.
final class ServedSite: Sendable {
  let clock: TestClock
  let server: LoopbackServer
  let root: String
  let store: FolderStore
  let service: SnapshotService

  init(
    _ name: String, clock: TestClock = TestClock(),
    respond: @escaping @Sendable (HTTPRequest) -> Behaviour
  ) throws {
    server = try LoopbackServer(respond: respond)
    root = NSTemporaryDirectory() + "redline-\(name)-" + UUID().uuidString
    store = FolderStore(root: root)
    service = SnapshotService(
      fetcher: CurlFetcher(options: CapturedPage.options), store: store, jobs: 1,
      now: clock.now)
    self.clock = clock
  }

  deinit {
    server.stop()
    try? FileManager.default.removeItem(atPath: root)
  }

  /// The URL of `path` on the server.
  func url(_ path: String) -> String { server.baseURL + path }
}
