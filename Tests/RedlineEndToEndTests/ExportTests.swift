import Foundation
import LoopbackServer
import Testing

/// `Tests/Fixtures/store-8ffb682`: new, edit, unchanged, 404, unchanged with the raw body kept.
private let fixtureStore = samplePost.deletingLastPathComponent()
  .appendingPathComponent("store-8ffb682").path

@Suite("redline export", .serialized)
struct ExportTests {
  private func store(_ work: TemporaryFolder) throws -> String {
    let store = work.file("store")
    try FileManager.default.copyItem(atPath: fixtureStore, toPath: store)
    try? FileManager.default.removeItem(atPath: store + "/README.md")
    return store
  }

  @Test("WARC: warcio checks every digest, and cdxj-indexer writes the same index")
  func warc() throws {
    let work = try TemporaryFolder()
    let store = try store(work)
    let output = work.file("out")
    let export = try redline(["export", "--format", "warc", "--output", output, "--store", store])
    #expect(export.status == 0, "\(export.stderr)")
    // new, changed, and the last unchanged check whose raw body was kept (new bytes); the
    // first unchanged check's bytes changed and were not kept, and the 404 kept nothing.
    #expect(export.stderr.contains("3 responses, 0 revisits, 7 records"), "\(export.stderr)")
    #expect(export.stderr.contains("2 checks without a kept body left out"), "\(export.stderr)")
    let files = export.stdout.split(separator: "\n").map(String.init)
    let warcs = files.filter { $0.hasSuffix(".warc.gz") }
    let index = try #require(files.first { $0.hasSuffix(".cdxj") })
    #expect(warcs.count == 1)
    let ours = try String(contentsOfFile: index, encoding: .utf8)
    #expect(ours.split(separator: "\n").count == 7)
    for warc in warcs {
      if let check = try ArchiveTools.run("warcio", ["check", "-v", warc]) {
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("invalid"), "\(check.stdout)")
      }
      if let list = try ArchiveTools.run(
        "warcio", ["index", "-f", "warc-type,warc-target-uri", warc])
      {
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 8)
        #expect(list.stdout.hasPrefix("{\"warc-type\": \"warcinfo\""))
      }
    }
    let names = warcs.map { URL(fileURLWithPath: $0).lastPathComponent }
    if let theirs = try ArchiveTools.run("cdxj-indexer", names, in: output) {
      #expect(theirs.status == 0, "\(theirs.stderr)")
      #expect(sortedLines(theirs.stdout) == sortedLines(ours))
    }
    // Exporting again does not replace anything.
    let again = try redline(["export", "--format", "warc", "--output", output, "--store", store])
    #expect(again.status == 0 || again.stderr.contains("exists"))
  }

  @Test("WACZ: wacz validate accepts the package")
  func wacz() throws {
    let work = try TemporaryFolder()
    let store = try store(work)
    let output = work.file("blog.wacz")
    let export = try redline(["export", "--format", "wacz", "--output", output, "--store", store])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout == output + "\n")
    if let validate = try ArchiveTools.run("wacz", ["validate", "-f", output]) {
      #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }
    let listing = try runProgram("/usr/bin/python3", ["-m", "zipfile", "-l", output])
    for member in [
      "archive/", "indexes/index.cdx.gz", "indexes/index.idx", "pages/pages.jsonl",
      "datapackage.json", "datapackage-digest.json",
    ] {
      #expect(listing.stdout.contains(member), "\(listing.stdout)")
    }
    // The output exists now: a second export refuses to replace it.
    let again = try redline(["export", "--format", "wacz", "--output", output, "--store", store])
    #expect(again.status == 2)
    #expect(again.stderr.hasPrefix("redline: cannot write \(output): it exists already"))
  }

  @Test("--since, --until and URLs narrow the export; an unknown URL is an error")
  func narrowing() throws {
    let work = try TemporaryFolder()
    let store = try store(work)
    let late = try redline([
      "export", "--format", "warc", "--output", work.file("late"), "--store", store,
      "--since", "20261206T084719Z",
    ])
    #expect(late.status == 0, "\(late.stderr)")
    // Only the check whose raw body was kept can be exported from that period.
    #expect(late.stderr.contains("1 response, 0 revisits, 1 record;"), "\(late.stderr)")
    let unknown = try redline([
      "export", "--format", "warc", "--output", work.file("x"), "--store", store,
      "https://never.example/x",
    ])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.hasPrefix("redline: no captures of https://never.example/x"))
  }

  @Test("a page.json edited to name a folder outside the store: one error line, nothing read")
  func pageFolderOutside() throws {
    let work = try TemporaryFolder()
    let store = try store(work)
    let manager = FileManager.default
    let host = try #require(try manager.contentsOfDirectory(atPath: store).first)
    let name = try #require(try manager.contentsOfDirectory(atPath: store + "/" + host).first)
    // A copy of the page outside the store, which the edited record names.
    try manager.copyItem(atPath: store + "/" + host + "/" + name, toPath: work.file("outside"))
    let pageFile = store + "/" + host + "/" + name + "/page.json"
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: pageFile)))
        as? [String: Any])
    var edited = record
    edited["host"] = ".."
    edited["folder"] = "../outside"
    try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: pageFile))
    let result = try redline([
      "export", "--format", "warc", "--output", work.file("out"), "--store", store,
    ])
    #expect(result.status != 0)
    #expect(
      result.stderr == "redline: store: '../outside' is not a page folder of the store\n",
      "\(result.stderr)")
    #expect((try? manager.contentsOfDirectory(atPath: work.file("out")))?.isEmpty ?? true)
  }

  @Test("--compression-level 1: other bytes, the same records and index; 0 and 13 refused")
  func compressionLevel() throws {
    let work = try TemporaryFolder()
    let store = try store(work)
    var indexes: [String] = []
    for level in ["1", "6"] {
      let output = work.file("level-" + level)
      let export = try redline([
        "export", "--format", "warc", "--output", output, "--store", store,
        "--compression-level", level,
      ])
      #expect(export.status == 0, "\(export.stderr)")
      let files = export.stdout.split(separator: "\n").map(String.init)
      let warc = try #require(files.first { $0.hasSuffix(".warc.gz") })
      if let check = try ArchiveTools.run("warcio", ["check", "-v", warc]) {
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("invalid"), "\(check.stdout)")
      }
      let index = try String(
        contentsOfFile: try #require(files.first { $0.hasSuffix(".cdxj") }), encoding: .utf8)
      if let theirs = try ArchiveTools.run(
        "cdxj-indexer", [URL(fileURLWithPath: warc).lastPathComponent], in: output)
      {
        #expect(sortedLines(theirs.stdout) == sortedLines(index))
      }
      indexes.append(index)
    }
    // Where the members are differs (their sizes), not what the lines say of the records.
    let placeless = indexes.map {
      $0.replacing(/, "length": "\d+", "offset": "\d+", "filename": "[^"]+"/, with: "")
    }
    #expect(indexes[0] != indexes[1])
    #expect(placeless[0] == placeless[1])
    #expect(placeless[0].split(separator: "\n").count == 7)
    for level in ["0", "13", "x"] {
      let refused = try redline([
        "export", "--format", "warc", "--output", work.file("refused"), "--store", store,
        "--compression-level", level,
      ])
      #expect(refused.status != 0)
      #expect(refused.stderr.contains("--compression-level"), "\(refused.stderr)")
      #expect(!FileManager.default.fileExists(atPath: work.file("refused")))
    }
  }
}

private func sortedLines(_ text: String) -> [String] {
  text.split(separator: "\n").map(String.init).sorted()
}

/// A page served gzip-encoded and chunked, behind a redirect.
@Suite("redline export of pages fetched over loopback HTTP", .serialized)
struct LoopbackExportTests {
  @Test("gzip, chunked and redirected responses export as warcio and cdxj-indexer expect")
  func encodedResponses() throws {
    let round = Counter()
    let server = try encodedSite(round: round)
    let work = try TemporaryFolder()
    let urls = ["/old", "/gzip", "/chunked"].map { server.baseURL + $0 }
    let (_, export) = try snapshotTwiceAndExport(urls, round: round, in: work)
    let output = work.file("out")
    #expect(export.stderr.contains("3 responses, 3 revisits"), "\(export.stderr)")
    let files = export.stdout.split(separator: "\n").map(String.init)
    let warc = try #require(files.first { $0.hasSuffix(".warc.gz") })
    let index = try #require(files.first { $0.hasSuffix(".cdxj") })
    if let check = try ArchiveTools.run("warcio", ["check", "-v", warc]) {
      #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
    let ours = try String(contentsOfFile: index, encoding: .utf8)
    #expect(ours.contains("\"status\": \"301\""))
    #expect(ours.contains("\"mime\": \"warc/revisit\""))
    if let theirs = try ArchiveTools.run(
      "cdxj-indexer", [URL(fileURLWithPath: warc).lastPathComponent], in: output)
    {
      #expect(theirs.status == 0, "\(theirs.stderr)")
      #expect(theirs.stdout.split(separator: "\n").sorted() == ours.split(separator: "\n").sorted())
    }
    // The decoded body is stored with the codings renamed and the length corrected.
    let gunzip = try runProgram("/bin/sh", ["-c", "gzip -dc '\(warc)'"])
    #expect(gunzip.stdout.contains("X-Orig-Content-Encoding: gzip"))
    #expect(gunzip.stdout.contains("X-Orig-Transfer-Encoding: chunked"))
    #expect(
      gunzip.stdout.contains(
        "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"))
    // The exchange: the request as sent and the redirect's head as received, per hop.
    #expect(gunzip.stdout.contains("WARC-Type: request\r\nWARC-Record-ID:"))
    #expect(
      gunzip.stdout.contains("\r\n\r\nGET /old HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"))
    #expect(gunzip.stdout.contains("WARC-Target-URI: \(server.baseURL)/old\r\n"))
    #expect(gunzip.stdout.contains("HTTP/1.1 301 Moved Permanently\r\nLocation: /post\r\n"))
    #expect(gunzip.stdout.contains("User-Agent: redline/"))
  }
}
