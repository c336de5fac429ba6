/// One HTTP request as the loopback server received it.
///
/// Header names keep the case the client sent and appear in the order the client sent them;
/// look them up with ``header(_:)``, which ignores case.
public struct HTTPRequest: Sendable {
  /// The request method, such as `GET` or `HEAD`, exactly as sent.
  public let method: String
  /// The request target as sent: the path plus any query, such as `/a/b.html?x=1`.
  public let target: String
  /// The HTTP version from the request line, such as `HTTP/1.1`.
  public let version: String
  /// Every header field in the order received, names in the client's spelling.
  public let headers: [(name: String, value: String)]
  /// The request body, read according to `Content-Length` (empty when there is none).
  public let body: [UInt8]
  /// Which connection the request came on, numbered from 1 in the order accepted: two requests
  /// with one number travelled on one kept-alive connection.
  public let connection: Int

  /// Creates a request value, for example to call a responder directly in a test.
  ///
  /// - Parameters:
  ///   - method: The request method.
  ///   - target: The path plus query.
  ///   - version: The HTTP version from the request line.
  ///   - headers: The header fields in order.
  ///   - body: The request body.
  public init(
    method: String,
    target: String,
    version: String = "HTTP/1.1",
    headers: [(name: String, value: String)] = [],
    body: [UInt8] = [],
    connection: Int = 0
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.body = body
    self.connection = connection
  }

  /// The path part of ``target``: everything before the first `?`, still percent-encoded.
  public var path: String {
    if let question = target.firstIndex(of: "?") {
      return String(target[..<question])
    }
    return target
  }

  /// Returns the value of the first header field with this name, ignoring case.
  ///
  /// - Parameter name: The field name, such as `If-None-Match`.
  /// - Returns: The field's value (the server strips surrounding whitespace), or `nil` if absent.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

extension HTTPRequest {
  /// Parses a request head: the bytes before the blank line, without the final `\r\n\r\n`.
  ///
  /// Accepts bare `\n` line ends too. Returns `nil` when the request line is not
  /// `METHOD SP target SP HTTP/x.y` or a header line has no colon.
  static func parse(head: ArraySlice<UInt8>) -> HTTPRequest? {
    // Split the bytes, not a String: Swift treats "\r\n" as one Character.
    var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      line in
      String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
    }
    guard !lines.isEmpty else { return nil }
    let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
    guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/") else { return nil }
    var headers: [(name: String, value: String)] = []
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = line[..<colon]
      guard !name.isEmpty, !name.contains(" "), !name.contains("\t") else { return nil }
      let value = line[line.index(after: colon)...].trimmingHTTPWhitespace()
      headers.append((name: String(name), value: String(value)))
    }
    return HTTPRequest(
      method: String(requestLine[0]),
      target: String(requestLine[1]),
      version: String(requestLine[2]),
      headers: headers
    )
  }

  /// Returns a copy of this request carrying `body`.
  func withBody(_ body: [UInt8]) -> HTTPRequest {
    HTTPRequest(method: method, target: target, version: version, headers: headers, body: body)
  }

  /// Returns a copy of this request marked as read on connection number `connection`.
  func on(connection: Int) -> HTTPRequest {
    HTTPRequest(
      method: method, target: target, version: version, headers: headers, body: body,
      connection: connection)
  }
}

extension StringProtocol {
  /// Drops the spaces and tabs HTTP allows around field values.
  func trimmingHTTPWhitespace() -> SubSequence {
    let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isWhitespace($0) }),
      let last = lastIndex(where: { !isWhitespace($0) })
    else { return self[endIndex...] }
    return self[first...last]
  }
}
