import Foundation
import Testing

@testable import WebArchive

/// `checkDigests(path:)` reads on one thread and hashes on another: the counts, and the
/// mismatches in file order, are those of the records as written, whatever the file's layout.
@Suite("digests checked on two threads")
struct ConcurrentDigestTests {
  /// 120 response records, bodies of 0 to 300 KB of noise, every 7th with a wrong block digest
  /// and every 11th with a wrong payload digest.
  private func records() -> (records: [WARCRecord], mismatches: [String]) {
    var state: UInt64 = 42
    var records: [WARCRecord] = []
    var mismatches: [String] = []
    for index in 0..<120 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let size = index % 40 == 0 ? 300_000 : Int(state >> 51)
      var body = [UInt8](repeating: 0, count: size)
      for offset in stride(from: 0, to: size, by: 8) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        body[offset] = UInt8(truncatingIfNeeded: state >> 33)
      }
      let id = "<urn:uuid:record-\(index)>"
      var record = WARCRecord.http(
        .response, id: id, date: "2026-01-01T00:00:00Z", targetURI: "https://example.com/\(index)",
        head: Array("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n".utf8), payload: body)
      let wrong = WARCDigest.sha1(Array("other \(index)".utf8))
      for (position, field) in record.fields.enumerated() {
        if field.name == "WARC-Payload-Digest" && index % 11 == 4 {
          record.fields[position].value = wrong
        }
        if field.name == "WARC-Block-Digest" && index % 7 == 3 {
          record.fields[position].value = wrong
        }
      }
      if index % 7 == 3 {
        mismatches.append("\(id): its WARC-Block-Digest does not match the block")
      }
      if index % 11 == 4 {
        mismatches.append("\(id): its WARC-Payload-Digest does not match the payload")
      }
      records.append(record)
    }
    return (records, mismatches)
  }

  private func check(_ bytes: [UInt8], _ expected: [String], count: Int) throws {
    let file = try TemporaryFile()
    try Data(bytes).write(to: URL(fileURLWithPath: file.path))
    // Far more than the 64 KiB the reader may hand over ahead of the hasher: it waits.
    let check = try checkDigests(path: file.path, handoverBudget: 64 << 10)
    #expect(check == (try checkDigests(path: file.path)))
    #expect(check.records == count)
    #expect(check.mismatches == expected)
    #expect(check.blockDigests == count - expected.filter { $0.hasSuffix("the block") }.count)
    #expect(check.payloadDigests == count - expected.filter { $0.hasSuffix("payload") }.count)
    #expect(check.unchecked == 0)
  }

  @Test("a member per record, one member for the file, and a plain file give the same check")
  func layouts() throws {
    let (records, mismatches) = records()
    let parts = records.flatMap(\.serializedParts)
    try check(records.flatMap { try! gzipMember(of: $0.serializedParts) }, mismatches, count: 120)
    try check(try gzipMember(of: parts), mismatches, count: 120)
    try check(Array(parts.joined()), mismatches, count: 120)
  }

  @Test("a file cut inside a record is refused, as when read on one thread")
  func cutShort() throws {
    let (records, _) = records()
    let members = try records.prefix(40).map { try gzipMember(of: $0.serializedParts) }
    var bytes = Array(members.joined())
    bytes.removeLast(members[39].count / 2)
    let file = try TemporaryFile()
    try Data(bytes).write(to: URL(fileURLWithPath: file.path))
    #expect(throws: WebArchiveError.self) { try checkDigests(path: file.path) }
  }
}
