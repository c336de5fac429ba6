#if canImport(Glibc)
  import Glibc
#endif

/// A port on 127.0.0.1 where nothing listens: connections to it are refused. The port stays
/// bound (without `listen`) for the object's lifetime, so no server started meanwhile by another
/// test can take it, as it could take the port of a server that was stopped.
public final class RefusingPort: Sendable {
  /// The reserved port.
  public let port: UInt16
  private let socket: Int32

  /// Binds a free port on 127.0.0.1 without listening on it.
  public init() throws {
    let loopback: UInt32 = 0x7F00_0001
    socket = try LoopbackServer.openSocket(address: loopback, port: 0, listening: false)
    do {
      port = try LoopbackServer.localPort(of: socket)
    } catch {
      close(socket)
      throw error
    }
  }

  deinit { close(socket) }

  /// `http://127.0.0.1:PORT`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }
}
