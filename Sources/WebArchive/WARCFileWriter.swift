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
/// `write(member:)` appends a record compressed elsewhere (the export compresses on every
/// core, `runInOrder`, and writes the members in order on one thread): the files are byte for
/// byte those `write(_:)` gives at the same level.
///
/// Invariant: a file never exceeds `maxFileSize` unless one record alone does.
public final class WARCFileWriter {
  private let folder: String
  private let prefix: String
  private let stamp: String
  private let maxFileSize: Int
  private let warcinfo: (String) -> WARCRecord
  private let level: Int
  private var descriptor: Int32 = -1
  private var serial = -1
  private var size = 0
  private var recordsInFile = 0
  private var written: [String] = []
  /// Compresses `warcinfo` records and those given to `write(_:)`.
  private var compressor: GzipCompressor?

  /// Creates a writer; nothing is written before the first record.
  /// - Parameters:
  ///   - folder: an existing folder.
  ///   - prefix: the files' name prefix (`redline`).
  ///   - stamp: the 14-digit time in the files' names (the export's start).
  ///   - maxFileSize: roll to a new file before one would exceed this many bytes.
  ///   - warcinfo: the `warcinfo` record for a file, given its name.
  ///   - level: the compression level (`GzipCompressor.levels`) of the members this writer
  ///     compresses.
  public init(
    folder: String, prefix: String, stamp: String, maxFileSize: Int,
    warcinfo: @escaping (String) -> WARCRecord, level: Int = GzipCompressor.defaultLevel
  ) {
    self.level = level
    self.folder = folder
    self.prefix = prefix
    self.stamp = stamp
    self.maxFileSize = maxFileSize
    self.warcinfo = warcinfo
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// The file names written so far, in order.
  public var filenames: [String] { written }

  /// Writes one record as one gzip member.
  /// - Returns: where it went.
  /// - Throws: `WebArchiveError` when compressing or writing fails.
  @discardableResult
  public func write(_ record: WARCRecord) throws(WebArchiveError) -> WrittenRecord {
    try place(try ownCompressor().member(of: record.serializedParts))
  }

  /// Writes one record compressed elsewhere (`GzipCompressor.member(of:)` of its
  /// `serializedParts`, one gzip member).
  /// - Returns: where it went.
  /// - Throws: `WebArchiveError` when writing fails.
  @discardableResult
  public func write(member: [UInt8]) throws(WebArchiveError) -> WrittenRecord {
    try place(member)
  }

  private func ownCompressor() throws(WebArchiveError) -> GzipCompressor {
    if let compressor { return compressor }
    let made = try GzipCompressor(level: level)
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
