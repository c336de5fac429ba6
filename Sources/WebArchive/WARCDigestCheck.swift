import Crypto

/// What checking a WARC's digests found.
public struct DigestCheck: Sendable, Equatable {
  /// Records read, of every type.
  public var records = 0
  /// `WARC-Block-Digest` values that match the block.
  public var blockDigests = 0
  /// `WARC-Payload-Digest` values that match the payload (responses, requests, resources).
  public var payloadDigests = 0
  /// Digests in an algorithm or encoding not checked (neither sha1, sha256 nor md5, or
  /// neither base32 nor hex), and revisits' payload digests (their payload is elsewhere).
  public var unchecked = 0
  /// One line per digest that does not match: the record's ID (or offset) and which digest.
  public var mismatches: [String] = []

  /// Nothing checked yet.
  public init() {}
}

/// Reads every record of a WARC file and compares its `WARC-Block-Digest` with the block and
/// its `WARC-Payload-Digest` with the payload, as `warcio check` does: the payload of an
/// `application/http` record is what follows the HTTP head (transfer coding included, as
/// stored); of other records, the block. Blocks are streamed through the hashes, never held,
/// so memory does not grow with record or file size.
///
/// Two cores share the work: this thread reads (inflates the gzip members and parses the
/// headers) while a worker hashes the blocks already read, handed over through a queue of at
/// most 3 pieces of block (each keeps its buffer, of 1 MiB or more, alive). The worker takes
/// the records in order, so the result, and the order of its mismatches, is the same as
/// reading and hashing on one thread.
/// - Parameters:
///   - path: the file.
/// - Throws: `WebArchiveError` when the file cannot be read or is not a WARC.
public func checkDigests(path: String) throws -> DigestCheck {
  try checkDigests(path: path, handoverBudget: 3 << 20)
}

/// `checkDigests(path:)` with the bytes the reader may hand over ahead of the hasher.
func checkDigests(path: String, handoverBudget: Int) throws -> DigestCheck {
  let reader = try WARCReader(path: path, maxBlockSize: 0)
  let work = Handoff<DigestWork>(budget: handoverBudget)
  let result = DigestResult()
  let finished = Worker { result.check = hashRecords(from: work) }
  do {
    while let record = try reader.nextHeader() {
      work.push(.record(RecordToCheck(record)), cost: 0)
      // A piece keeps its whole buffer alive (an inflated member, whose array has room for
      // at least 1 MiB): each is counted as at least that much.
      try reader.streamBlock { bytes in work.push(.bytes(bytes), cost: max(bytes.count, 1 << 20)) }
    }
  } catch {
    // The worker ends once it has taken what was handed over; its result is not wanted.
    work.close()
    finished.wait()
    throw error
  }
  work.close()
  finished.wait()
  return result.check
}

/// What the reading thread hands the hashing one: a record's header, then its block's pieces.
private enum DigestWork: Sendable {
  case record(RecordToCheck)
  case bytes(ArraySlice<UInt8>)
}

/// The check's result, written by the worker before it signals that it finished.
private final class DigestResult: @unchecked Sendable {
  var check = DigestCheck()
}

/// What the hashing thread needs of a record's header (its hashes are made there: Crypto's
/// hashers are not `Sendable`).
private struct RecordToCheck: Sendable {
  let name: String
  let blockLabel: String?
  let payloadLabel: String?
  let isHTTP: Bool
  let isRevisit: Bool

  init(_ record: ReadRecord) {
    name = record.field("WARC-Record-ID") ?? "the record at \(record.location.offset)"
    blockLabel = record.field("WARC-Block-Digest")
    payloadLabel = record.field("WARC-Payload-Digest")
    isHTTP = record.field("Content-Type")?.lowercased().hasPrefix("application/http") ?? false
    isRevisit = record.type == "revisit"
  }
}

/// One record's digests being computed, and what to call it in a mismatch.
private struct RecordDigests {
  let name: String
  var block: LabelledDigest?
  var payload: LabelledDigest?
  let isHTTP: Bool
  let payloadChecked: Bool
  var headEnd = HTTPHeadEnd()

  init(_ record: RecordToCheck) {
    name = record.name
    block = record.blockLabel.map(LabelledDigest.init)
    payload = record.payloadLabel.map(LabelledDigest.init)
    isHTTP = record.isHTTP
    payloadChecked = payload?.known == true && !record.isRevisit
  }

  mutating func update(_ bytes: ArraySlice<UInt8>) {
    block?.update(bytes)
    guard payloadChecked else { return }
    if !isHTTP || headEnd.found {
      payload?.update(bytes)
    } else if let rest = headEnd.scan(bytes) {
      payload?.update(bytes[rest...])
    }
  }

  /// Counts the record's digests into `check`.
  func finish(into check: inout DigestCheck) {
    check.records += 1
    if let block {
      if !block.known {
        check.unchecked += 1
      } else if block.matches() {
        check.blockDigests += 1
      } else {
        check.mismatches.append("\(name): its WARC-Block-Digest does not match the block")
      }
    }
    if let payload {
      if !payloadChecked {
        check.unchecked += 1
      } else if payload.matches() {
        check.payloadDigests += 1
      } else {
        check.mismatches.append("\(name): its WARC-Payload-Digest does not match the payload")
      }
    }
  }
}

/// The worker's side of `checkDigests(path:)`: hashes the records handed over, in order.
private func hashRecords(from work: Handoff<DigestWork>) -> DigestCheck {
  var check = DigestCheck()
  var current: RecordDigests?
  while let item = work.pop() {
    switch item {
    case .record(let next):
      current?.finish(into: &check)
      current = RecordDigests(next)
    case .bytes(let bytes):
      current?.update(bytes)
    }
  }
  current?.finish(into: &check)
  return check
}

/// Finds the end of an HTTP head (a blank line, CRLF or LF) in bytes streamed in pieces.
struct HTTPHeadEnd {
  private var last: UInt32 = 0
  private(set) var found = false

  /// The index in `bytes` where the payload starts, once the head's end is in them.
  mutating func scan(_ bytes: ArraySlice<UInt8>) -> Int? {
    var index = bytes.startIndex
    while index < bytes.endIndex {
      last = (last << 8) | UInt32(bytes[index])
      index += 1
      if last == 0x0D0A_0D0A || last & 0xFFFF == 0x0A0A {
        found = true
        return index
      }
    }
    return nil
  }
}

/// A digest as WARC headers label it (`sha1:BASE32`, `sha256:HEX`…) and a hash of the bytes
/// that should match it.
struct LabelledDigest {
  private enum Hash {
    case sha1(Insecure.SHA1)
    case sha256(SHA256)
    case md5(Insecure.MD5)
  }

  private var hash: Hash?
  /// The digest as labelled, upper case, without base32 padding.
  private let expected: String

  /// Whether the label's algorithm and encoding are known (else nothing is compared).
  var known: Bool { hash != nil }

  init(_ label: String) {
    let parts = label.split(separator: ":", maxSplits: 1)
    let algorithm = parts.first.map { $0.lowercased().filter { $0 != "-" } }
    expected = (parts.count == 2 ? String(parts[1]) : "").uppercased().filter { $0 != "=" }
    let size: Int
    switch algorithm {
    case "sha1":
      hash = .sha1(Insecure.SHA1())
      size = 20
    case "sha256":
      hash = .sha256(SHA256())
      size = 32
    case "md5":
      hash = .md5(Insecure.MD5())
      size = 16
    default:
      hash = nil
      size = 0
    }
    // Hex (two digits a byte) or base32 (five bits a digit, padding left off): another
    // encoding is not compared.
    let isHex = expected.count == size * 2 && expected.allSatisfy(\.isHexDigit)
    let isBase32 =
      expected.count == (size * 8 + 4) / 5
      && expected.allSatisfy { ("A"..."Z").contains($0) || ("2"..."7").contains($0) }
    if !isHex && !isBase32 { hash = nil }
  }

  mutating func update(_ bytes: ArraySlice<UInt8>) {
    switch hash {
    case .sha1(var hasher):
      hash = nil  // the hasher is uniquely referenced while it updates: no copy
      hasher.update(data: bytes)
      hash = .sha1(hasher)
    case .sha256(var hasher):
      hash = nil  // the hasher is uniquely referenced while it updates: no copy
      hasher.update(data: bytes)
      hash = .sha256(hasher)
    case .md5(var hasher):
      hash = nil  // the hasher is uniquely referenced while it updates: no copy
      hasher.update(data: bytes)
      hash = .md5(hasher)
    case nil: break
    }
  }

  func matches() -> Bool {
    let digest: [UInt8]
    switch hash {
    case .sha1(let hasher): digest = Array(hasher.finalize())
    case .sha256(let hasher): digest = Array(hasher.finalize())
    case .md5(let hasher): digest = Array(hasher.finalize())
    case nil: return false
    }
    // In the label's own encoding, as the writer's digest functions give it.
    return WARCDigest.base32(digest).filter { $0 != "=" } == expected
      || digest.map(hexDigits).joined().uppercased() == expected
  }
}

/// Whether a record read whole has a `WARC-Block-Digest` (of a known algorithm and encoding)
/// that its block matches: the record is the bytes its writer wrote, whatever is damaged
/// around it. False without a block, a digest, or a match.
public func blockDigestMatches(_ record: ReadRecord) -> Bool {
  guard let block = record.block, let label = record.field("WARC-Block-Digest") else {
    return false
  }
  var digest = LabelledDigest(label)
  guard digest.known else { return false }
  digest.update(block[...])
  return digest.matches()
}
