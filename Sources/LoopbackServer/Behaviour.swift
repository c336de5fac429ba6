/// What the loopback server does with one connection after reading its request.
///
/// Every behaviour ends by closing the connection, except a ``respond(status:headers:body:)``
/// whose headers say `Connection: keep-alive`: then the server reads the next request on the same
/// connection. Misbehaving cases exist so that an HTTP client can be tested against broken
/// servers.
public enum Behaviour: Sendable {
  /// Sends a well-formed response, then closes.
  ///
  /// The server adds `Content-Length` unless `headers` already has `Content-Length` or
  /// `Transfer-Encoding` (then `body` goes out verbatim) or the status forbids a body (1xx, 204,
  /// 304). It adds `Connection: close` unless `headers` has a `Connection` field; with
  /// `Connection: keep-alive` the connection stays open for the client's next request. A `HEAD`
  /// request gets the headers only.
  case respond(status: Int, headers: [(String, String)], body: [UInt8])

  /// Writes these bytes verbatim as the whole response, then closes.
  ///
  /// Use it for garbage status lines, malformed chunked encoding or truncated bodies.
  case raw([UInt8])

  /// Reads the request and closes the connection without answering.
  case closeWithoutResponse

  /// Reads the request and answers nothing, holding the connection open for at most `seconds`.
  ///
  /// The connection closes earlier if the client closes it or the server stops.
  case silence(seconds: Double)

  /// Sends the status line and headers at once, then `count` times waits `interval` seconds and
  /// sends `chunk`, then closes.
  ///
  /// No `Content-Length` is added, so the body ends when the connection closes; pass
  /// `count: .max` for a body that never ends. The server adds `Connection: close` unless
  /// `headers` has a `Connection` field. Dripping ends early if the client goes away or the server
  /// stops.
  case drip(status: Int, headers: [(String, String)], chunk: [UInt8], interval: Double, count: Int)
}

extension Behaviour {
  /// A response with a UTF-8 text body and the given content type.
  ///
  /// - Parameters:
  ///   - text: The body.
  ///   - status: The status code; 200 unless given.
  ///   - contentType: The `Content-Type` value; `text/plain; charset=utf-8` unless given.
  /// - Returns: A ``respond(status:headers:body:)`` behaviour.
  public static func text(
    _ text: String,
    status: Int = 200,
    contentType: String = "text/plain; charset=utf-8"
  ) -> Behaviour {
    .respond(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
  }

  /// A response whose bytes are this string's UTF-8 encoding, sent verbatim.
  ///
  /// - Parameter text: The whole response, status line included; write line ends as `\r\n`.
  /// - Returns: A ``raw(_:)`` behaviour.
  public static func raw(_ text: String) -> Behaviour {
    .raw(Array(text.utf8))
  }
}
