/// Why writing or reading a web archive failed, in words a user can act on.
public enum WebArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
  /// zlib refused to compress or decompress (its code and operation).
  case compression(code: Int32, operation: String)
  /// A file could not be created, written or read (`errno`).
  case file(path: String, operation: String, errno: Int32)
  /// The input is not a WARC file, or is damaged: where (byte offset, when known) and what.
  case malformed(path: String, offset: Int?, detail: String)

  /// One line saying what went wrong.
  public var description: String {
    switch self {
    case .compression(let code, let operation):
      return "gzip: \(operation) failed (zlib code \(code))"
    case .file(let path, let operation, let errno):
      return "\(operation) \(path): \(systemMessage(errno))"
    case .malformed(let path, let offset, let detail):
      let place = offset.map { " at byte \($0)" } ?? ""
      return "\(path)\(place): not a readable WARC file: \(detail)"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// strerror's words for an errno.
func systemMessage(_ code: Int32) -> String {
  guard code != 0, let text = strerror(code) else { return "short write" }
  return String(cString: text)
}
