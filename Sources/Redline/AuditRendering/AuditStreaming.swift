import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ArchiveQueries {
  /// The `audit` use case rendered as it is made, in memory that does not grow with the number
  /// of pages: the bytes `renderAudit(audit(options), as: format)` gives, handed to `write` in
  /// order.
  ///
  /// JSON is written page by page (its keys after `pages` come at the end). Text and Markdown
  /// open with counts of the whole report, so their pages wait in an unnamed temporary file
  /// until the counts are known. HTML opens with those counts and a table of contents, so its
  /// rows and its pages' sections wait in two such files. Atom's entries go newest first
  /// across pages: each waits in such a file, and only its time, id and place there are held
  /// to sort them.
  /// - Returns: the pages that could not be read, as `AuditReport.unreadablePages` names them.
  /// - Throws: `StoreError` when the store cannot be read.
  public func streamAudit(
    _ options: AuditOptions, as format: AuditFormat, write: ([UInt8]) -> Void
  ) throws -> [String] {
    switch format {
    case .json: return try streamAuditJSON(options, write: write)
    case .text, .markdown:
      let markdown = format == .markdown
      let spill = try SpillFile()
      var counts = AuditCounts()
      let ending = try audit(options) { page in
        counts.add(page)
        spill.append(markdown ? auditMarkdownPage(page) : auditTextPage(page))
      }
      let scope = auditScope(since: options.since, until: options.until, host: options.host)
      let heading =
        markdown
        ? auditMarkdownHeading(summary: counts.summary, scope: scope)
        : auditTextHeading(summary: counts.summary, scope: scope)
      write(Array(heading.utf8))
      try spill.copy(to: write)
      write(Array(auditTextEnd(ending.unavailableLabels).utf8))
      return ending.unreadablePages
    case .html: return try streamAuditHTML(options, write: write)
    case .atom: return try streamAuditAtom(options, write: write)
    }
  }

  /// The HTML report: the heading once the counts are known, the table's rows, then the
  /// pages' sections, each kept in a temporary file until then.
  private func streamAuditHTML(_ options: AuditOptions, write: ([UInt8]) -> Void) throws
    -> [String]
  {
    let rows = try SpillFile()
    let sections = try SpillFile()
    var counts = AuditCounts()
    let ending = try audit(options) { page in
      counts.add(page)
      rows.append(auditHTMLSummaryRow(page, number: counts.pages))
      sections.append(auditHTMLPage(page, number: counts.pages))
    }
    let scope = auditScope(since: options.since, until: options.until, host: options.host)
    write(
      Array(
        auditHTMLHeading(summary: counts.summary, scope: scope, generated: options.generated)
          .utf8))
    try rows.copy(to: write)
    write(Array(auditHTMLPagesOpening(ending.unavailableLabels).utf8))
    try sections.copy(to: write)
    write(Array(auditHTMLEnd(empty: counts.pages == 0).utf8))
    return ending.unreadablePages
  }

  /// The Atom feed: every entry rendered into a temporary file as its page is audited, then
  /// written in the feed's order (`AtomOrder`, newest first), after the heading whose
  /// `updated` is the newest entry's time.
  private func streamAuditAtom(_ options: AuditOptions, write: ([UInt8]) -> Void) throws
    -> [String]
  {
    let spill = try SpillFile()
    var entries: [(order: AtomOrder, start: Int, count: Int)] = []
    let ending = try audit(options) { page in
      for edit in page.edits {
        let start = spill.size
        spill.append(auditAtomEntry(edit, of: page))
        entries.append((AtomOrder(edit), start, spill.size - start))
      }
    }
    // The order `renderAuditAtom` sorts the same keys in.
    entries.sort { $0.order > $1.order }
    write(
      Array(
        auditAtomHeading(
          since: options.since, until: options.until, host: options.host,
          generated: options.generated, newest: entries.first?.order.time
        ).utf8))
    for entry in entries { write(try spill.bytes(at: entry.start, count: entry.count)) }
    write(Array(auditAtomEnd.utf8))
    return ending.unreadablePages
  }

  /// The JSON report (`JSONEncoder`, pretty, sorted keys) written page by page: the keys before
  /// `pages` from a report without pages, each page encoded on its own and indented as an
  /// element of `pages`, then the keys after `pages`, known at the end.
  private func streamAuditJSON(_ options: AuditOptions, write: ([UInt8]) -> Void) throws
    -> [String]
  {
    func shell(_ ending: AuditEnding) -> [UInt8] {
      renderAudit(
        AuditReport(
          since: options.since, until: options.until, host: options.host,
          generated: options.generated, pages: [], unavailableLabels: ending.unavailableLabels,
          unreadablePages: ending.unreadablePages), as: .json)
    }
    let emptyPages = Array("\n  \"pages\" : [\n\n  ]".utf8)
    let opening = shell(AuditEnding(unavailableLabels: [], unreadablePages: []))
    guard let openingMark = opening.firstRange(of: emptyPages) else {
      // Not the encoder's layout this was written for: the report whole.
      let report = try audit(options)
      write(renderAudit(report, as: .json))
      return report.unreadablePages
    }
    // Up to and with `"pages" : [`.
    write(Array(opening[..<(openingMark.lowerBound + emptyPages.count - 5)]))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var first = true
    let ending = try audit(options) { page in
      var element: [UInt8] = first ? [0x0A] : [UInt8(ascii: ","), 0x0A]
      first = false
      element += indented(Array(try encoder.encode(page)), by: 4)
      write(element)
    }
    let closing = shell(ending)
    guard let closingMark = closing.firstRange(of: emptyPages) else {
      return ending.unreadablePages
    }
    // `]` and what follows it; an empty array keeps its blank line.
    write(first ? [0x0A, 0x0A, 0x20, 0x20] : [0x0A, 0x20, 0x20])
    write(Array(closing[(closingMark.upperBound - 1)...]))
    return ending.unreadablePages
  }
}

/// JSON text moved right by `spaces`: every line that is not empty, as the encoder indents a
/// nested value (its strings hold no raw line breaks).
private func indented(_ json: [UInt8], by spaces: Int) -> [UInt8] {
  let indent = [UInt8](repeating: 0x20, count: spaces)
  var out: [UInt8] = []
  out.reserveCapacity(json.count + json.count / 8)
  var atLineStart = true
  for byte in json {
    if atLineStart && byte != 0x0A { out += indent }
    out.append(byte)
    atLineStart = byte == 0x0A
  }
  return out
}

/// An unnamed temporary file (`tmpfile`): removed by the system when closed, even after a
/// crash. Pages wait in it while their report's heading cannot be written yet.
private final class SpillFile {
  private let file: UnsafeMutablePointer<FILE>

  init() throws {
    guard let file = tmpfile() else {
      throw RedlineError.unwritableFile(
        path: "a temporary file", reason: String(cString: strerror(errno)))
    }
    self.file = file
  }

  /// Bytes appended so far.
  private(set) var size = 0

  func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes in size += fwrite(bytes.baseAddress, 1, bytes.count, file) }
  }

  /// `count` bytes appended from `start` on (after the last append).
  func bytes(at start: Int, count: Int) throws -> [UInt8] {
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, read in
      guard fflush(file) == 0, fseeko(file, off_t(start), SEEK_SET) == 0 else { return }
      read = fread(buffer.baseAddress, 1, count, file)
    }
    guard bytes.count == count else {
      throw RedlineError.unwritableFile(
        path: "a temporary file", reason: String(cString: strerror(errno)))
    }
    return bytes
  }

  /// Hands the file's bytes to `write`, in chunks.
  func copy(to write: ([UInt8]) -> Void) throws {
    guard fflush(file) == 0, ferror(file) == 0 else {
      throw RedlineError.unwritableFile(
        path: "a temporary file", reason: String(cString: strerror(errno)))
    }
    rewind(file)
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count > 0 { write(Array(chunk[..<count])) }
      if count < chunk.count { break }
    }
    guard ferror(file) == 0 else {
      throw RedlineError.unwritableFile(
        path: "a temporary file", reason: String(cString: strerror(errno)))
    }
  }

  deinit { fclose(file) }
}
