import DocumentDecoding
import FoundationEssentials
import HTTPFetching
import SnapshotStore
import UnicodeSpaces
import WebArchive

/// What `redline import` did.
public struct ImportSummary: Sendable, Equatable {
  /// WARC files read (a WACZ counts its WARC files).
  public var files = 0
  /// Records read, of every type.
  public var records = 0
  /// Checks that stored a capture (`new`, `changed`).
  public var captures = 0
  /// Checks whose article was the page's current one (`unchanged`, `back`, revisits).
  public var unchanged = 0
  /// Checks recorded as failed or as not HTML, for pages Redline knows.
  public var otherChecks = 0
  /// Responses whose page already has a check at their time: imported before.
  public var alreadyImported = 0
  /// Checks older than their page's latest check, taken into the page's past at their time
  /// (see docs/WARC.md, "Captures older than a page's history"); also counted in `captures`,
  /// `unchanged` or `otherChecks`.
  public var intoThePast = 0
  /// Responses older than their page's latest check that are neither an article nor an
  /// error answer (a 304, content that is not HTML): left out.
  public var pastNotTaken = 0
  /// Non-HTML responses of URLs that are not pages (images, scripts, styles): counted only.
  public var resources = 0
  /// Redirects (3xx) and responses whose payload could not be read (an encoding Redline does
  /// not decode, a revisit whose original is not in the files).
  public var skipped = 0
  /// Responses split over several records (`WARC-Segment-Number`, `continuation`): left out,
  /// as Redline does not join segments.
  public var segmented = 0
  /// Responses whose payload a crawler did not read whole (`WARC-Truncated`, fewer bytes than
  /// their `Content-Length`, a chunked body without its last chunk): left out, as a part of a
  /// page read as a version of it would be a false edit.
  public var cutShort = 0
  /// Responses and revisits of an http(s) target that is not a URL, or without a readable
  /// `WARC-Date`: left out.
  public var unusable = 0
  /// Responses to requests other than GET (a form posted to the page's URL, a HEAD), found
  /// by their request record: left out, as no version of the page.
  public var notGet = 0
  /// Files damaged past some record (cut short, a wrong `Content-Length`, damaged gzip data),
  /// one line each naming the file and the record: the records before the damage were
  /// imported (see `importWebArchives`).
  public var damaged: [String] = []
}

/// A gzip member's place (or a plain record's): its file and offset.
private struct MemberPlace: Hashable {
  let path: String
  let offset: Int
}

/// One response or revisit found in the first pass: where it is, for the second.
private struct ArchivedEntry {
  let page: String
  let targetURI: String
  let time: CaptureTime
  let date: String
  let isRevisit: Bool
  /// A `resource` record: its block is the page's bytes, with no HTTP head (warcit's files).
  let isResource: Bool
  let recordID: String?
  let refersTo: String?
  let refersToID: String?
  /// `WARC-Refers-To-Date` as a store time: where a revisit's original is in the store, when
  /// an earlier import took it from a file not given this time.
  let refersToTime: CaptureTime?
  /// `WARC-Concurrent-To` (every such field): the request record, for some writers.
  let concurrentTo: [String]
  let payloadDigest: String?
  let location: RecordLocation
  let file: String
  let software: String?
  let order: Int
}

/// The `import` use case: reads WARC, WARC.gz and WACZ files written by any tool and turns
/// each HTML response into a check of its page at its `WARC-Date`, through the same pipeline
/// as `snapshot` (extraction, comparison, edits), with the file, record and software recorded
/// as the capture's provenance. Revisits are resolved to the payload they repeat.
///
/// Two passes: the first reads every record's header, keeping one small entry per response
/// (a file damaged past some record is read up to the damage, `ImportSummary.damaged` says
/// where, and the record before it is left out too unless the file was only cut short); the
/// second reads the responses again one at a time, in time order per page. Memory holds one
/// record plus the entries.
/// - Throws: `WebArchiveError` for a file that cannot be opened or a WACZ that is refused
///   (before anything is stored).
public func importWebArchives(
  _ paths: [String], into store: any SnapshotStoring, maxBodySize: Int = 32 << 20
) async throws -> ImportSummary {
  var summary = ImportSummary()
  var entries: [ArchivedEntry] = []
  var byDigest: [String: RecordLocation] = [:]
  var byURIAndDate: [String: RecordLocation] = [:]
  var byRecordID: [String: RecordLocation] = [:]
  // Pages with an HTML response (within the first MiB of records): their non-HTML responses
  // are checks of the page, not resources.
  var htmlPages = Set<String>()
  // Where the records that may be damaged are: the gzip member (or plain record) read last
  // before damage that is not a plain cut.
  var untrusted = Set<MemberPlace>()
  // The record IDs of requests that are not GETs, and of the records they are concurrent to.
  var notGet = Set<String>()
  // Each damaged file's error, the records read before it, and the record that may be damaged.
  var damages: [(error: String, read: Int, suspect: RecordLocation?, resumedAt: Int?)] = []
  // The WACZs' WARC files, copied out: kept until the second pass has read them.
  var copies: [WACZArchives] = []
  defer { withExtendedLifetime(copies) {} }
  for path in paths {
    let (sources, copied) = try warcSources(path)
    copies += copied.map { [$0] } ?? []
    for source in sources {
      summary.files += 1
      // The records read so far, and the last one's ID: where a damaged file went wrong.
      var read = (count: 0, lastID: String?.none)
      var reader = try named(source) { try WARCReader(path: source.file, maxBlockSize: 1 << 20) }
      // Where reading went on after damage last (a gzip member's offset).
      var resumedAt = -1
      var software: String?
      // The place of the record read last.
      var lastLocation: RecordLocation?
      while true {
        let next: ReadRecord?
        do {
          next = try named(source, after: read) { try reader.next() }
        } catch let error as WebArchiveError {
          guard case .malformed = error else { throw error }
          // The records before the damage are imported; unless the file was only cut short,
          // the record read last may be damaged too (its Content-Length may be what ended in
          // the wrong place), and with it every record of its gzip member.
          let suspect = error.isCutShort || read.count == 0 ? nil : lastLocation
          if let suspect {
            untrusted.insert(MemberPlace(path: suspect.path, offset: suspect.offset))
          }
          damages.append((error.description, read.count, suspect, nil))
          // In a gzip file, reading goes on at the next whole member that holds a record.
          guard reader.isCompressed,
            let resumed = try named(
              source,
              { () throws -> (reader: WARCReader, offset: Int)? in
                try WARCReader.resuming(
                  source.file, after: max(lastLocation?.offset ?? 0, resumedAt),
                  maxBlockSize: 1 << 20, checkedBlockSize: maxBodySize * 2)
              })
          else { break }
          reader = resumed.reader
          resumedAt = resumed.offset
          damages[damages.count - 1].resumedAt = resumed.offset
          continue
        }
        guard let record = next else { break }
        summary.records += 1
        read = (read.count + 1, record.field("WARC-Record-ID"))
        lastLocation = record.location
        if record.type == "warcinfo", let block = record.block {
          software = software ?? warcFields(block)["software"]
          continue
        }
        // A request that is not a GET (a form posted, a HEAD): the response tied to it by
        // WARC-Concurrent-To (either way) is no version of the page.
        if record.type == "request", let block = record.block,
          let method = block.prefix(16).split(separator: 0x20).first,
          !method.elementsEqual("GET".utf8)
        {
          notGet.formUnion(
            concurrentIDs(record) + (record.field("WARC-Record-ID").map { [$0] } ?? []))
          continue
        }
        guard record.type == "response" || record.type == "revisit" || record.type == "resource",
          let uri = record.field("WARC-Target-URI").map(strippedAngles),
          uri.lowercased().hasPrefix("http:") || uri.lowercased().hasPrefix("https:")
        else { continue }
        guard let page = try? normalizedPageURL(uri),
          let date = record.field("WARC-Date"), let time = storeTime(fromWARCDate: date)
        else {
          summary.unusable += 1
          continue
        }
        if record.field("WARC-Segment-Number") != nil {
          summary.segmented += 1
          continue
        }
        let digest = record.field("WARC-Payload-Digest")
        if record.type == "response", let block = record.block,
          let head = try? parseHTTPHead(block),
          head.headers.contains(where: {
            $0.name.lowercased() == "content-type" && $0.value.lowercased().contains("html")
          })
        {
          htmlPages.insert(page)
        }
        if record.type == "resource",
          record.field("Content-Type")?.lowercased().contains("html") == true
        {
          htmlPages.insert(page)
        }
        if record.type == "response" {
          if let digest { byDigest[digest] = byDigest[digest] ?? record.location }
          let key = uriAndSecond(uri, date)
          byURIAndDate[key] = byURIAndDate[key] ?? record.location
          if let id = record.field("WARC-Record-ID") {
            byRecordID[id] = byRecordID[id] ?? record.location
          }
        }
        entries.append(
          ArchivedEntry(
            page: page, targetURI: uri, time: time, date: date,
            isRevisit: record.type == "revisit", isResource: record.type == "resource",
            recordID: record.field("WARC-Record-ID"),
            refersTo: record.field("WARC-Refers-To-Target-URI").map(strippedAngles).flatMap {
              target in record.field("WARC-Refers-To-Date").map { uriAndSecond(target, $0) }
            }, refersToID: record.field("WARC-Refers-To"),
            refersToTime: record.field("WARC-Refers-To-Date").flatMap(storeTime(fromWARCDate:)),
            concurrentTo: concurrentIDs(record), payloadDigest: digest,
            location: record.location, file: source.label, software: software,
            order: entries.count))
      }
    }
  }
  // Responses to requests that are not GETs (pywb's recorder keeps a form's POST under the
  // page's own URL): left out, and counted.
  if !notGet.isEmpty {
    let before = entries.count
    entries.removeAll { entry in
      entry.recordID.map(notGet.contains) == true
        || entry.concurrentTo.contains(where: notGet.contains)
    }
    summary.notGet = before - entries.count
  }
  // The records of a damaged member (or plain record) are not imported, nor read for revisits,
  // unless their WARC-Block-Digest vouches for their bytes (trailing garbage after a whole
  // last record, damage in a gzip member after it).
  if !untrusted.isEmpty {
    let suspect = Set(
      (entries.map(\.location) + byDigest.values + byURIAndDate.values + byRecordID.values)
        .filter { untrusted.contains(MemberPlace(path: $0.path, offset: $0.offset)) })
    let vouched = Set(
      suspect.filter { location in
        (try? WARCReader.record(at: location, maxBlockSize: maxBodySize * 2))?.map(
          blockDigestMatches) ?? false
      })
    func trusted(_ location: RecordLocation) -> Bool {
      !untrusted.contains(MemberPlace(path: location.path, offset: location.offset))
        || vouched.contains(location)
    }
    entries.removeAll { !trusted($0.location) }
    byDigest = byDigest.filter { trusted($0.value) }
    byURIAndDate = byURIAndDate.filter { trusted($0.value) }
    byRecordID = byRecordID.filter { trusted($0.value) }
    damages = damages.map { damage in
      guard let suspect = damage.suspect, vouched.contains(suspect) else { return damage }
      return (damage.error, damage.read, nil, damage.resumedAt)
    }
  }
  summary.damaged = damages.map { damage in
    let after =
      damage.resumedAt.map {
        ", and reading went on at the next whole gzip member (byte \($0))"
      } ?? ""
    if damage.read == 0 {
      return damage.error + (after.isEmpty ? "" : ";" + after.dropFirst())
    }
    guard damage.suspect != nil else {
      return damage.error + "; the \(damage.read) records before it were imported" + after
    }
    return damage.error + "; the records before it were imported, but for record "
      + "\(damage.read) (and any in its gzip member without a matching WARC-Block-Digest), "
      + "which may be damaged too" + after
  }
  // Second pass. Pages are independent (a folder and a lock each), so several are checked at
  // once: one page's store writes wait for the disk (each capture is made durable before its
  // history line names it) while another page's article is extracted. A page's own responses
  // are checked one after another, in time order.
  let sorted = entries.sorted { ($0.page, $0.time, $0.order) < ($1.page, $1.time, $1.order) }
  var pages: [[ArchivedEntry]] = []
  for entry in sorted {
    if pages.last?.first?.page == entry.page {
      pages[pages.count - 1].append(entry)
    } else {
      pages.append([entry])
    }
  }
  let records = ArchivedRecords(
    byDigest: byDigest, byURIAndDate: byURIAndDate, byRecordID: byRecordID,
    htmlPages: htmlPages, maxBodySize: maxBodySize)
  try await withThrowingTaskGroup(of: ImportSummary.self) { group in
    var next = 0
    var done = 0
    while next < pages.count || !group.isEmpty {
      while next < pages.count, next - done < importConcurrency {
        let page = pages[next]
        next += 1
        group.addTask { try await importPage(page, records: records, into: store) }
      }
      if let page = try await group.next() {
        summary.add(page)
        done += 1
      }
    }
  }
  return summary
}

extension ImportSummary {
  /// Adds the counts of the second pass of one page.
  fileprivate mutating func add(_ page: ImportSummary) {
    captures += page.captures
    unchanged += page.unchanged
    otherChecks += page.otherChecks
    alreadyImported += page.alreadyImported
    intoThePast += page.intoThePast
    pastNotTaken += page.pastNotTaken
    resources += page.resources
    skipped += page.skipped
    segmented += page.segmented
    cutShort += page.cutShort
  }
}

/// Pages imported at once (see the second pass).
private let importConcurrency = 4

/// What the first pass found that the second reads: where each response is, by payload
/// digest, by URI and date and by record ID, and the pages with an HTML response.
private struct ArchivedRecords: Sendable {
  let byDigest: [String: RecordLocation]
  let byURIAndDate: [String: RecordLocation]
  let byRecordID: [String: RecordLocation]
  let htmlPages: Set<String>
  let maxBodySize: Int
}

/// Imports one page's responses, in time order: each becomes a check of the page through
/// the snapshot pipeline, unless the page has a check at its time already.
private func importPage(
  _ entries: [ArchivedEntry], records: ArchivedRecords, into store: any SnapshotStoring
) async throws -> ImportSummary {
  var summary = ImportSummary()
  // The times of the page's checks and captures in the store, and its latest check.
  var known: (times: Set<CaptureTime>, latest: CaptureTime?)?
  defer {
    // A page whose every response was imported already gets no check, so no write would
    // finish what a stopped import left half done there (a head one line behind its
    // history): taking the page's lock does, as every write does first. Best effort: a
    // page another run holds is finished by that run.
    if let url = entries.first?.page, summary.alreadyImported == entries.count {
      _ = try? store.withPage(for: url) { _ in }
    }
  }
  for entry in entries {
    if known == nil, let page = try store.page(for: entry.page) {
      let history = try store.history(of: page)
      known = (Set(history.map(\.time) + history.compactMap(\.capture)), history.last?.time)
    }
    if known?.times.contains(entry.time) == true {
      summary.alreadyImported += 1
      continue
    }
    let intoThePast = known?.latest.map { entry.time < $0 } ?? false
    let answer = try archivedResponse(
      entry, byDigest: records.byDigest, byURIAndDate: records.byURIAndDate,
      byRecordID: records.byRecordID, maxBodySize: records.maxBodySize,
      storedOriginal: {
        try storedResponse(
          of: entry.page, at: entry.refersToTime, recordID: entry.refersToID, in: store,
          maxBodySize: records.maxBodySize)
      })
    guard case .response(let response) = answer else {
      if case .cutShort = answer { summary.cutShort += 1 } else { summary.skipped += 1 }
      continue
    }
    if (300..<400).contains(response.status) {
      summary.skipped += 1
      continue
    }
    // The media type as snapshot's decoding reads it (none for `; charset=…`: sniffed).
    let isHTML =
      mediaType(ofContentType: response.header("Content-Type")).map { $0.contains("html") }
      ?? true
    // A resource record that is not HTML (a screenshot a tool filed under the page's URL) is
    // never a check of the page: only a response says what the page answered.
    if !isHTML && (entry.isResource || (known == nil && !records.htmlPages.contains(entry.page))) {
      summary.resources += 1
      continue
    }
    // An error answer is a failed check, in the past too (a post removed for a while); a
    // 304 or content that is not HTML is left out there.
    if intoThePast, response.status < 400, !(isHTML && (200..<300).contains(response.status)) {
      summary.pastNotTaken += 1
      continue
    }
    var service = SnapshotService(
      fetcher: ArchivedFetcher(response: response), store: store, jobs: 1,
      now: { entry.time.date ?? Date() })
    service.provenance = CaptureProvenance(
      source: "import", file: entry.file, recordID: entry.recordID, software: entry.software,
      archivedDate: entry.date)
    service.takesChecksIntoThePast = true
    let report = await service.check(entry.page)
    switch report.outcome {
    case .new, .changed: summary.captures += 1
    case .unchanged, .back: summary.unchanged += 1
    default: summary.otherChecks += 1
    }
    switch (intoThePast, report.outcome) {
    case (true, .new), (true, .changed), (true, .unchanged), (true, .back), (true, .failed):
      summary.intoThePast += 1
    default: break
    }
    var page = known ?? ([], nil)
    page.times.insert(entry.time)
    page.latest = max(page.latest ?? entry.time, entry.time)
    known = page
  }
  return summary
}

/// What a response or revisit record gives.
private enum ArchivedAnswer {
  /// The response, to check as a fetch's answer.
  case response(Response)
  /// Its payload cannot be read (an encoding not decoded, a revisit's original not found).
  case unreadable
  /// Its payload was not read whole by the crawler (`ArchivedHTTPResponse.isCutShort`, or the
  /// record says `WARC-Truncated`).
  case cutShort
}

/// The response a record stands for: its own payload, or for a revisit the payload of the
/// response it refers to (by URI and date, else by record ID as Heritrix's `WARC-Refers-To`
/// gives it, else by payload digest; else, when none is in the files, the page's capture at
/// its `WARC-Refers-To-Date` or whose provenance is its `WARC-Refers-To` in the store,
/// `storedOriginal`) with the revisit's status and
/// header fields when it has them; `.unreadable` when the payload cannot be read, `.cutShort`
/// when it was not read whole.
private func archivedResponse(
  _ entry: ArchivedEntry, byDigest: [String: RecordLocation],
  byURIAndDate: [String: RecordLocation], byRecordID: [String: RecordLocation], maxBodySize: Int,
  storedOriginal: () throws -> Response?
) throws -> ArchivedAnswer {
  guard let record = try WARCReader.record(at: entry.location, maxBlockSize: maxBodySize * 2),
    let block = record.block
  else { return .unreadable }
  if entry.isResource {
    // The bytes as a 200 answer, typed by the record's Content-Type (as pywb replays it).
    guard record.field("WARC-Truncated") == nil else { return .cutShort }
    guard block.count <= maxBodySize else { return .unreadable }
    return .response(
      Response(
        requestedURL: entry.targetURI, finalURL: entry.targetURI, status: 200,
        headers: record.field("Content-Type").map { [HTTPHeader(name: "Content-Type", value: $0)] }
          ?? [], body: block))
  }
  var own = try? parseHTTPResponse(block, maxPayload: maxBodySize)
  var payload = own?.payload ?? []
  // A revisit's own block is a head without its payload: only a response's is checked.
  if !entry.isRevisit, record.field("WARC-Truncated") != nil || own?.isCutShort == true {
    return .cutShort
  }
  if entry.isRevisit {
    guard
      let location = entry.refersTo.flatMap({ byURIAndDate[$0] })
        ?? entry.refersToID.flatMap({ byRecordID[$0] })
        ?? entry.payloadDigest.flatMap({ byDigest[$0] })
    else {
      // The original is in no file given: an earlier import may have stored it.
      guard let stored = try storedOriginal() else {
        return .unreadable
      }
      guard let own, own.status != 304 else { return .response(stored) }
      return .response(
        Response(
          requestedURL: entry.targetURI, finalURL: entry.targetURI, status: own.status,
          headers: own.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
          body: stored.body))
    }
    guard let original = try WARCReader.record(at: location, maxBlockSize: maxBodySize * 2),
      let originalBlock = original.block,
      let parsed = try? parseHTTPResponse(originalBlock, maxPayload: maxBodySize)
    else { return .unreadable }
    if original.field("WARC-Truncated") != nil || parsed.isCutShort { return .cutShort }
    payload = parsed.payload
    if own == nil || own?.status == 304 { own = parsed }
  }
  guard let head = own else { return .unreadable }
  return .response(
    Response(
      requestedURL: entry.targetURI, finalURL: entry.targetURI, status: head.status,
      headers: head.headers.map { HTTPHeader(name: $0.name, value: $0.value) }, body: payload))
}

/// The response a page's check in the store received, as its capture keeps it: for a revisit
/// whose original an earlier import took from a file not given now (Heritrix's crawls, each
/// revisiting the one before; wget's `--warc-dedup`, whose revisits name their original by
/// `WARC-Refers-To` alone). The check is the one at `time`, else the capture whose
/// provenance is the record `recordID`. It must have a body hash, and the bytes found (the
/// raw body of its capture, else a payload `--keep-raw distinct` kept) must have it; the
/// status and header fields are its capture's. Nil when the store has no such check or no
/// such bytes.
private func storedResponse(
  of url: String, at time: CaptureTime?, recordID: String?, in store: any SnapshotStoring,
  maxBodySize: Int
) throws -> Response? {
  guard time != nil || recordID != nil, let page = try store.page(for: url) else { return nil }
  let history = try store.history(of: page)
  let captures = try store.captures(of: page)
  var found: (check: HistoryEntry, capture: CaptureRecord)?
  if let time, let check = history.last(where: { $0.time == time }) {
    let captureTime = check.capture ?? check.time
    found = captures.first { $0.time == captureTime }.map { (check, $0) }
  }
  if found == nil, let recordID,
    let capture = captures.last(where: { $0.metadata.provenance?.recordID == recordID }),
    let check = history.last(where: { $0.time == capture.time })
  {
    found = (check, capture)
  }
  guard let (check, capture) = found, let hash = check.bodySHA256 else { return nil }
  var body = try store.rawBody(of: page, capture: capture.time)
  if body.map(sha256Hex) != hash {
    // `payloads/` keeps bodies gzip-compressed; inflated no larger than a body the import
    // reads from a WARC (a forged payload file must not inflate to a gigabyte).
    body = try store.keptPayload(sha256: hash, in: page).flatMap {
      try? gunzipped($0, limit: maxBodySize)
    }
  }
  guard let body, sha256Hex(body) == hash else { return nil }
  let metadata = capture.metadata
  return Response(
    requestedURL: url, finalURL: url, status: check.status ?? metadata.status,
    headers: metadata.headers.map { HTTPHeader(name: $0.name, value: $0.value) }, body: body)
}

/// A fetcher that answers with one archived response, whatever the URL.
private struct ArchivedFetcher: Fetching {
  let response: Response
  func fetch(_ url: String) async throws -> Response { response }
}

/// The WARC files in a path: the file itself, or the `archive/` members of a WACZ, copied
/// out of it (checked against its CRC-32s and `datapackage.json`) into a temporary folder that
/// lives as long as the returned `WACZArchives`.
func warcSources(_ path: String) throws -> (
  sources: [(file: String, label: String)], copies: WACZArchives?
) {
  guard isZipFile(path) else { return ([(path, path)], nil) }
  let copies = try WACZArchives(
    wacz: path, temporary: FileManager.default.temporaryDirectory.path)
  return (copies.warcs.map { ($0.path, path + "#" + $0.member) }, copies)
}

/// Runs `body`, a read of `source`, and names `source` in its error the way the user named it
/// (`X.wacz#archive/NAME` rather than the temporary copy a WACZ member was read from), with
/// the records read before the damage when `after` gives them.
func named<T>(
  _ source: (file: String, label: String), after read: (count: Int, lastID: String?)? = nil,
  _ body: () throws -> T
) throws -> T {
  do {
    return try body()
  } catch let error as WebArchiveError {
    let place =
      read.map { read in
        read.count == 0
          ? " (in the file's first record)"
          : " (after record \(read.count)\(read.lastID.map { ", " + $0 } ?? ""))"
      } ?? ""
    switch error {
    case .malformed(let path, let offset, let detail) where path == source.file:
      throw WebArchiveError.malformed(path: source.label, offset: offset, detail: detail + place)
    case .file(let path, let operation, let errno) where path == source.file:
      throw WebArchiveError.file(path: source.label, operation: operation, errno: errno)
    case .compression:
      throw WebArchiveError.malformed(
        path: source.label, offset: nil, detail: error.description + place)
    default:
      throw error
    }
  }
}

/// The record IDs a record's `WARC-Concurrent-To` fields name.
private func concurrentIDs(_ record: ReadRecord) -> [String] {
  record.fields.filter { $0.name.lowercased() == "warc-concurrent-to" }.map(\.value)
}

/// `application/warc-fields` as a dictionary (first value of each name).
private func warcFields(_ block: [UInt8]) -> [String: String] {
  var fields: [String: String] = [:]
  for line in String(decoding: block, as: UTF8.self).split(whereSeparator: \.isNewline) {
    guard let colon = line.firstIndex(of: ":") else { continue }
    let name = line[..<colon].lowercased()
    if fields[name] == nil {
      fields[name] = String(line[line.index(after: colon)...]).trimmingSpaces()
    }
  }
  return fields
}

/// The key of a response by target URI and date, the date to the second: a revisit's
/// `WARC-Refers-To-Date` may be written at another precision than its original's `WARC-Date`
/// (pywb's dedup takes it from a 14-digit CDX timestamp, warcio writes WARC/1.1 dates to the
/// microsecond).
private func uriAndSecond(_ uri: String, _ date: String) -> String {
  uri + " " + (storeTime(fromWARCDate: date)?.description ?? date)
}

/// `<http://x/>` as WARC 1.0 writers (wget) put target URIs: without the angle brackets.
private func strippedAngles(_ uri: String) -> String {
  uri.hasPrefix("<") && uri.hasSuffix(">") ? String(uri.dropFirst().dropLast()) : uri
}

/// A `WARC-Date` as a store time: `2016-07-02T10:00:00Z` is `20160702T100000Z`. WARC 1.1
/// writes W3C-DTF at second precision or finer (`…:00.123456Z`: the fraction is dropped, as
/// the store keeps seconds); also read, as W3C-DTF allows them, minute precision
/// (`2016-07-02T10:00Z`) and an offset instead of `Z` (`2016-07-02T12:00:00+02:00` is 10:00
/// UTC). Nil for anything else (no time of day, a field out of range).
func storeTime(fromWARCDate date: String) -> CaptureTime? {
  let text = Array(date.utf8)
  var index = 0
  func number(_ digits: Int) -> Int? {
    guard index + digits <= text.count else { return nil }
    var value = 0
    for byte in text[index..<(index + digits)] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    index += digits
    return value
  }
  func skip(_ character: Unicode.Scalar) -> Bool {
    guard index < text.count, text[index] == UInt8(ascii: character) else { return false }
    index += 1
    return true
  }
  // Fourteen digits alone (`20160702100000`), as the store and CDX timestamps write it.
  if text.count == 14 || (text.count == 15 && text.last == UInt8(ascii: "Z")),
    text.prefix(14).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
  {
    return CaptureTime(
      String(decoding: text.prefix(8), as: UTF8.self) + "T"
        + String(decoding: text[8..<14], as: UTF8.self) + "Z")
  }
  guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
    skip("T"), let hour = number(2), skip(":"), let minute = number(2)
  else { return nil }
  var second = 0
  if skip(":") {
    guard let value = number(2) else { return nil }
    second = min(value, 59)  // a leap second's 60 is the second before
    if skip(".") || skip(",") {
      while index < text.count, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") {
        index += 1
      }
    }
  }
  var offset = 0
  if skip("Z") || index == text.count {
    offset = 0
  } else if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-")
  {
    let sign = text[index] == UInt8(ascii: "-") ? -1 : 1
    index += 1
    guard let hours = number(2) else { return nil }
    _ = skip(":")
    let minutes = number(2) ?? 0
    offset = sign * (hours * 3600 + minutes * 60)
  } else {
    return nil
  }
  guard index == text.count, (1...12).contains(month), (1...31).contains(day), hour < 24,
    minute < 60
  else { return nil }
  func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
  let utc = CaptureTime(
    pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2)
      + pad(second, 2) + "Z")
  guard offset != 0 else { return utc }
  return utc?.date.map { CaptureTime($0.addingTimeInterval(TimeInterval(-offset))) }
}
