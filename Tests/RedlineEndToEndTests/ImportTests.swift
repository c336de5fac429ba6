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
    "a hostile file: one error line, exit 2, nothing stored; a cut one: the records before it",
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
    let lines = result.stderr.split(separator: "\n")
    if kind == "truncated" {
      // wget's crawl cut inside its response (warcinfo, request, response, ...): the two
      // records before it are read, and the error line names the file and the last of them.
      #expect(lines.count == 2, "\(result.stderr)")
      #expect(
        lines.first?.contains("imported 2 records from 1 WARC files: 0 captures") == true,
        "\(result.stderr)")
      #expect(lines.last?.contains("(after record 2, <urn:uuid:") == true, "\(result.stderr)")
      #expect(lines.last?.hasPrefix("redline: \(path)") == true, "\(result.stderr)")
      #expect(lines.last?.contains("records before it were imported") == true)
      #expect(try redline(["verify", "--store", store]).status == 0)
      return
    }
    #expect(result.stderr.hasPrefix("redline: \(path)"), "\(result.stderr)")
    #expect(lines.count == 1, "\(result.stderr)")
    let pages = (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []
    #expect(pages.filter { !$0.hasPrefix(".") }.isEmpty, "\(pages)")
  }
}

extension ImportTests {
  @Test("wget --warc-dedup: a revisit named by WARC-Refers-To alone, its original imported before")
  func wgetDedup() throws {
    let server = try archivedSite()
    let work = try TemporaryFolder()
    func crawl(_ name: String, _ options: [String]) throws {
      let wget = try runProgram(
        "/usr/bin/wget",
        ["-q", "-O", "/dev/null", "--warc-file=" + work.file(name)] + options + [
          server.baseURL + "/post"
        ], in: work.path)
      #expect(wget.status == 0, "\(wget.stderr)")
    }
    try crawl("crawl-1", ["--warc-cdx"])
    Thread.sleep(forTimeInterval: 1.1)
    try crawl("crawl-2", ["--warc-dedup=" + work.file("crawl-1.cdx")])
    let (first, second) = (work.file("crawl-1.warc.gz"), work.file("crawl-2.warc.gz"))
    let revisit = try runProgram(
      "/bin/sh", ["-c", "zcat '\(second)' | grep -ac 'WARC-Type: revisit'"])
    #expect(revisit.stdout.hasPrefix("1"), "wget wrote no revisit: \(revisit.stdout)")
    // Both files at once: the revisit's original is in the first.
    let together = try redline(["import", "--store", work.file("together"), first, second])
    #expect(together.stderr.contains(": 1 captures, 1 unchanged"), "\(together.stderr)")
    // One at a time: its original is in the store, named by its provenance's record ID.
    // Before, the second import left the revisit out as unreadable.
    let store = work.file("store")
    #expect(try redline(["import", "--store", store, first]).status == 0)
    let again = try redline(["import", "--store", store, second])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains(": 0 captures, 1 unchanged"), "\(again.stderr)")
    #expect(again.stderr.contains(", 0 redirects or unreadable"), "\(again.stderr)")
  }
}

extension ImportTests {
  @Test(
    "a Content-Type with no media type: sniffed as HTML, as browsers do, by import and snapshot",
    arguments: ["; charset=windows-1252", "charset=windows-1252"])
  func contentTypeWithoutMediaType(contentType: String) throws {
    // The ceasefire post in windows-1252 (café, curly quotes), its <meta charset> removed.
    let post = try String(
      contentsOf: samplePost.deletingLastPathComponent().appendingPathComponent(
        "audit-site/ceasefire-v1.html"), encoding: .utf8
    ).replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "")
      .replacingOccurrences(
        of: "in Skhirat", with: "in Skhirat caf\u{E9} \u{201C}Z\u{FC}rich\u{201D}")
    let body = try #require(post.data(using: .windowsCP1252))
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", contentType)], body: Array(body))
    }
    let work = try TemporaryFolder()
    let url = server.baseURL + "/2016/07/ceasefire.html"
    let wget = try runProgram(
      "/usr/bin/wget", ["-q", "-O", "/dev/null", "--warc-file=" + work.file("crawl"), url])
    #expect(wget.status == 0, "\(wget.stderr)")
    let imported = work.file("imported")
    let result = try redline(["import", "--store", imported, work.file("crawl.warc.gz")])
    // Before: counted as a non-HTML resource, the post not imported at all.
    #expect(result.stderr.contains(": 1 captures"), "\(result.stderr)")
    let fetched = work.file("fetched")
    #expect(try redline(["snapshot", "--store", fetched, url]).status == 0)
    let fromArchive = try redline(["show", "--store", imported, url]).stdout
    #expect(fromArchive.contains("Skhirat caf\u{E9} \u{201C}Z\u{FC}rich\u{201D}"), "\(fromArchive)")
    #expect(try redline(["show", "--store", fetched, url]).stdout == fromArchive)
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

/// Writes with warcio's WARC/1.1 writer a response dated to the microsecond, and a revisit of
/// it whose WARC-Refers-To-Date is to the second (as pywb's dedup writes it from a 14-digit
/// CDX timestamp) and whose payload digest is in another form (sha256, hex): OUT PAGE.
private let precisionScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, page = sys.argv[1:3]
  url = 'http://blog.example/2016/07/ceasefire.html'
  head = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8')],
                          protocol='HTTP/1.1')
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True, warc_version='WARC/1.1')
      w.write_record(w.create_warc_record(
          url, 'response', payload=BytesIO(open(page, 'rb').read()), http_headers=head,
          warc_headers_dict={'WARC-Date': '2016-07-05T10:00:00.123456Z'}))
      w.write_record(w.create_revisit_record(
          url, digest='sha256:' + '0' * 64, refers_to_uri=url,
          refers_to_date='2016-07-05T10:00:00Z', http_headers=head,
          warc_headers_dict={'WARC-Date': '2016-07-06T10:00:00Z'}))
  """

extension WarcioImportTests {
  @Test("a revisit whose WARC-Refers-To-Date is to the second finds its microsecond original")
  func refersToDatePrecision() throws {
    let work = try TemporaryFolder()
    guard let (_, result) = try importWarcioScript(precisionScript, name: "precision", in: work)
    else { return }
    // Before, the revisit was "unreadable": neither its date nor its digest matched.
    #expect(result.stderr.contains(": 1 captures, 1 unchanged"), "\(result.stderr)")
    #expect(result.stderr.contains(", 0 redirects or unreadable"), "\(result.stderr)")
  }
}

/// Writes two crawls of one post with warcio's writer, as Heritrix writes a crawl that
/// deduplicates against the one before: OUT1 OUT2 PAGE. The first file has the response; the
/// second, the next day, an identical-payload revisit naming it by WARC-Refers-To,
/// -Target-URI and -Date, and two days later a server-not-modified revisit (a bare 304).
private let twoCrawlsScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out1, out2, page = sys.argv[1:4]
  url = 'http://blog.example/2016/07/ceasefire.html'
  head = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8')],
                          protocol='HTTP/1.1')
  with open(out1, 'wb') as f:
      w = WARCWriter(f, gzip=True, warc_version='WARC/1.0')
      first = w.create_warc_record(
          url, 'response', payload=BytesIO(open(page, 'rb').read()), http_headers=head,
          warc_headers_dict={'WARC-Date': '2016-07-05T10:00:00Z'})
      w.write_record(first)
  refers = {'WARC-Refers-To': first.rec_headers.get_header('WARC-Record-ID')}
  digest = first.rec_headers.get_header('WARC-Payload-Digest')
  with open(out2, 'wb') as f:
      w = WARCWriter(f, gzip=True, warc_version='WARC/1.0')
      w.write_record(w.create_revisit_record(
          url, digest=digest, refers_to_uri=url, refers_to_date='2016-07-05T10:00:00Z',
          http_headers=head, warc_headers_dict=dict(refers, **{'WARC-Date': '2016-07-06T10:00:00Z'})))
      revisit = w.create_revisit_record(
          url, digest=digest, refers_to_uri=url, refers_to_date='2016-07-05T10:00:00Z',
          http_headers=StatusAndHeaders('304 Not Modified', [], protocol='HTTP/1.1'),
          warc_headers_dict=dict(refers, **{'WARC-Date': '2016-07-07T10:00:00Z'}))
      revisit.rec_headers.replace_header(
          'WARC-Profile', 'http://netpreserve.org/warc/1.0/revisit/server-not-modified')
      w.write_record(revisit)
  """

extension WarcioImportTests {
  @Test("revisits whose original an earlier import stored read it from the store")
  func revisitOfAnEarlierImport() throws {
    let work = try TemporaryFolder()
    let (first, second) = (work.file("crawl-1.warc.gz"), work.file("crawl-2.warc.gz"))
    let script = work.file("crawls.py")
    try Data(twoCrawlsScript.utf8).write(to: URL(fileURLWithPath: script))
    let page = samplePost.deletingLastPathComponent().appendingPathComponent(
      "audit-site/ceasefire-v1.html")
    guard let written = try ArchiveTools.run("python3", [script, first, second, page.path])
    else { return }
    #expect(written.status == 0, "\(written.stderr)")
    let store = work.file("store")
    let one = try redline(["import", "--store", store, first])
    #expect(one.stderr.contains(": 1 captures, 0 unchanged"), "\(one.stderr)")
    // Before, both revisits were "unreadable": their original is in the first file only.
    let two = try redline(["import", "--store", store, second])
    #expect(two.status == 0, "\(two.stderr)")
    #expect(two.stderr.contains(": 0 captures, 2 unchanged"), "\(two.stderr)")
    #expect(two.stderr.contains(", 0 redirects or unreadable"), "\(two.stderr)")
    let log = try redline([
      "log", "--all", "--store", store, "http://blog.example/2016/07/ceasefire.html",
    ])
    let lines = log.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(5) }
    #expect(
      lines.map { "\($0[0]) \($0[4])" } == [
        "2016-07-05 new", "2016-07-06 unchanged", "2016-07-07 unchanged",
      ], "\(log.stdout)")
    #expect(try redline(["verify", "--store", store]).status == 0)
  }
}

/// Writes with warcio's writer a post's whole response, then three read only half-way by the
/// crawler, then the whole post again: one saying `WARC-Truncated: time` (as Heritrix marks a
/// fetch stopped by its timeout), one with fewer bytes than its `Content-Length`, one chunked
/// without its last chunk: OUT PAGE.
private let cutResponsesScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, page = sys.argv[1:3]
  whole = open(page, 'rb').read()
  half = whole[:len(whole) // 2]
  url = 'http://blog.example/2016/07/ceasefire.html'
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True)
      def response(day, body, fields, extra={}):
          head = StatusAndHeaders(
              '200 OK', [('Content-Type', 'text/html; charset=utf-8')] + fields,
              protocol='HTTP/1.1')
          w.write_record(w.create_warc_record(
              url, 'response', payload=BytesIO(body), http_headers=head,
              warc_headers_dict=dict({'WARC-Date': '2016-07-%02dT10:00:00Z' % day}, **extra)))
      response(5, whole, [('Content-Length', str(len(whole)))])
      response(6, half, [], {'WARC-Truncated': 'time'})
      response(7, half, [('Content-Length', str(len(whole)))])
      quarter = len(half) // 2
      chunked = b'%x\\r\\n%s\\r\\n%x\\r\\n%s' % (
          quarter, half[:quarter], len(whole) - quarter, half[quarter:])
      response(8, chunked, [('Transfer-Encoding', 'chunked')])
      response(9, whole, [('Content-Length', str(len(whole)))])
  """

extension WarcioImportTests {
  @Test("responses the crawler did not read whole are left out, not taken for edits")
  func cutResponses() throws {
    let work = try TemporaryFolder()
    guard let (store, result) = try importWarcioScript(cutResponsesScript, name: "cut", in: work)
    else { return }
    // Before: "changed" (half the article removed), "unchanged", "changed" (chunk sizes as
    // text), then "changed" back: three false edits.
    #expect(result.stderr.contains(": 1 captures, 1 unchanged"), "\(result.stderr)")
    #expect(
      result.stderr.contains(", 3 cut short (not read whole by the crawler) left out"),
      "\(result.stderr)")
    let log = try redline([
      "log", "--all", "--store", store, "http://blog.example/2016/07/ceasefire.html",
    ])
    let lines = log.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(5) }
    #expect(
      lines.map { "\($0[0]) \($0[4])" } == ["2016-07-05 new", "2016-07-09 unchanged"],
      "\(log.stdout)")
  }
}

/// Writes with warcio's writer a post whose body is stored decoded while its head still says
/// `Content-Encoding: gzip`, as some crawlers store it (MarginaliaSearch's, before its
/// pull request 288): OUT PAGE.
private let decodedUnderGzipScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, page = sys.argv[1:3]
  head = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8'),
                                     ('Content-Encoding', 'gzip'), ('Vary', 'Accept-Encoding')],
                          protocol='HTTP/1.1')
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True)
      w.write_record(w.create_warc_record(
          'http://blog.example/2016/07/ceasefire.html', 'response',
          payload=BytesIO(open(page, 'rb').read()), http_headers=head,
          warc_headers_dict={'WARC-Date': '2016-07-05T10:00:00Z'}))
  """

extension WarcioImportTests {
  @Test("a body stored decoded under Content-Encoding: gzip is read as it is")
  func decodedUnderGzip() throws {
    let work = try TemporaryFolder()
    guard
      let (store, result) = try importWarcioScript(
        decodedUnderGzipScript, name: "decoded", in: work)
    else { return }
    // Before: "0 captures … 1 redirects or unreadable".
    #expect(result.stderr.contains(": 1 captures, 0 unchanged"), "\(result.stderr)")
    let show = try redline(["show", "--store", store, "http://blog.example/2016/07/ceasefire.html"])
    #expect(show.stdout.contains("Ceasefire talks resume in Skhirat"), "\(show.stdout)")
  }
}

/// Writes with warcio's writer one post at WARC-Dates in the forms W3C-DTF allows beyond
/// WARC's usual one (an offset, minute precision, a fraction in 1996), then a response with
/// an unreadable date and one whose target is no URL: OUT PAGE.
private let datesScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, page = sys.argv[1:3]
  body = open(page, 'rb').read()
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True)
      for url, date in [('http://blog.example/2016/07/ceasefire.html', '2016-07-05T12:00:00+02:00'),
                        ('http://blog.example/2016/07/ceasefire.html', '2016-07-06T10:00Z'),
                        ('http://blog.example/2016/07/ceasefire.html', '1996-03-01T10:00:00.5Z'),
                        ('http://blog.example/2016/07/ceasefire.html', 'yesterday'),
                        ('http://[blog.example/2016/07/ceasefire.html', '2016-07-07T10:00:00Z')]:
          head = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8')],
                                  protocol='HTTP/1.1')
          w.write_record(w.create_warc_record(
              url, 'response', payload=BytesIO(body), http_headers=head,
              warc_headers_dict={'WARC-Date': date}))
  """

extension WarcioImportTests {
  @Test("WARC-Dates with an offset or to the minute read as UTC; unreadable ones are counted")
  func dateForms() throws {
    let work = try TemporaryFolder()
    guard let (store, result) = try importWarcioScript(datesScript, name: "dates", in: work)
    else { return }
    // Before: the offset's 12:00 was stored as 12:00 UTC, and the three others were dropped
    // without a word.
    #expect(result.stderr.contains(": 1 captures, 2 unchanged"), "\(result.stderr)")
    #expect(
      result.stderr.contains(", 2 without a readable target URL or WARC-Date left out"),
      "\(result.stderr)")
    let log = try redline([
      "log", "--all", "--store", store, "http://blog.example/2016/07/ceasefire.html",
    ])
    let lines = log.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(5) }
    #expect(
      lines.map { "\($0[0]) \($0[1]) \($0[4])" } == [
        "1996-03-01 10:00:00 new", "2016-07-05 10:00:00 unchanged",
        "2016-07-06 10:00:00 unchanged",
      ], "\(log.stdout)")
  }
}

/// Writes with warcio's writer a post's response, then an image filed as a `resource` under
/// the post's own URL (as a tool may file a screenshot), then the post's response again:
/// OUT PAGE.
private let imageResourceScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, page = sys.argv[1:3]
  url = 'http://blog.example/2016/07/ceasefire.html'
  head = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8')],
                          protocol='HTTP/1.1')
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=True)
      for day in (5, 7):
          w.write_record(w.create_warc_record(
              url, 'response', payload=BytesIO(open(page, 'rb').read()), http_headers=head,
              warc_headers_dict={'WARC-Date': '2016-07-0%dT10:00:00Z' % day}))
      w.write_record(w.create_warc_record(
          url, 'resource', payload=BytesIO(bytes.fromhex('89504e470d0a1a0a')),
          warc_content_type='image/png', warc_headers_dict={'WARC-Date': '2016-07-06T10:00:00Z'}))
  """

extension WarcioImportTests {
  @Test("an image resource filed under a page's URL is counted, not a check of the page")
  func imageResourceOfAPage() throws {
    let work = try TemporaryFolder()
    guard let (store, result) = try importWarcioScript(imageResourceScript, name: "image", in: work)
    else { return }
    #expect(
      result.stderr.contains(": 1 captures, 1 unchanged, 0 other checks, 1 non-HTML resources"),
      "\(result.stderr)")
    let log = try redline([
      "log", "--all", "--store", store, "http://blog.example/2016/07/ceasefire.html",
    ])
    let lines = log.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(5) }
    #expect(
      lines.map { "\($0[0]) \($0[4])" } == ["2016-07-05 new", "2016-07-07 unchanged"],
      "\(log.stdout)")
  }
}

/// Writes three posts as three responses with warcio's writer (a gzip member per record, or
/// plain with `--plain`), one WARC-Record-ID each: OUT CEASEFIRE STATEMENT RENAMED.
private let threePostsScript = """
  import sys
  from io import BytesIO
  from warcio.warcwriter import WARCWriter
  from warcio.statusandheaders import StatusAndHeaders
  out, pages, plain = sys.argv[1], sys.argv[2:5], '--plain' in sys.argv
  with open(out, 'wb') as f:
      w = WARCWriter(f, gzip=not plain, warc_version='WARC/1.0')
      for day, (name, page) in enumerate(zip(['ceasefire', 'statement', 'renamed'], pages)):
          head = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8')],
                                  protocol='HTTP/1.1')
          w.write_record(w.create_warc_record(
              'http://blog.example/2016/07/%s.html' % name, 'response',
              payload=BytesIO(open(page, 'rb').read()), http_headers=head,
              warc_headers_dict={'WARC-Date': '2016-07-0%dT10:00:00Z' % (day + 2),
                                 'WARC-Record-ID': '<urn:uuid:00000000-0000-4000-8000-00000000000%d>'
                                 % (day + 1)}))
  """

/// Three posts in a WARC written by warcio (see `threePostsScript`); nil when the archive
/// tools are skipped.
/// `lastPage`, when given, is the third post's file instead of the fixture's.
private func threePosts(_ work: TemporaryFolder, plain: Bool, lastPage: String? = nil) throws
  -> String?
{
  let warc = work.file(plain ? "posts.warc" : "posts.warc.gz")
  let script = work.file("posts.py")
  try Data(threePostsScript.utf8).write(to: URL(fileURLWithPath: script))
  let site = samplePost.deletingLastPathComponent().appendingPathComponent("audit-site")
  var pages = ["ceasefire-v1.html", "statement-v1.html", "renamed-v1.html"].map {
    site.appendingPathComponent($0).path
  }
  if let lastPage { pages[2] = lastPage }
  guard
    let written = try ArchiveTools.run(
      "python3", [script, warc] + pages + (plain ? ["--plain"] : []))
  else { return nil }
  #expect(written.status == 0, "\(written.stderr)")
  return warc
}

/// The page URLs a store lists.
private func listedPages(_ store: String) throws -> [String] {
  try redline(["list", "--store", store]).stdout.split(separator: "\n").compactMap {
    $0.split(separator: " ").last.map(String.init)
  }.sorted()
}

@Suite("redline import of a damaged WARC: the records before the damage", .serialized)
struct DamagedWARCImportTests {
  @Test("a .warc.gz cut inside its third record, as a crawler killed mid-write leaves it")
  func cutFile() throws {
    let work = try TemporaryFolder()
    guard let whole = try threePosts(work, plain: false) else { return }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    // The third gzip member starts at the third gzip header; cut 40 bytes into it.
    let magic = Data([0x1F, 0x8B, 0x08])
    var starts: [Int] = []
    var from = bytes.startIndex
    while let found = bytes.range(of: magic, in: from..<bytes.endIndex) {
      starts.append(found.lowerBound)
      from = found.upperBound
    }
    #expect(starts.count == 3, "\(starts)")
    let cut = work.file("cut.warc.gz")
    try bytes.prefix(starts[2] + 40).write(to: URL(fileURLWithPath: cut))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, cut])
    #expect(result.status == 2, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(lines.first?.contains(": 2 captures, 0 unchanged") == true, "\(result.stderr)")
    #expect(lines.last?.hasPrefix("redline: \(cut) at byte ") == true, "\(result.stderr)")
    #expect(
      lines.last?.hasSuffix(
        ": not a readable WARC file: the gzip data is cut short (after record 2, "
          + "<urn:uuid:00000000-0000-4000-8000-000000000002>); the 2 records before it were "
          + "imported") == true, "\(result.stderr)")
    #expect(
      try listedPages(store) == [
        "http://blog.example/2016/07/ceasefire.html", "http://blog.example/2016/07/statement.html",
      ])
    #expect(try redline(["verify", "--store", store]).status == 0)
    // The whole file, imported next, adds the third post alone.
    let again = try redline(["import", "--store", store, whole])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains(": 1 captures, 0 unchanged"), "\(again.stderr)")
    #expect(again.stderr.contains(", 2 already imported"), "\(again.stderr)")
  }

  @Test("a WACZ that wacz create made of a cut WARC: the error names the package and member")
  func cutMemberOfWACZ() throws {
    let work = try TemporaryFolder()
    guard let whole = try threePosts(work, plain: false) else { return }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    let cut = work.file("cut.warc.gz")
    try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: cut))
    let wacz = work.file("cut.wacz")
    let made = try ArchiveTools.run("wacz", ["create", "-o", wacz, cut], in: work.path)
    #expect(made?.status == 0, "\(made?.stderr ?? "")")
    let store = work.file("store")
    let result = try redline(["import", "--store", store, wacz])
    #expect(result.status == 2, "\(result.stderr)")
    // Before, the line named the temporary copy the member was read from, removed by then.
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(
      lines.last?.hasPrefix("redline: \(wacz)#archive/cut.warc.gz at byte ") == true,
      "\(result.stderr)")
    #expect(lines.last?.contains("the 2 records before it were imported") == true)
    #expect(try listedPages(store).count == 2)
    let check = try redline(["import", "--check-digests", wacz])
    #expect(check.status == 2)
    #expect(check.stderr.hasPrefix("redline: \(wacz)#archive/cut.warc.gz"), "\(check.stderr)")
  }

  @Test("a .warc.gz whose second gzip member is damaged: reading goes on at the third")
  func damagedMember() throws {
    let work = try TemporaryFolder()
    guard let whole = try threePosts(work, plain: false) else { return }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    let magic = Data([0x1F, 0x8B, 0x08])
    var starts: [Int] = []
    var from = bytes.startIndex
    while let found = bytes.range(of: magic, in: from..<bytes.endIndex) {
      starts.append(found.lowerBound)
      from = found.upperBound
    }
    #expect(starts.count == 3, "\(starts)")
    // One byte of the second member's deflate data flipped.
    bytes[(starts[1] + starts[2]) / 2] ^= 0xFF
    let bad = work.file("bad.warc.gz")
    try bytes.write(to: URL(fileURLWithPath: bad))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, bad])
    #expect(result.status == 2, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(lines.first?.contains(": 2 captures") == true, "\(result.stderr)")
    #expect(
      lines.last?.hasSuffix(
        "(after record 1, <urn:uuid:00000000-0000-4000-8000-000000000001>); the 1 records "
          + "before it were imported, and reading went on at the next whole gzip member "
          + "(byte \(starts[2]))") == true, "\(result.stderr)")
    // Before, the import stopped at the damage: the third post was lost.
    #expect(
      try listedPages(store) == [
        "http://blog.example/2016/07/ceasefire.html", "http://blog.example/2016/07/renamed.html",
      ])
    #expect(try redline(["verify", "--store", store]).status == 0)
  }

  @Test("a .warc.gz whose second member is megabytes of false gzip headers: the third is read")
  func falseMemberHeaders() throws {
    let work = try TemporaryFolder()
    guard let whole = try threePosts(work, plain: false) else { return }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    let magic = Data([0x1F, 0x8B, 0x08])
    var starts: [Int] = []
    var from = bytes.startIndex
    while let found = bytes.range(of: magic, in: from..<bytes.endIndex) {
      starts.append(found.lowerBound)
      from = found.upperBound
    }
    #expect(starts.count == 3, "\(starts)")
    // 2 MiB of `1f 8b 08` each followed by bytes that are no deflate data of a record, in the
    // second member's place: each is a place reading may go on at, and none is.
    var generator = SystemRandomNumberGenerator()
    var damage = Data()
    while damage.count < 2 << 20 {
      damage += Data(
        [0x1F, 0x8B, 0x08, 0x00]
          + (0..<60).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
    let bad = work.file("bad.warc.gz")
    try (bytes[..<starts[1]] + damage + bytes[starts[2]...]).write(to: URL(fileURLWithPath: bad))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, bad])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "reading went on at the next whole gzip member (byte \(starts[1] + damage.count))"),
      "\(result.stderr)")
    #expect(
      try listedPages(store) == [
        "http://blog.example/2016/07/ceasefire.html", "http://blog.example/2016/07/renamed.html",
      ])
  }

  @Test("a damaged member followed by a record over 1 MiB: reading goes on at that record")
  func largeRecordAfterDamage() throws {
    let work = try TemporaryFolder()
    // The third post, with 1.5 MiB of markup after its article (inline images' data, say).
    let site = samplePost.deletingLastPathComponent().appendingPathComponent("audit-site")
    let post = try String(
      contentsOf: site.appendingPathComponent("renamed-v1.html"), encoding: .utf8)
    let padding = (0..<25_000).map {
      "<!-- image data \($0) " + String(repeating: "Q", count: 40) + " -->"
    }
    let large = work.file("large.html")
    try Data((post + padding.joined(separator: "\n")).utf8).write(to: URL(fileURLWithPath: large))
    guard let whole = try threePosts(work, plain: false, lastPage: large) else { return }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    let magic = Data([0x1F, 0x8B, 0x08])
    var starts: [Int] = []
    var from = bytes.startIndex
    while let found = bytes.range(of: magic, in: from..<bytes.endIndex) {
      starts.append(found.lowerBound)
      from = found.upperBound
    }
    #expect(starts.count == 3, "\(starts)")
    bytes[(starts[1] + starts[2]) / 2] ^= 0xFF
    let bad = work.file("bad.warc.gz")
    try bytes.write(to: URL(fileURLWithPath: bad))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, bad])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(
      result.stderr.contains("reading went on at the next whole gzip member (byte \(starts[2]))"),
      "\(result.stderr)")
    // Before, the record was read with the first pass's 1 MiB limit to check its digest: not
    // read, so not vouched for, so passed over, and the third post was lost.
    #expect(
      try listedPages(store) == [
        "http://blog.example/2016/07/ceasefire.html", "http://blog.example/2016/07/renamed.html",
      ])
  }

  @Test(
    "bytes after the last record: every record is imported, its block digest vouching for it",
    arguments: [false, true])
  func trailingGarbage(plain: Bool) throws {
    let work = try TemporaryFolder()
    guard let whole = try threePosts(work, plain: plain) else { return }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    bytes += Data("garbage after the last record\n".utf8)
    let bad = work.file(plain ? "bad.warc" : "bad.warc.gz")
    try bytes.write(to: URL(fileURLWithPath: bad))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, bad])
    #expect(result.status == 2, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stderr)")
    // Not a cut: the third record could have had a wrong length, but its WARC-Block-Digest
    // matches its block, so it is imported too.
    #expect(lines.first?.contains(": 3 captures") == true, "\(result.stderr)")
    #expect(
      lines.last?.hasSuffix(
        "(after record 3, <urn:uuid:00000000-0000-4000-8000-000000000003>); the 3 records "
          + "before it were imported") == true, "\(result.stderr)")
    #expect(try listedPages(store).count == 3)
  }

  @Test(
    "a record whose Content-Length is wrong or absurd: the records before it, not it",
    arguments: [("short", 1), ("long", 1), ("absurd", 1)])
  func wrongLength(kind: String, imported: Int) throws {
    let work = try TemporaryFolder()
    guard let plain = try threePosts(work, plain: true) else { return }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: plain))
    // The second record's Content-Length: 20 bytes short, 20 too many, or past the end.
    let second = try #require(
      bytes.range(of: Data("WARC-Target-URI: http://blog.example/2016/07/statement".utf8)))
    let name = try #require(
      bytes.range(of: Data("Content-Length: ".utf8), in: second.upperBound..<bytes.endIndex))
    let end = try #require(bytes[name.upperBound...].firstIndex(of: 0x0D))
    let length = try #require(Int(String(decoding: bytes[name.upperBound..<end], as: UTF8.self)))
    let wrong = ["short": length - 20, "long": length + 20, "absurd": 99_999_999_999][kind] ?? 0
    bytes.replaceSubrange(name.upperBound..<end, with: Data(String(wrong).utf8))
    let bad = work.file("bad.warc")
    try bytes.write(to: URL(fileURLWithPath: bad))
    let store = work.file("store")
    let result = try redline(["import", "--store", store, bad])
    #expect(result.status == 2, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(lines.last?.hasPrefix("redline: \(bad) at byte ") == true, "\(result.stderr)")
    #expect(lines.first?.contains(": \(imported) captures") == true, "\(result.stderr)")
    // Only the first post: the second's record may hold the wrong bytes, and what follows
    // it cannot be found again.
    #expect(try listedPages(store) == ["http://blog.example/2016/07/ceasefire.html"])
    #expect(try redline(["verify", "--store", store]).status == 0)
  }
}

/// Runs `source`, a Python script that writes a WARC with warcio (`python3 SCRIPT WARC PAGE`,
/// PAGE the ceasefire post), then `redline import` of that WARC into a new store; checks both
/// succeeded. The files go into `work`. Nil when the archive tools are skipped on purpose (`ArchiveTools`).
func importWarcioScript(_ source: String, name: String, in work: TemporaryFolder) throws -> (
  store: String, result: RunResult
)? {
  let warc = work.file(name + ".warc.gz")
  let script = work.file(name + ".py")
  try Data(source.utf8).write(to: URL(fileURLWithPath: script))
  let page = samplePost.deletingLastPathComponent().appendingPathComponent(
    "audit-site/ceasefire-v1.html")
  guard let written = try ArchiveTools.run("python3", [script, warc, page.path]) else { return nil }
  #expect(written.status == 0, "\(written.stderr)")
  let store = work.file("store")
  let result = try redline(["import", "--store", store, warc])
  #expect(result.status == 0, "\(result.stderr)")
  return (store, result)
}
