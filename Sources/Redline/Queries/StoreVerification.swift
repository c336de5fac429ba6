import SnapshotStore

/// The `verify` use case: re-hash every stored file, check every history chain, and list
/// what is missing, altered or orphaned.
/// - Returns: the store's report; `isClean` is false when anything is damaged.
/// - Throws: `StoreError` when the store itself cannot be read.
public func verifyStore(_ store: any SnapshotStoring) throws -> VerificationReport {
  try store.verify()
}
