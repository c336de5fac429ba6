import Crypto
import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The form of a URL that names a page: scheme and host lower-cased, default port and fragment
/// dropped, percent-encoding normalized (unreserved characters decoded, hex digits upper-cased),
/// dot segments of the path resolved, tracking parameters (`utm_*`, `fbclid`, `gclid`, Blogger's
/// `m=1`) removed from the query.
///
///     normalizedPageURL("HTTPS://Example.COM:443/a/./b/../%7euser?utm_source=x&id=2#top")
///     // "https://example.com/a/~user?id=2"
///
/// - Throws: `StoreError.invalidURL` for anything but an absolute http or https URL.
public func normalizedPageURL(_ raw: String) throws -> String {
  let trimmed = raw.trimmingSpacesAndNewlines()
  guard var components = URLComponents(string: trimmed),
    let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
    let host = components.host, !host.isEmpty
  else { throw StoreError.invalidURL(raw) }
  components.scheme = scheme
  components.host = host.lowercased()
  if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
    components.port = nil
  }
  components.fragment = nil
  let path = removingDotSegments(normalizedPercentEncoding(components.percentEncodedPath))
  components.percentEncodedPath = path.isEmpty ? "/" : path
  if let items = components.percentEncodedQueryItems {
    let kept = items.filter { item in
      // Tracking names are all unreserved characters, which this decodes.
      let name = normalizedPercentEncoding(item.name).lowercased()
      return
        !(name.hasPrefix("utm_") || trackingParameters.contains(name)
        || (name == "m" && item.value == "1"))
    }.map {
      URLQueryItem(
        name: normalizedPercentEncoding($0.name), value: $0.value.map(normalizedPercentEncoding))
    }
    components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
  }
  guard let url = components.string else { throw StoreError.invalidURL(raw) }
  return url
}

/// Decodes `%XX` escapes of unreserved characters (RFC 3986 §6.2.2.2) and upper-cases the
/// hex digits of the others, so that two spellings of one URL name one page.
func normalizedPercentEncoding(_ text: String) -> String {
  let bytes = Array(text.utf8)
  var output: [UInt8] = []
  output.reserveCapacity(bytes.count)
  var index = 0
  while index < bytes.count {
    if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
    {
      let decoded = high << 4 | low
      output +=
        isUnreserved(decoded) ? [decoded] : [UInt8(ascii: "%"), hexDigit(high), hexDigit(low)]
      index += 3
    } else {
      output.append(bytes[index])
      index += 1
    }
  }
  return String(decoding: output, as: UTF8.self)
}

/// RFC 3986 §5.2.4: `.` and `..` segments of a path resolved, never above the root.
func removingDotSegments(_ path: String) -> String {
  var output: [Substring] = []
  let segments = path.split(separator: "/", omittingEmptySubsequences: false)
  for (index, segment) in segments.enumerated() {
    let isLast = index == segments.count - 1
    if segment == "." || segment == ".." {
      if segment == "..", output.count > 1 { output.removeLast() }
      if isLast { output.append("") }
    } else {
      output.append(segment)
    }
  }
  let joined = output.joined(separator: "/")
  return joined.hasPrefix("/") || joined.isEmpty ? joined : "/" + joined
}

private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
  default: nil
  }
}

private func hexDigit(_ value: UInt8) -> UInt8 {
  value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
}

private func isUnreserved(_ byte: UInt8) -> Bool {
  (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    || byte == UInt8(ascii: "~")
}

private let trackingParameters: Set<String> = ["fbclid", "gclid", "dclid", "msclkid", "mc_eid"]

/// Lower-case hex SHA-256 of some bytes.
public func sha256Hex<D: DataProtocol>(_ data: D) -> String {
  lowerHex(SHA256.hash(data: data), digits: SHA256.byteCount * 2)
}

/// Lower-case hex SHA-256 of an array's bytes, hashed where they lie.
public func sha256Hex(_ bytes: [UInt8]) -> String {
  bytes.withUnsafeBytes { sha256Hex($0) }
}

/// Lower-case hex SHA-256 of contiguous bytes, hashed where they lie (no copy); `digits`
/// leading hex digits of it (the whole hash by default).
func sha256Hex(_ bytes: UnsafeRawBufferPointer, digits: Int = SHA256.byteCount * 2) -> String {
  lowerHex(SHA256.hash(data: bytes), digits: digits)
}

/// The first `digits` lower-case hex digits of a digest, written straight into one string
/// from the digest's bytes, two digits a byte from a table.
private func lowerHex(_ digest: SHA256.Digest, digits: Int) -> String {
  digest.withUnsafeBytes { bytes in
    let count = min(digits, bytes.count * 2)
    return String(unsafeUninitializedCapacity: count) { buffer in
      hexDigitPairs.withUnsafeBufferPointer { pairs in
        for index in 0..<count / 2 {
          let pair = pairs[Int(bytes[index])]
          buffer[2 * index] = UInt8(truncatingIfNeeded: pair >> 8)
          buffer[2 * index + 1] = UInt8(truncatingIfNeeded: pair)
        }
        if count % 2 == 1 {
          buffer[count - 1] = UInt8(truncatingIfNeeded: pairs[Int(bytes[count / 2])] >> 8)
        }
      }
      return count
    }
  }
}

/// The two lower-case hex digits of each byte value, the first in the high byte.
private let hexDigitPairs: [UInt16] = (0..<256).map { value in
  let digits = Array("0123456789abcdef".utf8)
  return UInt16(digits[value >> 4]) << 8 | UInt16(digits[value & 0x0F])
}

/// The folder of a page: `host/slug-hash`, made only of `[a-z0-9.-]`, so that no URL can name
/// a path outside the store.
func pageRecord(for normalizedURL: String) throws -> PageRecord {
  guard let components = URLComponents(string: normalizedURL), let rawHost = components.host
  else { throw StoreError.invalidURL(normalizedURL) }
  let host = safeName(rawHost.lowercased(), keepDots: true, fallback: "host")
  var slug = safeName(components.path.lowercased(), keepDots: false, fallback: "index")
  if slug.count > maximumSlugLength { slug = String(slug.prefix(maximumSlugLength)) }
  while slug.hasSuffix("-") { slug.removeLast() }
  if slug.isEmpty { slug = "index" }
  let hash = String(sha256Hex(Array(normalizedURL.utf8)).prefix(urlHashLength))
  return PageRecord(
    url: normalizedURL, folder: host + "/" + slug + "-" + hash, host: host, slug: slug,
    urlHash: hash)
}

/// Slugs stay readable in `ls` but short enough for any file system.
private let maximumSlugLength = 60
/// 12 hex digits (48 bits): no two pages of one store will share a folder.
private let urlHashLength = 12

private func safeName(_ text: String, keepDots: Bool, fallback: String) -> String {
  // Only ASCII is kept, so the UTF-8 bytes tell it: every byte of a non-ASCII character is
  // outside the allowed set, as the character is.
  var text = text
  return text.withUTF8 { bytes in
    String(unsafeUninitializedCapacity: max(bytes.count, 1)) { result in
      var count = 0
      var pendingDash = false
      for byte in bytes {
        let allowed =
          (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
          || (keepDots && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")))
        guard allowed else {
          pendingDash = true
          continue
        }
        // Leading dots and dashes are dropped, as is a dash before the first kept byte.
        if count == 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")) {
          pendingDash = false
          continue
        }
        if pendingDash && count > 0 {
          result[count] = UInt8(ascii: "-")
          count += 1
        }
        pendingDash = false
        result[count] = byte
        count += 1
      }
      return count
    }
  }.nonEmpty ?? fallback
}

extension String {
  /// The string, or nil when it is empty.
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

/// A URL as a person reads it: an international host name in Unicode (`xn--bcher-kva.example`
/// shown as `bücher.example`), the rest as it is. Only for display; the store, the wire and
/// JSON output keep the ASCII form.
public func readableURL(_ url: String) -> String {
  // A byte search first: most URLs have no punycode, and this runs once a line of `list`.
  guard url.utf8.firstRange(of: "xn--".utf8) != nil, let components = URLComponents(string: url),
    let host = components.host, !host.allSatisfy(\.isASCII),
    let schemeEnd = url.firstRange(of: "://")
  else { return url }
  let rest = url[schemeEnd.upperBound...]
  let hostEnd =
    rest.firstIndex { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
  return String(url[..<schemeEnd.upperBound]) + host + rest[hostEnd...]
}
