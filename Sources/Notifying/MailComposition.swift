import FoundationEssentials

/// One mail about some edits, as RFC 5322 text with CRLF line ends: a UTF-8 plain-text body in
/// base64 (diffs hold lines far longer than the 998 characters a mail line may have), a subject
/// encoded as RFC 2047 words when it is not ASCII, and `X-Redline-Delivery` naming the first
/// delivery's key. `date` is the current time as RFC 5322 writes it.
func composeMail(
  events: [EditEvent], from sender: String, to recipient: String, key: String, date: String
) -> [UInt8] {
  let subject =
    events.count == 1
    ? "[redline] Edited: " + (events[0].title ?? events[0].url)
    : "[redline] \(events.count) edits"
  var body = ""
  for event in events {
    body += "\(event.title ?? event.url)\n\(event.url)\n"
    body += "edited between \(event.fromTime) and \(event.toTime)"
    body += event.stealth ? " (stealth: the page's updated date stayed the same)\n" : "\n"
    if !event.labels.isEmpty { body += "labels: " + event.labels.joined(separator: ", ") + "\n" }
    body += "+\(event.linesAdded) -\(event.linesRemoved) lines\n\n"
    body += event.wordDiff.isEmpty ? event.diff : event.wordDiff
    body += event.diff.hasSuffix("\n") || event.wordDiff.hasSuffix("\n") ? "\n" : "\n\n"
  }
  let headers = [
    "From: Redline <\(sender)>",
    "To: <\(recipient)>",
    "Subject: " + encodedHeaderWord(subject),
    "Date: " + date,
    "Message-ID: <\(key)@redline>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "X-Redline-Delivery: \(key)",
  ]
  let encoded = Data(body.utf8).base64EncodedString()
  var lines: [String] = []
  var index = encoded.startIndex
  while index < encoded.endIndex {
    let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
    lines.append(String(encoded[index..<end]))
    index = end
  }
  return Array(
    (headers.joined(separator: "\r\n") + "\r\n\r\n" + lines.joined(separator: "\r\n")
      + "\r\n").utf8)
}

/// A header value as it is when it is printable ASCII, else as RFC 2047 encoded words
/// (`=?UTF-8?B?…?=`), each under 76 characters, split between characters.
func encodedHeaderWord(_ text: String) -> String {
  let flattened = text.map { $0.isNewline ? " " : String($0) }.joined()
  guard !flattened.utf8.contains(where: { $0 < 0x20 || $0 > 0x7E }) else {
    var words: [String] = []
    var chunk = ""
    for character in flattened {
      if chunk.utf8.count + String(character).utf8.count > 45 {
        words.append(chunk)
        chunk = ""
      }
      chunk.append(character)
    }
    if !chunk.isEmpty { words.append(chunk) }
    return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }
      .joined(separator: "\r\n ")
  }
  return flattened
}

/// A time as RFC 5322 writes it, in UTC: `Tue, 05 Jul 2016 09:10:00 +0000`.
func mailDate(_ date: Date) -> String {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
  let parts = calendar.dateComponents(
    [.weekday, .year, .month, .day, .hour, .minute, .second], from: date)
  let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  func two(_ value: Int?) -> String {
    let number = value ?? 0
    return number < 10 ? "0\(number)" : "\(number)"
  }
  return "\(days[((parts.weekday ?? 1) - 1) % 7]), \(two(parts.day)) "
    + "\(months[((parts.month ?? 1) - 1) % 12]) \(parts.year ?? 1970) "
    + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
}
