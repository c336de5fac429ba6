import Foundation
import DocumentDecoding
import Testing

/// One page in a legacy encoding: its bytes, the label, and the text it must decode to.
struct EncodedSample: Sendable, CustomTestStringConvertible {
  let label: String
  let bytes: [UInt8]
  let text: String
  var testDescription: String { label }
}

// Bytes written by Python's codecs (Shift_JIS as CP932), so the test does not check iconv
// against itself.
private let samples = [
  EncodedSample(
    label: "shift_jis",
    bytes: [147, 250, 150, 123, 140, 234, 130, 204, 131, 117, 131, 141, 131, 79],
    text: "日本語のブログ"),
  EncodedSample(
    label: "euc-kr", bytes: [199, 209, 177, 185, 190, 238, 32, 186, 237, 183, 206, 177, 215],
    text: "한국어 블로그"),
  EncodedSample(label: "gb2312", bytes: [214, 208, 206, 196, 178, 169, 191, 205], text: "中文博客"),
  EncodedSample(label: "gb18030", bytes: [214, 208, 206, 196, 178, 169, 191, 205], text: "中文博客"),
  EncodedSample(
    label: "windows-1251", bytes: [207, 240, 232, 226, 229, 242, 32, 225, 235, 238, 227],
    text: "Привет блог"),
  EncodedSample(
    label: "iso-8859-2", bytes: [90, 97, 191, 243, 179, 230, 32, 103, 234, 182, 108, 177],
    text: "Zażółć gęślą"),
  EncodedSample(
    label: "iso-8859-7", bytes: [202, 225, 235, 231, 236, 221, 241, 225], text: "Καλημέρα"),
  EncodedSample(label: "windows-1256", bytes: [227, 209, 205, 200, 199], text: "مرحبا"),
  // ISO-8859-1 means windows-1252 to browsers: 0x93/0x94 are curly quotes, not C1 controls.
  EncodedSample(
    label: "iso-8859-1",
    bytes: [99, 97, 102, 233, 32, 147, 113, 117, 111, 116, 101, 100, 148, 32, 150, 32, 100, 97],
    text: "café “quoted” – da"),
]

private func page(_ body: [UInt8], meta: String = "") -> [UInt8] {
  Array("<html><head>\(meta)<title>t</title></head><body><p>".utf8) + body
    + Array("</p></body></html>".utf8)
}

private func decodedBody(_ decoded: DecodedText) -> String {
  let text = String(decoding: decoded.utf8, as: UTF8.self)
  guard let start = text.range(of: "<p>")?.upperBound, let end = text.range(of: "</p>")?.lowerBound
  else { return text }
  return String(text[start..<end])
}

@Suite("Character sets, decided as browsers do")
struct TextDecodingTests {
  @Test("the HTTP header's charset decodes the page", arguments: samples)
  func header(sample: EncodedSample) {
    let decoded = decodeText(page(sample.bytes), declaredCharset: sample.label)
    #expect(decodedBody(decoded) == sample.text)
    #expect(decoded.source == .httpHeader)
    #expect(decoded.replacements == 0)
  }

  @Test("<meta charset> decodes the page when the header says nothing", arguments: samples)
  func metaCharset(sample: EncodedSample) {
    let decoded = decodeText(
      page(sample.bytes, meta: "<meta charset=\"\(sample.label)\">"), declaredCharset: nil)
    #expect(decodedBody(decoded) == sample.text)
    #expect(decoded.source == .metaTag)
  }

  @Test("<meta http-equiv=Content-Type> decodes the page", arguments: samples)
  func httpEquiv(sample: EncodedSample) {
    let meta = "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=\(sample.label)'>"
    let decoded = decodeText(page(sample.bytes, meta: meta), declaredCharset: nil)
    #expect(decodedBody(decoded) == sample.text)
    #expect(decoded.source == .metaTag)
  }

  @Test(
    "the <meta> prescan reads the spellings pages use",
    arguments: [
      "<META CHARSET=ISO-8859-2>",
      "<meta\r\ncharset=\"iso-8859-2\">",
      "<meta name=viewport content=\"width=device-width\"><meta charset=' iso-8859-2 '>",
      "<meta http-equiv=\"content-type\" content=\"text/html;charset='iso-8859-2'\">",
      "<meta content=\"text/html; charset=iso-8859-2\" http-equiv=\"Content-Type\" />",
      "<meta data-charset=\"utf-8\" charset=\"iso-8859-2\">",
    ])
  func metaSpellings(meta: String) {
    let polish = samples[5]
    let decoded = decodeText(page(polish.bytes, meta: meta), declaredCharset: nil)
    #expect(decoded.source == .metaTag)
    #expect(decoded.encoding == "iso-8859-2")
    #expect(decodedBody(decoded) == polish.text)
  }

  @Test(
    "a <meta> that names no charset, or names it past the prescan's 1,024 bytes, is no label",
    arguments: [
      "<meta name=\"description\" content=\"charset=iso-8859-2\">",
      "<meta http-equiv=\"refresh\" content=\"0; charset=iso-8859-2\">",
      String(repeating: " ", count: 1024) + "<meta charset=\"iso-8859-2\">",
    ])
  func metaIgnored(meta: String) {
    let decoded = decodeText(page(Array("plain".utf8), meta: meta), declaredCharset: nil)
    #expect(decoded.source == .sniffed)
  }

  @Test("the header outranks <meta>, and a BOM outranks both")
  func order() {
    let shiftJIS = samples[0]
    let withMeta = page(shiftJIS.bytes, meta: "<meta charset=\"windows-1252\">")
    #expect(decodedBody(decodeText(withMeta, declaredCharset: "shift_jis")) == shiftJIS.text)
    let utf8 = [0xEF, 0xBB, 0xBF] + page(Array("日本".utf8), meta: "<meta charset=\"shift_jis\">")
    let decoded = decodeText(utf8, declaredCharset: "windows-1252")
    #expect(decoded.source == .byteOrderMark)
    #expect(decodedBody(decoded) == "日本")
    #expect(decoded.utf8.first == UInt8(ascii: "<"))
  }

  @Test("UTF-16 with a BOM becomes UTF-8")
  func utf16() {
    let text = "<p>Grüße</p>"
    let littleEndian: [UInt8] =
      [0xFF, 0xFE]
      + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let decoded = decodeText(littleEndian, declaredCharset: nil)
    #expect(String(decoding: decoded.utf8, as: UTF8.self) == text)
    #expect(decoded.encoding == "utf-16le")
  }

  @Test("a page labelled UTF-8 that is windows-1252 is read as windows-1252")
  func mislabelledAsUTF8() {
    let sample = samples[samples.count - 1]
    let decoded = decodeText(page(sample.bytes), declaredCharset: "utf-8")
    #expect(decodedBody(decoded) == sample.text)
    #expect(decoded.source == .sniffed)
  }

  @Test("a UTF-8 page labelled ISO-8859-1 is read as UTF-8")
  func mislabelledAsLatin1() {
    let decoded = decodeText(page(Array("Grüße, 日本".utf8)), declaredCharset: "iso-8859-1")
    #expect(decodedBody(decoded) == "Grüße, 日本")
    #expect(decoded.encoding == "utf-8")
  }

  @Test("a wrong <meta> with a UTF-8 body, and an unknown label, fall back to the bytes")
  func unknownLabels() {
    let utf8 = page(Array("Grüße".utf8), meta: "<meta charset=\"x-no-such-thing\">")
    #expect(decodedBody(decodeText(utf8, declaredCharset: "bogus")) == "Grüße")
    let latin = page([71, 114, 252, 223, 101])
    let decoded = decodeText(latin, declaredCharset: nil)
    #expect(decodedBody(decoded) == "Grüße")
    #expect(decoded.encoding == "windows-1252")
  }

  @Test("bytes a legacy encoding cannot decode become U+FFFD, and decoding goes on")
  func replacements() {
    let decoded = decodeText(page([0x82, 0xA0, 0xFF, 0x82, 0xA2]), declaredCharset: "shift_jis")
    #expect(decodedBody(decoded) == "あ\u{FFFD}い")
    #expect(decoded.replacements == 1)
  }
}
