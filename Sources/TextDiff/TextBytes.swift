/// The bytes of a text, which a diff reads in place and whose hunk lines point into it: either
/// an array, or memory that an owner object keeps alive, such as a file the caller mapped.
///
/// Diffing a mapped file skips both the copy into a fresh buffer and the page faults of that
/// buffer, which on a 10 MB file cost more than finding the changes does.
public struct TextBytes: @unchecked Sendable {
  // @unchecked: the borrowed buffer is never written through, and its owner must be Sendable
  // and keep it alive and unchanged for as long as this value exists.
  private enum Storage {
    case array([UInt8])
    case borrowed(UnsafeRawBufferPointer, owner: AnyObject & Sendable)
  }

  private let storage: Storage

  /// The text in an array.
  public init(_ bytes: [UInt8]) {
    storage = .array(bytes)
  }

  /// Text in memory that `owner` keeps alive and unchanged while this value or any diff made
  /// from it exists (the diff's hunk lines point into it).
  ///
  /// - Parameters:
  ///   - buffer: The bytes of the text.
  ///   - owner: The object whose lifetime bounds the buffer's (it unmaps or frees it).
  public init(borrowing buffer: UnsafeRawBufferPointer, owner: AnyObject & Sendable) {
    storage = .borrowed(buffer, owner: owner)
  }

  /// The number of bytes.
  public var count: Int {
    switch storage {
    case .array(let bytes): bytes.count
    case .borrowed(let buffer, _): buffer.count
    }
  }

  /// Calls `body` with the bytes, which stay valid only during the call.
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    switch storage {
    case .array(let bytes):
      return try bytes.withUnsafeBytes(body)
    case .borrowed(let buffer, let owner):
      return try withExtendedLifetime(owner) { try body(buffer) }
    }
  }
}
