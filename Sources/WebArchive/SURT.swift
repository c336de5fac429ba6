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
  // Cut on the bytes: every delimiter is ASCII, and a UTF-8 sequence holds no ASCII byte.
  let bytes = Array(lowered.utf8)
  var rest: ArraySlice<UInt8>
  if bytes.starts(with: "http://".utf8) {
    rest = bytes.dropFirst(7)
  } else if bytes.starts(with: "https://".utf8) {
    rest = bytes.dropFirst(8)
  } else {
    return lowered
  }
  if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
  let authorityEnd =
    rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
  var authority = rest[..<authorityEnd]
  var pathAndQuery = rest[authorityEnd...]
  if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
    authority = authority[(at + 1)...]
  }
  var host = authority
  var port: ArraySlice<UInt8> = []
  if let colon = authority.lastIndex(of: UInt8(ascii: ":")) {
    host = authority[..<colon]
    port = authority[(colon + 1)...]
    if port.elementsEqual("80".utf8) || port.elementsEqual("443".utf8) { port = [] }
  }
  var labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
  if let first = labels.first, labels.count > 2, isWWWLabel(first) { labels.removeFirst() }
  var key: [UInt8] = []
  key.reserveCapacity(bytes.count + 2)
  for (index, label) in labels.reversed().enumerated() {
    if index > 0 { key.append(UInt8(ascii: ",")) }
    key += label
  }
  if !port.isEmpty { key += [UInt8(ascii: ":")] + port }
  var path = pathAndQuery
  var query: ArraySlice<UInt8> = []
  if let question = pathAndQuery.firstIndex(of: UInt8(ascii: "?")) {
    path = pathAndQuery[..<question]
    query = pathAndQuery[(question + 1)...]
  }
  if path.isEmpty { path = Array("/".utf8)[...] }
  key.append(UInt8(ascii: ")"))
  key += path
  var text = String(decoding: key, as: UTF8.self)
  if !query.isEmpty {
    let arguments = query.split(separator: UInt8(ascii: "&")).map {
      String(decoding: $0, as: UTF8.self)
    }
    text += "?" + arguments.sorted().joined(separator: "&")
  }
  return text
}

/// `www`, `www2`, …: the labels SURT drops from the front of a host.
private func isWWWLabel(_ label: ArraySlice<UInt8>) -> Bool {
  guard label.starts(with: "www".utf8) else { return false }
  return String(decoding: label.dropFirst(3), as: UTF8.self).allSatisfy(\.isNumber)
}
