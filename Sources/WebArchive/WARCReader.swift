import FileDescriptorIO
internal import CZlibWrappers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A record as read: its header fields, where it is, and its block (unless too large).
public struct ReadRecord: Sendable {
  /// `WARC-Type`, lower-cased.
  public let type: String
  /// The header fields, in order.
  public let fields: [(name: String, value: String)]
  /// The block, or nil when it was larger than the reader's limit (it was skipped).
  public let block: [UInt8]?
  /// The size of the block as its `Content-Length` says.
  public let blockSize: Int
  /// Where to find the record again: the file offset of its gzip member (or of the record)
  /// and the decompressed bytes before it there.
  public let location: RecordLocation

  /// The value of the first header field with this name (case-insensitive).
  public func field(_ name: String) -> String? {
    let wanted = name.lowercased()
    return fields.first { $0.name.lowercased() == wanted }?.value
  }
}

/// Where a record is in its file.
public struct RecordLocation: Sendable, Hashable {
  /// The file.
  public let path: String
  /// The offset of its gzip member (or of the record in a plain file).
  public let offset: Int
  /// Decompressed bytes to skip after `offset` to reach the record.
  public let skip: Int
}

/// Reads the records of a WARC file (plain or gzip, one member per record or the whole file
/// in one), one at a time: memory holds one record's block, and blocks over `maxBlockSize` are
/// skipped rather than held.
///
/// Hostile input is refused with `WebArchiveError.malformed` naming the byte offset: a file
/// that does not start with `WARC/`, a header line over 64 KiB or over 1,000 fields, a
/// `Content-Length` that is not a number, a record cut short.
public final class WARCReader {
  private let input: ArchiveInput
  private var buffer: [UInt8] = []
  private var bufferStart = 0
  private var consumed = 0
  private let maxBlockSize: Int
  private var finished = false
  /// The size of the block `nextHeader()` left to `streamBlock(_:)`.
  private var pendingBlock = 0

  /// Opens a WARC file.
  /// - Parameters:
  ///   - path: the file.
  ///   - maxBlockSize: blocks larger than this are skipped (`ReadRecord.block` is nil).
  public init(path: String, maxBlockSize: Int) throws {
    input = try ArchiveInput(path: path)
    self.maxBlockSize = maxBlockSize
  }

  private init(location: RecordLocation, maxBlockSize: Int) throws(WebArchiveError) {
    // A record inside a member (a file gzipped whole) is streamed: inflating its member whole
    // would be tried again at every record read there.
    input = try ArchiveInput(
      path: location.path, offset: location.offset,
      wholeMemberLimit: location.skip > 0 ? 1 << 20 : 64 << 20)
    self.maxBlockSize = maxBlockSize
  }

  /// Reads the record at a location another reader reported.
  public static func record(at location: RecordLocation, maxBlockSize: Int)
    throws -> ReadRecord?
  {
    let reader = try WARCReader(location: location, maxBlockSize: maxBlockSize)
    try reader.skip(location.skip)
    return try reader.next()
  }

  /// Whether the file is gzip.
  public var isCompressed: Bool { input.isCompressed }

  /// A reader of a gzip WARC file from its first whole gzip member after file offset `offset`
  /// on: the next `1f 8b 08` there whose member inflates and holds a record, read whole (its
  /// `WARC-Block-Digest` matching, when it has one). For
  /// going on past damage in a file of a member per record, as WARC writers make them: a
  /// member is whole (its CRC-32 checked) or is not read. Nil when no member after `offset`
  /// holds a record.
  ///
  /// The first record's block is read for its digest up to `checkedBlockSize` bytes (at least
  /// `maxBlockSize`): a larger block than the reader reads is still checked, so that a page
  /// over the reader's limit right after the damage is not passed over.
  public static func resuming(
    _ path: String, after offset: Int, maxBlockSize: Int, checkedBlockSize: Int = 0
  ) throws -> (reader: WARCReader, offset: Int)? {
    let file = open(path, O_RDONLY | O_CLOEXEC)
    guard file >= 0 else {
      throw WebArchiveError.file(path: path, operation: "opening", errno: errno)
    }
    defer { close(file) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var chunkStart = offset + 1
    while true {
      guard lseek(file, off_t(chunkStart), SEEK_SET) >= 0 else { return nil }
      let (count, failure) = chunk.withUnsafeMutableBytes { readFully(file, into: $0) }
      guard failure == nil, count >= 3 else { return nil }
      var index = 0
      while index + 2 < count {
        if chunk[index] == 0x1F, chunk[index + 1] == 0x8B, chunk[index + 2] == 0x08,
          chunk.withUnsafeBytes({
            mayOpenRecord(UnsafeRawBufferPointer(rebasing: $0[index..<count]))
          })
        {
          let candidate = chunkStart + index
          let place = RecordLocation(path: path, offset: candidate, skip: 0)
          // Its first record read whole, and its block digest matching when it has one.
          let checked = max(maxBlockSize, checkedBlockSize)
          if let first = (try? record(at: place, maxBlockSize: checked)).flatMap({ $0 }),
            first.field("WARC-Block-Digest") == nil || blockDigestMatches(first),
            let reader = try? WARCReader(location: place, maxBlockSize: maxBlockSize)
          {
            return (reader, candidate)
          }
        }
        index += 1
      }
      guard count == chunk.count else { return nil }
      // The last two bytes again: a magic number may straddle the chunks.
      chunkStart += count - 2
    }
  }

  /// Whether the gzip member at the start of `bytes` may hold a record: false when its first
  /// inflated bytes, past blank lines, are not `WARC/`, or when it does not inflate; true
  /// when they are, or when `bytes` end before that is known. The cheap test of each
  /// `1f 8b 08` that `resuming` finds before reading a record there whole, which takes a
  /// MiB's buffer each time: over megabytes of damage, minutes.
  private static func mayOpenRecord(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var stream = z_stream()
    guard czlib_inflate_init_gzip(&stream) == Z_OK else { return true }
    defer { inflateEnd(&stream) }
    stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(min(bytes.count, Int(UInt32.max)))
    var output = [UInt8](repeating: 0, count: 64)
    var produced = 0
    var code: Int32 = Z_OK
    while code == Z_OK, produced < output.count {
      code = output.withUnsafeMutableBufferPointer { out in
        guard let start = out.baseAddress else { return Z_MEM_ERROR }
        stream.next_out = start + produced
        stream.avail_out = uInt(out.count - produced)
        let code = inflate(&stream, Z_SYNC_FLUSH)
        produced = out.count - Int(stream.avail_out)
        return code
      }
      if code == Z_BUF_ERROR, stream.avail_in == 0 { break }
    }
    let text = output[..<produced].drop { $0 == 0x0D || $0 == 0x0A }
    let warc = Array("WARC/".utf8)
    if text.count >= warc.count { return text.starts(with: warc) }
    if !warc.starts(with: text) { return false }
    // Too few bytes to tell: damaged data is no record; input that ended is not known.
    return code != Z_DATA_ERROR && code != Z_STREAM_ERROR && code != Z_MEM_ERROR
      && code != Z_NEED_DICT
  }

  /// The next record, or nil at the end of the file.
  public func next() throws -> ReadRecord? {
    try nextRecord()
  }

  /// The next record's header without its block (`ReadRecord.block` is nil): read the block
  /// with `streamBlock(_:)`, a piece at a time, never held whole (it is skipped if the next
  /// header is asked for first). For blocks of any size, such as checking their digests.
  /// Nil at the end of the file.
  public func nextHeader() throws -> ReadRecord? {
    if pendingBlock > 0 { try streamBlock { _ in } }
    let header = try readHeader()
    pendingBlock = header?.blockSize ?? 0
    return header
  }

  /// Hands the block of the record `nextHeader()` returned to `consume` in pieces.
  public func streamBlock(_ consume: (ArraySlice<UInt8>) -> Void) throws {
    let count = pendingBlock
    pendingBlock = 0
    try stream(count, consume)
  }

  private func nextRecord() throws(WebArchiveError) -> ReadRecord? {
    if pendingBlock > 0 {
      let count = pendingBlock
      pendingBlock = 0
      try stream(count) { _ in }
    }
    guard let header = try readHeader() else { return nil }
    let block: [UInt8]?
    if header.blockSize > maxBlockSize {
      try stream(header.blockSize) { _ in }
      block = nil
    } else {
      block = try readExactly(header.blockSize)
    }
    return ReadRecord(
      type: header.type, fields: header.fields, block: block, blockSize: header.blockSize,
      location: header.location)
  }

  /// The next record's header (its block not read yet, `block` nil), or nil at the end.
  private func readHeader() throws(WebArchiveError) -> ReadRecord? {
    guard !finished else { return nil }
    // Blank lines between records (the record's own two CRLFs, or more from sloppy writers).
    var line: [UInt8]
    var start: Int
    repeat {
      start = position
      guard let next = try readLine() else {
        finished = true
        return nil
      }
      line = next
    } while line.isEmpty
    guard line.starts(with: Array("WARC/".utf8)) else {
      throw malformed(start, "a record does not start with WARC/ (found \(printable(line)))")
    }
    var fields: [(name: String, value: String)] = []
    while true {
      guard let fieldLine = try readLine() else {
        throw malformed(position, "the file ends inside a record's header")
      }
      if fieldLine.isEmpty { break }
      guard fields.count < 1000 else { throw malformed(start, "a record has over 1,000 fields") }
      if fieldLine.first == 0x20 || fieldLine.first == 0x09, let last = fields.popLast() {
        // A continuation line (WARC 1.1 allows folded values).
        let more = String(decoding: fieldLine, as: UTF8.self).trimmingBlanks()
        fields.append((last.name, last.value + " " + more))
        continue
      }
      guard let colon = fieldLine.firstIndex(of: UInt8(ascii: ":")) else {
        throw malformed(position, "a header line has no colon (\(printable(fieldLine)))")
      }
      fields.append(
        (
          String(decoding: fieldLine[..<colon], as: UTF8.self).trimmingBlanks(),
          String(decoding: fieldLine[(colon + 1)...], as: UTF8.self).trimmingBlanks()
        ))
    }
    let lengthText = fields.first { $0.name.lowercased() == "content-length" }?.value
    guard let lengthText, let length = Int(lengthText), length >= 0 else {
      throw malformed(start, "a record has no valid Content-Length (\(lengthText ?? "none"))")
    }
    let type = (fields.first { $0.name.lowercased() == "warc-type" }?.value ?? "").lowercased()
    let place = input.location(of: start)
    let location = RecordLocation(
      path: input.path, offset: place.offset, skip: place.skip)
    return ReadRecord(type: type, fields: fields, block: nil, blockSize: length, location: location)
  }

  private var position: Int { bufferStart + consumed }

  private func malformed(_ offset: Int, _ detail: String) -> WebArchiveError {
    .malformed(path: input.path, offset: input.isCompressed ? nil : offset, detail: detail)
  }

  /// Makes at least one more byte available; false at the end of the input.
  private func refill() throws(WebArchiveError) -> Bool {
    let more = try input.read()
    guard !more.isEmpty else { return false }
    if consumed == buffer.count {
      // All read (records end where gzip members do): the new bytes replace them, uncopied.
      bufferStart += consumed
      buffer = more
      consumed = 0
      return true
    }
    if consumed > 0 {
      bufferStart += consumed
      buffer.removeFirst(consumed)
      consumed = 0
    }
    buffer += more
    return true
  }

  /// One line without its CRLF or LF; nil at the end of the input.
  private func readLine() throws(WebArchiveError) -> [UInt8]? {
    var searchFrom = consumed
    while true {
      if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
        var line = Array(buffer[consumed..<newline])
        if line.last == 0x0D { line.removeLast() }
        consumed = newline + 1
        return line
      }
      guard buffer.count - consumed <= 65_536 else {
        throw malformed(position, "a header line is longer than 64 KiB")
      }
      searchFrom = buffer.count - consumed
      guard try refill() else {
        guard consumed < buffer.count else { return nil }
        throw malformed(position, "the file ends inside a header line")
      }
      searchFrom = consumed + searchFrom
    }
  }

  private func readExactly(_ count: Int) throws(WebArchiveError) -> [UInt8] {
    while buffer.count - consumed < count {
      guard try refill() else {
        throw malformed(position, "a record's block is cut short (\(count) bytes announced)")
      }
    }
    let bytes = Array(buffer[consumed..<(consumed + count)])
    consumed += count
    return bytes
  }

  private func skip(_ count: Int) throws(WebArchiveError) {
    try stream(count) { _ in }
  }

  /// Hands the next `count` bytes to `consume`, a buffered piece at a time.
  private func stream(_ count: Int, _ consume: (ArraySlice<UInt8>) -> Void)
    throws(WebArchiveError)
  {
    var left = count
    while left > 0 {
      if consumed == buffer.count {
        guard try refill() else {
          throw malformed(position, "a record's block is cut short (\(count) bytes announced)")
        }
      }
      let step = min(left, buffer.count - consumed)
      consume(buffer[consumed..<(consumed + step)])
      consumed += step
      left -= step
    }
  }
}

/// At most 40 characters of a line, for an error message.
private func printable(_ line: [UInt8]) -> String {
  let text = String(decoding: line.prefix(40), as: UTF8.self)
  return "\"" + String(text.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }) + "\""
}

extension String {
  /// The string without spaces and tabs at either end.
  func trimmingBlanks() -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
