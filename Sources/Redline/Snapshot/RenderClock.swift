import FoundationEssentials
import SnapshotStore

/// How far from the time a page was served an updated time may be and still be the time the
/// page was made (a template that writes `dateModified` or `article:modified_time` as the time
/// of the request, or of the cache's fill).
let renderClockSlackSeconds = 3600.0

/// How far from a page's serving time an updated date without a time may be: a day in any time
/// zone (UTC−12 to UTC+14) and the slack above.
let renderDateSlackSeconds = 14 * 3600.0 + renderClockSlackSeconds

/// Whether two versions of an article differ only in their `Updated:` line, and each version's
/// updated time is the time it was served: the page writes the time it was made as its updated
/// date (a template that puts the request's time, or the day's date, in `dateModified`). Such a
/// page would otherwise be `changed` at every check though nobody edited it. A real update
/// changes a body line too, or leaves an updated time that is not the check's own.
///
///     isRenderClockOnly(
///       old: "Title: A\nUpdated: 2026-12-06T10:00:02Z\n\nBody\n", servedAt: "20261206T100000Z",
///       new: "Title: A\nUpdated: 2026-12-07T10:00:01Z\n\nBody\n", servedAt: "20261207T100000Z")
///     // true
func isRenderClockOnly(
  old: String, servedAt oldTime: CaptureTime, new: String, servedAt newTime: CaptureTime
) -> Bool {
  let (oldRest, oldUpdated) = withoutUpdatedLine(old)
  let (newRest, newUpdated) = withoutUpdatedLine(new)
  guard let oldUpdated, let newUpdated, oldUpdated != newUpdated, oldRest == newRest else {
    return false
  }
  return isServingTime(oldUpdated, of: oldTime) && isServingTime(newUpdated, of: newTime)
}

/// The text without the `Updated:` line of its header, and that line's value.
private func withoutUpdatedLine(_ text: String) -> (rest: String, updated: String?) {
  let prefix = "Updated: "
  var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  // Header lines come first, up to the first empty line.
  let headerEnd = lines.firstIndex(where: \.isEmpty) ?? lines.endIndex
  guard let index = lines[..<headerEnd].firstIndex(where: { $0.hasPrefix(prefix) }) else {
    return (text, nil)
  }
  let value = String(lines[index].dropFirst(prefix.count))
  lines.remove(at: index)
  return (lines.joined(separator: "\n"), value)
}

/// Whether an updated value (`2026-12-07`, `2026-12-07T10:00:01-05:00`) names the time `time`:
/// within `renderClockSlackSeconds` of it, or for a date alone, within a day in some time zone.
private func isServingTime(_ updated: String, of time: CaptureTime) -> Bool {
  guard let served = time.date,
    let start = (try? storeTime(updated, bound: .start))?.date,
    let end = (try? storeTime(updated, bound: .end))?.date
  else { return false }
  // A time to the second or the minute, or a day.
  let slack = end.timeIntervalSince(start) < 3600 ? renderClockSlackSeconds : renderDateSlackSeconds
  return served.timeIntervalSince(start) >= -slack && served.timeIntervalSince(end) <= slack
}
