import FoundationEssentials
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The parsed histories a store read last, keyed by what `fstat` says of the file (device,
/// inode, size, modification time): a check reads its page's history before it fetches (for
/// the validators) and again under the page's lock (to decide); when no line was appended in
/// between, the second read costs one `open` and one `fstat` instead of the whole file and its
/// parse. An append changes the size, so a cached history is never served for a longer file.
/// Holds a few pages (those a run has in flight), so memory stays flat in the store's size.
final class HistoryCache: Sendable {
  private struct Key: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64
    let modifiedNanoseconds: Int64
  }

  private struct Entry {
    let key: Key
    let history: [HistoryEntry]
  }

  private let entries = Mutex<[(path: String, entry: Entry)]>([])
  private let capacity: Int

  init(capacity: Int = 64) {
    self.capacity = capacity
  }

  /// The history in `path`, parsed by `parse` from the file's bytes unless the same file (same
  /// identity, size and time) was parsed last time.
  /// - Throws: `StoreError` when the file cannot be opened or read; what `parse` throws.
  func history(at path: String, parse: ([UInt8]) throws -> [HistoryEntry]) throws
    -> [HistoryEntry]
  {
    let descriptor = try openForReading(path)
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw StoreError.unreadable(path: path, reason: errnoText())
    }
    let key = Key(
      device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
      modified: Int64(status.st_mtim.tv_sec), modifiedNanoseconds: Int64(status.st_mtim.tv_nsec))
    if let cached = entries.withLock({ list in list.first { $0.path == path }?.entry }),
      cached.key == key
    {
      return cached.history
    }
    let history = try parse(try readAll(descriptor, path: path))
    entries.withLock { list in
      list.removeAll { $0.path == path }
      list.append((path, Entry(key: key, history: history)))
      if list.count > capacity { list.removeFirst(list.count - capacity) }
    }
    return history
  }
}
