import Foundation
import HTTPFetching
import Notifying
import SnapshotStore
import Synchronization
import Testing

@Suite("notification targets, signatures and the delivery logic")
struct NotifyingTests {
  @Test(
    "targets read as written",
    arguments: [
      ("webhook:https://example.org/hooks/redline", "webhook:https://example.org/hooks/redline"),
      ("WEBHOOK:http://127.0.0.1:8080/x", "webhook:http://127.0.0.1:8080/x"),
      ("mailto:editor@example.org", "mailto:editor@example.org"),
      ("exec:/usr/local/bin/on-edit --json", "exec:/usr/local/bin/on-edit --json"),
    ])
  func targets(text: String, written: String) throws {
    #expect(try NotificationTarget(parsing: text).description == written)
  }

  @Test(
    "bad targets are refused with why",
    arguments: [
      ("ftp://example.org", "unknown scheme 'ftp'"),
      ("slack:#news", "unknown scheme 'slack'"),
      ("nothing", "write webhook:URL, mailto:ADDRESS or exec:COMMAND"),
      ("webhook:example.org/hook", "a webhook is webhook:http://"),
      ("webhook:http:///hook", "a webhook is webhook:http://"),
      ("mailto:editor", "mailto: takes one mail address"),
      ("mailto:a@example.org,b@example.org", "mailto: takes one mail address"),
      ("mailto:a@example.org\r\nBcc: x@example.org", "mailto: takes one mail address"),
      ("exec:  ", "exec: takes a shell command"),
    ])
  func badTargets(text: String, reason: String) {
    #expect {
      try NotificationTarget(parsing: text)
    } throws: { error in
      String(describing: error).contains(reason)
        && String(describing: error).hasPrefix("notification target '")
    }
  }

  @Test("a webhook URL with credentials is refused, and the message does not show them")
  func webhookCredentials() {
    #expect {
      try NotificationTarget(parsing: "webhook:https://alice:s3cret@hooks.example/in?x=1")
    } throws: { error in
      let message = String(describing: error)
      return message.contains("credentials in a webhook URL are refused")
        && message.contains("https://…@hooks.example/in?x=1") && !message.contains("s3cret")
        && !message.contains("alice")
    }
  }

  @Test("the signature is HMAC-SHA256 over the timestamp, a full stop and the body")
  func signature() {
    // The same as Python's hmac.new(secret, b"1467709800.Hello, World!", sha256).hexdigest().
    #expect(
      webhookSignature(
        secret: "It's a Secret to Everybody", timestamp: 1_467_709_800,
        body: Array("Hello, World!".utf8))
        == "sha256=e0affa7aa70a22a74aee79de24430d312be5933858baddfa61935c89f1e0bfde")
  }

  @Test("an SMTP URL with credentials is refused without showing them")
  func smtpCredentials() {
    #expect {
      try SMTPServer(url: "smtp://me:hunter2@mail.example.org:587")
    } throws: { error in
      !String(describing: error).contains("hunter2")
    }
    #expect(throws: SendError.self) { try SMTPServer(url: "http://mail.example.org") }
    #expect((try? SMTPServer(url: "smtps://mail.example.org"))?.requireTLS == true)
  }

  @Test("a failed delivery is kept, retried by the next run, and never sent twice")
  func retriesWithoutDuplicates() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "redline-notify-" + UUID().uuidString
    ).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = FolderStore(root: folder)
    try store.prepareForWriting()
    let transport = StubTransport(failures: 3)
    let notifier = Notifier(
      store: store,
      settings: DeliverySettings(webhookSecret: "s", webhookAttempts: 3, retryDelay: .zero),
      transport: transport)
    let event = EditEvent(
      id: "urn:redline:edit:0123", url: "https://blog.example/a.html", title: "A",
      from: "20160702T100000Z",
      to: "20160702T110000Z", labels: ["numbers"], stealth: true, linesAdded: 1, linesRemoved: 1,
      diff: "--- a\n+++ b\n", wordDiff: "")
    let targets = [
      try NotificationTarget(parsing: "webhook:http://127.0.0.1:9/hook"),
      try NotificationTarget(parsing: "exec:true"),
    ]
    let first = try await notifier.notify([event], to: targets)
    #expect(first.queued == 2)
    #expect(first.failures.count == 1)
    #expect(first.delivered.map(\.target) == ["exec:true"])
    #expect(transport.posts == 3)
    #expect(try store.pendingDeliveries().count == 1)

    let second = try await notifier.notify([event], to: targets)
    #expect(second.queued == 0)
    #expect(second.delivered.map(\.target) == ["webhook:http://127.0.0.1:9/hook"])
    #expect(transport.posts == 4)
    #expect(transport.commands == 1)
    let third = try await notifier.notify([event], to: targets)
    #expect(third.attempts.isEmpty)
    #expect(try store.pendingDeliveries().isEmpty)
  }
}

extension NotifyingTests {
  @Test("a delivery is not started unless the run's claim outlasts it")
  func claimTooShort() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "redline-notify-" + UUID().uuidString
    ).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = FolderStore(root: folder)
    let transport = StubTransport(failures: 0)
    let notifier = Notifier(
      store: store, settings: DeliverySettings(claimSeconds: 60, deliverySeconds: 120),
      transport: transport)
    let event = EditEvent(
      id: "urn:redline:edit:0124", url: "https://blog.example/a.html", title: nil,
      from: "20160702T100000Z", to: "20160702T110000Z", labels: [], stealth: false,
      linesAdded: 1, linesRemoved: 0, diff: "", wordDiff: "")
    let report = try await notifier.notify([event], to: [try NotificationTarget(parsing: "exec:x")])
    #expect(report.failures.first?.error == "exec:x: not tried: this run's claim on it ran out")
    #expect(transport.commands == 0)
    #expect(try store.pendingDeliveries().first?.claimedUntil == nil)
  }
}

/// A transport whose first `failures` posts get a 503; commands succeed.
private final class StubTransport: DeliveryTransport {
  private let state: Mutex<(failures: Int, posts: Int, commands: Int)>
  init(failures: Int) { state = Mutex((failures, 0, 0)) }
  var posts: Int { state.withLock { $0.posts } }
  var commands: Int { state.withLock { $0.commands } }

  func post(_ url: String, body: [UInt8], headers: [String]) async -> Result<Int, SendError> {
    state.withLock {
      $0.posts += 1
      guard $0.failures > 0 else { return .success(200) }
      $0.failures -= 1
      return .success(503)
    }
  }

  func sendMail(_ mail: OutgoingMail, through server: SMTPServer) async -> Result<Void, SendError> {
    .success(())
  }

  func run(_ command: String, input: [UInt8], environment: [String: String], timeout: Duration)
    async -> String?
  {
    state.withLock { $0.commands += 1 }
    return nil
  }
}

extension NotifyingTests {
  @Test("an event's JSON is the redline.edit/1 body, times in both forms, and reads back")
  func eventJSON() throws {
    let event = EditEvent(
      id: "urn:redline:edit:0125", url: "https://blog.example/a.html", title: nil,
      from: "20160705T091000Z", to: "20160706T081000Z", labels: ["typo"], stealth: false,
      linesAdded: 1, linesRemoved: 1, diff: "d", wordDiff: "")
    #expect(
      String(decoding: event.json(), as: UTF8.self)
        == #"{"diff":"d","from":"20160705T091000Z","fromTime":"2016-07-05T09:10:00Z","#
        + #""id":"urn:redline:edit:0125","labels":["typo"],"linesAdded":1,"linesRemoved":1,"#
        + #""outcome":"changed","schema":"redline.edit/1","stealth":false,"#
        + #""to":"20160706T081000Z","toTime":"2016-07-06T08:10:00Z","#
        + #""url":"https://blog.example/a.html","wordDiff":""}"#)
    #expect(try JSONDecoder().decode(EditEvent.self, from: Data(event.json())) == event)
  }
}
