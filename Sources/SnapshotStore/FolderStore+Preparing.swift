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
  }
}
