import SnapshotStore

/// The audit as one self-contained HTML file: inline CSS, no script, nothing fetched. The only
/// URLs are the audited pages' own, as link targets. The markup is also well-formed XML, so an
/// XML parser can check it.
func renderAuditHTML(_ report: AuditReport) -> String {
  var out = auditHTMLHeading(
    summary: report.summary, scope: report.scope, generated: report.generated)
  for (index, page) in report.pages.enumerated() {
    out += auditHTMLSummaryRow(page, number: index + 1)
  }
  out += auditHTMLPagesOpening(report.unavailableLabels)
  for (index, page) in report.pages.enumerated() {
    out += auditHTMLPage(page, number: index + 1)
  }
  return out + auditHTMLEnd(empty: report.pages.isEmpty)
}

/// The HTML report up to its summary table's rows: the head, the heading, the table's head.
func auditHTMLHeading(summary: String, scope: String, generated: CaptureTime) -> String {
  var out = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title>Redline audit</title>
    <style>
    \(auditStyleSheet)</style>
    </head>
    <body>
    <header>
    <h1>Redline audit</h1>
    <p class="scope">\(escaped(summary)) · \(escaped(scope)) · made \
    \(escaped(generated.readable))</p>

    """
  out += "<table class=\"summary\">\n<thead><tr><th>Post</th><th>Edits</th><th>Stealth</th>"
  out += "<th>Removed or moved</th></tr></thead>\n<tbody>\n"
  return out
}

/// A page's row in the summary table, linking to its section (`number`, from 1).
func auditHTMLSummaryRow(_ page: PageAudit, number: Int) -> String {
  var out = "<tr><td><a href=\"#page-\(number)\">\(escaped(page.title ?? page.url))</a></td>"
  out += "<td>\(page.edits.count)</td><td>\(page.edits.count { $0.stealth })</td>"
  out += "<td>\(escaped(page.events.map(\.kind.rawValue).joined(separator: ", ")))</td></tr>\n"
  return out
}

/// From the end of the summary table to the opening of the pages' sections.
func auditHTMLPagesOpening(_ unavailable: [UnavailableLabel]) -> String {
  var out = "</tbody>\n</table>\n"
  for note in unavailableNote(unavailable) { out += "<p class=\"note\">\(escaped(note))</p>\n" }
  return out + "</header>\n<main>\n"
}

/// The end of the report, after the pages' sections.
func auditHTMLEnd(empty: Bool) -> String {
  (empty ? "<p>No page was edited, removed or moved.</p>\n" : "") + "</main>\n</body>\n</html>\n"
}

/// A page's section (`number`, from 1).
func auditHTMLPage(_ page: PageAudit, number: Int) -> String {
  var out = "<section class=\"page\" id=\"page-\(number)\">\n"
  out += "<h2>\(escaped(page.title ?? page.url))</h2>\n"
  out += "<p class=\"url\"><a href=\"\(escaped(page.url))\">\(escaped(page.url))</a></p>\n"
  out += "<ol class=\"timeline\">\n"
  var shownUpdated: String?
  for entry in TimelineEntry.timeline(of: page) {
    switch entry {
    case .version(let version, let edit):
      let kind = edit?.stealth == true ? "version stealth" : "version"
      out += "<li class=\"\(kind)\"><time>\(escaped(version.capture.readable))</time> "
      if let added = version.added {
        out += "<span class=\"counts\">+\(added) −\(version.removed ?? 0)</span> "
        if let edit {
          out += "<a href=\"#edit-\(number)-\(escaped(edit.to.description))\">edit</a> "
          out += labelBadges(edit)
        }
      } else {
        out += "first capture"
      }
      // The page's own updated date where it changed: a stealth edit is a version without one.
      if let updated = version.updated, updated != shownUpdated {
        let label = version.added == nil ? "dated" : "updated date now"
        out += " <span class=\"updated\">\(label) \(escaped(updated))</span>"
      }
      shownUpdated = version.updated
      out += "</li>\n"
    case .event(let event):
      out += "<li class=\"event \(event.kind.rawValue)\">"
      out += "<time>\(escaped(event.time.readable))</time> "
      out += "<strong>\(event.kind.rawValue)</strong>: \(escaped(event.detail))</li>\n"
    }
  }
  out += "</ol>\n"
  for edit in page.edits { out += editSection(edit, page: number) }
  out += "</section>\n"
  return out
}

private func labelBadges(_ edit: AuditEdit) -> String {
  var badges = edit.labels.map { "<span class=\"label \($0.rawValue)\">\(escaped($0.name))</span>" }
  if edit.stealth { badges.append("<span class=\"label stealth\">stealth edit</span>") }
  if badges.isEmpty {
    badges.append("<span class=\"label none\">\(escaped(edit.labelList))</span>")
  }
  return badges.joined(separator: " ")
}

private func editSection(_ edit: AuditEdit, page: Int) -> String {
  var out = "<article class=\"edit\" id=\"edit-\(page)-\(escaped(edit.to.description))\">\n"
  out += "<h3>Edit seen \(escaped(edit.to.readable))"
  out += " <span class=\"since\">since \(escaped(edit.from.readable))</span></h3>\n"
  out += "<p class=\"labels\">\(labelBadges(edit))</p>\n"
  let details = editDetails(edit)
  if !details.isEmpty {
    out += "<ul class=\"details\">\n"
    out += details.map { "<li>\(escaped($0))</li>\n" }.joined()
    out += "</ul>\n"
  }
  for passage in edit.passages {
    out += "<div class=\"passage\">\n"
    for paragraph in paragraphs(of: passage.pieces) {
      out += "<p>" + paragraph.joined() + "</p>\n"
    }
    out += "</div>\n"
  }
  out += "</article>\n"
  return out
}

/// The pieces of a change as HTML paragraphs, one per block: `\n` in a piece ends a paragraph.
private func paragraphs(of pieces: [ChangedPassage.Piece]) -> [[String]] {
  var paragraphs: [[String]] = [[]]
  for piece in pieces {
    for (index, line) in piece.text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      if index > 0 { paragraphs.append([]) }
      guard !line.isEmpty else { continue }
      let text = escaped(String(line))
      let marked =
        switch piece.kind {
        case .same: text
        case .removed: "<del>\(text)</del>"
        case .added: "<ins>\(text)</ins>"
        }
      paragraphs[paragraphs.count - 1].append(marked)
    }
  }
  return paragraphs.filter { !$0.isEmpty }
}

/// Text with the five characters that HTML and XML treat as markup escaped.
func escaped(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.utf8.count)
  for character in text {
    switch character {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(character)
    }
  }
  return out
}

/// The report's style: system fonts only, colours that survive printing, and a print sheet
/// that drops the summary's link colours and keeps each edit on one page where it fits.
private let auditStyleSheet = """
  :root { color-scheme: light; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
    color: #1d1d1f; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem 2rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h1::before { content: ""; display: inline-block; width: .9rem; height: .9rem;
    background: #c0262d; margin-right: .5rem; border-radius: 2px; }
  .scope { color: #555; margin: 0 0 1rem; }
  table.summary { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: .9rem; }
  table.summary th, table.summary td { border-bottom: 1px solid #ddd; padding: .3rem .5rem;
    text-align: left; vertical-align: top; }
  table.summary th { background: #f4f4f6; }
  a { color: #0b57d0; }
  .note { color: #8a5300; font-size: .9rem; }
  section.page { border-top: 3px solid #1d1d1f; margin-top: 2rem; padding-top: .5rem; }
  h2 { font-size: 1.3rem; margin: .25rem 0; }
  .url { margin: 0 0 .75rem; font-size: .85rem; word-break: break-all; }
  ol.timeline { list-style: none; margin: 0 0 1rem; padding: 0 0 0 1rem;
    border-left: 2px solid #ccc; }
  ol.timeline li { position: relative; margin: .35rem 0; padding-left: .5rem; }
  ol.timeline li::before { content: ""; position: absolute; left: -1.45rem; top: .45rem;
    width: .7rem; height: .7rem; border-radius: 50%; background: #888; border: 2px solid #fff; }
  ol.timeline li.stealth::before { background: #c0262d; }
  ol.timeline li.event::before { background: #8a5300; border-radius: 2px; }
  ol.timeline li.removed, ol.timeline li.moved { color: #8a5300; }
  time { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: .4rem; }
  .counts { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
  .updated { color: #666; font-size: .85rem; }
  .label { display: inline-block; font-size: .75rem; padding: 0 .45rem; border-radius: .6rem;
    background: #e8eaf0; color: #333; margin: 0 .15rem .15rem 0; white-space: nowrap; }
  .label.stealth { background: #c0262d; color: #fff; font-weight: 600; }
  .label.correction-note { background: #dbeafe; }
  .label.numbers { background: #fef3c7; }
  .label.typo { background: #e5e7eb; }
  article.edit { border: 1px solid #ddd; border-radius: 6px; padding: .5rem 1rem;
    margin: 1rem 0; }
  h3 { font-size: 1.05rem; margin: .25rem 0; }
  h3 .since { font-weight: normal; color: #666; font-size: .85rem; }
  ul.details { margin: .25rem 0; padding-left: 1.2rem; font-size: .9rem; }
  .passage { border-left: 3px solid #bbb; padding-left: .75rem; margin: .6rem 0; }
  .passage p { margin: .3rem 0; }
  del { background: #fde2e1; color: #8e1b1b; text-decoration: line-through; }
  ins { background: #d7f5dd; color: #0f5a23; text-decoration: none; }
  del, ins { padding: 0 .1rem; border-radius: 2px; }
  @media print {
    body { font-size: 10pt; max-width: none; padding: 0; }
    a { color: inherit; text-decoration: none; }
    section.page { break-before: page; border-top: none; }
    section.page:first-of-type { break-before: auto; }
    article.edit, ol.timeline li, table.summary tr { break-inside: avoid; }
    del, ins, .label, ol.timeline li::before { -webkit-print-color-adjust: exact;
      print-color-adjust: exact; }
    ins { text-decoration: underline; }
  }

  """
