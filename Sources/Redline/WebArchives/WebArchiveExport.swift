import FoundationEssentials
import HTTPFetching
import SnapshotStore
import WebArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `redline export` writes, and from which checks.
public struct ExportRequest: Sendable {
  /// The archive format.
  public enum Format: String, Sendable, CaseIterable {
    /// WARC files and a CDXJ index, in a folder.
    case warc
    /// One WACZ file.
    case wacz
  }

  /// The archive format.
  public var format: Format
  /// For `warc`, the folder receiving the files; for `wacz`, the file.
  public var output: String
  /// Only these pages (URLs as given to `snapshot`); all pages when empty.
  public var urls: [String]
  /// Only pages on this host or its subdomains.
  public var host: String?
  /// Only checks at or after this time.
  public var since: CaptureTime?
  /// Only checks at or before this time.
  public var until: CaptureTime?
  /// Roll over to a new WARC file before one would grow past this many bytes.
  public var maxFileSize: Int
  /// The export's time: the `warcinfo` records' date and the file names' stamp.
  public var now: Date
  /// The gzip level of the records (`compressionLevels`, libdeflate's).
  public var compressionLevel: Int
  /// libdeflate's levels: 1 is fastest, 12 smallest.
  public static let compressionLevels = GzipCompressor.levels
  /// The level unless told: see docs/WARC.md ("Compression level").
  public static let defaultCompressionLevel = GzipCompressor.defaultLevel

  /// Creates a request; the defaults export everything into 1 GB WARC files.
  public init(
    format: Format, output: String, urls: [String] = [], host: String? = nil,
    since: CaptureTime? = nil, until: CaptureTime? = nil, maxFileSize: Int = 1_000_000_000,
    now: Date = Date(), compressionLevel: Int = ExportRequest.defaultCompressionLevel
  ) {
    self.compressionLevel = compressionLevel
    self.format = format
    self.output = output
    self.urls = urls
    self.host = host
    self.since = since
    self.until = until
    self.maxFileSize = maxFileSize
    self.now = now
  }
}

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
  /// The files written (paths as given in the request's output).
  public var files: [String] = []
  /// Pages that had at least one check in the period.
  public var pages = 0
  /// Records written, `warcinfo` records not counted.
  public var records = 0
  /// Captures exported with their payload (`response` records).
  public var responses = 0
  /// Checks exported as `revisit` records.
  public var revisits = 0
  /// Checks in the period whose payload was not kept and matches no kept payload, so the
  /// archive cannot hold them (a failed fetch, an unchanged check whose bytes changed).
  public var notExportable = 0
}

/// The `export` use case: writes the store's captures, in the requested period and pages, as
/// WARC 1.1 (gzip member per record) plus a CDXJ index, or as a WACZ package. The mapping from
/// captures to records is in docs/WARC.md.
///
/// Pages are made into records and compressed on every core (`runInOrder`), and written in
/// the order one thread would write them: the files do not depend on the number of cores.
/// Memory holds the records of a few groups of pages in flight (at most 8 groups' lanes of 4
/// MiB of compressed records each, plus the records being made); index lines are spooled to
/// sorted runs.
/// - Throws: `RedlineError` for unknown pages or an output that exists; `WebArchiveError` when
///   writing fails; `StoreError` when the store cannot be read.
public func exportWebArchive(from store: any SnapshotStoring, _ request: ExportRequest) throws
  -> ExportSummary
{
  let pages = try exportedPages(store, request)
  let stamp = String(CaptureTime.string(from: request.now).filter(\.isNumber))
  let folder: String
  switch request.format {
  case .warc:
    folder = request.output
    try makeFolder(folder)
  case .wacz:
    guard !FileManager.default.fileExists(atPath: request.output) else {
      throw RedlineError.unwritableFile(path: request.output, reason: "it exists already")
    }
    folder = request.output + ".parts-" + stamp
    try makeFolder(folder)
  }
  let indexName = "redline-\(stamp).cdxj"
  guard !FileManager.default.fileExists(atPath: folder + "/" + indexName) else {
    throw RedlineError.unwritableFile(path: folder + "/" + indexName, reason: "it exists already")
  }
  let exportDate = iso8601Date(request.now)
  let writer = WARCFileWriter(
    folder: folder, prefix: "redline", stamp: stamp, maxFileSize: request.maxFileSize,
    warcinfo: { name in warcinfoRecord(filename: name, date: exportDate) },
    level: request.compressionLevel)
  let index = SortedLineSpool(folder: folder)
  var summary = ExportSummary()
  var pageLines: [String] = []
  // Pages go to the threads in groups: one lane, and one hand-over at least, per group rather
  // than per page (a page of the benchmark's store is 4 records, 10 KB compressed).
  // A few pages (each perhaps with thousands of captures) still go to every thread: groups
  // get smaller until there are four for each.
  let threads = exportThreads()
  let perGroup = max(1, min(maximumPagesPerGroup, pages.count / (4 * threads)))
  let groups = (pages.count + perGroup - 1) / perGroup
  try runInOrder(
    count: groups, threads: threads, laneBudget: 4 << 20,
    context: { try GzipCompressor(level: request.compressionLevel) },
    produce: { compressor, group, emit in
      // The exporter lives only for this call. Its records go over in batches of about 1 MiB:
      // one hand-over, and one wake-up of the writing thread, per batch.
      try withoutActuallyEscaping(emit) { emit in
        var batch = ExportOutput()
        var counts = ExportSummary()
        var lines: [String] = []
        let first = group * perGroup
        for number in first..<min(pages.count, first + perGroup) {
          var exporter = CaptureExporter(store: store, request: request) { record, line in
            let member = try compressor.member(of: record.serializedParts)
            batch.records.append((member, line))
            batch.bytes += member.count
            if batch.bytes >= 1 << 20 {
              emit(batch, batch.bytes)
              batch = ExportOutput()
            }
          }
          try exporter.export(pages[number])
          counts.add(exporter.summary)
          lines += exporter.pageLines
        }
        batch.end = (counts, lines)
        emit(batch, batch.bytes)
      }
    },
    consume: { (output: ExportOutput) in
      for (member, line) in output.records {
        let location = try writer.write(member: member)
        if let line { try index.append(line.text(at: location)) }
      }
      if let (counts, lines) = output.end {
        summary.add(counts)
        pageLines += lines
      }
    })
  let warcs = try writer.finish()
  switch request.format {
  case .warc:
    try index.finish(writingTo: folder + "/" + indexName)
    summary.files = (warcs + [indexName]).map { folder + "/" + $0 }
  case .wacz:
    // The package's ZipNum index is built from every line (a WACZ is one file; its index
    // is a small part of it).
    var lines: [String] = []
    try index.finish { lines.append($0) }
    try packageWACZ(
      folder: folder, warcs: warcs, index: lines, pages: pageLines,
      output: request.output, created: exportDate)
    summary.files = [request.output]
  }
  return summary
}

/// Pages made into records by one thread and handed over together, at most.
private let maximumPagesPerGroup = 16

/// What a group of pages gives the writing thread, in order: their records, compressed, each
/// with its index line (none for a request), in batches; the last batch with the pages' counts
/// and WACZ pages lines.
private struct ExportOutput: Sendable {
  var records: [(member: [UInt8], line: PendingCDXJLine?)] = []
  var bytes = 0
  var end: (counts: ExportSummary, pageLines: [String])?
}

extension ExportSummary {
  /// Adds a page's counts (its files are the export's, listed at the end).
  fileprivate mutating func add(_ other: ExportSummary) {
    pages += other.pages
    records += other.records
    responses += other.responses
    revisits += other.revisits
    notExportable += other.notExportable
  }
}

/// The threads that make and compress records: one per core, at most 4 (the writing thread
/// only appends members and index lines).
private func exportThreads() -> Int {
  max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
}

/// The pages an export covers, in folder order.
private func exportedPages(_ store: any SnapshotStoring, _ request: ExportRequest) throws
  -> [PageRecord]
{
  var pages: [PageRecord]
  if request.urls.isEmpty {
    pages = try store.pages()
  } else {
    pages = try request.urls.map { url in
      guard let page = try store.page(for: url) else {
        let stored = (try? store.pages().map(\.url)) ?? []
        throw RedlineError.unknownPage(url: url, nearest: nearestURL(to: url, among: stored))
      }
      return page
    }
  }
  if let host = request.host {
    let wanted = host.lowercased()
    pages = pages.filter { $0.host == wanted || $0.host.hasSuffix("." + wanted) }
  }
  return pages
}

private func makeFolder(_ path: String) throws {
  do {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  } catch {
    throw RedlineError.unwritableFile(path: path, reason: "cannot create the folder")
  }
}

func iso8601Date(_ date: Date) -> String {
  CaptureTime(date).iso8601
}

/// The `warcinfo` record that opens every file.
func warcinfoRecord(filename: String, date: String) -> WARCRecord {
  let block = [
    "software: Redline \(redlineVersion)",
    "format: WARC File Format 1.1",
    "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
    "description: captures exported from a Redline store (docs/WARC.md)",
  ].map { $0 + "\r\n" }.joined()
  return WARCRecord(
    type: .warcinfo,
    fields: [
      ("WARC-Date", date), ("WARC-Filename", filename),
      ("WARC-Record-ID", warcRecordID(named: "warcinfo:\(filename)")),
      ("Content-Type", "application/warc-fields"),
    ], block: Array(block.utf8))
}

/// Packages an export's WARC files, index and pages as a WACZ, then removes the loose parts.
private func packageWACZ(
  folder: String, warcs: [String], index: [String], pages: [String], output: String,
  created: String
) throws {
  let contents = WACZContents(
    warcs: warcs.map { ($0, folder + "/" + $0) }, index: index, pages: pages,
    title: "Redline export", created: created, software: "Redline \(redlineVersion)")
  do {
    try writeWACZ(contents, to: output)
  } catch {
    try? FileManager.default.removeItem(atPath: output)
    try? FileManager.default.removeItem(atPath: folder)
    throw error
  }
  try? FileManager.default.removeItem(atPath: folder)
}
