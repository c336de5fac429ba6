#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `page.json` as `encodeJSON` writes it, read without a decoder run per page: the encoder's
/// output for a record whose five fields are markers, cut around the markers. A file whose
/// bytes are those pieces with plain values between them (printable ASCII without a quote or a
/// backslash: nothing the encoder would escape; a store's URLs are percent-encoded) is exactly what the encoder
/// writes for the record of those values, so the values are the record. Any other file (an
/// older layout, escaped text, damage) is left to the decoder, which reads it or says what is
/// wrong. `verify` and `list` read every page's `page.json`; the decoder was a tenth of
/// verify's instructions.
struct PageEncoding {
  /// The encoding of the marker record, cut around its quoted values: one piece more than
  /// fields.
  private let pieces: [[UInt8]]
  /// The record's fields in the order the encoder writes them (indices into `markers`).
  private let order: [Int]

  private static let markers = [
    "markerurlmarker", "markerfoldermarker", "markerhostmarker", "markerslugmarker",
    "markerhashmarker",
  ]

  /// Made once; nil if the encoder's output does not hold the markers as written.
  static let shared = PageEncoding()

  private init?() {
    let markers = Self.markers
    let record = PageRecord(
      url: markers[0], folder: markers[1], host: markers[2], slug: markers[3],
      urlHash: markers[4])
    guard let encoded = try? encodeJSON(record, pretty: true) else { return nil }
    var found: [(range: Range<Int>, field: Int)] = []
    for (field, marker) in markers.enumerated() {
      guard let range = encoded.firstRange(of: Array(("\"" + marker + "\"").utf8)) else {
        return nil
      }
      found.append((range, field))
    }
    found.sort { $0.range.lowerBound < $1.range.lowerBound }
    var pieces: [[UInt8]] = []
    var start = 0
    for (range, _) in found {
      guard start <= range.lowerBound else { return nil }
      // Each piece keeps the value's quotes: a value is what lies between them.
      pieces.append(Array(encoded[start...range.lowerBound]))
      start = range.upperBound - 1
    }
    pieces.append(Array(encoded[start...]))
    self.pieces = pieces
    order = found.map(\.field)
  }

  /// The record `bytes` encode, when they are byte for byte the encoder's output for it;
  /// nil otherwise (the caller decodes them).
  func record(in bytes: [UInt8]) -> PageRecord? {
    bytes.withUnsafeBufferPointer { buffer -> PageRecord? in
      guard let base = buffer.baseAddress else { return nil }
      var values = [String](repeating: "", count: order.count)
      var at = 0
      for (index, piece) in pieces.enumerated() {
        guard buffer.count - at >= piece.count,
          piece.withUnsafeBytes({ $0.baseAddress.map { memcmp(base + at, $0, piece.count) } }) == 0
        else { return nil }
        at += piece.count
        guard index < order.count else { break }
        // A plain value runs to the next quote.
        var end = at
        while end < buffer.count, buffer[end] != UInt8(ascii: "\"") {
          guard (0x20..<0x7F).contains(buffer[end]), buffer[end] != UInt8(ascii: "\\") else {
            return nil
          }
          end += 1
        }
        values[order[index]] = String(decoding: buffer[at..<end], as: UTF8.self)
        at = end
      }
      guard at == buffer.count else { return nil }
      return PageRecord(
        url: values[0], folder: values[1], host: values[2], slug: values[3], urlHash: values[4])
    }
  }
}

extension FolderStore {
  /// The record a `page.json` holds, as the decoder reads it.
  /// - Throws: `StoreError.corrupt` when the bytes are not the JSON of a page record.
  func storedPageRecord(_ bytes: [UInt8], file: String) throws -> PageRecord {
    if let record = PageEncoding.shared?.record(in: bytes) { return record }
    return try decode(PageRecord.self, bytes: bytes, file: file)
  }
}
