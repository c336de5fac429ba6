import Foundation
import HTTPFetching
import LoopbackServer
import Testing

/// A host name that cannot resolve, and whose lookup never leaves the machine: `.invalid` is
/// reserved (RFC 6761), and a label longer than 63 bytes cannot be put in a DNS query, so the
/// C library's resolver gives up before sending one (checked with strace: no packet to port 53,
/// where a plain `nothing.invalid` does query the configured name server).
let unresolvableHost = String(repeating: "a", count: 64) + ".invalid"

@Suite("CurlFetcher: names and TLS")
struct NameAndTLSTests {
  @Test("a host name that does not resolve is a host-not-found error naming URL and host")
  func hostNotFound() async throws {
    let url = "http://\(unresolvableHost)/2016/07/post.html"
    let fetcher = CurlFetcher(
      options: FetchOptions(connectTimeout: 2, totalTimeout: 5, retryBaseDelay: 0.01))
    await #expect(throws: FetchError.hostNotFound(url: url, host: unresolvableHost)) {
      try await fetcher.fetch(url)
    }
    let message = String(
      describing: FetchError.hostNotFound(url: url, host: unresolvableHost))
    #expect(message == "fetching \(url): host not found: \(unresolvableHost)")
  }

  @Test("over TLS the fetcher offers HTTP/2 (ALPN h2) and falls back to HTTP/1.1")
  func offersHTTP2() async throws {
    let server = try TLSServer()
    defer { server.stop() }
    let fetcher = CurlFetcher(
      options: FetchOptions(connectTimeout: 5, totalTimeout: 10, verifyTLS: false))
    let response = try await fetcher.fetch("https://127.0.0.1:\(server.port)/")
    #expect(response.status == 200)
    let log = server.stop()
    // openssl s_server reports the client's ALPN list; it chose http/1.1 (it cannot speak h2).
    #expect(log.contains("ALPN protocols advertised by the client: h2, http/1.1"), "\(log)")
    #expect(log.contains("ALPN protocols selected: http/1.1"), "\(log)")
  }
}

extension NameAndTLSTests {
  @Test("--ca-bundle: a certificate the bundle vouches for is trusted; without it, a TLS error")
  func caBundle() async throws {
    let trusted = try TLSServer()
    defer { trusted.stop() }
    var options = FetchOptions(connectTimeout: 5, totalTimeout: 10, maxRetries: 0)
    options.caBundle = trusted.certificate
    let fetcher = CurlFetcher(options: options)
    #expect(try await fetcher.fetch("https://127.0.0.1:\(trusted.port)/").status == 200)

    let untrusted = try TLSServer()
    defer { untrusted.stop() }
    let plain = CurlFetcher(
      options: FetchOptions(connectTimeout: 5, totalTimeout: 10, maxRetries: 0))
    await #expect {
      try await plain.fetch("https://127.0.0.1:\(untrusted.port)/")
    } throws: { error in
      guard case .tls = error as? FetchError else { return false }
      return true
    }
  }
}

/// `openssl s_server` on 127.0.0.1 with a throw-away self-signed certificate, answering one
/// connection with its status page over HTTP/1.0 and logging the ALPN protocols the client
/// offered. No Swift TLS server is available here, and openssl cannot speak HTTP/2 itself. It
/// ends after that one connection, which flushes its log.
final class TLSServer {
  let port: UInt16
  private let process: Process
  private let output: Pipe
  private let folder: String
  /// What openssl printed before it was ready (read while waiting for it).
  private let earlyLog: String
  /// The server's self-signed certificate (PEM), for a client's CA bundle.
  var certificate: String { folder + "/cert.pem" }

  init() throws {
    folder = NSTemporaryDirectory() + "redline-tls-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let request = try Self.openssl(
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1",
        "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
      ])
    for _ in 0..<2000 where isAlive(request.processIdentifier) { usleep(10_000) }
    request.waitUntilExit()
    guard FileManager.default.fileExists(atPath: folder + "/cert.pem") else {
      throw TLSServerError.noCertificate
    }
    // A free port: the system picks one for a loopback server, which gives it back at once.
    // Another test may take it before openssl binds it; then openssl ends, and this tries
    // another.
    // Each try gets a pipe of its own: Process closes the parent's copy of the write end once
    // the child has started, so a pipe handed to a second Process fails with EBADF.
    var started: (port: UInt16, process: Process, output: Pipe, log: String)?
    for _ in 0..<5 where started == nil {
      let probe = try LoopbackServer { _ in .closeWithoutResponse }
      let port = probe.port
      probe.stop()
      let output = Pipe()
      let process = try Self.openssl(
        [
          "s_server", "-accept", "127.0.0.1:\(port)", "-cert", folder + "/cert.pem", "-key",
          folder + "/key.pem", "-alpn", "http/1.1", "-www", "-naccept", "1",
        ], output: output)
      if let printed = Self.waitForListener(process: process, output: output) {
        started = (port, process, output, printed)
      } else {
        // Not `isRunning`: Foundation sets it from a monitoring thread, which may not have
        // seen the launch yet (it did not once under load, and waiting for exit then hung).
        kill(process.processIdentifier, SIGKILL)
      }
    }
    guard let started else { throw TLSServerError.notListening }
    (port, process, output, earlyLog) = started
  }

  /// Waits for the server to end after its one connection (stopping it after 20 s), and
  /// returns everything it printed.
  @discardableResult
  func stop() -> String {
    let pid = process.processIdentifier
    for _ in 0..<2000 where isAlive(pid) { usleep(10_000) }
    if isAlive(pid) { kill(pid, SIGKILL) }
    process.waitUntilExit()
    let log =
      earlyLog
      + String(decoding: (try? output.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
    try? FileManager.default.removeItem(atPath: folder)
    return log
  }

  private static func openssl(_ arguments: [String], output: Pipe? = nil) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.standardOutput = output ?? FileHandle.nullDevice
    process.standardError = output ?? FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Waits until openssl says it accepts connections (its "ACCEPT" line, printed once it
  /// listens), without connecting: the one connection is the test's. Returns what it printed
  /// so far (the rest of its log follows in the pipe), or nil when openssl ends first (the
  /// port was taken) or after 20 s. The pipe is read as it fills, with `poll`, so the wait
  /// ends when openssl is ready however loaded the machine is. (A scan of /proc/net/tcp for
  /// the port timed out in full-suite runs on a loaded machine, for reasons not pinned down;
  /// openssl's own line needs no such scan.) Whether
  /// openssl ended is read from /proc/PID/stat, not from `Process.isRunning`, which a
  /// monitoring thread sets some time after launch: right after `run()` it can still say
  /// false.
  private static func waitForListener(process: Process, output: Pipe) -> String? {
    let descriptor = output.fileHandleForReading.fileDescriptor
    var printed: [UInt8] = []
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      if poll(&ready, 1, 100) > 0 {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &buffer, buffer.count)
        if count > 0 {
          printed += buffer[..<count]
          let text = String(decoding: printed, as: UTF8.self)
          if text.contains("ACCEPT\n") { return text }
          continue
        }
        // End of the pipe: openssl has ended.
        return nil
      }
      guard isAlive(process.processIdentifier) else { return nil }
    }
    return nil
  }
}

/// Whether process `pid` exists and has not ended (a zombie, state Z, has ended).
private func isAlive(_ pid: Int32) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = stat.lastIndex(of: ")")
  else { return false }
  let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
  return state != "Z" && state != "X"
}

private enum TLSServerError: Error {
  case noCertificate
  case notListening
}
