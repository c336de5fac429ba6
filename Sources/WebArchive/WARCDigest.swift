import Crypto

/// The labelled digests WARC headers and CDXJ lines carry: `sha1:` and the RFC 4648 base32 of
/// the SHA-1, the form wget, Heritrix, warcio and pywb write and compare.
public enum WARCDigest {
  /// `sha1:BASE32` of bytes.
  public static func sha1(_ bytes: [UInt8]) -> String {
    "sha1:" + base32(Array(Insecure.SHA1.hash(data: bytes)))
  }

  /// `sha1:BASE32` of several parts read as one sequence of bytes.
  public static func sha1(parts: [[UInt8]]) -> String {
    var hasher = Insecure.SHA1()
    for part in parts { hasher.update(data: part) }
    return "sha1:" + base32(Array(hasher.finalize()))
  }

  /// Hex SHA-256 of bytes (the WACZ datapackage's and the store's form).
  public static func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { hexDigits($0) }.joined()
  }

  /// RFC 4648 base32, upper case, padded.
  public static func base32(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 4) / 5 * 8)
    var buffer = 0
    var bits = 0
    for byte in bytes {
      buffer = (buffer << 8) | Int(byte)
      bits += 8
      while bits >= 5 {
        output.append(base32Alphabet[(buffer >> (bits - 5)) & 31])
        bits -= 5
      }
    }
    if bits > 0 { output.append(base32Alphabet[(buffer << (5 - bits)) & 31]) }
    while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) }
    return String(decoding: output, as: UTF8.self)
  }
}

private let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

/// Two lower-case hex digits.
func hexDigits(_ byte: UInt8) -> String {
  String(decoding: [lowerHex[Int(byte >> 4)], lowerHex[Int(byte & 15)]], as: UTF8.self)
}

private let lowerHex = Array("0123456789abcdef".utf8)

/// A record ID, `<urn:uuid:…>`, derived from a name (a name-based UUID, version 5 layout over
/// SHA-1): exporting the same store twice gives the same IDs, so archives compare and revisit
/// records can name the record they refer to before it is written.
public func warcRecordID(named name: String) -> String {
  var bytes = Array(Insecure.SHA1.hash(data: Array(("redline:" + name).utf8)).prefix(16))
  bytes[6] = (bytes[6] & 0x0F) | 0x50
  bytes[8] = (bytes[8] & 0x3F) | 0x80
  var text = Array("<urn:uuid:".utf8)
  text.reserveCapacity(47)
  for (index, byte) in bytes.enumerated() {
    // Groups of 4, 2, 2, 2 and 6 bytes.
    if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
    text.append(lowerHex[Int(byte >> 4)])
    text.append(lowerHex[Int(byte & 15)])
  }
  text.append(UInt8(ascii: ">"))
  return String(decoding: text, as: UTF8.self)
}
