import ArgumentParser
import Redline
import SnapshotStore
import WebArchive

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
      importing a file twice adds nothing. Files written by wget --warc-file, \
      Browsertrix, ArchiveBox, pywb, Heritrix and Redline read the same. A WARC file \
      damaged or cut short is imported up to the damage (the record before it left out \
      too, unless the file was only cut short), then one error line names the file and \
      the record, and the exit status is 2; a refused WACZ stores nothing.

      With --check-digests nothing is stored: every record of the files is read and its \
      WARC-Block-Digest and WARC-Payload-Digest compared with its bytes (as warcio check \
      does); one line per file, one per digest that does not match, and exit status 1 when \
      any does not.

      Examples:
        redline import crawl.warc.gz archive.wacz --store Snapshots
        redline import --check-digests crawl.warc.gz
      """
  )

  @Argument(help: "WARC (.warc, .warc.gz) or WACZ files.")
  var paths: [String]

  @Flag(help: "Only check every record's block and payload digests; store nothing.")
  var checkDigests = false

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard !paths.isEmpty else { throw ValidationError("give at least one WARC or WACZ file") }
  }

  func run() async throws {
    // Blocks are read on one thread and freed on another: without this, glibc hands each
    // freed buffer back to the kernel and the next is faulted in again, zeroed.
    keepFreedMemoryForReuse()
    if checkDigests { return try runDigestCheck() }
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
    if summary.unusable > 0 {
      extra += ", \(summary.unusable) without a readable target URL or WARC-Date left out"
    }
    if summary.notGet > 0 {
      extra += ", \(summary.notGet) answers to requests other than GET (a form posted) left out"
    }
    if summary.cutShort > 0 {
      extra += ", \(summary.cutShort) cut short (not read whole by the crawler) left out"
    }
    if summary.segmented > 0 {
      extra += ", \(summary.segmented) segmented records left out (Redline does not join segments)"
    }
    // A file that was damaged from its first record on gets its error line alone.
    let nothingRead = summary.records == 0 && !summary.damaged.isEmpty
    if !nothingRead {
      writeError(
        "redline: imported \(summary.records) records from \(summary.files) WARC files: "
          + "\(summary.captures) captures, \(summary.unchanged) unchanged, "
          + "\(summary.otherChecks) other checks, \(summary.resources) non-HTML resources, "
          + "\(summary.skipped) redirects or unreadable\(extra)\n")
    }
    // A damaged file: its records before the damage were imported; the damage is named.
    for damage in summary.damaged { printError(damage) }
    if !summary.damaged.isEmpty { throw ExitCode(2) }
  }

  /// `--check-digests`: one line per file, one per mismatch; exit 1 on any mismatch.
  private func runDigestCheck() throws {
    let results: [CheckedWARC]
    do {
      results = try checkWebArchiveDigests(paths)
    } catch {
      printError(String(describing: error))
      throw ExitCode(2)
    }
    var output = ""
    for result in results {
      let check = result.check
      let unchecked = check.unchecked > 0 ? ", \(check.unchecked) not checked" : ""
      output +=
        "\(result.label): \(check.records) records, \(check.blockDigests) block and "
        + "\(check.payloadDigests) payload digests match, \(check.mismatches.count) do not"
        + "\(unchecked)\n"
      for mismatch in check.mismatches { output += "  \(mismatch)\n" }
    }
    print(output, terminator: "")
    if results.contains(where: { !$0.check.mismatches.isEmpty }) { throw ExitCode(1) }
  }
}
