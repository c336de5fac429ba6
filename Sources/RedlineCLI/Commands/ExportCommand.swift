import ArgumentParser
import FoundationEssentials
import Redline

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    _superCommandName: redlineCommandName,
    abstract: "Write captures as WARC 1.1 files with a CDXJ index, or as a WACZ package.",
    usage: "redline export --format warc|wacz --output <path> [<url> ...] [<options>]",
    discussion: """
      --format warc writes into the folder --output (created if needed) the files \
      redline-STAMP-00000.warc.gz, … (one gzip member per record, rolled at --max-file-size) \
      and redline-STAMP.cdxj, their CDXJ index sorted as LC_ALL=C sort. --format wacz writes \
      one WACZ 1.1.1 file (it must not exist). Each capture becomes its response record (and \
      a record per redirect hop), a resource record with the article text \
      (urn:redline:article:TIME:URL) and a metadata record with Redline's capture metadata \
      (urn:redline:capture:TIME:URL); a check whose body equals a kept one becomes a revisit \
      record. Checks whose body was not kept and matches no kept body are counted, not \
      written. The mapping is in docs/WARC.md.

      URLs, --host, --since and --until narrow what is exported (dates as in audit; both \
      ends included). Records are compressed at level 6; --compression-level 1 is faster and \
      writes about 4% more. Exit status: 0 when the export was written, 2 when it was not.

      Examples:
        redline export --format warc --output archive/
        redline export --format wacz --output blog.wacz --host example.blogspot.com
        redline export --format warc --output july/ --since 2016-07-01 \\
          --until 2016-07-31
      """
  )

  @Option(
    help: ArgumentHelp("warc (a folder of WARC files) or wacz (one file).", valueName: "format"))
  var format: ExportFormatOption

  @Option(help: ArgumentHelp("The folder (warc) or the file (wacz) to write.", valueName: "path"))
  var output: String

  @Argument(help: "Only these pages (all pages when none is given).")
  var urls: [String] = []

  @Option(help: ArgumentHelp("Only pages of this host or its subdomains.", valueName: "host"))
  var host: String?

  @Option(help: ArgumentHelp("Leave out checks before this date or time.", valueName: "date"))
  var since: String?

  @Option(help: ArgumentHelp("Leave out checks after this date or time.", valueName: "date"))
  var until: String?

  @Option(
    name: .customLong("max-file-size"),
    help: ArgumentHelp("Start a new WARC file before one grows past this many MB.", valueName: "MB")
  )
  var maxFileSizeMB: Int = 1000

  @Option(
    name: .customLong("compression-level"),
    help: ArgumentHelp(
      "The records' gzip level, \(ExportRequest.compressionLevels.lowerBound) (fastest) to "
        + "\(ExportRequest.compressionLevels.upperBound) (smallest).", valueName: "level"))
  var compressionLevel: Int = ExportRequest.defaultCompressionLevel

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard maxFileSizeMB > 0 else { throw ValidationError("--max-file-size must be at least 1") }
    guard ExportRequest.compressionLevels.contains(compressionLevel) else {
      let levels = ExportRequest.compressionLevels
      throw ValidationError(
        "--compression-level must be from \(levels.lowerBound) to \(levels.upperBound)")
    }
  }

  func run() throws {
    // Records are built on one thread and freed on another (see `import`).
    keepFreedMemoryForReuse()
    try reportingErrors {
      let now = Date()
      let period = try storePeriod(since: since, until: until, now: now)
      let request = ExportRequest(
        format: format.format, output: output, urls: urls, host: host,
        since: period.start, until: period.end,
        maxFileSize: maxFileSizeMB * 1_000_000, now: now, compressionLevel: compressionLevel)
      let summary = try exportWebArchive(from: try storeOptions.existingStore(), request)
      for file in summary.files { writeOutput(Array((file + "\n").utf8)) }
      let counts = [
        counted(summary.responses, "response"), counted(summary.revisits, "revisit"),
        counted(summary.records, "record"),
      ]
      let leftOut =
        summary.notExportable > 0
        ? "; \(counted(summary.notExportable, "check")) without a kept body left out" : ""
      writeError(
        "redline: exported \(counted(summary.pages, "page")): "
          + counts.joined(separator: ", ") + leftOut + "\n")
    }
  }
}

/// `--format` values of `export`.
enum ExportFormatOption: String, ExpressibleByArgument, CaseIterable {
  case warc, wacz

  var format: ExportRequest.Format {
    switch self {
    case .warc: .warc
    case .wacz: .wacz
    }
  }
}

/// `1 page`, `2 pages`.
private func counted(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
