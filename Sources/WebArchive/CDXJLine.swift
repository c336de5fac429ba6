/// One line of a CDXJ index: `SURT TIMESTAMP {JSON}`, the form pywb and cdxj-indexer write.
public struct CDXJLine: Sendable, Equatable {
  /// The SURT key of `url`.
  public let key: String
  /// The capture time as 14 digits, `YYYYMMDDHHMMSS`.
  public let timestamp: String
  /// The record's target URI.
  public let url: String
  /// The payload's media type (`warc/revisit` for revisit records).
  public let mime: String?
  /// The HTTP status, for responses and revisits.
  public let status: Int?
  /// The payload digest, with its label (`sha1:…`), as cdxj-indexer writes it.
  public let digest: String?
  /// Where the record's gzip member is.
  public let location: WrittenRecord

  /// Creates a line; the key is computed from the URL.
  public init(
    url: String, timestamp: String, mime: String?, status: Int?, digest: String?,
    location: WrittenRecord
  ) {
    self.key = surtKey(url)
    self.timestamp = timestamp
    self.url = url
    self.mime = mime
    self.status = status
    self.digest = digest
    self.location = location
  }

  /// The line's text, without the newline. JSON keys in cdxj-indexer's order.
  public var text: String {
    PendingCDXJLine(url: url, timestamp: timestamp, mime: mime, status: status, digest: digest)
      .text(at: location)
  }
}

/// A CDXJ line before its record is written: all but the location, made (SURT key, JSON
/// escapes) on the thread that builds the record; `text(at:)` gives `CDXJLine.text`.
public struct PendingCDXJLine: Sendable {
  private let head: String

  /// The line of a record with these fields, wherever it is written.
  public init(url: String, timestamp: String, mime: String?, status: Int?, digest: String?) {
    var fields: [(String, String)] = [("url", url)]
    if let mime { fields.append(("mime", mime)) }
    if let status { fields.append(("status", String(status))) }
    if let digest { fields.append(("digest", digest)) }
    let json = fields.map { "\(jsonString($0.0)): \(jsonString($0.1))" }.joined(separator: ", ")
    head = "\(surtKey(url)) \(timestamp) {\(json), "
  }

  /// The line's text, without the newline, for a record written at `location`.
  public func text(at location: WrittenRecord) -> String {
    "\(head)\"length\": \"\(location.length)\", \"offset\": \"\(location.offset)\", "
      + "\"filename\": \(jsonString(location.filename))}"
  }
}

/// Sorts index lines as `LC_ALL=C sort` does: by their bytes.
public func sortedIndex(_ lines: [CDXJLine]) -> [String] {
  lines.map(\.text).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
}

/// A JSON string literal as Python's `json.dumps` writes it (cdxj-indexer's and py-wacz's
/// JSON): quotes, backslashes and control characters escaped, and every character outside
/// ASCII as `\uXXXX` (UTF-16, so a surrogate pair above U+FFFF). Indexes then match theirs byte
/// for byte, also for URLs and titles with non-ASCII characters.
public func jsonString(_ text: String) -> String {
  // Most URLs, types and digests need no escape: printable ASCII without quote or backslash.
  let plain = text.utf8.allSatisfy { byte in
    byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
  }
  if plain { return "\"" + text + "\"" }
  var output = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": output += "\\\""
    case "\\": output += "\\\\"
    case "\n": output += "\\n"
    case "\r": output += "\\r"
    case "\t": output += "\\t"
    case _ where scalar.value < 0x20 || scalar.value > 0x7F:
      for unit in String(scalar).utf16 {
        let hex = String(unit, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    default: output.unicodeScalars.append(scalar)
    }
  }
  return output + "\""
}
