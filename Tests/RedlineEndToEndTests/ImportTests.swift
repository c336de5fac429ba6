import Foundation
import LoopbackServer
import Testing

/// A page served plainly, one gzip-encoded and chunked, and a redirect, for wget to archive.
private func archivedSite() throws -> LoopbackServer {
  let (page, gzipped) = try sampleBodies()
  return try LoopbackServer { request in
    switch request.path {
    case "/old": return .respond(status: 301, headers: [("Location", "/post")], body: [])
    case "/post":
      return .respond(status: 200, headers: [("Content-Type", "text/html")], body: Array(page))
    default:
      let hex = String(gzipped.count, radix: 16)
      return .respond(
        status: 200,
        headers: [
          ("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
          ("Transfer-Encoding", "chunked"),
        ], body: Array("\(hex)\r\n".utf8) + Array(gzipped) + Array("\r\n0\r\n\r\n".utf8))
    }
  }
}

@Suite("redline import", .serialized)
struct ImportTests {
  @Test("a WARC written by wget --warc-file: pages, provenance, and nothing new the second time")
  func wgetWARC() throws {
    let server = try archivedSite()
    let work = try TemporaryFolder()
    let wget = try runProgram(
      "/usr/bin/wget",
      ["-q", "-O", "/dev/null", "--warc-file=" + work.file("crawl")]
        + ["/old", "/gzip"].map { server.baseURL + $0 })
    #expect(wget.status == 0, "\(wget.stderr)")
    let warc = work.file("crawl.warc.gz")
    let store = work.file("store")
    let first = try redline(["import", "--store", store, warc])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains(": 2 captures, 0 unchanged"), "\(first.stderr)")
    #expect(first.stderr.contains("1 redirects or unreadable"), "\(first.stderr)")
    let log = try redline(["log", "--store", store, server.baseURL + "/gzip"])
    #expect(log.status == 0, "\(log.stderr)")
    #expect(log.stdout.contains("new"), "\(log.stdout)")
    let show = try redline(["show", "--store", store, server.baseURL + "/post"])
    #expect(show.stdout.hasPrefix("Title: "), "\(show.stdout)")
    let metadata = try #require(
      FileManager.default.enumerator(atPath: store)?.compactMap { $0 as? String }.first {
        $0.contains("/post") && $0.hasSuffix("Z.json")
      })
    let json = try String(contentsOfFile: store + "/" + metadata, encoding: .utf8)
    #expect(json.contains("\"source\" : \"import\""), "\(json)")
    #expect(json.contains("\"software\" : \"Wget/"), "\(json)")
    #expect(json.contains("\"recordID\" : \"<urn:uuid:"), "\(json)")
    let again = try redline(["import", "--store", store, warc])
    #expect(again.status == 0)
    #expect(again.stderr.contains(": 0 captures, 0 unchanged"), "\(again.stderr)")
    #expect(again.stderr.contains("2 already imported"), "\(again.stderr)")
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }

  @Test("Redline's own WACZ reads back: the captures, and the revisit as an unchanged check")
  func roundTrip() throws {
    let server = try archivedSite()
    let work = try TemporaryFolder()
    let store = work.file("store")
    for _ in 0..<2 {
      let snapshot = try redline(["snapshot", "--store", store, server.baseURL + "/old"])
      #expect(snapshot.status == 0, "\(snapshot.stderr)")
      Thread.sleep(forTimeInterval: 1.1)
    }
    let wacz = work.file("site.wacz")
    #expect(
      try redline(["export", "--format", "wacz", "--output", wacz, "--store", store]).status == 0)
    let copy = work.file("copy")
    let imported = try redline(["import", "--store", copy, wacz])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains(": 1 captures, 1 unchanged"), "\(imported.stderr)")
    let original = try redline(["log", "--all", "--store", store, server.baseURL + "/old"])
    // A redirect imports as a capture of the URL that answered: the WARC has no notion of
    // the page Redline was asked to watch.
    let reread = try redline(["log", "--all", "--store", copy, server.baseURL + "/post"])
    #expect(original.stdout == reread.stdout)
  }

  @Test(
    "a truncated or hostile file: one error line, exit 2, nothing stored",
    arguments: ["truncated", "garbage", "huge-length", "no-length"])
  func damaged(kind: String) throws {
    let server = try archivedSite()
    let work = try TemporaryFolder()
    let path = work.file("bad.warc")
    switch kind {
    case "truncated":
      let wget = try runProgram(
        "/usr/bin/wget",
        ["-q", "-O", "/dev/null", "--warc-file=" + work.file("crawl"), server.baseURL + "/post"])
      #expect(wget.status == 0)
      let whole = try Data(contentsOf: URL(fileURLWithPath: work.file("crawl.warc.gz")))
      try whole.prefix(whole.count * 2 / 3).write(to: URL(fileURLWithPath: path))
    case "garbage":
      try Data("<html>not a WARC</html>\n".utf8).write(to: URL(fileURLWithPath: path))
    case "huge-length":
      try Data("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\nabc".utf8)
        .write(to: URL(fileURLWithPath: path))
    default:
      try Data("WARC/1.1\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n".utf8)
        .write(to: URL(fileURLWithPath: path))
    }
    let store = work.file("store")
    let result = try redline(["import", "--store", store, path])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("redline: \(path)"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    let pages = (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []
    #expect(pages.filter { !$0.hasPrefix(".") }.isEmpty, "\(pages)")
  }
}

/// Makes a damaged or hostile WACZ from a good one with Python's zipfile: KIND SOURCE OUTPUT.
private let hostileWACZScript = #"""
  import sys, zipfile
  kind, source, output = sys.argv[1:4]
  good = zipfile.ZipFile(source)
  warc = next(i for i in good.infolist() if i.filename.startswith('archive/'))
  data = bytearray(open(source, 'rb').read())
  if kind in ('climbing', 'absolute', 'bomb'):
      with zipfile.ZipFile(output, 'w') as out:
          for info in good.infolist():
              name = info.filename
              if name == warc.filename and kind != 'bomb':
                  name = 'archive/../../evil.warc.gz' if kind == 'climbing' else '/archive/x.warc.gz'
              out.writestr(name, good.read(info))
          if kind == 'bomb':
              out.writestr(zipfile.ZipInfo('archive/bomb.warc'), bytes(64 << 20),
                           compress_type=zipfile.ZIP_DEFLATED)
      sys.exit(0)
  if kind == 'flipped':
      start = warc.header_offset + 30 + len(warc.filename) + len(warc.extra)
      data[start + warc.file_size // 2] ^= 0xFF
  elif kind == 'oversized':
      entry = data.index(b'PK\x01\x02' + data[good.start_dir + 4:good.start_dir + 6],
                         good.start_dir)
      data[entry + 20:entry + 28] = (0x7FFFFFF0).to_bytes(4, 'little') * 2
  elif kind == 'directory':
      second = data.index(b'PK\x01\x02', good.start_dir + 4)
      data[second:second + 4] = b'XXXX'
  elif kind == 'truncated':
      data = data[:-40]
  open(output, 'wb').write(bytes(data))
  """#

extension ImportTests {
  @Test(
    "a hostile or damaged WACZ: one error line naming it, exit 2, nothing stored",
    arguments: [
      ("climbing", "unsafe member name archive/../../evil.warc.gz"),
      ("absolute", "unsafe member name /archive/x.warc.gz"),
      ("bomb", "archive/bomb.warc would expand"),
      ("flipped", "does not match its CRC-32"),
      ("oversized", "declares more data than the file holds"),
      ("directory", "a damaged directory"),
      ("truncated", "not a ZIP file"),
    ])
  func hostileWACZ(kind: String, expected: String) throws {
    let server = try archivedSite()
    let work = try TemporaryFolder()
    let store = work.file("store")
    #expect(try redline(["snapshot", "--store", store, server.baseURL + "/post"]).status == 0)
    let good = work.file("good.wacz")
    #expect(
      try redline(["export", "--format", "wacz", "--output", good, "--store", store]).status == 0)
    let bad = work.file("bad.wacz")
    let made = try runProgram("/usr/bin/python3", ["-c", hostileWACZScript, kind, good, bad])
    #expect(made.status == 0, "\(made.stderr)")
    let copy = work.file("copy")
    for command in [["import", "--store", copy, bad], ["import", "--check-digests", bad]] {
      let result = try redline(command)
      #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
      #expect(result.stderr.hasPrefix("redline: \(bad)"), "\(result.stderr)")
      #expect(result.stderr.contains(expected), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
    let pages = (try? FileManager.default.contentsOfDirectory(atPath: copy)) ?? []
    #expect(pages.filter { !$0.hasPrefix(".") }.isEmpty, "\(pages)")
    // The good package still imports: the checks are in the reading, not in the bytes' origin.
    #expect(try redline(["import", "--store", copy, good]).status == 0)
  }
}

/// Writes a WARC with warcio's own writer: a response, a revisit of it, an edited response and
/// an image, for one post.
private let warcioScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, v1, v2 = sys.argv[1:4]
  url = 'http://blog.example/2016/07/post.html'
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True)
      w.write_record(w.create_warcinfo_record('test.warc.gz', {'software': 'warcio test'}))
      def head(ctype):
          return StatusAndHeaders('200 OK', [('Content-Type', ctype)], protocol='HTTP/1.1')
      def response(target, date, body, ctype='text/html; charset=utf-8'):
          record = w.create_warc_record(
              target, 'response', payload=BytesIO(body), http_headers=head(ctype),
              warc_headers_dict={'WARC-Date': date})
          w.write_record(record)
          return record
      first = response(url, '2016-07-02T10:00:00Z', open(v1, 'rb').read())
      w.write_record(w.create_revisit_record(
          url, digest=first.rec_headers.get_header('WARC-Payload-Digest'),
          refers_to_uri=url, refers_to_date='2016-07-02T10:00:00Z', http_headers=head('text/html'),
          warc_headers_dict={'WARC-Date': '2016-07-03T10:00:00Z'}))
      response(url, '2016-07-04T10:00:00.123456Z', open(v2, 'rb').read())
      response('http://blog.example/logo.png', '2016-07-02T10:00:01Z', b'\\x89PNG\\r\\n', 'image/png')
  """

@Suite("redline import of warcio's WARC files")
struct WarcioImportTests {
  @Test("a response, its revisit and an edit: new, unchanged, changed at their WARC-Dates")
  func warcioWARC() throws {
    let work = try TemporaryFolder()
    let warc = work.file("test.warc.gz")
    let script = work.file("write.py")
    try Data(warcioScript.utf8).write(to: URL(fileURLWithPath: script))
    let written = try ArchiveTools.run(
      "python3",
      [
        script, warc, samplePost.appendingPathComponent("v1.html").path,
        samplePost.appendingPathComponent("v2.html").path,
      ])
    guard let written else { return }
    #expect(written.status == 0, "\(written.stderr)")
    let store = work.file("store")
    let result = try redline(["import", "--store", store, warc])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(": 2 captures, 1 unchanged, 0 other checks, 1 non-HTML resources"),
      "\(result.stderr)")
    let log = try redline([
      "log", "--all", "--store", store, "http://blog.example/2016/07/post.html",
    ])
    let lines = log.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(5) }
    #expect(
      lines.map { "\($0[0]) \($0[1]) \($0[4])" } == [
        "2016-07-02 10:00:00 new", "2016-07-03 10:00:00 unchanged", "2016-07-04 10:00:00 changed",
      ], "\(log.stdout)")
  }
}
