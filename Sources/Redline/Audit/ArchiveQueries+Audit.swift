import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArticleExtraction
import EveryCore
import SnapshotStore
import TextDiff

/// What `audit` looks at: a period (store times, inclusive) and a host.
public struct AuditOptions: Sendable {
  /// Edits and events before this time are left out.
  public let since: CaptureTime?
  /// Edits and events after this time are left out.
  public let until: CaptureTime?
  /// Only pages of this host (compared without case).
  public let host: String?
  /// The report's time.
  public let generated: CaptureTime
  /// Whether edits are found between the stored texts as they are, instead of the captures
  /// as today's extractor reads them when their stored texts differ (`comparedVersions`).
  public var asStored = false

  /// Creates audit options. The bounds are what `storeTime(_:bound:)` reads from a user.
  public init(
    since: CaptureTime? = nil, until: CaptureTime? = nil, host: String? = nil,
    generated: CaptureTime
  ) {
    self.since = since
    self.until = until
    self.host = host
    self.generated = generated
  }

  /// Whether a time lies in the period.
  func contains(_ time: CaptureTime) -> Bool {
    (since.map { time >= $0 } ?? true) && (until.map { time <= $0 } ?? true)
  }

}

/// What an audit report says after its pages: the labels no edit could get and the pages that
/// could not be read.
public struct AuditEnding: Sendable, Equatable {
  /// See `AuditReport.unavailableLabels`.
  public var unavailableLabels: [UnavailableLabel]
  /// See `AuditReport.unreadablePages`.
  public var unreadablePages: [String]
}

extension ArchiveQueries {
  /// The `audit` use case: every page whose article changed after its first capture, or that
  /// was removed or moved, with each edit labelled and diffed, read from the store alone.
  ///
  /// A capture made through a redirect to another URL holds that page's article, not the
  /// post's: it is a move event, never an edit, and the post's next own version is compared
  /// with its last own version before the move.
  /// - Throws: `StoreError` when the store cannot be read.
  public func audit(_ options: AuditOptions) throws -> AuditReport {
    var pages: [PageAudit] = []
    let ending = try audit(options) { pages.append($0) }
    return AuditReport(
      since: options.since, until: options.until, host: options.host,
      generated: options.generated, pages: pages, unavailableLabels: ending.unavailableLabels,
      unreadablePages: ending.unreadablePages)
  }

  /// The `audit` use case for a big store: each page's audit goes to `body` as soon as it is
  /// made, in the order of `AuditReport.pages`, so memory holds one page at a time.
  /// - Returns: what the report says after its pages.
  /// - Throws: `StoreError` when the store cannot be read; what `body` throws.
  public func audit(_ options: AuditOptions, _ body: (PageAudit) throws -> Void) throws
    -> AuditEnding
  {
    var undecided: [EditLabel: Int] = [:]
    // A period: the store's activity index names the pages to read (a few hundred of 50,000,
    // say). Without a period, or without an index, every page is listed.
    let indexed =
      options.since == nil && options.until == nil
      ? nil : try store.pagesWithActivity(since: options.since, until: options.until)
    var damaged: [String] = []
    // Pages are audited a batch at a time on every core, and handed to `body` in order.
    var batch: [PageRecord] = []
    func auditBatch() throws {
      let pages = batch
      batch.removeAll(keepingCapacity: true)
      let audits = mapOnEveryCore(pages) { page in
        Result { try auditPage(page, options: options) }
      }
      for (page, result) in zip(pages, audits) {
        switch result {
        case .success(nil): continue
        case .success(let (audit, pageUndecided)?):
          undecided.merge(pageUndecided, uniquingKeysWith: +)
          try body(audit)
        case .failure(let error):
          // A damaged page is named, and every other page still audited.
          damaged.append("\(page.url): \(error)")
        }
      }
    }
    func audited(_ page: PageRecord) throws {
      if let host = options.host, !isPage(page, onHost: host) { return }
      batch.append(page)
      if batch.count == Self.auditBatchSize { try auditBatch() }
    }
    let unreadable: [String]
    if let indexed {
      for page in indexed.pages { try audited(page) }
      unreadable = indexed.unreadable
    } else {
      unreadable = try store.forEachReadablePage(audited)
    }
    try auditBatch()
    let unavailable = undecided.keys.sorted().map { label in
      UnavailableLabel(
        label: label, edits: undecided[label] ?? 0,
        reason: "the raw HTML of one of the two captures was not kept")
    }
    return AuditEnding(unavailableLabels: unavailable, unreadablePages: unreadable + damaged)
  }

  /// How many pages are audited at once: enough to keep every core busy, few enough that
  /// memory holds little more than one page's audit per core.
  private static let auditBatchSize = 16

  /// One page's audit, or nil when nothing happened to it in the period; with the number of
  /// its edits that could not get a label, by label (links or captions that could not be
  /// compared).
  func auditPage(_ page: PageRecord, options: AuditOptions) throws
    -> (PageAudit, [EditLabel: Int])?
  {
    let history = try store.history(of: page)
    // Most pages of a big store never changed: their history alone says so.
    guard
      history.indices.contains(where: { index in
        history[index].isActivity(after: index > 0 ? history[index - 1] : nil)
      })
    else { return nil }
    let captures = try store.captures(of: page)
    let metadata = Dictionary(captures.map { ($0.time, $0.metadata) }) { first, _ in first }
    let places = PagePlaces(page: page, history: history, metadata: metadata)
    var events = places.events()
    var versions: [AuditVersion] = []
    var edits: [AuditEdit] = []
    var undecided: [EditLabel: Int] = [:]
    var previous: VersionInForm?
    // What the page briefly served between two versions of the post (an error page served
    // with status 200) is no version of it, whether the post came back as it was (`back`,
    // see `PagePlaces`) or edited: the same test as `withoutStandIns`, over the last few
    // versions only, so that memory does not grow with a page's versions. Each is kept with
    // what the page's audit held before it, so that stand-ins found later are taken back.
    var recent: [(version: VersionInForm, marks: AuditMarks)] = []
    // When each version's very page was served (`isRenderClockOnly`), once a pair needs it.
    var sightings: BodySightings?
    for capture in captures where places.isOwnVersion(capture) {
      let version = try VersionInForm(capture, of: page, in: store)
      if let related = recent.indices.last(where: {
        !isUnrelated(recent[$0].version.text, to: version.text)
      }), related < recent.count - 1 {
        let marks = recent[related + 1].marks
        versions.removeSubrange(marks.versions...)
        edits.removeSubrange(marks.edits...)
        events.removeSubrange(marks.events...)
        undecided = marks.undecided
        recent.removeSubrange((related + 1)...)
        previous = recent[related].version
      }
      let marks = AuditMarks(
        versions: versions.count, edits: edits.count, events: events.count,
        undecided: undecided)
      func keep() {
        previous = version
        recent.append((version, marks))
        if recent.count > standInLookBack { recent.removeFirst() }
      }
      let (stored, format) = (version.text, version.format)
      // Both sides in the form they compare in: a capture made before links or captions were
      // recorded beside one made after compares without those sections, and two whose stored
      // texts differ as today's extractor reads them (an upgrade of Redline is not an edit).
      let (oldText, text, readAgain) =
        try previous.map {
          try store.comparedVersions(
            $0, version,
            automatic: madeWithoutRules($0.capture.time, in: history)
              && madeWithoutRules(capture.time, in: history),
            // Versions before the period only give the page's list of versions: read as
            // stored, so that an audit's cost follows the edits it reports.
            asStored: options.asStored || !options.contains(capture.time))
        } ?? ("", stored, false)
      let parts = ArticleParts(text)
      guard let previousVersion = previous, oldText != text else {
        if previous == nil {
          versions.append(
            AuditVersion(
              capture: capture.time, title: capture.metadata.title,
              updated: parts.header["Updated"], added: nil, removed: nil))
          keep()
        }
        continue
      }
      // Two versions that differ only in date lines the clock moved, each the time its capture
      // was made (`isRenderClockOnly`: today's date in the post's header box, a render time in
      // `dateModified`) are one version of the post, as `snapshot` finds them: no edit, and
      // the next version is compared with the older one. Such pairs are stored by releases
      // before `snapshot` knew them, and by an import into the page's past.
      if isRenderClockOnly(
        old: oldText, servedAt: previousVersion.capture.time, new: text, servedAt: capture.time)
      {
        // Unless a version was served the same on a later day (its very page, by a later
        // check): it did not take its date from the clock. Read from the history only for
        // such pairs, which are few.
        let seen = sightings ?? BodySightings(history)
        sightings = seen
        if isRenderClockOnly(
          old: oldText, servedAt: previousVersion.capture.time, new: text,
          servedAt: capture.time, oldServed: seen[previousVersion.capture.metadata.bodySHA256],
          newServed: seen[capture.metadata.bodySHA256])
        {
          continue
        }
      }
      let before = (time: previousVersion.capture.time, text: oldText)
      let lineDiff = diffLines(old: Array(before.text.utf8), new: Array(text.utf8))
      versions.append(
        AuditVersion(
          capture: capture.time, title: capture.metadata.title,
          updated: parts.header["Updated"],
          added: lineDiff.linesAdded, removed: lineDiff.linesRemoved))
      // A new canonical URL between two stored versions (`canonicalChange`: not a respelling of
      // the old one, such as http to https, nor the page's own URL): the post renamed, which
      // `snapshot` stores as a version, or in stores made before snapshot recorded moves,
      // another post served at its URL.
      let oldURL = ArticleParts(before.text).header["URL"]
      if let oldURL, let newURL = parts.header["URL"],
        canonicalChange(from: before.text, to: text, pageURL: page.url) != nil,
        options.contains(capture.time)
      {
        events.append(
          AuditEvent(
            time: capture.time, kind: .moved, status: capture.metadata.status,
            to: newURL,
            detail: "its canonical URL changed from \(oldURL) to \(newURL)"))
      }
      if options.contains(capture.time) {
        var edit = auditEdit(
          page: page, from: before, to: (capture.time, text), lineDiff: lineDiff,
          format: readAgain ? ArticleText.formatVersion : min(previousVersion.format, format))
        edit.id = editID(
          url: page.url,
          from: (before.time, metadata[before.time]?.textSHA256 ?? ""),
          to: (capture.time, capture.metadata.textSHA256))
        for label in edit.unavailable { undecided[label, default: 0] += 1 }
        edits.append(edit)
      }
      keep()
    }
    events = events.filter { options.contains($0.time) }.sorted { $0.time < $1.time }
    guard !edits.isEmpty || !events.isEmpty else { return nil }
    return (
      PageAudit(
        url: page.url, host: page.host, title: versions.last?.title, versions: versions,
        edits: edits, events: events),
      undecided
    )
  }

  /// How much of a page's audit was made before one version was read: what to take back when
  /// the version turns out to be a stand-in.
  private struct AuditMarks {
    let versions: Int
    let edits: Int
    let events: Int
    let undecided: [EditLabel: Int]
  }

  /// One edit, labelled. `format` is the text format both texts are in (the older one's):
  /// the labels of the sections that format lacks (links before 2, captions before 3; a
  /// capture made before they were recorded, whose raw HTML was not kept) are not decided.
  private func auditEdit(
    page: PageRecord, from old: (time: CaptureTime, text: String),
    to new: (time: CaptureTime, text: String),
    lineDiff: LineDiff, format: Int
  ) -> AuditEdit {
    let classification = classifyEdit(old: old.text, new: new.text)
    let unavailable =
      (format < ArticleText.linksFormat ? [EditLabel.links] : [])
      + (format < ArticleText.captionsFormat ? [.caption] : [])
    let linksAdded = classification.linksAdded
    let linksRemoved = classification.linksRemoved
    return AuditEdit(
      from: old.time, to: new.time, labels: classification.labels,
      unavailable: unavailable,
      stealth: classification.contentChanged
        && classification.updatedBefore == classification.updatedAfter,
      updatedBefore: classification.updatedBefore, updatedAfter: classification.updatedAfter,
      linesAdded: lineDiff.linesAdded, linesRemoved: lineDiff.linesRemoved,
      linksAdded: linksAdded, linksRemoved: linksRemoved, notes: classification.notes,
      headerChanges: classification.headerChanges, passages: classification.passages,
      diff: String(
        decoding: renderUnified(
          lineDiff, oldHeader: captureLabel(page.url, old.time),
          newHeader: captureLabel(page.url, new.time)), as: UTF8.self))
  }
}

/// An edit's stable id, `urn:redline:edit:` and the first 32 hex digits of the SHA-256 of the
/// page URL and each capture's time and article-text hash: re-running an audit, or notifying
/// the edit from another run, gives the same id; another edit never does.
public func editID(
  url: String, from: (time: CaptureTime, textSHA256: String),
  to: (time: CaptureTime, textSHA256: String)
) -> String {
  let text = [
    url, from.time.description, from.textSHA256, to.time.description, to.textSHA256,
  ].joined(separator: "\n")
  return "urn:redline:edit:" + sha256Hex(Array(text.utf8)).prefix(32)
}

/// Whether a page is on a host: the URL's host or the store folder's, compared without case.
func isPage(_ page: PageRecord, onHost host: String) -> Bool {
  let wanted = host.lowercased()
  return page.host == wanted || URLComponents(string: page.url)?.host?.lowercased() == wanted
}

/// Whether a URL is a site's home page: its path is empty or `/` and it has no query.
func isHomePage(_ url: String) -> Bool {
  guard let normalized = try? normalizedPageURL(url),
    let schemeEnd = normalized.firstRange(of: "://")
  else { return false }
  let rest = normalized[schemeEnd.upperBound...]
  guard let slash = rest.firstIndex(of: "/") else { return true }
  return rest[slash...] == "/"
}
