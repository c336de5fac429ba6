import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Payloads kept once per page by their SHA-256 (`snapshot --keep-raw distinct`), in the
/// page folder's `payloads/` as `<sha256>.gz`: written whole (temporary file, fsync, rename,
/// fsync of the folder) before the history line that names them, so a crash leaves at most a
/// payload no line names, never a line whose payload is half there.
extension FolderStore {
  /// Keeps `encoded` as `payloads/<sha256>.gz` unless that file exists.
  /// - Throws: `StoreError` for a name that is not a SHA-256, a link, or a failed write.
  public func keepPayload(_ encoded: [UInt8], sha256: String, in page: PageRecord) throws {
    let (pageFolder, folder, file) = try payloadPath(sha256, in: page)
    if FileManager.default.fileExists(atPath: file) { return }
    if isSymbolicLink(folder) { throw StoreError.symbolicLink(path: folder) }
    if !FileManager.default.fileExists(atPath: folder) {
      guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
        throw StoreError.notWritable(path: folder, reason: errnoText())
      }
      if syncsWrites { syncFolder(pageFolder) }
    }
    let pending = folder + "/" + temporaryPrefix + sha256 + ".gz"
    unlink(pending)
    try writeFile(encoded, to: pending, sync: syncsWrites)
    try renameFile(pending, to: file)
    if syncsWrites { syncFolder(folder) }
  }

  /// The bytes of `payloads/<sha256>.gz`; nil when there is no such file.
  /// - Throws: `StoreError` for a name that is not a SHA-256, a link, or a failed read.
  public func keptPayload(sha256: String, in page: PageRecord) throws -> [UInt8]? {
    let (_, folder, file) = try payloadPath(sha256, in: page)
    if isSymbolicLink(folder) { throw StoreError.symbolicLink(path: folder) }
    if isSymbolicLink(file) { throw StoreError.symbolicLink(path: file) }
    return FileManager.default.fileExists(atPath: file) ? try readFile(file) : nil
  }

  /// The page folder, its `payloads/` and `payloads/<sha256>.gz`, for a SHA-256 in
  /// lower-case hex only.
  private func payloadPath(_ sha256: String, in page: PageRecord) throws -> (
    page: String, folder: String, file: String
  ) {
    try checkSHA256Name(sha256)
    let pageFolder = try checkedPath(of: page)
    let folder = pageFolder + "/" + payloadFolderName
    return (pageFolder, folder, folder + "/" + sha256 + ".gz")
  }
}

/// The folder of a page's kept payloads.
let payloadFolderName = "payloads"

/// Refuses a kept payload's name that is not a SHA-256 in lower-case hex (so never `..` or a
/// path).
/// - Throws: `StoreError.rejected`.
func checkSHA256Name(_ sha256: String) throws {
  guard sha256.utf8.count == 64,
    sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
  else {
    throw StoreError.rejected(reason: "'\(sha256)' is not a SHA-256 in hex")
  }
}
