import FoundationEssentials

/// A store time: a UTC instant to the second, written `YYYYMMDDTHHMMSSZ` in history lines,
/// capture file names and the activity index, so that names sort in time order.
///
/// The value is parsed once from the text (`CaptureTime("20160702T100000Z")`), compares as the
/// text does, and gives the text back byte for byte (`description`), so using it never
/// changes a stored byte. Any text of the store's shape is a value, even one the calendar
/// would roll over (month 13): such text was never written by Redline, but a damaged store
/// may hold it, and it must read (and print) as it did.
///
///     let time = CaptureTime("20160702T100000Z")!
///     time.readable  // "2016-07-02 10:00:00 UTC"
///     time < CaptureTime(Date())  // true
public struct CaptureTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The fourteen digits as one number (`YYYYMMDDHHMMSS`): it orders as the text does.
  private let digits: UInt64

  /// The time a text of the store's shape names; nil for any other text.
  public init?(_ text: String) {
    var text = text
    guard let value = text.withUTF8({ CaptureTime(utf8: $0) }) else { return nil }
    self = value
  }

  /// The time the bytes of a text of the store's shape name; nil for any other bytes.
  public init?<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) {
    guard bytes.count == 16 else { return nil }
    var digits: UInt64 = 0
    for (offset, byte) in bytes.enumerated() {
      switch offset {
      case 8: guard byte == UInt8(ascii: "T") else { return nil }
      case 15: guard byte == UInt8(ascii: "Z") else { return nil }
      default:
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
      }
    }
    self.digits = digits
  }

  /// The store time of an instant (the fraction of its second is dropped), from Foundation's
  /// Gregorian calendar in UTC, as the store's times have always been made.
  public init(_ date: Date) {
    let parts = utcCalendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: date)
    // A year past 9999 does not fit the store's shape: it keeps its digits, as the text did.
    let text =
      pad(parts.year ?? 0, 4) + pad(parts.month ?? 0, 2) + pad(parts.day ?? 0, 2) + "T"
      + pad(parts.hour ?? 0, 2) + pad(parts.minute ?? 0, 2) + pad(parts.second ?? 0, 2) + "Z"
    self = CaptureTime(text) ?? CaptureTime(overlong: text)
  }

  /// A time whose text is longer than the store's shape (a year past 9999): kept as the
  /// year's last four digits would be wrong, so its digits are kept whole.
  private init(overlong text: String) {
    digits = UInt64(text.filter(\.isNumber)) ?? 0
  }

  private func part(_ scale: UInt64, _ modulo: UInt64) -> Int { Int(digits / scale % modulo) }

  /// The year (four digits in every store time).
  public var year: Int { Int(digits / 10_000_000_000) }
  /// The month, 1–12 in every time Redline writes.
  public var month: Int { part(100_000_000, 100) }
  /// The day of the month.
  public var day: Int { part(1_000_000, 100) }
  /// The hour, UTC.
  public var hour: Int { part(10_000, 100) }
  /// The minute.
  public var minute: Int { part(100, 100) }
  /// The second.
  public var second: Int { part(1, 100) }

  /// The text as the store writes it: `20160702T100000Z`.
  public var description: String {
    guard year <= 9999 else {
      return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2)
        + pad(second, 2) + "Z"
    }
    return written([.year, .month, .day, "T", .hour, .minute, .second, "Z"])
  }

  /// `2016-07-02 10:00:00 UTC`, for people.
  public var readable: String { formatted(separator: " ", suffix: " UTC") }

  /// ISO 8601: `2016-07-02T10:00:00Z`.
  public var iso8601: String { formatted(separator: "T", suffix: "Z") }

  /// `YYYY-MM-DD`, `separator`, `HH:MM:SS`, then `suffix`.
  public func formatted(separator: String, suffix: String) -> String {
    guard year <= 9999 else {
      return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + separator + pad(hour, 2)
        + ":" + pad(minute, 2) + ":" + pad(second, 2) + suffix
    }
    return written([.year, "-", .month, "-", .day]) + separator
      + written([.hour, ":", .minute, ":", .second]) + suffix
  }

  /// A piece of a written time: a field's digits (zero-padded) or one ASCII character.
  private enum Piece: ExpressibleByUnicodeScalarLiteral {
    case year, month, day, hour, minute, second
    case character(UInt8)

    init(unicodeScalarLiteral scalar: Unicode.Scalar) {
      self = .character(UInt8(ascii: scalar))
    }
  }

  /// The pieces written into one string, without a string per field (`list` writes three
  /// times a page). Only for four-digit years.
  private func written(_ pieces: [Piece]) -> String {
    String(unsafeUninitializedCapacity: 20) { buffer in
      var count = 0
      func digits(_ value: Int, _ width: Int) {
        var value = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
          buffer[count + offset] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
        count += width
      }
      for piece in pieces {
        switch piece {
        case .year: digits(year, 4)
        case .month: digits(month, 2)
        case .day: digits(day, 2)
        case .hour: digits(hour, 2)
        case .minute: digits(minute, 2)
        case .second: digits(second, 2)
        case .character(let byte):
          buffer[count] = byte
          count += 1
        }
      }
      return count
    }
  }

  /// The instant, from Foundation's Gregorian calendar in UTC; a time the calendar would roll
  /// over (month 13, hour 24) rolls over as it does.
  public var date: Date? {
    utcCalendar.date(
      from: DateComponents(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second))
  }

  /// Whether its text has the store's shape (16 characters): false only past the year 9999.
  public var hasStoreShape: Bool { year <= 9999 }

  /// This time moved by whole seconds (negative: earlier).
  public func adding(seconds: Int64) -> CaptureTime? {
    date.map { CaptureTime($0.addingTimeInterval(Double(seconds))) }
  }

  /// Earlier times first, as their texts sort.
  public static func < (left: CaptureTime, right: CaptureTime) -> Bool {
    left.digits < right.digits
  }

  /// Decodes the store's text; other text is an error.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let time = CaptureTime(text) else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a store time"))
    }
    self = time
  }

  /// Encodes the store's text.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension CaptureTime {
  /// The store's name for an instant (seconds are truncated).
  public static func string(from date: Date) -> String {
    CaptureTime(date).description
  }

  /// The instant a store time names, or nil if it is not one.
  public static func date(from time: String) -> Date? {
    CaptureTime(time)?.date
  }

  /// Whether a string has the store's time shape.
  public static func isValid(_ text: String) -> Bool {
    CaptureTime(text) != nil
  }

  /// A stored time made readable: `2016-07-02 10:00:00 UTC`; a string that is not a stored
  /// time comes back as it is.
  public static func readable(_ time: String) -> String {
    CaptureTime(time)?.readable ?? time
  }
}

/// A number as decimal digits, zero-padded on the left to `width`.
private func pad(_ value: some BinaryInteger, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// Foundation's Gregorian calendar in UTC, which names every store time.
private let utcCalendar: Calendar = {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
  return calendar
}()
