import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArticleExtraction
import DocumentDecoding
import HTTPFetching
import SnapshotStore

/// What a fetch brought back, once its response is understood.
struct FetchedPage: Sendable {
  /// What kind of content came.
  enum Content: Sendable {
    /// A 304 answer to a conditional request: the latest capture still stands.
    case notModified
    /// An HTML page, decoded to UTF-8 by the decoding stage.
    case html(DecodedText)
    /// Something else (PDF, image, JSON …), kept raw with no article.
    case notHTML(mediaType: String)
  }

  let response: Response
  let content: Content
}

/// The media type recorded for content that came with no Content-Type and is not HTML.
private let unlabelledMediaType = "application/octet-stream"

/// `extractionMethod` of a capture that holds non-HTML content and no article.
let notHTMLMethod = "none (not HTML)"

/// SHA-256 of the empty article text, which only a capture of content that is not HTML has.
private let emptyTextSHA256 = sha256Hex([UInt8]())

extension HistoryEntry {
  /// Whether this line stored a capture of content that is not HTML (an image, JSON, a PDF
  /// served at the post's URL): `log` shows it as `not-html`, never as a change of the article.
  public var storedNotHTML: Bool { storedCapture && textSHA256 == emptyTextSHA256 }
}

extension CaptureMetadata {
  /// Whether this capture holds non-HTML content and no article.
  var isNotHTML: Bool { extractionMethod == notHTMLMethod }

  /// The server's own validators from this capture's response, for a conditional request.
  var validators: Validators {
    func header(_ name: String) -> String? {
      headers.last { $0.name.lowercased() == name }?.value
    }
    return Validators(entityTag: header("etag"), lastModified: header("last-modified"))
  }
}

extension SnapshotService {
  /// The capture a page's next check compares with (`currentCapture(in:)`), if the store has
  /// one: its validators make the request conditional.
  func comparedCapture(ofURL url: String) -> CaptureRecord? {
    guard let page = try? store.page(for: url) else { return nil }
    return try? store.currentCapture(of: page)
  }

  /// Fetches a page, conditionally when the latest capture has validators, and sorts out what
  /// came back.
  /// - Throws: the fetch's error when no answer came; `AnsweredFailure` when one came but is
  ///   not a page to read (an error status, an empty body, …), so its status and final URL
  ///   still reach the history line.
  func fetchPage(_ url: String, previous: CaptureRecord?) async throws -> FetchedPage {
    let validators = previous?.metadata.validators ?? Validators(entityTag: nil, lastModified: nil)
    let response =
      validators.isEmpty
      ? try await fetcher.fetch(url) : try await fetcher.fetch(url, validators: validators)
    do {
      return try understand(response, url: url, validators: validators)
    } catch {
      throw AnsweredFailure(response: response, error: error)
    }
  }

  /// Sorts out a response that came: error statuses, a 304 nobody asked for, empty bodies and
  /// binary data labelled as HTML are failures.
  private func understand(_ response: Response, url: String, validators: Validators) throws
    -> FetchedPage
  {
    if response.status == 304 {
      guard !validators.isEmpty else { throw RedlineError.unrequestedNotModified(url: url) }
      return FetchedPage(response: response, content: .notModified)
    }
    guard (200..<300).contains(response.status) else {
      throw RedlineError.httpStatus(url: url, status: response.status)
    }
    switch decodeDocument(response.body, contentType: response.header("Content-Type")) {
    case .html(let text):
      return FetchedPage(response: response, content: .html(text))
    case .empty:
      throw RedlineError.notHTML(source: url, detail: "empty body")
    case .binary(let declaredType?):
      throw RedlineError.notHTML(source: url, detail: "binary content labelled \(declaredType)")
    case .binary(nil):
      return FetchedPage(response: response, content: .notHTML(mediaType: unlabelledMediaType))
    case .notHTML(let mediaType):
      return FetchedPage(
        response: response, content: .notHTML(mediaType: mediaType ?? unlabelledMediaType))
    }
  }

  /// Records a 304: an `unchanged` check of the latest capture, which downloaded no body.
  func recordNotModified(
    url: String, time proposedTime: CaptureTime, status: Int, finalURL: String?
  ) -> PageReport {
    do {
      return try store.withPage(for: url) { page in
        let history = try store.history(of: page)
        let time = checkTime(proposedTime, after: history.last)
        guard let current = currentCapture(in: history),
          let latest = history.last(where: \.sawArticle)
        else {
          throw RedlineError.noCaptures(url: url)
        }
        var line = historyLine(
          .saw(capture: current, back: false),
          CheckFacts(
            time: time, status: status,
            finalURL: finalURL.flatMap { movedURL($0, pageURL: page.url) },
            bodySHA256: latest.bodySHA256, textSHA256: latest.textSHA256, title: latest.title))
        // The same body as last time: the same reading.
        line.readSHA256 = latest.readSHA256
        try store.record(line, in: page)
        return PageReport(url: page.url, outcome: .unchanged)
      }
    } catch {
      return recordFailure(
        url: url, time: proposedTime, status: status, finalURL: finalURL, error: error)
    }
  }

  /// Stores non-HTML content raw, with no article: a new capture when the bytes changed, an
  /// `unchanged` check when they did not. It is never read as a deleted post.
  func storeNotHTML(
    url: String, time proposedTime: CaptureTime, fetched: FetchedPage, mediaType: String
  )
    -> PageReport
  {
    let response = fetched.response
    let bodyHash = sha256Hex(response.body)
    let emptyTextHash = emptyTextSHA256
    do {
      return try store.withPage(for: url) { page in
        let history = try store.history(of: page)
        let time = checkTime(proposedTime, after: history.last)
        if let moved = try recordMove(
          page: page, time: time, response: response, bodySHA256: bodyHash,
          captures: { try store.captures(of: page) })
        {
          return moved
        }
        let facts = CheckFacts(
          time: time, status: response.status, finalURL: movedURL(response, page: page),
          bodySHA256: bodyHash, textSHA256: emptyTextHash)
        // The same non-HTML bytes as the current capture, read from the history alone.
        let seen = history.last(where: \.sawArticle)
        if let seen, let current = seen.capture, seen.bodySHA256 == bodyHash,
          seen.textSHA256 == emptyTextHash
        {
          try store.record(historyLine(.saw(capture: current, back: false), facts), in: page)
          return PageReport(url: page.url, outcome: .unchanged)
        }
        let metadata = captureMetadata(
          time: time, response: response, bodySHA256: bodyHash, textSHA256: emptyTextHash,
          title: nil, extractionMethod: notHTMLMethod)
        try store.save(
          NewCapture(metadata: metadata, rawBody: response.body, articleText: ""),
          recording: historyLine(
            .stored(first: seen == nil, note: "not HTML (\(mediaType)): stored raw, no article"),
            facts),
          in: page)
        return PageReport(
          url: page.url, outcome: .notHTML(mediaType: mediaType), capture: time)
      }
    } catch {
      return PageReport(url: url, outcome: .failed(CheckFailure(error)))
    }
  }
}

extension SnapshotService {
  /// Records a move when the response came from another page and the post has a version at
  /// its own URL: the other page's content is not a version of the post. Nil when it is no
  /// move. `captures` is read only when the response did come from another page. Call inside
  /// `withPage`.
  func recordMove(
    page: PageRecord, time: CaptureTime, response: Response, bodySHA256: String,
    to refreshTarget: String? = nil, captures: () throws -> [CaptureRecord]
  ) throws -> PageReport? {
    let via = refreshTarget == nil ? nil : MoveKind.metaRefresh
    guard let target = refreshTarget ?? movedURL(response, page: page),
      try captures().contains(where: { !isForeign($0, pageURL: page.url) })
    else { return nil }
    try store.record(
      historyLine(
        .moved(via: via),
        CheckFacts(time: time, status: response.status, finalURL: target, bodySHA256: bodySHA256)),
      in: page)
    return PageReport(url: page.url, outcome: .moved(to: target))
  }

  /// Records a move to where a page's meta refresh sends the reader (`metaRefreshTarget`),
  /// when the post has a version at its own URL; nil when it has none (the page is then read
  /// as any other).
  func recordRefreshMove(url: String, time: CaptureTime, fetched: FetchedPage, to target: String)
    -> PageReport?
  {
    do {
      return try store.withPage(for: url) { page in
        try recordMove(
          page: page, time: checkTime(time, after: try store.latestCheck(of: page)),
          response: fetched.response, bodySHA256: sha256Hex(fetched.response.body), to: target,
          captures: { try store.captures(of: page) })
      }
    } catch {
      return PageReport(url: url, outcome: .failed(CheckFailure(error)))
    }
  }
}

/// A response came but is not a page to read: an error status, a 304 nobody asked for, an
/// empty body, binary data labelled as HTML. Its description is the underlying error's.
struct AnsweredFailure: Error, CustomStringConvertible {
  /// What answered.
  let response: Response
  /// Why it is not a page to read.
  let error: Error

  var description: String { String(describing: error) }
}

/// Where a post moved when its URL now serves another post, which names its own canonical
/// address (a soft redirect): the canonical address changed (`canonicalChange`) and the text
/// is another article (`isUnrelated`: another title and not one body block in common). The
/// post itself under a new canonical address (renamed, its old URL still serving it) shares its
/// blocks: that is a version of the post, stored, so that an edit made to it is never lost (the
/// audit still reports the new address as a move).
func canonicalMove(from old: String, to new: String, pageURL: String) -> String? {
  guard let after = canonicalChange(from: old, to: new, pageURL: pageURL),
    isUnrelated(old, to: new)
  else { return nil }
  return after
}

/// The new canonical address (the `URL:` line of the article text) when it changed from one
/// version to the next to another page: an http or https URL with a host (a broken
/// `javascript:` or `http://` canonical is no address to move to), not another spelling of the
/// old address (`sameDocument`), and not the post's own URL (a page that names itself again is
/// home).
func canonicalChange(from old: String, to new: String, pageURL: String) -> String? {
  guard let before = ArticleParts(old).header["URL"], let after = ArticleParts(new).header["URL"],
    (try? normalizedPageURL(after)) != nil, !sameDocument(before, after),
    !sameDocument(after, pageURL)
  else { return nil }
  return after
}

/// The final URL of a response whose redirects led away from the page's own URL, for the
/// history line (`HistoryEntry.finalURL`); nil when the page answered itself, or at another
/// spelling of the same address (see `sameDocument`).
func movedURL(_ response: Response, page: PageRecord) -> String? {
  movedURL(response.finalURL, pageURL: page.url)
}

/// See `movedURL(_:page:)`.
func movedURL(_ finalURL: String, pageURL: String) -> String? {
  sameDocument(finalURL, pageURL) ? nil : finalURL
}

/// Whether two URLs name the same document as a reader sees it: equal once normalized and with
/// what sites redirect between without moving a post left out — the scheme (http to https),
/// a leading `www.`, Blogger's country domains (`blogspot.co.uk` to `blogspot.com`) and a
/// trailing slash. Such redirects are not moves.
func sameDocument(_ first: String, _ second: String) -> Bool {
  guard let one = try? normalizedPageURL(first), let other = try? normalizedPageURL(second) else {
    return first == second
  }
  return documentKey(one) == documentKey(other)
}

/// Whether a meta refresh to `target` reloads the page at `pageURL` rather than sending the
/// reader elsewhere: the same document but for its query, which keeps every query item of the
/// page's own and adds some (`/p.html?reload=1`, a cache buster or a cookie check). Another
/// value of one of the page's items (`/?p=12` to `/?p=13`) is another page.
func reloadsItself(_ target: String, pageURL: String) -> Bool {
  guard let one = try? normalizedPageURL(target), let other = try? normalizedPageURL(pageURL),
    var targetParts = URLComponents(string: one), var pageParts = URLComponents(string: other)
  else { return false }
  let targetItems = targetParts.percentEncodedQueryItems ?? []
  let pageItems = pageParts.percentEncodedQueryItems ?? []
  targetParts.percentEncodedQuery = nil
  pageParts.percentEncodedQuery = nil
  guard let targetBare = targetParts.string, let pageBare = pageParts.string,
    sameDocument(targetBare, pageBare)
  else { return false }
  return pageItems.allSatisfy(targetItems.contains)
}

private func documentKey(_ normalized: String) -> String {
  guard let components = URLComponents(string: normalized), var host = components.host else {
    return normalized
  }
  if host.hasPrefix("www.") { host.removeFirst(4) }
  if let blogspot = host.firstRange(of: ".blogspot.") {
    host = host[..<blogspot.lowerBound] + ".blogspot"
  }
  var path = components.percentEncodedPath
  while path.hasSuffix("/") { path.removeLast() }
  let port = components.port.map { ":\($0)" } ?? ""
  let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
  return host + port + path + query
}

extension SnapshotService {
  /// The `<time>.json` of a capture made from this response.
  func captureMetadata(
    time: CaptureTime, response: Response, bodySHA256: String, textSHA256: String, title: String?,
    extractionMethod: String
  ) -> CaptureMetadata {
    CaptureMetadata(
      time: time, requestedURL: response.requestedURL, finalURL: response.finalURL,
      status: response.status,
      headers: response.headers.map { StoredHeader(name: $0.name, value: $0.value) },
      redirects: response.redirects.map {
        StoredRedirect(status: $0.status, from: $0.from, location: $0.location)
      },
      fetchSeconds: response.totalSeconds, bodySHA256: bodySHA256,
      bodyBytes: response.body.count, textSHA256: textSHA256, rawKept: true, title: title,
      extractionMethod: extractionMethod, redlineVersion: redlineVersion,
      articleFormat: ArticleText.formatVersion, exchange: response.exchange.map(storedExchange),
      provenance: provenance)
  }
}

extension SnapshotService {
  /// The report of `check`, a check of `url` that blocks, with the outcome of the page's
  /// previous check attached, and where the page now redirects if it moved. Blocks: reads the
  /// store.
  func notingPrevious(_ url: String, _ check: () -> PageReport) -> PageReport {
    let normalized = try? normalizedPageURL(url)
    func latestCheck() -> HistoryEntry? {
      normalized.flatMap { try? store.page(for: $0) }.flatMap { try? store.latestCheck(of: $0) }
    }
    let previous = latestCheck()
    var report = check()
    report.previousOutcome = previous?.outcome
    // The check's own history line says where the page's redirects led.
    if let current = latestCheck(), current.time != previous?.time,
      let target = current.finalURL
    {
      report.movedTo = target
      report.newlyMoved = previous.map { $0.finalURL != target } ?? false
    }
    return report
  }
}
