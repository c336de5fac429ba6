import Dispatch
import EveryCore
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files written (or appended to) and folders changed that must be durable before the next
/// step of a commit, fsynced together: one round of fsyncs issued at once (on threads of their
/// own, `syncThreads`) rather than one after another. The disk's cache flush is the slow part
/// of an fsync, and the kernel merges the flushes asked for at the same time, so a round of
/// five costs about one: on this machine's disk, 200 small files fsynced one after another
/// took 3.4 ms each, fsynced from 8 threads at once 0.2 ms each.
///
/// The order a commit needs (capture files durable before the history line that names them,
/// the line before the head that counts it) is kept between rounds: each step starts after
/// the round before it has ended. Without syncing (`FolderStore.syncsWrites` off) the files
/// are only closed.
struct SyncRound: ~Copyable {
  private let syncing: Bool
  private var files: [(descriptor: Int32, path: String)] = []
  private var folders: [String] = []

  init(syncing: Bool) {
    self.syncing = syncing
  }

  deinit {
    for file in files { close(file.descriptor) }
  }

  /// Creates `path` (which must not exist) with these bytes, fsynced in the round; a failed
  /// write removes it.
  mutating func createFile(_ bytes: [UInt8], at path: String) throws {
    files.append((try createWrittenFile(bytes, at: path), path))
  }

  /// Writes a temporary file in `folder` (named as `writeAtomically` names them), fsynced in
  /// the round, for the caller to rename into place once the round has ended.
  /// - Returns: the temporary file's path.
  mutating func createTemporaryFile(_ bytes: [UInt8], in folder: String) throws -> String {
    let temporary = temporaryPath(in: folder)
    try createFile(bytes, at: temporary)
    return temporary
  }

  /// Appends one line as `appendLine` does (a torn last line cut off first, one `write` with
  /// O_APPEND), fsynced in the round.
  mutating func appendLine(_ line: [UInt8], to path: String) throws {
    files.append((try openAppendingLine(line, to: path), path))
  }

  /// A folder whose new or renamed entries the round makes durable (its failures are not
  /// errors, as with `syncFolder`: a folder that cannot be opened has nothing to flush).
  mutating func add(folder: String) {
    if !folders.contains(folder) { folders.append(folder) }
  }

  /// fsyncs every file and folder of the round at once, and closes the files.
  /// - Throws: `StoreError.notWritable` naming the first file whose fsync failed.
  consuming func finish() throws {
    let written = files
    files = []
    defer { for file in written { close(file.descriptor) } }
    guard syncing else { return }
    var descriptors = written.map(\.descriptor)
    var opened: [Int32] = []
    for folder in folders {
      let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      if descriptor >= 0 { opened.append(descriptor) }
    }
    defer { for descriptor in opened { close(descriptor) } }
    descriptors += opened
    let failures = fsyncAtOnce(descriptors)
    for (index, file) in written.enumerated() where failures[index] != 0 {
      throw StoreError.notWritable(
        path: file.path, reason: String(cString: strerror(failures[index])))
    }
  }
}

/// fsyncs the descriptors at once: all but the first on the threads of `syncThreads`, the
/// first on the calling thread; returns each one's `errno` (0 when it succeeded).
private func fsyncAtOnce(_ descriptors: [Int32]) -> [Int32] {
  guard descriptors.count > 1 else {
    return descriptors.map { fsync($0) == 0 ? 0 : errno }
  }
  let results = SyncResults(count: descriptors.count)
  let done = DispatchGroup()
  for index in descriptors.indices.dropFirst() {
    let descriptor = descriptors[index]
    done.enter()
    syncThreads.run {
      results.set(index, fsync(descriptor) == 0 ? 0 : errno)
      done.leave()
    }
  }
  results.set(0, fsync(descriptors[0]) == 0 ? 0 : errno)
  done.wait()
  return results.values
}

/// The threads the fsyncs of rounds run on, started on first use and kept: threads of their
/// own, as fsync waits for the disk (Dispatch's pool is as wide as the cores, and here gave
/// two or three threads to the rounds of four pages).
private let syncThreads = SyncThreads(count: 8)

/// A few threads taking jobs in order from a queue.
private final class SyncThreads: Sendable {
  private let jobs = Mutex<[@Sendable () -> Void]>([])
  private let waiting = DispatchSemaphore(value: 0)

  init(count: Int) {
    for _ in 0..<count {
      _ = WorkerThread(detached: true) { [self] in
        while true {
          waiting.wait()
          jobs.withLock { $0.removeFirst() }()
        }
      }
    }
  }

  /// Runs `job` on the first thread free.
  func run(_ job: @escaping @Sendable () -> Void) {
    jobs.withLock { $0.append(job) }
    waiting.signal()
  }
}

/// Each fsync's result, written by its own thread; read after the group's `wait`, which
/// orders the writes before the read.
private final class SyncResults: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<Int32>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: 0)
  }

  deinit { storage.deallocate() }

  func set(_ index: Int, _ value: Int32) { storage[index] = value }

  var values: [Int32] { Array(storage) }
}
