import UnicodeSpaces

/// The media type of a Content-Type value (`text/html` of `text/html; charset=utf-8`),
/// lower-cased; nil when there is no value or it names no type: a value whose first part is
/// not `type/subtype` (`; charset=utf-8`, `charset=utf-8`, `text`), which browsers ignore,
/// sniffing the bytes instead (WHATWG MIME Sniffing: an invalid MIME type is no type).
public func mediaType(ofContentType value: String?) -> String? {
  guard let value else { return nil }
  let type =
    value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
  let trimmed = type.trimming(where: \.properties.isWhitespace).lowercased()
  let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
  guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
    !trimmed.contains(where: { $0.isWhitespace || $0 == "=" })
  else { return nil }
  return trimmed
}

/// The `charset` parameter of a Content-Type value, lower-cased; nil when it has none.
public func charset(inContentType value: String?) -> String? {
  guard let value else { return nil }
  for parameter in value.split(separator: ";").dropFirst() {
    let pair = parameter.split(separator: "=", maxSplits: 1)
    guard pair.count == 2,
      pair[0].trimmingSpaces().lowercased() == "charset"
    else { continue }
    let name = pair[1].trimmingSpaces().trimming { $0 == "\"" || $0 == "'" }.lowercased()
    return name.isEmpty ? nil : name
  }
  return nil
}
