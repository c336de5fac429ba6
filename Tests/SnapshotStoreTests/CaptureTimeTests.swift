import Foundation
import SnapshotStore
import Testing

/// The store's times as Foundation's calendar made them before `CaptureTime` was a value: the
/// reference the value must agree with, byte for byte.
private enum CalendarReference {
  static var calendar: Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
    return calendar
  }

  static func string(from date: Date) -> String {
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: date)
    func pad(_ value: Int?, _ width: Int) -> String {
      let text = String(value ?? 0)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
      + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
  }

  static func date(from time: String) -> Date? {
    let digits = Array(time.utf8).filter { (48...57).contains($0) }.map { Int($0 - 48) }
    guard digits.count == 14 else { return nil }
    func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
    return calendar.date(
      from: DateComponents(
        year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10),
        minute: number(10..<12), second: number(12..<14)))
  }
}

@Suite struct CaptureTimeTests {
  /// A deterministic generator (SplitMix64), so a failure names the same instant every run.
  struct Numbers {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test func namesInstantsAsFoundationsCalendarDid() {
    var numbers = Numbers(state: 15)
    var instants: [Double] = [
      0, -1, -0.5, 59.999, 86_399.9, 951_782_400, 1_467_453_180, 4_102_444_800,
      -11_676_096_000, -11_676_096_001, 253_402_300_799, 253_402_300_800, -62_135_596_800,
      -12_219_292_800,
    ]
    for _ in 0..<3000 {
      // From about the year 1000 to 11000, whole and fractional seconds.
      let seconds = Double(Int64(numbers.next() % 284_000_000_000) - 30_000_000_000)
      instants.append(seconds)
      instants.append(seconds + Double(numbers.next() % 1000) / 1000)
    }
    for seconds in instants {
      let date = Date(timeIntervalSince1970: seconds)
      let expected = CalendarReference.string(from: date)
      #expect(CaptureTime.string(from: date) == expected, "\(seconds)")
      #expect(CaptureTime(date).description == expected, "\(seconds)")
    }
  }

  @Test func readsInstantsAsFoundationsCalendarDid() {
    var numbers = Numbers(state: 16)
    var texts = [
      "20160702T100000Z", "16000101T000000Z", "15821015T000000Z", "15821004T235959Z",
      "99991231T235959Z", "20161301T000000Z", "20160631T000000Z", "20160229T000000Z",
      "20170229T000000Z", "21000229T000000Z", "20000229T000000Z", "20160702T240000Z",
      "20160702T236000Z", "20160702T235960Z", "00000101T000000Z", "20160700T000000Z",
    ]
    for _ in 0..<3000 {
      let digits = (0..<14).map { _ in String(numbers.next() % 10) }
      texts.append(digits[0..<8].joined() + "T" + digits[8...].joined() + "Z")
      let seconds = Double(Int64(numbers.next() % 8_000_000_000))
      texts.append(CalendarReference.string(from: Date(timeIntervalSince1970: seconds)))
    }
    for text in texts {
      #expect(CaptureTime.date(from: text) == CalendarReference.date(from: text), "\(text)")
      #expect(CaptureTime(text)?.description == text)
    }
  }

  @Test func comparesAndFormatsAsTheTextDoes() throws {
    var numbers = Numbers(state: 17)
    let texts = (0..<500).map { _ in
      let digits = (0..<14).map { _ in String(numbers.next() % 10) }
      return digits[0..<8].joined() + "T" + digits[8...].joined() + "Z"
    }
    for (left, right) in zip(texts, texts.dropFirst()) {
      let a = try #require(CaptureTime(left))
      let b = try #require(CaptureTime(right))
      #expect((a < b) == (left < right))
      #expect((a == b) == (left == right))
    }
    let time = try #require(CaptureTime("20160702T100509Z"))
    #expect(time.readable == "2016-07-02 10:05:09 UTC")
    #expect(time.iso8601 == "2016-07-02T10:05:09Z")
    let parts: [Int] = [time.year, time.month, time.day, time.hour, time.minute, time.second]
    #expect(parts == [2016, 7, 2, 10, 5, 9])
    #expect(time.adding(seconds: 3600 * 14)?.description == "20160703T000509Z")
    // Text of the shape that no calendar has is still a value, printed as it was.
    #expect(CaptureTime.readable("20161399T999999Z") == "2016-13-99 99:99:99 UTC")
    for text in [
      "", "20160702T100000", "20160702 100000Z", "20160702T10000Z",
      "x0160702T100000Z", "20160702T100000Zx", "２0160702T100000Z",
    ] {
      #expect(CaptureTime(text) == nil, "\(text)")
      #expect(!CaptureTime.isValid(text))
      #expect(CaptureTime.readable(text) == text)
    }
  }

  @Test func encodesAsTheTextItIs() throws {
    let time = try #require(CaptureTime("20160702T100000Z"))
    let encoded = try JSONEncoder().encode([time])
    #expect(String(decoding: encoded, as: UTF8.self) == #"["20160702T100000Z"]"#)
    #expect(try JSONDecoder().decode([CaptureTime].self, from: encoded) == [time])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([CaptureTime].self, from: Data(#"["2016-07-02"]"#.utf8))
    }
  }
}
