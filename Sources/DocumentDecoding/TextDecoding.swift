#if canImport(Glibc)
  import Glibc
#endif

/// A page's bytes as UTF-8, and how their character set was decided.
public struct DecodedText: Sendable, Equatable {
  /// Where the decision came from, in the order browsers consult them.
  public enum Source: String, Sendable, Equatable {
    /// A byte order mark at the start of the body.
    case byteOrderMark = "byte order mark"
    /// The `charset` parameter of the HTTP `Content-Type`.
    case httpHeader = "HTTP header"
    /// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1,024 bytes.
    case metaTag = "meta tag"
    /// No usable label, or a label the bytes contradict: decided from the bytes themselves.
    case sniffed = "sniffed"
  }

  /// The text as UTF-8, without a byte order mark; anything undecodable is U+FFFD.
  public let utf8: [UInt8]
  /// The encoding used, by its WHATWG name (`utf-8`, `windows-1252`, `shift_jis` …).
  public let encoding: String
  /// Where the choice of `encoding` came from.
  public let source: Source
  /// How many byte sequences could not be decoded and became U+FFFD.
  public let replacements: Int
}

/// Decodes a page the way browsers choose its encoding: a byte order mark, then the HTTP
/// header's `charset`, then `<meta charset>` or `http-equiv` in the first 1,024 bytes, then the
/// bytes themselves (valid UTF-8 is UTF-8, anything else windows-1252). A label the bytes
/// plainly contradict (a page labelled UTF-8 that is not, or labelled with a legacy encoding but
/// made of valid multi-byte UTF-8) is treated as mislabelled and the bytes decide.
///
///     let text = decodeText(body, declaredCharset: "shift_jis")
///     try parseHTML(text.utf8, encoding: "utf-8")
///
/// - Parameters:
///   - bytes: the body exactly as received.
///   - declaredCharset: the `charset` of the HTTP `Content-Type`, if any.
/// - Returns: the text as UTF-8; never fails (undecodable bytes become U+FFFD).
/// - Complexity: O(n) in the size of `bytes`.
public func decodeText(_ bytes: [UInt8], declaredCharset: String?) -> DecodedText {
  if let (encoding, length) = byteOrderMark(of: bytes) {
    let decoded = transcode(bytes.dropFirst(length), from: encoding)
    return DecodedText(
      utf8: decoded.utf8, encoding: encoding, source: .byteOrderMark,
      replacements: decoded.replacements)
  }
  var candidates: [(String, DecodedText.Source)] = []
  if let label = declaredCharset.flatMap(encodingName(forLabel:)) {
    candidates.append((label, .httpHeader))
  }
  if let label = metaCharset(in: bytes) { candidates.append((label, .metaTag)) }
  let isUTF8 = isValidUTF8(bytes)
  // Only a legacy label on valid UTF-8 asks whether the page has any multi-byte text.
  var hasMultibyte: Bool { bytes.contains { $0 >= 0x80 } }
  for (encoding, source) in candidates {
    // UTF-16 labels in an ASCII-compatible document mean UTF-8 (the BOM would have said so).
    let encoding = encoding.hasPrefix("utf-16") ? "utf-8" : encoding
    if encoding == "utf-8" {
      guard isUTF8 else { continue }
    } else if isUTF8 && hasMultibyte {
      continue  // legacy text almost never forms valid multi-byte UTF-8: the label is wrong
    }
    let decoded = transcode(bytes[...], from: encoding, knownValid: isUTF8)
    return DecodedText(
      utf8: decoded.utf8, encoding: encoding, source: source, replacements: decoded.replacements)
  }
  let sniffed = isUTF8 ? "utf-8" : "windows-1252"
  let decoded = transcode(bytes[...], from: sniffed, knownValid: isUTF8)
  return DecodedText(
    utf8: decoded.utf8, encoding: sniffed, source: .sniffed, replacements: decoded.replacements)
}

private func byteOrderMark(of bytes: [UInt8]) -> (String, Int)? {
  if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
  if bytes.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
  if bytes.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
  return nil
}

/// Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
func isValidUTF8<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool {
  bytes.withContiguousStorageIfAvailable(isValidUTF8(buffer:))
    ?? Array(bytes).withUnsafeBufferPointer(isValidUTF8(buffer:))
}

/// Whether the bytes are well-formed UTF-8, as `UTF8Span(validating:)` decides, with runs of
/// ASCII checked eight bytes at a time: the parser's check of text and raw-text contents.
public func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  isValidUTF8(buffer: bytes)
}

private func isValidUTF8(buffer bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  var index = 0
  let count = bytes.count
  while index < count {
    let lead = bytes[index]
    if lead < 0x80 {
      index += 1
      // Runs of ASCII, most of a page, are checked eight bytes at a time.
      while index + 8 <= count,
        UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
          & 0x8080_8080_8080_8080 == 0
      {
        index += 8
      }
      continue
    }
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return false
    }
    guard index + length <= count, (low...high).contains(bytes[index + 1]) else { return false }
    for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) {
      return false
    }
    index += length
  }
  return true
}

/// Transcodes to UTF-8 with iconv; undecodable sequences become U+FFFD, one per bad byte.
/// `knownValid` says the caller has already checked that the bytes are valid UTF-8.
private func transcode(
  _ bytes: ArraySlice<UInt8>, from encoding: String, knownValid: Bool = false
) -> (utf8: [UInt8], replacements: Int) {
  if encoding == "utf-8" {
    // Valid UTF-8 (nearly every page) is copied as it is; only broken text is decoded.
    if knownValid || isValidUTF8(bytes) { return (Array(bytes), 0) }
    let text = String(decoding: bytes, as: UTF8.self)
    return (Array(text.utf8), text.unicodeScalars.count { $0 == "\u{FFFD}" })
  }
  let name = iconvNames[encoding] ?? encoding.uppercased()
  let converter = iconv_open("UTF-8", name)
  guard let converter, converter != iconv_t(bitPattern: -1) else {
    // Every label we map has a glibc converter; if this one is missing, read it as windows-1252.
    return encoding == "windows-1252"
      ? (Array(String(decoding: bytes, as: UTF8.self).utf8), 0)
      : transcode(bytes, from: "windows-1252")
  }
  defer { iconv_close(converter) }
  var output: [UInt8] = []
  output.reserveCapacity(bytes.count + bytes.count / 2)
  var replacements = 0
  var buffer = [UInt8](repeating: 0, count: 64 * 1024)
  var input = Array(bytes)
  input.withUnsafeMutableBufferPointer { source in
    var inPointer = source.baseAddress.map {
      UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
    }
    var inLeft = source.count
    while true {
      let (result, failure, produced) = buffer.withUnsafeMutableBufferPointer { target in
        var outPointer = target.baseAddress.map {
          UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
        }
        var outLeft = target.count
        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        // Read errno at once: anything called after iconv may change it.
        return (result, errno, target.count - outLeft)
      }
      output.append(contentsOf: buffer[..<produced])
      if result != iconvError || inLeft == 0 { break }
      if failure == E2BIG && produced > 0 { continue }
      // A bad or truncated sequence (EILSEQ, EINVAL): one U+FFFD for its first byte, then on.
      output.append(contentsOf: [0xEF, 0xBF, 0xBD])
      replacements += 1
      inPointer = inPointer.map { $0 + 1 }
      inLeft -= 1
      if inLeft == 0 { break }
    }
  }
  return (output, replacements)
}

private let iconvError: size_t = -1
