/// A time between two checks, written as a number and a unit: `90s`, `15m`, `1h`, `7d`, or
/// several of them together (`1h30m`).
///
/// Invariant: at least one second and at most `maximumSeconds`.
public struct WatchInterval: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  /// The interval in seconds.
  public let seconds: Int64

  /// The longest interval accepted: a year.
  public static let maximumSeconds: Int64 = 366 * 86_400

  /// Creates an interval of `seconds`, or nil outside 1 s … a year.
  public init?(seconds: Int64) {
    guard seconds >= 1, seconds <= Self.maximumSeconds else { return nil }
    self.seconds = seconds
  }

  /// Parses `90s`, `15m`, `1h`, `7d`, `1h30m`.
  /// - Throws: `WatchListError.badInterval` for anything else.
  public init(parsing text: String) throws(WatchListError) {
    var total: Int64 = 0
    var number: Int64?
    var sawUnit = false
    for scalar in text.unicodeScalars {
      if ("0"..."9").contains(scalar) {
        let digit = Int64(scalar.value - 48)
        let (times, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
        guard !overflow, times + digit <= Self.maximumSeconds else {
          throw .badInterval(text)
        }
        number = times + digit
        continue
      }
      guard let count = number, let unit = Self.unitSeconds[Character(scalar)] else {
        throw .badInterval(text)
      }
      total += count * unit
      guard total <= Self.maximumSeconds else { throw .badInterval(text) }
      number = nil
      sawUnit = true
    }
    guard sawUnit, number == nil, let interval = WatchInterval(seconds: total) else {
      throw .badInterval(text)
    }
    self = interval
  }

  private static let unitSeconds: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]

  /// The interval in the largest units that write it exactly: `90s`, `15m`, `1h30m`, `7d`.
  public var description: String {
    var rest = seconds
    var text = ""
    for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)]
    where rest >= size {
      text += "\(rest / size)\(unit)"
      rest %= size
    }
    return text
  }

  /// Encoded as its text, `15m`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// Decoded from its text.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = try WatchInterval(parsing: text)
  }
}
