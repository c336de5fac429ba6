import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import FileDescriptorIO

/// Writes a whole file or nothing: a temporary file in the same folder, fsync, rename over the
/// target, then fsync of the folder so the rename itself survives a crash (left to the caller
/// with `syncingFolder: false`, when it fsyncs the folder next anyway).
func writeAtomically(
  _ bytes: [UInt8], to path: String, sync: Bool = true, syncingFolder: Bool = true
)
  throws
{
  // Renaming over a planted link would erase it (and the evidence of it): refused instead.
  if isSymbolicLink(path) { throw StoreError.symbolicLink(path: path) }
  let folder = FilePaths.parent(of: path)
  let temporary = temporaryPath(in: folder)
  try writeFile(bytes, to: temporary, sync: sync)
  try renameFile(temporary, to: path)
  if sync && syncingFolder { syncFolder(folder) }
}

/// Leftovers of an atomic write cut short start with this; only the store's recovery removes
/// them.
let temporaryPrefix = ".tmp-"

/// A new name for a temporary file in `folder` (one recovery removes if it is left over).
func temporaryPath(in folder: String) -> String {
  folder + "/" + temporaryPrefix + UUID().uuidString
}

/// Creates `path` (which must not exist) with these bytes and fsyncs it; a failure removes it.
func writeFile(_ bytes: [UInt8], to path: String, sync: Bool = true) throws {
  let descriptor = try createWrittenFile(bytes, at: path)
  let failure = sync && fsync(descriptor) != 0 ? errnoText() : nil
  close(descriptor)
  if let failure {
    unlink(path)
    throw StoreError.notWritable(path: path, reason: failure)
  }
}

/// Creates `path` (which must not exist) with these bytes, and returns it open for the caller
/// to fsync and close; a failed write removes it.
func createWrittenFile(_ bytes: [UInt8], at path: String) throws -> Int32 {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw StoreError.notWritable(path: path, reason: errnoText()) }
  if let failure = bytes.withUnsafeBytes({ writeAll(descriptor, $0) }) {
    close(descriptor)
    unlink(path)
    throw StoreError.notWritable(path: path, reason: String(cString: strerror(failure)))
  }
  return descriptor
}

/// Renames a file; on failure the source is removed and the error names the target.
func renameFile(_ source: String, to target: String) throws {
  guard rename(source, target) == 0 else {
    let reason = errnoText()
    unlink(source)
    throw StoreError.notWritable(path: target, reason: reason)
  }
}

/// Appends one line with a single `write` to a file opened with O_APPEND, then fsyncs: a
/// reader sees the whole line or none of it. A last line left without its newline by a crash
/// is cut off first, so the new line never joins it.
func appendLine(_ line: [UInt8], to path: String, sync: Bool = true) throws {
  let descriptor = try openAppendingLine(line, to: path)
  defer { close(descriptor) }
  guard !sync || fsync(descriptor) == 0 else {
    throw StoreError.notWritable(path: path, reason: errnoText())
  }
}

/// Appends one line as `appendLine` does, without the fsync, and returns the file open for
/// the caller to fsync and close.
func openAppendingLine(_ line: [UInt8], to path: String) throws -> Int32 {
  let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
  guard descriptor >= 0 else { throw openError(path, writing: true) }
  do {
    try cutTornTail(descriptor, path: path)
    let count = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard count == line.count else {
      throw StoreError.notWritable(path: path, reason: count < 0 ? errnoText() : "short write")
    }
  } catch {
    close(descriptor)
    throw error
  }
  return descriptor
}

/// Truncates an open file after its last newline if it does not end with one.
/// - Returns: whether anything was cut.
@discardableResult
func cutTornTail(_ descriptor: Int32, path: String) throws -> Bool {
  let size = lseek(descriptor, 0, SEEK_END)
  guard size > 0 else { return false }
  var last: UInt8 = 0
  guard pread(descriptor, &last, 1, size - 1) == 1 else {
    throw StoreError.unreadable(path: path, reason: errnoText())
  }
  guard last != UInt8(ascii: "\n") else { return false }
  var end = size - 1
  var chunk = [UInt8](repeating: 0, count: tailChunk)
  while end > 0 {
    let start = max(0, end - off_t(tailChunk))
    let count = Int(end - start)
    guard pread(descriptor, &chunk, count, start) == count else {
      throw StoreError.unreadable(path: path, reason: errnoText())
    }
    if let newline = chunk[0..<count].lastIndex(of: UInt8(ascii: "\n")) {
      end = start + off_t(newline) + 1
      break
    }
    end = start
  }
  guard ftruncate(descriptor, end) == 0 else {
    throw StoreError.notWritable(path: path, reason: errnoText())
  }
  return true
}

/// The last complete line of a file (without its newline), or nil when it has none. Reads
/// only the file's tail, so appending to a long history stays cheap.
func lastCompleteLine(of path: String) throws -> ArraySlice<UInt8>? {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
  guard descriptor >= 0 else {
    if errno == ENOENT { return nil }
    throw openError(path, writing: false)
  }
  defer { close(descriptor) }
  let size = Int(lseek(descriptor, 0, SEEK_END))
  var length = min(size, tailChunk)
  while true {
    var buffer = [UInt8](repeating: 0, count: length)
    guard pread(descriptor, &buffer, length, off_t(size - length)) == length else {
      throw StoreError.unreadable(path: path, reason: errnoText())
    }
    guard let end = buffer.lastIndex(of: UInt8(ascii: "\n")) else {
      if length == size { return nil }
      length = min(size, length * 4)
      continue
    }
    if let start = buffer[..<end].lastIndex(of: UInt8(ascii: "\n")) {
      return buffer[(start + 1)..<end]
    }
    if length == size { return buffer[0..<end] }
    length = min(size, length * 4)
  }
}

/// How much of a file's end is read at once when looking for its last line: a few history
/// lines.
private let tailChunk = 4096

/// Creates a folder and its parents; fsyncs the parent so the new entry is durable. Another
/// run creating the same folder at the same instant is not an error.
func createFolder(_ path: String, sync: Bool = true) throws {
  if let folder = isFolder(path) {
    guard folder else {
      throw StoreError.notWritable(path: path, reason: "exists and is not a folder")
    }
    return
  }
  let parent = FilePaths.parent(of: path)
  if !parent.isEmpty, parent != path { try createFolder(parent, sync: sync) }
  guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
    throw StoreError.notWritable(path: path, reason: errnoText())
  }
  guard isFolder(path) == true else {
    throw StoreError.notWritable(path: path, reason: "exists and is not a folder")
  }
  if sync { syncFolder(parent.isEmpty ? "." : parent) }
}

/// Holds an exclusive `flock` on a lock file while `body` runs; waits at most `timeout`.
func withFileLock<T>(_ path: String, timeout: Duration, _ body: () throws -> T) throws -> T {
  let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
  guard descriptor >= 0 else { throw openError(path, writing: true) }
  return try holding(LOCK_EX, on: descriptor, path: path, timeout: timeout, body)
}

/// Runs `body` holding a shared lock on an existing lock file, for readers that must not write:
/// the file is opened read-only and never created, so this works on read-only media and in a
/// store owned by someone else. Without a lock file (a page never written by this version, or
/// one that cannot be opened) `body` runs unlocked.
/// - Throws: `StoreError.locked` when a writer holds the lock longer than `timeout`.
func withSharedFileLock<T>(_ path: String, timeout: Duration, _ body: () throws -> T) throws
  -> T
{
  let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
  guard descriptor >= 0 else { return try body() }
  return try holding(LOCK_SH, on: descriptor, path: path, timeout: timeout, body)
}

/// `withSharedFileLock` on the lock file `name` of an open folder (`openat`: no walk of the
/// folder's path).
func withSharedFileLock<T>(
  _ name: String, in folder: OpenFolder, timeout: Duration, _ body: () throws -> T
) throws -> T {
  let descriptor = openat(folder.descriptor, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
  guard descriptor >= 0 else { return try body() }
  // Closing the descriptor, which no other process shares (verify starts none), releases
  // the lock: no `LOCK_UN` a page.
  return try holding(
    LOCK_SH, on: descriptor, path: folder.path + "/" + name, timeout: timeout,
    unlocking: false, body)
}

/// Takes `operation` (`LOCK_EX` or `LOCK_SH`) on an open lock file, polling until `timeout`,
/// runs `body`, then unlocks (unless `unlocking` is false: the close releases it) and closes
/// the descriptor.
private func holding<T>(
  _ operation: Int32, on descriptor: Int32, path: String, timeout: Duration,
  unlocking: Bool = true, _ body: () throws -> T
) throws -> T {
  defer { close(descriptor) }
  let clock = ContinuousClock()
  let deadline = clock.now.advanced(by: timeout)
  while flock(descriptor, operation | LOCK_NB) != 0 {
    guard errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
      throw StoreError.locked(path: path)
    }
    usleep(lockPollMicroseconds)
  }
  defer { if unlocking { flock(descriptor, LOCK_UN) } }
  return try body()
}

/// How often a waiting run retries a held lock: short next to a page write.
private let lockPollMicroseconds: UInt32 = 20_000

func readFile(_ path: String) throws -> [UInt8] {
  let descriptor = try openForReading(path)
  defer { close(descriptor) }
  return try readAll(descriptor, path: path)
}

/// Opens a store file to read it, never through a symbolic link: a link planted in a store must
/// not make Redline read (and show, or hash as evidence) a file outside it.
/// - Throws: `StoreError.unreadable` ("missing") or the link or system error, naming the file.
func openForReading(_ path: String) throws -> Int32 {
  try readable(open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK), path: path)
}

/// The descriptor `open` or `openat` gave for reading `path`, or the error its failure names.
private func readable(_ descriptor: Int32, path: String) throws -> Int32 {
  guard descriptor >= 0 else {
    if errno == ENOENT { throw StoreError.unreadable(path: path, reason: "missing") }
    throw openError(path, writing: false)
  }
  return descriptor
}

/// The rest of an open file's bytes: for a regular file, one read of the size `fstat` gives
/// (what a line appended after that call adds is left for the next reader, as if it had come
/// after the read); a file `fstat` cannot describe is read in chunks to its end.
/// - Throws: `StoreError.unreadable` ("not a regular file") for a named pipe, a socket, a
///   device or a folder: a store holds regular files only, so one of those planted in it is
///   damage, and a pipe would keep a reader (a cron run) waiting forever. The store's reads
///   open files with `O_NONBLOCK`, so opening one does not wait either.
func readAll(_ descriptor: Int32, path: String) throws -> [UInt8] {
  var status = stat()
  guard fstat(descriptor, &status) == 0 else { return try readRest(descriptor, path: path) }
  guard status.st_mode & S_IFMT == S_IFREG else {
    throw StoreError.unreadable(path: path, reason: "not a regular file")
  }
  var failure: Int32?
  let bytes = [UInt8](unsafeUninitializedCapacity: Int(status.st_size)) { buffer, count in
    (count, failure) = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
  }
  if let failure {
    throw StoreError.unreadable(path: path, reason: String(cString: strerror(failure)))
  }
  return bytes
}

private func readRest(_ descriptor: Int32, path: String) throws -> [UInt8] {
  switch readToEnd(descriptor) {
  case .success(let bytes): return bytes
  case .failure(let failure):
    throw StoreError.unreadable(path: path, reason: String(cString: strerror(failure.errno)))
  }
}

/// The error for a failed `open`: a symbolic link where the store expects a file (ELOOP with
/// O_NOFOLLOW) is named as such.
func openError(_ path: String, writing: Bool) -> StoreError {
  if errno == ELOOP || isSymbolicLink(path) { return .symbolicLink(path: path) }
  return writing
    ? .notWritable(path: path, reason: errnoText()) : .unreadable(path: path, reason: errnoText())
}

/// Whether `path` is itself a symbolic link (not followed).
func isSymbolicLink(_ path: String) -> Bool {
  var status = stat()
  return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
}

/// The bytes of a file, or none when it does not exist.
func readFileIfPresent(_ path: String) throws -> [UInt8] {
  FileManager.default.fileExists(atPath: path) ? try readFile(path) : []
}

/// fsyncs a folder so that renames and new entries in it survive a crash.
func syncFolder(_ path: String) {
  let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard descriptor >= 0 else { return }
  fsync(descriptor)
  close(descriptor)
}

func errnoText() -> String {
  String(cString: strerror(errno))
}

/// Whether `path` is a folder (following symbolic links); nil when nothing is there.
func isFolder(_ path: String) -> Bool? {
  var status = stat()
  guard stat(path, &status) == 0 else { return nil }
  return status.st_mode & S_IFMT == S_IFDIR
}

/// The names in a folder, without "." and "..", in the order the file system gives them.
/// - Throws: `StoreError.unreadable` with the system's reason.
func folderEntries(_ folder: String) throws -> [String] {
  try readFolder(folder) { name, _ in name }
}

/// The names in a folder (without "." and ".."), each with whether it is a symbolic link and
/// whether it is a folder, as one `readdir` pass tells (its `d_type`; `lstat` only where the
/// file system gives no type).
/// - Throws: `StoreError.unreadable` with the system's reason.
func folderEntriesWithTypes(_ folder: String) throws -> [(
  name: String, isLink: Bool, isFolder: Bool
)] {
  try readFolder(folder) { name, type in
    guard type != UInt8(DT_UNKNOWN) else {
      var status = stat()
      guard lstat(folder + "/" + name, &status) == 0 else { return (name, false, false) }
      let kind = status.st_mode & S_IFMT
      return (name, kind == S_IFLNK, kind == S_IFDIR)
    }
    return (name, type == UInt8(DT_LNK), type == UInt8(DT_DIR))
  }
}

/// One `readdir` pass over a folder: `entry` of each name but "." and ".." with its `d_type`.
private func readFolder<T>(_ folder: String, _ entry: (String, UInt8) -> T) throws -> [T] {
  guard let stream = opendir(folder) else {
    throw StoreError.unreadable(path: folder, reason: errnoText())
  }
  defer { closedir(stream) }
  return try readEntries(stream, folder: folder, entry)
}

#if canImport(Glibc)
  typealias FolderStream = OpaquePointer
#elseif canImport(Darwin)
  typealias FolderStream = UnsafeMutablePointer<DIR>
#endif

/// A folder opened once: its descriptor serves a lock, a listing and every file read in it
/// (`openat`, never through a link), so the folder's path is walked once, not once a file.
/// The folder closes with the last reference to it.
final class OpenFolder {
  /// The folder's path, for messages.
  let path: String
  private let stream: FolderStream

  /// The folder's descriptor, for `openat`.
  var descriptor: Int32 { dirfd(stream) }

  /// Opens the folder as `opendir` does (a link to a folder is followed: callers that must
  /// not follow one have told links apart first, by the listing of the folder above).
  /// - Throws: `StoreError.unreadable` when the folder cannot be opened.
  init(_ path: String) throws {
    guard let stream = opendir(path) else {
      throw StoreError.unreadable(path: path, reason: errnoText())
    }
    self.path = path
    self.stream = stream
  }

  deinit { closedir(stream) }

  /// The names in the folder, without "." and "..", each with whether it is a symbolic link,
  /// from one `readdir` pass (its `d_type`; `fstatat` only where the file system gives no
  /// type). Reads the folder's stream to its end: call it once.
  func entriesWithLinks() throws -> [(name: String, isLink: Bool)] {
    let descriptor = descriptor
    return try readEntries(stream, folder: path) { name, type in
      guard type == UInt8(DT_UNKNOWN) else { return (name, type == UInt8(DT_LNK)) }
      var status = stat()
      let found = fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0
      return (name, found && status.st_mode & S_IFMT == S_IFLNK)
    }
  }

  /// The bytes of the file `name` (a name, or a relative path without links) in the folder,
  /// read as `readFile` reads a path.
  func read(_ name: String) throws -> [UInt8] {
    guard let bytes = try readIfPresent(name) else {
      throw StoreError.unreadable(path: path + "/" + name, reason: "missing")
    }
    return bytes
  }

  /// `read(name)`, or nil when nothing is there.
  func readIfPresent(_ name: String) throws -> [UInt8]? {
    try readFileIfPresent(name, in: descriptor, path: path + "/" + name)
  }
}

/// The bytes of the file `name` in the folder open as `folder` (`openat`, never through a
/// link), read as `readFile` reads a path; nil when nothing is there. `path` names it in errors.
func readFileIfPresent(_ name: String, in folder: Int32, path: String) throws -> [UInt8]? {
  let file = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
  if file < 0, errno == ENOENT { return nil }
  let descriptor = try readable(file, path: path)
  defer { close(descriptor) }
  return try readAll(descriptor, path: path)
}

/// The rest of a `readdir` pass over an open folder stream.
private func readEntries<T>(
  _ stream: FolderStream, folder: String, _ entry: (String, UInt8) -> T
) throws -> [T] {
  var entries: [T] = []
  errno = 0
  while let next = readdir(stream) {
    let name = withUnsafeBytes(of: next.pointee.d_name) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    if name != "." && name != ".." { entries.append(entry(name, next.pointee.d_type)) }
  }
  guard errno == 0 else { throw StoreError.unreadable(path: folder, reason: errnoText()) }
  return entries
}
