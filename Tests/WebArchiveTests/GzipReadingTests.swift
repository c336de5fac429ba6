import Foundation
import Testing

@testable import WebArchive

/// Reading gzip WARC files: members inflated whole by libdeflate when they fit the bounds,
/// streamed by zlib when not (a file gzipped whole), with the same bytes and the same errors.
@Suite("gzip members read whole or streamed")
struct GzipReadingTests {
  /// Bytes no compressor shrinks (a linear congruential generator: the same every run).
  private func noise(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var words = [UInt64](repeating: 0, count: count / 8)
    for index in words.indices {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      words[index] = state
    }
    return words.withUnsafeBytes { Array($0) }
  }

  /// Three members: a small one, one whose compressed size passes the first 1 MiB window
  /// (incompressible), one whose output passes the first 1 MiB output buffer (zeros).
  private func members() throws -> [[UInt8]] {
    [
      Array("WARC/1.1\r\nsmall record\r\n\r\n".utf8), noise(3 << 19, seed: 7),
      [UInt8](repeating: 0, count: 3 << 20),
    ]
  }

  private func write(_ bytes: [UInt8]) throws -> (TemporaryFile, String) {
    let file = try TemporaryFile()
    try Data(bytes).write(to: URL(fileURLWithPath: file.path))
    return (file, file.path)
  }

  private func readAll(_ input: ArchiveInput) throws -> [UInt8] {
    var all: [UInt8] = []
    while true {
      let piece = try input.read()
      if piece.isEmpty { return all }
      all += piece
    }
  }

  @Test("members within the bounds are inflated whole; larger ones streamed; same bytes")
  func wholeAndStreamed() throws {
    let parts = try members()
    let compressed = try parts.map { try gzipMember(of: [$0]) }
    let (file, path) = try write(compressed.flatMap { $0 })
    defer { _ = file }
    let whole = try ArchiveInput(path: path)
    #expect(try readAll(whole) == parts.flatMap { $0 })
    #expect(whole.membersInflatedWhole == 3)
    // Every member's start is known, for reading a record again at its location.
    #expect(whole.location(of: parts[0].count) == (compressed[0].count, 0))
    #expect(
      whole.location(of: parts[0].count + parts[1].count + 10)
        == (compressed[0].count + compressed[1].count, 10))
    let bounded = try ArchiveInput(path: path, wholeMemberLimit: 1 << 20)
    #expect(try readAll(bounded) == parts.flatMap { $0 })
    #expect(bounded.membersInflatedWhole == 1)
    #expect(
      bounded.location(of: parts[0].count + parts[1].count) == (
        compressed[0].count + compressed[1].count, 0
      ))
  }

  @Test("a file gzipped whole, larger than the bound, is streamed")
  func oneBigMember() throws {
    let parts = try members()
    let (file, path) = try write(try gzipMember(of: parts))
    defer { _ = file }
    let input = try ArchiveInput(path: path, wholeMemberLimit: 2 << 20)
    #expect(try readAll(input) == parts.flatMap { $0 })
    #expect(input.membersInflatedWhole == 0)
  }

  @Test(
    "a cut or damaged member fails with zlib's clear error, after the members before it",
    arguments: ["cut", "flipped"])
  func damaged(_ damage: String) throws {
    let parts = try members()
    let compressed = try parts.map { try gzipMember(of: [$0]) }
    var bytes = compressed.flatMap { $0 }
    if damage == "cut" {
      bytes.removeLast(compressed[2].count / 2)
    } else {
      // The third member's compression method: no longer deflate.
      bytes[compressed[0].count + compressed[1].count + 2] ^= 0xFF
    }
    let (file, path) = try write(bytes)
    defer { _ = file }
    let input = try ArchiveInput(path: path)
    var read: [UInt8] = []
    #expect {
      while true {
        let piece = try input.read()
        if piece.isEmpty { break }
        read += piece
      }
    } throws: { error in
      guard case .malformed(let file, _, let detail) = error as? WebArchiveError else {
        return false
      }
      return file == path
        && detail.contains(damage == "cut" ? "cut short" : "damaged gzip data")
    }
    #expect(read.starts(with: parts[0] + parts[1]))
  }
}

/// A file name in the temporary folder, removed when the value goes.
final class TemporaryFile {
  let path = NSTemporaryDirectory() + "/redline-gzip-\(UUID().uuidString).warc.gz"
  init() throws {}
  deinit { try? FileManager.default.removeItem(atPath: path) }
}
