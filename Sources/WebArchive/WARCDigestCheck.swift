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
/// - Parameters:
///   - path: the file.
/// - Throws: `WebArchiveError` when the file cannot be read or is not a WARC.
public func checkDigests(path: String) throws -> DigestCheck {
  var check = DigestCheck()
  let reader = try WARCReader(path: path, maxBlockSize: 0)
  while let record = try reader.nextHeader() {
    check.records += 1
    var block = record.field("WARC-Block-Digest").map(LabelledDigest.init)
    var payload = record.field("WARC-Payload-Digest").map(LabelledDigest.init)
    let isHTTP = record.field("Content-Type")?.lowercased().hasPrefix("application/http") ?? false
    var headEnd = HTTPHeadEnd()
    let payloadChecked = payload?.known == true && record.type != "revisit"
    try reader.streamBlock { bytes in
      block?.update(bytes)
      guard payloadChecked else { return }
      if !isHTTP || headEnd.found {
        payload?.update(bytes)
      } else if let rest = headEnd.scan(bytes) {
        payload?.update(bytes[rest...])
      }
    }
    let name = record.field("WARC-Record-ID") ?? "the record at \(record.location.offset)"
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
