import Foundation
import Synchronization
import HTTPFetching
import LoopbackServer
import Testing

private let page = Array("<html><body><p>Hello</p></body></html>".utf8)

@Suite("CurlFetcher against a loopback server")
struct CurlFetcherTests {
  let fetcher = CurlFetcher(
    options: FetchOptions(connectTimeout: 2, totalTimeout: 5, retryBaseDelay: 0.01))

  @Test("a page comes back with status, headers, body and the User-Agent sent")
  func ok() async throws {
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"v1\"")],
        body: page)
    }
    let response = try await fetcher.fetch(server.baseURL + "/post.html")
    #expect(response.status == 200)
    #expect(response.body == page)
    #expect(response.mediaType == "text/html")
    #expect(response.header("etag") == "\"v1\"")
    #expect(response.finalURL == server.baseURL + "/post.html")
    #expect(server.requests.first?.header("User-Agent")?.hasPrefix("redline/") == true)
  }

  @Test("an error status is a response, not an error", arguments: [403, 404, 500])
  func errorStatus(status: Int) async throws {
    let server = try LoopbackServer { _ in
      .respond(status: status, headers: [], body: Array("no".utf8))
    }
    let response = try await fetcher.fetch(server.baseURL + "/x")
    #expect(response.status == status)
  }

  @Test("redirects are followed and recorded")
  func redirects() async throws {
    let server = try LoopbackServer { request in
      switch request.path {
      case "/old": .respond(status: 301, headers: [("Location", "/middle")], body: [])
      case "/middle": .respond(status: 302, headers: [("Location", "/new")], body: [])
      default: .respond(status: 200, headers: [("Content-Type", "text/html")], body: page)
      }
    }
    let response = try await fetcher.fetch(server.baseURL + "/old")
    #expect(response.finalURL == server.baseURL + "/new")
    #expect(response.redirects.map(\.status) == [301, 302])
    #expect(response.redirects.map(\.location) == ["/middle", "/new"])
  }

  @Test("a redirect loop stops with a clear error")
  func redirectLoop() async throws {
    let server = try LoopbackServer { _ in
      .respond(status: 302, headers: [("Location", "/loop")], body: [])
    }
    await #expect(throws: FetchError.tooManyRedirects(url: server.baseURL + "/loop", limit: 10)) {
      try await fetcher.fetch(server.baseURL + "/loop")
    }
  }

  @Test("a redirect to file:// is refused")
  func redirectToFile() async throws {
    let server = try LoopbackServer { _ in
      .respond(status: 302, headers: [("Location", "file:///etc/passwd")], body: [])
    }
    await #expect {
      try await fetcher.fetch(server.baseURL + "/x")
    } throws: { error in
      guard case .unsupportedScheme = error as? FetchError else { return false }
      return true
    }
  }

  @Test("a body over the size limit is refused")
  func tooLarge() async throws {
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html")],
        body: Array(repeating: 0x41, count: 100_000))
    }
    let small = CurlFetcher(options: FetchOptions(totalTimeout: 5, maxBodySize: 10_000))
    await #expect(throws: FetchError.tooLarge(url: server.baseURL + "/big", limit: 10_000)) {
      try await small.fetch(server.baseURL + "/big")
    }
  }

  @Test("a server that never answers times out")
  func silence() async throws {
    let server = try LoopbackServer { _ in .silence(seconds: 10) }
    let impatient = CurlFetcher(options: FetchOptions(connectTimeout: 1, totalTimeout: 1))
    await #expect {
      try await impatient.fetch(server.baseURL + "/x")
    } throws: { error in
      guard case .timedOut = error as? FetchError else { return false }
      return true
    }
  }

  @Test("a connection closed before headers is a lost connection, tried again")
  func closedEarly() async throws {
    let server = try LoopbackServer { _ in .closeWithoutResponse }
    await #expect {
      try await fetcher.fetch(server.baseURL + "/x")
    } throws: { error in
      guard case .connectionLost = error as? FetchError else { return false }
      return String(describing: error).hasPrefix("fetching \(server.baseURL)/x: ")
    }
    #expect(server.requests.count == 3)
  }

  @Test("nothing listening gives a connection error naming the URL")
  func refused() async throws {
    let closed = try RefusingPort()
    let url = closed.baseURL + "/x"
    await #expect {
      try await fetcher.fetch(url)
    } throws: { error in
      guard case .connectionFailed = error as? FetchError else { return false }
      return true
    }
  }

  @Test(
    "only http and https URLs are fetched",
    arguments: ["file:///etc/passwd", "ftp://x/y", "gopher://x"])
  func schemes(url: String) async {
    await #expect(throws: FetchError.self) { try await fetcher.fetch(url) }
  }

  @Test("--connect-to sends a named host to the loopback server")
  func connectTo() async throws {
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: page)
    }
    let redirected = CurlFetcher(
      options: FetchOptions(
        totalTimeout: 5, connectTo: ["blog.example:80:127.0.0.1:\(server.port)"]))
    let response = try await redirected.fetch("http://blog.example/2016/07/post.html")
    #expect(response.body == page)
    #expect(server.requests.first?.header("Host") == "blog.example")
  }

  @Test("an international domain name is fetched in its ASCII form, however it is written")
  func internationalHost() async throws {
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: page)
    }
    let fetcher = CurlFetcher(
      options: FetchOptions(
        totalTimeout: 5, connectTo: ["bücher.example:80:127.0.0.1:\(server.port)"]))
    let response = try await fetcher.fetch("http://xn--bcher-kva.example/neu.html")
    #expect(response.body == page)
    #expect(server.requests.first?.header("Host") == "xn--bcher-kva.example")
  }

  @Test(
    "a header value with a control character is refused, and nothing is sent",
    arguments: ["redline\r\nX-Injected: 1", "redline\nX-Injected: 1", "a\u{0}b", "a\u{7F}"])
  func headerInjection(userAgent: String) async throws {
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: page)
    }
    let fetcher = CurlFetcher(options: FetchOptions(userAgent: userAgent, totalTimeout: 5))
    await #expect(throws: FetchError.invalidHeader(url: server.baseURL + "/", name: "User-Agent")) {
      try await fetcher.fetch(server.baseURL + "/")
    }
    #expect(server.requests.isEmpty)
  }
}

/// A counter the loopback server's threads and the test share.
final class Tally: Sendable {
  private let state = Mutex((current: 0, peak: 0, starts: [ContinuousClock.Instant]()))

  func enter() {
    state.withLock {
      $0.current += 1
      $0.peak = max($0.peak, $0.current)
      $0.starts.append(.now)
    }
  }

  func leave() { state.withLock { $0.current -= 1 } }

  /// Holds the first requests (at most `seconds`) until `count` have been in at once, so a test
  /// sees the concurrency the client allows however loaded the machine is, rather than whatever
  /// overlap a fixed sleep happens to give. Later requests only pause briefly.
  func waitForCompany(_ count: Int, seconds: Double = 3) {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while state.withLock({ $0.peak }) < count, ContinuousClock.now < deadline {
      Thread.sleep(forTimeInterval: 0.005)
    }
    Thread.sleep(forTimeInterval: 0.05)
  }
  var peak: Int { state.withLock { $0.peak } }
  var starts: [ContinuousClock.Instant] { state.withLock { $0.starts } }
}

@Suite("CurlFetcher: conditional requests, retries, politeness, reuse")
struct CurlFetcherPolitenessTests {
  static let quick = FetchOptions(
    connectTimeout: 2, totalTimeout: 5, retryBaseDelay: 0.05, maxRetryAfter: 2)

  @Test("validators go out as If-None-Match and If-Modified-Since; a 304 has no body")
  func conditional() async throws {
    let server = try LoopbackServer { request in
      request.header("If-None-Match") == "\"v1\""
        ? .respond(status: 304, headers: [("ETag", "\"v1\"")], body: [])
        : .respond(status: 200, headers: [("ETag", "\"v1\"")], body: page)
    }
    let fetcher = CurlFetcher(options: Self.quick)
    let modified = "Sat, 02 Jul 2016 08:53:00 GMT"
    let response = try await fetcher.fetch(
      server.baseURL + "/p", validators: Validators(entityTag: "\"v1\"", lastModified: modified))
    #expect(response.status == 304)
    #expect(response.body.isEmpty)
    #expect(server.requests.first?.header("If-Modified-Since") == modified)
    let plain = try await fetcher.fetch(server.baseURL + "/p")
    #expect(plain.status == 200)
    #expect(server.requests.last?.header("If-None-Match") == nil)
    #expect(server.requests.last?.header("If-Modified-Since") == nil)
  }

  @Test("validators with a line break are never sent")
  func headerInjection() {
    let validators = Validators(entityTag: "\"a\"\r\nX-Evil: 1", lastModified: "")
    #expect(validators.isEmpty)
  }

  @Test("a 503 with Retry-After is tried again after that wait, then succeeds")
  func retryAfter() async throws {
    let attempts = Mutex(0)
    let server = try LoopbackServer { _ in
      attempts.withLock {
        $0 += 1
        return $0
      } == 1
        ? .respond(status: 503, headers: [("Retry-After", "1")], body: [])
        : .respond(status: 200, headers: [("Content-Type", "text/html")], body: page)
    }
    let start = ContinuousClock.now
    let response = try await CurlFetcher(options: Self.quick).fetch(server.baseURL + "/p")
    #expect(response.status == 200)
    #expect(server.requests.count == 2)
    #expect(ContinuousClock.now - start >= .milliseconds(950))
  }

  @Test("a Retry-After past the cap is not waited for: the 503 stands")
  func retryAfterTooLong() async throws {
    let server = try LoopbackServer { _ in
      .respond(status: 503, headers: [("Retry-After", "3600")], body: [])
    }
    let response = try await CurlFetcher(options: Self.quick).fetch(server.baseURL + "/p")
    #expect(response.status == 503)
    #expect(server.requests.count == 1)
  }

  @Test(
    "429 and 503 are retried with backoff; other 4xx and 5xx are not",
    arguments: [
      (429, 3), (503, 3), (404, 1), (403, 1), (500, 1), (410, 1),
    ])
  func retries(status: Int, requests: Int) async throws {
    let server = try LoopbackServer { _ in .respond(status: status, headers: [], body: []) }
    let response = try await CurlFetcher(options: Self.quick).fetch(server.baseURL + "/p")
    #expect(response.status == status)
    #expect(server.requests.count == requests)
  }

  @Test("a refused connection is retried, then reported")
  func refusedRetried() async throws {
    let closed = try RefusingPort()
    let url = closed.baseURL + "/x"
    let start = ContinuousClock.now
    await #expect {
      try await CurlFetcher(options: Self.quick).fetch(url)
    } throws: { error in
      guard case .connectionFailed = error as? FetchError else { return false }
      return true
    }
    // Two retries after 0.05 s and 0.1 s.
    #expect(ContinuousClock.now - start >= .milliseconds(140))
  }

  static func options(_ engine: FetchEngine) -> FetchOptions {
    var options = quick
    options.engine = engine
    return options
  }

  @Test(
    "connections are reused: sequential fetches from one host share one connection",
    arguments: FetchEngine.allCases)
  func keepAlive(engine: FetchEngine) async throws {
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html"), ("Connection", "keep-alive")],
        body: page)
    }
    let fetcher = CurlFetcher(options: Self.options(engine))
    for index in 0..<4 { _ = try await fetcher.fetch(server.baseURL + "/p\(index)") }
    let connections = Set(server.requests.map(\.connection))
    #expect(server.requests.count == 4)
    // One connection on a quiet machine; under CI's parallel load a second one is sometimes
    // opened (cause not found yet: see the 12-host test). Without reuse there would be four.
    #expect(connections.count <= 2, "\(connections.count) connections for 4 requests")
  }

  @Test(
    "a list that goes round more hosts than libcurl keeps by default still reuses connections",
    arguments: FetchEngine.allCases)
  func keepAliveAcrossManyHosts(engine: FetchEngine) async throws {
    // libcurl keeps 4 idle connections per transfer in flight unless told otherwise: going
    // round 12 hosts one page at a time, each connection was closed before its host came up
    // again.
    let servers = try (0..<12).map { _ in
      try LoopbackServer { _ in
        .respond(
          status: 200, headers: [("Content-Type", "text/html"), ("Connection", "keep-alive")],
          body: page)
      }
    }
    let fetcher = CurlFetcher(options: Self.options(engine))
    for round in 0..<3 {
      for server in servers { _ = try await fetcher.fetch(server.baseURL + "/p\(round)") }
    }
    // Without the limit every request opens a connection (three per host, 36 in all). With it
    // each host's connection is reused; on a loaded machine (CI runs the suites in parallel) a
    // round can outlast an idle connection's life now and then, so one host may open a second.
    var connections = 0
    for server in servers {
      #expect(server.requests.count == 3)
      let opened = Set(server.requests.map(\.connection)).count
      #expect(opened < 3, "\(server.address): no connection was reused")
      connections += opened
    }
    #expect(connections <= 16, "\(connections) connections for 36 requests to 12 hosts")
  }

  @Test(
    "at most two transfers to one host at a time; other hosts are not held up",
    arguments: FetchEngine.allCases)
  func perHostLimit(engine: FetchEngine) async throws {
    let tally = Tally()
    let responder: @Sendable (HTTPRequest) -> Behaviour = { _ in
      tally.enter()
      tally.waitForCompany(2)
      tally.leave()
      return .respond(status: 200, headers: [("Content-Type", "text/html")], body: page)
    }
    let server = try LoopbackServer(respond: responder)
    let fetcher = CurlFetcher(options: Self.options(engine))
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<6 {
        group.addTask { _ = try await fetcher.fetch(server.baseURL + "/p\(index)") }
      }
      try await group.waitForAll()
    }
    #expect(tally.peak == 2)

    let other = Tally()
    // Three servers on 127.0.0.1 are three hosts to libcurl, which counts a host with its port.
    let servers = try (0..<3).map { _ in
      try LoopbackServer { _ in
        other.enter()
        other.waitForCompany(3)
        other.leave()
        return .respond(status: 200, headers: [], body: page)
      }
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for server in servers {
        group.addTask { _ = try await fetcher.fetch(server.baseURL + "/p") }
      }
      try await group.waitForAll()
    }
    // The thread-pool engine runs on a Dispatch queue that starts about one thread per core,
    // so on a small machine it can hold other hosts up: one reason the multi engine is the
    // default.
    if engine == .multi { #expect(other.peak == 3) }
  }

  @Test("--delay spaces the requests to one host")
  func hostDelay() async throws {
    let tally = Tally()
    let server = try LoopbackServer { _ in
      tally.enter()
      tally.leave()
      return .respond(status: 200, headers: [], body: page)
    }
    var options = Self.quick
    options.hostDelay = 0.2
    let fetcher = CurlFetcher(options: options)
    let began = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<3 {
        group.addTask { _ = try await fetcher.fetch(server.baseURL + "/p\(index)") }
      }
      try await group.waitForAll()
    }
    // Three starts 0.2 s apart. (Arrival times at the server are not compared: on a busy
    // machine the first transfer's set-up can delay its request by more than the gap.)
    #expect(ContinuousClock.now - began >= .milliseconds(400))
    let starts = tally.starts.sorted()
    #expect(starts.count == 3)
    #expect(starts[2] - starts[0] >= .milliseconds(200))
  }

  @Test("gzip bodies are decoded")
  func gzip() async throws {
    let compressed = try fixture("compressed/page.html.gz")
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        body: compressed)
    }
    let response = try await CurlFetcher(options: Self.quick).fetch(server.baseURL + "/p")
    #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("<html><head><title>Blog"))
    #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
  }

  @Test("a loopback server refuses addresses outside 127.0.0.0/8")
  func loopbackOnly() {
    #expect(throws: LoopbackServerError.self) {
      try LoopbackServer(address: "10.0.0.1") { _ in .closeWithoutResponse }
    }
  }
}

/// The bytes of a file under Tests/Fixtures.
func fixture(_ name: String) throws -> [UInt8] {
  let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
  return [UInt8](try Data(contentsOf: tests.appendingPathComponent("Fixtures/" + name)))
}
