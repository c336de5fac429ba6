import Foundation
import Testing

/// `Tests/Fixtures/producers`: WARC files as wget (ArchiveBox's arguments), warcio's
/// capture_http (pywb's recorder), Heritrix and Browsertrix write them, and a segmented
/// record (scripts/make-producer-fixtures.py; its README says which were written by the tool).
private let producers = samplePost.deletingLastPathComponent().appendingPathComponent("producers")

private func fixture(_ name: String) -> String { producers.appendingPathComponent(name).path }

/// The first capture metadata file (`<TIME>.json`) of a page whose folder names `slug`.
private func captureMetadata(_ store: String, _ slug: String) throws -> String {
  let files = FileManager.default.enumerator(atPath: store)?.compactMap { $0 as? String } ?? []
  let name = try #require(files.sorted().first { $0.contains(slug) && $0.hasSuffix("Z.json") })
  return try String(contentsOfFile: store + "/" + name, encoding: .utf8)
}

/// The outcomes `redline log --all` lists for every page of a store, by page.
private func outcomes(_ store: String) throws -> [String: [String]] {
  let list = try redline(["list", "--store", store])
  var result: [String: [String]] = [:]
  for url in list.stdout.split(separator: "\n").compactMap({ $0.split(separator: " ").last }) {
    let log = try redline(["log", "--all", "--store", store, String(url)])
    result[String(url).components(separatedBy: "/").last ?? ""] = log.stdout.split(
      separator: "\n"
    ).map { line in String(line.split(separator: " ")[4]) }
  }
  return result
}

/// Imports a fixture into an empty store; the store, the summary line, and the folder that
/// holds the store (removed when it goes).
private func imported(_ name: String) throws -> (
  store: String, summary: String, folder: TemporaryFolder
) {
  let work = try TemporaryFolder()
  let store = work.file("store")
  let result = try redline(["import", "--store", store, fixture(name)])
  #expect(result.status == 0, "\(result.stderr)")
  return (store, result.stderr, work)
}

@Suite("redline import of other producers' WARC files", .serialized)
struct ProducerImportTests {
  @Test("ArchiveBox (wget): WARC/1.0, gzip-encoded and chunked bodies, two crawls")
  func archiveBox() throws {
    let (store, summary, folder) = try imported("archivebox-wget.warc.gz")
    defer { withExtendedLifetime(folder) {} }
    #expect(summary.contains(": 3 captures, 1 unchanged, 0 other checks"), "\(summary)")
    #expect(
      try outcomes(store) == [
        "ceasefire.html": ["new", "changed"], "statement.html": ["new", "unchanged"],
      ])
    let show = try redline(["list", "--store", store])
    #expect(show.status == 0)
    #expect(try captureMetadata(store, "statement").contains("\"software\" : \"Wget/1.21.3"))
    // The gzip-encoded, chunked body was decoded: the article reads as text.
    let text = try redline([
      "show", "--store", store,
      try #require(show.stdout.split(separator: "\n").first { $0.contains("statement") })
        .split(separator: " ").last.map(String.init) ?? "",
    ])
    #expect(text.stdout.contains("The Presidential Council issued a statement"), "\(text.stdout)")
  }

  @Test("pywb's recorder (warcio capture_http): no warcinfo, the same page twice, then an edit")
  func warcioCapture() throws {
    let (store, summary, folder) = try imported("warcio-capture.warc.gz")
    defer { withExtendedLifetime(folder) {} }
    #expect(summary.contains(": 3 captures, 2 unchanged, 0 other checks"), "\(summary)")
    #expect(
      try outcomes(store) == [
        "ceasefire.html": ["new", "unchanged", "changed"], "renamed.html": ["new", "unchanged"],
      ])
    #expect(!(try captureMetadata(store, "ceasefire").contains("\"software\"")))
  }

  @Test(
    "pywb's recorder behind a browser: br bodies kept raw, a charset only in HTTP, a POST")
  func pywbRecorder() throws {
    let (store, summary, folder) = try imported("pywb-record.warc.gz")
    defer { withExtendedLifetime(folder) {} }
    // Before br was decoded, both br-encoded responses were "unreadable" and left out. The
    // answer to the comment POSTed to the post's URL is no check of the post: before, it
    // was imported as one ("unchanged" here; a false edit when the answer differs).
    #expect(summary.contains(": 3 captures, 0 unchanged, 0 other checks"), "\(summary)")
    #expect(summary.contains(", 0 redirects or unreadable"), "\(summary)")
    #expect(
      summary.contains(", 1 answers to requests other than GET (a form posted) left out"),
      "\(summary)")
    #expect(
      try outcomes(store) == ["ceasefire.html": ["new", "changed"], "oil-ports.html": ["new"]])
    let list = try redline(["list", "--store", store]).stdout.split(separator: "\n")
    func text(_ slug: String) throws -> String {
      let url = try #require(list.first { $0.contains(slug) }?.split(separator: " ").last)
      return try redline(["show", "--store", store, String(url)]).stdout
    }
    // The edit between the two br-encoded crawls was read and diffed.
    #expect(try text("ceasefire").contains("Ceasefire talks resume in Skhirat"))
    let diff = try redline([
      "diff", "--store", store,
      String(try #require(list.first { $0.contains("ceasefire") }?.split(separator: " ").last)),
    ])
    #expect(diff.stdout.contains("\n+"), "\(diff.stdout)")
    // windows-1252 bytes, said only by the HTTP header, read as the right characters.
    #expect(
      try text("oil-ports").contains("Ras Lanuf \u{2013} \u{201C}the caf\u{E9} port\u{201D}"))
  }

  @Test("warcit: resource records of files with http targets, no HTTP head")
  func warcit() throws {
    let (store, summary, folder) = try imported("warcit.warc.gz")
    defer { withExtendedLifetime(folder) {} }
    // Before, resource records were read past: nothing was imported.
    #expect(summary.contains(": 2 captures, 0 unchanged, 0 other checks"), "\(summary)")
    #expect(summary.contains(", 2 non-HTML resources"), "\(summary)")
    #expect(try outcomes(store) == ["ceasefire.html": ["new", "changed"]])
    #expect(try captureMetadata(store, "ceasefire").contains("\"software\" : \"warcit 0.4.0"))
  }

  @Test("Heritrix: WARC/1.0, dns: and metadata records, revisits by WARC-Refers-To")
  func heritrix() throws {
    let (store, summary, folder) = try imported("heritrix.warc.gz")
    defer { withExtendedLifetime(folder) {} }
    // The redirect and its revisit are skipped; the image and its revisit are resources.
    #expect(
      summary.contains(
        ": 2 captures, 2 unchanged, 0 other checks, 2 non-HTML resources, 2 redirects"),
      "\(summary)")
    #expect(
      try outcomes(store) == [
        "ceasefire.html": ["new", "unchanged"], "statement.html": ["new", "unchanged"],
      ])
    #expect(try captureMetadata(store, "ceasefire").contains("\"software\" : \"Heritrix/3.4.0"))
  }

  @Test("Browsertrix: WARC/1.1, decoded bodies with x-orig- fields, urn:pageinfo records")
  func browsertrix() throws {
    let (store, summary, folder) = try imported("browsertrix.warc.gz")
    defer { withExtendedLifetime(folder) {} }
    #expect(summary.contains(": 3 captures, 1 unchanged, 0 other checks"), "\(summary)")
    #expect(
      try outcomes(store) == [
        "ceasefire.html": ["new", "changed"], "statement.html": ["new", "unchanged"],
      ])
    #expect(
      try captureMetadata(store, "statement").contains(
        "\"software\" : \"Browsertrix-Crawler 1.3.0"))
  }

  @Test("a revisit named only by WARC-Refers-To (its digest in another form) reads its original")
  func revisitByRecordID() throws {
    let page = try String(
      contentsOf: samplePost.deletingLastPathComponent().appendingPathComponent(
        "audit-site/renamed-v1.html"), encoding: .utf8)
    let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    func record(_ fields: [String], _ block: String) -> String {
      "WARC/1.0\r\n" + fields.map { $0 + "\r\n" }.joined()
        + "Content-Length: \(block.utf8.count)\r\n\r\n\(block)\r\n\r\n"
    }
    let url = "WARC-Target-URI: http://blog.example/2016/07/renamed.html"
    let text =
      record(
        [
          "WARC-Type: response", url, "WARC-Date: 2016-07-05T10:00:00Z",
          "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>",
          "Content-Type: application/http; msgtype=response",
        ], block)
      + record(
        [
          "WARC-Type: revisit", url, "WARC-Date: 2016-07-06T10:00:00Z",
          "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
          "WARC-Refers-To: <urn:uuid:00000000-0000-4000-8000-000000000001>",
          "WARC-Payload-Digest: sha256:not-the-form-of-the-original",
          "Content-Type: application/http; msgtype=response",
        ], head)
    let work = try TemporaryFolder()
    let warc = work.file("refers-to.warc")
    try Data(text.utf8).write(to: URL(fileURLWithPath: warc))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, warc])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains(": 1 captures, 1 unchanged"), "\(result.stderr)")
    #expect(try outcomes(store) == ["renamed.html": ["new", "unchanged"]])
  }

  @Test("a segmented response is left out and said so; the whole one is imported")
  func segmented() throws {
    let (store, summary, folder) = try imported("segmented.warc")
    defer { withExtendedLifetime(folder) {} }
    #expect(summary.contains(": 1 captures, 0 unchanged"), "\(summary)")
    #expect(
      summary.contains(", 1 segmented records left out (Redline does not join segments)"),
      "\(summary)")
    #expect(try outcomes(store) == ["renamed.html": ["new"]])
  }

  @Test("--check-digests: every producer's digests match; a changed byte is named, exit 1")
  func checkDigests() throws {
    let files = [
      "archivebox-wget.warc.gz", "warcio-capture.warc.gz", "heritrix.warc.gz",
      "browsertrix.warc.gz", "segmented.warc", "pywb-record.warc.gz", "warcit.warc.gz",
    ].map(fixture)
    let work = try TemporaryFolder()
    let check = try redline(["import", "--check-digests", "--store", work.file("s")] + files)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let lines = check.stdout.split(separator: "\n")
    #expect(lines.count == files.count, "\(check.stdout)")
    #expect(lines.allSatisfy { $0.contains(", 0 do not") }, "\(check.stdout)")
    // Heritrix: 1 warcinfo (no digest), 1 dns response, 4 responses, 4 revisits, 8 requests,
    // 8 metadata: every block digest; payload digests of the 4 responses (revisits' payload
    // is elsewhere: not checked).
    #expect(
      check.stdout.contains(
        "heritrix.warc.gz: 26 records, 25 block and 4 payload digests match, 0 do not, "
          + "4 not checked"), "\(check.stdout)")
    #expect(!FileManager.default.fileExists(atPath: work.file("s")))
    // One byte of the whole response's body changed: its block and payload digests differ.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture("segmented.warc")))
    let place = try #require(bytes.range(of: Data("Two tankers were expected".utf8)))
    bytes[place.lowerBound] = UInt8(ascii: "X")
    let damaged = work.file("damaged.warc")
    try bytes.write(to: URL(fileURLWithPath: damaged))
    let bad = try redline(["import", "--check-digests", damaged])
    #expect(bad.status == 1, "\(bad.stdout)\(bad.stderr)")
    #expect(bad.stdout.contains("2 do not"), "\(bad.stdout)")
    #expect(bad.stdout.contains("its WARC-Block-Digest does not match the block"))
    #expect(bad.stdout.contains("its WARC-Payload-Digest does not match the payload"))
  }
}
