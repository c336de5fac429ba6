/// Whether `text` holds `part`: the answer of `text.contains(part)`, found in their bytes when
/// both are ASCII and `text` has no carriage return, as nearly all are.
///
/// `String.contains` compares characters (grapheme clusters, with canonical equivalence) and
/// builds a search table for each call, which costs far more than the short texts it is asked
/// about here (a `<script>`'s type, a title's separators). In ASCII every character is one
/// byte and equal characters are equal bytes, but for "\r\n", one character that neither "\r"
/// nor "\n" matches: text with a carriage return, or with a byte outside ASCII, or an empty
/// part, is left to `String.contains`.
func containsText(_ text: String, _ part: String) -> Bool {
  var (text, part) = (text, part)
  let found = text.withUTF8 { haystack in
    part.withUTF8 { needle -> Bool? in
      guard !needle.isEmpty, needle.allSatisfy({ $0 < 0x80 }),
        haystack.allSatisfy({ $0 < 0x80 && $0 != 0x0D })
      else { return nil }
      guard haystack.count >= needle.count else { return false }
      let first = needle[0]
      for start in 0...(haystack.count - needle.count) where haystack[start] == first {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
      }
      return false
    }
  }
  return found ?? text.contains(part)
}

/// An ASCII letter or digit.
func isLetterOrDigit(_ byte: UInt8) -> Bool {
  (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
}

/// `text` without its white space characters: `text.filter { !$0.isWhitespace }`, worked on
/// the bytes of ASCII text, where white space is the bytes 0x09-0x0D and the space (and "\r\n",
/// one character, is white space too).
func withoutWhiteSpace(_ text: String) -> String {
  var text = text
  let bytes = text.withUTF8 { bytes -> [UInt8]? in
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    return bytes.filter { $0 != 0x20 && !($0 >= 0x09 && $0 <= 0x0D) }
  }
  guard let bytes else { return text.filter { !$0.isWhitespace } }
  return String(decoding: bytes, as: UTF8.self)
}

/// Whether the bytes of `text` hold `word` (lower-case ASCII letters) in any ASCII case: a
/// cheap look at a class name before it is split into words (`classWords`), which most names
/// need not be.
func holdsCaseless(_ text: String, _ word: [UInt8]) -> Bool {
  var text = text
  return text.withUTF8 { bytes in
    guard let first = word.first, bytes.count >= word.count else { return false }
    for start in 0...(bytes.count - word.count) where bytes[start] | 0x20 == first {
      var matched = 1
      while matched < word.count && bytes[start + matched] | 0x20 == word[matched] {
        matched += 1
      }
      if matched == word.count { return true }
    }
    return false
  }
}

/// Whether a byte is an ASCII letter (`A`–`Z`, `a`–`z`).
func isASCIILetter(_ byte: UInt8) -> Bool {
  (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}
