import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Collapses every run of white space (including no-break and other Unicode spaces) to one
/// space, drops zero-width characters, trims, and composes to NFC.
///
/// - Complexity: O(n) over the UTF-8 bytes; text that is already NFC (nearly all of it) never
///   reaches the normalizer.
func normalizedText<S: StringProtocol>(_ raw: S) -> String {
  var text = String(raw)
  return text.withUTF8(normalizedText(utf8:))
}

/// `normalizedText` of well-formed UTF-8: runs of visible ASCII, most of any page, are copied
/// whole and only other scalars are decoded. The result is never longer than the input, so it
/// is written straight into the string's storage.
func normalizedText(utf8 raw: UnsafeBufferPointer<UInt8>) -> String {
  let count = raw.count
  guard let source = raw.baseAddress else { return "" }
  let folded = String(unsafeUninitializedCapacity: count) { output in
    guard let target = output.baseAddress else { return 0 }
    var written = 0
    var pendingSpace = false
    /// Writes the bytes of `range`, after one space if white space came before them.
    func copy(_ range: Range<Int>) {
      if pendingSpace {
        target[written] = 0x20
        written += 1
        pendingSpace = false
      }
      (target + written).initialize(from: source + range.lowerBound, count: range.count)
      written += range.count
    }
    var position = 0
    while position < count {
      let lead = raw[position]
      if lead > 0x20 && lead < 0x7F {
        // A run of visible ASCII, most of any text, is copied at once.
        var end = position + 1
        while end < count && raw[end] > 0x20 && raw[end] < 0x7F { end += 1 }
        copy(position..<end)
        position = end
        continue
      }
      if lead < 0x80 {
        // The rest of ASCII: white space and control characters.
        position += 1
        pendingSpace = written > 0
        continue
      }
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
      let end = min(position + length, count)
      var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
      for offset in (position + 1)..<end { value = value << 6 | UInt32(raw[offset] & 0x3F) }
      defer { position = end }
      if isIgnored(value) { continue }
      if isWhitespace(value) || isControl(value) {
        pendingSpace = written > 0
        continue
      }
      copy(position..<end)
    }
    return written
  }
  return composed(folded)
}

/// A code line keeps its indentation; tabs stay, trailing white space goes. An ASCII line (most
/// code) is read byte by byte and is NFC as it is.
func normalizedCode(utf8 line: UnsafeBufferPointer<UInt8>) -> String {
  var output: [UInt8] = []
  output.reserveCapacity(line.count)
  var contentEnd = 0
  func keep(_ scalar: Unicode.Scalar) {
    let value = scalar.value
    if isIgnored(value) || (value != 0x09 && isControl(value)) { return }
    UTF8.encode(scalar) { output.append($0) }
    if !isWhitespace(value) { contentEnd = output.count }
  }
  let isASCII = line.allSatisfy { $0 < 0x80 }
  if isASCII {
    for byte in line { keep(Unicode.Scalar(byte)) }
  } else {
    for scalar in String(decoding: line, as: UTF8.self).unicodeScalars { keep(scalar) }
  }
  output.removeSubrange(contentEnd...)
  let text = String(decoding: output, as: UTF8.self)
  return isASCII ? text : composed(text)
}

/// The text in Unicode NFC. The standard library's quick check settles almost every string;
/// only text with combining marks or compatibility characters is composed, by the standard
/// library's normalizer (the one `String` comparison uses).
private func composed(_ text: String) -> String {
  var span = text.utf8Span
  if span.checkForNFC(quickCheck: true) { return text }
  return String(decoding: text._nfcCodeUnits, as: UTF8.self)
}

/// C0 and C1 control characters (NUL, ESC, …): never text, they count as a space.
private func isControl(_ value: UInt32) -> Bool {
  value < 0x20 || (value >= 0x7F && value < 0xA0)
}

/// The Unicode `White_Space` property, spelled out so no scalar property lookup runs per
/// character.
private func isWhitespace(_ value: UInt32) -> Bool {
  switch value {
  case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
    0x3000:
    true
  default: false
  }
}

/// Zero-width spaces, word joiners, soft hyphens and byte-order marks: invisible, and they
/// come and go with editors and CMS plugins. (ZWJ and ZWNJ stay: emoji and scripts need them.)
private func isIgnored(_ value: UInt32) -> Bool {
  value == 0x200B || value == 0x2060 || value == 0xFEFF || value == 0x00AD
}
