/// The stored URL a user most likely meant by one the store does not hold, or nil when none
/// is close: first one that differs only in spelling (`http` or `https`, `www.`, a trailing
/// slash, the case of the host), else the one within a few typing slips (an edit distance of
/// at most `maximumURLSlips`, or one in ten characters for long URLs).
///
///     nearestURL(to: "https://blog.example/post", among: ["http://www.blog.example/post/"])
///     // "http://www.blog.example/post/"
///
/// - Complexity: O(n·m·k) for n stored URLs of length m and a distance cut-off k.
func nearestURL(to url: String, among stored: [String]) -> String? {
  let key = spellingKey(url)
  if let same = stored.first(where: { spellingKey($0) == key }) { return same }
  let wanted = Array(url)
  let limit = max(maximumURLSlips, wanted.count / 10)
  var best: (url: String, distance: Int)?
  for candidate in stored {
    let cutOff = best.map { max(0, $0.distance - 1) } ?? limit
    let distance = editDistance(wanted, Array(candidate), limit: cutOff)
    if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
  }
  return best?.url
}

/// Typing slips a suggested URL may be away from the one given, for URLs under 30 characters.
private let maximumURLSlips = 3

/// A URL without what does not tell pages apart for a reader: the scheme, `www.`, a trailing
/// slash, the case of the host.
private func spellingKey(_ url: String) -> String {
  var rest = Substring(url)
  if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
  let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
  var host = rest[..<hostEnd].lowercased()
  if host.hasPrefix("www.") { host.removeFirst(4) }
  var path = String(rest[hostEnd...])
  while path.hasSuffix("/") { path.removeLast() }
  return host + path
}

/// The name a user most likely meant by one that is unknown (a mistyped command or option),
/// or nil when none is within two typing slips (one for names of four letters or fewer).
///
///     closestName(to: "--colour", among: ["--color", "--stat"])  // "--color"
public func closestName(to name: String, among names: [String]) -> String? {
  let wanted = Array(name.lowercased())
  let limit = wanted.count <= 4 ? 1 : 2
  return names.map { ($0, editDistance(wanted, Array($0.lowercased()), limit: limit)) }
    .filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
}
