#if canImport(Glibc)
  import Glibc
#endif

/// A failure to set up the loopback server's listening socket.
///
/// Only ``LoopbackServer/init(address:port:respond:)`` throws it; once a server is running, failures on
/// individual connections end that connection and are not reported.
public enum LoopbackServerError: Error, Sendable, CustomStringConvertible {
  /// A system call failed; `operation` names it and `errno` is the value it left behind.
  case systemCall(operation: String, errno: Int32)
  /// The address asked for is not in 127.0.0.0/8: the server never listens beyond loopback.
  case notLoopback(String)

  /// A one-line message naming the failed call and the system's explanation.
  public var description: String {
    switch self {
    case .systemCall(let operation, let code):
      let reason = String(cString: strerror(code))
      return "loopback server: \(operation) failed: \(reason) (errno \(code))"
    case .notLoopback(let address):
      return "loopback server: \(address) is not an address in 127.0.0.0/8"
    }
  }
}

/// Runs a system call that reports failure as `-1` plus `errno`, retrying on `EINTR`.
///
/// This is the one place where a failing setup call becomes a thrown ``LoopbackServerError``.
@discardableResult
func systemCall(
  _ operation: String,
  _ body: () -> Int32
) throws(LoopbackServerError) -> Int32 {
  while true {
    let result = body()
    if result != -1 {
      return result
    }
    let code = errno
    if code != EINTR {
      throw .systemCall(operation: operation, errno: code)
    }
  }
}
