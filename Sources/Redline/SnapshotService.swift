import Foundation
import HTTPFetching
import SnapshotStore
import TextDiff

/// The `snapshot` use case: fetch each page, extract its article, and store a capture when
/// the article is new or changed; record every check in the page's history.
public struct SnapshotService: Sendable {
  /// Where pages come from.
  public let fetcher: any Fetching
  /// Where captures go.
  public let store: any SnapshotStoring
  /// How many pages are fetched at once.
  public let jobs: Int
  /// The current time; injected so tests can fix it.
  public let now: @Sendable () -> Date
  /// Which raw bodies are kept: with captures only, or with every check.
  public let keepRaw: RawBodyPolicy

  /// Creates the use case.
  public init(
    fetcher: any Fetching, store: any SnapshotStoring, jobs: Int = 8,
    now: @escaping @Sendable () -> Date = { Date() }, keepRaw: RawBodyPolicy = .changes
  ) {
    self.fetcher = fetcher
    self.store = store
    self.jobs = max(1, jobs)
    self.now = now
    self.keepRaw = keepRaw
  }

  /// Checks every URL, at most `jobs` at a time, and reports in the order given. A failure
  /// of one page never stops the others. Each report carries the outcome of the page's check
  /// before this one (`previousOutcome`), so a caller can tell a page that starts failing from
  /// one that keeps failing.
  /// - Parameter progress: called after each page, in completion order, with the report, how
  ///   many pages are done and how many there are.
  public func snapshot(
    _ urls: [String], progress: (@Sendable (PageReport, Int, Int) -> Void)? = nil
  ) async -> [PageReport] {
    await withTaskGroup(of: (Int, PageReport).self) { group in
      var reports = [PageReport?](repeating: nil, count: urls.count)
      var next = 0
      func startNext() {
        guard next < urls.count else { return }
        let position = next
        let url = urls[position]
        next += 1
        group.addTask { (position, await self.checkNotingPrevious(url)) }
      }
      for _ in 0..<min(jobs, urls.count) { startNext() }
      var done = 0
      for await (position, report) in group {
        reports[position] = report
        done += 1
        progress?(report, done, urls.count)
        if !Task.isCancelled { startNext() }
      }
      return reports.enumerated().map { position, report in
        report ?? PageReport(url: urls[position], outcome: .failed("\(urls[position]): cancelled"))
      }
    }
  }

  /// Checks one page.
  public func check(_ url: String) async -> PageReport {
    let normalized: String
    do {
      normalized = try normalizedPageURL(url)
    } catch {
      return PageReport(url: url, outcome: .failed(String(describing: error)))
    }
    // Made unique under the page lock (checkTime), where two runs cannot race.
    let time = CaptureTime.string(from: now())
    let previous = latestCapture(of: normalized)
    let fetched: FetchedPage
    do {
      fetched = try await fetchPage(normalized, previous: previous)
    } catch let failure as AnsweredFailure {
      return recordFailure(
        url: normalized, time: time, status: failure.response.status,
        finalURL: failure.response.finalURL, error: failure.error)
    } catch {
      return recordFailure(url: normalized, time: time, status: nil, error: error)
    }
    let read: ReadArticle
    switch fetched.content {
    case .notModified:
      return recordNotModified(
        url: normalized, time: time, status: fetched.response.status,
        finalURL: fetched.response.finalURL)
    case .notHTML(let mediaType):
      return storeNotHTML(url: normalized, time: time, fetched: fetched, mediaType: mediaType)
    case .html(let charset):
      do {
        read = try readArticle(
          fetched.response.body, charset: charset, url: fetched.response.finalURL)
      } catch {
        return recordFailure(
          url: normalized, time: time, status: fetched.response.status,
          finalURL: fetched.response.finalURL, error: error)
      }
    }
    do {
      return try store.withPage(for: normalized) { page in
        try storeCheck(page: page, time: time, fetched: fetched, read: read)
      }
    } catch {
      return PageReport(url: normalized, outcome: .failed(String(describing: error)))
    }
  }

  private func storeCheck(
    page: PageRecord, time proposedTime: String, fetched: FetchedPage, read: ReadArticle
  ) throws -> PageReport {
    let time = checkTime(proposedTime, after: try store.latestCheck(of: page))
    let textHash = sha256Hex(Array(read.text.utf8))
    let bodyHash = sha256Hex(fetched.response.body)
    let latest = try store.latestCapture(of: page)
    if let latest, latest.metadata.textSHA256 == textHash,
      try store.articleText(of: page, capture: latest.time) == read.text
    {
      try store.record(
        HistoryEntry(
          time: time, outcome: .unchanged, status: fetched.response.status, capture: latest.time,
          bodySHA256: bodyHash, textSHA256: textHash, title: read.article.title,
          finalURL: movedURL(fetched.response, page: page)),
        rawBody: keepRaw == .always ? fetched.response.body : nil, in: page)
      return PageReport(url: page.url, outcome: .unchanged)
    }
    var diff: LineDiff?
    var rendered: [UInt8] = []
    // A non-HTML capture has no article: diff against the latest article there is.
    let base =
      latest?.metadata.isNotHTML == true
      ? try store.captures(of: page).last(where: { !$0.metadata.isNotHTML }) : latest
    if let latest = base {
      let previous = try store.articleText(of: page, capture: latest.time)
      let lineDiff = diffLines(old: Array(previous.utf8), new: Array(read.text.utf8))
      diff = lineDiff
      rendered = renderUnified(
        lineDiff, oldHeader: captureLabel(page.url, latest.time),
        newHeader: captureLabel(page.url, time))
    }
    let response = fetched.response
    let metadata = captureMetadata(
      time: time, response: response, bodySHA256: bodyHash, textSHA256: textHash,
      title: read.article.title, extractionMethod: read.method)
    try store.save(
      NewCapture(metadata: metadata, rawBody: response.body, articleText: read.text),
      recording: HistoryEntry(
        time: time, outcome: diff == nil ? .new : .changed, status: response.status,
        capture: time, added: diff?.linesAdded, removed: diff?.linesRemoved,
        bodySHA256: bodyHash, textSHA256: textHash, title: read.article.title,
        finalURL: movedURL(response, page: page)),
      in: page)
    let outcome: PageReport.Outcome =
      diff.map { .changed(added: $0.linesAdded, removed: $0.linesRemoved) } ?? .new
    return PageReport(url: page.url, outcome: outcome, capture: time, diff: rendered)
  }

  /// Records a failed check: its status and final URL when an answer came (a 404, a redirect
  /// to a page that failed), so `audit` can tell a removed or moved post from a network error.
  func recordFailure(
    url: String, time: String, status: Int?, finalURL: String? = nil, error: Error
  ) -> PageReport {
    let reason = String(describing: error)
    do {
      try store.withPage(for: url) { page in
        let checked = checkTime(time, after: try store.latestCheck(of: page))
        try store.record(
          HistoryEntry(
            time: checked, outcome: .failed, status: status, error: reason,
            finalURL: finalURL.flatMap { movedURL($0, pageURL: page.url) }),
          in: page)
      }
    } catch {
      return PageReport(url: url, outcome: .failed("\(reason); \(error)"))
    }
    return PageReport(url: url, outcome: .failed(reason))
  }
}

/// The check's time, moved to the second after the page's latest check if it is not later:
/// history times strictly increase and never name a capture twice, even when two runs check
/// one page in the same second. Called under the page lock.
func checkTime(_ time: String, after latest: HistoryEntry?) -> String {
  guard let latest, time <= latest.time, let date = CaptureTime.date(from: latest.time) else {
    return time
  }
  return CaptureTime.string(from: date.addingTimeInterval(1))
}

/// The `---`/`+++` label of a stored capture: the page URL, a tab, and the capture time in the
/// form GNU diff and patch read.
func captureLabel(_ url: String, _ time: String) -> String {
  guard CaptureTime.isValid(time) else { return url }
  let c = Array(time)
  let stamp =
    String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8]) + " "
    + String(c[9..<11]) + ":" + String(c[11..<13]) + ":" + String(c[13..<15])
    + ".000000000 +0000"
  return url + "\t" + stamp
}
