import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import SnapshotStore

/// The formats of `redline audit`.
public enum AuditFormat: String, Sendable, CaseIterable {
  /// Plain text for a terminal: one block per page, unified diffs.
  case text
  /// Markdown: a section per page, diffs in fenced blocks.
  case markdown
  /// One self-contained HTML file: timelines and highlighted words, printable.
  case html
  /// One JSON object (the schema in the README).
  case json
  /// An Atom 1.0 feed, one entry per edit, for feed readers.
  case atom
}

/// Renders an audit report in one of the formats. The same report always gives the same bytes.
///
///     let report = try ArchiveQueries(store: store).audit(AuditOptions(generated: now))
///     print(String(decoding: renderAudit(report, as: .markdown), as: UTF8.self))
///
/// - Complexity: O(n) in the size of the report's diffs.
public func renderAudit(_ report: AuditReport, as format: AuditFormat) -> [UInt8] {
  switch format {
  case .text: Array(renderAuditText(report).utf8)
  case .markdown: Array(renderAuditMarkdown(report).utf8)
  case .html: Array(renderAuditHTML(report).utf8)
  case .json: renderAuditJSON(report)
  case .atom: Array(renderAuditAtom(report).utf8)
  }
}

extension AuditReport {
  /// `3 pages, 5 edits (2 stealth), 1 removal or move`, for headings.
  var summary: String {
    var counts = AuditCounts()
    for page in pages { counts.add(page) }
    return counts.summary
  }

  /// `since 2016-07-01 00:00:00 UTC, until …, host …`, or `all time`.
  var scope: String { auditScope(since: since, until: until, host: host) }
}

/// What an audit report counts in its heading, added up page by page.
struct AuditCounts {
  var pages = 0
  var edits = 0
  var stealth = 0
  var events = 0

  mutating func add(_ page: PageAudit) {
    pages += 1
    edits += page.edits.count
    stealth += page.edits.count { $0.stealth }
    events += page.events.count
  }

  /// `3 pages, 5 edits (2 stealth), 1 removal or move`, for headings.
  var summary: String {
    "\(counted(pages, "page")), \(counted(edits, "edit")) (\(stealth) stealth), "
      + counted(events, "removal or move", plural: "removals or moves")
  }
}

/// `since 2016-07-01 00:00:00 UTC, until …, host …`, or `all time`.
func auditScope(since: CaptureTime?, until: CaptureTime?, host: String?) -> String {
  let parts =
    [
      since.map { "since " + $0.readable }, until.map { "until " + $0.readable },
      host.map { "host " + $0 },
    ].compactMap { $0 }
  return parts.isEmpty ? "all time, every host" : parts.joined(separator: ", ")
}

extension AuditEdit {
  /// `numbers changed, title changed`, or `no label` for a rewording that fits none.
  var labelList: String {
    guard labels.isEmpty else { return labels.map(\.name).joined(separator: ", ") }
    return passages.isEmpty ? "header lines only (dates, URL, author)" : "no label (rewording)"
  }

  /// Why the edit is stealthy, for readers: which updated date stayed.
  var stealthReason: String {
    updatedAfter.map { "the page's updated date stayed \($0)" }
      ?? "the page shows no updated date, before or after"
  }
}

/// `1 page`, `2 pages`.
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
  "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}

/// One entry of a page's timeline: a version, or an event, in time order.
enum TimelineEntry {
  case version(AuditVersion, edit: AuditEdit?)
  case event(AuditEvent)

  var time: CaptureTime {
    switch self {
    case .version(let version, _): version.capture
    case .event(let event): event.time
    }
  }

  /// A page's versions and events, oldest first (a version before an event of the same time).
  static func timeline(of page: PageAudit) -> [TimelineEntry] {
    let edits = Dictionary(page.edits.map { ($0.to, $0) }) { first, _ in first }
    let entries =
      page.versions.map { TimelineEntry.version($0, edit: edits[$0.capture]) }
      + page.events.map { TimelineEntry.event($0) }
    return entries.enumerated().sorted {
      ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
    }.map(\.element)
  }
}

private func renderAuditText(_ report: AuditReport) -> String {
  auditTextHeading(summary: report.summary, scope: report.scope)
    + report.pages.map(auditTextPage).joined() + auditTextEnd(report.unavailableLabels)
}

func auditTextHeading(summary: String, scope: String) -> String {
  "Redline audit: \(summary); \(scope)\n"
}

func auditTextEnd(_ unavailable: [UnavailableLabel]) -> String {
  unavailableNote(unavailable).map { "\n\($0)\n" }.joined()
}

/// One page of the text report.
func auditTextPage(_ page: PageAudit) -> String {
  var out = ""
  out += "\n\(page.url)\n"
  if let title = page.title { out += "  \(title)\n" }
  for entry in TimelineEntry.timeline(of: page) {
    switch entry {
    case .version(let version, let edit):
      let counts = version.added.map { " +\($0) -\(version.removed ?? 0)" } ?? " first capture"
      out += "  \(version.capture.readable)  version\(counts)"
      if let edit {
        out += "  [\(edit.labelList)]"
        if edit.stealth { out += "  STEALTH EDIT: \(edit.stealthReason)" }
      }
      out += "\n"
    case .event(let event):
      out += "  \(event.time.readable)  \(event.kind.rawValue): \(event.detail)\n"
    }
  }
  for edit in page.edits {
    out += "\n  Edit seen \(edit.to.readable): \(edit.labelList)\n"
    out += editDetails(edit).map { "  \($0)\n" }.joined()
    out += edit.diff
  }
  return out
}

/// The detail lines of an edit: stealth, notes, links, undecided labels.
func editDetails(_ edit: AuditEdit) -> [String] {
  var lines: [String] = []
  if edit.stealth { lines.append("Stealth edit: \(edit.stealthReason).") }
  if edit.updatedBefore != edit.updatedAfter {
    lines.append("Updated date: \(edit.updatedBefore ?? "none") → \(edit.updatedAfter ?? "none").")
  }
  lines += edit.headerChanges.map {
    "\($0.name): \($0.before ?? "none") → \($0.after ?? "none")."
  }
  lines += edit.notes.map { "Note added: \($0)" }
  lines += edit.linksAdded.map { "Link added: \($0)" }
  lines += edit.linksRemoved.map { "Link removed: \($0)" }
  if !edit.unavailable.isEmpty {
    lines.append(
      "Not decided: \(edit.unavailable.map(\.name).joined(separator: ", ")) (raw HTML not kept).")
  }
  return lines
}

/// The report-wide note on labels that could not be decided.
func unavailableNote(_ report: AuditReport) -> [String] {
  unavailableNote(report.unavailableLabels)
}

/// The note on labels that could not be decided.
func unavailableNote(_ unavailable: [UnavailableLabel]) -> [String] {
  unavailable.map {
    "\"\($0.label.name)\" could not be decided for \(counted($0.edits, "edit")): \($0.reason)."
  }
}

private func renderAuditMarkdown(_ report: AuditReport) -> String {
  auditMarkdownHeading(summary: report.summary, scope: report.scope)
    + report.pages.map(auditMarkdownPage).joined() + auditTextEnd(report.unavailableLabels)
}

func auditMarkdownHeading(summary: String, scope: String) -> String {
  "# Redline audit\n\n\(summary); \(scope).\n"
}

/// One page of the Markdown report.
func auditMarkdownPage(_ page: PageAudit) -> String {
  var out = ""
  out += "\n## \(markdownEscaped(page.title ?? page.url))\n\n<\(page.url)>\n\n"
  for entry in TimelineEntry.timeline(of: page) {
    switch entry {
    case .version(let version, let edit):
      let counts =
        version.added.map { " (+\($0) −\(version.removed ?? 0))" } ?? " (first capture)"
      out += "- \(version.capture.readable): version\(counts)"
      if let edit {
        out += ": \(edit.labelList)"
        if edit.stealth { out += " — **stealth edit**" }
      }
      out += "\n"
    case .event(let event):
      out +=
        "- \(event.time.readable): **\(event.kind.rawValue)**: "
        + "\(markdownEscaped(event.detail))\n"
    }
  }
  for edit in page.edits {
    out += "\n### Edit seen \(edit.to.readable)\n\nLabels: \(edit.labelList).\n"
    let details = editDetails(edit)
    if !details.isEmpty { out += "\n" + details.map { "- \(markdownEscaped($0))\n" }.joined() }
    let fence = String(repeating: "`", count: max(3, longestBacktickRun(edit.diff) + 1))
    out += "\n\(fence)diff\n\(edit.diff)\(fence)\n"
  }
  return out
}

/// Escapes the characters Markdown would read as markup in running text.
private func markdownEscaped(_ text: String) -> String {
  var out = ""
  for character in text {
    if "\\`*_[]<>#|".contains(character) { out.append("\\") }
    out.append(character)
  }
  return out
}

private func longestBacktickRun(_ text: String) -> Int {
  var longest = 0
  var run = 0
  for character in text {
    run = character == "`" ? run + 1 : 0
    longest = max(longest, run)
  }
  return longest
}

private func renderAuditJSON(_ report: AuditReport) -> [UInt8] {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  guard let data = try? encoder.encode(report) else { return Array("{}\n".utf8) }
  return [UInt8](data) + [UInt8(ascii: "\n")]
}
