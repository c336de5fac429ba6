import UnicodeSpaces

/// The encoding a charset label names, by its WHATWG name, following the WHATWG Encoding
/// Standard's label table (ISO-8859-1 and US-ASCII mean windows-1252, GB2312 means GB18030, …);
/// nil for a label no browser knows.
func encodingName(forLabel label: String) -> String? {
  let key = label.trimming(where: \.properties.isWhitespace).lowercased()
  if let name = encodingLabels[key] { return name }
  for (prefixes, family) in numberedFamilies {
    for prefix in prefixes where key.hasPrefix(prefix) {
      if let number = Int(key.dropFirst(prefix.count)), let name = family(number) { return name }
    }
  }
  return nil
}

/// Labels that name one encoding each.
private let encodingLabels: [String: String] = {
  var table: [String: String] = [:]
  let groups: [(String, [String])] = [
    (
      "utf-8",
      ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]
    ),
    (
      "windows-1252",
      [
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
        "us-ascii", "x-cp1252",
      ]
    ),
    ("windows-1254", ["iso-8859-9", "iso8859-9", "iso88599", "iso_8859-9", "latin5", "l5"]),
    ("windows-874", ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620"]),
    (
      "shift_jis",
      [
        "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
        "x-sjis",
      ]
    ),
    ("euc-jp", ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
    ("iso-2022-jp", ["csiso2022jp", "iso-2022-jp"]),
    (
      "euc-kr",
      [
        "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
        "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
      ]
    ),
    (
      "gb18030",
      [
        "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
        "iso-ir-58", "x-gbk", "gb18030",
      ]
    ),
    ("big5", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
    ("koi8-r", ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
    ("koi8-u", ["koi8-ru", "koi8-u"]),
    ("macintosh", ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
    ("x-mac-cyrillic", ["x-mac-cyrillic", "x-mac-ukrainian"]),
    (
      "utf-16le",
      ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]
    ),
    ("utf-16be", ["unicodefffe", "utf-16be"]),
  ]
  for (name, labels) in groups {
    for label in labels { table[label] = name }
  }
  return table
}()

/// Label prefixes followed by a number: `iso-8859-N`, `latinN`, `windows-125N`, `cp125N`.
private let numberedFamilies: [([String], @Sendable (Int) -> String?)] = [
  (
    ["iso-8859-", "iso8859-", "iso_8859-", "iso8859"],
    { number in
      [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16].contains(number) ? "iso-8859-\(number)" : nil
    }
  ),
  (
    ["windows-", "cp", "x-cp"],
    { number in (1250...1258).contains(number) ? "windows-\(number)" : nil }
  ),
]

/// glibc iconv's names where they differ from the WHATWG ones. Where WHATWG means a superset
/// (Shift_JIS is Microsoft's CP932, EUC-KR is CP949), the superset is used, as browsers do.
let iconvNames: [String: String] = [
  "shift_jis": "CP932", "euc-kr": "CP949", "big5": "BIG5-HKSCS", "windows-874": "CP874",
  "x-mac-cyrillic": "MAC-CYRILLIC", "macintosh": "MACINTOSH", "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE", "gb18030": "GB18030", "euc-jp": "EUC-JP", "iso-2022-jp": "ISO-2022-JP",
]

/// The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` within its first 1,024 bytes (the prescan browsers do), as an
/// encoding name. The prescan reads bytes, ASCII case folded, as browsers do: labels and
/// attribute names are ASCII, and white space includes a CR before a LF.
func metaCharset(in bytes: [UInt8]) -> String? {
  let head = bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
  var position = 0
  while let start = firstRange(of: metaOpening, in: head, from: position) {
    guard let end = head[start.upperBound...].firstIndex(of: UInt8(ascii: ">")) else {
      return nil
    }
    let attributes = head[start.upperBound..<end]
    position = end
    if let value = attributeValue(charsetName, in: attributes),
      let name = encodingName(forLabel: String(decoding: value, as: UTF8.self))
    {
      return name
    }
    if let equiv = attributeValue(httpEquivName, in: attributes),
      equiv.elementsEqual(contentTypeValue),
      let content = attributeValue(contentName, in: attributes),
      let range = firstRange(of: charsetEquals, in: content, from: content.startIndex)
    {
      let label = content[range.upperBound...].prefix {
        $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\"")
      }
      let unquoted = label.drop { $0 == UInt8(ascii: "'") }.reversed().drop {
        $0 == UInt8(ascii: "'")
      }
      if let name = encodingName(forLabel: String(decoding: unquoted.reversed(), as: UTF8.self)) {
        return name
      }
    }
  }
  return nil
}

private let metaOpening = Array("<meta".utf8)
private let charsetName = Array("charset".utf8)
private let httpEquivName = Array("http-equiv".utf8)
private let contentName = Array("content".utf8)
private let contentTypeValue = Array("content-type".utf8)
private let charsetEquals = Array("charset=".utf8)

/// Where `needle` first occurs in `bytes` at or after `from`.
private func firstRange<Bytes: Collection<UInt8>>(
  of needle: [UInt8], in bytes: Bytes, from: Bytes.Index
) -> Range<Bytes.Index>? where Bytes.SubSequence: Collection<UInt8> {
  var start = from
  while start != bytes.endIndex {
    if bytes[start...].starts(with: needle) {
      return start..<bytes.index(start, offsetBy: needle.count)
    }
    start = bytes.index(after: start)
  }
  return nil
}

/// Whether a byte is HTML white space (space, tab, LF, FF, CR).
private func isHTMLSpace(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

/// The value of `name="…"`, `name='…'` or `name=…` inside a tag's attribute bytes, with white
/// space around a quoted value trimmed.
private func attributeValue(_ name: [UInt8], in attributes: ArraySlice<UInt8>) -> ArraySlice<
  UInt8
>? {
  var search = attributes.startIndex
  while let found = firstRange(of: name, in: attributes, from: search) {
    search = found.upperBound
    let before = found.lowerBound == attributes.startIndex ? 0x20 : attributes[found.lowerBound - 1]
    guard
      isHTMLSpace(before) || before == UInt8(ascii: "/") || before == UInt8(ascii: "\"")
        || before == UInt8(ascii: "'")
    else { continue }
    var index = found.upperBound
    while index < attributes.endIndex, attributes[index] == 0x20 { index += 1 }
    guard index < attributes.endIndex, attributes[index] == UInt8(ascii: "=") else { continue }
    index += 1
    while index < attributes.endIndex, attributes[index] == 0x20 { index += 1 }
    guard index < attributes.endIndex else { return nil }
    let quote = attributes[index]
    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
      let valueStart = index + 1
      let valueEnd = attributes[valueStart...].firstIndex(of: quote) ?? attributes.endIndex
      var value = attributes[valueStart..<valueEnd]
      while let first = value.first, isHTMLSpace(first) { value = value.dropFirst() }
      while let last = value.last, isHTMLSpace(last) { value = value.dropLast() }
      return value
    }
    return attributes[index...].prefix { $0 != 0x20 && $0 != UInt8(ascii: "/") }
  }
  return nil
}
