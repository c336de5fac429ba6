import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A feed that failed at its last reading, so that a quiet run reports a failing feed once.
public struct FeedFailure: Sendable, Codable, Equatable {
  /// When the failures began (`YYYYMMDDTHHMMSSZ` in the file).
  public let since: CaptureTime
  /// Why the latest reading failed.
  public let error: String

  /// Creates the record.
  public init(since: CaptureTime, error: String) {
    self.since = since
    self.error = error
  }
}

extension FolderStore {
  /// The file that remembers failing feeds: hidden at the store's root, beside the host
  /// folders, so page listings and `verify` never take it for a page.
  var feedFailuresPath: String { root + "/.feeds.json" }

  /// The feeds whose last reading failed, by URL; empty when none has failed or the file is
  /// missing.
  public func feedFailures() throws -> [String: FeedFailure] {
    let bytes = try readFileIfPresent(feedFailuresPath)
    guard !bytes.isEmpty else { return [:] }
    return try decode([String: FeedFailure].self, bytes: bytes, file: feedFailuresPath)
  }

  /// Replaces the record of failing feeds, atomically (a crash leaves the old or the new one).
  public func saveFeedFailures(_ failures: [String: FeedFailure]) throws {
    try createFolder(root, sync: syncsWrites)
    try writeAtomically(
      try encodeJSON(failures, pretty: true), to: feedFailuresPath, sync: syncsWrites)
  }
}

extension FolderStore {
  /// The file that remembers the posts each feed listed and when it last listed them: hidden
  /// at the store's root, like the failing feeds.
  var feedPostsPath: String { root + "/.feed-posts.json" }

  /// The posts each feed has listed, by feed URL, each with the time it was last listed
  /// (`YYYYMMDDTHHMMSSZ` in the file); empty when the file is missing. A time that is not a
  /// store time (a damaged file) drops its post: the next listing records it again.
  public func feedPosts() throws -> [String: [String: CaptureTime]] {
    let bytes = try readFileIfPresent(feedPostsPath)
    guard !bytes.isEmpty else { return [:] }
    let stored = try decode([String: [String: String]].self, bytes: bytes, file: feedPostsPath)
    return stored.mapValues { $0.compactMapValues(CaptureTime.init) }
  }

  /// Replaces the record of the feeds' posts, atomically.
  public func saveFeedPosts(_ posts: [String: [String: CaptureTime]]) throws {
    try createFolder(root, sync: syncsWrites)
    try writeAtomically(try encodeJSON(posts, pretty: true), to: feedPostsPath, sync: syncsWrites)
  }
}
