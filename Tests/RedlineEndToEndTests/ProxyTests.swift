import Foundation
import LoopbackServer
import Testing

/// Every proxy variable libcurl reads, removed so that only the ones a test sets apply.
private let noProxies: [String: String?] = [
  "http_proxy": nil, "HTTP_PROXY": nil, "https_proxy": nil, "HTTPS_PROXY": nil,
  "all_proxy": nil, "ALL_PROXY": nil, "no_proxy": nil, "NO_PROXY": nil,
]

private func samplePage() throws -> [UInt8] {
  Array(try Data(contentsOf: samplePost.appendingPathComponent("v1.html")))
}

private func environment(_ set: [String: String]) -> [String: String?] {
  noProxies.merging(set.mapValues { Optional($0) }) { $1 }
}

/// Proxies from the usual environment variables. In the serialized end-to-end suite: each
/// test blocks a thread of the cooperative pool while `redline` runs.
extension EndToEndTests {
  @Test("http_proxy: the request goes to the proxy in absolute form and the page is stored")
  func httpProxy() throws {
    let work = try TemporaryFolder()
    let post = try samplePage()
    // A plain HTTP proxy answers absolute-form requests; this one serves the post itself.
    let proxy = try LoopbackServer { request in
      request.target.hasPrefix("http://blog.example/")
        ? .respond(status: 200, headers: [("Content-Type", "text/html")], body: post)
        : .respond(status: 400, headers: [], body: [])
    }
    let url = "http://blog.example/2016/07/post.html"
    let run = try redline(
      ["snapshot", "--store", work.file("store"), url],
      environment: environment(["http_proxy": proxy.baseURL]))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "new \(url)\n")
    #expect(proxy.requests.map(\.target) == [url])
    #expect(proxy.requests.first?.header("Host") == "blog.example")
  }

  @Test("no_proxy: a listed host is fetched directly, the proxy sees nothing")
  func noProxy() throws {
    let work = try TemporaryFolder()
    let post = try samplePage()
    let origin = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: post)
    }
    let proxy = try LoopbackServer { _ in .respond(status: 502, headers: [], body: []) }
    let url = origin.baseURL + "/2016/07/post.html"
    let run = try redline(
      ["snapshot", "--store", work.file("store"), url],
      environment: environment(["http_proxy": proxy.baseURL, "no_proxy": "127.0.0.1"]))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(origin.requests.map(\.target) == ["/2016/07/post.html"])
    #expect(proxy.requests.isEmpty)
  }

  @Test("HTTPS_PROXY: an https page is asked for through a CONNECT tunnel; a refusal fails it")
  func httpsProxy() throws {
    let work = try TemporaryFolder()
    let proxy = try LoopbackServer { _ in .respond(status: 403, headers: [], body: []) }
    let url = "https://blog.example/2016/07/post.html"
    let run = try redline(
      ["snapshot", "--store", work.file("store"), "--retries", "0", url],
      environment: environment(["HTTPS_PROXY": proxy.baseURL]))
    #expect(run.status == 3)
    #expect(run.stderr.hasPrefix("redline: fetching \(url): "), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(proxy.requests.map(\.method) == ["CONNECT"])
    #expect(proxy.requests.map(\.target) == ["blog.example:443"])
  }

  @Test("a host that does not resolve fails at once with one line, and nothing is stored")
  func hostNotFound() throws {
    let work = try TemporaryFolder()
    // See unresolvableHost in HTTPFetchingTests: its lookup never leaves the machine.
    let url = "http://\(String(repeating: "a", count: 64)).invalid/2016/07/post.html"
    let run = try redline(
      ["snapshot", "--store", work.file("store"), url], environment: environment([:]))
    #expect(run.status == 3)
    #expect(
      run.stderr == "redline: fetching \(url): host not found: \(url.split(separator: "/")[1])\n")
    let stored = try FileManager.default.subpathsOfDirectory(atPath: work.file("store"))
    #expect(!stored.contains { $0.hasSuffix(".txt") || $0.hasSuffix(".html") })
  }
}
