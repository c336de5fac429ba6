import SnapshotStore

/// The metadata record's block (the page, the check's history line and the capture's
/// metadata) as `JSONEncoder` with `.sortedKeys` writes it, byte for byte, without an encoder
/// run: keys in the encoder's order (byte order), fields that are nil left out, strings
/// escaped as the encoder escapes them (`"`, `\`, `/` and control characters; the rest as
/// UTF-8), whole numbers in decimal and fractions as `Double.description` without a `.0`.
/// `MetadataRecordJSONTests` holds it to the encoder's output for hostile values. Encoding
/// this block was most of the export's JSON work.
func metadataRecordJSON(
  page: PageRecord, check: HistoryEntry, capture: CaptureMetadata
) -> [UInt8] {
  var json = JSONBytes()
  json.bytes.reserveCapacity(2048)
  json.object {
    $0.field("capture") { $0.write(capture) }
    $0.field("check") { $0.write(check) }
    $0.field("page") { $0.write(page) }
  }
  return json.bytes
}

/// JSON written into bytes, one field after another; the caller gives the keys in order.
struct JSONBytes {
  var bytes: [UInt8] = []
  /// Whether the object being written has no field yet.
  private var empty = true

  /// An object: `body` writes its fields.
  mutating func object(_ body: (inout JSONBytes) -> Void) {
    bytes.append(UInt8(ascii: "{"))
    empty = true
    body(&self)
    bytes.append(UInt8(ascii: "}"))
    empty = false
  }

  /// An array of `elements`, each written by `element`.
  mutating func array<T>(_ elements: [T], _ element: (inout JSONBytes, T) -> Void) {
    bytes.append(UInt8(ascii: "["))
    for (index, value) in elements.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      element(&self, value)
    }
    bytes.append(UInt8(ascii: "]"))
    empty = false
  }

  /// A field of the object being written: its key (plain ASCII), then the value `body` writes.
  mutating func field(_ key: StaticString, _ body: (inout JSONBytes) -> Void) {
    if !empty { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    key.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    body(&self)
    empty = false
  }

  /// A string field; left out when nil.
  mutating func field(_ key: StaticString, _ value: String?) {
    guard let value else { return }
    field(key) { $0.string(value) }
  }

  /// A whole-number field; left out when nil.
  mutating func field(_ key: StaticString, _ value: Int?) {
    guard let value else { return }
    field(key) { $0.bytes.append(contentsOf: String(value).utf8) }
  }

  /// A Boolean field; left out when nil.
  mutating func field(_ key: StaticString, _ value: Bool?) {
    guard let value else { return }
    field(key) { $0.bytes.append(contentsOf: (value ? "true" : "false").utf8) }
  }

  /// A store time field, as its text; left out when nil.
  mutating func field(_ key: StaticString, _ value: CaptureTime?) {
    field(key, value?.description)
  }

  /// A fraction as the encoder writes it: `description`, without a trailing `.0`.
  mutating func number(_ value: Double) {
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    bytes.append(contentsOf: text.utf8)
  }

  /// A quoted string, escaped as `JSONEncoder` escapes it (slashes too): the runs between
  /// bytes to escape are copied whole.
  mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      var start = 0
      for (index, byte) in utf8.enumerated()
      where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x2F {
        // Controls, `"`, `\` and `/`.
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// One byte that `string` escapes.
  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
    case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
    case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
    case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
    case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
    case 0..<0x20:
      bytes.append(contentsOf: Array("\\u00".utf8))
      bytes.append(contentsOf: [hexDigit(byte >> 4), hexDigit(byte & 0xF)])
    default:
      bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
    }
  }
}

/// A lower-case hex digit.
private func hexDigit(_ value: UInt8) -> UInt8 {
  value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}

extension JSONBytes {
  // Each type's fields in the order `.sortedKeys` gives: byte order of the key names.

  mutating func write(_ page: PageRecord) {
    object {
      $0.field("folder", page.folder)
      $0.field("host", page.host)
      $0.field("slug", page.slug)
      $0.field("url", page.url)
      $0.field("urlHash", page.urlHash)
    }
  }

  mutating func write(_ check: HistoryEntry) {
    object {
      $0.field("added", check.added)
      $0.field("bodySHA256", check.bodySHA256)
      $0.field("capture", check.capture)
      $0.field("error", check.error)
      $0.field("finalURL", check.finalURL)
      if let lost = check.lostFiles { $0.field("lostFiles") { $0.array(lost) { $0.string($1) } } }
      $0.field("metadataSHA256", check.metadataSHA256)
      $0.field("outcome", check.outcome.rawValue)
      $0.field("payloadKept", check.payloadKept)
      $0.field("previous", check.previous)
      $0.field("rawKept", check.rawKept)
      $0.field("readSHA256", check.readSHA256)
      $0.field("recorded", check.recorded)
      $0.field("removed", check.removed)
      $0.field("rules", check.rules)
      $0.field("status", check.status)
      $0.field("textSHA256", check.textSHA256)
      $0.field("time", check.time)
      $0.field("title", check.title)
    }
  }

  mutating func write(_ capture: CaptureMetadata) {
    object {
      $0.field("articleFormat", capture.articleFormat)
      $0.field("bodyBytes", capture.bodyBytes)
      $0.field("bodySHA256", capture.bodySHA256)
      if let exchange = capture.exchange { $0.field("exchange") { $0.write(exchange) } }
      $0.field("extractionMethod", capture.extractionMethod)
      $0.field("fetchSeconds") { $0.number(capture.fetchSeconds) }
      $0.field("finalURL", capture.finalURL)
      $0.field("headers") { $0.write(capture.headers) }
      if let provenance = capture.provenance {
        $0.field("provenance") { $0.write(provenance) }
      }
      $0.field("rawKept", capture.rawKept)
      $0.field("redirects") {
        $0.array(capture.redirects) { json, redirect in
          json.object {
            $0.field("from", redirect.from)
            $0.field("location", redirect.location)
            $0.field("status", redirect.status)
          }
        }
      }
      $0.field("redlineVersion", capture.redlineVersion)
      $0.field("requestedURL", capture.requestedURL)
      $0.field("status", capture.status)
      $0.field("textSHA256", capture.textSHA256)
      $0.field("time", capture.time)
      $0.field("title", capture.title)
    }
  }

  mutating func write(_ headers: [StoredHeader]) {
    array(headers) { json, header in
      json.object {
        $0.field("name", header.name)
        $0.field("value", header.value)
      }
    }
  }

  mutating func write(_ exchange: StoredExchange) {
    object {
      $0.field("hops") {
        $0.array(exchange.hops) { json, hop in
          json.object {
            if let request = hop.request { $0.field("request") { $0.write(request) } }
            $0.field("response") { $0.write(hop.response) }
            $0.field("url", hop.url)
          }
        }
      }
      $0.field("httpVersion", exchange.httpVersion)
      $0.field("remoteAddress", exchange.remoteAddress)
    }
  }

  mutating func write(_ head: StoredHead) {
    object {
      $0.field("headers") { $0.write(head.headers) }
      $0.field("startLine", head.startLine)
    }
  }

  mutating func write(_ provenance: CaptureProvenance) {
    object {
      $0.field("archivedDate", provenance.archivedDate)
      $0.field("file", provenance.file)
      $0.field("recordID", provenance.recordID)
      $0.field("software", provenance.software)
      $0.field("source", provenance.source)
    }
  }
}
