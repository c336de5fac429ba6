import UnicodeSpaces

/// The media type of a Content-Type value (`text/html` of `text/html; charset=utf-8`),
/// lower-cased; nil when there is no value or it names no type.
public func mediaType(ofContentType value: String?) -> String? {
  guard let value else { return nil }
  let type = value.split(separator: ";", maxSplits: 1).first ?? ""
  let trimmed = type.trimming(where: \.properties.isWhitespace).lowercased()
  return trimmed.isEmpty ? nil : trimmed
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
