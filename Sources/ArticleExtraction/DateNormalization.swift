import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the many ways pages write a date into ISO 8601: `2016-07-02`, or
/// `2016-07-02T08:53:00-07:00` when a time is given. Returns nil when the text holds no
/// plausible date.
///
///     normalizedDate("Saturday, July 2, 2016")        // "2016-07-02"
///     normalizedDate("2016-07-02T08:53:00.000-07:00") // "2016-07-02T08:53:00-07:00"
func normalizedDate(_ raw: String) -> String? {
  let text = raw.trimmingSpacesAndNewlines()
  guard !text.isEmpty else { return nil }
  return isoDate(text) ?? writtenDate(text)
}

private func isoDate(_ text: String) -> String? {
  let scalars = Array(text.unicodeScalars)
  var position = 0
  func number(_ digits: Int) -> Int? {
    guard position + digits <= scalars.count else { return nil }
    var value = 0
    for offset in 0..<digits {
      let scalar = scalars[position + offset].value
      guard (48...57).contains(scalar) else { return nil }
      value = value * 10 + Int(scalar - 48)
    }
    position += digits
    return value
  }
  func skip(_ separators: Set<Character>) -> Bool {
    guard position < scalars.count, separators.contains(Character(scalars[position])) else {
      return false
    }
    position += 1
    return true
  }
  guard let year = number(4), skip(["-", "/"]), let month = number(2), skip(["-", "/"]),
    let day = number(2), let date = formattedDate(year: year, month: month, day: day)
  else { return nil }
  guard skip(["T", " "]), let hour = number(2), skip([":"]), let minute = number(2) else {
    return date
  }
  var second = 0
  if skip([":"]) { second = number(2) ?? 0 }
  if skip([".", ","]) {
    while position < scalars.count, (48...57).contains(scalars[position].value) {
      position += 1
    }
  }
  guard hour < 24, minute < 60, second < 61 else { return date }
  let time = date + "T" + twoDigits(hour) + ":" + twoDigits(minute) + ":" + twoDigits(second)
  guard position < scalars.count else { return time }
  if skip(["Z", "z"]) { return time + "Z" }
  let sign = scalars[position]
  guard sign == "+" || sign == "-" else { return time }
  position += 1
  guard let offsetHours = number(2) else { return time }
  _ = skip([":"])
  let offsetMinutes = number(2) ?? 0
  return time + String(sign) + twoDigits(offsetHours) + ":" + twoDigits(offsetMinutes)
}

private let monthNames = [
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
]

/// The month a word names, in full or abbreviated to three letters (or "sept").
private func monthNumber(named word: Substring) -> Int? {
  guard word.count >= 3 else { return nil }
  let index = monthNames.firstIndex { name in
    name == word || name.prefix(3) == word || (word == "sept" && name == "september")
  }
  return index.map { $0 + 1 }
}

/// "July 2, 2016", "Saturday, July 2, 2016", "2 July 2016", "Sat, 02 Jul 2016 08:53:00 GMT".
private func writtenDate(_ text: String) -> String? {
  let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
  var month: Int?
  var numbers: [Int] = []
  for word in words {
    if month == nil, let found = monthNumber(named: word) {
      month = found
    } else if let value = Int(word), word.count <= 4 {
      numbers.append(value)
    }
  }
  guard let month else { return nil }
  guard let year = numbers.first(where: { $0 >= 1000 }),
    let day = numbers.first(where: { (1...31).contains($0) })
  else { return nil }
  return formattedDate(year: year, month: month, day: day)
}

private func formattedDate(year: Int, month: Int, day: Int) -> String? {
  guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
    return nil
  }
  return String(year) + "-" + twoDigits(month) + "-" + twoDigits(day)
}

private func twoDigits(_ value: Int) -> String {
  value < 10 ? "0\(value)" : "\(value)"
}
