/// The record types of WARC 1.1 that Redline writes and reads.
public enum WARCRecordType: String, Sendable, CaseIterable {
  /// Describes the file: the software that wrote it, the format.
  case warcinfo
  /// An HTTP response: status line, header fields, payload.
  case response
  /// An HTTP request as sent.
  case request
  /// A check whose payload was the same as a kept one's (identical-payload-digest profile).
  case revisit
  /// Content made by the archiving software, not exchanged (here: the article text).
  case resource
  /// Data about another record (here: Redline's capture metadata).
  case metadata
  /// A conversion of another record's content.
  case conversion
  /// Part of a record split over several.
  case continuation
}

/// One WARC record: its named header fields, in order, and its block.
///
/// Invariant: `fields` never holds `WARC-Type` or `Content-Length`; `serializedHead` writes
/// them from `type` and the block's size, so they cannot disagree with the record.
public struct WARCRecord: Sendable {
  /// The record's type.
  public var type: WARCRecordType
  /// Header fields other than `WARC-Type` and `Content-Length`, in the order written.
  public var fields: [(name: String, value: String)]
  /// The block: for `response`, the HTTP status line, header fields and payload.
  public var block: [UInt8]

  /// Creates a record.
  public init(type: WARCRecordType, fields: [(name: String, value: String)], block: [UInt8]) {
    self.type = type
    self.fields = fields
    self.block = block
  }

  /// The value of the first header field with this name (case-insensitive).
  public func field(_ name: String) -> String? {
    let wanted = name.lowercased()
    return fields.first { $0.name.lowercased() == wanted }?.value
  }

  /// `WARC/1.1`, `WARC-Type`, the fields, `Content-Length`, and the blank line.
  public var serializedHead: [UInt8] {
    var text = "WARC/1.1\r\nWARC-Type: \(type.rawValue)\r\n"
    for field in fields { text += "\(field.name): \(field.value)\r\n" }
    text += "Content-Length: \(block.count)\r\n\r\n"
    return Array(text.utf8)
  }

  /// The record as it goes in a file: head, block, and the two CRLFs that end it.
  public var serializedParts: [[UInt8]] {
    [serializedHead, block, Array("\r\n\r\n".utf8)]
  }
}

/// An HTTP/1.1 message head as a WARC block carries it: the start line, the header fields as
/// received, and a blank line.
public func httpHead(startLine: String, headers: [(name: String, value: String)]) -> [UInt8] {
  var text = startLine + "\r\n"
  for header in headers { text += "\(header.name): \(header.value)\r\n" }
  return Array((text + "\r\n").utf8)
}

/// The reason phrase HTTP/1.1 gives a status (an HTTP/2 exchange has none on the wire; a
/// WARC writes HTTP/1.1 status lines, so one is supplied).
public func reasonPhrase(_ status: Int) -> String {
  reasonPhrases[status] ?? "Unknown"
}

/// Made once: a record's status line is written for every response and revisit.
private let reasonPhrases: [Int: String] = [
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information",
  204: "No Content", 206: "Partial Content", 300: "Multiple Choices",
  301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
  401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  410: "Gone", 429: "Too Many Requests", 451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout",
]

extension WARCRecord {
  /// A `response` or `request` record of one HTTP message: `Content-Type: application/http`
  /// with its `msgtype`, the block digest over head and payload, the payload digest over the
  /// payload. Fields in `extraFields` come after the target URI.
  /// - Parameters:
  ///   - type: `.response` or `.request`.
  ///   - id: the record ID (`warcRecordID(named:)`).
  ///   - date: `WARC-Date`, ISO 8601.
  ///   - targetURI: the URL asked for.
  ///   - extraFields: `WARC-Concurrent-To`, `WARC-IP-Address`, `WARC-Protocol`…
  ///   - head: the message head (`httpHead(startLine:headers:)`).
  ///   - payload: the body, with transfer codings removed.
  ///   - payloadDigest: `WARCDigest.sha1(payload)`, when the caller has it already.
  public static func http(
    _ type: WARCRecordType, id: String, date: String, targetURI: String,
    extraFields: [(name: String, value: String)] = [], head: [UInt8], payload: [UInt8],
    payloadDigest: String? = nil
  ) -> WARCRecord {
    let message = type == .request ? "request" : "response"
    return WARCRecord(
      type: type,
      fields: [("WARC-Record-ID", id), ("WARC-Date", date), ("WARC-Target-URI", targetURI)]
        + extraFields + [
          ("Content-Type", "application/http; msgtype=\(message)"),
          ("WARC-Payload-Digest", payloadDigest ?? WARCDigest.sha1(payload)),
          ("WARC-Block-Digest", WARCDigest.sha1(parts: [head, payload])),
        ], block: head + payload)
  }
}
