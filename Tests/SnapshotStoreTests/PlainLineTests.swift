import Foundation
import Testing

@testable import SnapshotStore

/// History lines as the store writes them: the bundled `Snapshots/`, and lines of every
/// outcome and optional key, ASCII or not.
private let storeLines: [String] = {
  bundledHistoryLines() + [
    #"{"added":1,"bodySHA256":"7079acc0cab95fe6aa6604d567ccd4c0e9c9f1db9a0ec19216a2cb6216443c85","capture":"20171124T125300Z","metadataSHA256":"f18de0df863f66b700ef2c150d51ad9bf83735a96cae5b281f2c7cb14c1605de","outcome":"changed","previous":"0085bc9d0ba0f9fafe151eb3b2c2b334","removed":1,"status":200,"textSHA256":"7afa9e4bab73c7349e747bf1e63daba328eb17fb895e094248e7a05127119c4f","time":"20171124T125300Z","title":"Post 4080"}"#,
    #"{"bodySHA256":"7079acc0cab95fe6aa6604d567ccd4c0e9c9f1db9a0ec19216a2cb6216443c85","outcome":"unchanged","previous":"3ecc87cf8d2f58f7fcd5f73d6dc1ab8e","status":200,"time":"20171124T135300Z"}"#,
    #"{"error":"HTTP 503 – «Service Unavailable»","outcome":"failed","previous":"0123456789abcdef0123456789abcdef","time":"20160702T100000Z"}"#,
    #"{"finalURL":"https://blog.example/?p=1&x=2","outcome":"moved","status":200,"time":"20160702T110000Z"}"#,
    #"{"capture":"20160702T090000Z","outcome":"back","status":200,"time":"20160702T120000Z"}"#,
    #"{"error":"missing 20160702T090000Z.txt: the history records it","lostFiles":["20160702T090000Z.json","20160702T090000Z.txt"],"outcome":"repaired","time":"20160702T130000Z"}"#,
    #"{"bodySHA256":"ab","capture":"20160701T000000Z","outcome":"unchanged","recorded":"20160702T140000Z","status":200,"textSHA256":"cd","time":"20160701T000000Z","title":"A \"quoted\" title"}"#,
    #"{"bodySHA256":"ab","outcome":"unchanged","payloadKept":true,"rawKept":false,"readSHA256":"ef","rules":"css div.story (watch); ignore ^Share (site example.org)","status":-1,"time":"20160702T150000Z"}"#,
    #"{"outcome":"failed","status":0,"time":"20160702T160000Z"}"#,
  ]
}()

/// `line` as the decoder alone reads it in `form`, or nil when it does not decode.
private func decoderEntry<Line: HistoryLineForm>(_ line: ArraySlice<UInt8>, _ form: Line.Type)
  -> HistoryEntry?
{
  (try? decodeJSON(form, from: line))?.entry
}

/// Lines made from `line` by deleting one byte, or putting a byte that matters to JSON (or a
/// non-ASCII one) in the place of one, at every position.
private func damaged(_ line: [UInt8]) -> [[UInt8]] {
  let bytes = Array(#"" \,}0t."#.utf8) + [0xC3]
  var lines: [[UInt8]] = []
  for index in line.indices {
    var deleted = line
    deleted.remove(at: index)
    lines.append(deleted)
    for byte in bytes where byte != line[index] {
      var replaced = line
      replaced[index] = byte
      lines.append(replaced)
    }
  }
  return lines
}

@Suite("history lines read without the decoder")
struct PlainLineTests {
  @Test("the store's ASCII lines are plain, and read as the decoder reads them")
  func plainLinesReadAsDecoded() throws {
    var plain = 0
    for text in storeLines {
      let line = Array(text.utf8)[...]
      if let entry = VerifiedLine.plainEntry(line) {
        plain += 1
        #expect(entry == decoderEntry(line, VerifiedLine.self), "\(text)")
      }
      if let entry = ListedLine.plainEntry(line) {
        plain += 1
        #expect(entry == decoderEntry(line, ListedLine.self), "\(text)")
      }
      let isPlain =
        text.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
        && !text.contains("\\") && !text.contains("[")
      #expect((PlainLine(line) != nil) == isPlain, "\(text)")
    }
    #expect(plain >= 2 * 8)
  }

  @Test("every line read plain or not reads as the decoder reads it", arguments: storeLines)
  func sameAsDecoder(_ text: String) throws {
    let line = Array(text.utf8)
    #expect(decodeHistoryLine(line[...], as: VerifiedLine.self) != nil)
    #expect(
      decodeHistoryLine(line[...], as: VerifiedLine.self)
        == decoderEntry(line[...], VerifiedLine.self))
    #expect(
      decodeHistoryLine(line[...], as: ListedLine.self) == decoderEntry(line[...], ListedLine.self))
    // The whole line as every other reader reads it: as `HistoryEntry`'s own decoding does.
    #expect(
      decodeHistoryLine(line[...])
        == (try JSONDecoder().decode(HistoryEntry.self, from: Data(line))))
  }

  @Test("the whole form reads every field of a history entry, plain or not")
  func wholeLine() throws {
    var entry = HistoryEntry(
      time: "20160702T100000Z", outcome: .changed, status: 200, capture: "20160702T100000Z",
      added: 3, removed: 1, bodySHA256: "a", textSHA256: "b", metadataSHA256: "c",
      rawKept: true, title: "T", error: "e", finalURL: "https://b.example/x?y=1",
      previous: "d", lostFiles: nil)
    entry.rules = "css div.story"
    entry.recorded = "20160703T100000Z"
    entry.payloadKept = false
    entry.readSHA256 = "f"
    #expect(Mirror(reflecting: entry).children.count == WholeLine.keys.count)
    #expect(
      Mirror(reflecting: entry).children.allSatisfy { WholeLine.keys.contains($0.label ?? "") })
    let plain = try encodeJSON(entry, pretty: false)
    #expect(WholeLine.plainEntry(plain[...]) == entry)
    entry.lostFiles = ["20160702T100000Z.txt"]
    let withArray = try encodeJSON(entry, pretty: false)
    #expect(WholeLine.plainEntry(withArray[...]) == nil)
    #expect(decodeHistoryLine(withArray[...]) == entry)
  }

  @Test(
    "a damaged line reads as the decoder reads it, or not at all",
    arguments: storeLines.suffix(9).filter { PlainLine(Array($0.utf8)[...]) != nil })
  func damagedLines(_ text: String) throws {
    for line in damaged(Array(text.utf8)) {
      let verified = decodeHistoryLine(line[...], as: VerifiedLine.self)
      #expect(
        verified == decoderEntry(line[...], VerifiedLine.self),
        "\(String(decoding: line, as: UTF8.self))")
      let listed = decodeHistoryLine(line[...], as: ListedLine.self)
      #expect(listed == decoderEntry(line[...], ListedLine.self))
      #expect(decodeHistoryLine(line[...]) == decoderEntry(line[...], WholeLine.self))
    }
  }

  @Test(
    "lines outside the plain form are left to the decoder",
    arguments: [
      #"{"outcome":"new", "time":"20160702T100000Z"}"#,
      #"{"outcome":"new","time":"20160702T100000Z","time":"20160702T110000Z"}"#,
      #"{"outcome":"new","status":200.5,"time":"20160702T100000Z"}"#,
      #"{"outcome":"new","status":007,"time":"20160702T100000Z"}"#,
      #"{"outcome":"new","status":null,"time":"20160702T100000Z"}"#,
      #"{"outcome":"ne\u0077","time":"20160702T100000Z"}"#,
      #"{"outcome":"new","time":"20160702T100000Z"} "#,
      #"{"outcome":"new","time":"20160702T100000Z"},"#,
      #"{"outcome":"new","rules":{"a":1},"time":"20160702T100000Z"}"#,
      #"{"outcome":"new","status":1234567890123456789,"time":"20160702T100000Z"}"#,
      "{\"outcome\":\"new\",\"time\":\"20160702T100000Z\",\"title\":\"caf\u{e9}\"}",
    ])
  func notPlain(_ text: String) {
    #expect(PlainLine(Array(text.utf8)[...]) == nil)
  }

  @Test("a field of another type than the form reads is the decoder's to judge")
  func wrongType() {
    let line = Array(#"{"outcome":"unchanged","rawKept":"yes","time":"20160702T100000Z"}"#.utf8)
    #expect(PlainLine(line[...]) != nil)
    #expect(VerifiedLine.plainEntry(line[...]) == nil)
    #expect(decodeHistoryLine(line[...], as: VerifiedLine.self) == nil)
  }

  @Test("plain values: strings, booleans, whole numbers")
  func values() throws {
    let line = try #require(
      PlainLine(Array(#"{"a":"x/y?z=1","b":true,"c":false,"d":-12,"e":0}"#.utf8)[...]))
    #expect(try line.string("a") == "x/y?z=1")
    #expect(try line.bool("b") == true)
    #expect(try line.bool("c") == false)
    #expect(throws: PlainLine.NotPlain.self) { try line.string("d") }
    #expect(throws: PlainLine.NotPlain.self) { try line.bool("a") }
    #expect(try line.string("missing") == nil)
    #expect(try #require(PlainLine(Array("{}".utf8)[...])).contains("a") == false)
  }
}
