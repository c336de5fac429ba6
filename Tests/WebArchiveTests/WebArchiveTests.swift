import Foundation
import Testing
import WebArchive

@Suite("WARC records, digests, SURT and CDXJ")
struct WebArchiveTests {
  @Test(
    "SURT keys as the surt library writes them",
    arguments: [
      ("https://www.Example.com/Post?b=2&a=1#c", "com,example)/post?a=1&b=2"),
      ("http://example.blogspot.com/2016/07/x.html", "com,blogspot,example)/2016/07/x.html"),
      ("http://example.com", "com,example)/"),
      ("http://example.com:8080/a", "com,example:8080)/a"),
      ("http://127.0.0.1:8080/a", "1,0,0,127:8080)/a"),
      (
        "urn:redline:article:20261206T084716Z:http://x/",
        "urn:redline:article:20261206t084716z:http://x/"
      ),
    ])
  func surt(url: String, key: String) {
    #expect(surtKey(url) == key)
  }

  @Test("SURT keys cut on bytes are the keys cut on characters, for any URL")
  func surtOnBytes() {
    let schemes = ["http://", "https://", "HTTP://", "urn:x:"]
    let pieces = [
      "www.", "WWW2.", "www", "a", "B", ".", ":", ":80", ":443", ":8080", "@", "user:pw@", "/",
      "?", "&", "=", "#", "é", "É", "ü.", "%C3%A9", "b=2", "a=1", "١٢", "中", "..", "xn--dma",
    ]
    let ends = ["", "/p?b=2&a=1", "?z&&y#f"]
    var middles = [""] + pieces
    middles += pieces.flatMap { first in pieces.map { first + $0 } }
    for scheme in schemes {
      for middle in middles {
        for end in ends {
          let url = scheme + middle + end
          #expect(surtKey(url) == referenceSURT(url), "\(url)")
        }
      }
    }
  }

  @Test("base32 SHA-1 digests, as wget and warcio write them")
  func digests() {
    // sha1("") in base32, the digest every empty payload has in WARC files.
    #expect(WARCDigest.sha1([]) == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
    #expect(WARCDigest.base32(Array("foobar".utf8)) == "MZXW6YTBOI======")
    #expect(
      WARCDigest.sha1(parts: [Array("foo".utf8), Array("bar".utf8)])
        == WARCDigest.sha1(Array("foobar".utf8)))
  }

  @Test("record IDs are name-based UUIDs: stable, and distinct per name")
  func recordIDs() {
    let id = warcRecordID(named: "response:http://x/:20261206T084716Z")
    #expect(id == warcRecordID(named: "response:http://x/:20261206T084716Z"))
    #expect(id != warcRecordID(named: "response:http://x/:20261206T084717Z"))
    #expect(id.hasPrefix("<urn:uuid:") && id.hasSuffix(">") && id.count == 47)
    // Python: SHA-1 of "redline:" + name, 16 bytes, version 5 and variant bits, uuid.UUID.
    #expect(
      warcRecordID(named: "response:https://example.com/:20260101T000000Z")
        == "<urn:uuid:a6660792-55ff-51f9-a46b-189278a568d6>")
  }

  @Test("a record is one gzip member that gunzip reads back")
  func gzipMemberRoundTrip() throws {
    let record = WARCRecord(
      type: .resource,
      fields: [
        ("WARC-Record-ID", warcRecordID(named: "x")), ("WARC-Date", "2026-12-06T08:47:16Z"),
      ],
      block: Array(String(repeating: "article text\n", count: 10_000).utf8))
    let member = try gzipMember(of: record.serializedParts)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("r.gz")
    try Data(member + member).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", file.path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let one = record.serializedParts.flatMap { $0 }
    #expect(Array(data) == one + one)
    #expect(
      String(decoding: one.prefix(40), as: UTF8.self).hasPrefix(
        "WARC/1.1\r\nWARC-Type: resource\r\n"))
  }

  @Test("the writer rolls files at the size limit, each starting with warcinfo")
  func rolling() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let writer = WARCFileWriter(
      folder: folder.path, prefix: "test", stamp: "20261206090000", maxFileSize: 4000,
      warcinfo: { name in
        WARCRecord(
          type: .warcinfo, fields: [("WARC-Filename", name)],
          block: Array("software: test\r\n".utf8))
      })
    var places: [WrittenRecord] = []
    for number in 0..<6 {
      // Random bytes do not compress: each member is about 1.5 kB.
      let block = (0..<1500).map { _ in UInt8.random(in: 0...255) }
      places.append(
        try writer.write(WARCRecord(type: .resource, fields: [("N", String(number))], block: block))
      )
    }
    let names = try writer.finish()
    #expect(names.count == 3)
    #expect(names.first == "test-20261206090000-00000.warc.gz")
    #expect(Set(places.map(\.filename)) == Set(names))
    for name in names {
      let size =
        try FileManager.default.attributesOfItem(atPath: folder.path + "/" + name)[.size] as? Int
      #expect((size ?? 0) <= 4000)
    }
    #expect(places.allSatisfy { $0.offset > 0 })
  }

  @Test("CDXJ lines sort as LC_ALL=C sort does")
  func cdxjSorting() {
    let place = WrittenRecord(filename: "a.warc.gz", offset: 0, length: 1)
    let lines = [
      CDXJLine(
        url: "http://b.com/", timestamp: "20260101000000", mime: nil, status: 200, digest: nil,
        location: place),
      CDXJLine(
        url: "http://a.com/Z", timestamp: "20260101000000", mime: nil, status: 200, digest: nil,
        location: place),
      CDXJLine(
        url: "http://a.com/", timestamp: "20260101000000", mime: "text/html", status: 200,
        digest: "sha1:X", location: place),
    ]
    let sorted = sortedIndex(lines)
    #expect(sorted.map { $0.split(separator: " ")[0] } == ["com,a)/", "com,a)/z", "com,b)/"])
    #expect(
      sorted[0]
        == "com,a)/ 20260101000000 {\"url\": \"http://a.com/\", \"mime\": \"text/html\", \"status\": \"200\", \"digest\": \"sha1:X\", \"length\": \"1\", \"offset\": \"0\", \"filename\": \"a.warc.gz\"}"
    )
  }
}

@Suite("JSON as Python writes it")
struct PythonJSONTests {
  @Test("non-ASCII as \\u escapes, surrogate pairs above U+FFFF, controls escaped")
  func escapes() {
    #expect(jsonString("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    #expect(jsonString("é/😀") == #""\u00e9/\ud83d\ude00""#)
  }
}

@Suite("digests checked as warcio check does")
struct DigestCheckTests {
  /// A plain WARC file of records given as (header fields, block).
  private func warcFile(_ records: [([(String, String)], String)]) throws -> String {
    var text = ""
    for (fields, block) in records {
      text += "WARC/1.1\r\n"
      for (name, value) in fields { text += "\(name): \(value)\r\n" }
      text += "Content-Length: \(block.utf8.count)\r\n\r\n\(block)\r\n\r\n"
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digests-\(UUID().uuidString).warc"
    ).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("sha1 base32, sha256 hex and md5 are compared; the payload follows the HTTP head")
  func algorithms() throws {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    let body = "<p>hello</p>"
    // sha256("<p>hello</p>") and md5("plain text"), from sha256sum and md5sum.
    let bodySHA256 = "A5652BE1CA864D36D25CFB54A41F384E2DE1B3ACF7513A925D72ED7258FDC0AE"
    let path = try warcFile([
      (
        [
          ("WARC-Type", "response"), ("Content-Type", "application/http; msgtype=response"),
          ("WARC-Block-Digest", WARCDigest.sha1(Array((head + body).utf8))),
          ("WARC-Payload-Digest", "sha-256:" + bodySHA256),
        ], head + body
      ),
      (
        [
          ("WARC-Type", "resource"), ("Content-Type", "text/plain"),
          ("WARC-Block-Digest", "md5:31bc5c2b8fd4f20cd747347b7504a385"),
          ("WARC-Payload-Digest", "crc32:1234"),
        ], "plain text"
      ),
      (
        [
          ("WARC-Type", "response"), ("WARC-Record-ID", "<urn:uuid:x>"),
          ("Content-Type", "application/http; msgtype=response"),
          ("WARC-Payload-Digest", WARCDigest.sha1(Array(body.utf8))),
        ], head + "<p>hullo</p>"
      ),
    ])
    defer { try? FileManager.default.removeItem(atPath: path) }
    let check = try checkDigests(path: path)
    #expect(check.records == 3)
    #expect(check.blockDigests == 2)
    #expect(check.payloadDigests == 1)
    #expect(check.unchecked == 1)
    #expect(
      check.mismatches == ["<urn:uuid:x>: its WARC-Payload-Digest does not match the payload"])
  }
}

@Suite("index lines sorted in bounded memory")
struct SortedLineSpoolTests {
  @Test("runs spilled to files merge into the order LC_ALL=C sort gives", arguments: [1, 7, 1000])
  func merge(runLength: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "spool-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var generator = SystemRandomNumberGenerator()
    let lines =
      (0..<200).map { number in
        "com,example)/\(UInt64.random(in: 0...999, using: &generator)) 2026 {\"n\": \(number)}"
      } + [
        "Z upper", "a lower", "é after ASCII", "", "\u{7F}", "\u{80}", "com,example)/1",
        "com,example)/1 ", "com,example)/", "short", "shorter than fifteen bytes? no",
      ]
    let spool = SortedLineSpool(folder: folder, runLength: runLength)
    for line in lines { try spool.append(line) }
    try spool.finish(writingTo: folder + "/index.cdxj")
    let written = try String(contentsOfFile: folder + "/index.cdxj", encoding: .utf8)
    let expected = lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    #expect(written == expected.map { $0 + "\n" }.joined())
    // The runs are gone.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["index.cdxj"])
  }
}

/// The SURT key as it was first written, cutting on characters: the reference `surtKey`, which
/// cuts on bytes, must match.
private func referenceSURT(_ url: String) -> String {
  let lowered = url.lowercased()
  var rest: Substring
  if lowered.hasPrefix("http://") {
    rest = lowered.dropFirst(7)
  } else if lowered.hasPrefix("https://") {
    rest = lowered.dropFirst(8)
  } else {
    return lowered
  }
  if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
  let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
  var authority = rest[..<authorityEnd]
  var pathAndQuery = rest[authorityEnd...]
  if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
  var host = authority
  var port = ""
  if let colon = authority.lastIndex(of: ":") {
    host = authority[..<colon]
    port = String(authority[authority.index(after: colon)...])
    if port == "80" || port == "443" { port = "" }
  }
  var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
  if let first = labels.first, labels.count > 2, first.hasPrefix("www"),
    first.dropFirst(3).allSatisfy(\.isNumber)
  {
    labels.removeFirst()
  }
  var key = labels.reversed().joined(separator: ",")
  if !port.isEmpty { key += ":" + port }
  if pathAndQuery.isEmpty { pathAndQuery = "/" }
  var path = pathAndQuery
  var query = ""
  if let question = pathAndQuery.firstIndex(of: "?") {
    path = pathAndQuery[..<question]
    query = String(pathAndQuery[pathAndQuery.index(after: question)...])
  }
  if path.isEmpty { path = "/" }
  key += ")" + path
  if !query.isEmpty {
    key += "?" + query.split(separator: "&").map(String.init).sorted().joined(separator: "&")
  }
  return key
}
