#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderStore {
  /// The page's files through its folder, opened once: the host folder and the page folder
  /// each opened without following a link (`O_NOFOLLOW`: a planted link is refused as
  /// `checkedPath(of:)` refuses it), then every file opened relative to the page folder
  /// (`openat`, never through a link) and sized by `fstat` on the open file, without a look-up
  /// of its path first.
  /// - Throws: `StoreError.rejected` for a page record whose folder is not `host/name` inside
  ///   the store (a `page.json` edited to name `../elsewhere`: read through its path, it would
  ///   lead out of the store); `StoreError.symbolicLink` for a link at either folder.
  public func pageFiles(of page: PageRecord) throws -> any PageFileReading {
    return try FolderPageFiles(
      store: self, host: page.host, name: try pageFolderName(of: page))
  }
}

/// One page's files read through its open folder (`FolderStore.pageFiles(of:)`).
final class FolderPageFiles: PageFileReading {
  private let store: FolderStore
  /// The page folder's path, for messages.
  private let path: String
  /// The open page folder's descriptor; nil when there is none (no check was stored yet).
  private let folder: Int32?

  /// Opens the page folder `root/host/name`.
  /// - Throws: `StoreError.symbolicLink` when the host or page folder is a link,
  ///   `StoreError.unreadable` when one cannot be opened for another reason than being absent.
  init(store: FolderStore, host: String, name: String) throws {
    self.store = store
    let hostPath = store.root + "/" + host
    path = hostPath + "/" + name
    guard let hostFolder = try openFolder(AT_FDCWD, hostPath, path: hostPath) else {
      folder = nil
      return
    }
    defer { close(hostFolder) }
    guard let pageFolder = try openFolder(hostFolder, name, path: path) else {
      folder = nil
      return
    }
    folder = pageFolder
  }

  deinit { if let folder { close(folder) } }

  func history() throws -> [HistoryEntry] {
    let file = path + "/history.jsonl"
    guard let folder, let bytes = try readFileIfPresent("history.jsonl", in: folder, path: file)
    else { return [] }
    return try resolvedHistory(historyLines(bytes), file: file)
  }

  func metadata(capture: CaptureTime) throws -> CaptureMetadata {
    let (file, bytes) = try committed(capture, "json")
    return try store.decode(CaptureMetadata.self, bytes: bytes, file: file)
  }

  func articleText(capture: CaptureTime) throws -> [UInt8] {
    // As the store's `articleText`: bytes that are not UTF-8 read with replacement characters.
    Array(String(decoding: try committed(capture, "txt").bytes, as: UTF8.self).utf8)
  }

  func rawBody(capture: CaptureTime) throws -> [UInt8]? {
    try committedIfPresent(capture, "html")?.bytes
  }

  /// `payloads/<sha256>.gz` through the open page folder, as the capture files are read: the
  /// `payloads` folder opened without following a link, the file opened relative to it.
  func keptPayload(sha256: String) throws -> [UInt8]? {
    try checkSHA256Name(sha256)
    let payloadsPath = path + "/" + payloadFolderName
    guard let folder, let payloads = try openFolder(folder, payloadFolderName, path: payloadsPath)
    else { return nil }
    defer { close(payloads) }
    let name = sha256 + ".gz"
    return try readFileIfPresent(name, in: payloads, path: payloadsPath + "/" + name)
  }

  /// A capture file's path and bytes, under its own name or its pending one (`committedFile`).
  /// - Throws: `StoreError.unreadable` ("missing") when neither is there.
  private func committed(_ time: CaptureTime, _ fileExtension: String) throws -> (
    file: String, bytes: [UInt8]
  ) {
    guard let found = try committedIfPresent(time, fileExtension) else {
      throw StoreError.unreadable(
        path: path + "/" + time.description + "." + fileExtension, reason: "missing")
    }
    return found
  }

  /// `committed`, or nil when neither name is there.
  private func committedIfPresent(_ time: CaptureTime, _ fileExtension: String) throws -> (
    file: String, bytes: [UInt8]
  )? {
    let name = time.description
    guard CaptureTime.isValid(name) else {
      throw StoreError.rejected(reason: "'\(name)' is not a capture time")
    }
    guard let folder else { return nil }
    let file = name + "." + fileExtension
    for name in [file, pendingPrefix + file] {
      let filePath = path + "/" + name
      if let bytes = try readFileIfPresent(name, in: folder, path: filePath) {
        return (filePath, bytes)
      }
    }
    return nil
  }
}

/// Opens the folder `name` (relative to the open folder `parent`, or a path with `AT_FDCWD`)
/// without following a link in its last component.
/// - Returns: the descriptor; nil when nothing (or a file that is no folder) is there.
/// - Throws: `StoreError.symbolicLink` for a link, `StoreError.unreadable` for other failures.
private func openFolder(_ parent: Int32, _ name: String, path: String) throws -> Int32? {
  let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
  if descriptor >= 0 { return descriptor }
  let failure = errno
  if failure == ELOOP || ((failure == ENOTDIR || failure == ENOENT) && isSymbolicLink(path)) {
    throw StoreError.symbolicLink(path: path)
  }
  if failure == ENOENT || failure == ENOTDIR { return nil }
  throw StoreError.unreadable(path: path, reason: String(cString: strerror(failure)))
}
