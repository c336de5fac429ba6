/// A link target without the parameters that change per visit (`LinkTokenRules`): session ids
/// (query parameters, `;jsessionid=` path parameters and ASP.NET's cookieless `/(S(…))/` path
/// segments), signed-URL signatures (as a group, per `LinkTokenRules.signatureSchemes`),
/// trackers, cache busters and nonces. Everything else stays byte for byte: the other
/// parameters in their order with their separators (`&` or `;`) and encoding, the fragment,
/// and links of schemes other than `http` and `https` (`mailto:`). A query left empty goes
/// with its `?`, and so does one written empty (`subscribe?`, to which a mail tool adds its
/// trackers: `subscribe?utm_source=…`). The same target always gives the same result, and a
/// result gives itself.
///
///     withoutVisitTokens("/post?id=2&utm_source=mail&fbclid=Iw3#top")   // "/post?id=2#top"
///     withoutVisitTokens("https://x.example/a;jsessionid=9F2C?p=1")     // "https://x.example/a?p=1"
///
/// - Complexity: O(n) in the target's length.
public func withoutVisitTokens(_ target: String) -> String {
  let utf8 = target.utf8
  // Most links have no query, no path parameter and no parenthesised segment.
  guard utf8.contains(where: { $0 == questionMark || $0 == semicolon || $0 == openParen }),
    hasWebScheme(target)
  else { return target }
  let fragmentStart = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
  let queryMark = utf8[..<fragmentStart].firstIndex(of: questionMark)
  let pathEnd = queryMark ?? fragmentStart
  let newPath = pathWithoutSessions(target[..<pathEnd])
  var query: Substring?
  var newQuery: String?
  if let queryMark {
    query = target[utf8.index(after: queryMark)..<fragmentStart]
    // An empty query (`page?`) is the page itself, as it is once its tokens are dropped.
    newQuery = query.flatMap { $0.isEmpty ? "" : queryWithoutTokens($0) }
  }
  guard newPath != nil || newQuery != nil else { return target }
  var result = newPath ?? String(target[..<pathEnd])
  if let newQuery {
    if !newQuery.isEmpty { result += "?" + newQuery }
  } else if let query {
    result += "?" + query
  }
  result += target[fragmentStart...]
  return result
}

private let questionMark = UInt8(ascii: "?")
private let semicolon = UInt8(ascii: ";")
private let ampersand = UInt8(ascii: "&")
private let equals = UInt8(ascii: "=")
private let openParen = UInt8(ascii: "(")
private let closeParen = UInt8(ascii: ")")

/// Whether a target is a web link: a relative one (no scheme), or one of
/// `LinkTokenRules.webSchemes`.
private func hasWebScheme(_ target: String) -> Bool {
  var scheme: [UInt8] = []
  for byte in target.utf8 {
    switch byte {
    case UInt8(ascii: ":"):
      guard let first = scheme.first, isASCIILetter(first) else { return true }
      return LinkTokenRules.webSchemes.contains(String(decoding: scheme, as: UTF8.self))
    case UInt8(ascii: "/"), questionMark, UInt8(ascii: "#"): return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): scheme.append(byte)
    default:
      guard isASCIILetter(byte) || isASCIIDigit(byte) else { return true }
      scheme.append(isASCIILetter(byte) ? byte | 0x20 : byte)
    }
  }
  return true
}

/// The path without session path parameters (`;jsessionid=…`) and ASP.NET's cookieless
/// segments (`(S(…))`, `(A(…)F(…))`), or nil when it has neither.
private func pathWithoutSessions(_ path: Substring) -> String? {
  guard path.utf8.contains(where: { $0 == semicolon || $0 == openParen }) else { return nil }
  var changed = false
  var segments: [Substring] = []
  let all = path.split(separator: "/", omittingEmptySubsequences: false)
  for (index, segment) in all.enumerated() {
    if isCookielessSegment(segment) {
      changed = true
      // The state as the last segment (`/app/(S(…))`) is the folder it was in: its slash stays.
      if index == all.count - 1, index > 0 { segments.append("") }
      continue
    }
    guard segment.utf8.contains(semicolon) else {
      segments.append(segment)
      continue
    }
    let parameters = segment.split(separator: ";", omittingEmptySubsequences: false)
    let kept =
      [parameters[0]]
      + parameters.dropFirst().filter { parameter in
        let name = parameterName(parameter.utf8.prefix { $0 != equals })
        return !LinkTokenRules.sessionNames.contains(name)
      }
    if kept.count == parameters.count {
      segments.append(segment)
    } else {
      changed = true
      segments.append(Substring(kept.joined(separator: ";")))
    }
  }
  return changed ? segments.joined(separator: "/") : nil
}

/// Whether a path segment is ASP.NET's cookieless state: `(` one or more of a capital letter and
/// a parenthesised value `)`, as `(S(lit3py55t21z5v55vlm25s55))` or `(X(1)S(abc))`.
private func isCookielessSegment(_ segment: Substring) -> Bool {
  let bytes = Array(segment.utf8)
  guard bytes.count >= 5, bytes.first == openParen, bytes.last == closeParen else {
    return false
  }
  var index = 1
  let end = bytes.count - 1
  var groups = 0
  while index < end {
    guard bytes[index] >= UInt8(ascii: "A"), bytes[index] <= UInt8(ascii: "Z"),
      index + 1 < end, bytes[index + 1] == openParen
    else { return false }
    index += 2
    while index < end, bytes[index] != closeParen {
      guard bytes[index] != openParen else { return false }
      index += 1
    }
    guard index < end else { return false }
    index += 1
    groups += 1
  }
  return groups > 0
}

/// A query without its per-visit parameters, or nil when it has none. The kept parameters keep
/// their separators; the one before a dropped parameter goes with it (after it, for the first).
/// Cut at the bytes (`&`, `;`, `=`), never at characters.
private func queryWithoutTokens(_ query: Substring) -> String? {
  let bytes = Array(query.utf8)
  // Each parameter: where its separator starts (its own start for the first), where it starts
  // and ends, and its name as the rules compare it.
  var pieces: [(separator: Int, start: Int, end: Int, name: String)] = []
  var start = 0
  var separator = 0
  for index in 0...bytes.count {
    guard index == bytes.count || bytes[index] == ampersand || bytes[index] == semicolon else {
      continue
    }
    var nameEnd = start
    while nameEnd < index, bytes[nameEnd] != equals { nameEnd += 1 }
    pieces.append((separator, start, index, parameterName(bytes[start..<nameEnd])))
    separator = index
    start = index + 1
  }
  var signed: Set<String> = []
  // The schemes are looked for only when a name one of them requires is there.
  if pieces.contains(where: { signatureKeyNames.contains($0.name) }) {
    let names = Set(pieces.map(\.name))
    for scheme in LinkTokenRules.signatureSchemes where scheme.required.allSatisfy(names.contains) {
      signed.formUnion(scheme.dropped)
    }
  }
  var result: [UInt8] = []
  var (dropped, first) = (false, true)
  for piece in pieces {
    let text = bytes[piece.start..<piece.end]
    let value = text.firstIndex(of: equals).map { text[($0 + 1)...] }
    if signed.contains(piece.name) || isVisitToken(name: piece.name, value: value) {
      dropped = true
      continue
    }
    result.append(contentsOf: bytes[(first ? piece.start : piece.separator)..<piece.end])
    first = false
  }
  return dropped ? String(decoding: result, as: UTF8.self) : nil
}

/// The names any of `LinkTokenRules.signatureSchemes` requires.
private let signatureKeyNames = Set(LinkTokenRules.signatureSchemes.flatMap(\.required))

/// How `LinkTokenRules` reads a query parameter's name: dropped whatever the value, or only
/// with a value of a shape.
private enum NameRule {
  case always, hexSession, sessionToken, cacheBuster, buildStamp
}

/// `LinkTokenRules`' names (but the prefixes and the signed-URL groups), each with its rule:
/// one look-up per parameter.
private let nameRules: [String: NameRule] = {
  var rules: [String: NameRule] = [:]
  for names in [
    LinkTokenRules.trackingNames, LinkTokenRules.sessionNames, LinkTokenRules.nonceNames,
    LinkTokenRules.tokenNames,
  ] {
    for name in names { rules[name] = .always }
  }
  for (names, rule) in [
    (LinkTokenRules.hexSessionNames, NameRule.hexSession),
    (LinkTokenRules.sessionTokenNames, .sessionToken),
    (LinkTokenRules.cacheBusterNames, .cacheBuster),
    (LinkTokenRules.buildStampNames, .buildStamp),
  ] {
    for name in names where rules[name] == nil { rules[name] = rule }
  }
  return rules
}()

/// Whether a query parameter is one of `LinkTokenRules`' (apart from the signed-URL groups).
private func isVisitToken(name: String, value: ArraySlice<UInt8>?) -> Bool {
  guard let rule = nameRules[name] else {
    return LinkTokenRules.trackingPrefixes.contains(where: { name.hasPrefix($0) })
  }
  guard rule != .always else { return true }
  guard let value else { return false }
  switch rule {
  case .always: return true
  case .hexSession:
    return value.count == LinkTokenRules.hexSessionLength && value.allSatisfy(isHexDigit)
  case .sessionToken: return isSessionToken(value)
  case .cacheBuster: return isTimestamp(value)
  case .buildStamp: return isTimestamp(value) || isBuildHash(value)
  }
}

/// A session id's shape: `LinkTokenRules.minimumSessionToken` to `maximumSessionToken` letters
/// and digits, with at least one of each (a word or a number is no session).
private func isSessionToken(_ bytes: ArraySlice<UInt8>) -> Bool {
  return bytes.count >= LinkTokenRules.minimumSessionToken
    && bytes.count <= LinkTokenRules.maximumSessionToken
    && bytes.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
    && bytes.contains(where: isASCIILetter) && bytes.contains(where: isASCIIDigit)
}

/// A Unix time in `LinkTokenRules.timestampSeconds`, written in seconds (10 digits) or in
/// milliseconds (13 digits).
private func isTimestamp(_ bytes: ArraySlice<UInt8>) -> Bool {
  guard bytes.count == 10 || bytes.count == 13, bytes.allSatisfy(isASCIIDigit) else {
    return false
  }
  let number = bytes.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
  return LinkTokenRules.timestampSeconds.contains(bytes.count == 13 ? number / 1000 : number)
}

/// A build hash: `LinkTokenRules.buildHashLength` hexadecimal digits, a letter and a digit among
/// them.
private func isBuildHash(_ bytes: ArraySlice<UInt8>) -> Bool {
  return LinkTokenRules.buildHashLength.contains(bytes.count) && bytes.allSatisfy(isHexDigit)
    && bytes.contains(where: isASCIILetter) && bytes.contains(where: isASCIIDigit)
}

/// A parameter's name as the rules compare it: percent-decoded, ASCII letters lowercased.
private func parameterName<Bytes: Collection<UInt8>>(_ raw: Bytes) -> String {
  // Most names are written in lower case without escapes: taken as they are.
  if !raw.contains(where: { $0 == UInt8(ascii: "%") || ($0 >= 0x41 && $0 <= 0x5A) }) {
    return String(decoding: raw, as: UTF8.self)
  }
  let bytes = Array(raw)
  var decoded: [UInt8] = []
  decoded.reserveCapacity(bytes.count)
  var index = 0
  while index < bytes.count {
    if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
    {
      decoded.append(high << 4 | low)
      index += 3
      continue
    }
    decoded.append(bytes[index])
    index += 1
  }
  return String(decoding: decoded.map { isASCIILetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
  default: nil
  }
}

private func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

private func isASCIIDigit(_ byte: UInt8) -> Bool {
  byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}
