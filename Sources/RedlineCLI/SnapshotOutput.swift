import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Redline
import SnapshotStore
import Synchronization

/// How a command prints what it found.
enum ReportFormat: String, CaseIterable, Sendable {
  /// Lines for people.
  case text
  /// JSON for scripts: one object per line (JSON Lines).
  case json
}

/// Prints `redline snapshot`'s report, as lines or JSON Lines, and counts what the exit status
/// depends on.
struct SnapshotOutput {
  let format: ReportFormat
  let quiet: Bool
  let withDiffs: Bool
  /// With `withDiffs`: the word diff (`[-old-]{+new+}`) instead of the unified diff.
  let wordDiffs: Bool
  /// Pages and feeds that failed in this run, whether printed or not.
  private(set) var failures = 0
  /// Posts whose article changed.
  private(set) var changes = 0
  /// Changed posts whose updated date stayed the same.
  private var stealthChanges = 0
  /// Posts first captured, moved and back, for the summary.
  private var counts = (new: 0, moved: 0, back: 0, unchanged: 0)

  init(format: ReportFormat, quiet: Bool, withDiffs: Bool, wordDiffs: Bool = false) {
    self.format = format
    self.quiet = quiet
    self.withDiffs = withDiffs
    self.wordDiffs = wordDiffs
  }

  /// A feed that gave no list of posts. With `--quiet`, a feed that failed last time too is
  /// not reported again (it still counts for the exit status).
  mutating func feedFailed(_ url: String, reason: String, stillFailing: Bool) {
    failures += 1
    if quiet, stillFailing { return }
    printError("feed: \(reason)")
    if format == .json {
      var object = PageJSON(url: url, kind: "feed", outcome: "failed", error: reason)
      object.previous = stillFailing ? "failed" : nil
      writeJSONLine(object)
    }
  }

  /// A feed that failed last time and was read again.
  func feedRecovered(_ url: String) {
    switch format {
    case .text: writeLine("recovered feed \(url)")
    case .json:
      var object = PageJSON(url: url, kind: "feed", outcome: "recovered", error: nil)
      object.previous = "failed"
      object.recovered = true
      writeJSONLine(object)
    }
  }

  /// One page's report. A failure is one line on standard error (and, as JSON, an object on
  /// standard output too); the rest goes to standard output.
  mutating func page(_ report: PageReport) {
    switch report.outcome {
    case .failed: failures += 1
    case .changed:
      changes += 1
      if report.stealth { stealthChanges += 1 }
    case .new: counts.new += 1
    case .moved: counts.moved += 1
    case .back: counts.back += 1
    case .unchanged, .notHTML: counts.unchanged += 1
    }
    guard shows(report) else { return }
    if case .failed(let failure) = report.outcome {
      // Fetch errors name the page ("fetching URL: …"); parse and extraction errors do not, and
      // in a run over many pages a line must say which page it is about.
      let reason = failure.message
      printError(reason.contains(report.url) ? reason : "\(report.url): \(reason)")
    }
    switch format {
    case .text:
      if report.failed { return }
      if report.recovered { writeLine("recovered \(report.url)") }
      if case .moved = report.outcome {
        writeLine(textLine(report))
        return
      }
      if report.newlyMoved, let target = report.movedTo {
        writeLine("moved \(report.url) -> \(target)")
      }
      if quiet, !isChange(report), report.outcome != .back { return }
      writeLine(textLine(report))
      if withDiffs { writeOutput(wordDiffs ? report.wordDiff : report.diff) }
    case .json:
      writeJSONLine(PageJSON(report, withDiff: withDiffs, wordDiff: wordDiffs))
    }
  }

  /// The summary after a run in which more than one post changed: how many changed (and how
  /// many of those silently), and what else happened. Nothing otherwise, and nothing as JSON.
  func summary() {
    guard format == .text, changes > 1 else { return }
    var parts = ["\(changes) changed"]
    if stealthChanges > 0 { parts[0] += " (\(stealthChanges) without a new updated date)" }
    if counts.new > 0 { parts.append("\(counts.new) new") }
    if counts.moved > 0 { parts.append("\(counts.moved) moved") }
    if counts.back > 0 { parts.append("\(counts.back) back") }
    if failures > 0 { parts.append("\(failures) failed") }
    if !quiet { parts.append("\(counts.unchanged) unchanged") }
    writeLine("summary: " + parts.joined(separator: ", "))
  }

  /// With `--quiet`, only changes, new failures, recoveries, returns and moves are shown.
  private func shows(_ report: PageReport) -> Bool {
    guard quiet else { return true }
    if report.failed { return !report.stillFailing }
    if case .moved = report.outcome {
      return report.previousOutcome != .moved || report.newlyMoved
    }
    return isChange(report) || report.recovered || report.newlyMoved || report.outcome == .back
  }

  private func isChange(_ report: PageReport) -> Bool {
    if case .changed = report.outcome { return true }
    return false
  }
}

/// The text line of a report: for a changed post, after the URL, its title in quotes, its
/// edit labels in brackets (or `[header lines only]` when no word of the post changed) and,
/// when the post's updated date stayed the same, `stealth`:
/// `changed +1 -1 https://… "Title" [numbers changed] stealth`.
private func textLine(_ report: PageReport) -> String {
  let plain = report.line.replacing(report.url, with: readableURL(report.url))
  guard case .changed = report.outcome else { return plain }
  var line = plain
  if let title = report.title { line += " \"\(title)\"" }
  if !report.labels.isEmpty {
    line += " [" + report.labels.map(\.name).joined(separator: ", ") + "]"
  } else if report.headerOnly {
    // Nothing a label names changed: say what did, as the audit does.
    line += " [header lines only]"
  }
  if report.stealth { line += " stealth" }
  return line
}

/// One line of `snapshot --format json`. Absent fields are left out.
struct PageJSON: Encodable {
  /// The page (or feed) URL.
  var url: String
  /// "page" or "feed".
  var kind = "page"
  /// new, changed, unchanged, not-html or failed.
  var outcome: String
  /// The capture's time (`YYYYMMDDTHHMMSSZ`) for new and changed pages.
  var capture: String?
  /// Lines added and removed, for changed pages.
  var added: Int?
  var removed: Int?
  /// The media type of a non-HTML page.
  var mediaType: String?
  /// Why the check failed.
  var error: String?
  /// What kind of failure (`CheckFailure.Kind`): bad-url, fetch, answer, extraction, store,
  /// settings, cancelled.
  var failureKind: String?
  /// The HTTP status of a failed check's answer, when one came.
  var status: Int?
  /// The outcome of the page's previous check, if it was checked before.
  var previous: String?
  /// Whether the page answered again after failing last time.
  var recovered: Bool?
  /// Where the page now redirects, when that is another page.
  var movedTo: String?
  /// The unified diff, with `--diff` (the word diff with `--word-diff`).
  var diff: String?
  /// The article's title, for new and changed posts.
  var title: String?
  /// The edit's labels (`EditLabel` raw values), for changed posts.
  var labels: [String]?
  /// Whether a changed post kept its updated date.
  var stealth: Bool?
  /// True when only header lines changed (the updated date, the author, the URL).
  var headerOnly: Bool?

  init(url: String, kind: String, outcome: String, error: String?) {
    self.url = url
    self.kind = kind
    self.outcome = outcome
    self.error = error
  }

  init(_ report: PageReport, withDiff: Bool, wordDiff: Bool = false) {
    url = report.url
    title = report.title
    capture = report.capture?.description
    previous = report.previousOutcome?.rawValue
    recovered = report.recovered ? true : nil
    movedTo = report.movedTo
    switch report.outcome {
    case .new: outcome = "new"
    case .changed(let linesAdded, let linesRemoved):
      outcome = "changed"
      added = linesAdded
      removed = linesRemoved
      labels = report.labels.map(\.rawValue)
      stealth = report.stealth
      headerOnly = report.headerOnly ? true : nil
      if withDiff {
        diff = String(decoding: wordDiff ? report.wordDiff : report.diff, as: UTF8.self)
      }
    case .unchanged: outcome = "unchanged"
    case .notHTML(let type):
      outcome = "not-html"
      mediaType = type
    case .failed(let failure):
      outcome = "failed"
      error = failure.message
      failureKind = failure.kind.rawValue
      status = failure.status
    case .moved(let target):
      outcome = "moved"
      movedTo = target
    case .back: outcome = "back"
    }
  }
}

/// Writes a value as one line of compact JSON with sorted keys.
func writeJSONLine<T: Encodable>(_ value: T) {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  guard let data = try? encoder.encode(value) else { return }
  writeOutput(Array(data) + [UInt8(ascii: "\n")])
}

/// A progress line on standard error, redrawn after each page, only when standard error is a
/// terminal that understands cursor movement (not `TERM=dumb`) and the run has more than a few
/// pages.
final class ProgressLine: Sendable {
  /// Runs with more pages than this show progress.
  static let threshold = 3
  private let enabled: Bool
  /// Pages changed and pages failed so far.
  private let counts = Mutex((changed: 0, failed: 0))

  init(enabled: Bool) {
    self.enabled =
      enabled && isatty(STDERR_FILENO) == 1
      && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  func update(_ report: PageReport, done: Int, total: Int) {
    guard enabled else { return }
    counts.withLock { counts in
      if report.failed { counts.failed += 1 }
      if case .changed = report.outcome { counts.changed += 1 }
      writeError(
        "\r\u{1B}[Kchecked \(done)/\(total), \(counts.changed) changed, \(counts.failed) failed")
    }
  }

  func finish() {
    guard enabled else { return }
    writeError("\r\u{1B}[K")
  }
}
