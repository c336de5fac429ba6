/// A history line read without a decoder run, when it is in the plain form the store's encoder
/// writes for most lines: one JSON object of keys whose values are plain strings (printable
/// ASCII without a quote or a backslash: nothing the encoder escapes), whole numbers written
/// as the encoder writes them, or `true`/`false`; no space, each key once.
///
/// That form is a small subset of JSON, read here in one pass; any other line (an array, a
/// `null`, an escape, a non-ASCII title, a fraction, a key twice, a byte out of place) is not
/// taken (`init?` fails) and goes to `JSONDecoder`, which reads it or says what is wrong. A
/// field the reader asks for in a type the line does not hold throws, and the caller gives the
/// line to the decoder too: `JSONDecoder` stays the one judge of a line that is not plain.
/// Decoding history lines was a third of verify's instructions (about 34,000 per line).
///
///     PlainLine(Array(#"{"outcome":"new","status":200}"#.utf8)[...])?.string("outcome")  // "new"
struct PlainLine {
  private enum Kind { case string, number, boolean }

  private let bytes: ArraySlice<UInt8>
  /// Each key's range in `bytes` (without quotes), with its value's (strings without quotes).
  private var fields: [(key: Range<Int>, kind: Kind, value: Range<Int>)] = []

  /// The line's fields; nil when the line is not in the plain form.
  init?(_ line: ArraySlice<UInt8>) {
    guard let fields = line.withUnsafeBufferPointer(Self.fields(in:)) else { return nil }
    let start = line.startIndex
    bytes = line
    self.fields = fields.map {
      ($0.key.shifted(by: start), $0.kind, $0.value.shifted(by: start))
    }
  }

  /// The fields of a plain line (ranges from the buffer's start); nil when it is not plain.
  private static func fields(in line: UnsafeBufferPointer<UInt8>)
    -> [(key: Range<Int>, kind: Kind, value: Range<Int>)]?
  {
    var fields: [(key: Range<Int>, kind: Kind, value: Range<Int>)] = []
    fields.reserveCapacity(16)
    var at = 0
    let end = line.count
    guard end >= 2, line[0] == UInt8(ascii: "{"), line[end - 1] == UInt8(ascii: "}") else {
      return nil
    }
    at += 1
    if at == end - 1 { return fields }
    while true {
      guard let key = plainString(in: line, at: &at), at < end, line[at] == UInt8(ascii: ":")
      else { return nil }
      at += 1
      guard at < end else { return nil }
      let kind: Kind
      let value: Range<Int>
      let valueStart = at
      switch line[at] {
      case UInt8(ascii: "\""):
        guard let string = plainString(in: line, at: &at) else { return nil }
        (kind, value) = (.string, string)
      case UInt8(ascii: "t"), UInt8(ascii: "f"):
        let word = line[at] == UInt8(ascii: "t") ? "true" : "false"
        guard line[at...].starts(with: word.utf8) else { return nil }
        at += word.utf8.count
        (kind, value) = (.boolean, valueStart..<at)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        guard skipWholeNumber(in: line, at: &at) else { return nil }
        (kind, value) = (.number, valueStart..<at)
      default:
        return nil
      }
      // A key written twice is left to the decoder.
      if fields.contains(where: { line[$0.key].elementsEqual(line[key]) }) { return nil }
      fields.append((key, kind, value))
      guard at < end else { return nil }
      if line[at] == UInt8(ascii: ",") {
        at += 1
      } else if line[at] == UInt8(ascii: "}"), at == end - 1 {
        return fields
      } else {
        return nil
      }
    }
  }

  /// The string value of `key`; nil when the line has no such key.
  /// - Throws: `PlainLine.NotPlain` when the value is not a string.
  func string(_ key: String) throws -> String? {
    guard let field = field(key) else { return nil }
    guard field.kind == .string else { throw NotPlain() }
    return String(decoding: bytes[field.value], as: UTF8.self)
  }

  /// The `true` or `false` of `key`; nil when the line has no such key.
  /// - Throws: `PlainLine.NotPlain` when the value is not a boolean.
  func bool(_ key: String) throws -> Bool? {
    guard let field = field(key) else { return nil }
    guard field.kind == .boolean else { throw NotPlain() }
    return bytes[field.value.lowerBound] == UInt8(ascii: "t")
  }

  /// Whether the line has `key`.
  func contains(_ key: String) -> Bool { field(key) != nil }

  /// A value the reader cannot take from a plain line: the decoder reads the line instead.
  struct NotPlain: Error {}

  private func field(_ key: String) -> (key: Range<Int>, kind: Kind, value: Range<Int>)? {
    var key = key
    return key.withUTF8 { wanted in
      fields.first { bytes[$0.key].elementsEqual(wanted) }
    }
  }

  /// A quoted string of printable ASCII without an escape at `at`: its range without quotes,
  /// with `at` moved past the closing quote.
  private static func plainString(in line: UnsafeBufferPointer<UInt8>, at: inout Int)
    -> Range<Int>?
  {
    let end = line.count
    guard at < end, line[at] == UInt8(ascii: "\"") else { return nil }
    let start = at + 1
    var index = start
    while index < end, line[index] != UInt8(ascii: "\"") {
      guard (0x20..<0x7F).contains(line[index]), line[index] != UInt8(ascii: "\\") else {
        return nil
      }
      index += 1
    }
    guard index < end else { return nil }
    at = index + 1
    return start..<index
  }

  /// A whole number as the encoder writes one (an optional minus, no leading zero, at most 18
  /// digits: it fits in an `Int`), with `at` moved past it.
  private static func skipWholeNumber(in line: UnsafeBufferPointer<UInt8>, at: inout Int) -> Bool {
    let end = line.count
    var index = at
    if line[index] == UInt8(ascii: "-") { index += 1 }
    let digits = index
    while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]) {
      index += 1
    }
    let count = index - digits
    guard count > 0, count <= 18, count == 1 || line[digits] != UInt8(ascii: "0") else {
      return false
    }
    at = index
    return true
  }
}

/// The fields of one history line as a line form reads them, from a plain line or through
/// `JSONDecoder`: a form reads its fields once, through this, for both.
protocol HistoryLineFields {
  /// The string under `key`, nil when absent.
  /// - Throws: when the value is not a string.
  func string(_ key: String) throws -> String?
  /// The boolean under `key`, nil when absent.
  /// - Throws: when the value is not a boolean.
  func bool(_ key: String) throws -> Bool?
  /// The whole number under `key`, nil when absent.
  /// - Throws: when the value is not a whole number.
  func int(_ key: String) throws -> Int?
  /// The array of strings under `key`, nil when absent.
  /// - Throws: when the value is not an array of strings.
  func strings(_ key: String) throws -> [String]?
}

extension HistoryLineFields {
  /// The store time under `key`, nil when absent.
  /// - Throws: when the value is not a store time.
  func time(_ key: String) throws -> CaptureTime? {
    try string(key).map {
      guard let time = CaptureTime($0) else { throw InvalidField(key: key, text: $0) }
      return time
    }
  }

  /// The store time under `key`.
  /// - Throws: when the key is missing or its value is not a store time.
  func requiredTime(_ key: String) throws -> CaptureTime {
    guard let time = try time(key) else { throw InvalidField(key: key, text: nil) }
    return time
  }

  /// The check outcome under `key`.
  /// - Throws: when the key is missing or names no outcome.
  func outcome(_ key: String) throws -> CheckOutcome {
    let text = try string(key)
    guard let outcome = text.flatMap(CheckOutcome.init(rawValue:)) else {
      throw InvalidField(key: key, text: text)
    }
    return outcome
  }
}

/// A history line's field that is missing or does not hold what its key means.
struct InvalidField: Error {
  let key: String
  let text: String?
}

extension PlainLine: HistoryLineFields {
  func int(_ key: String) throws -> Int? {
    guard let field = field(key) else { return nil }
    // At most 18 digits: it fits.
    guard field.kind == .number,
      let value = Int(String(decoding: bytes[field.value], as: UTF8.self))
    else { throw NotPlain() }
    return value
  }

  func strings(_ key: String) throws -> [String]? {
    // Arrays are not in the plain form: a line with one is read by the decoder.
    guard !contains(key) else { throw NotPlain() }
    return nil
  }
}

/// Any key of a history line, for reading its fields through `JSONDecoder`.
struct HistoryLineKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer: HistoryLineFields where Key == HistoryLineKey {
  func string(_ key: String) throws -> String? {
    try decodeIfPresent(String.self, forKey: HistoryLineKey(stringValue: key))
  }

  func bool(_ key: String) throws -> Bool? {
    try decodeIfPresent(Bool.self, forKey: HistoryLineKey(stringValue: key))
  }

  func int(_ key: String) throws -> Int? {
    try decodeIfPresent(Int.self, forKey: HistoryLineKey(stringValue: key))
  }

  func strings(_ key: String) throws -> [String]? {
    try decodeIfPresent([String].self, forKey: HistoryLineKey(stringValue: key))
  }
}

/// A line form that reads its fields through `HistoryLineFields`, so that a plain line is read
/// without the decoder and any other line with it, by the same code.
protocol FieldReadLineForm: HistoryLineForm {
  /// The form of the line whose fields are `fields`.
  /// - Throws: when a field is missing or not of its type.
  init(fields: some HistoryLineFields) throws
}

extension FieldReadLineForm {
  init(from decoder: any Decoder) throws {
    try self.init(fields: decoder.container(keyedBy: HistoryLineKey.self))
  }

  static func plainEntry(_ line: ArraySlice<UInt8>) -> HistoryEntry? {
    guard let plain = PlainLine(line) else { return nil }
    return try? Self(fields: plain).entry
  }
}

extension Range<Int> {
  fileprivate func shifted(by offset: Int) -> Range<Int> {
    (lowerBound + offset)..<(upperBound + offset)
  }
}

/// A history line read whole, as every reader but verify and `list` reads it: every field of
/// `HistoryEntry`, a plain line without the decoder.
struct WholeLine: FieldReadLineForm {
  let entry: HistoryEntry

  /// The keys it reads: one for each stored property of `HistoryEntry` (a test holds them
  /// equal, so that a field added there is read here too).
  static let keys = [
    "time", "outcome", "status", "capture", "added", "removed", "bodySHA256", "textSHA256",
    "metadataSHA256", "rawKept", "title", "error", "finalURL", "previous", "lostFiles", "rules",
    "recorded", "payloadKept", "readSHA256",
  ]

  init(fields line: some HistoryLineFields) throws {
    var entry = HistoryEntry(
      time: try line.requiredTime("time"), outcome: try line.outcome("outcome"),
      status: try line.int("status"), capture: try line.time("capture"),
      added: try line.int("added"), removed: try line.int("removed"),
      bodySHA256: try line.string("bodySHA256"), textSHA256: try line.string("textSHA256"),
      metadataSHA256: try line.string("metadataSHA256"), rawKept: try line.bool("rawKept"),
      title: try line.string("title"), error: try line.string("error"),
      finalURL: try line.string("finalURL"), previous: try line.string("previous"),
      lostFiles: try line.strings("lostFiles"))
    entry.rules = try line.string("rules")
    entry.recorded = try line.time("recorded")
    entry.payloadKept = try line.bool("payloadKept")
    entry.readSHA256 = try line.string("readSHA256")
    self.entry = entry
  }
}
