/// The encoding a charset label names, by its WHATWG name, following the WHATWG Encoding
/// Standard's label table (ISO-8859-1 and US-ASCII mean windows-1252, GB2312 means GB18030, …);
/// nil for a label no browser knows.
func encodingName(forLabel label: String) -> String? {
  let key = label.trimmingWhitespace().lowercased()
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
/// encoding name.
func metaCharset(in bytes: [UInt8]) -> String? {
  let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
  var rest = head[...]
  while let start = rest.firstRange(of: "<meta") {
    let afterTag = rest[start.upperBound...]
    guard let end = afterTag.firstIndex(of: ">") else { return nil }
    let attributes = afterTag[..<end]
    rest = afterTag[end...]
    if let value = attributeValue("charset", in: attributes),
      let name = encodingName(forLabel: value)
    {
      return name
    }
    if attributeValue("http-equiv", in: attributes) == "content-type",
      let content = attributeValue("content", in: attributes),
      let range = content.firstRange(of: "charset=")
    {
      let label = content[range.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != "\"" }
      if let name = encodingName(forLabel: String(label).trimmingCharacters(["'"])) {
        return name
      }
    }
  }
  return nil
}

/// The value of `name="…"`, `name='…'` or `name=…` inside a tag's attribute text.
private func attributeValue(_ name: String, in attributes: Substring) -> String? {
  var search = attributes
  while let found = search.firstRange(of: name) {
    let before =
      found.lowerBound == attributes.startIndex
      ? " " : attributes[attributes.index(before: found.lowerBound)]
    var index = found.upperBound
    search = attributes[found.upperBound...]
    guard " \t\n\r/\"'".contains(before) else { continue }
    while index < attributes.endIndex, attributes[index] == " " {
      index = attributes.index(after: index)
    }
    guard index < attributes.endIndex, attributes[index] == "=" else { continue }
    index = attributes.index(after: index)
    while index < attributes.endIndex, attributes[index] == " " {
      index = attributes.index(after: index)
    }
    guard index < attributes.endIndex else { return nil }
    let quote = attributes[index]
    if quote == "\"" || quote == "'" {
      let valueStart = attributes.index(after: index)
      let valueEnd = attributes[valueStart...].firstIndex(of: quote) ?? attributes.endIndex
      return String(attributes[valueStart..<valueEnd]).trimmingWhitespace()
    }
    return String(attributes[index...].prefix { $0 != " " && $0 != "/" })
  }
  return nil
}

extension StringProtocol {
  fileprivate func trimmingCharacters(_ characters: Set<Character>) -> String {
    String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
  }
}
