import FileDescriptorIO
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Whole-buffer reads and writes")
struct FileDescriptorIOTests {
  /// A fresh temporary file's path; removed by the caller.
  private func temporaryPath() throws -> String {
    var template = Array("/tmp/redline-fdio-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    try #require(descriptor >= 0)
    close(descriptor)
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  @Test(
    "what writeAll writes, readToEnd reads back, across several chunks",
    arguments: [0, 1, 200_003])
  func roundTrip(size: Int) throws {
    let path = try temporaryPath()
    defer { unlink(path) }
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let writer = open(path, O_WRONLY | O_TRUNC)
    try #require(writer >= 0)
    #expect(bytes.withUnsafeBytes { writeAll(writer, $0) } == nil)
    close(writer)
    let reader = open(path, O_RDONLY)
    try #require(reader >= 0)
    defer { close(reader) }
    #expect(readToEnd(reader, chunkSize: 4096) == .success(bytes))
  }

  @Test("readFully stops at the end of the file, short of a larger buffer")
  func shortRead() throws {
    let path = try temporaryPath()
    defer { unlink(path) }
    let writer = open(path, O_WRONLY | O_TRUNC)
    try #require(writer >= 0)
    #expect(Array("twelve bytes".utf8).withUnsafeBytes { writeAll(writer, $0) } == nil)
    close(writer)
    let reader = open(path, O_RDONLY)
    try #require(reader >= 0)
    defer { close(reader) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let (count, failure) = buffer.withUnsafeMutableBytes { readFully(reader, into: $0) }
    #expect(count == 12 && failure == nil)
    #expect(Array(buffer[..<count]) == Array("twelve bytes".utf8))
  }

  @Test("a failed read or write reports its errno")
  func failures() {
    var buffer = [UInt8](repeating: 0, count: 8)
    let (count, failure) = buffer.withUnsafeMutableBytes { readFully(-1, into: $0) }
    #expect(count == 0 && failure == EBADF)
    guard case .failure(let readFailure) = readToEnd(-1) else {
      Issue.record("reading descriptor -1 succeeded")
      return
    }
    #expect(readFailure.errno == EBADF)
    #expect(buffer.withUnsafeBytes { writeAll(-1, $0) } == EBADF)
  }
}
