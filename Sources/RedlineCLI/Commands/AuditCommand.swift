import ArgumentParser
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Redline
import SnapshotStore

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    _superCommandName: redlineCommandName,
    abstract: "List every page edited after its first capture, or removed or moved.",
    usage: "redline audit [<options>]",
    discussion: """
      Each edit is one version of a post against the one before it, with its time, its \
      diff and labels: typo or punctuation only, numbers changed, quotation changed, links \
      added or removed, caption changed, paragraphs added or removed, title changed, \
      correction or update note added. A "stealth edit" changed the body while the page's own updated date did \
      not. Two captures whose stored texts differ are compared as this release's extractor \
      reads their raw HTML, so a change of Redline's extractor between them is never an \
      edit (--as-stored compares the stored texts; captures made under extraction rules \
      always are). A post that starts answering 404 or 410 is reported as removed; one that now \
      redirects elsewhere, or whose canonical URL changed, as moved.

      --since and --until take a date (2016-07-01: the whole day, UTC), a time \
      (2016-07-01T10:30, 2016-07-01 10:30:00Z, 2016-07-01T12:30:00+02:00) or a capture \
      time (20160701T103000Z), or today, yesterday, N days ago (or hours, weeks, months); \
      both ends are included. Exit status: 0 when the audit ran (edits found or not), 2 when \
      the store cannot be read or a date is not one. --format atom writes an Atom 1.0 feed \
      with one entry per edit (stable ids, so a feed reader shows each edit once). Long output goes through $PAGER \
      (less -FRX) on a terminal; --no-pager writes it directly.

      Examples:
        redline audit --since 2016-07-01
        redline audit --host example.blogspot.com --format markdown > audit.md
        redline audit --format html > audit.html
        redline audit --since '1 week ago' --format json
        redline audit --format atom > /var/www/edits.atom
      """
  )

  @Option(
    help: ArgumentHelp("Leave out edits and events before this date or time.", valueName: "date"))
  var since: String?

  @Option(
    help: ArgumentHelp("Leave out edits and events after this date or time.", valueName: "date"))
  var until: String?

  @Option(help: ArgumentHelp("Only pages of this host.", valueName: "host"))
  var host: String?

  @Option(help: "The output format.")
  var format: AuditFormatOption = .text

  @Flag(
    help: """
      Find edits between the stored article texts as they are, not as today's extractor reads \
      the captures.
      """)
  var asStored = false

  @OptionGroup var pagerOptions: PagerOptions

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    let damaged = try reportingErrors {
      let queries = ArchiveQueries(store: try storeOptions.existingStore())
      let period = try storePeriod(since: since, until: until, now: queries.now)
      var options = AuditOptions(
        since: period.start, until: period.end, host: host, generated: CaptureTime(queries.now))
      options.asStored = asStored
      // Written as it is made: memory does not grow with the number of pages audited.
      let unreadable = try withPager(pagerOptions) {
        let output = OutputBuffer()
        defer { output.flush() }
        return try queries.streamAudit(options, as: format.format) { output.append($0) }
      }
      for damaged in unreadable { printError("damaged page: \(damaged)") }
      return unreadable.count
    }
    // Every readable page was audited; the damaged ones were named on standard error.
    if damaged > 0 { throw ExitCode(unreadablePagesExit) }
  }
}

/// `--format` values.
enum AuditFormatOption: String, ExpressibleByArgument, CaseIterable {
  case text, markdown, html, json, atom

  var format: AuditFormat {
    switch self {
    case .text: .text
    case .markdown: .markdown
    case .html: .html
    case .json: .json
    case .atom: .atom
    }
  }
}
