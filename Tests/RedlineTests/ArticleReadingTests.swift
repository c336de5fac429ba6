import Redline
import Testing

@Suite("Reading articles in legacy character sets")
struct ArticleReadingTests {
  // "日本語のブログ。" in CP932, the Shift_JIS browsers use.
  let shiftJIS: [UInt8] = [
    147, 250, 150, 123, 140, 234, 130, 204, 131, 117, 131, 141, 131, 79, 129, 66,
  ]

  func page(meta: String, paragraph: [UInt8]) -> [UInt8] {
    let body = Array(repeating: paragraph, count: 12).flatMap { $0 }
    return Array("<html><head>\(meta)<title>t</title></head><body><article><p>".utf8) + body
      + Array("</p></article></body></html>".utf8)
  }

  @Test("<meta charset=shift_jis> without an HTTP charset gives the right text")
  func metaOnly() throws {
    let read = try readArticle(page(meta: "<meta charset=\"shift_jis\">", paragraph: shiftJIS))
    #expect(read.text.contains(String(repeating: "日本語のブログ。", count: 12)))
  }

  @Test("the HTTP charset outranks a wrong <meta>")
  func headerWins() throws {
    let read = try readArticle(
      page(meta: "<meta charset=\"iso-8859-1\">", paragraph: shiftJIS), charset: "shift_jis")
    #expect(read.text.contains("日本語のブログ。"))
  }
}
