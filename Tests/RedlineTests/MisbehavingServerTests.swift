import Foundation
import HTTPFetching
import LoopbackServer
import Redline
import SnapshotStore
import Synchronization
import Testing

/// What the loopback server does next; a test changes it between checks.
final class Switchboard: Sendable {
  private let current = Mutex<@Sendable (HTTPRequest) -> Behaviour>({ _ in .closeWithoutResponse })

  func set(_ respond: @escaping @Sendable (HTTPRequest) -> Behaviour) {
    current.withLock { $0 = respond }
  }

  func answer(_ request: HTTPRequest) -> Behaviour { current.withLock { $0 }(request) }
}

/// One way for a server to misbehave, and the words the failure must contain.
struct Misbehaviour: Sendable, CustomTestStringConvertible {
  let name: String
  let expected: String
  /// How many requests the check may make: retries are only for 429, 503 and lost connections.
  let requests: ClosedRange<Int>
  let respond: @Sendable (HTTPRequest) -> Behaviour
  var testDescription: String { name }
}

private let goodPage = Array(
  post([first, second]).utf8)

private func html(_ status: Int, _ body: String = "<p>error</p>") -> Behaviour {
  .respond(status: status, headers: [("Content-Type", "text/html")], body: Array(body.utf8))
}

private let twoHundredMiB = 200 << 20
private let chunk = [UInt8](repeating: 0x41, count: 64 << 10)

private let misbehaviours: [Misbehaviour] = [
  Misbehaviour(name: "404", expected: "HTTP 404 Not Found", requests: 1...1) { _ in html(404) },
  Misbehaviour(name: "403", expected: "HTTP 403 Forbidden", requests: 1...1) { _ in html(403) },
  Misbehaviour(name: "500", expected: "HTTP 500", requests: 1...1) { _ in html(500) },
  Misbehaviour(name: "503 with Retry-After", expected: "HTTP 503", requests: 2...2) { _ in
    .respond(status: 503, headers: [("Retry-After", "1")], body: [])
  },
  Misbehaviour(name: "429", expected: "HTTP 429 Too Many Requests", requests: 2...2) { _ in
    html(429)
  },
  Misbehaviour(
    name: "connection closed before headers", expected: "connection lost", requests: 2...2
  ) { _ in .closeWithoutResponse },
  Misbehaviour(name: "truncated body", expected: "bad response", requests: 1...1) { _ in
    .raw("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><p>cut")
  },
  Misbehaviour(name: "slow drip", expected: "timed out", requests: 1...1) { _ in
    .drip(
      status: 200, headers: [("Content-Type", "text/html")], chunk: Array("<p>".utf8),
      interval: 0.2, count: 100)
  },
  Misbehaviour(name: "no response at all", expected: "timed out", requests: 1...1) { _ in
    .silence(seconds: 10)
  },
  Misbehaviour(name: "redirect loop", expected: "more than 10 redirects", requests: 11...11) {
    _ in .respond(status: 302, headers: [("Location", "/loop")], body: [])
  },
  Misbehaviour(name: "30-hop chain", expected: "more than 10 redirects", requests: 11...11) {
    request in
    let hop = Int(request.path.split(separator: "/").last ?? "") ?? 0
    return .respond(status: 301, headers: [("Location", "/hop/\(hop + 1)")], body: [])
  },
  Misbehaviour(name: "redirect to file://", expected: "only http and https", requests: 1...1) {
    _ in .respond(status: 302, headers: [("Location", "file:///etc/passwd")], body: [])
  },
  Misbehaviour(name: "200 MiB body", expected: "larger than", requests: 1...1) { _ in
    .drip(
      status: 200, headers: [("Content-Type", "text/html")], chunk: chunk, interval: 0,
      count: twoHundredMiB / chunk.count)
  },
  Misbehaviour(name: "200 MiB declared", expected: "larger than", requests: 1...1) { _ in
    .drip(
      status: 200,
      headers: [("Content-Type", "text/html"), ("Content-Length", String(twoHundredMiB))],
      chunk: chunk, interval: 0, count: twoHundredMiB / chunk.count)
  },
  Misbehaviour(name: "gzip bomb", expected: "larger than", requests: 1...1) { _ in
    .respond(
      status: 200, headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
      body: bomb)
  },
  Misbehaviour(name: "corrupt gzip", expected: "bad content encoding", requests: 1...1) { _ in
    .respond(
      status: 200, headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
      body: [0x1F, 0x8B, 0x08, 0x00] + Array("this is not deflate data at all".utf8))
  },
  Misbehaviour(name: "binary content", expected: "not an HTML page", requests: 1...1) { _ in
    .respond(
      status: 200, headers: [("Content-Type", "text/html")],
      body: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + chunk.prefix(500))
  },
  Misbehaviour(name: "malformed chunked encoding", expected: "bad response", requests: 1...1) {
    _ in
    .raw(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "zz\r\n<html><p>x</p>\r\n0\r\n\r\n")
  },
  Misbehaviour(name: "garbage status line", expected: "bad response", requests: 1...1) { _ in
    .raw("SPAM SPAM SPAM\r\n\r\n<html><p>eggs</p></html>")
  },
  Misbehaviour(
    name: "304 without a conditional request", expected: "not conditional", requests: 1...1
  ) { _ in .respond(status: 304, headers: [], body: []) },
  Misbehaviour(name: "empty 200", expected: "empty body", requests: 1...1) { _ in
    .respond(status: 200, headers: [("Content-Type", "text/html")], body: [])
  },
]

private let bomb: [UInt8] = {
  let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
  let file = tests.appendingPathComponent("Fixtures/compressed/bomb.gz")
  return (try? [UInt8](Data(contentsOf: file))) ?? []
}()

/// A folder store with one good capture of a page served by a loopback server.
struct CapturedPage {
  let root: String
  let server: LoopbackServer
  let switchboard: Switchboard
  let service: SnapshotService
  let clock: TestClock
  let url: String

  static let options = FetchOptions(
    connectTimeout: 2, totalTimeout: 4, lowSpeedLimit: 1024, lowSpeedTime: 1, maxRetries: 1,
    retryBaseDelay: 0.05, maxRetryAfter: 2)

  init(goodPage: Behaviour, options: FetchOptions = Self.options) async throws {
    root = NSTemporaryDirectory() + "redline-misbehaving-" + UUID().uuidString
    let switchboard = Switchboard()
    self.switchboard = switchboard
    server = try LoopbackServer { switchboard.answer($0) }
    clock = TestClock()
    service = SnapshotService(
      fetcher: CurlFetcher(options: options), store: FolderStore(root: root), jobs: 2,
      now: clock.now)
    url = server.baseURL + "/2016/07/a-post.html"
    switchboard.set { _ in goodPage }
    let report = await service.check(url)
    #expect(report.outcome == .new)
  }

  var store: FolderStore { FolderStore(root: root) }

  /// Every file of the page's folder with its bytes, except the history.
  func files() throws -> [String: Data] {
    let page = try #require(try store.page(for: url))
    let folder = store.path(of: page)
    var files: [String: Data] = [:]
    // The history and its head record every check; the captures must not change.
    for name in try FileManager.default.contentsOfDirectory(atPath: folder)
    where name != "history.jsonl" && name != "head.json" {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }
    return files
  }

  func history() throws -> [HistoryEntry] {
    try store.history(of: try #require(try store.page(for: url)))
  }

  func remove() {
    server.stop()
    try? FileManager.default.removeItem(atPath: root)
  }
}

@Suite("A misbehaving server never damages the archive")
struct MisbehavingServerTests {
  @Test(
    "the check fails with a one-line reason; one history line; captures untouched",
    arguments: misbehaviours, FetchEngine.allCases)
  func misbehaving(_ case: Misbehaviour, engine: FetchEngine) async throws {
    var options = CapturedPage.options
    options.engine = engine
    let page = try await CapturedPage(
      goodPage: .respond(status: 200, headers: [("Content-Type", "text/html")], body: goodPage),
      options: options)
    defer { page.remove() }
    let before = try page.files()
    let requestsBefore = page.server.requests.count

    page.clock.advance(3600)
    page.switchboard.set(`case`.respond)
    let started = ContinuousClock.now
    let report = await page.service.check(page.url)

    guard case .failed(let failure) = report.outcome else {
      Issue.record("\(`case`.name): expected a failure, got \(report.outcome)")
      return
    }
    let reason = failure.message
    #expect(reason.contains(`case`.expected), "\(reason)")
    #expect(reason.contains(page.url))
    #expect(!reason.contains("\n"))
    // A hang guard, not a speed test: the options time out within seconds, and an endless or
    // silent response without limits would run far past this. Generous for a loaded machine.
    #expect(ContinuousClock.now - started < .seconds(60))
    #expect(`case`.requests.contains(page.server.requests.count - requestsBefore))
    #expect(try page.files() == before)
    let history = try page.history()
    #expect(history.map(\.outcome) == [.new, .failed])
    #expect(history.last?.error == reason)
    let latest = try page.store.captures(of: try #require(try page.store.page(for: page.url)))
    #expect(latest.count == 1)
  }

  @Test("a 304 to a conditional request is an unchanged check that downloads no body")
  func notModified() async throws {
    let etag = "\"v1\""
    let modified = "Sat, 02 Jul 2016 08:53:00 GMT"
    let page = try await CapturedPage(
      goodPage: .respond(
        status: 200,
        headers: [("Content-Type", "text/html"), ("ETag", etag), ("Last-Modified", modified)],
        body: goodPage))
    defer { page.remove() }
    let before = try page.files()
    page.clock.advance(3600)
    page.switchboard.set { request in
      request.header("If-None-Match") == etag
        ? .respond(status: 304, headers: [("ETag", etag)], body: [])
        : .respond(status: 200, headers: [("Content-Type", "text/html")], body: [])
    }
    let report = await page.service.check(page.url)
    #expect(report.outcome == .unchanged)
    let request = try #require(page.server.requests.last)
    #expect(request.header("If-None-Match") == etag)
    #expect(request.header("If-Modified-Since") == modified)
    #expect(try page.files() == before)
    let history = try page.history()
    #expect(history.map(\.outcome) == [.new, .unchanged])
    #expect(history.last?.status == 304)
    #expect(history.last?.capture == history.first?.capture)
  }

  @Test("a wrong charset label still gives the same article: unchanged, nothing stored")
  func wrongCharsetLabel() async throws {
    let text = "Les éditeurs ont modifié l’article après sa publication, sans le signaler. "
    let utf8Page = post([text + first, second])
    let latin1 = Array(utf8Page.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    // Windows-1252 for the curly apostrophe (U+2019), as a legacy CMS would write it.
    let legacy = latin1.map { $0 == 0x19 ? 0x92 : $0 }
    let page = try await CapturedPage(
      goodPage: .respond(
        status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
        body: Array(utf8Page.utf8)))
    defer { page.remove() }
    let before = try page.files()
    let stored = try page.store.articleText(
      of: try #require(try page.store.page(for: page.url)), capture: "20160702T095300Z")
    #expect(stored.contains(text.trimmingCharacters(in: .whitespaces)))

    page.clock.advance(3600)
    page.switchboard.set { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: legacy)
    }
    let report = await page.service.check(page.url)
    #expect(report.outcome == .unchanged)
    #expect(try page.files() == before)
    #expect(try page.history().map(\.outcome) == [.new, .unchanged])
  }

  @Test("content that is not HTML is stored raw with no article, and reported as such")
  func notHTML() async throws {
    let pdf = Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8)
    let page = try await CapturedPage(
      goodPage: .respond(status: 200, headers: [("Content-Type", "text/html")], body: goodPage))
    defer { page.remove() }
    page.clock.advance(3600)
    page.switchboard.set { _ in
      .respond(status: 200, headers: [("Content-Type", "application/pdf")], body: pdf)
    }
    let report = await page.service.check(page.url)
    #expect(report.outcome == .notHTML(mediaType: "application/pdf"))
    #expect(report.line == "not-html application/pdf \(page.url)")
    let record = try #require(try page.store.page(for: page.url))
    let captures = try page.store.captures(of: record)
    #expect(captures.count == 2)
    let raw = try page.store.rawBody(of: record, capture: try #require(captures.last?.time))
    #expect(raw == pdf)
    #expect(captures.last?.metadata.title == nil)

    page.clock.advance(3600)
    #expect(await page.service.check(page.url).outcome == .unchanged)

    // Back to HTML with the same article: a return, not an edit (no capture, no +0 -0).
    page.clock.advance(3600)
    page.switchboard.set { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: goodPage)
    }
    let back = await page.service.check(page.url)
    #expect(back.outcome == .back)
    #expect(back.line == "back \(page.url)")
    #expect(try page.store.captures(of: record).count == 2)
    page.clock.advance(3600)
    #expect(await page.service.check(page.url).outcome == .unchanged)
    #expect(try page.store.captures(of: record).count == 2)
  }
}
