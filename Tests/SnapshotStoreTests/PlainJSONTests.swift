import Foundation
import Testing

@testable import SnapshotStore

/// The capture metadata files of the fixture stores (every format the store has written).
private let fixtureMetadata: [[UInt8]] = {
  let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures").path
  let manager = FileManager.default
  return (manager.subpaths(atPath: fixtures) ?? []).filter {
    $0.contains("/store-") || $0.hasPrefix("store-")
  }.filter {
    let name = ($0 as NSString).lastPathComponent
    return name.hasSuffix("Z.json") && CaptureTime(String(name.prefix(16))) != nil
  }.sorted().compactMap { manager.contents(atPath: fixtures + "/" + $0).map { Array($0) } }
}()

/// The metadata as `JSONDecoder` alone reads it, or nil when it does not decode.
private func decoded(_ bytes: [UInt8]) -> CaptureMetadata? {
  try? decodeJSON(CaptureMetadata.self, from: bytes)
}

/// Metadata with every optional part, strings that are not ASCII, as the store writes it.
private func writtenMetadata() throws -> [UInt8] {
  let head = StoredHead(
    startLine: "HTTP/2 200", headers: [StoredHeader(name: "content-type", value: "text/html")])
  let metadata = CaptureMetadata(
    time: "20160702T100000Z", requestedURL: "https://a.example/ä?x=1&y=/z",
    finalURL: "https://a.example/b", status: 200,
    headers: [
      StoredHeader(name: "Server", value: "nginx — «ü»"), StoredHeader(name: "X", value: ""),
    ],
    redirects: [StoredRedirect(status: 301, from: "https://a.example/a", location: "/b")],
    fetchSeconds: 0.123456789, bodySHA256: "ab", bodyBytes: 12, textSHA256: "cd", rawKept: true,
    title: "Tête-à-tête 😀", extractionMethod: "rules", redlineVersion: "0.9", articleFormat: 3,
    exchange: StoredExchange(
      hops: [
        StoredHop(url: "https://a.example/a", request: head, response: head),
        StoredHop(url: "https://a.example/b", request: nil, response: head),
      ], httpVersion: "2", remoteAddress: "127.0.0.1"),
    provenance: CaptureProvenance(
      source: "import", file: "x.wacz#archive/a.warc.gz", recordID: "<urn:uuid:1>",
      software: nil, archivedDate: "2016-07-02T10:00:00Z"))
  return try encodeJSON(metadata, pretty: true)
}

@Suite("capture metadata read without the decoder")
struct PlainJSONTests {
  @Test("the fixture stores' metadata files read as JSONDecoder reads them")
  func fixtures() throws {
    #expect(fixtureMetadata.count >= 10)
    for bytes in fixtureMetadata + [try writtenMetadata()] {
      let plain = try #require(CaptureMetadata(plainJSON: bytes))
      #expect(plain == decoded(bytes))
    }
  }

  /// Texts made from `bytes` by deleting one byte, or putting a byte that matters to JSON in
  /// the place of one, at every third position.
  private func variants(of bytes: [UInt8]) -> [[UInt8]] {
    damaged(bytes, bytes: Array("\"\\{}[],:0-.e tfn\u{1}".utf8) + [0xC3, 0xFF], step: 3)
  }

  @Test("a changed text reads as JSONDecoder reads it, or is left to it")
  func changedTexts() throws {
    var taken = 0
    var left = 0
    for bytes in variants(of: try writtenMetadata()) + variants(of: fixtureMetadata[0]) {
      if let plain = CaptureMetadata(plainJSON: bytes) {
        taken += 1
        #expect(plain == decoded(bytes), "\(String(decoding: bytes, as: UTF8.self))")
      } else {
        left += 1
      }
    }
    // Both ways are exercised.
    #expect(taken > 100)
    #expect(left > 1000)
  }

  @Test(
    "texts the decoder reads otherwise, or refuses, are left to it",
    arguments: [
      #"{"time":"20160702T100000Z","status":200,"status":201}"#,
      #"{"title":null}"#,
      #"{"title":"a\"b"}"#,
      #"{"status":2.0}"#,
      #"{"status":1e2}"#,
      #"{"fetchSeconds":1e400}"#,
      #"{"status":012}"#,
      #"{"unknown":1}"#,
      #"[1,2]"#,
      #"{"a":1} x"#,
    ])
  func leftToTheDecoder(_ text: String) throws {
    var base = try #require(
      try JSONSerialization.jsonObject(with: Data(try writtenMetadata())) as? [String: Any])
    base.removeValue(forKey: "status")
    // The text's fields over a complete record, spliced as text so duplicates stay.
    let complete = String(
      decoding: try JSONSerialization.data(
        withJSONObject: base, options: [.sortedKeys, .withoutEscapingSlashes]),
      as: UTF8.self)
    func spliced(_ fields: String) -> [UInt8] {
      Array((String(complete.dropLast()) + "," + fields.dropFirst()).utf8)
    }
    // The record with a plain status reads without the decoder.
    #expect(CaptureMetadata(plainJSON: spliced(#"{"status":200}"#)) != nil)
    for bytes in [Array(text.utf8), spliced(text)] {
      #expect(CaptureMetadata(plainJSON: bytes) == nil)
    }
  }
}
