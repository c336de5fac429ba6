import Foundation
import Testing

@testable import WebArchive

/// `WARCFileWriter.write(_:then:)` compresses on a worker thread: the files, and the places
/// each record is reported at, are byte for byte those of `write(_:)` on one thread.
@Suite("records compressed on a second core")
struct PipelinedWriterTests {
  private func records() -> [WARCRecord] {
    var state: UInt64 = 7
    return (0..<400).map { number in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // Text that compresses, and every 5th record some noise that does not.
      var block = Array(String(repeating: "record \(number) ", count: Int(state >> 55)).utf8)
      if number % 5 == 0 {
        block += (0..<Int(state >> 52)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761) }
      }
      return WARCRecord(type: .resource, fields: [("N", String(number))], block: block)
    }
  }

  private func write(_ records: [WARCRecord], pipelined: Bool) throws -> (
    files: [String: Data], places: [WrittenRecord]
  ) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let writer = WARCFileWriter(
      folder: folder.path, prefix: "test", stamp: "20261206090000", maxFileSize: 15_000,
      warcinfo: { name in
        WARCRecord(
          type: .warcinfo, fields: [("WARC-Filename", name)],
          block: Array("software: test\r\n".utf8))
      })
    var places: [WrittenRecord] = []
    for (number, record) in records.enumerated() {
      if pipelined && number != 150 {
        try writer.write(record) { places.append($0) }
      } else {
        // One record written directly, between pipelined ones: it goes after them.
        places.append(try writer.write(record))
      }
    }
    var files: [String: Data] = [:]
    for name in try writer.finish() {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return (files, places)
  }

  @Test("the same files and places as writing on one thread")
  func sameBytes() throws {
    let records = records()
    let alone = try write(records, pipelined: false)
    let pipelined = try write(records, pipelined: true)
    #expect(alone.files.count > 3)
    #expect(pipelined.files == alone.files)
    #expect(pipelined.places == alone.places)
    #expect(pipelined.places.count == records.count)
  }

  @Test("an error a record's continuation throws comes out of a later write or finish")
  func continuationError() throws {
    struct Refused: Error {}
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let writer = WARCFileWriter(
      folder: folder.path, prefix: "test", stamp: "20261206090000", maxFileSize: 1 << 20,
      warcinfo: { _ in WARCRecord(type: .warcinfo, fields: [], block: []) })
    let record = WARCRecord(type: .resource, fields: [], block: Array("x".utf8))
    #expect(throws: Refused.self) {
      try writer.write(record) { _ in throw Refused() }
      _ = try writer.finish()
    }
  }
}
