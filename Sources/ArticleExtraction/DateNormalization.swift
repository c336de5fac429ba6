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

private let weekdayNames = [
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]

/// Whether a word is part of a written date: a month's or a weekday's name (in full or
/// abbreviated to three letters) or a word with a digit ("2024", "3rd").
func isDateWord(_ word: Substring) -> Bool {
  let lowercased = Substring(word.lowercased())
  return word.contains { $0.isNumber } || monthNumber(named: lowercased) != nil
    || weekdayNames.contains { $0 == lowercased || $0.prefix(3) == lowercased }
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

/// The day a line shown to readers names (a dateline: "Tuesday 15 October 2019 by …", "Last
/// updated September 15, 2016", "June 11th, 2024, 10:45 AM", "3/26/2015 7:11 AM PST",
/// "21.01.2019 13:49"), as ISO 8601 (`2019-10-15`), with the text before it; nil when it names
/// none. A month's name (`monthNumber`) takes the day right before or after it (an ordinal
/// ending, "11th", is read too) and a year of four digits in the next two words. Otherwise
/// three numbers with one separator (`/`, `.`, `-`) and a year of four digits, first or last.
/// With the year last, a dot or a hyphen means day, month, year; a slash reads as month, day,
/// year only when the second number cannot be a month (`3/26/2015`), and as day, month, year
/// when the first cannot be (`26/3/2015`): `3/4/2015` is left unread, as the page alone does
/// not say which it is.
func shownDay(in text: String) -> (day: String, before: Substring)? {
  // Each way below reads a year of four ASCII digits: text without four in a row (most
  // elements a dateline is looked for in) names no day.
  var digitsInARow = 0
  guard
    text.utf8.contains(where: { byte in
      digitsInARow = byte >= 0x30 && byte <= 0x39 ? digitsInARow + 1 : 0
      return digitsInARow == 4
    })
  else { return nil }
  var words: [(text: Substring, start: String.Index)] = []
  var cursor = text.startIndex
  while cursor < text.endIndex {
    guard text[cursor].isLetter || text[cursor].isNumber else {
      cursor = text.index(after: cursor)
      continue
    }
    let start = cursor
    while cursor < text.endIndex && (text[cursor].isLetter || text[cursor].isNumber) {
      cursor = text.index(after: cursor)
    }
    words.append((text[start..<cursor], start))
  }
  /// A day of the month: one or two digits, with an ordinal ending or none.
  func day(_ word: Substring) -> Int? {
    let digits = word.prefix { $0.isASCII && $0.isNumber }
    let ending = word.dropFirst(digits.count).lowercased()
    guard (1...2).contains(digits.count), ["", "st", "nd", "rd", "th"].contains(ending),
      let value = Int(digits), (1...31).contains(value)
    else { return nil }
    return value
  }
  func year(_ word: Substring) -> Int? {
    word.count == 4 && word.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(word) : nil
  }
  for (position, word) in words.enumerated() {
    guard let month = monthNumber(named: Substring(word.text.lowercased())) else { continue }
    // "August 20, 2019", then "20 August 2019" (not "09:31 August", a time's minutes).
    var (dayValue, first, after): (Int?, Int, Int) = (nil, position, position + 1)
    if after < words.count, let value = day(words[after].text),
      words[(after + 1)..<min(after + 3, words.count)].contains(where: { year($0.text) != nil })
    {
      (dayValue, after) = (value, after + 1)
    } else if position > 0, let value = day(words[position - 1].text),
      words[position - 1].start == text.startIndex
        || text[text.index(before: words[position - 1].start)] != ":"
    {
      (dayValue, first) = (value, position - 1)
    }
    guard let dayValue,
      let yearValue = words[after..<min(after + 2, words.count)].lazy.compactMap({
        year($0.text)
      }).first,
      let date = formattedDate(year: yearValue, month: month, day: dayValue)
    else { continue }
    return (date, text[..<words[first].start])
  }
  let scalars = Array(text.unicodeScalars)
  func isDigit(_ at: Int) -> Bool {
    at >= 0 && at < scalars.count && (48...57).contains(scalars[at].value)
  }
  func number(from start: Int) -> (value: Int, length: Int) {
    var (value, end) = (0, start)
    while isDigit(end) && end - start < 5 {
      value = value * 10 + Int(scalars[end].value - 48)
      end += 1
    }
    return (value, end - start)
  }
  var index = 0
  while index < scalars.count {
    guard isDigit(index), !isDigit(index - 1) else {
      index += 1
      continue
    }
    let start = index
    let first = number(from: index)
    let separatorAt = index + first.length
    guard separatorAt < scalars.count, [".", "/", "-"].contains(scalars[separatorAt]),
      isDigit(separatorAt + 1)
    else {
      index = separatorAt
      continue
    }
    let separator = scalars[separatorAt]
    let second = number(from: separatorAt + 1)
    let secondEnd = separatorAt + 1 + second.length
    guard secondEnd < scalars.count, scalars[secondEnd] == separator, isDigit(secondEnd + 1)
    else {
      index = separatorAt + 1
      continue
    }
    let third = number(from: secondEnd + 1)
    index = secondEnd + 1 + third.length
    guard !isDigit(index) else { continue }
    let before = String(String.UnicodeScalarView(scalars[..<start]))[...]
    if first.length == 4, second.length <= 2, third.length <= 2,
      let date = formattedDate(year: first.value, month: second.value, day: third.value)
    {
      return (date, before)
    }
    guard third.length == 4, first.length <= 2, second.length <= 2 else { continue }
    let (year, a, b) = (third.value, first.value, second.value)
    let date: String? =
      switch separator {
      case ".", "-": formattedDate(year: year, month: b, day: a)
      default:
        b > 12
          ? formattedDate(year: year, month: a, day: b)
          : a > 12 ? formattedDate(year: year, month: b, day: a) : nil
      }
    if let date { return (date, before) }
  }
  return nil
}
