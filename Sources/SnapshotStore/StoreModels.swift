import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A page the store keeps: its URL and the folder that holds its captures.
public struct PageRecord: Sendable, Codable, Equatable {
  /// The normalized URL the page is known by.
  public let url: String
  /// The folder's path relative to the store root (`host/slug-hash`).
  public let folder: String
  /// The host part of the folder name.
  public let host: String
  /// The slug of the URL's path, for people reading `ls`.
  public let slug: String
  /// The first hex digits of the SHA-256 of the normalized URL: what keeps folders apart.
  public let urlHash: String

  /// Creates a page record.
  public init(url: String, folder: String, host: String, slug: String, urlHash: String) {
    self.url = url
    self.folder = folder
    self.host = host
    self.slug = slug
    self.urlHash = urlHash
  }
}

/// What happened at one check of a page.
public enum CheckOutcome: String, Sendable, Codable, Equatable {
  /// The first capture of the page.
  case new
  /// The article text differs from the latest capture; a capture was stored.
  case changed
  /// The article text is byte-identical to the latest capture; nothing but a history line.
  case unchanged
  /// The fetch or the extraction failed; nothing but a history line.
  case failed
  /// The page redirected to another page after it had answered at its own URL: an event, not
  /// a version. Nothing but a history line, whose `finalURL` says where it led.
  case moved
  /// The article is again that of an earlier capture (`capture`) after the page briefly served
  /// something else (a non-HTML body, another page's article): a return, not an edit. Nothing
  /// but a history line, which names the capture; later `unchanged` lines refer to it.
  case back
  /// Damage to the page was found and acknowledged with `redline repair`: the line records
  /// what was wrong (`error`) and the files accepted as lost (`lostFiles`); the history chain
  /// goes on after it. The damage stays on record: verify and audit report it forever.
  case repaired
}

/// One line of `history.jsonl`: one check of a page.
///
/// Invariants: `previous` is nil on the first line of a page's history and, on every other
/// line, the chain hash (`historyLineHash`) of the exact bytes of the line before it, so an
/// edited, inserted or deleted line breaks the chain. The store writes `unchanged` lines
/// compactly (no `capture`, `textSHA256` or `title`: they are those of the latest capture) and
/// fills those fields back in when it reads the history.
public struct HistoryEntry: Sendable, Codable, Equatable {
  /// When the check ran (`YYYYMMDDTHHMMSSZ` in the line).
  public let time: CaptureTime
  /// The outcome.
  public let outcome: CheckOutcome
  /// The HTTP status of the final response, if one came.
  public let status: Int?
  /// The capture this check's article is in: the new one, or the latest for `unchanged`.
  public let capture: CaptureTime?
  /// Lines added and removed against the previous capture (for `changed`).
  public let added: Int?
  /// See `added`.
  public let removed: Int?
  /// SHA-256 of the raw body received, hex.
  public let bodySHA256: String?
  /// SHA-256 of the article text, hex.
  public let textSHA256: String?
  /// SHA-256 of the capture's `<time>.json` as written, hex (for `new` and `changed`): it puts
  /// the metadata under the history chain too.
  public let metadataSHA256: String?
  /// Whether `<time>.html` was kept for this check although the article did not change
  /// (`--keep-raw always`).
  public let rawKept: Bool?
  /// The article title at this check.
  public let title: String?
  /// Why the check failed.
  public let error: String?
  /// The URL that answered, when redirects led away from the page's own URL (another post,
  /// the home page); nil when the page answered itself, and in histories written before
  /// Redline recorded it. It is what `audit` reads a move from.
  public let finalURL: String?
  /// The chain hash of the line before this one; nil on the first line.
  public let previous: String?
  /// For `repaired`: the page's files that were gone or unusable when the damage was recorded
  /// (names in the page folder); their captures are no longer read.
  public var lostFiles: [String]? = nil
  /// The extraction rules that made this check's article (a site's or a watch's selector and
  /// ignore rules, as `PageRules.label` writes them); nil when automatic extraction did.
  public var rules: String? = nil
  /// For a check taken into a page's past (`redline import` of a capture older than the page's
  /// latest check): when its line was appended. Its `time` is when the page was seen, earlier
  /// than lines before it; readers order a history by `time` (`resolvedHistory`), the chain
  /// stays in the order lines were appended. Nil for every other line.
  public var recorded: CaptureTime? = nil
  /// Whether this check's body is kept in the page folder's `payloads/<bodySHA256>.gz`
  /// (`snapshot --keep-raw distinct`, for a check that stored no capture): `verify` then
  /// checks that the payload is there and still has those bytes. Nil on every other line.
  public var payloadKept: Bool? = nil
  /// For `unchanged`: SHA-256 of the article text this check read, when that is not the
  /// capture's text (`textSHA256`) because the check read the capture's raw HTML again and
  /// found it the same article (a later release of Redline, or other rules, reads it
  /// otherwise than the release that stored it). The next check that reads the same text is
  /// then `unchanged` from the history alone, without reading the capture again. Nil on every
  /// other line.
  public var readSHA256: String? = nil

  /// Whether this line was taken into the page's past after later checks (`recorded`).
  public var isBackfilled: Bool { recorded != nil }

  /// Creates a history entry.
  public init(
    time: CaptureTime, outcome: CheckOutcome, status: Int? = nil, capture: CaptureTime? = nil,
    added: Int? = nil, removed: Int? = nil, bodySHA256: String? = nil,
    textSHA256: String? = nil, metadataSHA256: String? = nil, rawKept: Bool? = nil,
    title: String? = nil, error: String? = nil, finalURL: String? = nil,
    previous: String? = nil, lostFiles: [String]? = nil
  ) {
    self.time = time
    self.outcome = outcome
    self.status = status
    self.capture = capture
    self.added = added
    self.removed = removed
    self.bodySHA256 = bodySHA256
    self.textSHA256 = textSHA256
    self.metadataSHA256 = metadataSHA256
    self.rawKept = rawKept
    self.title = title
    self.error = error
    self.finalURL = finalURL
    self.previous = previous
    self.lostFiles = lostFiles
  }

  /// Whether this check stored a capture (`new` or `changed` with a capture time).
  public var storedCapture: Bool {
    (outcome == .new || outcome == .changed) && capture != nil
  }

  /// Whether this check saw the article of a capture: it stored one, found the current one
  /// unchanged, or found an earlier one back.
  public var sawArticle: Bool {
    capture != nil && [.new, .changed, .unchanged, .back].contains(outcome)
  }

  /// A copy with some fields replaced: an argument left out keeps the field, `.some(nil)`
  /// clears it.
  public func with(
    capture: CaptureTime?? = nil, textSHA256: String?? = nil, metadataSHA256: String?? = nil,
    title: String?? = nil, previous: String?? = nil
  ) -> HistoryEntry {
    var copy = HistoryEntry(
      time: time, outcome: outcome, status: status, capture: capture ?? self.capture,
      added: added, removed: removed, bodySHA256: bodySHA256,
      textSHA256: textSHA256 ?? self.textSHA256,
      metadataSHA256: metadataSHA256 ?? self.metadataSHA256, rawKept: rawKept,
      title: title ?? self.title, error: error, finalURL: finalURL,
      previous: previous ?? self.previous, lostFiles: lostFiles)
    copy.rules = rules
    copy.recorded = recorded
    copy.payloadKept = payloadKept
    copy.readSHA256 = readSHA256
    return copy
  }
}

/// A header field as stored in capture metadata.
public struct StoredHeader: Sendable, Codable, Equatable {
  /// The field name.
  public let name: String
  /// The field value.
  public let value: String

  /// Creates a stored header.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A redirect as stored in capture metadata.
public struct StoredRedirect: Sendable, Codable, Equatable {
  /// The redirect's status code.
  public let status: Int
  /// The URL that redirected.
  public let from: String
  /// Where it pointed.
  public let location: String

  /// Creates a stored redirect.
  public init(status: Int, from: String, location: String) {
    self.status = status
    self.from = from
    self.location = location
  }
}

/// `<time>.json`: everything known about how a capture was made.
public struct CaptureMetadata: Sendable, Codable, Equatable {
  /// The capture's time (`YYYYMMDDTHHMMSSZ` in the file), also its file names.
  public let time: CaptureTime
  /// The URL asked for.
  public let requestedURL: String
  /// The URL that answered, after redirects.
  public let finalURL: String
  /// The HTTP status.
  public let status: Int
  /// The response header fields.
  public let headers: [StoredHeader]
  /// The redirects followed.
  public let redirects: [StoredRedirect]
  /// How long the fetch took, in seconds.
  public let fetchSeconds: Double
  /// SHA-256 of the raw body, hex.
  public let bodySHA256: String
  /// Size of the raw body in bytes.
  public let bodyBytes: Int
  /// SHA-256 of the article text, hex.
  public let textSHA256: String
  /// Whether `<time>.html` was kept with this capture.
  public let rawKept: Bool
  /// The article's title.
  public let title: String?
  /// How the extractor found the body.
  public let extractionMethod: String?
  /// The version of Redline that made the capture.
  public let redlineVersion: String
  /// The version of the article text's format (ArticleExtraction's `ArticleText.formatVersion`);
  /// nil in captures made before it was recorded, which are of format 1 (no links section).
  public let articleFormat: Int?
  /// The request and response heads of every hop, as exchanged (format 3); nil in captures
  /// made before Redline recorded them, and for fetchers that do not.
  public var exchange: StoredExchange? = nil
  /// Where the capture came from when Redline did not fetch it (`redline import`); nil for
  /// Redline's own fetches.
  public var provenance: CaptureProvenance? = nil

  /// Creates capture metadata.
  public init(
    time: CaptureTime, requestedURL: String, finalURL: String, status: Int, headers: [StoredHeader],
    redirects: [StoredRedirect], fetchSeconds: Double, bodySHA256: String, bodyBytes: Int,
    textSHA256: String, rawKept: Bool, title: String?, extractionMethod: String?,
    redlineVersion: String, articleFormat: Int? = nil, exchange: StoredExchange? = nil,
    provenance: CaptureProvenance? = nil
  ) {
    self.time = time
    self.requestedURL = requestedURL
    self.finalURL = finalURL
    self.status = status
    self.headers = headers
    self.redirects = redirects
    self.fetchSeconds = fetchSeconds
    self.bodySHA256 = bodySHA256
    self.bodyBytes = bodyBytes
    self.textSHA256 = textSHA256
    self.rawKept = rawKept
    self.title = title
    self.extractionMethod = extractionMethod
    self.redlineVersion = redlineVersion
    self.articleFormat = articleFormat
    self.exchange = exchange
    self.provenance = provenance
  }
}

/// Where an imported capture came from: the archive file, the record, the software that wrote
/// it (its `warcinfo`).
public struct CaptureProvenance: Sendable, Codable, Equatable {
  /// `import` (a WARC or WACZ file read by `redline import`).
  public let source: String
  /// The file, as given to `import`; for a WACZ, `FILE.wacz#archive/NAME.warc.gz`.
  public let file: String
  /// The record's `WARC-Record-ID`.
  public let recordID: String?
  /// The `software` line of the file's `warcinfo` record, when it has one.
  public let software: String?
  /// The record's `WARC-Date` as written.
  public let archivedDate: String?

  /// Creates a provenance.
  public init(
    source: String, file: String, recordID: String?, software: String?, archivedDate: String?
  ) {
    self.source = source
    self.file = file
    self.recordID = recordID
    self.software = software
    self.archivedDate = archivedDate
  }
}

/// A message head as stored: the start line and the header fields, in order.
public struct StoredHead: Sendable, Codable, Equatable {
  /// `GET /path HTTP/1.1`, or `HTTP/1.1 200 OK` (`HTTP/2 200` for HTTP/2, as libcurl gives it).
  public let startLine: String
  /// The header fields as sent or received.
  public let headers: [StoredHeader]

  /// Creates a stored head.
  public init(startLine: String, headers: [StoredHeader]) {
    self.startLine = startLine
    self.headers = headers
  }
}

/// One hop of a fetch as stored: the URL asked for, the request sent, the response head.
public struct StoredHop: Sendable, Codable, Equatable {
  /// The absolute URL asked for.
  public let url: String
  /// The request head sent, when it was recorded.
  public let request: StoredHead?
  /// The response head received.
  public let response: StoredHead

  /// Creates a stored hop.
  public init(url: String, request: StoredHead?, response: StoredHead) {
    self.url = url
    self.request = request
    self.response = response
  }
}

/// The exchange of one fetch: its hops (redirects, then the final response) and the final
/// response's HTTP version. The final payload is the capture's raw body (decoded).
public struct StoredExchange: Sendable, Codable, Equatable {
  /// The hops, in order; the last is the final response.
  public let hops: [StoredHop]
  /// `1.0`, `1.1`, `2` or `3`.
  public let httpVersion: String
  /// The address the final response came from, when known.
  public let remoteAddress: String?

  /// Creates a stored exchange.
  public init(hops: [StoredHop], httpVersion: String, remoteAddress: String?) {
    self.hops = hops
    self.httpVersion = httpVersion
    self.remoteAddress = remoteAddress
  }
}

/// A capture to store: the raw body, the article text, and its metadata.
public struct NewCapture: Sendable {
  /// The capture's metadata; its `time` names the files.
  public let metadata: CaptureMetadata
  /// The body exactly as received.
  public let rawBody: [UInt8]
  /// The canonical article text.
  public let articleText: String

  /// Creates a capture to store.
  public init(metadata: CaptureMetadata, rawBody: [UInt8], articleText: String) {
    self.metadata = metadata
    self.rawBody = rawBody
    self.articleText = articleText
  }
}

/// A stored capture: its time and metadata.
public struct CaptureRecord: Sendable, Equatable {
  /// The capture's time.
  public let time: CaptureTime
  /// The capture's metadata.
  public let metadata: CaptureMetadata

  /// Creates a capture record.
  public init(time: CaptureTime, metadata: CaptureMetadata) {
    self.time = time
    self.metadata = metadata
  }
}
