/// Converts between seconds since 1970 (UTC) and the IMF-fixdate form HTTP uses in
/// `Last-Modified` and `If-Modified-Since`, such as `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// Pure arithmetic (Howard Hinnant's `days_from_civil` and `civil_from_days`), so the result
/// never depends on the process's locale or time zone.
enum HTTPDate {
  private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  private static let secondsPerDay = 86_400

  /// Formats seconds since 1970 as an IMF-fixdate.
  static func format(secondsSince1970 seconds: Int) -> String {
    let days = seconds.floorDivided(by: secondsPerDay)
    let secondOfDay = seconds - days * secondsPerDay
    let (year, month, day) = civil(fromDays: days)
    // 1 January 1970 was a Thursday, the first entry of `weekdays`.
    let weekday = weekdays[days.floorModulo(7)]
    return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) "
      + "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):"
      + "\(twoDigits(secondOfDay % 60)) GMT"
  }

  /// Parses an IMF-fixdate; returns `nil` for anything else (the obsolete forms included).
  static func parse(_ text: String) -> Int? {
    let parts = text.split(separator: " ")
    guard parts.count == 6, parts[5] == "GMT",
      let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
      let year = Int(parts[3])
    else { return nil }
    let clock = parts[4].split(separator: ":").compactMap { Int($0) }
    guard clock.count == 3, (1...31).contains(day), (0..<24).contains(clock[0]),
      (0..<60).contains(clock[1]), (0...60).contains(clock[2])
    else { return nil }
    let days = self.days(fromCivil: (year, monthIndex + 1, day))
    return days * secondsPerDay + clock[0] * 3600 + clock[1] * 60 + clock[2]
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  private static func days(fromCivil date: (year: Int, month: Int, day: Int)) -> Int {
    let year = date.month <= 2 ? date.year - 1 : date.year
    let era = year.floorDivided(by: 400)
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date that is `days` after 1970-01-01.
  private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = shifted.floorDivided(by: 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

extension Int {
  /// Division rounding toward negative infinity, so dates before 1970 come out right.
  fileprivate func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  /// The remainder that goes with `floorDivided(by:)`, always in `0..<divisor`.
  fileprivate func floorModulo(_ divisor: Int) -> Int {
    self - floorDivided(by: divisor) * divisor
  }
}
