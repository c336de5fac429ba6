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

extension WebArchiveError {
  /// True when a file ended before its record did (a gzip stream, a header or a block cut
  /// short, as a crawler stopped mid-write leaves it): the records read before are whole. Any
  /// other damage (a record that does not start with `WARC/` where the last one's
  /// `Content-Length` ended, damaged gzip data) may lie in the record read last too. Matched
  /// on the words the readers use for a cut (`WARCReader`, `ArchiveInput`).
  public var isCutShort: Bool {
    guard case .malformed(_, _, let detail) = self else { return false }
    return detail.hasPrefix("the gzip data is cut short")
      || detail.hasPrefix("the file ends inside")
      || detail.hasPrefix("a record's block is cut short")
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
