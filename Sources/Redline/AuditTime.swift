import Foundation
import SnapshotStore

/// Which end of a period a date bounds: a bare date starts its day for `since` and ends it for
/// `until`, so `--since 2016-07-01 --until 2016-07-01` is that whole day.
public enum PeriodBound: Sendable {
  /// The period's first instant.
  case start
  /// The period's last instant, inclusive.
  case end
}

/// Reads a `--since`/`--until` value as a store time (`YYYYMMDDTHHMMSSZ`, UTC).
///
/// Accepted: a date (`2016-07-01`, the whole day in UTC), a full time
/// (`2016-07-01T10:30`, `2016-07-01T10:30:00`, `2016-07-01 10:30:00`, UTC unless it ends in
/// `Z` or an offset such as `+02:00` or `-0700`; fractions of a second are ignored), or a
/// store time (`20160701T103000Z`).
///
///     try storeTime("2016-07-01", bound: .end)            // "20160701T235959Z"
///     try storeTime("2016-07-01T12:00+02:00", bound: .start)  // "20160701T100000Z"
///
/// - Throws: `RedlineError.badTime` naming the text.
public func storeTime(_ text: String, bound: PeriodBound) throws -> String {
  let trimmed = text.trimmingCharacters(in: .whitespaces)
  if CaptureTime.isValid(trimmed), CaptureTime.date(from: trimmed) != nil { return trimmed }
  guard let match = trimmed.wholeMatch(of: isoTimePattern) else {
    throw RedlineError.badTime(text)
  }
  let (_, year, month, day, hour, minute, second, zone) = match.output
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
  let timeGiven = hour != nil
  let components = DateComponents(
    year: Int(year), month: Int(month), day: Int(day),
    hour: hour.flatMap { Int($0) } ?? (bound == .end && !timeGiven ? 23 : 0),
    minute: minute.flatMap { Int($0) } ?? (bound == .end && !timeGiven ? 59 : 0),
    second: second.flatMap { Int($0) } ?? (bound == .end && !timeGiven ? 59 : 0))
  guard components.isValidDate(in: calendar), let local = calendar.date(from: components),
    let offset = zoneOffsetSeconds(zone.map(String.init))
  else { throw RedlineError.badTime(text) }
  return CaptureTime.string(from: local.addingTimeInterval(-Double(offset)))
}

/// `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, `:SS`, a fraction, and a zone.
private var isoTimePattern:
  Regex<
    (Substring, Substring, Substring, Substring, Substring?, Substring?, Substring?, Substring?)
  >
{
  #/(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/#
}

/// The seconds east of UTC of `Z`, `+02:00` or `-0700`; 0 for none; nil if out of range.
private func zoneOffsetSeconds(_ zone: String?) -> Int? {
  guard let zone, zone != "Z" else { return 0 }
  let digits = zone.dropFirst().filter(\.isNumber)
  guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
    hours <= 14, minutes < 60
  else { return nil }
  return (zone.hasPrefix("-") ? -1 : 1) * (hours * 3600 + minutes * 60)
}
