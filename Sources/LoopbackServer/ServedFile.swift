#if canImport(Glibc)
  import Glibc
#endif

/// The bytes and validators of one regular file, read in one go.
struct ServedFile {
  let path: String
  let bytes: [UInt8]
  let modificationSeconds: Int

  /// A strong entity tag derived from the content alone, quotes included.
  var entityTag: String {
    // FNV-1a, 64-bit: tiny, deterministic, and good enough to tell fixture versions apart.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return "\"\(String(hash, radix: 16))-\(String(bytes.count, radix: 16))\""
  }

  /// The modification time as an HTTP date.
  var lastModified: String {
    HTTPDate.format(secondsSince1970: modificationSeconds)
  }

  /// Reads the file; the size and time come from the same open descriptor as the bytes.
  ///
  /// - Returns: `nil` if it is missing or not a regular file, a refusal if it cannot be read.
  static func read(_ path: String) -> Result<ServedFile, FileRefusal>? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      return errno == ENOENT || errno == ENOTDIR ? nil : .failure(.forbidden)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size))
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return .failure(.forbidden) }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[..<count])
    }
    return .success(
      ServedFile(path: path, bytes: bytes, modificationSeconds: Int(status.st_mtim.tv_sec)))
  }
}
