/// Builds the status line and header block of a response.
enum ResponseHead {
  /// Returns the response head, ending with the blank line.
  ///
  /// - Parameters:
  ///   - status: The status code; the reason phrase comes from ``reasonPhrase(for:)``.
  ///   - headers: Fields to send first, in order and verbatim.
  ///   - bodyLength: Added as `Content-Length` when not `nil`, unless `headers` already have
  ///     `Content-Length` or `Transfer-Encoding`, or the status forbids a body.
  static func serialize(status: Int, headers: [(String, String)], bodyLength: Int?) -> [UInt8] {
    let names = Set(headers.map { $0.0.lowercased() })
    var fields = headers
    if let bodyLength, statusAllowsBody(status),
      !names.contains("content-length"), !names.contains("transfer-encoding")
    {
      fields.append(("Content-Length", String(bodyLength)))
    }
    if !names.contains("connection") {
      fields.append(("Connection", "close"))
    }
    var text = "HTTP/1.1 \(status) \(reasonPhrase(for: status))\r\n"
    for (name, value) in fields {
      text += "\(name): \(value)\r\n"
    }
    text += "\r\n"
    return Array(text.utf8)
  }

  /// Whether a response with this status may carry a body (RFC 9110 §6.4.1).
  static func statusAllowsBody(_ status: Int) -> Bool {
    !(100..<200).contains(status) && status != 204 && status != 304
  }

  /// The standard reason phrase for common codes, `Unknown` for the rest.
  static func reasonPhrase(for status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 206: "Partial Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 410: "Gone"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: "Unknown"
    }
  }
}
