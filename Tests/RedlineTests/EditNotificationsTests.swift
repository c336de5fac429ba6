import Foundation
import HTTPFetching
import Notifying
import Redline
import SnapshotStore
import Synchronization
import Testing

/// A transport that records every command it is asked to run and succeeds.
private final class RecordingTransport: DeliveryTransport {
  private let runs = Mutex<[(command: String, body: [UInt8])]>([])
  var commands: [(command: String, body: [UInt8])] { runs.withLock { $0 } }

  func post(_ url: String, body: [UInt8], headers: [String]) async -> Result<Int, SendError> {
    .success(200)
  }

  func sendMail(_ mail: OutgoingMail, through server: SMTPServer) async -> Result<Void, SendError> {
    .success(())
  }

  func run(_ command: String, input: [UInt8], environment: [String: String], timeout: Duration)
    async -> String?
  {
    runs.withLock { $0.append((command, input)) }
    return nil
  }
}

@Suite("edit notifications over a store")
struct EditNotificationsTests {
  @Test("a page's own targets get its edits; the store's targets get every edit, once")
  func pageTargets() async throws {
    let root = NSTemporaryDirectory() + "redline-notify-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fetcher = StubFetcher()
    let clock = TestClock()
    let store = FolderStore(root: root)
    let service = SnapshotService(fetcher: fetcher, store: store, jobs: 2, now: clock.now)
    let urls = ["https://blog.example/2016/07/a.html", "https://blog.example/2016/07/b.html"]
    for url in urls { fetcher.set(url, html: post([first, second])) }
    _ = await service.snapshot(urls)
    clock.advance(3600)
    for url in urls { fetcher.set(url, html: post([first, second + " It was corrected."])) }
    let reports = await service.snapshot(urls)
    #expect(reports.filter { if case .changed = $0.outcome { true } else { false } }.count == 2)

    let transport = RecordingTransport()
    let notifications = EditNotifications(
      store: store, options: NotificationOptions(), transport: transport)
    let everyEdit = try NotificationTarget(parsing: "exec:store-wide")
    let pageOnly = try NotificationTarget(parsing: "exec:page-a")
    try NotificationSettings(store: store).add(everyEdit.description, now: clock.now())
    let report = try await notifications.notify(
      reports, runTargets: [], pageTargets: [urls[0]: [pageOnly, everyEdit]], now: clock.now())
    #expect(report.failures.isEmpty)
    #expect(transport.commands.map(\.command).sorted() == ["page-a", "store-wide", "store-wide"])
    let bodies = transport.commands.filter { $0.command == "page-a" }.map(\.body)
    let event = try JSONDecoder().decode(EditEvent.self, from: Data(try #require(bodies.first)))
    #expect(event.url == urls[0])
    #expect(event.wordDiff.contains("{+"))
    clock.advance(3600)
    let again = try await notifications.notify(
      reports, runTargets: [], pageTargets: [urls[0]: [pageOnly]], now: clock.now())
    #expect(again.attempts.isEmpty)
    #expect(transport.commands.count == 3)
  }
}
