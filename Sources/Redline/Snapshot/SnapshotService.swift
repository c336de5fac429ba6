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
import TextDiff
import WebArchive

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
  /// Extraction rules by page (normalized URL); pages without are extracted automatically.
  public var rules: [String: PageRules] = [:]
  /// Where captures come from when not fetched by Redline (`redline import`); recorded in
  /// their metadata.
  public var provenance: CaptureProvenance? = nil
  /// Whether a check older than the page's latest one is taken into the page's past at its
  /// own time (`redline import` of an archive older than the store) rather than moved after
  /// the latest check. Such a check is compared with the version before it in time (see
  /// `storeCheck`); failures go into the past too (`recordFailure`). The import leaves out
  /// older 304s and non-HTML answers, which this does not place.
  public var takesChecksIntoThePast = false

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

  /// Checks every URL and reports in the order given. A failure of one page never stops the
  /// others. Each report carries the outcome of the page's check before this one
  /// (`previousOutcome`), so a caller can tell a page that starts failing from one that keeps
  /// failing.
  ///
  /// At most `jobs` fetches are in flight, and a new one starts as soon as one ends: the
  /// extraction and store writes of fetched pages run meanwhile on threads of their own
  /// (`BlockingWorkers`), never on the cooperative pool and never holding a fetch slot. A
  /// fetch starts only while fewer than `jobs` fetched pages wait for or are in that stage, so
  /// at most 2 × `jobs` pages are held when the disk is slower than the network.
  /// - Parameter progress: called after each page, in completion order, with the report, how
  ///   many pages are done and how many there are.
  public func snapshot(
    _ urls: [String], progress: (@Sendable (PageReport, Int, Int) -> Void)? = nil
  ) async -> [PageReport] {
    await withBlockingWorkers(count: storeThreads) { workers in
      await withTaskGroup(of: PipelineEvent.self) { group in
        var reports = [PageReport?](repeating: nil, count: urls.count)
        var next = 0
        var fetching = 0
        var storing = 0
        var done = 0
        func startFetches() {
          while next < urls.count, fetching < jobs, storing < jobs, !Task.isCancelled {
            let position = next
            let url = urls[position]
            next += 1
            fetching += 1
            group.addTask { .fetched(position, await self.fetchStage(url, workers: workers)) }
          }
        }
        startFetches()
        for await event in group {
          switch event {
          case .fetched(let position, let fetched):
            fetching -= 1
            storing += 1
            let url = urls[position]
            group.addTask {
              .checked(
                position,
                await workers.run { self.notingPrevious(url) { self.storeStage(fetched) } })
            }
          case .checked(let position, let report):
            storing -= 1
            reports[position] = report
            done += 1
            progress?(report, done, urls.count)
          }
          startFetches()
        }
        return reports.enumerated().map { position, report in
          report
            ?? PageReport(
              url: urls[position],
              outcome: .failed(CheckFailure(.cancelled, message: "\(urls[position]): cancelled")))
        }
      }
    }
  }

  /// Checks one page.
  public func check(_ url: String) async -> PageReport {
    await withBlockingWorkers(count: 1) { workers in
      let fetched = await fetchStage(url, workers: workers)
      return await workers.run { self.storeStage(fetched) }
    }
  }

  /// Threads for the store stage: enough that pages waiting for fsync do not hold up the
  /// others (the disk handles several at once), capped because the CPU work among them gains
  /// nothing past the cores.
  private var storeThreads: Int { min(jobs, maxStoreThreads) }

  /// The first half of a check: the URL, the time, the latest capture (its validators make the
  /// request conditional; read on a worker thread, ahead of the writes) and the fetch.
  func fetchStage(_ url: String, workers: BlockingWorkers) async -> FetchStage {
    let normalized: String
    do {
      normalized = try normalizedPageURL(url)
    } catch {
      return .done(
        PageReport(
          url: url, outcome: .failed(CheckFailure(.badURL, message: String(describing: error)))))
    }
    // Made unique under the page lock (checkTime), where two runs cannot race.
    let time = CaptureTime(now())
    let previous = await workers.run(urgent: true) { self.comparedCapture(ofURL: normalized) }
    do {
      return .fetched(
        url: normalized, time: time, try await fetchPage(normalized, previous: previous))
    } catch let failure as AnsweredFailure {
      return .failed(
        url: normalized, time: time, status: failure.response.status,
        finalURL: failure.response.finalURL, error: failure.error)
    } catch {
      return .failed(url: normalized, time: time, status: nil, finalURL: nil, error: error)
    }
  }

  /// The second half of a check, which blocks: extraction and the store's writes.
  func storeStage(_ stage: FetchStage) -> PageReport {
    let normalized: String
    let time: CaptureTime
    let fetched: FetchedPage
    switch stage {
    case .done(let report): return report
    case .failed(let url, let time, let status, let finalURL, let error):
      return recordFailure(url: url, time: time, status: status, finalURL: finalURL, error: error)
    case .fetched(let url, let checkTime, let page):
      (normalized, time, fetched) = (url, checkTime, page)
    }
    let read: ReadArticle
    switch fetched.content {
    case .notModified:
      return recordNotModified(
        url: normalized, time: time, status: fetched.response.status,
        finalURL: fetched.response.finalURL)
    case .notHTML(let mediaType):
      return storeNotHTML(url: normalized, time: time, fetched: fetched, mediaType: mediaType)
    case .html(let text):
      // A page that sends the reader elsewhere with a meta refresh has moved as one that
      // redirects has (a static site's redirect page has no article to read).
      if !takesChecksIntoThePast,
        let target = metaRefreshTarget(text, base: fetched.response.finalURL),
        movedURL(target, pageURL: normalized) != nil,
        !reloadsItself(target, pageURL: normalized),
        let moved = recordRefreshMove(url: normalized, time: time, fetched: fetched, to: target)
      {
        return moved
      }
      do {
        read = try readArticle(text, url: fetched.response.finalURL, rules: rules[normalized])
      } catch {
        return recordFailure(
          url: normalized, time: time, status: fetched.response.status,
          finalURL: fetched.response.finalURL, error: error, kind: .extraction)
      }
    }
    do {
      return try store.withPage(for: normalized) { page in
        try storeCheck(page: page, time: time, fetched: fetched, read: read)
      }
    } catch {
      return PageReport(url: normalized, outcome: .failed(CheckFailure(error)))
    }
  }

  private func storeCheck(
    page: PageRecord, time proposedTime: CaptureTime, fetched: FetchedPage, read: ReadArticle
  ) throws -> PageReport {
    let fullHistory = try store.history(of: page)
    let past = takesChecksIntoThePast ? try pastPlace(proposedTime, in: fullHistory) : nil
    // In the past, the page is what it was then: its history and captures before the time.
    let history = past == nil ? fullHistory : fullHistory.filter { $0.time < proposedTime }
    let time = past == nil ? checkTime(proposedTime, after: history.last) : proposedTime
    let response = fetched.response
    let textHash = sha256Hex(Array(read.text.utf8))
    let bodyHash = sha256Hex(response.body)
    let current = currentCapture(in: history)
    let pageRules = rules[page.url]
    let facts = CheckFacts(
      time: time, recorded: past?.recorded, status: response.status,
      finalURL: movedURL(response, page: page), bodySHA256: bodyHash, textSHA256: textHash,
      title: read.article.title, rules: pageRules?.label)
    /// `asCapture`: whether the text read is the capture's own text, byte for byte; when it is
    /// not (the capture was found the same article by reading it again), the line says what
    /// was read, so that the next check reading it need not read the capture again.
    /// `forThisTimeOnly`: the text is the capture's article only as served at this time (a
    /// date line that is the serving time), so the line does not say what was read: the
    /// same text served later is judged again, not taken for the capture's article.
    func recordUnchanged(
      _ outcome: CheckOutcome, capture: CaptureTime, asCapture: Bool, forThisTimeOnly: Bool = false
    ) throws {
      var line = historyLine(.saw(capture: capture, back: outcome == .back), facts)
      if outcome == .unchanged, !asCapture, !forThisTimeOnly { line.readSHA256 = textHash }
      if keepRaw == .distinct,
        !fullHistory.contains(where: { $0.storedCapture && $0.bodySHA256 == bodyHash })
      {
        try store.keepPayload(gzipMember(of: [response.body]), sha256: bodyHash, in: page)
        // The line names the payload, so that verify checks it is there and intact.
        line.payloadKept = true
      }
      try store.record(line, rawBody: keepRaw == .always ? response.body : nil, in: page)
    }
    // The common case, answered from the history line alone: the same article as last time,
    // the capture's own text or the text the last check read and found the capture's article
    // (`readSHA256`, after the capture was read again by this release).
    // `current` is this line's capture.
    if let current, let seen = history.last(where: \.sawArticle) {
      let asRead = seen.readSHA256 == textHash
      if try asRead
        || (seen.textSHA256 == textHash
          && store.articleText(of: page, capture: current) == read.text)
      {
        try recordUnchanged(.unchanged, capture: current, asCapture: !asRead)
        return PageReport(url: page.url, outcome: .unchanged)
      }
    }
    /// Records a soft 404 (see below) as a failed check.
    func recordErrorPage(_ name: String) throws -> PageReport {
      let error = RedlineError.errorPage(url: page.url, name: name, status: response.status)
      // No body hash: like a 404's line, it names no payload for an export to write.
      var named = facts
      (named.title, named.bodySHA256) = (name, nil)
      try store.record(historyLine(.failed(reason: error.description), named), in: page)
      return PageReport(
        url: page.url,
        outcome: .failed(
          CheckFailure(.answer, status: response.status, message: error.description)))
    }
    // The error page the last check found, served again: an error page still, answered from
    // the history line (no capture was stored since), without reading the post's versions.
    if provenance == nil, let last = history.last, last.isErrorPage, last.textSHA256 == textHash,
      let name = last.title
    {
      return try recordErrorPage(name)
    }
    let captures = try store.captures(of: page).filter { past == nil || $0.time < time }
    let own = captures.filter { !isForeign($0, pageURL: page.url) }
    // A post that redirects elsewhere after it answered at its own URL has moved: the other
    // page's article is not a version of it.
    if past == nil,
      let moved = try recordMove(
        page: page, time: time, response: response, bodySHA256: bodyHash, captures: { captures })
    {
      return moved
    }
    // A page only ever captured through a redirect (an alias of the post) has no version at
    // its own URL: its captures are what there is to compare with.
    let versions = own.isEmpty ? captures.filter { !$0.metadata.isNotHTML } : own
    let found = try baseVersion(
      of: page, versions: versions, newText: read.text, rules: pageRules)
    if let match = found.identical {
      try recordUnchanged(
        match.time == current ? .unchanged : .back, capture: match.time,
        asCapture: found.identicalAsStored)
      return PageReport(url: page.url, outcome: match.time == current ? .unchanged : .back)
    }
    // A post that now answers an error page with a success status (a soft 404: "Page not
    // found" served with 200) fails as a 404 does: a text with nothing of the post's last own
    // version that calls itself an error page in its title or first heading. Recorded as a
    // failed check with its status and title (`HistoryEntry.isErrorPage`), never stored as a
    // version; when the post answers again, its article is compared with its own version.
    // A page's first check has no version to be unrelated to, and an imported archive keeps
    // what it holds.
    if provenance == nil, let base = found.base, isUnrelated(base.text, to: read.text),
      let name = errorPageName(read.text)
    {
      return try recordErrorPage(name)
    }
    // A post whose page now names another page as its canonical address has moved there,
    // when what it serves is another post's article (a soft redirect): not stored as a
    // version of it.
    if past == nil, !own.isEmpty, let base = found.base,
      let target = canonicalMove(from: base.text, to: read.text, pageURL: page.url)
    {
      try store.record(
        historyLine(
          .moved(via: MoveKind.canonical),
          CheckFacts(time: time, status: response.status, finalURL: target, bodySHA256: bodyHash)),
        in: page)
      return PageReport(url: page.url, outcome: .moved(to: target))
    }
    // A page that writes the time it was served as a date line (its updated date, or today's
    // date in the post's header box, read as its published or shown date) is the same
    // article: `unchanged`, for this check only (no `readSHA256`): the same text served a day
    // later, its date no longer the serving time, is a re-save of the date (one made just
    // before this check), which the next check must report.
    if past == nil, let base = found.base, base.capture.time == current {
      let (previous, text) = comparableTexts(
        base.text, format: base.format, read.text, format: ArticleText.formatVersion)
      // A capture whose very page was served again on a later day did not take its date from
      // the clock: a re-dating to this check's day is an edit now.
      if isRenderClockOnly(
        old: previous, servedAt: base.capture.time, new: text, servedAt: time,
        oldServed: BodySightings(history)[base.capture.metadata.bodySHA256])
      {
        try recordUnchanged(
          .unchanged, capture: base.capture.time, asCapture: false, forThisTimeOnly: true)
        return PageReport(url: page.url, outcome: .unchanged)
      }
    }
    var classification: EditClassification?
    var lineDiff: LineDiff?
    var rendered: [UInt8] = []
    var words: [UInt8] = []
    if let base = found.base {
      let (previous, text) = comparableTexts(
        base.text, format: base.format, read.text, format: ArticleText.formatVersion)
      let diff = diffLines(old: Array(previous.utf8), new: Array(text.utf8))
      lineDiff = diff
      classification = classifyEdit(old: previous, new: text)
      rendered = renderUnified(
        diff, oldHeader: captureLabel(page.url, base.capture.time),
        newHeader: captureLabel(page.url, time))
      words = renderWordDiff(
        diff, oldHeader: captureLabel(page.url, base.capture.time),
        newHeader: captureLabel(page.url, time), style: .plain)
    }
    let metadata = captureMetadata(
      time: time, response: response, bodySHA256: bodyHash, textSHA256: textHash,
      title: read.article.title, extractionMethod: read.method)
    try store.save(
      NewCapture(metadata: metadata, rawBody: response.body, articleText: read.text),
      recording: historyLine(
        .stored(
          first: lineDiff == nil, diff: lineDiff.map { ($0.linesAdded, $0.linesRemoved) }),
        facts),
      in: page)
    let outcome: PageReport.Outcome =
      lineDiff.map { .changed(added: $0.linesAdded, removed: $0.linesRemoved) } ?? .new
    var report = PageReport(
      url: page.url, outcome: outcome, capture: time, diff: rendered)
    report.title = read.article.title
    if let classification {
      report.labels = classification.labels
      report.stealth =
        classification.contentChanged
        && classification.updatedBefore == classification.updatedAfter
      report.headerOnly = !classification.contentChanged
      report.wordDiff = words
    }
    return report
  }

  /// What a changed article is compared with, looking back from the latest capture over the
  /// captures that are not versions of the post: content that is not HTML, another page's
  /// article through a redirect, and HTML that has nothing of the article (an error page
  /// served with status 200). `identical` is the capture whose text is the new one, if the
  /// page came back to it across such captures (or to the current one, when the two differ
  /// only by format), and `identicalAsStored` whether its stored text is the new one byte for
  /// byte (not read again, nor in an older format); `base` is the post's last own version
  /// otherwise.
  ///
  /// A capture whose text differs from the new one is read again from its raw HTML, when it
  /// was kept, with today's extractor and today's rules: an older release of Redline (the
  /// extractor improves from release to release) or other extraction rules (a selector or
  /// ignore rule added, changed or removed since) may have read the same HTML otherwise. So
  /// neither an upgrade nor a rule change is ever taken for an edit of the post: the check is
  /// `unchanged` when the post is, and a later edit is diffed under one extractor and one set
  /// of rules. This costs one extraction, and only when the text differs.
  private func baseVersion(
    of page: PageRecord, versions own: [CaptureRecord], newText: String, rules: PageRules?
  ) throws -> (identical: CaptureRecord?, identicalAsStored: Bool, base: Version?) {
    var latest: Version?
    // A stand-in an earlier edit passed over is no version to come back to: an error page
    // served again is the same news as the first time, not the post "back".
    let recent = try withoutStandIns(Array(own.suffix(2 * standInLookBack))) {
      try store.articleText(of: page, capture: $0.time)
    }
    for capture in recent.reversed().prefix(standInLookBack) {
      var (stored, format) = try store.currentFormText(of: page, capture: capture)
      let asStored = comparableTexts(
        stored, format: format, newText, format: ArticleText.formatVersion)
      var readAgain = false
      if asStored.old != asStored.new,
        let reread = try store.articleReadToday(of: page, capture: capture, rules: rules)
      {
        (stored, format, readAgain) = (reread.text, ArticleText.formatVersion, true)
      }
      let (old, new) = comparableTexts(
        stored, format: format, newText, format: ArticleText.formatVersion)
      if old == new {
        // The stored bytes themselves: of today's format (not migrated on reading), not read
        // again.
        let asCapture =
          !readAgain && capture.metadata.textFormat == ArticleText.formatVersion
          && stored == newText
        return (capture, asCapture, nil)
      }
      let version = Version(capture: capture, text: stored, format: format)
      if latest == nil { latest = version }
      // A text with nothing of the article, between a version and the new text, was a
      // stand-in: the version before it is the one to compare with.
      if !isUnrelated(stored, to: newText) { return (nil, false, version) }
    }
    return (nil, false, latest)
  }

  /// Where a check at `time` goes when it is older than the page's latest check and
  /// `takesChecksIntoThePast` is set: into the page's past, its line recorded (appended) now.
  /// Nil for a check that is the page's latest (the usual case).
  /// - Throws: `StoreError.duplicateCapture` when the page already has a check at that time
  ///   (an archive imported twice).
  private func pastPlace(_ time: CaptureTime, in history: [HistoryEntry]) throws -> PastPlace? {
    guard let latest = history.last, time < latest.time else { return nil }
    if history.contains(where: { $0.time == time || $0.capture == time }) {
      throw StoreError.duplicateCapture(path: time.description)
    }
    // Append times strictly increase along the chain, like check times of lines appended in
    // time order.
    let appended = history.map { $0.recorded ?? $0.time }.max() ?? latest.time
    let clock = CaptureTime(Date())
    return PastPlace(recorded: checkTime(clock, afterTime: appended))
  }

  /// Records a failed check: its status and final URL when an answer came (a 404, a redirect
  /// to a page that failed), so `audit` can tell a removed or moved post from a network error.
  func recordFailure(
    url: String, time: CaptureTime, status: Int?, finalURL: String? = nil, error: Error,
    kind: CheckFailure.Kind? = nil
  ) -> PageReport {
    let failure =
      kind.map { CheckFailure($0, status: status, message: String(describing: error)) }
      ?? CheckFailure(error, status: status)
    let reason = failure.message
    do {
      try store.withPage(for: url) { page in
        let latest = try store.latestCheck(of: page)
        // An archived failure older than the page's latest check goes into its past (a post
        // removed for a while); moved after the latest check, it would say the page fails now.
        let past =
          takesChecksIntoThePast && latest.map { time < $0.time } == true
          ? try pastPlace(time, in: store.history(of: page)) : nil
        try store.record(
          historyLine(
            .failed(reason: reason),
            CheckFacts(
              time: past == nil ? checkTime(time, after: latest) : time,
              recorded: past?.recorded, status: status,
              finalURL: finalURL.flatMap { movedURL($0, pageURL: page.url) })),
          in: page)
      }
    } catch {
      return PageReport(
        url: url,
        outcome: .failed(
          CheckFailure(.store, status: status, message: "\(reason); \(error)")))
    }
    return PageReport(url: url, outcome: .failed(failure))
  }
}

/// A check taken into a page's past: when its line is appended.
struct PastPlace {
  let recorded: CaptureTime
}

/// A stored version of the post: a capture and its article text in the current format where
/// it can be had (`currentFormText`).
struct Version {
  let capture: CaptureRecord
  let text: String
  let format: Int
}

/// What the fetch half of a check hands to the store half.
enum FetchStage: Sendable {
  /// Nothing to store: the URL was refused before any fetch.
  case done(PageReport)
  /// The fetch failed, with the status and final URL when a server answered: one history
  /// line records why.
  case failed(url: String, time: CaptureTime, status: Int?, finalURL: String?, error: any Error)
  /// A response came back.
  case fetched(url: String, time: CaptureTime, FetchedPage)
}

/// What a child task of `snapshot` reports: its page was fetched, or checked to the end.
private enum PipelineEvent: Sendable {
  case fetched(Int, FetchStage)
  case checked(Int, PageReport)
}

/// The most store-stage threads a run starts.
private let maxStoreThreads = 16

/// The check's time, moved to the second after the page's latest check if it is not later:
/// history times strictly increase and never name a capture twice, even when two runs check
/// one page in the same second. Called under the page lock.
func checkTime(_ time: CaptureTime, after latest: HistoryEntry?) -> CaptureTime {
  checkTime(time, afterTime: latest?.time)
}

/// `time`, or the second after `latest` if it is not later.
func checkTime(_ time: CaptureTime, afterTime latest: CaptureTime?) -> CaptureTime {
  guard let latest, time <= latest, let date = latest.date else {
    return time
  }
  return CaptureTime(date.addingTimeInterval(1))
}

/// The `---`/`+++` label of a stored capture: the page URL, a tab, and the capture time in the
/// form GNU diff and patch read.
func captureLabel(_ url: String, _ time: CaptureTime) -> String {
  guard time.hasStoreShape else { return url }
  return url + "\t" + time.formatted(separator: " ", suffix: ".000000000 +0000")
}
