import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a whole file or nothing: a temporary file in the same folder, fsync, rename over the
/// target, then fsync of the folder so the rename itself survives a crash.
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
  let folder = (path as NSString).deletingLastPathComponent
  let temporary = folder + "/.tmp-" + UUID().uuidString
  let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw StoreError.notWritable(path: path, reason: errnoText()) }
  var written = 0
  let result: Int32 = bytes.withUnsafeBytes { buffer in
    while written < buffer.count {
      let count = write(
        descriptor, buffer.baseAddress?.advanced(by: written), buffer.count - written)
      if count < 0 {
        if errno == EINTR { continue }
        return -1
      }
      written += count
    }
    return fsync(descriptor)
  }
  let failure = result != 0 ? errnoText() : nil
  close(descriptor)
  if let failure {
    unlink(temporary)
    throw StoreError.notWritable(path: path, reason: failure)
  }
  guard rename(temporary, path) == 0 else {
    let reason = errnoText()
    unlink(temporary)
    throw StoreError.notWritable(path: path, reason: reason)
  }
  syncFolder(folder)
}

/// Appends one line with a single `write` to a file opened with O_APPEND, then fsyncs: a
/// reader sees the whole line or none of it.
func appendLine(_ line: [UInt8], to path: String) throws {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw StoreError.notWritable(path: path, reason: errnoText()) }
  defer { close(descriptor) }
  let count = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  guard count == line.count else {
    throw StoreError.notWritable(path: path, reason: count < 0 ? errnoText() : "short write")
  }
  guard fsync(descriptor) == 0 else {
    throw StoreError.notWritable(path: path, reason: errnoText())
  }
}

/// Creates a folder and its parents; fsyncs the parent so the new entry is durable.
func createFolder(_ path: String) throws {
  var isFolder: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
    guard isFolder.boolValue else {
      throw StoreError.notWritable(path: path, reason: "exists and is not a folder")
    }
    return
  }
  do {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  } catch {
    throw StoreError.notWritable(path: path, reason: reason(of: error))
  }
  syncFolder((path as NSString).deletingLastPathComponent)
}

/// Holds an exclusive `flock` on a lock file while `body` runs; waits at most `timeout`.
func withFileLock<T>(_ path: String, timeout: Duration, _ body: () throws -> T) throws -> T {
  let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw StoreError.notWritable(path: path, reason: errnoText()) }
  defer { close(descriptor) }
  let clock = ContinuousClock()
  let deadline = clock.now.advanced(by: timeout)
  while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
    guard errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
      throw StoreError.locked(path: path)
    }
    usleep(lockPollMicroseconds)
  }
  defer { flock(descriptor, LOCK_UN) }
  return try body()
}

/// How often a waiting run retries a held lock: short next to a page write.
private let lockPollMicroseconds: UInt32 = 20_000

func readFile(_ path: String) throws -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    let exists = FileManager.default.fileExists(atPath: path)
    throw StoreError.unreadable(path: path, reason: exists ? "permission denied" : "missing")
  }
  return [UInt8](data)
}

private func syncFolder(_ path: String) {
  let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard descriptor >= 0 else { return }
  fsync(descriptor)
  close(descriptor)
}

func errnoText() -> String {
  String(cString: strerror(errno))
}

func reason(of error: Error) -> String {
  let nsError = error as NSError
  if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
    underlying.domain == NSPOSIXErrorDomain,
    let code = POSIXErrorCode(rawValue: Int32(underlying.code))
  {
    return String(cString: strerror(code.rawValue))
  }
  return nsError.localizedDescription
}
