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
        let name = parameterName(parameter.prefix { $0 != "=" })
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
private func queryWithoutTokens(_ query: Substring) -> String? {
  var pieces: [(separator: Substring, text: Substring, name: String)] = []
  var start = query.startIndex
  var separatorStart = query.startIndex
  let utf8 = query.utf8
  var index = utf8.startIndex
  while true {
    let atEnd = index == utf8.endIndex
    if atEnd || utf8[index] == ampersand || utf8[index] == semicolon {
      let text = query[start..<index]
      let name = parameterName(text.prefix { $0 != "=" })
      pieces.append((query[separatorStart..<start], text, name))
      if atEnd { break }
      separatorStart = index
      start = utf8.index(after: index)
    }
    index = utf8.index(after: index)
  }
  var signed: Set<String> = []
  let names = Set(pieces.map(\.name))
  for scheme in LinkTokenRules.signatureSchemes where scheme.required.allSatisfy(names.contains) {
    signed.formUnion(scheme.dropped)
  }
  var kept: [(separator: Substring, text: Substring)] = []
  for piece in pieces {
    let value = piece.text.firstIndex(of: "=").map { piece.text[piece.text.index(after: $0)...] }
    if signed.contains(piece.name) || isVisitToken(name: piece.name, value: value) { continue }
    kept.append((piece.separator, piece.text))
  }
  guard kept.count < pieces.count else { return nil }
  var result = ""
  for (offset, piece) in kept.enumerated() {
    if offset > 0 { result += piece.separator }
    result += piece.text
  }
  return result
}

/// Whether a query parameter is one of `LinkTokenRules`' (apart from the signed-URL groups).
private func isVisitToken(name: String, value: Substring?) -> Bool {
  if LinkTokenRules.trackingNames.contains(name) || LinkTokenRules.sessionNames.contains(name)
    || LinkTokenRules.nonceNames.contains(name) || LinkTokenRules.tokenNames.contains(name)
    || LinkTokenRules.trackingPrefixes.contains(where: { name.hasPrefix($0) })
  {
    return true
  }
  guard let value else { return false }
  let bytes = value.utf8
  if LinkTokenRules.hexSessionNames.contains(name) {
    return bytes.count == LinkTokenRules.hexSessionLength && bytes.allSatisfy(isHexDigit)
  }
  if LinkTokenRules.sessionTokenNames.contains(name) {
    return isSessionToken(value)
  }
  if LinkTokenRules.cacheBusterNames.contains(name) {
    return isTimestamp(value)
  }
  if LinkTokenRules.buildStampNames.contains(name) {
    return isTimestamp(value) || isBuildHash(value)
  }
  return false
}

/// A session id's shape: `LinkTokenRules.minimumSessionToken` to `maximumSessionToken` letters
/// and digits, with at least one of each (a word or a number is no session).
private func isSessionToken(_ value: Substring) -> Bool {
  let bytes = value.utf8
  return bytes.count >= LinkTokenRules.minimumSessionToken
    && bytes.count <= LinkTokenRules.maximumSessionToken
    && bytes.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
    && bytes.contains(where: isASCIILetter) && bytes.contains(where: isASCIIDigit)
}

/// A Unix time in `LinkTokenRules.timestampSeconds`, written in seconds (10 digits) or in
/// milliseconds (13 digits).
private func isTimestamp(_ value: Substring) -> Bool {
  let bytes = value.utf8
  guard bytes.count == 10 || bytes.count == 13, bytes.allSatisfy(isASCIIDigit),
    let number = UInt64(value)
  else { return false }
  return LinkTokenRules.timestampSeconds.contains(bytes.count == 13 ? number / 1000 : number)
}

/// A build hash: `LinkTokenRules.buildHashLength` hexadecimal digits, a letter and a digit among
/// them.
private func isBuildHash(_ value: Substring) -> Bool {
  let bytes = value.utf8
  return LinkTokenRules.buildHashLength.contains(bytes.count) && bytes.allSatisfy(isHexDigit)
    && bytes.contains(where: isASCIILetter) && bytes.contains(where: isASCIIDigit)
}

/// A parameter's name as the rules compare it: percent-decoded, ASCII letters lowercased.
private func parameterName(_ raw: Substring) -> String {
  let bytes = Array(raw.utf8)
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

private func isASCIILetter(_ byte: UInt8) -> Bool {
  (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}
