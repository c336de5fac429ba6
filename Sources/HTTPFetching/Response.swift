/// One HTTP header field as received.
public struct HTTPHeader: Sendable, Hashable, Codable {
  /// The field name, as the server spelled it.
  public let name: String
  /// The field value, without surrounding whitespace.
  public let value: String

  /// Creates a header field.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// One redirect followed on the way to the final response.
public struct Redirect: Sendable, Hashable, Codable {
  /// The status of the redirecting response (301, 302, 303, 307 or 308).
  public let status: Int
  /// The URL that answered with the redirect.
  public let from: String
  /// The `Location` it pointed to, as sent.
  public let location: String

  /// Creates a record of one redirect hop.
  public init(status: Int, from: String, location: String) {
    self.status = status
    self.from = from
    self.location = location
  }
}

/// What a server answered to one fetch, after redirects: status, headers and the decoded body.
///
/// Invariant: `body.count` never exceeds the `maxBodySize` the fetch ran with.
public struct Response: Sendable {
  /// The URL that was asked for.
  public let requestedURL: String
  /// The URL that gave this response, after redirects.
  public let finalURL: String
  /// The HTTP status code of the final response.
  public let status: Int
  /// The header fields of the final response, in the order received.
  public let headers: [HTTPHeader]
  /// The body after content decoding (gzip, deflate, …): the bytes as the server meant them.
  public let body: [UInt8]
  /// The redirects followed, in order.
  public let redirects: [Redirect]
  /// The time the whole transfer took, in seconds.
  public let totalSeconds: Double
  /// The wait the server asked for in `Retry-After` (seconds, or an HTTP date turned into
  /// seconds from now), if it sent one.
  public let retryAfterSeconds: Int?
  /// The request and response heads of every hop, as exchanged; nil from fetchers (and test
  /// stubs) that do not record them.
  public let exchange: Exchange?

  /// Creates a response; fetchers and test stubs build these.
  public init(
    requestedURL: String, finalURL: String, status: Int, headers: [HTTPHeader], body: [UInt8],
    redirects: [Redirect] = [], totalSeconds: Double = 0, retryAfterSeconds: Int? = nil,
    exchange: Exchange? = nil
  ) {
    self.requestedURL = requestedURL
    self.finalURL = finalURL
    self.status = status
    self.headers = headers
    self.body = body
    self.redirects = redirects
    self.totalSeconds = totalSeconds
    self.retryAfterSeconds = retryAfterSeconds
    self.exchange = exchange
  }

  /// The value of the last header field with this name, compared case-insensitively.
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.last { $0.name.lowercased() == wanted }?.value
  }

  /// The media type of the body, lower-cased and without parameters (`text/html`), if sent.
  public var mediaType: String? {
    guard let value = header("Content-Type") else { return nil }
    let type = value.split(separator: ";", maxSplits: 1).first ?? ""
    let trimmed = type.trimmingWhitespace().lowercased()
    return trimmed.isEmpty ? nil : trimmed
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(String.UnicodeScalarView(scalars[start...end]))
  }
}
