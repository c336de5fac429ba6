#if canImport(Glibc)
  import Glibc
#endif
import FileDescriptorIO

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
    guard case .success(let bytes) = readToEnd(descriptor) else { return .failure(.forbidden) }
    return .success(
      ServedFile(path: path, bytes: bytes, modificationSeconds: Int(status.st_mtim.tv_sec)))
  }
}
