import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The running part of a ``LoopbackServer``, shared by its accept thread and connection threads.
///
/// Ownership of descriptors:
/// - `listener` belongs to the accept thread, which closes it when it leaves its loop.
/// - Each connection descriptor belongs to one ``Connection``; it is listed in
///   `state.openConnections` from accept until the `Connection` closes it under the lock.
/// - The wake pipe is closed by `stop` once every thread has left its loop, or else by `deinit`,
///   which runs only after the last thread (each holds a strong reference) has finished.
///
/// Stopping writes one byte to the wake pipe and never reads it, so the pipe stays readable and
/// every `poll` that watches it returns at once, now and later.
final class ServerCore: Sendable {
  struct State {
    var requests: [HTTPRequest] = []
    var openConnections: Set<Int32> = []
    var connectionsAccepted = 0
    var stopping = false
    var wakePipeClosed = false
  }

  let listener: Int32
  let wakeReader: Int32
  let wakeWriter: Int32
  let respond: @Sendable (HTTPRequest) -> Behaviour
  let state = Mutex(State())
  /// Entered once per connection thread, left when it ends.
  let handlers = DispatchGroup()
  /// Entered before the accept thread starts, left when it has closed the listener.
  let acceptor = DispatchGroup()

  init(
    listener: Int32,
    wakeReader: Int32,
    wakeWriter: Int32,
    respond: @escaping @Sendable (HTTPRequest) -> Behaviour
  ) {
    self.listener = listener
    self.wakeReader = wakeReader
    self.wakeWriter = wakeWriter
    self.respond = respond
  }

  deinit {
    closeWakePipe()
  }

  /// Starts the accept thread.
  func start(port: UInt16) {
    acceptor.enter()
    let thread = Thread { [self] in
      acceptLoop()
      acceptor.leave()
    }
    thread.name = "LoopbackServer accept 127.0.0.1:\(port)"
    thread.start()
  }

  /// Accepts connections until the wake pipe becomes readable, then closes the listener.
  private func acceptLoop() {
    defer { close(listener) }
    while true {
      var watched = [
        pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&watched, nfds_t(watched.count), -1)
      if ready < 0 {
        if errno != EINTR { pauseBriefly() }
        continue
      }
      if watched[1].revents != 0 { return }
      guard watched[0].revents != 0 else { continue }
      let descriptor = accept(listener, nil, nil)
      guard descriptor >= 0 else {
        switch errno {
        case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO: break
        // Out of descriptors or memory: let handlers finish instead of spinning.
        default: pauseBriefly()
        }
        continue
      }
      // Not atomic with accept (accept4 is hidden from Swift), but a child spawned in between
      // is the only way to leak it, and Foundation's Process closes inherited descriptors.
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      startHandler(for: descriptor)
    }
  }

  /// Registers the descriptor and serves it on a thread of its own.
  private func startHandler(for descriptor: Int32) {
    let registered = state.withLock { state in
      guard !state.stopping else { return false }
      state.openConnections.insert(descriptor)
      handlers.enter()
      return true
    }
    guard registered else {
      close(descriptor)
      return
    }
    let thread = Thread { [self] in
      serve(Connection(descriptor: descriptor, core: self))
      handlers.leave()
    }
    thread.name = "LoopbackServer connection \(descriptor)"
    thread.start()
  }

  /// Reads each request, logs it, asks the responder what to do and does it, until a behaviour
  /// closes the connection.
  private func serve(_ connection: consuming Connection) {
    let number = state.withLock { state in
      state.connectionsAccepted += 1
      return state.connectionsAccepted
    }
    var first = true
    while true {
      // A kept-alive connection may wait longer for its next request than a new one for its
      // first: a test between two fetches can be held up (two cores, tests in parallel).
      let seconds = first ? Limits.requestReadSeconds : Limits.keepAliveIdleSeconds
      first = false
      switch connection.readRequest(within: seconds) {
      case .abandoned:
        return
      case .rejected(let status):
        _ = connection.send(ResponseHead.serialize(status: status, headers: [], bodyLength: 0))
        connection.finishGracefully()
        return
      case .request(let request):
        let request = request.on(connection: number)
        state.withLock { $0.requests.append(request) }
        guard perform(respond(request), for: request, on: connection) else { return }
      }
    }
  }

  /// Closes a connection's descriptor and forgets it, under the lock that `stop` takes.
  func closeConnection(_ descriptor: Int32) {
    state.withLock { state in
      state.openConnections.remove(descriptor)
      close(descriptor)
    }
  }

  /// Every request logged so far, in the order they were read.
  var requests: [HTTPRequest] {
    state.withLock { $0.requests }
  }

  /// Stops accepting, wakes and cuts off every connection, and waits for the threads to end.
  ///
  /// - Parameter timeout: Longest wait for connection threads, which normally end within
  ///   milliseconds; a responder closure that blocks can hold one longer.
  func stop(timeout: Double) {
    let wasStopping = state.withLock { state in
      let wasStopping = state.stopping
      state.stopping = true
      for descriptor in state.openConnections {
        shutdown(descriptor, Int32(SHUT_RDWR))
      }
      return wasStopping
    }
    if !wasStopping {
      // `stop` is the only writer, and it closes the pipe only after this write.
      var byte: UInt8 = 1
      while write(wakeWriter, &byte, 1) < 0 && errno == EINTR {}
    }
    let acceptorEnded = acceptor.wait(timeout: .now() + timeout) == .success
    let handlersEnded = handlers.wait(timeout: .now() + timeout) == .success
    if acceptorEnded && handlersEnded {
      // No thread polls the pipe any more, and `stopping` keeps new handlers from starting.
      closeWakePipe()
    }
  }

  private func closeWakePipe() {
    state.withLock { state in
      guard !state.wakePipeClosed else { return }
      state.wakePipeClosed = true
      close(wakeReader)
      close(wakeWriter)
    }
  }

  /// Sleeps 10 ms, or less if the server starts stopping.
  private func pauseBriefly() {
    var wake = pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0)
    _ = poll(&wake, 1, 10)
  }
}
