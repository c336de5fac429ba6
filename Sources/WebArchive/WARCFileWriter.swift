#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import FileDescriptorIO

/// Where a record went: the file and the byte range of its gzip member, as a CDXJ line
/// names it.
public struct WrittenRecord: Sendable, Equatable {
  /// The WARC file's name (no folder).
  public let filename: String
  /// The member's first byte in the file.
  public let offset: Int
  /// The member's size in bytes.
  public let length: Int

  /// Creates a location.
  public init(filename: String, offset: Int, length: Int) {
    self.filename = filename
    self.offset = offset
    self.length = length
  }
}

/// Writes WARC records into a folder, each as its own gzip member, into files named the
/// conventional way (`PREFIX-YYYYMMDDHHMMSS-NNNNN.warc.gz`) and rolled over when the next
/// record would take a file past `maxFileSize`. Each file starts with a `warcinfo` record.
///
/// Files are written as `.NAME.part` and renamed when `finish()` succeeds, so a failed export
/// leaves no file that looks complete.
///
/// `write(_:then:)` compresses on a second core: a worker thread compresses the records in
/// the order given (one libdeflate compressor for all), and the caller's thread appends the
/// members in that order, each time it hands over another record, and calls each record's
/// `then` with where it went. The files are byte for byte those `write(_:)` gives. Memory
/// holds the records handed over and not yet written: at most about 8 MiB of blocks.
///
/// Invariant: a file never exceeds `maxFileSize` unless one record alone does.
public final class WARCFileWriter {
  private let folder: String
  private let prefix: String
  private let stamp: String
  private let maxFileSize: Int
  private let warcinfo: (String) -> WARCRecord
  private var descriptor: Int32 = -1
  private var serial = -1
  private var size = 0
  private var recordsInFile = 0
  private var written: [String] = []
  /// Compresses on the caller's thread: `warcinfo` records and `write(_:)`.
  private var compressor: GzipCompressor?
  /// Records handed to the worker (started by the first `write(_:then:)`), and its members.
  private var pipeline: (records: Handoff<WARCRecord>, members: Handoff<CompressedMember>)?
  /// What to call for each record handed over and not written yet, oldest first.
  private var waiting: [(WrittenRecord) throws -> Void] = []
  private var waitingHead = 0

  /// Creates a writer; nothing is written before the first record.
  /// - Parameters:
  ///   - folder: an existing folder.
  ///   - prefix: the files' name prefix (`redline`).
  ///   - stamp: the 14-digit time in the files' names (the export's start).
  ///   - maxFileSize: roll to a new file before one would exceed this many bytes.
  ///   - warcinfo: the `warcinfo` record for a file, given its name.
  public init(
    folder: String, prefix: String, stamp: String, maxFileSize: Int,
    warcinfo: @escaping (String) -> WARCRecord
  ) {
    self.folder = folder
    self.prefix = prefix
    self.stamp = stamp
    self.maxFileSize = maxFileSize
    self.warcinfo = warcinfo
  }

  deinit {
    // The worker ends once it has compressed what it was handed.
    pipeline?.records.close()
    if descriptor >= 0 { close(descriptor) }
  }

  /// The file names written so far, in order.
  public var filenames: [String] { written }

  /// Writes one record as one gzip member, after the records handed to `write(_:then:)`.
  /// - Returns: where it went.
  /// - Throws: `WebArchiveError` when compressing or writing fails.
  @discardableResult
  public func write(_ record: WARCRecord) throws -> WrittenRecord {
    try writeWaiting(all: true)
    return try place(try ownCompressor().member(of: record.serializedParts))
  }

  /// Hands one record over to be compressed on another core and written as one gzip member,
  /// in order, and writes the members of earlier records that are ready. `then` is called
  /// with where the record went once it is written (by this call, a later one or `finish()`),
  /// on this thread; its error is thrown from that call.
  /// - Throws: `WebArchiveError` when compressing or writing fails, or what a `then` threw.
  public func write(_ record: WARCRecord, then: @escaping (WrittenRecord) throws -> Void)
    throws
  {
    let (records, _) = startPipeline()
    // A record's cost is its block; waits while 8 MiB of them are not compressed yet.
    records.push(record, cost: record.block.count + 1)
    waiting.append(then)
    try writeWaiting(all: false)
  }

  /// Writes the members the worker has compressed, in order: all those handed over (waiting
  /// for the worker) or only those ready.
  private func writeWaiting(all: Bool) throws {
    guard let (_, members) = pipeline else { return }
    while waitingHead < waiting.count {
      guard let member = all ? members.pop() : members.popIfReady() else { return }
      let then = waiting[waitingHead]
      waitingHead += 1
      if waitingHead == waiting.count || waitingHead > 1024 {
        waiting.removeFirst(waitingHead)
        waitingHead = 0
      }
      try then(try place(try member.bytes.get()))
    }
  }

  private func startPipeline() -> (Handoff<WARCRecord>, Handoff<CompressedMember>) {
    if let pipeline { return pipeline }
    let records = Handoff<WARCRecord>(budget: 8 << 20)
    // Never full: the members waiting are at most the records handed over, which are bounded.
    let members = Handoff<CompressedMember>(budget: .max)
    _ = Worker {
      let compressor = Result { () throws(WebArchiveError) in try GzipCompressor() }
      while let record = records.pop() {
        let member = Result { () throws(WebArchiveError) -> [UInt8] in
          try compressor.get().member(of: record.serializedParts)
        }
        members.push(CompressedMember(bytes: member), cost: 0)
      }
    }
    pipeline = (records, members)
    return (records, members)
  }

  private func ownCompressor() throws(WebArchiveError) -> GzipCompressor {
    if let compressor { return compressor }
    let made = try GzipCompressor()
    compressor = made
    return made
  }

  /// Appends a member, rolling to a new file first when it would pass the size limit.
  private func place(_ member: [UInt8]) throws(WebArchiveError) -> WrittenRecord {
    if descriptor < 0 || (recordsInFile > 0 && size + member.count > maxFileSize) {
      try openNextFile()
    }
    let location = WrittenRecord(filename: currentName, offset: size, length: member.count)
    try append(member)
    recordsInFile += 1
    return location
  }

  /// Closes the last file and gives every file its final name.
  /// - Returns: the file names, in order.
  public func finish() throws -> [String] {
    try writeWaiting(all: true)
    pipeline?.records.close()
    try closeCurrent()
    for name in written {
      guard rename(partPath(name), folder + "/" + name) == 0 else {
        throw WebArchiveError.file(path: folder + "/" + name, operation: "renaming", errno: errno)
      }
    }
    return written
  }

  private var currentName: String {
    let number = String(serial)
    return "\(prefix)-\(stamp)-\(String(repeating: "0", count: max(0, 5 - number.count)))"
      + "\(number).warc.gz"
  }

  private func partPath(_ name: String) -> String { folder + "/." + name + ".part" }

  private func openNextFile() throws(WebArchiveError) {
    try closeCurrent()
    serial += 1
    let name = currentName
    let path = partPath(name)
    // An archive already there is never replaced: exports at the same second collide here.
    if access(folder + "/" + name, F_OK) == 0 {
      throw .file(path: folder + "/" + name, operation: "creating", errno: EEXIST)
    }
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .file(path: path, operation: "creating", errno: errno) }
    written.append(name)
    size = 0
    recordsInFile = 0
    try append(ownCompressor().member(of: warcinfo(name).serializedParts))
  }

  private func append(_ bytes: [UInt8]) throws(WebArchiveError) {
    let failure = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    if let failure {
      throw .file(path: partPath(currentName), operation: "writing", errno: failure)
    }
    size += bytes.count
  }

  private func closeCurrent() throws(WebArchiveError) {
    guard descriptor >= 0 else { return }
    defer { descriptor = -1 }
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
      throw .file(path: partPath(currentName), operation: "closing", errno: errno)
    }
  }
}

/// A record compressed by the worker, or why it could not be.
private struct CompressedMember: Sendable {
  let bytes: Result<[UInt8], WebArchiveError>
}
