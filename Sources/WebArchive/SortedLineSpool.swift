import FileDescriptorIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sorts text lines by their bytes (as `LC_ALL=C sort` does) in bounded memory: lines are held
/// until `runLength` of them are, then sorted and written to a run file in `folder`; `finish`
/// merges the runs. An export's CDXJ index thus costs the same memory for 1,000 captures as
/// for 1,000,000.
///
///     let spool = SortedLineSpool(folder: tmp, runLength: 20_000)
///     for line in lines { try spool.append(line) }
///     try spool.finish { sortedLine in … }
public final class SortedLineSpool {
  private let folder: String
  private let runLength: Int
  private var lines: [String] = []
  private var runs: [String] = []

  /// A spool writing its runs (`.cdxj-run-N`, removed by `finish`) into `folder`.
  public init(folder: String, runLength: Int = 20_000) {
    self.folder = folder
    self.runLength = max(1, runLength)
  }

  deinit {
    for run in runs { unlink(run) }
  }

  /// Adds a line (without its newline).
  public func append(_ line: String) throws {
    lines.append(line)
    if lines.count >= runLength { try spill() }
  }

  /// Hands every line to `body` in sorted order, then removes the run files.
  public func finish(_ body: (String) throws -> Void) throws {
    lines.sort(by: bytesPrecede)
    if runs.isEmpty {
      for line in lines { try body(line) }
      lines = []
      return
    }
    var readers = try runs.map { try RunReader(path: $0) }
    var heads: [String?] = try readers.indices.map { try readers[$0].next() }
    var memory = lines.makeIterator()
    var memoryHead = memory.next()
    while true {
      var best: Int?
      for index in heads.indices {
        guard let line = heads[index] else { continue }
        if let chosen = best, let other = heads[chosen], !bytesPrecede(line, other) { continue }
        best = index
      }
      let bestLine = best.flatMap { heads[$0] }
      if let line = memoryHead, bestLine.map({ !bytesPrecede($0, line) }) ?? true {
        try body(line)
        memoryHead = memory.next()
        continue
      }
      guard let index = best, let line = bestLine else { break }
      try body(line)
      heads[index] = try readers[index].next()
    }
    lines = []
    for run in runs { unlink(run) }
    runs = []
  }

  /// Writes the sorted lines, each ending in a newline, to a new file at `path`.
  public func finish(writingTo path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw WebArchiveError.file(path: path, operation: "creating", errno: errno)
    }
    defer { close(descriptor) }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    try finish { line in
      buffer += line.utf8
      buffer.append(0x0A)
      if buffer.count >= 1 << 20 { try flush(&buffer, descriptor, path) }
    }
    try flush(&buffer, descriptor, path)
  }

  private func spill() throws {
    lines.sort(by: bytesPrecede)
    let path = folder + "/.cdxj-run-\(runs.count)"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw WebArchiveError.file(path: path, operation: "creating", errno: errno)
    }
    defer { close(descriptor) }
    runs.append(path)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    for line in lines {
      buffer += line.utf8
      buffer.append(0x0A)
      if buffer.count >= 1 << 20 { try flush(&buffer, descriptor, path) }
    }
    try flush(&buffer, descriptor, path)
    lines = []
  }

  private func flush(_ buffer: inout [UInt8], _ descriptor: Int32, _ path: String) throws {
    if let failure = buffer.withUnsafeBytes({ writeAll(descriptor, $0) }) {
      throw WebArchiveError.file(path: path, operation: "writing", errno: failure)
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Whether `first`'s bytes sort before `second`'s: `memcmp` (unsigned bytes) of the strings'
/// UTF-8 where both give it without a copy, else element by element.
private func bytesPrecede(_ first: String, _ second: String) -> Bool {
  let compared = first.utf8.withContiguousStorageIfAvailable { left in
    second.utf8.withContiguousStorageIfAvailable { right -> Bool in
      let common = min(left.count, right.count)
      guard common > 0, let a = left.baseAddress, let b = right.baseAddress else {
        return left.count < right.count
      }
      let order = memcmp(a, b, common)
      return order != 0 ? order < 0 : left.count < right.count
    }
  }
  if let compared, let compared { return compared }
  return first.utf8.lexicographicallyPrecedes(second.utf8)
}

/// The lines of a run file, read a chunk at a time.
private struct RunReader {
  private let descriptor: Int32
  private let path: String
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw WebArchiveError.file(path: path, operation: "opening", errno: errno)
    }
  }

  /// The next line without its newline; nil at the end (the file is then closed).
  mutating func next() throws -> String? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[start..<newline], as: UTF8.self)
        start = newline + 1
        return line
      }
      guard !atEnd else {
        close(descriptor)
        return nil
      }
      buffer.removeFirst(start)
      start = 0
      var chunk = [UInt8](repeating: 0, count: 256 * 1024)
      let (count, failure) = chunk.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
      if let failure {
        throw WebArchiveError.file(path: path, operation: "reading", errno: failure)
      }
      if count < chunk.count { atEnd = true }
      buffer += chunk[..<count]
    }
  }
}
