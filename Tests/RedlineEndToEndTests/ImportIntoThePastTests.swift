import Foundation
import LoopbackServer
import Testing

private final class ServedPost: @unchecked Sendable {
  // Written only between runs of the binary, read by the server thread during them.
  var body: [UInt8] = []
}

/// The sample post's version N, as served.
private func version(_ number: Int) throws -> [UInt8] {
  Array(try Data(contentsOf: samplePost.appendingPathComponent("v\(number).html")))
}

/// A JSON document's top-level object.
private func jsonObject(_ text: String) throws -> [String: Any] {
  try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("redline import: captures older than the store's", .serialized)
struct ImportIntoThePastTests {
  @Test(
    "an archive older than the store's history takes its place in the page's timeline: log, audit, verify, a second import, the next check"
  )
  func olderCapturesTakeTheirPlace() throws {
    let post = ServedPost()
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: post.body)
    }
    let url = server.baseURL + "/2016/07/post.html"
    let work = try TemporaryFolder()
    // An archive of two versions, taken before the store below began (a second apart: check
    // times are seconds).
    let archived = work.file("archived")
    for number in [1, 2] {
      post.body = try version(number)
      let run = try redline(["snapshot", "--store", archived, url])
      #expect(run.status == 0, "\(run.stderr)")
      Thread.sleep(forTimeInterval: 1.1)
    }
    let warcs = work.file("warc")
    let export = try redline(["export", "--format", "warc", "--output", warcs, "--store", archived])
    #expect(export.status == 0, "\(export.stderr)")
    let warc = try #require(
      try FileManager.default.contentsOfDirectory(atPath: warcs).first { $0.hasSuffix(".warc.gz") })

    // The store was started later, when the post read as its first version again.
    let store = work.file("store")
    post.body = try version(1)
    let later = try redline(["snapshot", "--store", store, url])
    #expect(later.stdout == "new \(url)\n", "\(later.stderr)")
    let before = try String(contentsOfFile: try historyFile(in: store), encoding: .utf8)

    let imported = try redline(["import", "--store", store, warcs + "/" + warc])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains(": 2 captures, 0 unchanged"), "\(imported.stderr)")
    #expect(imported.stderr.contains("2 taken into their page's past"), "\(imported.stderr)")
    // Nothing written before moves: the chain only grows.
    let after = try String(contentsOfFile: try historyFile(in: store), encoding: .utf8)
    #expect(after.hasPrefix(before))

    // Readers see the timeline by time: the imported versions first.
    func checks(_ store: String) throws -> [(time: String, outcome: String)] {
      let log = try redline(["log", "--all", "--format", "json", "--store", store, url])
      return try log.stdout.split(separator: "\n").map { line in
        let object = try jsonObject(String(line))
        return (object["time"] as? String ?? "", object["outcome"] as? String ?? "")
      }
    }
    let archivedTimes = try checks(archived).map(\.time)
    let storeTime = try #require(try checks(store).last?.time)
    let timeline = try checks(store)
    #expect(timeline.map(\.time) == archivedTimes + [storeTime], "\(timeline)")
    #expect(timeline.map(\.outcome) == ["new", "changed", "new"], "\(timeline)")
    let text = try redline(["log", "--store", store, url]).stdout.split(separator: "\n")
    #expect(text.map { $0.contains("[imported ") } == [true, true, false], "\(text)")

    // The audit diffs neighbours in time: v1 → v2, and v2 → v1 (the store's first capture).
    func edits(_ arguments: [String]) throws -> [String] {
      let audit = try redline(["audit", "--format", "json", "--store", store] + arguments)
      #expect(audit.status == 0, "\(audit.stderr)")
      let pages = try jsonObject(audit.stdout)["pages"] as? [[String: Any]] ?? []
      return (pages.first?["edits"] as? [[String: Any]] ?? []).map {
        "\($0["from"] ?? "") \($0["to"] ?? "")"
      }
    }
    let all = try edits([])
    #expect(all.count == 2, "\(all)")
    // The activity index names the page for the edit the import made of the first capture:
    // an audit of the store's own period finds it.
    let recent = try edits(["--since", storeTime])
    #expect(recent.count == 1 && recent == Array(all.suffix(1)), "\(recent) \(all)")

    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

    // A second import adds nothing.
    let again = try redline(["import", "--store", store, warcs + "/" + warc])
    #expect(again.stderr.contains(": 0 captures, 0 unchanged"), "\(again.stderr)")
    #expect(again.stderr.contains("2 already imported"), "\(again.stderr)")

    // The next check compares with the latest version, not with the imported ones.
    Thread.sleep(forTimeInterval: 1.1)
    let next = try redline(["snapshot", "--store", store, url])
    #expect(next.stdout == "unchanged \(url)\n", "\(next.stderr)")
    #expect(try checks(store).map(\.outcome) == ["new", "changed", "new", "unchanged"])
    let finalVerify = try redline(["verify", "--store", store])
    #expect(finalVerify.status == 0, "\(finalVerify.stdout)\(finalVerify.stderr)")
  }
}

/// The one page's history file in a store.
private func historyFile(in store: String) throws -> String {
  let relative = try #require(
    FileManager.default.enumerator(atPath: store)?.compactMap { $0 as? String }.first {
      $0.hasSuffix("/history.jsonl")
    })
  return store + "/" + relative
}

/// Writes, with warcio, a post's first version, a 404 a day later and the first version
/// again the day after: a post removed for a day, as an older crawl saw it.
private let removedForADayScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, url, v1 = sys.argv[1:4]
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True)
      def response(date, status, body):
          head = StatusAndHeaders(status, [('Content-Type', 'text/html; charset=utf-8')],
                                  protocol='HTTP/1.1')
          w.write_record(w.create_warc_record(
              url, 'response', payload=BytesIO(body), http_headers=head,
              warc_headers_dict={'WARC-Date': date}))
      page = open(v1, 'rb').read()
      response('2016-07-02T10:00:00Z', '200 OK', page)
      response('2016-07-03T10:00:00Z', '404 Not Found', b'<html><body>Not found</body></html>')
      response('2016-07-04T10:00:00Z', '200 OK', page)
  """

extension ImportIntoThePastTests {
  @Test("an archived 404 between two versions goes into the past as a failed check")
  func removedForADay() throws {
    let post = ServedPost()
    post.body = try version(2)
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: post.body)
    }
    let url = server.baseURL + "/2016/07/post.html"
    let work = try TemporaryFolder()
    let store = work.file("store")
    let now = try redline(["snapshot", "--store", store, url])
    #expect(now.stdout == "new \(url)\n", "\(now.stderr)")
    let warc = work.file("old.warc.gz")
    let script = work.file("write.py")
    try Data(removedForADayScript.utf8).write(to: URL(fileURLWithPath: script))
    guard
      let written = try ArchiveTools.run(
        "python3", [script, warc, url, samplePost.appendingPathComponent("v1.html").path])
    else { return }
    #expect(written.status == 0, "\(written.stderr)")
    let imported = try redline(["import", "--store", store, warc])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("3 taken into their page's past"), "\(imported.stderr)")
    let log = try redline(["log", "--all", "--store", store, url]).stdout
    let outcomes = log.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true)[4]
    }
    #expect(outcomes == ["new", "failed", "unchanged", "new"], "\(log)")
    let audit = try redline(["audit", "--format", "json", "--store", store])
    let pages = try jsonObject(audit.stdout)["pages"] as? [[String: Any]] ?? []
    let events = pages.first?["events"] as? [[String: Any]] ?? []
    #expect(events.contains { $0["time"] as? String == "20160703T100000Z" }, "\(audit.stdout)")
    let edits = pages.first?["edits"] as? [[String: Any]] ?? []
    #expect(edits.map { $0["from"] as? String } == ["20160702T100000Z"], "\(audit.stdout)")
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }
}
