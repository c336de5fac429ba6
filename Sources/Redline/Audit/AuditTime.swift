import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import SnapshotStore

/// Which end of a period a date bounds: a bare date starts its day for `since` and ends it for
/// `until`, so `--since 2016-07-01 --until 2016-07-01` is that whole day.
public enum PeriodBound: Sendable {
  /// The period's first instant.
  case start
  /// The period's last instant, inclusive.
  case end
}

/// Reads a date or time a user typed (`--since`, `--until`, and the dates `diff`, `show`
/// and `log` take) as a store time (UTC, to the second). The one parser of user times.
///
/// Accepted: what `captureTimeBound(_:atEnd:)` reads (a date such as `2016-07-01`, the whole
/// day; an hour, a minute or a second such as `2016-07-01T10:30` or `2016-07-01 10:30:00`; a
/// trailing `Z`; a store time `20160701T103000Z`); full ISO 8601 times with a UTC offset
/// (`2016-07-01T12:30:00+02:00`, `-0700`) or a fraction of a second, which is ignored; and
/// times relative to `now` (see `relativeTime(_:bound:now:)`): `today` and `yesterday` (whole
/// UTC days), `now`, `3 days ago`, `2 weeks ago`, `an hour ago` (instants).
///
///     try storeTime("2016-07-01", bound: .end)                // "20160701T235959Z"
///     try storeTime("2016-07-01T12:00+02:00", bound: .start)  // "20160701T100000Z"
///     try storeTime("yesterday", bound: .start, now: d)       // the day before d, 00:00:00
///
/// - Throws: `RedlineError.badTime` naming the text.
public func storeTime(_ text: String, bound: PeriodBound, now: Date = Date()) throws
  -> CaptureTime
{
  let trimmed = text.trimmingSpaces()
  if let relative = relativeTime(trimmed, bound: bound, now: now) { return relative }
  var local = trimmed
  var offsetSeconds = 0
  if let match = trimmed.wholeMatch(of: zonedTimePattern) {
    local = String(match.output.1)
    guard let offset = zoneOffsetSeconds(match.output.2.map(String.init)) else {
      throw RedlineError.badTime(text)
    }
    offsetSeconds = offset
  }
  guard let time = captureTimeBound(local, atEnd: bound == .end), let date = time.date else {
    throw RedlineError.badTime(text)
  }
  return offsetSeconds == 0 ? time : CaptureTime(date.addingTimeInterval(-Double(offsetSeconds)))
}

/// A period a user typed as `--since` and `--until`, each read by `storeTime` (its start and its
/// end), either one optional.
/// - Throws: `RedlineError.badTime`, or `.emptyPeriod` when the start is after the end (`--since
///   today --until yesterday`), which would silently match nothing.
public func storePeriod(since: String?, until: String?, now: Date = Date()) throws
  -> (start: CaptureTime?, end: CaptureTime?)
{
  let start = try since.map { try storeTime($0, bound: .start, now: now) }
  let end = try until.map { try storeTime($0, bound: .end, now: now) }
  if let start, let end, let since, let until, end < start {
    throw RedlineError.emptyPeriod(since: since, until: until)
  }
  return (start, end)
}

/// A time relative to `now`, or nil when the text is not one. `today` and `yesterday` are
/// whole days in UTC (their first or last second, as `bound` asks, as a date is); `now` and
/// `N UNITS ago` (`3 days ago`, `2 weeks ago`, `an hour ago`, `1 month ago`; units from
/// seconds to years, months and years on the calendar) are one instant.
func relativeTime(_ text: String, bound: PeriodBound, now: Date) -> CaptureTime? {
  let lowered = text.lowercased()
  switch lowered {
  case "now": return CaptureTime(now)
  case "today", "yesterday":
    let day = now.addingTimeInterval(lowered == "today" ? 0 : -secondsPerDay)
    return captureTimeBound(String(CaptureTime.string(from: day).prefix(8)), atEnd: bound == .end)
  default: break
  }
  guard let match = lowered.wholeMatch(of: agoPattern) else { return nil }
  let count = Int(match.output.1) ?? 1
  let unit = String(match.output.2)
  if let seconds = relativeUnitSeconds[unit] {
    return CaptureTime(now.addingTimeInterval(-Double(count) * seconds))
  }
  // Months and years: the same day and time that many months or years back (timegm
  // normalizes 31 March minus a month to 3 March, as git's dates do).
  var seconds = time_t(now.timeIntervalSince1970)
  var parts = tm()
  guard gmtime_r(&seconds, &parts) != nil else { return nil }
  if unit == "month" { parts.tm_mon -= Int32(count) } else { parts.tm_year -= Int32(count) }
  return CaptureTime(Date(timeIntervalSince1970: Double(timegm(&parts))))
}

/// `3 days ago`, `an hour ago`, `1 week ago`.
private var agoPattern: Regex<(Substring, Substring, Substring)> {
  #/(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago/#
}

/// The units of `N UNITS ago` that are a fixed number of seconds.
private let relativeUnitSeconds: [String: Double] = [
  "second": 1, "minute": 60, "hour": 3600, "day": secondsPerDay, "week": 7 * secondsPerDay,
]

private let secondsPerDay = 86_400.0

/// A date and a time, then a fraction of a second and a zone (`Z`, `+02:00`, `-0700`), either
/// of which may be missing.
private var zonedTimePattern: Regex<(Substring, Substring, Substring?)> {
  #/(\d{4}-?\d{2}-?\d{2}[T ]\d{2}(?::?\d{2}){0,2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?/#
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
