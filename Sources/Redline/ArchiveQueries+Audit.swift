import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import SnapshotStore
import TextDiff

/// What `audit` looks at: a period (store times, inclusive) and a host.
public struct AuditOptions: Sendable {
  /// Edits and events before this time are left out.
  public let since: String?
  /// Edits and events after this time are left out.
  public let until: String?
  /// Only pages of this host (compared without case).
  public let host: String?
  /// The report's time (`YYYYMMDDTHHMMSSZ`).
  public let generated: String

  /// Creates audit options. Times are store times (see `storeTime(_:bound:)`).
  public init(since: String? = nil, until: String? = nil, host: String? = nil, generated: String) {
    self.since = since
    self.until = until
    self.host = host
    self.generated = generated
  }

  /// Whether a time lies in the period.
  func contains(_ time: String) -> Bool {
    (since.map { time >= $0 } ?? true) && (until.map { time <= $0 } ?? true)
  }
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
    var linksUnavailable = 0
    var links = BodyLinks()
    for page in try store.pages() {
      if let host = options.host, !isPage(page, onHost: host) { continue }
      guard let (audit, missingLinks) = try auditPage(page, options: options, links: &links)
      else { continue }
      pages.append(audit)
      linksUnavailable += missingLinks
    }
    let unavailable =
      linksUnavailable == 0
      ? []
      : [
        UnavailableLabel(
          label: .links, edits: linksUnavailable,
          reason: "the raw HTML of one of the two captures was not kept")
      ]
    return AuditReport(
      since: options.since, until: options.until, host: options.host,
      generated: options.generated, pages: pages, unavailableLabels: unavailable)
  }

  /// One page's audit, or nil when nothing happened to it in the period; with the number of
  /// its edits whose links could not be compared.
  private func auditPage(_ page: PageRecord, options: AuditOptions, links: inout BodyLinks)
    throws -> (PageAudit, Int)?
  {
    let history = try store.history(of: page)
    // Most pages of a big store never changed: their history alone says so.
    guard history.contains(where: { $0.outcome != .unchanged || $0.finalURL != nil }) else {
      return nil
    }
    let captures = try store.captures(of: page)
    let metadata = Dictionary(captures.map { ($0.time, $0.metadata) }) { first, _ in first }
    let places = PagePlaces(page: page, history: history, metadata: metadata)
    var events = places.events()
    var versions: [AuditVersion] = []
    var edits: [AuditEdit] = []
    var linksUnavailable = 0
    var previous: (time: String, text: String)?
    for capture in captures where places.isOwnVersion(capture) {
      let text = try store.articleText(of: page, capture: capture.time)
      let parts = ArticleParts(text)
      guard let before = previous, before.text != text else {
        if previous == nil {
          versions.append(
            AuditVersion(
              capture: capture.time, title: capture.metadata.title,
              updated: parts.header["Updated"], added: nil, removed: nil))
          previous = (capture.time, text)
        }
        continue
      }
      let lineDiff = diffLines(old: Array(before.text.utf8), new: Array(text.utf8))
      versions.append(
        AuditVersion(
          capture: capture.time, title: capture.metadata.title, updated: parts.header["Updated"],
          added: lineDiff.linesAdded, removed: lineDiff.linesRemoved))
      let oldURL = ArticleParts(before.text).header["URL"]
      if let oldURL, let newURL = parts.header["URL"], oldURL != newURL,
        options.contains(capture.time)
      {
        events.append(
          AuditEvent(
            time: capture.time, kind: .moved, status: capture.metadata.status, to: newURL,
            detail: "its canonical URL changed from \(oldURL) to \(newURL)"))
      }
      if options.contains(capture.time) {
        let edit = try auditEdit(
          page: page, from: before, to: (capture.time, text), lineDiff: lineDiff,
          metadata: metadata, links: &links)
        if !edit.unavailable.isEmpty { linksUnavailable += 1 }
        edits.append(edit)
      }
      previous = (capture.time, text)
    }
    events = events.filter { options.contains($0.time) }.sorted { $0.time < $1.time }
    guard !edits.isEmpty || !events.isEmpty else { return nil }
    return (
      PageAudit(
        url: page.url, host: page.host, title: versions.last?.title, versions: versions,
        edits: edits, events: events),
      linksUnavailable
    )
  }

  private func auditEdit(
    page: PageRecord, from old: (time: String, text: String), to new: (time: String, text: String),
    lineDiff: LineDiff, metadata: [String: CaptureMetadata], links: inout BodyLinks
  ) throws -> AuditEdit {
    var classification = classifyEdit(old: old.text, new: new.text)
    var unavailable: [EditLabel] = []
    var linksAdded: [String] = []
    var linksRemoved: [String] = []
    if let oldLinks = try links.of(page, old.time, metadata[old.time], in: store),
      let newLinks = try links.of(page, new.time, metadata[new.time], in: store)
    {
      linksAdded = newLinks.filter { !oldLinks.contains($0) }
      linksRemoved = oldLinks.filter { !newLinks.contains($0) }
      if !linksAdded.isEmpty || !linksRemoved.isEmpty {
        classification.labels = (classification.labels + [.links]).sorted()
      }
    } else {
      unavailable.append(.links)
    }
    return AuditEdit(
      from: old.time, to: new.time, labels: classification.labels, unavailable: unavailable,
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

/// The links of capture bodies, read again from their raw HTML once per distinct body: a
/// capture is the newer side of one edit and the older side of the next.
struct BodyLinks {
  /// Links (or nil: not kept, or no article) by the raw body's SHA-256.
  private var known: [String: [String]?] = [:]

  /// The distinct links of a capture's body, in order; nil when its raw HTML was not kept or
  /// no longer reads as an article.
  mutating func of(
    _ page: PageRecord, _ time: String, _ metadata: CaptureMetadata?,
    in store: any SnapshotStoring
  ) throws -> [String]? {
    guard let metadata else { return nil }
    if let cached = known[metadata.bodySHA256] { return cached }
    let links = try read(page, time, metadata, in: store)
    known[metadata.bodySHA256] = .some(links)
    return links
  }

  private func read(
    _ page: PageRecord, _ time: String, _ metadata: CaptureMetadata,
    in store: any SnapshotStoring
  ) throws -> [String]? {
    guard let raw = try store.rawBody(of: page, capture: time) else { return nil }
    let contentType = metadata.headers.last { $0.name.lowercased() == "content-type" }?.value
    guard
      let read = try? readArticle(
        raw, charset: charset(inContentType: contentType), url: metadata.finalURL)
    else { return nil }
    var seen: Set<String> = []
    return read.links.filter { seen.insert($0).inserted }
  }
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
