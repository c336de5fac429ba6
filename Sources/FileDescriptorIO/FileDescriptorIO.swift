#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes all of `bytes` to a file descriptor with write(2), going on after writes that a
/// signal interrupted (`EINTR`) or cut short.
///
///     if let failure = writeAll(descriptor, buffer) { throw MyError(errno: failure) }
///
/// - Parameters:
///   - descriptor: an open file descriptor.
///   - bytes: what to write.
/// - Returns: nil when every byte was written; otherwise the `errno` of the write that failed
///   (or 0 when a write wrote nothing and reported no error).
public func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
  guard let base = bytes.baseAddress else { return nil }
  var written = 0
  while written < bytes.count {
    let count = write(descriptor, base + written, bytes.count - written)
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { return count < 0 ? errno : 0 }
    written += count
  }
  return nil
}

/// Reads a file descriptor to its end, in chunks of `chunkSize` bytes, going on after reads
/// that a signal interrupted (`EINTR`).
///
/// - Parameters:
///   - descriptor: an open file descriptor.
///   - chunkSize: how many bytes one read asks for.
/// - Returns: the bytes, or the `errno` of the read that failed.
public func readToEnd(_ descriptor: Int32, chunkSize: Int = 64 * 1024) -> Result<
  [UInt8], ReadFailure
> {
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: chunkSize)
  while true {
    let (count, failure) = chunk.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
    if let failure { return .failure(ReadFailure(errno: failure)) }
    bytes += chunk[..<count]
    if count < chunk.count { return .success(bytes) }
  }
}

/// A read(2) that failed, with its `errno`.
public struct ReadFailure: Error, Equatable {
  /// The `errno` the read reported.
  public let errno: Int32
}

/// Reads from a file descriptor with read(2) until `buffer` is full or the file ends, going on
/// after reads that a signal interrupted (`EINTR`).
///
/// - Parameters:
///   - descriptor: an open file descriptor.
///   - buffer: where the bytes go, from its start.
/// - Returns: how many bytes were read (fewer than `buffer.count` when the file ended or a read
///   failed), and the `errno` of the read that failed, if one did.
public func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> (
  count: Int, failure: Int32?
) {
  guard let base = buffer.baseAddress else { return (0, nil) }
  var count = 0
  while count < buffer.count {
    let got = read(descriptor, base + count, buffer.count - count)
    if got < 0 && errno == EINTR { continue }
    if got < 0 { return (count, errno) }
    if got == 0 { break }
    count += got
  }
  return (count, nil)
}
