// store-workload: a development tool, not part of the product. It drives the real store code
// for the tests and benchmarks that need other processes or big stores:
//
//   store-workload churn --store DIR --pages N --checks N [--change-every K] [--version V]
//       checks N pages through SnapshotService (stub fetcher, fsynced store) as `snapshot`
//       does; with --change-every K the article changes every K checks, else it is version V.
//       The crash test kills it with SIGKILL; the two-process test runs two at once.
//   store-workload generate --store DIR --pages N --captures N [--unchanged N] [--html FILE]
//       [--edited-every K]
//       writes a big store through the store API without fsync (throw-away benchmark data);
//       with --edited-every K only every K-th page gets all its captures, the others one.
//   store-workload changed-since --store DIR --since TIME
//       times the store query `audit --since` starts with (the pages with activity since
//       TIME, from the activity index) and prints "PAGES SECONDS".
//   store-workload watch-due --store DIR --watches N --due M [--rounds R]
//       writes a watch file of N watches, makes M of them due, and times the decision of
//       `snapshot --due` (claimDueWatches, fsynced) R times; prints "PARSE_S DUE CLAIM_S…".
import ArticleExtraction
import Foundation
import HTTPFetching
import Redline
import SnapshotStore
import Synchronization
import WatchList

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else {
    return nil
  }
  return arguments[index + 1]
}

func number(_ name: String, _ fallback: Int) -> Int {
  option(name).flatMap(Int.init) ?? fallback
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("store-workload: \(message)\n".utf8))
  exit(2)
}

func pageURL(_ index: Int) -> String {
  "https://blog\(index % 100).example/2016/07/post-\(index).html"
}

func paragraphs(page: Int, version: Int) -> [String] {
  (0..<8).map { paragraph in
    "Paragraph \(paragraph) of post \(page), version \(version): the council met on Tuesday "
      + "and argued about the library budget at considerable length before agreeing."
  }
}

func article(page: Int, version: Int) -> String {
  let paragraphs = paragraphs(page: page, version: version)
  return """
    <html><head><title>Post \(page)</title></head><body>
    <div class="sidebar">Popular posts</div>
    <div class="post-body entry-content">\(paragraphs.joined(separator: "<br /><br />"))</div>
    </body></html>
    """
}

/// Answers every URL with the page's article at the version `versionOf` gives.
final class WorkloadFetcher: Fetching {
  let versionOf: @Sendable (String) -> Int
  init(versionOf: @escaping @Sendable (String) -> Int) { self.versionOf = versionOf }

  func fetch(_ url: String) async throws -> Response {
    let page = Int(url.split(separator: "-").last?.split(separator: ".").first ?? "") ?? 0
    return Response(
      requestedURL: url, finalURL: url, status: 200,
      headers: [HTTPHeader(name: "Content-Type", value: "text/html; charset=utf-8")],
      body: Array(article(page: page, version: versionOf(url)).utf8))
  }
}

/// A clock that moves one second per reading, from after the store's latest check, so that a
/// run never waits for the wall clock and never goes back in time.
final class SteppingClock: Sendable {
  private let current: Mutex<Date>
  init(start: Date) { current = Mutex(start) }
  func now() -> Date {
    current.withLock { date in
      date += 1
      return date
    }
  }
}

func churn(_ root: String) async {
  let pages = number("pages", 1)
  let checks = number("checks", 10)
  let changeEvery = number("change-every", 0)
  let version = number("version", 1)
  let store = FolderStore(root: root)
  let urls = (0..<pages).map(pageURL)
  var start = Date()
  for url in urls {
    if let page = try? store.page(for: url), let latest = try? store.latestCheck(of: page),
      let date = latest.time.date, date > start
    {
      start = date
    }
  }
  let counters = Mutex<[String: Int]>([:])
  let fetcher = WorkloadFetcher { url in
    guard changeEvery > 0 else { return version }
    return counters.withLock { counts in
      counts[url, default: 0] += 1
      return (counts[url] ?? 0) / changeEvery
    }
  }
  let clock = SteppingClock(start: start)
  let service = SnapshotService(
    fetcher: fetcher, store: store, jobs: min(4, pages), now: { clock.now() })
  var failures = 0
  for _ in 0..<checks {
    for report in await service.snapshot(urls) where report.failed {
      failures += 1
      FileHandle.standardError.write(Data((report.line + "\n").utf8))
    }
  }
  if failures > 0 { exit(2) }
}

func generate(_ root: String) throws {
  let pages = number("pages", 1)
  let captures = number("captures", 1)
  let unchanged = number("unchanged", 0)
  let editedEvery = max(1, number("edited-every", 1))
  let html = try option("html").map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
  let store = FolderStore(root: root, syncsWrites: false)
  var date = Date(timeIntervalSince1970: 1_467_453_180)
  for index in 0..<pages {
    try store.withPage(for: pageURL(index)) { page in
      for version in 0..<(index % editedEvery == 0 ? captures : 1) {
        date += 3600
        let body = html ?? Array(article(page: index, version: version).utf8)
        // The article text Redline reads from the body (`diff` and `audit` read it again when
        // two captures differ); a body of `--html` gets a short text of its own.
        let bodyText =
          html == nil
          ? paragraphs(page: index, version: version).joined(separator: "\n\n")
          : "Version \(version) of the post."
        let text = "Title: Post \(index)\nURL: \(page.url)\n\n\(bodyText)\n"
        let changedLines = html == nil ? 8 : 1
        let time = CaptureTime(date)
        let bodyHash = sha256Hex(body)
        let textHash = sha256Hex(Array(text.utf8))
        let metadata = CaptureMetadata(
          time: time, requestedURL: page.url, finalURL: page.url, status: 200,
          headers: [StoredHeader(name: "Content-Type", value: "text/html")], redirects: [],
          fetchSeconds: 0.1, bodySHA256: bodyHash, bodyBytes: body.count, textSHA256: textHash,
          rawKept: true, title: "Post \(index)", extractionMethod: "generated",
          redlineVersion: redlineVersion, articleFormat: ArticleText.formatVersion)
        try store.save(
          NewCapture(metadata: metadata, rawBody: body, articleText: text),
          recording: HistoryEntry(
            time: time, outcome: version == 0 ? .new : .changed, status: 200, capture: time,
            added: version == 0 ? nil : changedLines, removed: version == 0 ? nil : changedLines,
            bodySHA256: bodyHash, textSHA256: textHash, title: "Post \(index)"),
          in: page)
        for _ in 0..<unchanged {
          date += 3600
          try store.record(
            HistoryEntry(
              time: CaptureTime(date), outcome: .unchanged, status: 200,
              capture: time, bodySHA256: bodyHash, textSHA256: textHash, title: "Post \(index)"),
            in: page)
        }
      }
    }
  }
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// `watch-due`: the due decision over a big watch list.
func watchDue(_ root: String) throws {
  let count = number("watches", 100_000)
  let dueCount = number("due", 1_000)
  let rounds = number("rounds", 5)
  try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
  var text = WatchFile.header
  for index in 0..<count {
    text += "[[watch]]\nurl = \"\(pageURL(index))\"\n"
    if index % 10 == 0 { text += "every = \"1h\"\ntags = [\"desk\"]\n" }
    text += "\n"
  }
  try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + WatchFile.fileName))
  let store = FolderStore(root: root)
  let clock = ContinuousClock()
  // The first claim parses the watch file and compiles the schedule: what a run after an
  // edit of the watch file pays once.
  var start = clock.now
  let all = try store.claimDueWatches(at: 0, lease: 0)
  let parse = seconds(clock.now - start)
  guard all.count == count else { fail("expected \(count) watches, got \(all.count)") }
  // Every \(count / dueCount)th watch is due at 1,000,000; the others a year later.
  let step = max(1, count / max(1, dueCount))
  var states: [String: WatchState] = [:]
  for (index, due) in all.enumerated() {
    let nextDue: Int64 = index % step == 0 ? 1_000_000 : 40_000_000
    states[due.watch.url] = WatchState(
      nextDue: nextDue, lastChecked: 999_000, lastChanged: 500_000, firstChecked: 500_000)
  }
  try store.saveWatchStates(states)
  let schedule = root + "/.watch-schedule"
  let saved = try Data(contentsOf: URL(fileURLWithPath: schedule))
  var timings: [Double] = []
  var found = 0
  for _ in 0..<rounds {
    try saved.write(to: URL(fileURLWithPath: schedule))
    start = clock.now
    found = try store.claimDueWatches(at: 1_000_000, lease: 3_600).count
    timings.append(seconds(clock.now - start))
  }
  print(([String(parse), String(found)] + timings.map { String($0) }).joined(separator: " "))
}

guard let command = arguments.first, let root = option("store") else {
  fail("usage: store-workload churn|generate|changed-since --store DIR …")
}
do {
  switch command {
  case "churn": await churn(root)
  case "generate": try generate(root)
  case "watch-due": try watchDue(root)
  case "changed-since":
    let clock = ContinuousClock()
    guard let since = CaptureTime(option("since") ?? "19700101T000000Z") else {
      fail("--since takes a store time (YYYYMMDDTHHMMSSZ)")
    }
    let start = clock.now
    let store = FolderStore(root: root)
    let pages = try store.pagesWithActivity(since: since, until: nil)?.pages ?? store.pages()
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(pages.count) \(seconds)")
  default: fail("unknown command \(command)")
  }
} catch {
  fail(String(describing: error))
}
