/// The SURT form of a URL (Sort-friendly URI Reordering Transform), as the `surt` library
/// that pywb and cdxj-indexer use writes it by default: scheme and `www.` dropped, host labels
/// reversed and joined with commas, `)` before the path, the default port dropped, the query's
/// arguments sorted, everything lower-case, the fragment dropped.
///
///     surtKey("https://www.Example.com/Post?b=2&a=1#c")  // "com,example)/post?a=1&b=2"
///
/// A URL that is not http(s) (a `urn:`) is only lower-cased.
public func surtKey(_ url: String) -> String {
  let lowered = url.lowercased()
  var rest: Substring
  if lowered.hasPrefix("http://") {
    rest = lowered.dropFirst(7)
  } else if lowered.hasPrefix("https://") {
    rest = lowered.dropFirst(8)
  } else {
    return lowered
  }
  if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
  let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
  var authority = rest[..<authorityEnd]
  var pathAndQuery = rest[authorityEnd...]
  if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
  var host = authority
  var port = ""
  if let colon = authority.lastIndex(of: ":") {
    host = authority[..<colon]
    port = String(authority[authority.index(after: colon)...])
    if port == "80" || port == "443" { port = "" }
  }
  var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
  if let first = labels.first, labels.count > 2, isWWWLabel(first) { labels.removeFirst() }
  var key = labels.reversed().joined(separator: ",")
  if !port.isEmpty { key += ":" + port }
  if pathAndQuery.isEmpty { pathAndQuery = "/" }
  var path = pathAndQuery
  var query = ""
  if let question = pathAndQuery.firstIndex(of: "?") {
    path = pathAndQuery[..<question]
    query = String(pathAndQuery[pathAndQuery.index(after: question)...])
  }
  if path.isEmpty { path = "/" }
  key += ")" + path
  if !query.isEmpty {
    key += "?" + query.split(separator: "&").map(String.init).sorted().joined(separator: "&")
  }
  return key
}

/// `www`, `www2`, …: the labels SURT drops from the front of a host.
private func isWWWLabel(_ label: String) -> Bool {
  guard label.hasPrefix("www") else { return false }
  return label.dropFirst(3).allSatisfy(\.isNumber)
}
