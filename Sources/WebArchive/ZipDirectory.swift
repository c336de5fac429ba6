import FileDescriptorIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A member of a ZIP file, as its central directory lists it.
public struct ZipMember: Sendable, Equatable {
  /// The member's path in the ZIP.
  public let name: String
  /// Whether it is stored (method 0), as WACZ requires of WARC files.
  public let isStored: Bool
  /// Where its data is in the file.
  public let data: Range<Int>
}

/// The members of a ZIP file (a WACZ), read from its central directory.
/// - Throws: `WebArchiveError.malformed` when the file is not a ZIP or its directory is
///   damaged (ZIP64 files, over 4 GiB, are not read).
public func zipMembers(of path: String) throws -> [ZipMember] {
  try zipDirectory(of: path)
}

private func zipDirectory(of path: String) throws(WebArchiveError) -> [ZipMember] {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { throw .file(path: path, operation: "opening", errno: errno) }
  defer { close(descriptor) }
  let size = Int(lseek(descriptor, 0, SEEK_END))
  func bytes(_ offset: Int, _ count: Int) throws(WebArchiveError) -> [UInt8] {
    guard offset >= 0, count >= 0, offset + count <= size else {
      throw .malformed(
        path: path, offset: offset, detail: "the ZIP directory points outside the file")
    }
    var buffer = [UInt8](repeating: 0, count: count)
    guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
      throw .file(path: path, operation: "seeking in", errno: errno)
    }
    let (got, failure) = buffer.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
    if let failure { throw .file(path: path, operation: "reading", errno: failure) }
    guard got == count else { throw .malformed(path: path, offset: offset, detail: "cut short") }
    return buffer
  }
  let tailSize = min(size, 65_557)
  let tail = try bytes(size - tailSize, tailSize)
  guard
    let endRecord = (0...(max(0, tail.count - 22))).reversed().first(where: {
      tail.count >= 22 && le32(tail, $0) == 0x0605_4b50
    })
  else {
    throw .malformed(path: path, offset: nil, detail: "not a ZIP file (no end of directory)")
  }
  let count = Int(le16(tail, endRecord + 10))
  let directorySize = Int(le32(tail, endRecord + 12))
  let directoryOffset = Int(le32(tail, endRecord + 16))
  let directory = try bytes(directoryOffset, directorySize)
  var members: [ZipMember] = []
  var index = 0
  for _ in 0..<count {
    guard index + 46 <= directory.count, le32(directory, index) == 0x0201_4b50 else {
      throw .malformed(path: path, offset: directoryOffset + index, detail: "damaged ZIP directory")
    }
    let method = le16(directory, index + 10)
    let compressedSize = Int(le32(directory, index + 20))
    let nameLength = Int(le16(directory, index + 28))
    let extraLength = Int(le16(directory, index + 30))
    let commentLength = Int(le16(directory, index + 32))
    let localOffset = Int(le32(directory, index + 42))
    guard index + 46 + nameLength <= directory.count else {
      throw .malformed(path: path, offset: directoryOffset + index, detail: "damaged ZIP directory")
    }
    let name = String(decoding: directory[(index + 46)..<(index + 46 + nameLength)], as: UTF8.self)
    let local = try bytes(localOffset, 30)
    guard le32(local, 0) == 0x0403_4b50 else {
      throw .malformed(path: path, offset: localOffset, detail: "damaged ZIP member \(name)")
    }
    let dataStart = localOffset + 30 + Int(le16(local, 26)) + Int(le16(local, 28))
    guard dataStart + compressedSize <= size else {
      throw .malformed(path: path, offset: localOffset, detail: "ZIP member \(name) is cut short")
    }
    members.append(
      ZipMember(name: name, isStored: method == 0, data: dataStart..<(dataStart + compressedSize)))
    index += 46 + nameLength + extraLength + commentLength
  }
  return members
}

private func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
  UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
}

private func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
  UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
    | UInt32(bytes[at + 3]) << 24
}

/// Whether a file starts as a ZIP file does (`PK\3\4`): a WACZ rather than a WARC.
public func isZipFile(_ path: String) -> Bool {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  var magic = [UInt8](repeating: 0, count: 4)
  let (count, _) = magic.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
  return count == 4 && magic == [0x50, 0x4B, 0x03, 0x04]
}
