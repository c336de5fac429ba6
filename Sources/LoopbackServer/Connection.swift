#if canImport(Glibc)
  import Glibc
#endif

/// A connected client socket, owned by the one thread that serves it.
///
/// Invariant: `descriptor` stays open and registered with `core` for exactly as long as this value
/// lives; `deinit` unregisters and closes it under the core's lock, so
/// ``ServerCore/stop(timeout:)`` never shuts down a descriptor number that was closed and reused.
struct Connection: ~Copyable {
  /// How one wait on the socket ended.
  enum WaitEnd {
    /// Bytes arrived; the receive buffer grew by this many.
    case received(Int)
    /// The deadline passed first.
    case deadline
    /// The client closed its side, or the socket failed.
    case peerClosed
    /// The server is stopping.
    case stopping
  }

  /// How reading the request ended.
  enum RequestRead {
    case request(HTTPRequest)
    /// The request is unusable; answer with this status (400, 413, 431) and close.
    case rejected(status: Int)
    /// The client went away, stalled past the deadline, or the server is stopping.
    case abandoned
  }

  let descriptor: Int32
  let core: ServerCore

  init(descriptor: Int32, core: ServerCore) {
    self.descriptor = descriptor
    self.core = core
    var enabled: Int32 = 1
    setsockopt(
      descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
    // A client that stops reading must not pin this thread in send() forever.
    var sendTimeout = timeval(tv_sec: Limits.sendTimeoutSeconds, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit {
    core.closeConnection(descriptor)
  }

  /// Reads one request head and its `Content-Length` body, all within `seconds`.
  ///
  /// Answers `Expect: 100-continue` before reading the body, so clients do not stall.
  func readRequest(within seconds: Int) -> RequestRead {
    let deadline = ContinuousClock.now + .seconds(seconds)
    var buffer: [UInt8] = []
    var headEnd: (head: Int, body: Int)?
    while headEnd == nil {
      guard buffer.count <= Limits.maximumHeadBytes else { return .rejected(status: 431) }
      guard case .received = wait(until: deadline, into: &buffer) else { return .abandoned }
      headEnd = Self.findHeadEnd(in: buffer)
    }
    guard let (headLength, bodyStart) = headEnd, headLength <= Limits.maximumHeadBytes else {
      return .rejected(status: 431)
    }
    guard let request = HTTPRequest.parse(head: buffer[..<headLength]) else {
      return .rejected(status: 400)
    }
    var bodyLength = 0
    if let declared = request.header("Content-Length") {
      guard let length = Int(declared), length >= 0 else { return .rejected(status: 400) }
      guard length <= Limits.maximumBodyBytes else { return .rejected(status: 413) }
      bodyLength = length
    }
    var body = Array(buffer[bodyStart...])
    if body.count < bodyLength, request.header("Expect")?.lowercased() == "100-continue" {
      guard send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .abandoned }
    }
    while body.count < bodyLength {
      guard case .received = wait(until: deadline, into: &body) else { return .abandoned }
    }
    return .request(request.withBody(Array(body.prefix(bodyLength))))
  }

  /// Waits until bytes arrive (appending them to `buffer`), the peer closes, the deadline passes
  /// or the server stops, whichever comes first.
  func wait(until deadline: ContinuousClock.Instant, into buffer: inout [UInt8]) -> WaitEnd {
    while true {
      var watched = [
        pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
        pollfd(fd: core.wakeReader, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&watched, nfds_t(watched.count), Self.milliseconds(until: deadline))
      if ready < 0 {
        if errno == EINTR { continue }
        return .peerClosed
      }
      if watched[1].revents != 0 { return .stopping }
      if ready == 0 { return .deadline }
      var chunk = [UInt8](repeating: 0, count: 16 * 1024)
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return .peerClosed }
      buffer.append(contentsOf: chunk[..<count])
      return .received(count)
    }
  }

  /// Discards whatever the client sends until the deadline, the client closes or the server
  /// stops; returns which of those happened.
  func idle(until deadline: ContinuousClock.Instant) -> WaitEnd {
    var discarded: [UInt8] = []
    while true {
      let end = wait(until: deadline, into: &discarded)
      guard case .received = end else { return end }
      discarded.removeAll(keepingCapacity: true)
    }
  }

  /// Sends all of `bytes`; returns `false` if the client went away (never raises `SIGPIPE`).
  func send(_ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        Glibc.send(
          descriptor, buffer.baseAddress.map { $0 + sent }, buffer.count - sent,
          Int32(MSG_NOSIGNAL))
      }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return false }
      sent += count
    }
    return true
  }

  /// Ends the response with a FIN and lets the client read it before the socket closes.
  ///
  /// Closing while the client's bytes sit unread would make the kernel send a reset, which can
  /// destroy the response before the client reads it; so drain briefly first.
  func finishGracefully() {
    shutdown(descriptor, Int32(SHUT_WR))
    _ = idle(until: ContinuousClock.now + .seconds(Limits.lingerSeconds))
  }

  /// Finds the blank line that ends a request head.
  ///
  /// - Returns: The head's length (without the blank line) and where the body starts.
  static func findHeadEnd(in buffer: [UInt8]) -> (head: Int, body: Int)? {
    let newline = UInt8(ascii: "\n")
    var index = buffer.startIndex
    while let found = buffer[index...].firstIndex(of: newline) {
      let next = found + 1
      if next < buffer.count, buffer[next] == newline {
        return (head: found, body: next + 1)
      }
      if next + 1 < buffer.count, buffer[next] == UInt8(ascii: "\r"), buffer[next + 1] == newline {
        return (head: found, body: next + 2)
      }
      index = next
    }
    return nil
  }

  /// The poll(2) timeout that ends at `deadline`, rounded up to whole milliseconds.
  static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
    let remaining = ContinuousClock.now.duration(to: deadline)
    guard remaining > .zero else { return 0 }
    let (seconds, attoseconds) = remaining.components
    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: milliseconds)
  }
}

/// Bounds that keep one misbehaving client from holding a handler thread for long.
enum Limits {
  /// Largest request head accepted; a longer one gets 431.
  static let maximumHeadBytes = 64 * 1024
  /// Largest request body read; a longer one gets 413. Fixture tests send small bodies.
  static let maximumBodyBytes = 16 * 1024 * 1024
  /// Time a client has to send its whole request, from accept.
  static let requestReadSeconds = 10
  /// Time a kept-alive connection waits for the client's next whole request.
  static let keepAliveIdleSeconds = 60
  /// Time a blocked send may wait for the client to read.
  static let sendTimeoutSeconds = 10
  /// Time to wait for the client to close after the response, so no reset destroys it.
  static let lingerSeconds = 1
  /// Longest ``Behaviour/silence(seconds:)`` or drip interval honoured: one day.
  static let maximumWaitSeconds = 86_400.0
}
