import Foundation
import Testing

@testable import SnapshotStore

/// The quick reader of the store's JSON must read exactly what `JSONDecoder` reads, or leave
/// the document to it: these tests compare the two on the store's own files, on hand-made
/// edge cases and on many damaged variants of real lines.
@Suite struct StoredJSONTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures").path

  /// Decodes with both readers; the quick one may decline, but never disagree.
  func agree<T: StoredJSONReadable & Decodable & Equatable>(
    _ type: T.Type, _ bytes: [UInt8], mustRead: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let quick = T.quickly(bytes)
    let slow = try? JSONDecoder().decode(T.self, from: Data(bytes))
    if let quick {
      #expect(
        quick == slow, "\(String(decoding: bytes, as: UTF8.self))",
        sourceLocation: sourceLocation)
    }
    if mustRead {
      #expect(
        quick != nil, "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
    }
  }

  @Test func readsEveryFileOfTheFixtureStoresAsJSONDecoderDoes() throws {
    var histories = 0
    var metadata = 0
    // The test fixtures, and the store bundled with the repository.
    let bundled = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Snapshots").path
    for root in [Self.fixtures, bundled] {
      let enumerator = FileManager.default.enumerator(atPath: root)
      while let relative = enumerator?.nextObject() as? String {
        let path = root + "/" + relative
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let bytes = [UInt8](data)
        let name = (relative as NSString).lastPathComponent
        if name == "history.jsonl" {
          for line in bytes.split(separator: UInt8(ascii: "\n")) {
            agree(HistoryEntry.self, Array(line), mustRead: true)
            histories += 1
          }
        } else if name == "page.json" {
          agree(PageRecord.self, bytes, mustRead: true)
        } else if name == "head.json" {
          agree(HistoryHead.self, bytes, mustRead: true)
        } else if name.hasSuffix("Z.json") {
          agree(CaptureMetadata.self, bytes, mustRead: true)
          metadata += 1
        }
      }
    }
    #expect(histories > 10)
    #expect(metadata > 3)
  }

  @Test func readsWhatTheStoreWritesWithEveryFieldSet() throws {
    var entry = HistoryEntry(
      time: "20160702T100000Z", outcome: .repaired, status: 404, capture: "20160701T100000Z",
      added: 3, removed: -1, bodySHA256: "ab", textSHA256: "cd", metadataSHA256: "ef",
      rawKept: true, title: "Quote \" slash / back \\ tab \t nul \u{0} é 😀 \u{7F}",
      error: "line\nbreak", finalURL: "https://x.example/a?b=c#d", previous: "00",
      lostFiles: ["20160701T100000Z.txt", "x"])
    entry.rules = "css div.story (watch)"
    agree(HistoryEntry.self, try encodeJSON(entry, pretty: false), mustRead: true)
    agree(HistoryEntry.self, try encodeJSON(entry, pretty: true), mustRead: true)
    let hop = StoredHop(
      url: "http://x/old",
      request: StoredHead(
        startLine: "GET /old HTTP/1.1", headers: [StoredHeader(name: "Host", value: "x")]),
      response: StoredHead(startLine: "HTTP/1.1 301 Moved", headers: []))
    let metadata = CaptureMetadata(
      time: "20160702T100000Z", requestedURL: "http://x/old", finalURL: "http://x/post",
      status: 200, headers: [StoredHeader(name: "Content-Type", value: "text/html")],
      redirects: [StoredRedirect(status: 301, from: "http://x/old", location: "/post")],
      fetchSeconds: 0.123456789, bodySHA256: "ab", bodyBytes: 12, textSHA256: "cd",
      rawKept: false, title: nil, extractionMethod: "x", redlineVersion: "1.0",
      articleFormat: 2,
      exchange: StoredExchange(
        hops: [hop, StoredHop(url: "http://x/post", request: nil, response: hop.response)],
        httpVersion: "1.1", remoteAddress: "127.0.0.1"),
      provenance: CaptureProvenance(
        source: "import", file: "a.warc.gz", recordID: "<urn:uuid:1>", software: nil,
        archivedDate: "2016-07-02T10:00:00Z"))
    agree(CaptureMetadata.self, try encodeJSON(metadata, pretty: true), mustRead: true)
    for seconds in [0, 1, 2.5, 1e-7, 12345.678] {
      let other = CaptureMetadata(
        time: "t", requestedURL: "u", finalURL: "u", status: 200, headers: [], redirects: [],
        fetchSeconds: seconds, bodySHA256: "", bodyBytes: 0, textSHA256: "", rawKept: true,
        title: "t", extractionMethod: nil, redlineVersion: "v")
      agree(CaptureMetadata.self, try encodeJSON(other, pretty: true))
    }
  }

  @Test func leavesWhatItCannotVouchForToJSONDecoder() {
    let declined = [
      #"{"time":"t","outcome":"new","status":null}"#,  // read quickly: null is absent
      #"{"time":"t","outcome":"new","time":"u"}"#,  // a duplicate key
      #"{"time":"t","outcome":"renamed"}"#,  // an unknown outcome
      #"{"time":"t","outcome":"new","status":"200"}"#,  // a number as a string
      #"{"time":"t","outcome":"new","status":2e2}"#,  // an exponent
      #"{"time":"t","outcome":"new","status":200.0}"#,  // a fraction for an Int
      #"{"time":"t","outcome":"new","status":0200}"#,  // a leading zero
      #"{"time":"t","outcome":"new","status":99999999999999999999}"#,  // overflow
      #"{"time":"t","outcome":"new","rawKept":1}"#,
      #"{"time":"t","outcome":"new","lostFiles":["a",null]}"#,
      #"{"time":"t","outcome":"new","title":"\ud800"}"#,  // a lone surrogate
      #"{"time":"t","outcome":"new","title":"\x"}"#,
      #"{"time":"t","outcome":"new"} x"#,
      #"{"time":"t","outcome":"new",}"#,
      #"{"time":null,"outcome":"new"}"#,
      #"{"outcome":"new"}"#,
      "{\"time\":\"t\u{1}\",\"outcome\":\"new\"}",
      "\u{FEFF}{\"time\":\"t\",\"outcome\":\"new\"}",
    ]
    for text in declined {
      agree(HistoryEntry.self, Array(text.utf8))
    }
    #expect(
      HistoryEntry.quickly(Array(#"{"time":"t","outcome":"new","status":"200"}"#.utf8)) == nil)
    #expect(HistoryEntry.quickly(Array(#"{"time":"t","outcome":"new","time":"u"}"#.utf8)) == nil)
    #expect(HistoryEntry.quickly(Array(#"{"time":"t","outcome":"new","status":2e2}"#.utf8)) == nil)
    #expect(HistoryEntry.quickly(Array([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])) == nil)
    let unknown = HistoryEntry.quickly(
      Array(#" { "time" : "t" , "outcome" : "new" , "later" : [1, "x", true, {"a": null}] } "#.utf8)
    )
    #expect(unknown == HistoryEntry(time: "t", outcome: .new))
    #expect(
      HistoryEntry.quickly(
        Array(#"{"time":"t","outcome":"new","title":"a\u00e9\ud83d\ude00\/"}"#.utf8))?
        .title == "aé😀/")
  }

  /// Every single-byte change of real lines (deleted, replaced by a JSON-significant byte or
  /// duplicated): where the quick reader reads the damaged line, it reads what `JSONDecoder`
  /// reads.
  @Test func agreesOnDamagedLines() throws {
    let lines = [
      #"{"added":1,"bodySHA256":"e6","capture":"20160702T125300Z","metadataSHA256":"52","outcome":"changed","previous":"ee3e","removed":1,"status":200,"textSHA256":"24","time":"20160702T125300Z","title":"Post \"0\" é","lostFiles":["a.txt"],"rawKept":false}"#,
      "{\n  \"last\" : \"ac7f\",\n  \"lines\" : 4\n}\n",
    ]
    let replacements = Array(#"{}[],:" \-.0123456789eE+tfnul"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
    var read = 0
    for line in lines.map({ Array($0.utf8) }) {
      for index in line.indices {
        var variants: [[UInt8]] = []
        var removed = line
        removed.remove(at: index)
        variants.append(removed)
        var doubled = line
        doubled.insert(line[index], at: index)
        variants.append(doubled)
        for byte in replacements {
          var replaced = line
          replaced[index] = byte
          variants.append(replaced)
        }
        for variant in variants {
          agree(HistoryEntry.self, variant)
          agree(HistoryHead.self, variant)
          if HistoryEntry.quickly(variant) != nil || HistoryHead.quickly(variant) != nil {
            read += 1
          }
        }
      }
    }
    #expect(read > 100)
  }

  /// A stored property the quick reader does not know would be dropped without a word: each
  /// type's keys must be its stored properties.
  @Test func knowsEveryStoredPropertyOfTheTypesItReads() {
    func labels(_ value: Any) -> Set<String> {
      Set(Mirror(reflecting: value).children.compactMap(\.label))
    }
    let head = StoredHead(startLine: "", headers: [])
    let metadata = CaptureMetadata(
      time: "", requestedURL: "", finalURL: "", status: 0, headers: [], redirects: [],
      fetchSeconds: 0, bodySHA256: "", bodyBytes: 0, textSHA256: "", rawKept: false, title: nil,
      extractionMethod: nil, redlineVersion: "")
    #expect(labels(HistoryEntry(time: "", outcome: .new)) == HistoryEntry.storedJSONKeys)
    #expect(labels(metadata) == CaptureMetadata.storedJSONKeys)
    #expect(
      labels(PageRecord(url: "", folder: "", host: "", slug: "", urlHash: ""))
        == PageRecord.storedJSONKeys)
    #expect(labels(HistoryHead(lines: 0, last: "")) == HistoryHead.storedJSONKeys)
    #expect(labels(StoredHeader(name: "", value: "")) == StoredHeader.storedJSONKeys)
    #expect(
      labels(StoredRedirect(status: 0, from: "", location: "")) == StoredRedirect.storedJSONKeys)
    #expect(labels(head) == StoredHead.storedJSONKeys)
    #expect(labels(StoredHop(url: "", request: nil, response: head)) == StoredHop.storedJSONKeys)
    #expect(
      labels(StoredExchange(hops: [], httpVersion: "", remoteAddress: nil))
        == StoredExchange.storedJSONKeys)
    #expect(
      labels(
        CaptureProvenance(source: "", file: "", recordID: nil, software: nil, archivedDate: nil))
        == CaptureProvenance.storedJSONKeys)
  }

  @Test func hexDigestsAreLowerCaseAndWhole() {
    #expect(
      sha256Hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }
}
