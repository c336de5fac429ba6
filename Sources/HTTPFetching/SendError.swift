/// Why a notification could not be sent (a webhook POST, a mail): one line a user can act on,
/// naming where it went, never a credential.
public enum SendError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The URL cannot be used as written (scheme, syntax).
  case invalidURL(String, reason: String)
  /// libcurl failed: could not connect, timed out, TLS, refused by the SMTP server, ….
  case transfer(to: String, code: Int, message: String)
  /// A header value or mail address holds a control character; refused, never sent.
  case invalidField(to: String, name: String)
  /// libcurl could not be set up (out of memory, or missing).
  case initFailed

  /// `posting to http://…: could not connect: Couldn't connect to server`.
  public var description: String {
    switch self {
    case .invalidURL(let url, let reason): "\(url): invalid URL: \(reason)"
    case .transfer(let to, let code, let message):
      "sending to \(to): \(message) (libcurl error \(code))"
    case .invalidField(let to, let name):
      "sending to \(to): the \(name) holds a control character (CR, LF, …); not sent"
    case .initFailed: "sending: could not initialise libcurl"
    }
  }
}
