import Crypto
import Foundation

/// The form of a URL that names a page: scheme and host lower-cased, default port and fragment
/// dropped, tracking parameters (`utm_*`, `fbclid`, `gclid`, Blogger's `m=1`) removed.
///
///     normalizedPageURL("HTTPS://Example.COM:443/a?utm_source=x&id=2#top")
///     // "https://example.com/a?id=2"
///
/// - Throws: `StoreError.invalidURL` for anything but an absolute http or https URL.
public func normalizedPageURL(_ raw: String) throws -> String {
  let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
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
  if components.path.isEmpty { components.path = "/" }
  if let items = components.queryItems {
    let kept = items.filter { item in
      let name = item.name.lowercased()
      return
        !(name.hasPrefix("utm_") || trackingParameters.contains(name)
        || (name == "m" && item.value == "1"))
    }
    components.queryItems = kept.isEmpty ? nil : kept
  }
  guard let url = components.string else { throw StoreError.invalidURL(raw) }
  return url
}

private let trackingParameters: Set<String> = ["fbclid", "gclid", "dclid", "msclkid", "mc_eid"]

/// Lower-case hex SHA-256 of some bytes.
public func sha256Hex<D: DataProtocol>(_ data: D) -> String {
  SHA256.hash(data: data).map { byte in
    let hex = String(byte, radix: 16)
    return byte < 16 ? "0" + hex : hex
  }.joined()
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
  var result = ""
  var pendingDash = false
  for scalar in text.unicodeScalars {
    let allowed =
      (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
      || (keepDots && (scalar == "." || scalar == "-"))
    if allowed {
      if pendingDash && !result.isEmpty { result.append("-") }
      pendingDash = false
      result.unicodeScalars.append(scalar)
    } else {
      pendingDash = true
    }
  }
  while result.hasPrefix(".") || result.hasPrefix("-") { result.removeFirst() }
  return result.isEmpty ? fallback : result
}
