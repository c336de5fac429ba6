internal import CZlib
import Crypto
import FileDescriptorIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a ZIP file whose members are stored, not compressed, as WACZ requires (a replayer
/// reads a WARC record straight at its offset inside the ZIP). Files are copied in 1 MiB
/// chunks: memory does not grow with their size.
///
/// Invariant: every member and the whole file stay under 4 GiB (no ZIP64); a larger one is
/// refused with an error rather than written wrong.
public final class StoredZipWriter {
  private struct Entry {
    let name: [UInt8]
    let crc: UInt32
    let size: UInt32
    let offset: UInt32
  }

  private let path: String
  private var descriptor: Int32
  private var offset = 0
  private var entries: [Entry] = []

  /// Creates the file (it must not exist).
  /// - Throws: `WebArchiveError.file` when it cannot be created.
  public init(path: String) throws {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw WebArchiveError.file(path: path, operation: "creating", errno: errno)
    }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Adds a member holding bytes. Returns their SHA-256, hex.
  @discardableResult
  public func add(name: String, bytes: [UInt8]) throws -> String {
    let crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    try startEntry(name: name, crc: crc, size: bytes.count)
    try append(bytes)
    return WARCDigest.sha256Hex(bytes)
  }

  /// Adds a member copied from a file, reading it twice (CRC-32 first, as the local header
  /// comes before the data). Returns its SHA-256, hex, and size.
  public func add(name: String, file: String) throws -> (
    sha256: String, size: Int
  ) {
    var crc: UInt32 = 0
    var hasher = SHA256()
    var size = 0
    try readChunks(file) { chunk throws(WebArchiveError) in
      crc = chunk.withUnsafeBufferPointer {
        UInt32(crc32(uLong(crc), $0.baseAddress, uInt($0.count)))
      }
      hasher.update(data: chunk)
      size += chunk.count
    }
    try startEntry(name: name, crc: crc, size: size)
    try readChunks(file) { chunk throws(WebArchiveError) in try append(chunk) }
    return (hasher.finalize().map { hexDigits($0) }.joined(), size)
  }

  /// Writes the central directory and closes the file.
  public func finish() throws {
    let directoryStart = offset
    for entry in entries {
      var header: [UInt8] = []
      header += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(0)
      header += le16(0) + le16(0x21) + le32(entry.crc) + le32(entry.size) + le32(entry.size)
      header += le16(UInt16(entry.name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
      header += le32(0) + le32(entry.offset) + entry.name
      try append(header)
    }
    let directorySize = offset - directoryStart
    try checkSize(offset)
    var end: [UInt8] = le32(0x0605_4b50) + le16(0) + le16(0)
    end += le16(UInt16(entries.count)) + le16(UInt16(entries.count))
    end += le32(UInt32(directorySize)) + le32(UInt32(directoryStart)) + le16(0)
    try append(end)
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
      descriptor = -1
      throw WebArchiveError.file(path: path, operation: "closing", errno: errno)
    }
    descriptor = -1
  }

  private func startEntry(name: String, crc: UInt32, size: Int) throws(WebArchiveError) {
    try checkSize(offset + size + 30 + name.utf8.count)
    guard entries.count < 65_535 else {
      throw .malformed(path: path, offset: nil, detail: "more than 65,535 members need ZIP64")
    }
    let nameBytes = Array(name.utf8)
    entries.append(
      Entry(name: nameBytes, crc: crc, size: UInt32(size), offset: UInt32(offset)))
    // Version 2.0, no flags, stored, DOS time 00:00 of 1980-01-01 (0x21): reproducible bytes.
    var header: [UInt8] = le32(0x0403_4b50) + le16(20) + le16(0) + le16(0) + le16(0)
    header += le16(0x21) + le32(crc) + le32(UInt32(size)) + le32(UInt32(size))
    header += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes
    try append(header)
  }

  private func checkSize(_ size: Int) throws(WebArchiveError) {
    guard size < Int(UInt32.max) else {
      throw .malformed(path: path, offset: nil, detail: "a WACZ over 4 GiB needs ZIP64")
    }
  }

  private func append(_ bytes: [UInt8]) throws(WebArchiveError) {
    let failure = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    if let failure { throw .file(path: path, operation: "writing", errno: failure) }
    offset += bytes.count
  }
}

/// Calls `body` with a file's bytes, 1 MiB at a time.
func readChunks(_ path: String, _ body: ([UInt8]) throws(WebArchiveError) -> Void)
  throws(WebArchiveError)
{
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { throw .file(path: path, operation: "opening", errno: errno) }
  defer { close(descriptor) }
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let (count, failure) = chunk.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
    if let failure { throw .file(path: path, operation: "reading", errno: failure) }
    if count > 0 { try body(Array(chunk[..<count])) }
    if count < chunk.count { return }
  }
}

private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

private func le32(_ value: UInt32) -> [UInt8] {
  [
    UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF),
    UInt8(value >> 24),
  ]
}
