import SnapshotStore

/// Finds one capture of a page from what a user types: a full time, a unique prefix of one,
/// `first`, `latest`, or `latest~N`.
/// - Throws: `RedlineError.unknownCapture` naming what matched (nothing, or several).
func selectCapture(_ selector: String, from captures: [CaptureRecord], url: String) throws
  -> CaptureRecord
{
  guard let latest = captures.last, let first = captures.first else {
    throw RedlineError.noCaptures(url: url)
  }
  switch selector {
  case "latest": return latest
  case "first": return first
  default: break
  }
  if selector.hasPrefix("latest~") {
    guard let back = Int(selector.dropFirst("latest~".count)), back >= 0 else {
      throw RedlineError.unknownCapture(
        url: url, selector: selector, reason: "expected latest~N with N a whole number")
    }
    guard back < captures.count else {
      throw RedlineError.unknownCapture(
        url: url, selector: selector, reason: "the page has only \(captures.count) captures")
    }
    return captures[captures.count - 1 - back]
  }
  let compact = selector.filter { $0 != "-" && $0 != ":" && $0 != " " }
  let matches = captures.filter { $0.time.hasPrefix(compact) }
  guard matches.count == 1, let match = matches.first else {
    let reason =
      matches.isEmpty
      ? "no capture time starts with it"
      : "\(matches.count) captures match: \(matches.map(\.time).joined(separator: ", "))"
    throw RedlineError.unknownCapture(url: url, selector: selector, reason: reason)
  }
  return match
}
