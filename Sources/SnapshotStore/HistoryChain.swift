import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The chain hash of one history line: the first 32 hex digits (128 bits) of the SHA-256 of
/// the line's bytes without its newline. 128 bits keep a forged line out of reach while an
/// `unchanged` line stays under 200 bytes (1,000 checks under 200 KB).
///
///     historyLineHash(Array(#"{"outcome":"new","time":"20160702T100000Z"}"#.utf8))
///
/// - Complexity: O(n) in the line's length.
public func historyLineHash<C: Collection<UInt8>>(_ line: C) -> String {
  // Hashed where the bytes lie (a line is a slice of the file read): no copy, and the 32
  // digits written straight into the string.
  line.withContiguousStorageIfAvailable {
    sha256Hex(UnsafeRawBufferPointer($0), digits: chainHashLength)
  } ?? Array(line).withUnsafeBytes { sha256Hex($0, digits: chainHashLength) }
}

/// Hex digits of a chain hash.
let chainHashLength = 32

/// The lines of a history file: complete lines only (a last piece with no newline is a write
/// cut short by a crash and is not part of the history).
func historyLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
  var lines: [ArraySlice<UInt8>] = []
  var start = bytes.startIndex
  while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
    if end > start { lines.append(bytes[start..<end]) }
    start = end + 1
  }
  return lines
}

/// Decodes history lines and fills in what `unchanged` lines leave out (the capture, its text
/// hash and title), taken from the latest line that stored a capture or found an earlier one
/// `back` (see `currentCapture(in:)`).
/// - Throws: `StoreError.corrupt` naming the line that is not valid JSON.
func resolvedHistory(_ lines: [ArraySlice<UInt8>], file: String) throws -> [HistoryEntry] {
  try resolvedHistory(lines, file: file, reading: WholeLine.self)
}

/// `resolvedHistory(_:file:)` with the lines decoded in `form` (one that reads only some
/// fields).
func resolvedHistory<Line: HistoryLineForm>(
  _ lines: [ArraySlice<UInt8>], file: String, reading form: Line.Type
) throws -> [HistoryEntry] {
  let entries: [HistoryEntry]
  if let decoded = decodedAsOneArray(lines, as: form) {
    entries = decoded
  } else {
    let decoded = lines.map { decodeHistoryLine($0, as: form) }
    // A garbled line before a `repaired` line is damage on record: read past it.
    let lastRepair = decoded.lastIndex { $0?.outcome == .repaired } ?? -1
    if let bad = decoded.indices.first(where: { decoded[$0] == nil && $0 > lastRepair }) {
      throw StoreError.corrupt(path: file, reason: "line \(bad + 1) is not valid JSON")
    }
    entries = decoded.compactMap { $0 }
  }
  // Captures a repair recorded as lost are read as if never stored.
  let lost = lostCaptureTimes(entries)
  var latestCapture: HistoryEntry?
  var result: [HistoryEntry] = []
  result.reserveCapacity(lines.count)
  for var entry in entries {
    if let capture = entry.capture, lost.contains(capture), entry.outcome != .unchanged {
      entry = entry.with(capture: .some(nil))
    }
    // A line taken into the past is not what later-appended `unchanged` lines saw.
    if !entry.isBackfilled, entry.storedCapture || (entry.outcome == .back && entry.capture != nil)
    {
      latestCapture = entry
    }
    if entry.outcome == .unchanged, entry.capture == nil, let latestCapture {
      result.append(
        entry.with(
          capture: latestCapture.capture, textSHA256: latestCapture.textSHA256,
          title: latestCapture.title))
    } else {
      result.append(entry)
    }
  }
  return timelineOrder(result)
}

/// A history in the order readers present it: by check time. Lines are appended in time order
/// except those taken into the page's past by an import (`HistoryEntry.recorded`), which move
/// to their place; the rest keep the order they were written in.
func timelineOrder(_ entries: [HistoryEntry]) -> [HistoryEntry] {
  guard entries.contains(where: \.isBackfilled) else { return entries }
  return entries.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
    .map(\.element)
}

/// A form a history line is read in: whole (`WholeLine`), or only the fields one reader needs
/// (`VerifiedLine` for verify, `ListedLine` for list), the others left nil. The fields a form
/// reads must read as `HistoryEntry`'s own decoding reads them.
protocol HistoryLineForm: Decodable {
  /// The line as a history entry (fields the form does not read are nil).
  var entry: HistoryEntry { get }

  /// The line read without the decoder when it is a `PlainLine`; nil when it is not, or when
  /// the form reads every line with the decoder.
  static func plainEntry(_ line: ArraySlice<UInt8>) -> HistoryEntry?
}

extension HistoryLineForm {
  static func plainEntry(_ line: ArraySlice<UInt8>) -> HistoryEntry? { nil }
}

/// The lines read in `form`: plain lines without the decoder, the others by `JSONDecoder` as
/// one JSON array, which is several times faster than one decode per line; nil when a line
/// does not decode (the lines are then decoded one by one to name the damaged one).
func decodedAsOneArray<Line: HistoryLineForm>(_ lines: [ArraySlice<UInt8>], as form: Line.Type)
  -> [HistoryEntry]?
{
  var entries = lines.map { Line.plainEntry($0) }
  let left = entries.indices.filter { entries[$0] == nil }
  guard !left.isEmpty else { return entries.compactMap { $0 } }
  var array: [UInt8] = [UInt8(ascii: "[")]
  array.reserveCapacity(left.reduce(2) { $0 + lines[$1].count + 1 })
  for (position, index) in left.enumerated() {
    if position > 0 { array.append(UInt8(ascii: ",")) }
    array += lines[index]
  }
  array.append(UInt8(ascii: "]"))
  guard let decoded = try? decodeJSON([Line].self, from: array),
    decoded.count == left.count
  else { return nil }
  for (index, line) in zip(left, decoded) { entries[index] = line.entry }
  return entries.compactMap { $0 }
}

/// One history line, or nil when it is not a history entry.
func decodeHistoryLine(_ line: ArraySlice<UInt8>) -> HistoryEntry? {
  decodeHistoryLine(line, as: WholeLine.self)
}

/// One history line read in `form`, or nil when it does not decode.
func decodeHistoryLine<Line: HistoryLineForm>(_ line: ArraySlice<UInt8>, as form: Line.Type)
  -> HistoryEntry?
{
  form.plainEntry(line) ?? (try? decodeJSON(form, from: line))?.entry
}

/// The store's one JSONDecoder: its options never change.
private let storeDecoder = JSONDecoder()

/// Decodes JSON with `JSONDecoder` straight from the bytes read (no copy into a `Data` of
/// their own).
/// - Throws: `JSONDecoder`'s error.
func decodeJSON<T: Decodable, Bytes: Collection<UInt8>>(_ type: T.Type, from bytes: Bytes)
  throws -> T
{
  let decoded = try bytes.withContiguousStorageIfAvailable { buffer -> T in
    guard let base = buffer.baseAddress else {
      return try storeDecoder.decode(type, from: Data())
    }
    let data = Data(
      bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count,
      deallocator: .none)
    return try storeDecoder.decode(type, from: data)
  }
  return try decoded ?? storeDecoder.decode(type, from: Data(bytes))
}

/// The capture times whose files a `repaired` line records as lost (`TIME.txt` or `TIME.json`
/// gone): those captures cannot be read again.
func lostCaptureTimes(_ entries: [HistoryEntry]) -> Set<CaptureTime> {
  var times: Set<CaptureTime> = []
  for entry in entries where entry.outcome == .repaired {
    for name in entry.lostFiles ?? [] where name.hasSuffix(".txt") || name.hasSuffix(".json") {
      if let time = CaptureTime(String(name.prefix(16))) { times.insert(time) }
    }
  }
  return times
}

/// The capture whose article the page's latest successful check saw: the one a new check
/// compares with. It is the latest stored capture, except after a `back`, when it is the
/// earlier capture that came back. Nil before the first capture.
public func currentCapture(in history: [HistoryEntry]) -> CaptureTime? {
  history.last(where: \.sawArticle)?.capture
}

/// The form of an entry written to disk: chained to the line before, and for `unchanged`
/// without the fields the latest capture already holds.
func storedForm(of entry: HistoryEntry, previousLine: ArraySlice<UInt8>?) -> HistoryEntry {
  let previous: String?? = .some(previousLine.map { historyLineHash($0) })
  // A line taken into the past keeps its capture: the latest line before it in the file is
  // not the one it saw.
  guard entry.outcome == .unchanged, !entry.isBackfilled else {
    return entry.with(previous: previous)
  }
  return entry.with(
    capture: .some(nil), textSHA256: .some(nil), metadataSHA256: .some(nil), title: .some(nil),
    previous: previous)
}

/// Encodes a value as the store writes JSON: sorted keys, unescaped slashes; pretty files end
/// with a newline.
func encodeJSON<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
  let encoder = JSONEncoder()
  encoder.outputFormatting =
    pretty
    ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    : [.sortedKeys, .withoutEscapingSlashes]
  let data = try encoder.encode(value)
  return [UInt8](data) + (pretty ? [UInt8(ascii: "\n")] : [])
}

/// `head.json`: where a page's history chain ends. The chain catches a changed or deleted line
/// by the line after it; the head catches the last lines, which have none after them.
///
/// Invariant: `lines` is the number of lines in `history.jsonl` and `last` the chain hash of
/// the last one, except for the instant between an append and the head's rewrite, which the
/// next writer's recovery closes.
struct HistoryHead: Codable, Equatable {
  /// Lines in the history.
  var lines: Int
  /// The chain hash of the last line.
  var last: String
}

/// The head file of a page folder.
let headFileName = "head.json"

extension KeyedDecodingContainer {
  /// A store time, read as the string it is written as: what `CaptureTime`'s own decoding
  /// does, without the nested decoder `JSONDecoder` makes for a value of a type of its own.
  /// - Throws: `DecodingError` when the key is missing or its value is not a store time.
  func decodeTime(forKey key: Key) throws -> CaptureTime {
    try time(try decode(String.self, forKey: key), forKey: key)
  }

  private func time(_ text: String, forKey key: Key) throws -> CaptureTime {
    guard let time = CaptureTime(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: self, debugDescription: "'\(text)' is not a store time")
    }
    return time
  }
}
