import Foundation
import SnapshotStore
import Testing

/// History lines as stores hold them: those of the bundled `Snapshots/` and one of every
/// outcome and optional key, written as the store writes lines (sorted keys, unescaped
/// slashes, no spaces).
private let writtenLines: [String] = {
  bundledHistoryLines() + [
    #"{"error":"HTTP 503 – «Service Unavailable»","outcome":"failed","previous":"0123456789abcdef0123456789abcdef","time":"20160702T100000Z"}"#,
    #"{"finalURL":"https://blog.example/","outcome":"moved","status":200,"time":"20160702T110000Z"}"#,
    #"{"capture":"20160702T090000Z","outcome":"back","status":200,"time":"20160702T120000Z"}"#,
    #"{"error":"missing 20160702T090000Z.txt: the history records it","lostFiles":["20160702T090000Z.json","20160702T090000Z.txt"],"outcome":"repaired","time":"20160702T130000Z"}"#,
    #"{"bodySHA256":"ab","capture":"20160701T000000Z","outcome":"unchanged","recorded":"20160702T140000Z","status":200,"textSHA256":"cd","time":"20160701T000000Z","title":"A \"quoted\" title"}"#,
    #"{"bodySHA256":"ab","outcome":"unchanged","rawKept":true,"rules":"css div.story (watch); ignore ^Share (site example.org)","status":200,"time":"20160702T150000Z"}"#,
  ]
}()

/// The history lines of the bundled `Snapshots/` store.
func bundledHistoryLines() -> [String] {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let bundled =
    FileManager.default.enumerator(atPath: root.path + "/Snapshots")?
    .compactMap { $0 as? String }.filter { $0.hasSuffix("/history.jsonl") }.sorted() ?? []
  return bundled.flatMap { path in
    ((try? String(contentsOfFile: root.path + "/Snapshots/" + path, encoding: .utf8)) ?? "")
      .split(separator: "\n").map(String.init)
  }
}

@Suite("history lines")
struct HistoryLineTests {
  @Test("lines decode and encode again to the same bytes", arguments: writtenLines)
  func roundTrip(_ line: String) throws {
    let entry = try JSONDecoder().decode(HistoryEntry.self, from: Data(line.utf8))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    #expect(String(decoding: try encoder.encode(entry), as: UTF8.self) == line)
  }

  @Test("the bundled store's lines are among them")
  func bundled() {
    #expect(writtenLines.count > 6)
  }
}
