/// Why a fetch got no response. Each case carries the URL, so its description is one line a
/// user can act on: `fetching https://x/y: timed out after 60 s`.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The URL cannot be fetched as written.
  case invalidURL(String, reason: String)
  /// The host name did not resolve.
  case hostNotFound(url: String, host: String)
  /// Nothing accepted the connection.
  case connectionFailed(url: String, message: String)
  /// The TLS handshake or certificate check failed.
  case tls(url: String, message: String)
  /// A connect, transfer or low-speed limit ran out.
  case timedOut(url: String, message: String)
  /// The body grew past the size limit.
  case tooLarge(url: String, limit: Int)
  /// More redirects than allowed, or a redirect loop.
  case tooManyRedirects(url: String, limit: Int)
  /// A redirect or URL led to a scheme other than http or https.
  case unsupportedScheme(url: String, message: String)
  /// The body's content encoding (gzip, deflate, …) could not be decoded.
  case badContentEncoding(url: String, message: String)
  /// The connection closed or broke before any response arrived.
  case connectionLost(url: String, message: String)
  /// The server broke the protocol: no answer, a garbled reply or a truncated body.
  case protocolError(url: String, message: String)
  /// libcurl could not be set up (out of memory).
  case initFailed
  /// Any other libcurl failure, with its numeric code and message.
  case transfer(url: String, code: Int, message: String)
  /// A request header value (the User-Agent, a stored validator) holds a control character:
  /// a CR or LF would end the header and start another on the wire. Refused, never sent.
  case invalidHeader(url: String, name: String)

  /// One line, starting with the URL.
  public var description: String {
    switch self {
    case .invalidURL(let url, let reason): "fetching \(url): invalid URL: \(reason)"
    case .hostNotFound(let url, let host): "fetching \(url): host not found: \(host)"
    case .connectionFailed(let url, let message): "fetching \(url): could not connect: \(message)"
    case .tls(let url, let message): "fetching \(url): TLS failed: \(message)"
    case .timedOut(let url, let message): "fetching \(url): timed out: \(message)"
    case .tooLarge(let url, let limit): "fetching \(url): body larger than \(limit) bytes"
    case .tooManyRedirects(let url, let limit): "fetching \(url): more than \(limit) redirects"
    case .unsupportedScheme(let url, let message): "fetching \(url): \(message)"
    case .badContentEncoding(let url, let message):
      "fetching \(url): bad content encoding: \(message)"
    case .connectionLost(let url, let message):
      "fetching \(url): connection lost before a response: \(message)"
    case .protocolError(let url, let message): "fetching \(url): bad response: \(message)"
    case .initFailed: "fetching: could not initialise libcurl"
    case .transfer(let url, let code, let message):
      "fetching \(url): \(message) (libcurl error \(code))"
    case .invalidHeader(let url, let name):
      "fetching \(url): the \(name) header holds a control character (CR, LF, …); not sent"
    }
  }
}

extension FetchError {
  /// Whether trying again later could succeed: the connection failed or broke, not the answer.
  var isTransient: Bool {
    switch self {
    case .connectionFailed, .connectionLost: true
    default: false
    }
  }
}
