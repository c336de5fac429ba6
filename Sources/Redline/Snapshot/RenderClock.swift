import ArticleExtraction
import FoundationEssentials
import SnapshotStore

/// How far from the time a page was served an updated time may be and still be the time the
/// page was made (a template that writes `dateModified` or `article:modified_time` as the time
/// of the request, or of the cache's fill).
let renderClockSlackSeconds = 3600.0

/// How far from a page's serving time an updated date without a time may be: a day in any time
/// zone (UTC−12 to UTC+14) and the slack above.
let renderDateSlackSeconds = 14 * 3600.0 + renderClockSlackSeconds

/// The header lines that hold a date a page can take from the clock that serves it: a
/// template's render time in `dateModified`, or today's date printed in a post's header box or
/// a site's date bar, which the extractor reads as the post's dateline (`Published:` when the
/// metadata gives no date, `Updated:` for a dateline that calls itself an update, `Shown date:`
/// beside a metadata date).
let clockLineNames = ["Published", "Updated", ArticleText.shownDateName]

/// Whether two versions of an article differ only in their date lines (`clockLineNames`), and
/// each date that moved is, on each side, the time that side was served: the page writes the
/// time (or the day) it was made, not the post's. Such a page would otherwise be `changed` at
/// every check (every day, for a day) though nobody edited it. A real change of a date leaves
/// a date that is not its check's own, or comes with a change of another line, and is an edit.
///
/// A date line moved with the clock when it is on both sides, each value the serving time of
/// its side (within `renderClockSlackSeconds` for a time, or within the day in some time zone
/// for a date alone: `isServingTime`). A `Shown date:` line may also be on one side only: the
/// extractor writes none when the dateline's day is the metadata's published or updated day,
/// so a post published (or updated) the day it was first checked, under a header that prints
/// today's date, gains the line the next day. That side must then give a `Published:` or
/// `Updated:` day that is its own serving day, the day its dateline would have shown.
///
/// One page alone cannot tell today's date from a post dated today (a rule "not the day of the
/// check" would give a post checked on the day it was published a `Published:` line the next
/// day); two versions and their serving times can. A post re-dated to the very day of a check
/// looks like the clock at that check; the first check once that day is over in every time
/// zone, its date no longer the serving day, finds it (`SnapshotService.storeCheck` says
/// `unchanged` for one check only), unless the old page was served again on a later day.
///
///     isRenderClockOnly(
///       old: "Title: A\nUpdated: 2026-12-06T10:00:02Z\n\nBody\n", servedAt: "20261206T100000Z",
///       new: "Title: A\nUpdated: 2026-12-07T10:00:01Z\n\nBody\n", servedAt: "20261207T100000Z")
///     // true
///     isRenderClockOnly(
///       old: "Title: A\nPublished: 2026-12-06\n\nBody\n", servedAt: "20261206T100000Z",
///       new: "Title: A\nPublished: 2026-12-07\n\nBody\n", servedAt: "20261207T100000Z")
///     // true
///
/// `oldServed` and `newServed`: when the page's checks received each version's very page (its
/// body, byte for byte) again, from the first to the last time (`BodySightings`). A date line
/// that stayed as it was on a day that is no longer its day in any time zone is the post's, not
/// the clock's: a post dated July 2 and served the same on July 5 does not print today's
/// date, and a re-dating of it to the day of a later check is an edit.
func isRenderClockOnly(
  old: String, servedAt oldTime: CaptureTime, new: String, servedAt newTime: CaptureTime,
  oldServed: ClosedRange<CaptureTime>? = nil, newServed: ClosedRange<CaptureTime>? = nil
) -> Bool {
  let before = DateLines(old, servedAt: oldTime, alsoServed: oldServed)
  let after = DateLines(new, servedAt: newTime, alsoServed: newServed)
  guard before.dates != after.dates, before.sameRest(as: after) else { return false }
  return clockLineNames.allSatisfy { name in
    switch (before.dates[name], after.dates[name]) {
    case (nil, nil): return true
    case (let old?, let new?):
      return old == new || (before.isServingTime(old) && after.isServingTime(new))
    case (nil, let new?):
      return name == ArticleText.shownDateName && after.isServingTime(new)
        && before.datesServingDay
    case (let old?, nil):
      return name == ArticleText.shownDateName && before.isServingTime(old)
        && after.datesServingDay
    }
  }
}

/// A version's date lines (`clockLineNames`) apart from the rest of its text, and the time it
/// was served.
private struct DateLines {
  /// The date lines' values by name.
  var dates: [String: String] = [:]
  /// The other header lines, and the text after the header: the rest of the text, as slices
  /// of it (a version's text is not copied).
  var otherHeader: [Substring] = []
  var afterHeader: Substring = ""
  let servedAt: CaptureTime
  /// When the same page was served again, from the first to the last time, if it was.
  let alsoServed: ClosedRange<CaptureTime>?

  /// Splits `text`, reading its header as `ArticleParts` does (`ArticleParts.headerLines`).
  init(_ text: String, servedAt time: CaptureTime, alsoServed: ClosedRange<CaptureTime>?) {
    (servedAt, self.alsoServed) = (time, alsoServed)
    let split = ArticleParts.headerLines(of: text[...])
    for line in split.lines {
      if clockLineNames.contains(String(line.name)) {
        dates[String(line.name)] = String(line.value)
      } else {
        otherHeader.append(line.line)
      }
    }
    afterHeader = split.rest
  }

  /// Whether two versions are the same but for their date lines.
  func sameRest(as other: DateLines) -> Bool {
    otherHeader == other.otherHeader && afterHeader == other.afterHeader
  }

  /// Whether a date line's value names the time this version was served, and still names it,
  /// within the slack of a day, at the first and the last time the same page was served (a
  /// cache may serve a render time for hours, not a day's date for days).
  func isServingTime(_ value: String) -> Bool {
    guard namesServingTime(value, servedAt) else { return false }
    guard let alsoServed else { return true }
    return namesServingTime(value, alsoServed.lowerBound, slack: renderDateSlackSeconds)
      && namesServingTime(value, alsoServed.upperBound, slack: renderDateSlackSeconds)
  }

  /// Whether the `Published:` or `Updated:` line gives the day this version was served: a
  /// dateline showing that day agreed with it, and wrote no `Shown date:` line.
  var datesServingDay: Bool {
    ["Published", "Updated"].contains { name in
      guard let value = dates[name], value.utf8.count >= 10 else { return false }
      return isServingTime(String(value.prefix(10)))
    }
  }
}

/// Whether a date value (`2026-12-07`, `2026-12-07T10:00:01-05:00`) names the time `time`:
/// within `renderClockSlackSeconds` of it, or for a date alone or a time without a zone (the
/// site's local time), within a day in some time zone.
/// A month or a year alone names no serving time, nor does a word (`today`: only digits are
/// read).
/// `slack`: the slack for a time as well as a day (the time a page served again still shows).
private func namesServingTime(_ value: String, _ time: CaptureTime, slack wide: Double? = nil)
  -> Bool
{
  guard value.first?.isNumber == true, let served = time.date,
    let start = (try? storeTime(value, bound: .start))?.date,
    let end = (try? storeTime(value, bound: .end))?.date,
    end.timeIntervalSince(start) < 86_400
  else { return false }
  // A time to the second or the minute with its zone, or a day, or a time without a zone: the
  // time in some zone (UTC−12 to UTC+14), which the page does not name.
  let isTime = end.timeIntervalSince(start) < 3600
  let slack = wide ?? (isTime && hasZone(value) ? renderClockSlackSeconds : renderDateSlackSeconds)
  return served.timeIntervalSince(start) >= -slack && served.timeIntervalSince(end) <= slack
}

/// Whether a time (`2026-12-07T10:00:01-05:00`, `…Z`) names its zone; a local time
/// (`2026-12-07T10:00:01`) does not.
private func hasZone(_ time: String) -> Bool {
  let clock = time.utf8.dropFirst(10)
  return clock.last == UInt8(ascii: "Z") || clock.contains(UInt8(ascii: "+"))
    || clock.contains(UInt8(ascii: "-"))
}

/// When each page body a page's checks received was served: the first and the last check that
/// read an article in it (stored it, or found it unchanged or back), by the body's SHA-256
/// (`HistoryEntry.bodySHA256`). The same bytes are the same article with the same date lines;
/// the history keeps no text hash of its own for an `unchanged` check (the store writes the
/// capture's), so the body is what tells a check that was served the capture's very page. A
/// 304 received no body (its line repeats the last one's hash): the server's validators may
/// follow the post while its theme prints today's date, so it is no sighting.
struct BodySightings {
  private var times: [String: ClosedRange<CaptureTime>] = [:]

  init(_ history: [HistoryEntry]) {
    for entry in history where entry.sawArticle && entry.status != 304 {
      guard let body = entry.bodySHA256 else { continue }
      let time = entry.time
      times[body] =
        times[body].map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
    }
  }

  /// When the body was served, if a check read an article in it.
  subscript(body: String) -> ClosedRange<CaptureTime>? { times[body] }
}
