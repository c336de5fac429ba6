import Foundation
import Synchronization
import Testing

@testable import WebArchive

/// `runInOrder` makes and compresses records on several threads and hands them to one, in
/// order: the files, and the places each record is reported at, are byte for byte those of
/// `WARCFileWriter.write(_:)` on one thread, and an error stops the work and comes out once.
@Suite("records made on every core, written in order")
struct InOrderWorkTests {
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

  private func withWriter<T>(level: Int = 6, _ body: (WARCFileWriter) throws -> T) throws -> (
    T, files: [String: Data]
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
      }, level: level)
    let result = try body(writer)
    var files: [String: Data] = [:]
    for name in try writer.finish() {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return (result, files)
  }

  /// Pieces of 10 records, made on `threads` threads with lanes of `laneBudget` bytes.
  private func writeInOrder(
    _ records: [WARCRecord], threads: Int, laneBudget: Int, level: Int = 6
  ) throws -> (places: [WrittenRecord], files: [String: Data]) {
    try withWriter(level: level) { writer in
      var places: [WrittenRecord] = []
      try runInOrder(
        count: records.count / 10, threads: threads, window: 2, laneBudget: laneBudget,
        context: { try GzipCompressor(level: level) },
        produce: { compressor, piece, emit in
          for record in records[piece * 10..<piece * 10 + 10] {
            let member = try compressor.member(of: record.serializedParts)
            emit(member, member.count)
          }
        },
        consume: { member in places.append(try writer.write(member: member)) })
      return places
    }
  }

  @Test("the same files and places as writing on one thread, whatever the threads and lanes")
  func sameBytes() throws {
    let records = records()
    let alone = try withWriter { writer in try records.map { try writer.write($0) } }
    #expect(alone.files.count > 3)
    for (threads, laneBudget) in [(1, 1 << 20), (3, 1 << 20), (4, 1)] {
      let ordered = try writeInOrder(records, threads: threads, laneBudget: laneBudget)
      #expect(ordered.files == alone.files)
      #expect(ordered.places == alone.0)
    }
  }

  @Test("another level gives other bytes, which read back as the same records")
  func otherLevel() throws {
    let records = records()
    let six = try writeInOrder(records, threads: 2, laneBudget: 1 << 16)
    let one = try writeInOrder(records, threads: 2, laneBudget: 1 << 16, level: 1)
    #expect(one.files != six.files)
    for (place6, place1) in zip(six.places, one.places).prefix(40) {
      let member6 = six.files[place6.filename]!.dropFirst(place6.offset).prefix(place6.length)
      let member1 = one.files[place1.filename]!.dropFirst(place1.offset).prefix(place1.length)
      let records6 = try gunzipped(Array(member6), limit: 1 << 20)
      #expect(try records6 == gunzipped(Array(member1), limit: 1 << 20))
    }
    #expect(throws: WebArchiveError.self) { try GzipCompressor(level: 13) }
    #expect(throws: WebArchiveError.self) { try GzipCompressor(level: 0) }
  }

  @Test("a piece's error comes out in its place: the pieces before it are all consumed")
  func produceError() throws {
    struct Refused: Error, Equatable { let piece: Int }
    let consumed = Mutex<[Int]>([])
    #expect(throws: Refused(piece: 37)) {
      try runInOrder(
        count: 200, threads: 3, window: 4, laneBudget: 2, context: {},
        produce: { _, piece, emit in
          if piece == 37 { throw Refused(piece: piece) }
          emit(piece, 1)
          emit(piece, 1)
        },
        consume: { piece in consumed.withLock { $0.append(piece) } })
    }
    #expect(consumed.withLock { $0 } == (0..<37).flatMap { [$0, $0] })
  }

  @Test("an error of the consumer stops the threads and is thrown once, after them")
  func consumeError() throws {
    struct Full: Error {}
    let produced = Atomic(0)
    var consumed = 0
    #expect(throws: Full.self) {
      try runInOrder(
        count: 10_000, threads: 2, window: 2, laneBudget: 1, context: {},
        produce: { _, piece, emit in
          produced.add(1, ordering: .relaxed)
          for part in 0..<3 { emit(piece * 3 + part, 1) }
        },
        consume: { _ in
          consumed += 1
          if consumed == 50 { throw Full() }
        })
    }
    // The pieces started before the error was seen, not the 10,000.
    #expect(produced.load(ordering: .relaxed) < 100)
    #expect(consumed == 50)
  }

  @Test("no pieces, no threads")
  func nothing() throws {
    try runInOrder(
      count: 0, threads: 2, laneBudget: 1,
      context: { () throws -> Int in throw CancellationError() },
      produce: { (_: Int, _: Int, _: (Int, Int) -> Void) in }, consume: { _ in Issue.record() })
  }
}
