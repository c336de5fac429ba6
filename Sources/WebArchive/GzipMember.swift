internal import CZlibWrappers

/// Compresses bytes into one complete gzip member, as a WARC file holds each record: a reader
/// can then start decompressing at any record's offset (the CDXJ index's `offset`).
///
///     let member = try gzipMember(of: [header, block, trailer])
///
/// - Parameter parts: the bytes to compress, in order (compressed as one stream).
/// - Returns: the gzip member (header, deflate data, CRC-32 and size trailer).
/// - Throws: `WebArchiveError.compression` when zlib fails.
public func gzipMember(of parts: [[UInt8]]) throws -> [UInt8] {
  try deflatedMember(parts)
}

/// `gzipMember(of:)` with its error type, for this module's typed-throwing writers.
func deflatedMember(_ parts: [[UInt8]]) throws(WebArchiveError) -> [UInt8] {
  var stream = z_stream()
  let initCode = czlib_deflate_init_gzip(&stream, 6)
  guard initCode == Z_OK else { throw .compression(code: initCode, operation: "deflateInit2") }
  defer { deflateEnd(&stream) }
  var output: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 64 * 1024)
  for (index, part) in parts.enumerated() {
    let flush = index == parts.count - 1 ? Z_FINISH : Z_NO_FLUSH
    var code: Int32 = Z_OK
    var input = part
    input.withUnsafeMutableBufferPointer { inputBuffer in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = uInt(inputBuffer.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress
          stream.avail_out = uInt(out.count)
          code = deflate(&stream, flush)
          output += out[0..<(out.count - Int(stream.avail_out))]
        }
      } while code == Z_OK && (stream.avail_out == 0 || stream.avail_in > 0 || flush == Z_FINISH)
    }
    stream.next_in = nil
    let finished = flush == Z_FINISH ? Z_STREAM_END : Z_OK
    guard code == finished || (code == Z_BUF_ERROR && flush != Z_FINISH) else {
      throw .compression(code: code, operation: "deflate")
    }
  }
  if parts.isEmpty { return try deflatedMember([[]]) }
  return output
}

/// The bytes of a gzip stream (`gzipMember(of:)`'s output), at most `limit` of them.
/// - Throws: `HTTPPayloadError` when the stream is damaged or would pass `limit`.
public func gunzipped(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
  try decompressed(bytes, gzip: true, limit: limit)
}
