import SnapshotStore

/// Where a page answered at each check, read from its history: at its own URL, through a
/// redirect to another, or not at all (404, 410). Network failures and other errors say
/// nothing about where the post is and are skipped.
struct PagePlaces {
  /// Where one check found the page.
  enum Place: Equatable {
    /// At its own URL.
    case own
    /// Redirected to another URL.
    case moved(to: String)
    /// Answered 404 or 410, or an error page with a success status (`isErrorPage`).
    case gone(status: Int)
  }

  let page: PageRecord
  let history: [HistoryEntry]
  let metadata: [CaptureTime: CaptureMetadata]
  /// Captures that a later `back` check undid: what the page served between an earlier
  /// version and that version's return (an error page served with status 200, say).
  private let interim: Set<CaptureTime>

  /// Reads the places from a page's history and its captures' metadata.
  init(page: PageRecord, history: [HistoryEntry], metadata: [CaptureTime: CaptureMetadata]) {
    self.page = page
    self.history = history
    self.metadata = metadata
    var interim: Set<CaptureTime> = []
    var stored: [CaptureTime] = []
    for entry in history {
      if entry.storedCapture, let capture = entry.capture { stored.append(capture) }
      if entry.outcome == .back, let returned = entry.capture {
        interim.formUnion(stored.filter { $0 > returned })
      }
    }
    self.interim = interim
  }

  /// Whether a capture is a version of the post: HTML that answered at the post's own URL and
  /// that no later return undid.
  func isOwnVersion(_ capture: CaptureRecord) -> Bool {
    !capture.metadata.isNotHTML && captureMoved(capture.time) == nil
      && !interim.contains(capture.time)
  }

  /// The other URL a capture came from, if its fetch was redirected away from the page.
  private func captureMoved(_ time: CaptureTime) -> String? {
    guard let final = metadata[time]?.finalURL else { return nil }
    return movedURL(final, pageURL: page.url)
  }

  /// Where one check found the page; nil when it says nothing about that.
  func place(of entry: HistoryEntry) -> (Place, status: Int?)? {
    if let moved = entry.finalURL { return (.moved(to: moved), entry.status) }
    switch entry.outcome {
    case .failed:
      if entry.isErrorPage, let status = entry.status { return (.gone(status: status), status) }
      guard let status = entry.status ?? statusInError(entry.error), [404, 410].contains(status)
      else { return nil }
      return (.gone(status: status), status)
    case .moved, .repaired:
      return nil
    case .new, .changed, .unchanged, .back:
      // Histories written before `finalURL` existed: the capture's metadata knows, and an
      // unchanged check saw the same article as its capture, so came the same way.
      if let capture = entry.capture, let moved = captureMoved(capture) {
        return (.moved(to: moved), entry.status)
      }
      return (.own, entry.status)
    }
  }

  /// The removals, moves and returns: each change of place after the first known one.
  func events() -> [AuditEvent] {
    var events: [AuditEvent] = []
    var previous: Place?
    for entry in history {
      if entry.outcome == .repaired {
        events.append(
          AuditEvent(
            time: entry.time, kind: .repaired, status: nil, to: nil,
            detail: "its stored files were damaged; recorded by redline repair: "
              + (entry.error ?? "")))
        continue
      }
      guard let (place, status) = place(of: entry) else { continue }
      defer { previous = place }
      guard let previous, previous != place else { continue }
      switch place {
      case .gone(let code):
        let detail =
          entry.isErrorPage
          ? "answers an error page (\"\(entry.title ?? "")\") with status \(code)"
          : "answers HTTP \(code)\(statusText(code))"
        events.append(
          AuditEvent(time: entry.time, kind: .removed, status: code, to: nil, detail: detail))
      case .moved(let target):
        let place = isHomePage(target) ? "the home page \(target)" : target
        let how =
          switch entry.outcome == .moved ? entry.error : nil {
          case MoveKind.metaRefresh: "sends readers to \(place) with a meta refresh"
          case MoveKind.canonical: "names \(place) as its canonical URL"
          default: "redirects to \(place)"
          }
        events.append(
          AuditEvent(time: entry.time, kind: .moved, status: status, to: target, detail: how))
      case .own:
        events.append(
          AuditEvent(
            time: entry.time, kind: .restored, status: status, to: nil,
            detail: "answers at its own URL again"
              + (status.map { " (HTTP \($0))" } ?? "")))
      }
    }
    return events
  }

  /// A status read back from an older failure line's message (`HTTP 404 Not Found`).
  private func statusInError(_ error: String?) -> Int? {
    guard let error, let match = error.firstMatch(of: #/HTTP (\d{3})\b/#) else { return nil }
    return Int(match.output.1)
  }
}

extension HistoryEntry {
  /// Whether this failed check found an error page served with a success status (a soft 404,
  /// `RedlineError.errorPage`): the only failed line with a 2xx status that read an article
  /// text (`textSHA256`); its `title` is what the error page calls itself. The audit shows it
  /// as a removal, as it shows a 404.
  var isErrorPage: Bool {
    outcome == .failed && textSHA256 != nil && status.map { (200..<300).contains($0) } == true
  }
}
