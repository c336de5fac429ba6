internal import CLibDeflate
internal import CZlibWrappers
import FileDescriptorIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a WARC file, decompressed when it is gzip (any number of members, as WARC
/// files are), read in pieces: memory holds a window of input and one member's output, both
/// bounded.
///
/// A gzip member is inflated whole by libdeflate when it fits the bounds (`wholeMemberLimit`
/// of input and of output): libdeflate reports how many input bytes the member used, so its
/// end need not be known beforehand. A member that does not fit (a file written as one big
/// member, as some tools do), and a damaged or cut one, is inflated by zlib's streaming
/// `inflate`, 1 MiB at a time, which also names the damage.
///
/// Each gzip member's start is remembered with the decompressed position it begins at, so
/// that a record can be found again (`WARCReader.record(at:)`) by seeking to its member.
final class ArchiveInput {
  let path: String
  private let descriptor: Int32
  private let isGzip: Bool
  /// Input read from the file and not used yet: `window[windowStart..<windowEnd]`, which
  /// starts at file offset `inputStart`.
  private var window: [UInt8]
  private var windowStart = 0
  private var windowEnd = 0
  private var inputStart = 0
  private var atEndOfFile = false
  private var stream = z_stream()
  private var streamReady = false
  /// Whether zlib is inside a member (one that was not inflated whole).
  private var streaming = false
  /// Whether the input is at a member's start (or the file's end).
  private var atMemberStart = true
  private let openOffset: Int
  private let decompressor: OpaquePointer?
  /// The output buffer a member is first inflated into (grown, up to the limit, as needed).
  private var outputGuess = 1 << 20
  private let chunkSize = 1 << 20
  /// The largest member, compressed or inflated, that is inflated whole.
  let wholeMemberLimit: Int
  /// Decompressed bytes delivered so far.
  private(set) var position = 0
  /// Gzip members inflated whole (the others were streamed).
  private(set) var membersInflatedWhole = 0
  /// (decompressed position, file offset) of recent member starts, oldest first.
  private(set) var memberStarts: [(position: Int, offset: Int)] = []

  /// Opens a file at `offset` (the start of a gzip member, or of a record in a plain file).
  init(path: String, offset: Int = 0, wholeMemberLimit: Int = 64 << 20) throws(WebArchiveError) {
    self.path = path
    self.wholeMemberLimit = wholeMemberLimit
    let file = open(path, O_RDONLY | O_CLOEXEC)
    guard file >= 0 else { throw .file(path: path, operation: "opening", errno: errno) }
    if offset > 0 {
      guard lseek(file, off_t(offset), SEEK_SET) >= 0 else {
        close(file)
        throw .file(path: path, operation: "seeking in", errno: errno)
      }
    }
    descriptor = file
    inputStart = offset
    openOffset = offset
    var first = [UInt8](repeating: 0, count: 1 << 20)
    let (count, failure) = first.withUnsafeMutableBytes { readFully(file, into: $0) }
    if let failure {
      close(file)
      throw .file(path: path, operation: "reading", errno: failure)
    }
    window = first
    windowEnd = count
    atEndOfFile = count < first.count
    isGzip = count >= 2 && first[0] == 0x1F && first[1] == 0x8B
    decompressor = isGzip ? libdeflate_alloc_decompressor() : nil
    if isGzip { memberStarts = [(0, offset)] }
  }

  deinit {
    if streamReady { inflateEnd(&stream) }
    if let decompressor { libdeflate_free_decompressor(decompressor) }
    close(descriptor)
  }

  /// Whether the file is gzip (offsets inside it are then not file offsets).
  var isCompressed: Bool { isGzip }

  private var available: Int { windowEnd - windowStart }

  /// The next decompressed bytes (a whole gzip member, or about 1 MiB), or an empty array at
  /// the end.
  /// - Throws: `WebArchiveError.malformed` for a damaged or truncated gzip stream.
  func read() throws(WebArchiveError) -> [UInt8] {
    guard isGzip else {
      if available == 0 { try fill(atLeast: chunkSize) }
      let bytes = Array(window[windowStart..<windowEnd])
      consume(bytes.count)
      position += bytes.count
      return bytes
    }
    while true {
      if available == 0 && !atEndOfFile { try fill(atLeast: chunkSize) }
      if available == 0 {
        guard !streaming else {
          throw .malformed(path: path, offset: inputStart, detail: "the gzip data is cut short")
        }
        return []
      }
      if atMemberStart {
        atMemberStart = false
        if position > 0 || inputStart != openOffset {
          memberStarts.append((position, inputStart))
          if memberStarts.count > 64 { memberStarts.removeFirst(memberStarts.count - 64) }
        }
        if let whole = try wholeMember() { return whole }
        try startMember()
      }
      let output = try inflateSome()
      if !output.isEmpty { return output }
    }
  }

  /// The member at the input inflated whole, or nil (nothing used) when it is larger than the
  /// limit, damaged or cut short: zlib then reads it as a stream.
  private func wholeMember() throws(WebArchiveError) -> [UInt8]? {
    guard let decompressor else { return nil }
    var wanted = min(chunkSize, wholeMemberLimit)
    var outputSize = min(outputGuess, wholeMemberLimit)
    while true {
      try fill(atLeast: wanted)
      var used = 0
      var result = LIBDEFLATE_SUCCESS
      let inputCount = min(available, wholeMemberLimit)
      let start = windowStart
      // Inflated straight into the array handed out: no copy (its unused capacity is not
      // initialized, and goes with it).
      let output = window.withUnsafeBytes { bytes in
        let source = UnsafeRawBufferPointer(rebasing: bytes[start...])
        return [UInt8](unsafeUninitializedCapacity: outputSize) { target, initialized in
          var produced = 0
          result = libdeflate_gzip_decompress_ex(
            decompressor, source.baseAddress, inputCount, target.baseAddress, outputSize,
            &used, &produced)
          initialized = result == LIBDEFLATE_SUCCESS ? produced : 0
        }
      }
      switch result {
      case LIBDEFLATE_SUCCESS:
        consume(used)
        atMemberStart = true
        membersInflatedWhole += 1
        position += output.count
        return output
      case LIBDEFLATE_INSUFFICIENT_SPACE where outputSize < wholeMemberLimit:
        outputSize = min(outputSize * 2, wholeMemberLimit)
        // Members of a file tend to be alike: the next starts with this size.
        outputGuess = outputSize
      case LIBDEFLATE_BAD_DATA where !atEndOfFile && inputCount < wholeMemberLimit:
        // Damaged, or more of the member than the window holds: try again with more input.
        wanted = min(max(wanted, available) * 2, wholeMemberLimit)
      default:
        // Too large, damaged or cut short: zlib reads it (and names the damage).
        outputGuess = chunkSize
        return nil
      }
    }
  }

  private func startMember() throws(WebArchiveError) {
    if streamReady {
      inflateReset(&stream)
    } else {
      let code = czlib_inflate_init_gzip(&stream)
      guard code == Z_OK else { throw .compression(code: code, operation: "inflateInit2") }
      streamReady = true
    }
    streaming = true
  }

  private func inflateSome() throws(WebArchiveError) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: chunkSize)
    var code: Int32 = Z_OK
    var consumed = 0
    var produced = 0
    let start = windowStart
    let count = available
    window.withUnsafeMutableBufferPointer { bytes in
      let inputBuffer = UnsafeMutableBufferPointer(rebasing: bytes[start...])
      output.withUnsafeMutableBufferPointer { outputBuffer in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = uInt(count)
        stream.next_out = outputBuffer.baseAddress
        stream.avail_out = uInt(outputBuffer.count)
        code = inflate(&stream, Z_NO_FLUSH)
        consumed = count - Int(stream.avail_in)
        produced = outputBuffer.count - Int(stream.avail_out)
      }
    }
    stream.next_in = nil
    stream.next_out = nil
    consume(consumed)
    switch code {
    case Z_STREAM_END:
      streaming = false
      atMemberStart = true
    case Z_OK, Z_BUF_ERROR: break
    default:
      throw .malformed(
        path: path, offset: inputStart, detail: "damaged gzip data (zlib code \(code))")
    }
    position += produced
    output.removeSubrange(produced...)
    return output
  }

  private func consume(_ count: Int) {
    windowStart += count
    inputStart += count
  }

  /// Reads until the window holds `count` unused bytes or the file ends. The unused bytes
  /// move to the window's front only when the space after them is too small, so each input
  /// byte is moved at most about once.
  private func fill(atLeast count: Int) throws(WebArchiveError) {
    guard available < count, !atEndOfFile else { return }
    if window.count - windowStart < count {
      let unused = available
      if windowStart > 0 {
        window.withUnsafeMutableBytes { bytes in
          guard let base = bytes.baseAddress else { return }
          memmove(base, base + windowStart, unused)
        }
        windowStart = 0
        windowEnd = unused
      }
      if window.count < count {
        window.append(contentsOf: repeatElement(0, count: count - window.count))
      }
    }
    while available < count {
      let end = windowEnd
      let (read, failure) = window.withUnsafeMutableBytes { bytes in
        readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: bytes[end...]))
      }
      if let failure { throw .file(path: path, operation: "reading", errno: failure) }
      windowEnd += read
      if read < window.count - end || read == 0 {
        atEndOfFile = true
        return
      }
    }
  }

  /// Where a record starting at decompressed `position` can be found again: the file offset
  /// of its member (or of the record, in a plain file) and how many bytes to skip after it.
  func location(of position: Int) -> (offset: Int, skip: Int) {
    guard isGzip else { return (openOffset + position, 0) }
    let start = memberStarts.last { $0.position <= position } ?? (0, openOffset)
    return (start.offset, position - start.position)
  }
}
