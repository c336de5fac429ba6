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

/// Reads a `--since`/`--until` value as a store time (`YYYYMMDDTHHMMSSZ`, UTC).
///
/// Accepted: what `captureTimeBound(_:atEnd:)` reads (a date such as `2016-07-01`, the whole
/// day; an hour, a minute or a second such as `2016-07-01T10:30` or `2016-07-01 10:30:00`; a
/// trailing `Z`; a store time `20160701T103000Z`), and full ISO 8601 times with a UTC offset
/// (`2016-07-01T12:30:00+02:00`, `-0700`) or a fraction of a second, which is ignored.
///
///     try storeTime("2016-07-01", bound: .end)                // "20160701T235959Z"
///     try storeTime("2016-07-01T12:00+02:00", bound: .start)  // "20160701T100000Z"
///
/// - Throws: `RedlineError.badTime` naming the text.
public func storeTime(_ text: String, bound: PeriodBound) throws -> String {
  let trimmed = text.trimmingSpaces()
  var local = trimmed
  var offsetSeconds = 0
  if let match = trimmed.wholeMatch(of: zonedTimePattern) {
    local = String(match.output.1)
    guard let offset = zoneOffsetSeconds(match.output.2.map(String.init)) else {
      throw RedlineError.badTime(text)
    }
    offsetSeconds = offset
  }
  guard let time = captureTimeBound(local, atEnd: bound == .end),
    let date = CaptureTime.date(from: time)
  else { throw RedlineError.badTime(text) }
  return offsetSeconds == 0
    ? time : CaptureTime.string(from: date.addingTimeInterval(-Double(offsetSeconds)))
}

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
