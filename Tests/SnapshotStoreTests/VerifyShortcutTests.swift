import Foundation
import Testing

@testable import SnapshotStore

/// Verify reads a capture's metadata and a page's head without decoding them when their bytes
/// are what Redline wrote; anything else is decoded and judged as before.
@Suite("verify's shortcuts")
struct VerifyShortcutTests {
  @Test(
    "the head made without an encoder run is the encoder's",
    arguments: [
      HistoryHead(lines: 0, last: ""),
      HistoryHead(lines: 7, last: "ac7fc12c6856fa3fed042aa7ba3b8f3f"),
      HistoryHead(lines: 1_234_567, last: String(repeating: "f", count: 64)),
    ])
  func headEncoding(_ head: HistoryHead) throws {
    let encoding = try #require(HeadEncoding.shared)
    #expect(encoding.bytes(of: head) == (try encodeJSON(head, pretty: true)))
  }

  @Test("a head with text the encoder would escape is left to the decoder")
  func escapedHead() throws {
    #expect(HeadEncoding.shared?.bytes(of: HistoryHead(lines: 1, last: "a\"b")) == nil)
  }

  @Test("a head written in another layout, with the right values, verifies clean")
  func headInAnotherLayout() throws {
    try withTemporaryFolder { root in
      let (store, folder) = try makeStore(root)
      let file = folder + "/" + headFileName
      let head = try JSONDecoder().decode(
        HistoryHead.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
      try JSONEncoder().encode(head).write(to: URL(fileURLWithPath: file))
      #expect(try store.verify().problems == [])
    }
  }

  @Test(
    "page.json read without a decoder run is the record the decoder reads",
    arguments: [
      "https://b.example/2016/07/post.html", "https://b.example/?p=12&lang=fr",
      "https://b.example/caf%C3%A9/", "https://b.example/",
    ])
  func pageEncoding(_ url: String) throws {
    let record = try pageRecord(for: url)
    let bytes = try encodeJSON(record, pretty: true)
    #expect(try #require(PageEncoding.shared).record(in: bytes) == record)
    #expect(try decodeJSON(PageRecord.self, from: bytes) == record)
  }

  @Test("page.json with text beyond ASCII is left to the decoder, which reads it")
  func pageEncodingBeyondASCII() throws {
    let record = try pageRecord(for: "https://b.example/ünï/€")
    let bytes = try encodeJSON(record, pretty: true)
    #expect(try #require(PageEncoding.shared).record(in: bytes) == nil)
    let store = FolderStore(root: NSTemporaryDirectory())
    #expect(try store.storedPageRecord(bytes, file: "page.json") == record)
  }

  @Test("page.json in another layout, escaped or damaged is left to the decoder")
  func pageEncodingFallsBack() throws {
    let encoding = try #require(PageEncoding.shared)
    let record = try pageRecord(for: "https://b.example/2016/07/post.html")
    let written = try encodeJSON(record, pretty: true)
    let compact = try encodeJSON(record, pretty: false)
    #expect(encoding.record(in: compact) == nil)
    #expect(try decodeJSON(PageRecord.self, from: compact) == record)
    // Slashes escaped, as another encoder may write them: the same record to the decoder.
    let escaped = Array(
      String(decoding: written, as: UTF8.self)
        .replacingOccurrences(of: "https://", with: "https:\\/\\/").utf8)
    #expect(encoding.record(in: escaped) == nil)
    #expect(try decodeJSON(PageRecord.self, from: escaped) == record)
    #expect(encoding.record(in: Array(written.dropLast(3))) == nil)
    #expect(encoding.record(in: written + [UInt8(ascii: " ")]) == nil)
    var invalid = written
    invalid[invalid.firstRange(of: Array("post".utf8))!.lowerBound] = 0xFF
    #expect(encoding.record(in: invalid) == nil)
    #expect((try? decodeJSON(PageRecord.self, from: invalid)) == nil)
  }

  @Test("a page.json of another layout verifies clean; one naming another URL is altered")
  func pageFileInAnotherLayout() throws {
    try withTemporaryFolder { root in
      let (store, folder) = try makeStore(root)
      let file = folder + "/page.json"
      let record = try JSONDecoder().decode(
        PageRecord.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
      try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: file))
      #expect(try store.verify().problems == [])
      let other = try pageRecord(for: "https://b.example/2016/07/other.html")
      let moved = PageRecord(
        url: other.url, folder: record.folder, host: record.host, slug: record.slug,
        urlHash: record.urlHash)
      try Data(try encodeJSON(moved, pretty: true)).write(to: URL(fileURLWithPath: file))
      #expect(try store.verify().problems.map(\.kind) == [.altered])
    }
  }

  @Test("a capture without its raw body verifies clean; a raw body it did not keep is an orphan")
  func captureWithoutRawBody() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let time: CaptureTime = "20160702T010000Z"
      let text = "Title: T\n\nVersion 1\n"
      let body = Array("<p>Version 1</p>".utf8)
      let folder = try saveCapture(
        store, url: "https://b.example/2016/07/post.html", time: time, text: text, body: body,
        rawKept: false)
      #expect(try store.verify().problems == [])
      // A raw body that is not the one the history records, where the metadata says none was
      // kept, is an orphan. (One holding exactly the recorded body is taken as the capture's.)
      try Data("<p>Another</p>".utf8).write(to: URL(fileURLWithPath: folder + "/\(time).html"))
      let problems = try store.verify().problems
      #expect(problems.map(\.kind) == [.orphaned], "\(problems)")
    }
  }
}
