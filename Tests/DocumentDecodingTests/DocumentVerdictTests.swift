import DocumentDecoding
import Testing

/// One input to the decoding stage and what it must decide.
struct VerdictCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  var contentType: String? = nil
  var fileName: String? = nil
  let kind: DocumentKind
  var testDescription: String { name }
}

private let page = Array("<!DOCTYPE html><html><head><title>Post</title></head><p>Text</p>".utf8)
private let pdf = Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8)
private let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
private let xhtml = Array(
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Post</title></head></html>
  """.utf8)

private let verdictCases = [
  VerdictCase(name: "HTML with a Content-Type", bytes: page, contentType: "text/html", kind: .html),
  VerdictCase(name: "HTML without a Content-Type", bytes: page, kind: .html),
  VerdictCase(
    name: "HTML labelled with parameters and capitals", bytes: page,
    contentType: " Text/HTML ; charset=UTF-8", kind: .html),
  VerdictCase(
    name: "XHTML by its Content-Type", bytes: xhtml, contentType: "application/xhtml+xml",
    kind: .html),
  VerdictCase(name: "XHTML by its file name", bytes: xhtml, fileName: "post.xhtml", kind: .html),
  VerdictCase(
    name: "a PDF by its Content-Type", bytes: pdf, contentType: "application/pdf",
    kind: .notHTML(mediaType: "application/pdf")),
  // This small PDF has no NUL and few control bytes: text to the sniffer, but not HTML.
  VerdictCase(name: "a PDF with no label", bytes: pdf, kind: .notHTML(mediaType: nil)),
  VerdictCase(
    name: "a PNG with no label", bytes: png, fileName: "image.png",
    kind: .binary(declaredType: nil)),
  VerdictCase(
    name: "a PNG labelled text/html", bytes: png, contentType: "text/html",
    kind: .binary(declaredType: "text/html")),
  VerdictCase(
    name: "a PNG named .html", bytes: png, fileName: "noise.html",
    kind: .binary(declaredType: nil)),
  VerdictCase(
    name: "HTML served as JSON stays JSON", bytes: page, contentType: "application/json",
    kind: .notHTML(mediaType: "application/json")),
  VerdictCase(
    name: "text without markup", bytes: Array("just notes\n".utf8), fileName: "notes.txt",
    kind: .notHTML(mediaType: nil)),
  VerdictCase(
    name: "text without markup named .html", bytes: Array("just notes\n".utf8),
    fileName: "notes.HTM", kind: .html),
  VerdictCase(name: "empty, no label", bytes: [], kind: .empty),
  VerdictCase(name: "empty, labelled text/html", bytes: [], contentType: "text/html", kind: .empty),
  VerdictCase(name: "an empty file named .html", bytes: [], fileName: "empty.html", kind: .html),
  VerdictCase(
    name: "HTML after a UTF-8 byte order mark", bytes: [0xEF, 0xBB, 0xBF] + page, kind: .html),
]

@Suite("The decoding stage: is it HTML?")
struct DocumentVerdictTests {
  @Test("classifyDocument decides", arguments: verdictCases)
  func classify(example: VerdictCase) {
    let kind = classifyDocument(
      example.bytes, contentType: example.contentType, fileName: example.fileName)
    #expect(kind == example.kind)
  }

  @Test("decodeDocument gives the same verdict, with the text for HTML", arguments: verdictCases)
  func decode(example: VerdictCase) {
    let verdict = decodeDocument(
      example.bytes, contentType: example.contentType, fileName: example.fileName)
    switch (verdict, example.kind) {
    case (.html, .html): break
    case (.notHTML(let type), .notHTML(let expected)): #expect(type == expected)
    case (.binary(let type), .binary(let expected)): #expect(type == expected)
    case (.empty, .empty): break
    default: Issue.record("\(verdict) for \(example.kind)")
    }
  }

  @Test("a UTF-8 byte order mark is dropped and decides the encoding")
  func utf8ByteOrderMark() throws {
    let verdict = decodeDocument([0xEF, 0xBB, 0xBF] + page, contentType: "text/html")
    guard case .html(let text) = verdict else { throw VerdictError(verdict) }
    #expect(text.utf8 == page)
    #expect(text.encoding == "utf-8")
    #expect(text.source == .byteOrderMark)
  }

  @Test("a UTF-16 page with a byte order mark is HTML, decoded from UTF-16")
  func utf16ByteOrderMark() throws {
    let html = "<html><p>Zażółć</p></html>"
    let little: [UInt8] =
      [0xFF, 0xFE] + html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + html.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    for (bytes, encoding) in [(little, "utf-16le"), (big, "utf-16be")] {
      // The byte order mark outranks the header's charset, and UTF-16's NUL bytes are text.
      let verdict = decodeDocument(bytes, contentType: "text/html; charset=iso-8859-1")
      guard case .html(let text) = verdict else { throw VerdictError(verdict) }
      #expect(String(decoding: text.utf8, as: UTF8.self) == html)
      #expect(text.encoding == encoding)
      #expect(text.source == .byteOrderMark)
      #expect(classifyDocument(bytes) == .html)
    }
  }

  @Test("<meta charset> decides when the Content-Type names no charset")
  func metaCharset() throws {
    // "Fußball" in windows-1251 would differ; in windows-1252 ß is 0xDF.
    let bytes =
      Array("<html><head><meta charset=\"windows-1252\"></head><p>Fu".utf8) + [0xDF]
      + Array("ball</p></html>".utf8)
    let verdict = decodeDocument(bytes, contentType: "text/html")
    guard case .html(let text) = verdict else { throw VerdictError(verdict) }
    #expect(String(decoding: text.utf8, as: UTF8.self).contains("Fußball"))
    #expect(text.encoding == "windows-1252")
    #expect(text.source == .metaTag)
  }

  @Test("the Content-Type's charset outranks <meta charset>")
  func headerCharset() throws {
    let bytes = Array("<html><head><meta charset=\"utf-8\"></head><p>Fu".utf8) + [0xDF]
    let verdict = decodeDocument(bytes, contentType: "text/html; charset=\"ISO-8859-1\"")
    guard case .html(let text) = verdict else { throw VerdictError(verdict) }
    #expect(text.encoding == "windows-1252")
    #expect(text.source == .httpHeader)
  }

  @Test("media types and charsets are read from Content-Type values")
  func contentTypes() {
    #expect(mediaType(ofContentType: "Text/HTML; charset=utf-8") == "text/html")
    #expect(mediaType(ofContentType: " ") == nil)
    #expect(mediaType(ofContentType: nil) == nil)
    // No type/subtype first: no media type, as browsers read it (they sniff).
    #expect(mediaType(ofContentType: "; charset=windows-1252") == nil)
    #expect(mediaType(ofContentType: "charset=windows-1252") == nil)
    #expect(mediaType(ofContentType: "text") == nil)
    #expect(mediaType(ofContentType: "text/ html") == nil)
    #expect(
      mediaType(ofContentType: "application/xhtml+xml;charset=utf-8") == "application/xhtml+xml")
    #expect(charset(inContentType: "text/html; Charset='Shift_JIS'") == "shift_jis")
    #expect(charset(inContentType: "text/html; charset=") == nil)
    #expect(charset(inContentType: "text/html") == nil)
  }
}

private struct VerdictError: Error, CustomStringConvertible {
  let verdict: DocumentVerdict
  init(_ verdict: DocumentVerdict) { self.verdict = verdict }
  var description: String { "expected HTML, got \(verdict)" }
}
