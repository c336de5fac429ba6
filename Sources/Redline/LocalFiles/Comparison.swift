import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DocumentDecoding
import FileDescriptorIO
import SnapshotStore
import TextDiff

/// A diff ready to print: the rendered output and its line counts.
public struct Comparison: Sendable {
  /// The diff as the options asked for it (a unified diff by default); empty when the versions
  /// are the same, except in the JSON view.
  public let output: [UInt8]
  /// Lines added.
  public let linesAdded: Int
  /// Lines removed.
  public let linesRemoved: Int
  /// Whether the versions are the same (after ignoring white space, if asked).
  public let isIdentical: Bool

  /// The rendered diff, under the name callers used before other views existed.
  public var unifiedDiff: [UInt8] { output }
}

/// Compares two texts and renders the diff the options ask for.
///
/// - Parameters:
///   - old: The old text.
///   - new: The new text.
///   - oldHeader: The old side's label (and time, after a tab).
///   - newHeader: The new side's label (and time, after a tab).
///   - statName: The name on the `--stat` line.
///   - options: How to compare and what to print.
func compare(
  _ old: TextBytes, _ new: TextBytes, oldHeader: String, newHeader: String, statName: String,
  options: DiffOptions
) -> Comparison {
  let diff = diffLines(
    old: old, new: new, context: options.context, algorithm: options.algorithm,
    minimal: options.minimal, ignoringWhitespace: options.ignoringWhitespace)
  let output: [UInt8]
  switch options.view {
  case .unified:
    output = renderUnified(
      diff, oldHeader: oldHeader, newHeader: newHeader, colored: options.colored)
  case .words(let style):
    output = renderWordDiff(
      diff, oldHeader: oldHeader, newHeader: newHeader, style: style, colored: options.colored,
      algorithm: options.algorithm)
  case .stat:
    output = renderStat(diff, name: statName, colored: options.colored)
  case .json:
    output = renderJSON(
      diff, oldHeader: oldHeader, newHeader: newHeader, algorithm: options.algorithm)
  }
  return Comparison(
    output: output, linesAdded: diff.linesAdded, linesRemoved: diff.linesRemoved,
    isIdentical: diff.isIdentical)
}

/// The `diff OLD NEW` use case: two local files, HTML extracted first, any other file compared
/// as text. Headers carry the file names and modification times as GNU diff writes them.
/// - Throws: `RedlineError` for unreadable files; `ExtractionError` when an HTML file has no
///   article.
public func compareFiles(_ oldPath: String, _ newPath: String, options: DiffOptions = DiffOptions())
  throws -> Comparison
{
  let old = try comparableText(of: oldPath)
  // "-" twice is one standard input, the same text on both sides (as GNU diff has it), not
  // its contents against the nothing left after reading them.
  let new = oldPath == "-" && newPath == "-" ? old : try comparableText(of: newPath)
  return compare(
    old, new, oldHeader: fileLabel(oldPath), newHeader: fileLabel(newPath),
    statName: oldPath == newPath ? newPath : "\(oldPath) => \(newPath)", options: options)
}

/// The article text of an HTML file, or the bytes of any other file. The decoding stage
/// decides what a file is (`classifyDocument`) from its first bytes and its name, so a large
/// text file is compared in place, mapped, without a copy.
private func comparableText(of path: String) throws -> TextBytes {
  let namedHTML = hasHTMLName(path)
  let file = try LocalFile(path)
  if !namedHTML, let mapped = file.mapped() {
    let head = Array(mapped.buffer.prefix(htmlSniffLength))
    guard classifyDocument(head, fileName: path) == .html else {
      return TextBytes(borrowing: mapped.buffer, owner: mapped)
    }
    return TextBytes(Array(try readArticle(Array(mapped.buffer)).text.utf8))
  }
  let bytes = try file.readAll(limit: namedHTML ? maximumPageBytes : .max)
  // `diff` reads a file named as HTML as a page even when the decoding stage finds binary
  // data in it (`extract` refuses those). Pages are decoded by the stage's `decodeText`.
  guard namedHTML || classifyDocument(bytes, fileName: path) == .html else {
    return TextBytes(bytes)
  }
  return TextBytes(Array(try readArticle(bytes).text.utf8))
}

/// Reads a local file, or standard input for "-", with one `read` per chunk into one buffer
/// sized from `fstat` (no `Data` in between: on 10 MB inputs the copies showed in `diff`'s time).
/// - Throws: `RedlineError.unreadableFile` with the reason (missing, a folder, no permission).
/// - Parameter limit: the most bytes to accept (`maximumPageBytes` for a page to parse).
public func readLocalFile(_ path: String, limit: Int = .max) throws -> [UInt8] {
  try LocalFile(path).readAll(limit: limit)
}

/// A local file opened for reading (standard input for "-"), closed when released.
private final class LocalFile {
  let path: String
  let descriptor: Int32
  let info: stat

  /// Opens the file and checks that it is not a folder.
  /// - Throws: `RedlineError.unreadableFile` with the reason (missing, a folder, no permission).
  init(_ path: String) throws {
    self.path = path
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw RedlineError.unreadableFile(path: path, reason: openFailureReason(errno))
    }
    var info = stat()
    let failure: String? =
      if fstat(descriptor, &info) != 0 {
        openFailureReason(errno)
      } else if info.st_mode & S_IFMT == S_IFDIR {
        "is a folder"
      } else {
        nil
      }
    if let failure {
      if descriptor != STDIN_FILENO { close(descriptor) }
      throw RedlineError.unreadableFile(path: path, reason: failure)
    }
    self.descriptor = descriptor
    self.info = info
  }

  deinit {
    if descriptor != STDIN_FILENO { close(descriptor) }
  }

  /// The whole file mapped into memory, when it is a regular file large enough for mapping to
  /// pay (below that, or when mapping fails, the caller reads it).
  func mapped() -> MappedFile? {
    guard info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) >= minimumMappedSize else {
      return nil
    }
    return MappedFile(descriptor, size: Int(info.st_size))
  }

  /// Reads the rest of the file. Regular files report their size, so one buffer and one read
  /// usually do; pipes report 0 and are read in growing chunks.
  /// - Parameter limit: the most bytes to accept; a larger file is refused before it is read
  ///   (a pipe, as soon as it has sent more).
  /// - Throws: `RedlineError.unreadableFile`, or `RedlineError.tooLarge` past `limit`.
  func readAll(limit: Int = .max) throws -> [UInt8] {
    guard Int(info.st_size) <= limit else { throw RedlineError.tooLarge(path: path, limit: limit) }
    var (bytes, atEnd) = try readChunk(
      descriptor, capacity: max(Int(info.st_size) + 1, minimumReadSize), path)
    while !atEnd {
      guard bytes.count <= limit else { throw RedlineError.tooLarge(path: path, limit: limit) }
      let chunk = try readChunk(descriptor, capacity: max(bytes.count, minimumReadSize), path)
      bytes.append(contentsOf: chunk.bytes)
      atEnd = chunk.atEnd
    }
    guard bytes.count <= limit else { throw RedlineError.tooLarge(path: path, limit: limit) }
    return bytes
  }
}

/// A regular file mapped read-only, with its pages populated up front, and unmapped when
/// released. `redline diff` compares large files in place: reading a 10 MB file into a fresh
/// buffer took 7 ms here (page faults and zeroing of the buffer), mapping it 1 ms.
///
/// A mapped file that another process truncates makes reading the lost pages raise SIGBUS;
/// the first mapping installs a handler that reports it on one line and exits with 2, before
/// any diff is written (output is written only once the diff is complete).
private final class MappedFile: @unchecked Sendable {
  // @unchecked: the mapping is read-only and lives until deinit.
  /// The file's bytes.
  let buffer: UnsafeRawBufferPointer

  /// Maps `size` bytes of an open regular file; `nil` when the system refuses.
  init?(_ descriptor: Int32, size: Int) {
    _ = truncationGuard
    guard
      let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
      address != MAP_FAILED
    else { return nil }
    buffer = UnsafeRawBufferPointer(start: address, count: size)
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
  }
}

/// Installed once, before the first mapping: SIGBUS (a mapped file was truncated under us)
/// becomes one line on standard error and exit status 2 ("trouble"), instead of a crash.
private let truncationGuard: Void = {
  var action = sigaction()
  action.__sigaction_handler.sa_handler = { _ in
    let message: StaticString = "redline: a file changed size while it was being compared\n"
    _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
    _exit(2)
  }
  sigemptyset(&action.sa_mask)
  sigaction(SIGBUS, &action, nil)
}()

/// The smallest regular file `diff` maps rather than reads.
private let minimumMappedSize = 64 * 1024

/// Reads up to `capacity` bytes; `atEnd` tells whether the end of the file came first.
private func readChunk(_ descriptor: Int32, capacity: Int, _ path: String) throws -> (
  bytes: [UInt8], atEnd: Bool
) {
  var failure: Int32?
  let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
    (count, failure) = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
  }
  if let failure {
    throw RedlineError.unreadableFile(path: path, reason: openFailureReason(failure))
  }
  return (chunk, chunk.count < capacity)
}

/// The smallest buffer a read starts with.
private let minimumReadSize = 64 * 1024

/// A short reason for a failed `open`, `fstat` or `read`.
private func openFailureReason(_ code: Int32) -> String {
  switch code {
  case ENOENT: "no such file"
  case EACCES: "permission denied"
  case EISDIR: "is a folder"
  default: String(cString: strerror(code))
  }
}

/// `name<TAB>2016-07-02 10:00:00.000000000 +0000`, the file's modification time in UTC.
///
/// The time is split with `gmtime_r`, not Foundation's `Calendar`: the first use of `Calendar`
/// loads ICU's calendar and time-zone data, which took about a millisecond of every
/// `redline diff OLD NEW`.
private func fileLabel(_ path: String) -> String {
  // stat(2) directly: FileManager's attributes also look up the owner's name in /etc/passwd.
  var info = stat()
  guard path != "-", stat(path, &info) == 0 else { return path }
  var seconds = info.st_mtim.tv_sec
  var parts = tm()
  guard gmtime_r(&seconds, &parts) != nil else { return path }
  func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
  let date =
    padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-"
    + padded(Int(parts.tm_mday), 2)
  let time =
    padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":"
    + padded(Int(parts.tm_sec), 2) + "." + padded(Int(info.st_mtim.tv_nsec), 9)
  return path + "\t" + date + " " + time + " +0000"
}
