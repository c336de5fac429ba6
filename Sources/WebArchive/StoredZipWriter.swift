import Crypto
import FileDescriptorIO
@_implementationOnly import Foundation
@_implementationOnly import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a ZIP file whose members are stored, not compressed, as WACZ requires (a replayer
/// reads a WARC record straight at its offset inside the ZIP), through ZIPFoundation. A member
/// copied from a file is handed to ZIPFoundation 1 MiB at a time: memory does not grow with
/// its size. Members and files over 4 GiB get ZIP64 fields, which ZIPFoundation writes.
///
/// Every member has the same time (1980-01-01 00:00 UTC, the first a ZIP can hold) and mode
/// 0644, so the same export gives the same bytes.
final class StoredZipWriter {
  private let path: String
  private let archive: Archive
  private static let memberDate = Date(timeIntervalSince1970: 315_532_800)
  private static let chunkSize = 1 << 20

  /// Creates the file (it must not exist).
  /// - Throws: `WebArchiveError.file` when it exists or cannot be created.
  init(path: String) throws(WebArchiveError) {
    self.path = path
    do {
      // ZIPFoundation writes the empty ZIP without overwriting: an existing file is never
      // replaced.
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    } catch {
      let reason = access(path, F_OK) == 0 ? EEXIST : errno
      throw .file(path: path, operation: "creating", errno: reason == 0 ? EIO : reason)
    }
  }

  /// Adds a member holding bytes. Returns their SHA-256, hex.
  @discardableResult
  func add(name: String, bytes: [UInt8]) throws(WebArchiveError) -> String {
    try addMember(name, size: bytes.count) { position, size in
      Data(bytes[Int(position)..<min(bytes.count, Int(position) + size)])
    }
    return WARCDigest.sha256Hex(bytes)
  }

  /// Adds a member copied from a file, read once (ZIPFoundation writes the CRC-32 into the
  /// local header after the data). Returns its SHA-256, hex, and size.
  func add(name: String, file: String) throws(WebArchiveError) -> (sha256: String, size: Int) {
    let descriptor = open(file, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .file(path: file, operation: "opening", errno: errno) }
    defer { close(descriptor) }
    let size = Int(lseek(descriptor, 0, SEEK_END))
    guard size >= 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
      throw .file(path: file, operation: "seeking in", errno: errno)
    }
    var hasher = SHA256()
    var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
    try addMember(name, size: size) { _, wanted in
      let (count, failure) = chunk.withUnsafeMutableBytes {
        readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]))
      }
      if let failure {
        throw WebArchiveError.file(path: file, operation: "reading", errno: failure)
      }
      guard count == wanted else {
        throw WebArchiveError.malformed(
          path: file, offset: nil, detail: "the file shrank while it was packaged")
      }
      hasher.update(data: chunk[..<count])
      return Data(chunk[..<count])
    }
    return (hasher.finalize().map { hexDigits($0) }.joined(), size)
  }

  /// Writes everything to the disk. ZIPFoundation keeps the central directory written after
  /// every member, so the file is a whole ZIP already.
  func finish() throws(WebArchiveError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .file(path: path, operation: "opening", errno: errno) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else {
      throw .file(path: path, operation: "syncing", errno: errno)
    }
  }

  private func addMember(
    _ name: String, size: Int, _ provider: @escaping (Int64, Int) throws -> Data
  ) throws(WebArchiveError) {
    do {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(size), modificationDate: Self.memberDate,
        permissions: 0o644, compressionMethod: .none, bufferSize: Self.chunkSize,
        provider: provider)
    } catch let error as WebArchiveError {
      throw error
    } catch {
      throw .malformed(path: path, offset: nil, detail: "writing the ZIP member \(name): \(error)")
    }
  }
}
