/// Standard output written in chunks: what a command prints page by page goes out in writes of
/// about `capacity` bytes, so that a long listing needs neither one write per line nor the
/// whole output in memory.
final class OutputBuffer {
  private var bytes: [UInt8] = []
  private let capacity: Int

  init(capacity: Int = 64 * 1024) {
    self.capacity = capacity
    bytes.reserveCapacity(capacity)
  }

  /// Adds text; writes the buffer out once it is full.
  func append(_ text: String) {
    bytes += text.utf8
    if bytes.count >= capacity { flush() }
  }

  /// Adds bytes; writes the buffer out once it is full.
  func append(_ more: [UInt8]) {
    bytes += more
    if bytes.count >= capacity { flush() }
  }

  /// Writes out what is buffered.
  func flush() {
    guard !bytes.isEmpty else { return }
    writeOutput(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  deinit {
    if !bytes.isEmpty { writeOutput(bytes) }
  }
}
