import Foundation
import LoopbackServer
import Testing

/// Stores earlier mains wrote: `store-8ffb682` (format 1), `store-6041352` (format 2, the
/// main before the activity index), `store-cfe0c80` (format 3, the main before checks
/// taken into a page's past) and `store-e16c10c` (format 3, the main before typed store
/// times, kept payloads and re-reading captures of older releases) and `store-9bed2d8` (format
/// 4, the store code of 628f85b: before typed times, `payloadKept` and the faster verify) and
/// `store-3ae9e33` (format 4, where this submission started: before `payloadKept` and the
/// faster verify) and `store-aba66aa` (format 4, before `readSHA256` and verify on every
/// core) and `store-f277cf7` (format 4, before plain history lines and fsyncs in rounds) and
/// `store-3ab9e6c` (format 4, before the export's page reader) and `store-a9f55a1` (format 4,
/// session 10's starting main: before moves said how and soft 404s as failed lines) and
/// `store-548a3c8` (format 4, before kept payloads were read through the open page folder and
/// verify's gzip size guard) and `store-592968c` (format 4, article text format 2: before the
/// captions section, text format 3 and store format 5), each from the same five checks of the
/// sample post.
private let previousStores = [
  "store-8ffb682", "store-6041352", "store-cfe0c80", "store-e16c10c", "store-9bed2d8",
  "store-3ae9e33", "store-aba66aa", "store-f277cf7", "store-3ab9e6c", "store-a9f55a1",
  "store-548a3c8", "store-592968c",
]
private let postURL =
  "http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"

/// A store written by the previous release reads, verifies, diffs and audits as it is, and
/// today's Redline carries on writing to it without a false edit.
@Suite("a store written by the previous main", .serialized)
struct StoreCompatibilityTests {
  /// A copy of the fixture, so that nothing writes to the committed files.
  private func copy(_ work: TemporaryFolder, _ fixture: String) throws -> String {
    let store = work.file("store")
    let previousStore = samplePost.deletingLastPathComponent().appendingPathComponent(fixture)
      .path
    try FileManager.default.copyItem(atPath: previousStore, toPath: store)
    try? FileManager.default.removeItem(atPath: store + "/README.md")
    return store
  }

  @Test("it reads, verifies, diffs and audits as it is", arguments: previousStores)
  func reads(fixture: String) throws {
    let work = try TemporaryFolder()
    let store = try copy(work, fixture)
    let formatBefore = try? Data(contentsOf: URL(fileURLWithPath: store + "/.redline-store.json"))
    let indexBefore = try? Data(contentsOf: URL(fileURLWithPath: store + "/.activity.log"))
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stderr.contains("1 page, 2 captures, 5 history lines"))
    let list = try redline(["list", "--store", store])
    #expect(list.status == 0)
    #expect(list.stdout.hasPrefix("2 captures"))
    let log = try redline(["log", "--all", "--store", store, postURL])
    #expect(log.status == 0)
    #expect(
      log.stdout.split(separator: "\n").map {
        $0.split(separator: " ", omittingEmptySubsequences: true)[4]
      }
        == ["new", "changed", "unchanged", "failed", "unchanged"])
    // The edit, and nothing else: both old captures get their links from their raw HTML, so no
    // links section shows up as a change.
    let diff = try redline(["diff", "--store", store, postURL])
    #expect(diff.status == 1)
    #expect(diff.stdout.contains("+There are reports that the president of the HoR"))
    #expect(diff.stdout.contains("\n Links:\n"))
    #expect(!diff.stdout.contains("\n+Links:") && !diff.stdout.contains("\n+http"))
    #expect(!diff.stdout.contains("\n-Links:") && !diff.stdout.contains("\n-http"))
    let audit = try redline(["audit", "--store", store, "--format", "json"])
    #expect(audit.status == 0, "\(audit.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
    let pages = try #require(report["pages"] as? [[String: Any]])
    #expect(pages.count == 1)
    #expect((pages.first?["edits"] as? [Any])?.count == 1)
    #expect((report["unavailableLabels"] as? [Any])?.isEmpty == true)
    // Reading never writes: the format record is as it was (none for format 1), no index.
    #expect(
      (try? Data(contentsOf: URL(fileURLWithPath: store + "/.redline-store.json"))) == formatBefore)
    #expect((try? Data(contentsOf: URL(fileURLWithPath: store + "/.activity.log"))) == indexBefore)
  }

  @Test(
    "a new check of the same article is unchanged; the store then records format 5",
    arguments: previousStores)
  func carriesOn(fixture: String) throws {
    let work = try TemporaryFolder()
    let store = try copy(work, fixture)
    let page = try Data(contentsOf: samplePost.appendingPathComponent("v3.html"))
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html; charset=UTF-8")], body: [UInt8](page))
    }
    let route = ["--connect-to", "libyaanalysis.blogspot.com:80:127.0.0.1:\(server.port)"]
    let check = try redline(["snapshot", "--store", store] + route + [postURL])
    #expect(check.stdout == "unchanged \(postURL)\n", "\(check.stderr)")
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 0, "\(verify.stdout)")
    let format = try String(contentsOfFile: store + "/.redline-store.json", encoding: .utf8)
    #expect(format.contains("\"format\" : 5"))
    // Its first write built the activity index from the histories: an audit of a period reads
    // the pages it names and finds what reading every page finds.
    let index = try String(contentsOfFile: store + "/.activity.log", encoding: .utf8)
    #expect(index.contains(" changed\n"))
    let whole = try redline(["audit", "--store", store, "--format", "json"])
    let period = try redline([
      "audit", "--store", store, "--since", "2000-01-01", "--format", "json",
    ])
    #expect(whole.stdout.contains("\"edits\""))
    #expect(
      whole.stdout.replacingOccurrences(of: #""since" : null"#, with: "")
        .split(separator: "\n").filter { !$0.contains("generated") && !$0.contains("since") }
        == period.stdout.split(separator: "\n").filter {
          !$0.contains("generated") && !$0.contains("since")
        })
    // An edit now is diffed against the old capture without a links section appearing.
    let edited = try redline(["diff", "--store", store, postURL, "first", "latest"])
    #expect(edited.status == 1)
    #expect(!edited.stdout.contains("\n+Links:") && !edited.stdout.contains("\n+http"))
  }
}
