import HTTPFetching
import Notifying
import SnapshotStore

/// The audit as an Atom 1.0 feed (RFC 4287): one entry per edit, newest first, for a feed
/// reader to follow. Entry ids are the edits' stable ids (`urn:redline:edit:…`, from the page
/// URL and the two captures' times and text hashes), so a reader that re-reads the feed sees
/// each edit once; the feed's id comes from the audit's scope (period and host), and its
/// `updated` is the latest edit's time, so the same store gives the same bytes.
func renderAuditAtom(_ report: AuditReport) -> String {
  var entries: [(page: PageAudit, edit: AuditEdit)] = []
  for page in report.pages {
    for edit in page.edits { entries.append((page, edit)) }
  }
  entries.sort { AtomOrder($0.edit) > AtomOrder($1.edit) }
  var out = auditAtomHeading(
    since: report.since, until: report.until, host: report.host, generated: report.generated,
    newest: entries.first?.edit.to)
  for (page, edit) in entries { out += auditAtomEntry(edit, of: page) }
  return out + auditAtomEnd
}

/// The order of the feed's entries (newest first: descending): the edit's time, then its id.
struct AtomOrder: Comparable {
  let time: CaptureTime
  let id: String

  init(_ edit: AuditEdit) {
    time = edit.to
    id = edit.id ?? ""
  }

  static func < (left: AtomOrder, right: AtomOrder) -> Bool {
    (left.time, left.id) < (right.time, right.id)
  }
}

/// The feed up to its first entry; `newest` is the time of the first entry's edit (the feed's
/// `updated`), nil when the feed has none.
func auditAtomHeading(
  since: CaptureTime?, until: CaptureTime?, host: String?, generated: CaptureTime,
  newest: CaptureTime?
) -> String {
  let scope = [since?.description ?? "", until?.description ?? "", host ?? ""].joined(
    separator: "\n")
  let feedID = "urn:redline:audit:" + sha256Hex(Array(scope.utf8)).prefix(32)
  let updated = rfc3339(newest ?? generated)
  let title = "Redline audit: edits, " + auditScope(since: since, until: until, host: host)
  return """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>\(feedID)</id>
      <title>\(xmlEscaped(title))</title>
      <updated>\(updated)</updated>
      <author><name>Redline</name></author>
      <generator version="\(xmlEscaped(redlineVersion))">Redline</generator>

    """
}

/// One edit's entry.
func auditAtomEntry(_ edit: AuditEdit, of page: PageAudit) -> String {
  let title = page.title ?? page.url
  let stealth = edit.stealth ? " (stealth edit)" : ""
  let summary =
    "\(edit.labelList); +\(edit.linesAdded) -\(edit.linesRemoved) lines; "
    + "\(edit.from.readable) to \(edit.to.readable)"
    + (edit.stealth ? "; stealth edit: " + edit.stealthReason : "")
  let id = edit.id ?? editID(url: page.url, from: (edit.from, ""), to: (edit.to, ""))
  return """
      <entry>
        <id>\(id)</id>
        <title>\(xmlEscaped("Edited: " + title + stealth))</title>
        <link rel="alternate" href="\(xmlEscaped(page.url))"/>
        <updated>\(rfc3339(edit.to))</updated>
        <published>\(rfc3339(edit.to))</published>
        <summary>\(xmlEscaped(summary))</summary>
        <content type="text">\(xmlEscaped(edit.diff))</content>
      </entry>

    """
}

/// The feed's end.
let auditAtomEnd = "</feed>\n"

/// Text as XML character data or an attribute value: escaped as for HTML (`escaped`), and the
/// characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) left out.
func xmlEscaped(_ text: String) -> String {
  var allowed = String.UnicodeScalarView()
  allowed.append(
    contentsOf: text.unicodeScalars.filter { scalar in
      scalar.value >= 0x20
        ? scalar.value != 0xFFFE && scalar.value != 0xFFFF
        : "\t\n\r".unicodeScalars.contains(scalar)
    })
  return escaped(String(allowed))
}
