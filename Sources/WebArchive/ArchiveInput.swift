internal import CZlibWrappers
import FileDescriptorIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a WARC file, decompressed when it is gzip (any number of members, as WARC
/// files are), read in chunks: memory holds one chunk of input and one of output.
///
/// Each gzip member's start is remembered with the decompressed position it begins at, so
/// that a record can be found again (`WARCReader.record(at:)`) by seeking to its member.
final class ArchiveInput {
  let path: String
  private let descriptor: Int32
  private let isGzip: Bool
  private var stream = z_stream()
  private var streamReady = false
  private var input: [UInt8] = []
  private var inputStart = 0
  private var atEndOfFile = false
  private var memberEnded = false
  private let openOffset: Int
  private let chunkSize = 1 << 20
  /// Decompressed bytes delivered so far.
  private(set) var position = 0
  /// (decompressed position, file offset) of recent member starts, oldest first.
  private(set) var memberStarts: [(position: Int, offset: Int)] = []

  /// Opens a file at `offset` (the start of a gzip member, or of a record in a plain file).
  init(path: String, offset: Int = 0) throws(WebArchiveError) {
    self.path = path
    let file = open(path, O_RDONLY | O_CLOEXEC)
    guard file >= 0 else { throw .file(path: path, operation: "opening", errno: errno) }
    if offset > 0 {
      guard lseek(file, off_t(offset), SEEK_SET) >= 0 else {
        close(file)
        throw .file(path: path, operation: "seeking in", errno: errno)
      }
    }
    var magic = [UInt8](repeating: 0, count: 2)
    let (count, failure) = magic.withUnsafeMutableBytes { readFully(file, into: $0) }
    if let failure {
      close(file)
      throw .file(path: path, operation: "reading", errno: failure)
    }
    descriptor = file
    inputStart = offset
    openOffset = offset
    input = Array(magic[..<count])
    isGzip = count == 2 && magic[0] == 0x1F && magic[1] == 0x8B
    if isGzip { memberStarts = [(0, offset)] }
  }

  deinit {
    if streamReady { inflateEnd(&stream) }
    close(descriptor)
  }

  /// Whether the file is gzip (offsets inside it are then not file offsets).
  var isCompressed: Bool { isGzip }

  /// The next decompressed bytes (at most about 1 MiB), or an empty array at the end.
  /// - Throws: `WebArchiveError.malformed` for a damaged or truncated gzip stream.
  func read() throws(WebArchiveError) -> [UInt8] {
    guard isGzip else {
      if input.isEmpty { try fill() }
      let bytes = input
      inputStart += input.count
      input = []
      position += bytes.count
      return bytes
    }
    while true {
      if input.isEmpty && !atEndOfFile { try fill() }
      if input.isEmpty {
        guard memberEnded || !streamReady else {
          throw .malformed(path: path, offset: inputStart, detail: "the gzip data is cut short")
        }
        return []
      }
      if memberEnded || !streamReady {
        if streamReady { inflateReset(&stream) } else { try startStream() }
        if memberEnded {
          memberEnded = false
          memberStarts.append((position, inputStart))
          if memberStarts.count > 64 { memberStarts.removeFirst(memberStarts.count - 64) }
        }
      }
      let output = try inflateSome()
      if !output.isEmpty { return output }
    }
  }

  private func startStream() throws(WebArchiveError) {
    let code = czlib_inflate_init_gzip(&stream)
    guard code == Z_OK else { throw .compression(code: code, operation: "inflateInit2") }
    streamReady = true
  }

  private func inflateSome() throws(WebArchiveError) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: chunkSize)
    var code: Int32 = Z_OK
    var consumed = 0
    var produced = 0
    input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = uInt(inputBuffer.count)
        stream.next_out = outputBuffer.baseAddress
        stream.avail_out = uInt(outputBuffer.count)
        code = inflate(&stream, Z_NO_FLUSH)
        consumed = inputBuffer.count - Int(stream.avail_in)
        produced = outputBuffer.count - Int(stream.avail_out)
      }
    }
    stream.next_in = nil
    stream.next_out = nil
    input.removeFirst(consumed)
    inputStart += consumed
    switch code {
    case Z_STREAM_END: memberEnded = true
    case Z_OK, Z_BUF_ERROR: break
    default:
      throw .malformed(
        path: path, offset: inputStart, detail: "damaged gzip data (zlib code \(code))")
    }
    position += produced
    return Array(output[..<produced])
  }

  private func fill() throws(WebArchiveError) {
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    let (count, failure) = chunk.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
    if let failure { throw .file(path: path, operation: "reading", errno: failure) }
    if count < chunk.count || chunk.isEmpty { atEndOfFile = true }
    input += chunk[..<count]
  }

  /// Where a record starting at decompressed `position` can be found again: the file offset
  /// of its member (or of the record, in a plain file) and how many bytes to skip after it.
  func location(of position: Int) -> (offset: Int, skip: Int) {
    guard isGzip else { return (openOffset + position, 0) }
    let start = memberStarts.last { $0.position <= position } ?? (0, openOffset)
    return (start.offset, position - start.position)
  }
}
