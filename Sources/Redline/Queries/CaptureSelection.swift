import FoundationEssentials
import SnapshotStore

/// Finds one capture of a page from what a user types: a full time, a unique prefix of one,
/// `first`, `latest`, `latest~N`, or a date or time (`2016-07-05`, `2016-07-05T14:00`,
/// `yesterday`, `3 days ago`; see `storeTime(_:bound:now:)`): the capture in force at the
/// end of that day, minute or second, that is the latest one taken by then.
///
/// `first`, `latest` and `latest~N` count `versions` (the post's own versions, without what
/// it briefly served instead; every capture when nil), so that `latest` after a return is the
/// article that came back, not the image or error page served in between; a time names any
/// capture.
///
/// A selector in the compact form of capture times (`20160705T14`, digits with a `T` and a
/// `Z`) is a prefix: it names the one capture whose time starts with it, and a prefix that
/// several captures share is an error naming them, as git says "ambiguous". Only a prefix
/// that matches none is read as a date. Dates written with `-` and `:` are always dates.
/// - Throws: `RedlineError.unknownCapture` when nothing matches, `.ambiguousCapture` when a
///   prefix matches several captures.
func selectCapture(
  _ selector: String, from captures: [CaptureRecord], versions: [CaptureRecord]? = nil,
  url: String, now: Date = Date()
) throws -> CaptureRecord {
  guard let first = captures.first else { throw RedlineError.noCaptures(url: url) }
  let counted = versions.flatMap { $0.isEmpty ? nil : $0 } ?? captures
  switch selector {
  case "latest": return counted[counted.count - 1]
  case "first": return counted[0]
  default: break
  }
  if selector.hasPrefix("latest~") {
    guard let back = Int(selector.dropFirst("latest~".count)), back >= 0 else {
      throw RedlineError.unknownCapture(
        url: url, selector: selector, reason: "expected latest~N with N a whole number")
    }
    guard back < counted.count else {
      throw RedlineError.unknownCapture(
        url: url, selector: selector,
        reason: counted.count == captures.count
          ? "the page has only \(captures.count) captures"
          : "the page has only \(counted.count) version\(counted.count == 1 ? "" : "s") "
            + "(\(captures.count) captures)")
    }
    return counted[counted.count - 1 - back]
  }
  if isCompactTime(selector) {
    let matches = captures.filter { $0.time.description.hasPrefix(selector) }
    if matches.count == 1, let match = matches.first { return match }
    if matches.count > 1 {
      throw RedlineError.ambiguousCapture(
        url: url, selector: selector, matches: matches.map(\.time.description))
    }
  }
  guard let bound = try? storeTime(selector, bound: .end, now: now) else {
    throw RedlineError.unknownCapture(
      url: url, selector: selector,
      reason: "not a capture time, first, latest, latest~N or a date")
  }
  guard let inForce = captures.last(where: { $0.time <= bound }) else {
    throw RedlineError.unknownCapture(
      url: url, selector: selector,
      reason: "the first capture was taken later, at \(first.time.readable)")
  }
  return inForce
}

/// Whether a selector is written as capture times are (`20160705T1430`, `20160705`): digits,
/// then optionally `T`, digits and a `Z`.
private func isCompactTime(_ selector: String) -> Bool {
  selector.wholeMatch(of: #/\d{1,8}(?:T\d{0,6}Z?)?/#) != nil
}

/// A date or time a user typed, as the first (`atEnd: false`) or last (`atEnd: true`) capture
/// time it covers: `2016-07-05` covers the whole day, `2016-07-05T14` an hour,
/// `2016-07-05 14:30` a minute, `2016-07-05T14:30:15Z` one second. Times are UTC; a trailing
/// `Z` is allowed, and so is the compact form of capture times (`20160705T143015Z`).
/// - Returns: a capture time, or nil when the text is not such a date.
public func captureTimeBound(_ text: String, atEnd: Bool) -> CaptureTime? {
  var compact = text.filter { $0 != "-" && $0 != ":" }
  if compact.hasSuffix("Z") { compact.removeLast() }
  let parts = compact.split(
    maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "T" || $0 == " " })
  let day = String(parts[0])
  let clock = parts.count > 1 ? String(parts[1]) : ""
  guard day.count == 8, parts.count == 1 || !clock.isEmpty, [0, 2, 4, 6].contains(clock.count),
    (day + clock).allSatisfy({ $0.isASCII && $0.isNumber })
  else { return nil }
  let fill = atEnd ? "235959" : "000000"
  // Reject what the calendar would roll over (month 13, 31 June, hour 24).
  guard let time = CaptureTime(day + "T" + clock + fill.dropFirst(clock.count) + "Z"),
    let date = time.date, CaptureTime(date) == time
  else { return nil }
  return time
}
