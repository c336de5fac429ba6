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
  entries.sort { ($0.edit.to, $0.edit.id ?? "") > ($1.edit.to, $1.edit.id ?? "") }
  let scope = [report.since ?? "", report.until ?? "", report.host ?? ""].joined(separator: "\n")
  let feedID = "urn:redline:audit:" + sha256Hex(Array(scope.utf8)).prefix(32)
  let updated = entries.first.map { rfc3339($0.edit.to) } ?? rfc3339(report.generated)
  var out = """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>\(feedID)</id>
      <title>\(xmlEscaped("Redline audit: edits, " + report.scope))</title>
      <updated>\(updated)</updated>
      <author><name>Redline</name></author>
      <generator version="\(xmlEscaped(redlineVersion))">Redline</generator>

    """
  for (page, edit) in entries {
    let title = page.title ?? page.url
    let stealth = edit.stealth ? " (stealth edit)" : ""
    let summary =
      "\(edit.labelList); +\(edit.linesAdded) -\(edit.linesRemoved) lines; "
      + "\(CaptureTime.readable(edit.from)) to \(CaptureTime.readable(edit.to))"
      + (edit.stealth ? "; stealth edit: " + edit.stealthReason : "")
    let id = edit.id ?? editID(url: page.url, from: (edit.from, ""), to: (edit.to, ""))
    out += """
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
  return out + "</feed>\n"
}

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
