import FoundationEssentials
import WatchList

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The watch list compiled for runs, in two files beside `watches.toml`, so that deciding what
/// is due reads one small file of fixed-width records and decodes only the due watches:
///
/// - `.watch-list`: `redline-watch-list 1<TAB>FINGERPRINT<TAB>SITES-JSON`, then one watch a
///   line as JSON. Rewritten only when `watches.toml` changed.
/// - `.watch-schedule`: `redline-watch-schedule 2<TAB>FINGERPRINT<TAB>COUNT`, then one record of
///   `recordSize` bytes per watch, in the list's order: next due, last checked, last changed,
///   first checked (Unix seconds, 11 digits), the offset and length of the watch's line in
///   `.watch-list` (11 digits each) and the first 16 hex digits of the SHA-256 of the page's
///   normalized URL, space-separated, ending in a newline. A claim or a check's state
///   overwrites fields in place.
///
/// The fingerprint is that of `watches.toml` (size, modification time, inode) when both files
/// were compiled from it; either file not matching the watch file means "compile again".
struct Schedule {
  /// Bytes per record.
  static let recordSize = 89
  static let listMagic = "redline-watch-list 1"
  static let scheduleMagic = "redline-watch-schedule 2"

  /// The fingerprint of the watch file the schedule was compiled from.
  var fingerprint: String
  /// The whole schedule file.
  var bytes: [UInt8]
  /// Where the first record starts.
  var recordsStart: Int
  /// How many records there are.
  var count: Int

  /// Reads a schedule file, or nil when there is none or it is not the current format.
  init?(bytes: [UInt8]) {
    guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
    let header = String(decoding: bytes[..<newline], as: UTF8.self).split(
      separator: "\t", omittingEmptySubsequences: false)
    guard header.count == 3, header[0] == Self.scheduleMagic, let count = Int(header[2]),
      bytes.count == newline + 1 + count * Self.recordSize
    else { return nil }
    self.fingerprint = String(header[1])
    self.bytes = bytes
    self.recordsStart = newline + 1
    self.count = count
  }

  /// A schedule of `records`, for a list compiled from a watch file with `fingerprint`.
  init(fingerprint: String, records: [ScheduleRecord]) {
    self.fingerprint = fingerprint
    var bytes = Array("\(Self.scheduleMagic)\t\(fingerprint)\t\(records.count)\n".utf8)
    recordsStart = bytes.count
    count = records.count
    bytes.reserveCapacity(bytes.count + records.count * Self.recordSize)
    for record in records { record.append(to: &bytes) }
    self.bytes = bytes
  }

  /// The record at `index`.
  func record(_ index: Int) -> ScheduleRecord {
    bytes.withUnsafeBufferPointer { buffer in
      ScheduleRecord(buffer, at: recordsStart + index * Self.recordSize)
    }
  }

  /// The next-due field of the record at `index`, read without decoding the rest.
  func nextDue(_ index: Int) -> Int64 {
    bytes.withUnsafeBufferPointer { buffer in
      ScheduleRecord.field(buffer, at: recordsStart + index * Self.recordSize)
    }
  }

  /// The records whose next check is due at `time`, by index.
  /// - Complexity: O(n), one pass over fixed-width fields, no allocation per record.
  func dueIndices(at time: Int64) -> [Int] {
    bytes.withUnsafeBufferPointer { buffer in
      (0..<count).filter {
        ScheduleRecord.field(buffer, at: recordsStart + $0 * Self.recordSize) <= time
      }
    }
  }

  /// The records whose key hash is one of `hashes`, by index.
  func indices(withKeyHashes hashes: Set<String>) -> [Int: String] {
    var found: [Int: String] = [:]
    bytes.withUnsafeBufferPointer { buffer in
      for index in 0..<count {
        let start = recordsStart + index * Self.recordSize + 72
        let hash = String(decoding: buffer[start..<start + 16], as: UTF8.self)
        if hashes.contains(hash) { found[index] = hash }
      }
    }
    return found
  }

  /// Replaces a record's state in the buffer; returns the byte range changed.
  mutating func setState(_ state: WatchState, at index: Int) -> Range<Int> {
    var record = self.record(index)
    record.state = state
    var encoded: [UInt8] = []
    record.append(to: &encoded)
    let start = recordsStart + index * Self.recordSize
    bytes.replaceSubrange(start..<start + Self.recordSize, with: encoded)
    return start..<start + ScheduleRecord.stateBytes
  }
}

/// One watch's record in `.watch-schedule`.
struct ScheduleRecord {
  var state: WatchState
  /// Where the watch's JSON line is in `.watch-list`.
  var offset: Int
  /// Its length, without the newline.
  var length: Int
  /// The first 16 hex digits of the SHA-256 of the page's normalized URL.
  var keyHash: String

  /// The bytes of the four state fields and their separators.
  static let stateBytes = 47

  init(state: WatchState, offset: Int, length: Int, keyHash: String) {
    self.state = state
    self.offset = offset
    self.length = length
    self.keyHash = keyHash
  }

  init(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) {
    state = WatchState(
      nextDue: Self.field(buffer, at: start), lastChecked: Self.field(buffer, at: start + 12),
      lastChanged: Self.field(buffer, at: start + 24),
      firstChecked: Self.field(buffer, at: start + 36))
    offset = Int(Self.field(buffer, at: start + 48))
    length = Int(Self.field(buffer, at: start + 60))
    keyHash = String(decoding: buffer[(start + 72)..<(start + 88)], as: UTF8.self)
  }

  /// An 11-digit field; digits only (anything else reads as 0: a damaged field makes the watch
  /// due, never skipped).
  static func field(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Int64 {
    var value: Int64 = 0
    for index in start..<start + 11 {
      let digit = buffer[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return 0 }
      value = value * 10 + Int64(digit)
    }
    return value
  }

  func append(to bytes: inout [UInt8]) {
    for value in [
      state.nextDue, state.lastChecked, state.lastChanged, state.firstChecked, Int64(offset),
      Int64(length),
    ] {
      let clamped = min(max(value, 0), 99_999_999_999)
      let digits = Array(String(clamped).utf8)
      bytes += [UInt8](repeating: UInt8(ascii: "0"), count: 11 - digits.count) + digits
      bytes.append(UInt8(ascii: " "))
    }
    bytes += Array(keyHash.utf8.prefix(16))
    bytes.append(UInt8(ascii: "\n"))
  }
}

/// The first 16 hex digits of the SHA-256 of a page's normalized URL: a watch's identity in the
/// schedule.
func watchKeyHash(_ key: String) -> String {
  String(sha256Hex(Array(key.utf8)).prefix(16))
}

/// The lower-cased host of an http(s) URL (the key of its `[site."HOST"]` rules).
public func urlHost(_ url: String) -> String? {
  let parts = url.split(separator: "://", maxSplits: 1)
  guard parts.count == 2 else { return nil }
  let rest = parts[1]
  let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
  let hostPort = authority.split(separator: "@").last ?? authority
  let host = hostPort.prefix { $0 != ":" }
  return host.isEmpty ? nil : host.lowercased()
}

/// The rules of a URL's host among a watch file's site rules.
func siteRules(for url: String, in sites: [String: ExtractionRules]) -> ExtractionRules? {
  guard !sites.isEmpty, let host = urlHost(url) else { return nil }
  return sites[host] ?? sites[host.hasPrefix("www.") ? String(host.dropFirst(4)) : host]
}

/// Writes byte ranges of a buffer into the same places of an existing file, then fsyncs it.
func overwrite(_ path: String, from bytes: [UInt8], ranges: [Range<Int>], sync: Bool) throws {
  guard !ranges.isEmpty else { return }
  let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
  guard descriptor >= 0 else { throw openError(path, writing: true) }
  defer { close(descriptor) }
  try bytes.withUnsafeBytes { buffer in
    for range in ranges {
      var done = 0
      while done < range.count {
        let written = pwrite(
          descriptor, buffer.baseAddress.map { $0 + range.lowerBound + done },
          range.count - done, off_t(range.lowerBound + done))
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
          throw StoreError.notWritable(path: path, reason: errnoText())
        }
        done += written
      }
    }
  }
  if sync { fsync(descriptor) }
}
