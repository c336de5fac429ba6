import ArgumentParser
import Redline
import SnapshotStore

struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    _superCommandName: redlineCommandName,
    abstract: "Read WARC, WARC.gz and WACZ files into the store as captures.",
    discussion: """
      Every HTML response becomes a check of its page at the record's WARC-Date, through \
      the same steps as snapshot: the article is extracted, compared with the page's \
      current capture, and stored when new or changed, with the file, the record ID and \
      the software that wrote the file (its warcinfo) as the capture's provenance. \
      Revisit records are read as the response they repeat. Non-HTML responses of pages \
      are recorded as such; those of other URLs (images, scripts) are only counted. \
      A response older than its page's latest check takes its place in the page's \
      timeline (compared with the version before it in time; nothing stored is \
      rewritten); one whose page already has a check at its time is left out, so \
      importing a file twice adds nothing. Files written by wget --warc-file, Browsertrix, ArchiveBox, pywb, \
      Heritrix and Redline read the same. A damaged or truncated file stops the import \
      before anything is stored: one error line, exit status 2.

      Example:
        redline import crawl.warc.gz archive.wacz --store Snapshots
      """
  )

  @Argument(help: "WARC (.warc, .warc.gz) or WACZ files.")
  var paths: [String]

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard !paths.isEmpty else { throw ValidationError("give at least one WARC or WACZ file") }
  }

  func run() async throws {
    let store = storeOptions.selectedStore
    let summary: ImportSummary
    do {
      try store.prepareForWriting()
      summary = try await importWebArchives(paths, into: store)
    } catch {
      printError(String(describing: error))
      throw ExitCode(2)
    }
    var extra = ""
    if summary.intoThePast > 0 {
      extra += ", \(summary.intoThePast) taken into their page's past"
    }
    if summary.alreadyImported > 0 { extra += ", \(summary.alreadyImported) already imported" }
    if summary.pastNotTaken > 0 {
      extra += ", \(summary.pastNotTaken) older 304s or non-HTML answers left out"
    }
    writeError(
      "redline: imported \(summary.records) records from \(summary.files) WARC files: "
        + "\(summary.captures) captures, \(summary.unchanged) unchanged, "
        + "\(summary.otherChecks) other checks, \(summary.resources) non-HTML resources, "
        + "\(summary.skipped) redirects or unreadable\(extra)\n")
  }
}
