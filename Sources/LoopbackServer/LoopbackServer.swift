#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1, for testing HTTP clients against real sockets.
///
/// It listens only on the loopback address, serves one request per connection (every response
/// ends with the connection closing) and asks `respond` what to do with each request, which can
/// be a normal answer or one of the broken ones in ``Behaviour``. One thread accepts connections
/// and each connection gets a thread of its own, so `respond` may run on several threads at once.
///
///     let server = try LoopbackServer { request in
///       request.path == "/slow" ? .silence(seconds: 5) : .text("hello")
///     }
///     defer { server.stop() }
///     // fetch "\(server.baseURL)/page", then inspect server.requests
///
/// Invariants: after ``stop()`` returns, the port is closed, no new request reaches `respond`
/// and ``requests`` no longer changes (unless a responder blocked past the stop timeout).
/// Dropping the last reference stops the server too.
public final class LoopbackServer: Sendable {
  /// The port the server listens on; the system's choice when `0` was asked for.
  public let port: UInt16

  private let core: ServerCore

  /// Longest wait in ``stop()`` for connection threads to end.
  private static let stopTimeoutSeconds = 5.0

  /// Starts listening on `127.0.0.1:port` and serving requests on background threads.
  ///
  /// - Parameters:
  ///   - port: The port to bind; `0`, the default, lets the system pick a free one.
  ///   - respond: Decides what to do with each request. It is called on the connection's own
  ///     thread, possibly on several threads at once, so it must not block for long.
  /// - Throws: ``LoopbackServerError`` if the socket cannot be opened, bound or listened on
  ///   (for example when `port` is taken).
  public init(port: UInt16 = 0, respond: @escaping @Sendable (HTTPRequest) -> Behaviour) throws {
    let listener = try Self.openListener(port: port)
    do {
      let boundPort = try Self.localPort(of: listener)
      var wakePipe: [Int32] = [-1, -1]
      try systemCall("pipe") { pipe(&wakePipe) }
      // pipe2 and accept4 are hidden from Swift's Glibc module, hence the separate fcntl.
      for descriptor in wakePipe {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      }
      self.port = boundPort
      core = ServerCore(
        listener: listener, wakeReader: wakePipe[0], wakeWriter: wakePipe[1], respond: respond)
    } catch {
      close(listener)
      throw error
    }
    core.start(port: port)
  }

  deinit {
    core.stop(timeout: Self.stopTimeoutSeconds)
  }

  /// The URL of the server's root, such as `http://127.0.0.1:41234`, without a trailing slash.
  public var baseURL: String {
    "http://127.0.0.1:\(port)"
  }

  /// Every request received so far, in the order they were read.
  ///
  /// A request appears here before `respond` is called for it. Requests the server rejects
  /// itself (malformed: 400, head over 64 KiB: 431, body over 16 MiB: 413) are not listed.
  public var requests: [HTTPRequest] {
    core.requests
  }

  /// Stops accepting, closes the listening socket, cuts off open connections and waits for their
  /// threads to end (at most 5 seconds).
  ///
  /// Calling it again does nothing more.
  public func stop() {
    core.stop(timeout: Self.stopTimeoutSeconds)
  }

  /// Opens a non-blocking listening socket bound to 127.0.0.1 only.
  private static func openListener(port: UInt16) throws(LoopbackServerError) -> Int32 {
    let socketType = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
    let listener = try systemCall("socket") { socket(AF_INET, socketType, 0) }
    do {
      var reuse: Int32 = 1
      try systemCall("setsockopt(SO_REUSEADDR)") {
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
      }
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr = in_addr(s_addr: INADDR_LOOPBACK.bigEndian)
      try systemCall("bind(127.0.0.1:\(port))") {
        withUnsafePointer(to: &address) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
          }
        }
      }
      try systemCall("listen") { listen(listener, SOMAXCONN) }
      return listener
    } catch {
      close(listener)
      throw error
    }
  }

  /// Reads back the port a socket is bound to.
  private static func localPort(of listener: Int32) throws(LoopbackServerError) -> UInt16 {
    var address = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try systemCall("getsockname") {
      withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          getsockname(listener, $0, &length)
        }
      }
    }
    return UInt16(bigEndian: address.sin_port)
  }
}
