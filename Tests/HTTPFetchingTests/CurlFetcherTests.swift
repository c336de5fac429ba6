import Foundation
import HTTPFetching
import LoopbackServer
import Testing

private let page = Array("<html><body><p>Hello</p></body></html>".utf8)

@Suite("CurlFetcher against a loopback server")
struct CurlFetcherTests {
  let fetcher = CurlFetcher(options: FetchOptions(connectTimeout: 2, totalTimeout: 5))

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

  @Test("a connection closed before headers is a protocol error")
  func closedEarly() async throws {
    let server = try LoopbackServer { _ in .closeWithoutResponse }
    await #expect {
      try await fetcher.fetch(server.baseURL + "/x")
    } throws: { error in
      guard case .protocolError = error as? FetchError else { return false }
      return String(describing: error).hasPrefix("fetching \(server.baseURL)/x: ")
    }
  }

  @Test("nothing listening gives a connection error naming the URL")
  func refused() async throws {
    let server = try LoopbackServer { _ in .closeWithoutResponse }
    let url = server.baseURL + "/x"
    server.stop()
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
}
