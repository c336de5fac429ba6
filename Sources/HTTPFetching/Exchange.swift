/// One HTTP message head as it went over the wire: its start line and header fields, in order.
///
/// For HTTP/2 and HTTP/3, libcurl gives the head in HTTP/1 form (`HTTP/2 200`, lower-case
/// field names, pseudo-headers turned into the request line and `Host`); that is what is kept.
public struct MessageHead: Sendable, Hashable, Codable {
  /// The request line (`GET /path HTTP/1.1`) or status line (`HTTP/1.1 301 Moved Permanently`).
  public let startLine: String
  /// The header fields, names as spelled, values without the surrounding white space.
  public let headers: [HTTPHeader]

  /// Creates a message head.
  public init(startLine: String, headers: [HTTPHeader]) {
    self.startLine = startLine
    self.headers = headers
  }

  /// The status code of a status line, or 0.
  public var status: Int {
    let parts = startLine.split(separator: " ", maxSplits: 2)
    return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
  }
}

/// One request and the response it got: a hop of a fetch.
public struct ExchangeHop: Sendable, Hashable, Codable {
  /// The URL asked for at this hop.
  public let url: String
  /// The request head Redline sent, when libcurl reported it.
  public let request: MessageHead?
  /// The final response head of this hop (informational 1xx responses are left out).
  public let response: MessageHead

  /// Creates a hop.
  public init(url: String, request: MessageHead?, response: MessageHead) {
    self.url = url
    self.request = request
    self.response = response
  }
}

/// What was exchanged during one fetch: every hop (redirects first, the final response last)
/// and the HTTP version of the final one. The final body is the response's `body`, decoded;
/// the bodies of redirects are not kept.
public struct Exchange: Sendable, Hashable, Codable {
  /// The hops, in order; the last is the final response.
  public let hops: [ExchangeHop]
  /// `1.0`, `1.1`, `2` or `3`: the HTTP version of the final response.
  public let httpVersion: String
  /// The address the final response came from, when known.
  public let remoteAddress: String?

  /// Creates an exchange.
  public init(hops: [ExchangeHop], httpVersion: String, remoteAddress: String? = nil) {
    self.hops = hops
    self.httpVersion = httpVersion
    self.remoteAddress = remoteAddress
  }
}

/// Splits the header block of one message (CRLF- or LF-separated lines) into its head.
func messageHead(_ block: String) -> MessageHead? {
  let lines = block.split(omittingEmptySubsequences: true) { $0 == "\r\n" || $0 == "\n" }
  guard let first = lines.first else { return nil }
  let headers = lines.dropFirst().compactMap { line -> HTTPHeader? in
    guard let colon = line.firstIndex(of: ":") else { return nil }
    return HTTPHeader(
      name: line[..<colon].trimmingWhitespace(),
      value: line[line.index(after: colon)...].trimmingWhitespace())
  }
  return MessageHead(startLine: String(first), headers: headers)
}
