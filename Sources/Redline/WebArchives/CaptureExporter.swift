import FoundationEssentials
import SnapshotStore
import UnicodeSpaces
import WebArchive

/// Turns one page's checks into WARC records (the mapping in docs/WARC.md), handing each, in
/// order, with its index line to `emit`, and keeps the page's WACZ pages lines and counts.
struct CaptureExporter {
  let store: any SnapshotStoring
  let request: ExportRequest
  /// Takes each record made, with its index line (none for a request record).
  let emit: (WARCRecord, PendingCDXJLine?) throws -> Void
  private(set) var pageLines: [String] = []
  var summary = ExportSummary()

  /// A payload written (or kept in the store) that later checks can revisit.
  struct KeptPayload {
    let recordID: String
    let uri: String
    let date: String
    let digest: String
    let mime: String?
    /// The payload's size: a revisit's `Content-Length` (same digest, same bytes).
    let length: Int
  }

  init(
    store: any SnapshotStoring, request: ExportRequest,
    emit: @escaping (WARCRecord, PendingCDXJLine?) throws -> Void
  ) {
    self.store = store
    self.request = request
    self.emit = emit
  }

  /// Exports the checks of one page that fall in the period.
  mutating func export(_ page: PageRecord) throws {
    // The page's files through one reader: the folder store opens the page folder once.
    let files = try store.pageFiles(of: page)
    let history = try files.history()
    // Every capture's metadata first, as `captures(of:)` reads them.
    var captures: [CaptureTime: CaptureRecord] = [:]
    for time in history.filter(\.storedCapture).compactMap(\.capture) where captures[time] == nil {
      captures[time] = CaptureRecord(time: time, metadata: try files.metadata(capture: time))
    }
    // Payloads by their SHA-256 (the store's body hash), for revisits. A capture before the
    // period is known by its time and turned into a reference only when a check revisits it.
    var kept: [String: KeptPayload] = [:]
    var keptBefore: [String: CaptureTime] = [:]
    var exportedAny = false
    for check in history {
      let inPeriod =
        (request.since.map { check.time >= $0 } ?? true)
        && (request.until.map { check.time <= $0 } ?? true)
      if !inPeriod {
        if check.storedCapture, let body = check.bodySHA256, let capture = check.capture {
          keptBefore[body] = keptBefore[body] ?? capture
        }
        continue
      }
      if !exportedAny {
        exportedAny = true
        summary.pages += 1
      }
      if check.storedCapture, let time = check.capture, let capture = captures[time] {
        if let payload = try exportCapture(page, files, capture, check) {
          kept[capture.metadata.bodySHA256] = kept[capture.metadata.bodySHA256] ?? payload
        }
        continue
      }
      guard let bodyHash = check.bodySHA256 else {
        summary.notExportable += 1
        continue
      }
      if kept[bodyHash] == nil, let time = keptBefore[bodyHash], let capture = captures[time] {
        kept[bodyHash] = try payloadReference(page, files, capture)
      }
      if let original = kept[bodyHash] {
        try writeRevisit(page, check, of: original)
      } else if check.rawKept == true, let body = try files.rawBody(capture: check.time) {
        kept[bodyHash] = try writeBareResponse(page, check, body: body)
      } else if let body = try distinctPayload(files, bodyHash) {
        kept[bodyHash] = try writeBareResponse(page, check, body: body)
      } else {
        summary.notExportable += 1
      }
    }
  }

  /// The payload `--keep-raw distinct` kept for a body hash, when its bytes still have that
  /// hash (a damaged one is left out, as a body that was not kept).
  private func distinctPayload(_ files: any PageFileReading, _ bodyHash: String) throws
    -> [UInt8]?
  {
    guard let encoded = try files.keptPayload(sha256: bodyHash),
      let body = try? gunzipped(encoded, limit: 1 << 30),
      sha256Hex(body) == bodyHash
    else { return nil }
    return body
  }

  /// The reference to a capture's payload outside the period: what a revisit names.
  private func payloadReference(
    _ page: PageRecord, _ files: any PageFileReading, _ capture: CaptureRecord
  ) throws -> KeptPayload? {
    guard let body = try files.rawBody(capture: capture.time) else { return nil }
    let metadata = capture.metadata
    return KeptPayload(
      recordID: warcRecordID(named: "response:\(page.url):\(capture.time)"),
      uri: metadata.finalURL, date: capture.time.iso8601,
      digest: WARCDigest.sha1(body), mime: mediaType(metadata.headers), length: body.count)
  }

  /// The records of a stored capture: redirect hops, the response (when the raw body was
  /// kept), the article as a resource and Redline's metadata. Returns the payload written.
  private mutating func exportCapture(
    _ page: PageRecord, _ files: any PageFileReading, _ capture: CaptureRecord,
    _ check: HistoryEntry
  ) throws -> KeptPayload? {
    let metadata = capture.metadata
    let time = capture.time
    let date = time.iso8601
    let responseID = warcRecordID(named: "response:\(page.url):\(time)")
    let body = try files.rawBody(capture: time)
    var payload: KeptPayload?
    if let exchange = metadata.exchange, !exchange.hops.isEmpty {
      payload = try writeExchange(
        exchange, page: page, time: time, responseID: responseID, body: body)
    } else {
      try writeStoredRedirects(metadata.redirects, page: page, time: time)
      if let body { payload = try writeStoredResponse(metadata, id: responseID, body: body) }
    }
    // Only a WACZ lists its pages (pages/pages.jsonl); a WARC export keeps no line per page.
    if payload != nil && request.format == .wacz {
      pageLines.append(
        "{\"url\": \(jsonString(metadata.finalURL)), \"ts\": \(jsonString(date))"
          + (metadata.title.map { ", \"title\": \(jsonString($0))" } ?? "") + "}")
    }
    // The links name the response only when it was written (its raw body was kept).
    let written = payload != nil
    try writeDerived(
      .resource, id: warcRecordID(named: "article:\(page.url):\(time)"), date: date,
      uri: "urn:redline:article:\(time):\(page.url)", contentType: "text/plain; charset=utf-8",
      link: written ? ("WARC-Concurrent-To", responseID) : nil,
      block: try files.articleText(capture: time), time: time)
    try writeDerived(
      .metadata, id: warcRecordID(named: "metadata:\(page.url):\(time)"), date: date,
      uri: "urn:redline:capture:\(time):\(page.url)", contentType: "application/json",
      link: written ? ("WARC-Refers-To", responseID) : nil,
      block: metadataRecordJSON(page: page, check: check, capture: metadata), time: time)
    return payload
  }

  /// A record Redline made from a capture (the article text, the capture metadata), under a
  /// `urn:` target URI of its own, linked to the capture's response when there is one.
  private mutating func writeDerived(
    _ type: WARCRecordType, id: String, date: String, uri: String, contentType: String,
    link: (name: String, value: String)?, block: [UInt8], time: CaptureTime
  ) throws {
    let digest = WARCDigest.sha1(block)
    let fields =
      [("WARC-Record-ID", id), ("WARC-Date", date), ("WARC-Target-URI", uri)]
      + (link.map { [$0] } ?? []) + [("Content-Type", contentType), ("WARC-Block-Digest", digest)]
    let mime = contentType.split(separator: ";").first.map(String.init)
    try write(
      WARCRecord(type: type, fields: fields, block: block), url: uri, time: time, mime: mime,
      status: nil, digest: digest)
  }

  /// Redirect hops of a capture made before exchanges were stored: status line and
  /// `Location` only.
  private mutating func writeStoredRedirects(
    _ redirects: [StoredRedirect], page: PageRecord, time: CaptureTime
  ) throws {
    for (number, hop) in redirects.enumerated() {
      let head = httpHead(
        startLine: "HTTP/1.1 \(hop.status) \(reasonPhrase(hop.status))",
        headers: [("Location", hop.location), ("Content-Length", "0")])
      try write(
        .http(
          .response, id: warcRecordID(named: "hop\(number):\(page.url):\(time)"),
          date: time.iso8601, targetURI: hop.from, head: head, payload: []),
        url: hop.from, time: time, mime: nil, status: hop.status, digest: WARCDigest.sha1([]))
    }
  }

  /// The response of a capture made before exchanges were stored: the stored status and
  /// header fields (codings renamed, length corrected) and the decoded body.
  private mutating func writeStoredResponse(_ metadata: CaptureMetadata, id: String, body: [UInt8])
    throws -> KeptPayload
  {
    let head = httpHead(
      startLine: "HTTP/1.1 \(metadata.status) \(reasonPhrase(metadata.status))",
      headers: decodedBodyHeaders(metadata.headers, bodyCount: body.count))
    let digest = WARCDigest.sha1(body)
    let mime = mediaType(metadata.headers)
    let date = metadata.time.iso8601
    try write(
      .http(
        .response, id: id, date: date, targetURI: metadata.finalURL, head: head, payload: body,
        payloadDigest: digest),
      url: metadata.finalURL, time: metadata.time, mime: mime, status: metadata.status,
      digest: digest)
    summary.responses += 1
    return KeptPayload(
      recordID: id, uri: metadata.finalURL, date: date, digest: digest, mime: mime,
      length: body.count)
  }

  /// A revisit record for a check whose body hash equals a kept payload's: the
  /// identical-payload-digest profile, or server-not-modified when the check was a conditional
  /// request answered 304 (no payload came; the store keeps the current capture's hash). The
  /// check's own header fields were not stored: the block is the status line, and for the
  /// identical payload its `Content-Length` (same digest, same bytes).
  private mutating func writeRevisit(
    _ page: PageRecord, _ check: HistoryEntry, of original: KeptPayload
  ) throws {
    let status = check.status ?? 200
    let notModified = status == 304
    let head = httpHead(
      startLine: "HTTP/1.1 \(status) \(reasonPhrase(status))",
      headers: notModified ? [] : [("Content-Length", String(original.length))])
    let uri = check.finalURL ?? original.uri
    try write(
      WARCRecord(
        type: .revisit,
        fields: [
          ("WARC-Record-ID", warcRecordID(named: "revisit:\(page.url):\(check.time)")),
          ("WARC-Date", check.time.iso8601), ("WARC-Target-URI", uri),
          (
            "WARC-Profile",
            "http://netpreserve.org/warc/1.1/revisit/"
              + (notModified ? "server-not-modified" : "identical-payload-digest")
          ),
          ("WARC-Refers-To", original.recordID),
          ("WARC-Refers-To-Target-URI", original.uri),
          ("WARC-Refers-To-Date", original.date),
          ("Content-Type", "application/http; msgtype=response"),
          ("WARC-Payload-Digest", original.digest),
          ("WARC-Block-Digest", WARCDigest.sha1(head)),
        ], block: head),
      url: uri, time: check.time, mime: "warc/revisit", status: status, digest: original.digest)
    summary.revisits += 1
  }

  /// A response for a check whose raw body was kept (`--keep-raw always`) but whose header
  /// fields were not: the status line, Content-Length, and the body.
  private mutating func writeBareResponse(
    _ page: PageRecord, _ check: HistoryEntry, body: [UInt8]
  ) throws -> KeptPayload {
    let status = check.status ?? 200
    let head = httpHead(
      startLine: "HTTP/1.1 \(status) \(reasonPhrase(status))",
      headers: [("Content-Length", String(body.count))])
    let uri = check.finalURL ?? page.url
    let id = warcRecordID(named: "response:\(page.url):\(check.time)")
    let digest = WARCDigest.sha1(body)
    try write(
      .http(
        .response, id: id, date: check.time.iso8601, targetURI: uri, head: head,
        payload: body, payloadDigest: digest),
      url: uri, time: check.time, mime: nil, status: status, digest: digest)
    summary.responses += 1
    return KeptPayload(
      recordID: id, uri: uri, date: check.time.iso8601, digest: digest, mime: nil,
      length: body.count)
  }

  /// Hands a record over with, unless it is a request (which cdxj-indexer and pywb leave out
  /// of the index too), its index line.
  mutating func write(
    _ record: WARCRecord, url: String, time: CaptureTime, mime: String?, status: Int?,
    digest: String?, isRequest: Bool = false
  ) throws {
    summary.records += 1
    try emit(
      record,
      isRequest
        ? nil
        : PendingCDXJLine(
          url: url, timestamp: String(time.description.filter(\.isNumber)), mime: mime,
          status: status, digest: digest))
  }
}

/// The response header fields for a body stored decoded (libcurl removed the content and
/// transfer codings): `Content-Encoding` and `Transfer-Encoding` renamed `X-Orig-…` and
/// `Content-Length` set to the decoded size (the old value kept as `X-Orig-Content-Length`
/// when it differs), the convention Browsertrix and warcio's replay follow.
func decodedBodyHeaders(_ headers: [StoredHeader], bodyCount: Int) -> [(
  name: String, value: String
)] {
  var result: [(name: String, value: String)] = []
  var hadLength = false
  for header in headers {
    switch header.name.lowercased() {
    case "content-encoding" where header.value.lowercased() != "identity",
      "transfer-encoding":
      result.append(("X-Orig-" + header.name, header.value))
    case "content-length":
      hadLength = true
      if header.value == String(bodyCount) {
        result.append((header.name, header.value))
      } else {
        result.append(("X-Orig-" + header.name, header.value))
        result.append(("Content-Length", String(bodyCount)))
      }
    default:
      result.append((header.name, header.value))
    }
  }
  if !hadLength { result.append(("Content-Length", String(bodyCount))) }
  return result
}

/// The media type of stored header fields, lower-cased and without parameters.
func mediaType(_ headers: [StoredHeader]) -> String? {
  guard let value = headers.last(where: { $0.name.lowercased() == "content-type" })?.value
  else { return nil }
  let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
  let trimmed = type.trimmingSpaces().lowercased()
  return trimmed.isEmpty ? nil : trimmed
}
