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
  /// The loopback address the server listens on, such as `127.0.0.1`.
  public let address: String

  private let core: ServerCore

  /// Longest wait in ``stop()`` for connection threads to end.
  private static let stopTimeoutSeconds = 5.0

  /// Starts listening on `address:port` and serving requests on background threads.
  ///
  /// - Parameters:
  ///   - address: A dotted IPv4 address in 127.0.0.0/8 (Linux answers on all of them), so
  ///     several servers can pose as different hosts; `127.0.0.1` unless given.
  ///   - port: The port to bind; `0`, the default, lets the system pick a free one.
  ///   - respond: Decides what to do with each request. It is called on the connection's own
  ///     thread, possibly on several threads at once, so it must not block for long.
  /// - Throws: ``LoopbackServerError`` if `address` is not a loopback address, or the socket
  ///   cannot be opened, bound or listened on (for example when `port` is taken).
  public init(
    address: String = "127.0.0.1", port: UInt16 = 0,
    respond: @escaping @Sendable (HTTPRequest) -> Behaviour
  ) throws {
    guard let hostOrder = Self.loopbackAddress(address) else {
      throw LoopbackServerError.notLoopback(address)
    }
    let listener = try Self.openListener(address: hostOrder, port: port)
    do {
      let boundPort = try Self.localPort(of: listener)
      var wakePipe: [Int32] = [-1, -1]
      try systemCall("pipe") { pipe(&wakePipe) }
      // pipe2 and accept4 are hidden from Swift's Glibc module, hence the separate fcntl.
      for descriptor in wakePipe {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      }
      self.port = boundPort
      self.address = address
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
    "http://\(address):\(port)"
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

  /// The address in host byte order, if it is a dotted quad in 127.0.0.0/8.
  private static func loopbackAddress(_ text: String) -> UInt32? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var value: UInt32 = 0
    for part in parts {
      guard !part.isEmpty, part.count <= 3, let byte = UInt8(part) else { return nil }
      value = value << 8 | UInt32(byte)
    }
    return value >> 24 == 127 ? value : nil
  }

  /// Opens a non-blocking listening socket bound to one loopback address only.
  private static func openListener(address: UInt32, port: UInt16) throws(LoopbackServerError)
    -> Int32
  {
    try openSocket(address: address, port: port, listening: true)
  }

  /// Opens a non-blocking socket bound to one loopback address only, listening or not.
  static func openSocket(address: UInt32, port: UInt16, listening: Bool)
    throws(LoopbackServerError) -> Int32
  {
    let socketType = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
    let listener = try systemCall("socket") { socket(AF_INET, socketType, 0) }
    do {
      // Without SO_REUSEADDR a socket that does not listen keeps its port to itself.
      if listening {
        var reuse: Int32 = 1
        try systemCall("setsockopt(SO_REUSEADDR)") {
          setsockopt(
            listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        }
      }
      var socketAddress = sockaddr_in()
      socketAddress.sin_family = sa_family_t(AF_INET)
      socketAddress.sin_port = port.bigEndian
      socketAddress.sin_addr = in_addr(s_addr: address.bigEndian)
      try systemCall("bind(port \(port))") {
        withUnsafePointer(to: &socketAddress) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
          }
        }
      }
      if listening { try systemCall("listen") { listen(listener, SOMAXCONN) } }
      return listener
    } catch {
      close(listener)
      throw error
    }
  }

  /// Reads back the port a socket is bound to.
  static func localPort(of listener: Int32) throws(LoopbackServerError) -> UInt16 {
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
