internal import CLibDeflate

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
  try GzipCompressor().member(of: parts)
}

/// A libdeflate compressor, reused for every member one thread compresses: allocating one
/// costs more than compressing a small record. Not for two threads at once.
///
/// Levels are libdeflate's, 1 (fastest) to 12 (smallest); `defaultLevel` is 6, zlib's
/// default (warcio writes at zlib's 9, which libdeflate's 6 matches within 0.2% on the sample
/// post).
public final class GzipCompressor {
  /// The level `gzipMember(of:)`, the store's payloads and the export use unless told.
  public static let defaultLevel = 6
  /// The levels libdeflate offers.
  public static let levels = 1...12
  private let raw: OpaquePointer

  /// - Throws: `WebArchiveError.compression` for a level outside `levels` or when libdeflate
  ///   cannot allocate.
  public init(level: Int = GzipCompressor.defaultLevel) throws(WebArchiveError) {
    guard Self.levels.contains(level),
      let compressor = libdeflate_alloc_compressor(Int32(level))
    else {
      throw .compression(code: -1, operation: "libdeflate_alloc_compressor")
    }
    raw = compressor
  }

  deinit { libdeflate_free_compressor(raw) }

  /// One gzip member of the parts, joined and compressed whole.
  public func member(of parts: [[UInt8]]) throws(WebArchiveError) -> [UInt8] {
    var input: [UInt8] = []
    if parts.count == 1 {
      input = parts[0]
    } else {
      // append(contentsOf:) of arrays copies with memcpy; Array(parts.joined()) goes byte by byte.
      input.reserveCapacity(parts.reduce(0) { $0 + $1.count })
      for part in parts { input.append(contentsOf: part) }
    }
    let bound = libdeflate_gzip_compress_bound(raw, input.count)
    var written = 0
    let output = input.withUnsafeBytes { source in
      [UInt8](unsafeUninitializedCapacity: bound) { target, initialized in
        written = libdeflate_gzip_compress(
          raw, source.baseAddress, source.count, target.baseAddress, target.count)
        initialized = written
      }
    }
    guard written > 0 else { throw .compression(code: -1, operation: "libdeflate_gzip_compress") }
    return output
  }
}

/// The bytes of a gzip stream (`gzipMember(of:)`'s output), at most `limit` of them.
/// - Throws: `HTTPPayloadError` when the stream is damaged or would pass `limit`.
public func gunzipped(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
  try decompressed(bytes, gzip: true, limit: limit)
}
