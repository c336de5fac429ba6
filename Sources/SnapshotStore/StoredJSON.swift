import FoundationEssentials

/// A quick reader for the JSON the store writes (history lines, `page.json`, `head.json`,
/// capture metadata), so that reading a big store does not spend most of its time in
/// `JSONDecoder`.
///
/// It vouches only for what it is sure to read as `JSONDecoder` does: objects without
/// duplicate keys, strings of valid UTF-8 with JSON's escapes, integers that fit `Int`,
/// decimals without an exponent, `true`, `false` and `null`. Anything else (and any value of
/// an unexpected type) makes it answer nil, and the caller decodes with `JSONDecoder`, which
/// then decides, so a damaged or hand-edited file reads (or fails) exactly as before. The
/// types read this way list their keys in `StoredJSONKeys`, and a test checks those lists
/// against the types' stored properties, so a field added later cannot be skipped silently.
indirect enum StoredJSON: Equatable {
  case string(String)
  case integer(Int)
  /// A number with a fraction: only `Double` fields take it.
  case decimal(Double)
  case bool(Bool)
  case null
  case array([StoredJSON])
  case object([String: StoredJSON])

  /// The value of a whole document, or nil when it is not one this reader vouches for.
  static func parse<C: Collection<UInt8>>(_ bytes: C) -> StoredJSON? {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
      var reader = Reader(buffer)
      return reader.document()
    }
    if let contiguous { return contiguous }
    return Array(bytes).withUnsafeBufferPointer { buffer in
      var reader = Reader(buffer)
      return reader.document()
    }
  }

  /// The fields of an object document, or nil.
  static func object<C: Collection<UInt8>>(_ bytes: C) -> [String: StoredJSON]? {
    guard case .object(let fields)? = parse(bytes) else { return nil }
    return fields
  }

  /// How deep arrays and objects may nest before the reader leaves the document to
  /// `JSONDecoder` (the store writes at most four levels).
  static let maximumDepth = 16

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    mutating func document() -> StoredJSON? {
      guard let value = value(depth: 0) else { return nil }
      skipSpace()
      return index == bytes.count ? value : nil
    }

    private mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x0A, 0x0D, 0x09: index += 1
        default: return
        }
      }
    }

    private mutating func value(depth: Int) -> StoredJSON? {
      skipSpace()
      guard index < bytes.count, depth <= StoredJSON.maximumDepth else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "\""): return string().map(StoredJSON.string)
      case UInt8(ascii: "{"): return object(depth: depth)
      case UInt8(ascii: "["): return array(depth: depth)
      case UInt8(ascii: "t"): return literal("true", .bool(true))
      case UInt8(ascii: "f"): return literal("false", .bool(false))
      case UInt8(ascii: "n"): return literal("null", .null)
      default: return number()
      }
    }

    private mutating func literal(_ word: StaticString, _ value: StoredJSON) -> StoredJSON? {
      let count = word.utf8CodeUnitCount
      guard bytes.count - index >= count else { return nil }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
        return nil
      }
      index += count
      return value
    }

    private mutating func object(depth: Int) -> StoredJSON? {
      index += 1
      var fields: [String: StoredJSON] = [:]
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(fields)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else {
          return nil
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let field = value(depth: depth + 1), fields.updateValue(field, forKey: key) == nil
        else { return nil }
        skipSpace()
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        if bytes[index] == UInt8(ascii: "}") { return .object(fields) }
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
      }
    }

    private mutating func array(depth: Int) -> StoredJSON? {
      index += 1
      var elements: [StoredJSON] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      }
      while true {
        guard let element = value(depth: depth + 1) else { return nil }
        elements.append(element)
        skipSpace()
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        if bytes[index] == UInt8(ascii: "]") { return .array(elements) }
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
      }
    }

    /// A string from its opening quote: bytes up to the closing quote, escapes decoded; nil
    /// for a control character, a lone surrogate or invalid UTF-8.
    private mutating func string() -> String? {
      index += 1
      let start = index
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          defer { index += 1 }
          return String(
            validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
        if byte < 0x20 { return nil }
        index += 1
      }
      return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
      var utf8 = Array(bytes[start..<index])
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(validating: utf8, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { return nil }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
          case UInt8(ascii: "b"): utf8.append(0x08)
          case UInt8(ascii: "f"): utf8.append(0x0C)
          case UInt8(ascii: "n"): utf8.append(0x0A)
          case UInt8(ascii: "r"): utf8.append(0x0D)
          case UInt8(ascii: "t"): utf8.append(0x09)
          case UInt8(ascii: "u"):
            guard let scalar = unicodeEscape() else { return nil }
            utf8 += Array(String(Character(scalar)).utf8)
          default: return nil
          }
        default:
          if byte < 0x20 { return nil }
          utf8.append(byte)
        }
      }
      return nil
    }

    /// The scalar of `\uXXXX` (the `\u` read), with a surrogate pair's second half.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
      guard let first = hexQuad() else { return nil }
      if (0xD800..<0xDC00).contains(first) {
        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { return nil }
        index += 2
        guard let second = hexQuad(), (0xDC00..<0xE000).contains(second) else { return nil }
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      }
      return Unicode.Scalar(first)
    }

    private mutating func hexQuad() -> UInt32? {
      guard bytes.count - index >= 4 else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    /// `-?(0|[1-9][0-9]*)` as an `Int`, or with `.[0-9]+` after it as a `Double`; nil for
    /// exponents, overflow and anything else.
    private mutating func number() -> StoredJSON? {
      let start = index
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      let digitsStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      let digits = index - digitsStart
      guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else {
        return nil
      }
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else {
        if index < bytes.count,
          bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
        {
          return nil
        }
        return Int(text).map(StoredJSON.integer)
      }
      index += 1
      let fractionStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      guard index > fractionStart, index - start <= 24,
        index == bytes.count
          || (bytes[index] != UInt8(ascii: "e") && bytes[index] != UInt8(ascii: "E"))
      else { return nil }
      let decimal = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      return Double(decimal).map(StoredJSON.decimal)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
      byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
  }
}

/// Typed reads of an object's fields as `JSONDecoder` reads them for the store's `Codable`
/// types: each answers nil ("not sure") rather than guess.
struct StoredFields {
  let fields: [String: StoredJSON]

  /// A required string.
  func string(_ key: String) -> String? {
    guard case .string(let value)? = fields[key] else { return nil }
    return value
  }

  /// An optional field: `.some(nil)` when absent or null, nil when of another type.
  private func optional<T>(_ key: String, _ read: (StoredJSON) -> T?) -> T?? {
    guard let field = fields[key], field != .null else { return .some(nil) }
    guard let value = read(field) else { return nil }
    return .some(value)
  }

  func optionalString(_ key: String) -> String?? {
    optional(key) { if case .string(let value) = $0 { value } else { nil } }
  }

  func integer(_ key: String) -> Int? {
    guard case .integer(let value)? = fields[key] else { return nil }
    return value
  }

  func optionalInteger(_ key: String) -> Int?? {
    optional(key) { if case .integer(let value) = $0 { value } else { nil } }
  }

  func double(_ key: String) -> Double? {
    switch fields[key] {
    case .decimal(let value)?: value
    case .integer(let value)?: Double(exactly: value)
    default: nil
    }
  }

  func bool(_ key: String) -> Bool? {
    guard case .bool(let value)? = fields[key] else { return nil }
    return value
  }

  func optionalBool(_ key: String) -> Bool?? {
    optional(key) { if case .bool(let value) = $0 { value } else { nil } }
  }

  /// A required array whose elements `read` each reads.
  func array<T>(_ key: String, _ read: (StoredFields) -> T?) -> [T]? {
    guard case .array(let elements)? = fields[key] else { return nil }
    return StoredFields.elements(elements, read)
  }

  func optionalStrings(_ key: String) -> [String]?? {
    optional(key) { field -> [String]? in
      guard case .array(let elements) = field else { return nil }
      var strings: [String] = []
      for element in elements {
        guard case .string(let value) = element else { return nil }
        strings.append(value)
      }
      return strings
    }
  }

  /// A nested object read by `read`; `.some(nil)` when absent or null.
  func optionalObject<T>(_ key: String, _ read: (StoredFields) -> T?) -> T?? {
    optional(key) { field -> T? in
      guard case .object(let nested) = field else { return nil }
      return read(StoredFields(fields: nested))
    }
  }

  /// A required nested object.
  func object<T>(_ key: String, _ read: (StoredFields) -> T?) -> T? {
    guard case .object(let nested)? = fields[key] else { return nil }
    return read(StoredFields(fields: nested))
  }

  private static func elements<T>(_ elements: [StoredJSON], _ read: (StoredFields) -> T?) -> [T]? {
    var result: [T] = []
    result.reserveCapacity(elements.count)
    for element in elements {
      guard case .object(let nested) = element, let value = read(StoredFields(fields: nested))
      else { return nil }
      result.append(value)
    }
    return result
  }
}

/// The store's types that `StoredJSON` reads, and the keys each reads (for the test that
/// compares them with the types' stored properties).
protocol StoredJSONReadable {
  /// Every key the quick reader knows: a stored property it does not know would be dropped.
  static var storedJSONKeys: Set<String> { get }
  /// The value from an object's fields, or nil when `JSONDecoder` must decide.
  init?(storedFields: StoredFields)
}

extension StoredJSONReadable {
  /// The value of a document, or nil when `JSONDecoder` must decide.
  static func quickly<C: Collection<UInt8>>(_ bytes: C) -> Self? {
    StoredJSON.object(bytes).flatMap { Self(storedFields: StoredFields(fields: $0)) }
  }
}

extension HistoryEntry: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = [
    "time", "outcome", "status", "capture", "added", "removed", "bodySHA256", "textSHA256",
    "metadataSHA256", "rawKept", "title", "error", "finalURL", "previous", "lostFiles", "rules",
  ]

  init?(storedFields f: StoredFields) {
    guard let time = f.string("time"), let outcome = f.string("outcome").flatMap(CheckOutcome.init),
      let status = f.optionalInteger("status"), let capture = f.optionalString("capture"),
      let added = f.optionalInteger("added"), let removed = f.optionalInteger("removed"),
      let bodySHA256 = f.optionalString("bodySHA256"),
      let textSHA256 = f.optionalString("textSHA256"),
      let metadataSHA256 = f.optionalString("metadataSHA256"),
      let rawKept = f.optionalBool("rawKept"), let title = f.optionalString("title"),
      let error = f.optionalString("error"), let finalURL = f.optionalString("finalURL"),
      let previous = f.optionalString("previous"), let lostFiles = f.optionalStrings("lostFiles"),
      let rules = f.optionalString("rules")
    else { return nil }
    self.init(
      time: time, outcome: outcome, status: status, capture: capture, added: added,
      removed: removed, bodySHA256: bodySHA256, textSHA256: textSHA256,
      metadataSHA256: metadataSHA256, rawKept: rawKept, title: title, error: error,
      finalURL: finalURL, previous: previous, lostFiles: lostFiles)
    self.rules = rules
  }
}

extension PageRecord: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["url", "folder", "host", "slug", "urlHash"]

  init?(storedFields f: StoredFields) {
    guard let url = f.string("url"), let folder = f.string("folder"), let host = f.string("host"),
      let slug = f.string("slug"), let urlHash = f.string("urlHash")
    else { return nil }
    self.init(url: url, folder: folder, host: host, slug: slug, urlHash: urlHash)
  }
}

extension HistoryHead: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["lines", "last"]

  init?(storedFields f: StoredFields) {
    guard let lines = f.integer("lines"), let last = f.string("last") else { return nil }
    self.init(lines: lines, last: last)
  }
}

extension StoredHeader: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["name", "value"]

  init?(storedFields f: StoredFields) {
    guard let name = f.string("name"), let value = f.string("value") else { return nil }
    self.init(name: name, value: value)
  }
}

extension StoredRedirect: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["status", "from", "location"]

  init?(storedFields f: StoredFields) {
    guard let status = f.integer("status"), let from = f.string("from"),
      let location = f.string("location")
    else { return nil }
    self.init(status: status, from: from, location: location)
  }
}

extension StoredHead: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["startLine", "headers"]

  init?(storedFields f: StoredFields) {
    guard let startLine = f.string("startLine"),
      let headers = f.array("headers", StoredHeader.init(storedFields:))
    else { return nil }
    self.init(startLine: startLine, headers: headers)
  }
}

extension StoredHop: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["url", "request", "response"]

  init?(storedFields f: StoredFields) {
    guard let url = f.string("url"),
      let request = f.optionalObject("request", StoredHead.init(storedFields:)),
      let response = f.object("response", StoredHead.init(storedFields:))
    else { return nil }
    self.init(url: url, request: request, response: response)
  }
}

extension StoredExchange: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = ["hops", "httpVersion", "remoteAddress"]

  init?(storedFields f: StoredFields) {
    guard let hops = f.array("hops", StoredHop.init(storedFields:)),
      let httpVersion = f.string("httpVersion"),
      let remoteAddress = f.optionalString("remoteAddress")
    else { return nil }
    self.init(hops: hops, httpVersion: httpVersion, remoteAddress: remoteAddress)
  }
}

extension CaptureProvenance: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = [
    "source", "file", "recordID", "software", "archivedDate",
  ]

  init?(storedFields f: StoredFields) {
    guard let source = f.string("source"), let file = f.string("file"),
      let recordID = f.optionalString("recordID"), let software = f.optionalString("software"),
      let archivedDate = f.optionalString("archivedDate")
    else { return nil }
    self.init(
      source: source, file: file, recordID: recordID, software: software,
      archivedDate: archivedDate)
  }
}

extension CaptureMetadata: StoredJSONReadable {
  static let storedJSONKeys: Set<String> = [
    "time", "requestedURL", "finalURL", "status", "headers", "redirects", "fetchSeconds",
    "bodySHA256", "bodyBytes", "textSHA256", "rawKept", "title", "extractionMethod",
    "redlineVersion", "articleFormat", "exchange", "provenance",
  ]

  init?(storedFields f: StoredFields) {
    guard let time = f.string("time"), let requestedURL = f.string("requestedURL"),
      let finalURL = f.string("finalURL"), let status = f.integer("status"),
      let headers = f.array("headers", StoredHeader.init(storedFields:)),
      let redirects = f.array("redirects", StoredRedirect.init(storedFields:)),
      let fetchSeconds = f.double("fetchSeconds"), let bodySHA256 = f.string("bodySHA256"),
      let bodyBytes = f.integer("bodyBytes"), let textSHA256 = f.string("textSHA256"),
      let rawKept = f.bool("rawKept"), let title = f.optionalString("title"),
      let extractionMethod = f.optionalString("extractionMethod"),
      let redlineVersion = f.string("redlineVersion"),
      let articleFormat = f.optionalInteger("articleFormat"),
      let exchange = f.optionalObject("exchange", StoredExchange.init(storedFields:)),
      let provenance = f.optionalObject("provenance", CaptureProvenance.init(storedFields:))
    else { return nil }
    self.init(
      time: time, requestedURL: requestedURL, finalURL: finalURL, status: status,
      headers: headers, redirects: redirects, fetchSeconds: fetchSeconds, bodySHA256: bodySHA256,
      bodyBytes: bodyBytes, textSHA256: textSHA256, rawKept: rawKept, title: title,
      extractionMethod: extractionMethod, redlineVersion: redlineVersion,
      articleFormat: articleFormat, exchange: exchange, provenance: provenance)
  }
}
