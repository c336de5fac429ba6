import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderStore {
  /// Makes sure a run can write to the store before it fetches anything: creates the root
  /// folder (and its parents) when missing, and checks that the process may create files in it.
  /// A run that cannot write stops here with one error instead of failing every page.
  /// - Throws: `StoreError.notWritable`.
  public func prepareForWriting() throws {
    try createFolder(root)
    guard access(root, W_OK | X_OK) == 0 else {
      throw StoreError.notWritable(path: root, reason: errnoText())
    }
    try recordFormat()
  }
}

/// `.redline-store.json` at a store's root: the store format its files follow.
struct StoreFormatRecord: Codable, Equatable {
  /// The format version (`FolderStore.formatVersion`).
  var format: Int
}

extension FolderStore {
  /// The store format this version of Redline writes and reads. 1: the first (no format file;
  /// read as it is). 2: history outcomes `moved`, `back` and `repaired`, `lostFiles`, captures
  /// with `articleFormat` (text with a links section), a head written before a page's first
  /// line. 3: the activity index (`.activity.log`). 4: history lines taken into a page's
  /// past (`recorded`, from `redline import`), which a history must be ordered by time to
  /// read. 5: captures with `articleFormat` 3 (text with a captions section). A store of
  /// format 1 to 4 reads as it is; its first write builds the index (from 1 or 2) and records
  /// format 5. A store of a later format is refused, so an older Redline never misreads or
  /// damages what a newer one wrote (nor writes checks the index would miss, nor compares a
  /// new check with an imported older version, nor a text without captions with one that has
  /// them).
  public static let formatVersion = 5

  var formatFilePath: String { root + "/.redline-store.json" }

  /// The store's format: 1 when it records none.
  /// - Throws: `StoreError.corrupt` when the format file is not Redline's;
  ///   `StoreError.newerFormat` when a later Redline wrote the store.
  public func storeFormat() throws -> Int {
    if isSymbolicLink(formatFilePath) { throw StoreError.symbolicLink(path: formatFilePath) }
    let bytes = try readFileIfPresent(formatFilePath)
    guard !bytes.isEmpty else { return 1 }
    let format = try decode(StoreFormatRecord.self, bytes: bytes, file: formatFilePath).format
    guard format <= Self.formatVersion else {
      throw StoreError.newerFormat(path: root, format: format, supported: Self.formatVersion)
    }
    return format
  }

  /// Records this version's format in a store that records an older one (or none), after
  /// building what the newer format adds (the activity index), under the store lock so that
  /// two first runs do not both build it. A crash before the format file is replaced leaves the
  /// older format recorded, and the next write builds the index again.
  func recordFormat() throws {
    guard try storeFormat() < Self.formatVersion else { return }
    try withFileLock(root + "/" + storeLockFileName, timeout: lockTimeout) {
      let format = try storeFormat()
      guard format < Self.formatVersion else { return }
      if format < 3 { try buildActivityIndex() }
      try writeAtomically(
        try encodeJSON(StoreFormatRecord(format: Self.formatVersion), pretty: true),
        to: formatFilePath, sync: syncsWrites)
    }
  }
}
