import Foundation
import SnapshotStore
import Testing

@testable import Redline

/// `metadataRecordJSON` against what it replaces: `JSONEncoder` with `.sortedKeys` over the
/// same three values, byte for byte, and `JSONSerialization` reading the strings back.
@Suite("the metadata record's JSON")
struct MetadataRecordJSONTests {
  private struct Block: Encodable {
    let page: PageRecord
    let check: HistoryEntry
    let capture: CaptureMetadata
  }

  private func encoded(_ page: PageRecord, _ check: HistoryEntry, _ capture: CaptureMetadata)
    throws -> [UInt8]
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Array(try encoder.encode(Block(page: page, check: check, capture: capture)))
  }

  /// Every ASCII byte, controls and DEL, quotes, backslashes, slashes, non-ASCII letters, line
  /// and paragraph separators, a byte-order mark, an emoji, NUL, a lone combining mark.
  private static let hostile: [String] = [
    String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }),
    "\"quoted\" \\back\\slash\\ /a/b/ </script>",
    "é ü ß 中文 \u{2028}\u{2029}\u{FEFF}😀\u{7F}\u{85}\u{0}",
    "\u{301}", "", " ", "\\u0041", "\r\n\t\u{8}\u{C}",
  ]

  private static let fractions: [Double] = [
    0, -0.0, 1, 0.1, 0.001, 1e-5, 1e-7, 123.456, 1e16, 1e17, 1.5e300, 5e-324,
    0.30000000000000004, 12_345_678.9, 2.5, -3.75,
  ]

  private func page(_ text: String) -> PageRecord {
    PageRecord(
      url: "https://a.example/" + text, folder: text + "f", host: text + "h", slug: text + "s",
      urlHash: text + "u")
  }

  private func fullCheck(_ text: String) -> HistoryEntry {
    // Each field its own value, so that a field written under another's key shows.
    var check = HistoryEntry(
      time: "20160702T100000Z", outcome: .changed, status: 200, capture: "20160702T110000Z",
      added: 3, removed: -4, bodySHA256: text + "b", textSHA256: text + "t",
      metadataSHA256: text + "m", rawKept: false, title: text + "T", error: text + "e",
      finalURL: text + "F", previous: text + "p", lostFiles: [text, "x", ""])
    check.rules = text + "r"
    check.recorded = "20170101T000000Z"
    check.payloadKept = true
    check.readSHA256 = text + "R"
    return check
  }

  private func fullCapture(_ text: String, seconds: Double) -> CaptureMetadata {
    // Each field its own value, so that a field written under another's key shows.
    let request = StoredHead(
      startLine: text + "q", headers: [StoredHeader(name: text + "n", value: text + "v")])
    let response = StoredHead(
      startLine: text + "a", headers: [StoredHeader(name: text + "N", value: text + "V")])
    return CaptureMetadata(
      time: "20160702T100000Z", requestedURL: text + "r", finalURL: text + "f", status: 301,
      headers: [
        StoredHeader(name: "Content-Type", value: text), StoredHeader(name: text, value: ""),
      ],
      redirects: [StoredRedirect(status: 302, from: text + "F", location: text + "L")],
      fetchSeconds: seconds, bodySHA256: text + "b", bodyBytes: Int.max, textSHA256: text + "t",
      rawKept: true, title: text + "T", extractionMethod: text + "x", redlineVersion: text + "R",
      articleFormat: 2,
      exchange: StoredExchange(
        hops: [
          StoredHop(url: text + "u", request: request, response: response),
          StoredHop(
            url: text + "U", request: nil, response: StoredHead(startLine: text, headers: [])),
        ], httpVersion: text + "h", remoteAddress: text + "A"),
      provenance: CaptureProvenance(
        source: text + "s", file: text + "i", recordID: text + "d", software: text + "w",
        archivedDate: text + "D"))
  }

  /// The names of a value's optional properties that hold nil, nested values included.
  private func nilFields(of value: Any, path: String = "") -> [String] {
    Mirror(reflecting: value).children.flatMap { child -> [String] in
      let name = path + (child.label ?? "?")
      let inner = Mirror(reflecting: child.value)
      if inner.displayStyle == .optional {
        guard let wrapped = inner.children.first?.value else { return [name] }
        return nilFields(of: wrapped, path: name + ".")
      }
      if inner.displayStyle == .collection {
        return inner.children.flatMap { nilFields(of: $0.value, path: name + ".") }
      }
      return inner.displayStyle == .struct ? nilFields(of: child.value, path: name + ".") : []
    }
  }

  /// A field added to the store's types must be set in the values above, so that the byte
  /// comparison below fails until `metadataRecordJSON` writes it too.
  @Test("the full values leave no optional field nil")
  func fullValuesSetEveryField() {
    #expect(nilFields(of: fullCheck("x")).isEmpty)
    #expect(nilFields(of: fullCapture("x", seconds: 1)) == ["exchange.hops.request"])
  }

  @Test("every field set, hostile strings: the encoder's bytes", arguments: hostile)
  func everyField(_ text: String) throws {
    let page = page(text)
    let check = fullCheck(text)
    let capture = fullCapture(text, seconds: 0.25)
    let written = metadataRecordJSON(page: page, check: check, capture: capture)
    #expect(written == (try encoded(page, check, capture)))
    // A JSON reader gets the strings back.
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
    let pageObject = try #require(object["page"] as? [String: Any])
    #expect(pageObject["folder"] as? String == text + "f")
    let captureObject = try #require(object["capture"] as? [String: Any])
    #expect(captureObject["title"] as? String == text + "T")
  }

  @Test("optional fields nil, empty lists, fractions as the encoder writes them")
  func fewFields() throws {
    let page = page("p")
    let check = HistoryEntry(time: "20160702T100000Z", outcome: .unchanged)
    for seconds in Self.fractions {
      let capture = CaptureMetadata(
        time: "20160702T100000Z", requestedURL: "https://a.example/x",
        finalURL: "https://a.example/x", status: 200, headers: [], redirects: [],
        fetchSeconds: seconds, bodySHA256: "b", bodyBytes: 0, textSHA256: "t", rawKept: false,
        title: nil, extractionMethod: nil, redlineVersion: "1.0", articleFormat: nil)
      let written = metadataRecordJSON(page: page, check: check, capture: capture)
      #expect(written == (try encoded(page, check, capture)), "fetchSeconds \(seconds)")
    }
  }

  @Test("a capture with an exchange and a history line as the store reads them")
  func storedForms() throws {
    for outcome in [CheckOutcome.new, .changed, .unchanged, .failed, .moved, .back, .repaired] {
      let check = HistoryEntry(
        time: "20160702T100000Z", outcome: outcome, status: 404, error: "HTTP 404")
      let capture = fullCapture("https://a.example/a?b=c&d=%2F#e", seconds: 1.0 / 3)
      let page = page("a.example/post-1234")
      #expect(
        metadataRecordJSON(page: page, check: check, capture: capture)
          == (try encoded(page, check, capture)))
    }
  }
}
