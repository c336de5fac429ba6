import Crypto
import Foundation
import LoopbackServer
import Testing

/// The repository's `scripts/pywb-replay.py`: replays WARC files in pywb on 127.0.0.1.
private let replayScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
    "scripts/pywb-replay.py"
  ).path

/// A check the store kept a body hash for, and where replay should find it.
private struct ExpectedReplay {
  let timestamp: String
  let url: String
  let bodySHA256: String
  /// The raw body file the store kept for this check, when it kept one.
  let keptFile: String?
}

/// Every check of every page of a store that holds a body hash with status 200: its time as
/// a 14-digit timestamp, the URL that answered (the check's `finalURL`, else its capture's,
/// else the latest capture's before it, else the page's URL) and the hash.
private func expectedReplays(store: String) throws -> [ExpectedReplay] {
  let manager = FileManager.default
  var expected: [ExpectedReplay] = []
  let pageFiles = (manager.enumerator(atPath: store)?.compactMap { $0 as? String } ?? [])
    .filter { $0.hasSuffix("/page.json") }
  for pageFile in pageFiles {
    let folder = store + "/" + String(pageFile.dropLast("/page.json".count))
    let page = try jsonObject(folder + "/page.json")
    var url = try #require(page["url"] as? String)
    let history = try String(contentsOfFile: folder + "/history.jsonl", encoding: .utf8)
    for line in history.split(separator: "\n") {
      let check = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let time = try #require(check["time"] as? String)
      if let capture = check["capture"] as? String {
        let metadata = try jsonObject(folder + "/\(capture).json")
        url = metadata["finalURL"] as? String ?? url
      }
      guard let hash = check["bodySHA256"] as? String, check["status"] as? Int == 200 else {
        continue
      }
      let kept = folder + "/\(time).html"
      expected.append(
        ExpectedReplay(
          timestamp: time.filter(\.isNumber), url: check["finalURL"] as? String ?? url,
          bodySHA256: hash, keptFile: manager.fileExists(atPath: kept) ? kept : nil))
    }
  }
  return expected
}

private func jsonObject(_ path: String) throws -> [String: Any] {
  try #require(
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
      as? [String: Any])
}

/// Replays `warcs` in pywb (`scripts/pywb-replay.py`) and fetches every expected check through
/// its `id_` endpoint into `work/replayed-N`; nil when the archive tools are skipped.
private func replay(_ expected: [ExpectedReplay], warcs: [String], in work: TemporaryFolder)
  throws -> RunResult?
{
  var fetchList = ""
  for (number, replay) in expected.enumerated() {
    fetchList += "\(replay.timestamp) \(replay.url) \(work.file("replayed-\(number)"))\n"
  }
  try Data(fetchList.utf8).write(to: URL(fileURLWithPath: work.file("fetch.txt")))
  let replayed = try ArchiveTools.run(
    "python3",
    [
      replayScript, "--venv", ArchiveTools.folder.path, "--work", work.file("pywb"),
      "--fetch", work.file("fetch.txt"), "--seconds", "150",
    ] + warcs, seconds: 180)
  if let replayed { #expect(replayed.status == 0, "\(replayed.stdout)\(replayed.stderr)") }
  return replayed
}

private func sha256Hex(_ data: Data) -> String {
  SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// The sample post, and its gzip-encoded form.
func sampleBodies() throws -> (page: Data, gzipped: Data) {
  (
    try Data(contentsOf: samplePost.appendingPathComponent("v1.html")),
    try Data(
      contentsOf: samplePost.deletingLastPathComponent().appendingPathComponent(
        "compressed/page.html.gz"))
  )
}

/// A site for the export tests: `/old` redirects to `/post`; `/post` is the sample post,
/// `/edited` too in round 0 and its edit after; `/gzip` is gzip-encoded; any other path is
/// chunked.
func encodedSite(round: Counter) throws -> LoopbackServer {
  let (page, gzipped) = try sampleBodies()
  let edited = try Data(contentsOf: samplePost.appendingPathComponent("v2.html"))
  return try LoopbackServer { request in
    switch request.path {
    case "/old": return .respond(status: 301, headers: [("Location", "/post")], body: [])
    case "/post", "/edited":
      let body = request.path == "/edited" && round.value > 0 ? edited : page
      return .respond(status: 200, headers: [("Content-Type", "text/html")], body: Array(body))
    case "/gzip":
      return .respond(
        status: 200,
        headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        body: Array(gzipped))
    default:
      let hex = String(page.count, radix: 16)
      return .respond(
        status: 200,
        headers: [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        body: Array("\(hex)\r\n".utf8) + Array(page) + Array("\r\n0\r\n\r\n".utf8))
    }
  }
}

/// Snapshots `urls` in round 0 and, a second later, in round 1 (and so on, `rounds` times)
/// into `work/store`, then exports the store as WARC into `work/out`.
func snapshotTwiceAndExport(
  _ urls: [String], round: Counter, rounds: Int = 2, in work: TemporaryFolder
) throws -> (store: String, export: RunResult) {
  let store = work.file("store")
  for check in 0..<rounds {
    round.value = check
    let snapshot = try redline(["snapshot", "--store", store] + urls)
    #expect(snapshot.status == 0, "\(snapshot.stdout)\(snapshot.stderr)")
    Thread.sleep(forTimeInterval: 1.1)
  }
  let export = try redline([
    "export", "--format", "warc", "--output", work.file("out"), "--store", store,
  ])
  #expect(export.status == 0, "\(export.stderr)")
  return (store, export)
}

@Suite("redline export replayed in pywb", .serialized)
struct ReplayTests {
  @Test("every check with a kept body replays byte-identical through pywb's id_, revisits too")
  func pywbReplay() throws {
    let round = Counter()
    let server = try encodedSite(round: round)
    let work = try TemporaryFolder()
    let urls = ["/old", "/edited", "/gzip", "/chunked"].map { server.baseURL + $0 }
    let (store, export) = try snapshotTwiceAndExport(urls, round: round, in: work)
    // Four first captures and the edit are responses; the three unchanged checks revisits.
    #expect(export.stderr.contains("5 responses, 3 revisits"), "\(export.stderr)")
    let warcs = export.stdout.split(separator: "\n").map(String.init).filter {
      $0.hasSuffix(".warc.gz")
    }
    let expected = try expectedReplays(store: store)
    #expect(expected.count == 8)
    #expect(expected.filter { $0.keptFile == nil }.count == 3)
    guard let replayed = try replay(expected, warcs: warcs, in: work) else { return }
    let statuses = replayed.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] }
    #expect(statuses == Array(repeating: "200", count: expected.count), "\(replayed.stdout)")
    for (number, replay) in expected.enumerated() {
      let body = try Data(contentsOf: URL(fileURLWithPath: work.file("replayed-\(number)")))
      #expect(
        sha256Hex(body) == replay.bodySHA256,
        "\(replay.timestamp) \(replay.url): \(body.count) bytes replayed")
      if let kept = replay.keptFile {
        #expect(body == (try Data(contentsOf: URL(fileURLWithPath: kept))), "\(kept)")
      }
    }
  }
}

/// A value the server's handler reads while the test changes it between checks.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var current = 0
  var value: Int {
    get { lock.withLock { current } }
    set { lock.withLock { current = newValue } }
  }
}

@Suite("snapshot --keep-raw distinct", .serialized)
struct DistinctPayloadTests {
  @Test("bytes that change, article that does not: each body kept once, exported, replayed")
  func distinctPayloads() throws {
    let round = Counter()
    let page = try sampleBodies().page
    // The same article with a different comment per round; round 2 repeats round 0's bytes.
    let nonces = [0, 1, 0, 2]
    let server = try LoopbackServer { _ in
      let nonce = Array("<!-- nonce \(nonces[round.value]) -->\n".utf8)
      return .respond(
        status: 200, headers: [("Content-Type", "text/html")], body: nonce + Array(page))
    }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let url = server.baseURL + "/post"
    for check in nonces.indices {
      round.value = check
      let snapshot = try redline(["snapshot", "--keep-raw", "distinct", "--store", store, url])
      #expect(snapshot.status == 0, "\(snapshot.stdout)\(snapshot.stderr)")
      #expect(snapshot.stdout.contains(check == 0 ? "new" : "unchanged"), "\(snapshot.stdout)")
    }
    // Two payloads kept (nonces 1 and 2): nonce 0 is the capture's own raw body.
    let folders = try FileManager.default.subpathsOfDirectory(atPath: store).filter {
      $0.hasSuffix("/payloads")
    }
    #expect(folders.count == 1)
    let payloads = store + "/" + (folders.first ?? "")
    let names = try FileManager.default.contentsOfDirectory(atPath: payloads).sorted()
    #expect(names.count == 2, "\(names)")
    for name in names {
      let gunzip = try runProgram("/bin/sh", ["-c", "gzip -dc '\(payloads)/\(name)' | sha256sum"])
      #expect(gunzip.stdout.hasPrefix(String(name.dropLast(".gz".count))), "\(name)")
    }
    let export = try redline([
      "export", "--format", "warc", "--output", work.file("out"), "--store", store,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    // The capture and the two new payloads are responses; the repeat of nonce 0 a revisit.
    #expect(export.stderr.contains("3 responses, 1 revisit"), "\(export.stderr)")
    let warcs = export.stdout.split(separator: "\n").map(String.init).filter {
      $0.hasSuffix(".warc.gz")
    }
    if let check = try ArchiveTools.run("warcio", ["check", "-v"] + warcs) {
      #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
    let expected = try expectedReplays(store: store)
    #expect(expected.count == 4)
    guard try replay(expected, warcs: warcs, in: work) != nil else { return }
    for (number, replay) in expected.enumerated() {
      let body = try Data(contentsOf: URL(fileURLWithPath: work.file("replayed-\(number)")))
      #expect(sha256Hex(body) == replay.bodySHA256, "\(replay.timestamp): \(body.count) bytes")
    }
    #expect(Set(expected.map(\.bodySHA256)).count == 3)
  }
}
