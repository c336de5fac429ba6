/// A JSON text read without a decoder run, when it is in the plain form the store's encoder
/// writes for capture metadata: objects, arrays, strings without escapes (UTF-8 checked),
/// numbers, `true` and `false`, white space between tokens; each key once an object. Any other
/// text (an escape, a `null`, a key twice, nesting past 16, a byte out of place) is not taken
/// (`init?` fails) and goes to `JSONDecoder`, which reads it or says what is wrong, as for
/// `PlainLine`. The export decodes every capture's metadata: `JSONDecoder` was 4.5% of its CPU.
enum PlainJSON: Equatable {
  case string(String)
  /// A number's text, as written.
  case number(String)
  case boolean(Bool)
  case array([PlainJSON])
  case object([String: PlainJSON])

  /// The value of a whole text; nil when the text is not in the plain form.
  init?(_ bytes: [UInt8]) {
    guard
      let value = bytes.withUnsafeBufferPointer({ buffer -> PlainJSON? in
        var reader = PlainJSONReader(buffer: buffer)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.at == buffer.count ? value : nil
      })
    else { return nil }
    self = value
  }

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// A whole number written as digits (an optional minus, no fraction or exponent) that fits.
  var integer: Int? {
    guard case .number(let text) = self,
      !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    else { return nil }
    return Int(text)
  }

  /// A finite number (one too large for a `Double` is left to the decoder).
  var double: Double? {
    guard case .number(let text) = self, let value = Double(text), value.isFinite else {
      return nil
    }
    return value
  }

  var boolean: Bool? {
    if case .boolean(let value) = self { return value }
    return nil
  }

  var array: [PlainJSON]? {
    if case .array(let values) = self { return values }
    return nil
  }

  var object: [String: PlainJSON]? {
    if case .object(let fields) = self { return fields }
    return nil
  }
}

/// One pass over the bytes of a plain JSON text.
private struct PlainJSONReader {
  let buffer: UnsafeBufferPointer<UInt8>
  var at = 0

  mutating func skipSpace() {
    while at < buffer.count,
      buffer[at] == 0x20 || buffer[at] == 0x0A || buffer[at] == 0x0D || buffer[at] == 0x09
    {
      at += 1
    }
  }

  mutating func value(depth: Int) -> PlainJSON? {
    guard depth < 16 else { return nil }
    skipSpace()
    guard at < buffer.count else { return nil }
    switch buffer[at] {
    case UInt8(ascii: "{"): return object(depth: depth)
    case UInt8(ascii: "["): return array(depth: depth)
    case UInt8(ascii: "\""): return string().map(PlainJSON.string)
    case UInt8(ascii: "t"): return word("true") ? .boolean(true) : nil
    case UInt8(ascii: "f"): return word("false") ? .boolean(false) : nil
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
    default: return nil
    }
  }

  private mutating func word(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard buffer.count - at >= count else { return false }
    for offset in 0..<count where buffer[at + offset] != text.utf8Start[offset] { return false }
    at += count
    return true
  }

  private mutating func object(depth: Int) -> PlainJSON? {
    at += 1
    var fields: [String: PlainJSON] = [:]
    skipSpace()
    if at < buffer.count, buffer[at] == UInt8(ascii: "}") {
      at += 1
      return .object(fields)
    }
    while true {
      skipSpace()
      guard at < buffer.count, buffer[at] == UInt8(ascii: "\""), let key = string() else {
        return nil
      }
      skipSpace()
      guard at < buffer.count, buffer[at] == UInt8(ascii: ":") else { return nil }
      at += 1
      // A key written twice is left to the decoder.
      guard let value = value(depth: depth + 1), fields.updateValue(value, forKey: key) == nil
      else { return nil }
      skipSpace()
      guard at < buffer.count else { return nil }
      if buffer[at] == UInt8(ascii: ",") {
        at += 1
      } else if buffer[at] == UInt8(ascii: "}") {
        at += 1
        return .object(fields)
      } else {
        return nil
      }
    }
  }

  private mutating func array(depth: Int) -> PlainJSON? {
    at += 1
    var values: [PlainJSON] = []
    skipSpace()
    if at < buffer.count, buffer[at] == UInt8(ascii: "]") {
      at += 1
      return .array(values)
    }
    while true {
      guard let value = value(depth: depth + 1) else { return nil }
      values.append(value)
      skipSpace()
      guard at < buffer.count else { return nil }
      if buffer[at] == UInt8(ascii: ",") {
        at += 1
      } else if buffer[at] == UInt8(ascii: "]") {
        at += 1
        return .array(values)
      } else {
        return nil
      }
    }
  }

  /// A string without escapes or control characters, its bytes valid UTF-8.
  private mutating func string() -> String? {
    at += 1
    let start = at
    var ascii = true
    while at < buffer.count {
      let byte = buffer[at]
      if byte == UInt8(ascii: "\"") {
        let bytes = UnsafeBufferPointer(rebasing: buffer[start..<at])
        at += 1
        return ascii
          ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
      }
      guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
      if byte >= 0x80 { ascii = false }
      at += 1
    }
    return nil
  }

  /// A number in JSON's grammar: `-`, digits without a leading zero, a fraction, an exponent.
  private mutating func number() -> PlainJSON? {
    let start = at
    if buffer[at] == UInt8(ascii: "-") { at += 1 }
    guard let first = digits() else { return nil }
    if first.count > 1 && buffer[first.lowerBound] == UInt8(ascii: "0") { return nil }
    if at < buffer.count, buffer[at] == UInt8(ascii: ".") {
      at += 1
      guard digits() != nil else { return nil }
    }
    if at < buffer.count, buffer[at] == UInt8(ascii: "e") || buffer[at] == UInt8(ascii: "E") {
      at += 1
      if at < buffer.count, buffer[at] == UInt8(ascii: "+") || buffer[at] == UInt8(ascii: "-") {
        at += 1
      }
      guard digits() != nil else { return nil }
    }
    return .number(
      String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<at]), as: UTF8.self))
  }

  /// A run of at least one digit.
  private mutating func digits() -> Range<Int>? {
    let start = at
    while at < buffer.count, buffer[at] >= UInt8(ascii: "0"), buffer[at] <= UInt8(ascii: "9") {
      at += 1
    }
    return at > start ? start..<at : nil
  }
}
