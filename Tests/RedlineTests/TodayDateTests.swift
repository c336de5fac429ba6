import Foundation
import HTTPFetching
import LoopbackServer
import SnapshotStore
import Synchronization
import Testing

@testable import Redline

/// Today's date printed in a post's header box (a theme's date bar, "Monday, December 7,
/// 2026" from the server's clock), which the extractor reads as the post's dateline: a
/// `Published:` or `Shown date:` line that moves every day. Checked over simulated days on
/// 127.0.0.1, as the cron scenarios are: `unchanged` every time, while a real change of the
/// date is still an edit.
@Suite("today's date in a post's header is no edit")
struct TodayDateTests {
  static let paragraphs = [
    "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
    "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
  ]

  /// One post as a theme serves it.
  struct Post: Sendable {
    /// `article:published_time`, when the page has one.
    var published: String?
    /// What the header box shows under the headline: nil for today's date (in `zone` hours
    /// from UTC, as the server's clock gives it), or a fixed line.
    var dateline: String?
    var zone = 0
    var paragraphs = TodayDateTests.paragraphs
  }

  /// The day `date` shows in a zone `hours` from UTC, as a theme prints it.
  static func shownDay(_ date: Date, zone hours: Int = 0) -> String {
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(secondsFromGMT: hours * 3600)
    format.dateFormat = "EEEE, MMMM d, yyyy"
    return format.string(from: date)
  }

  static func page(_ post: Post, now: Date) -> String {
    let meta = post.published.map {
      "<meta property=\"article:published_time\" content=\"\($0)\">"
    }
    return """
      <html><head><title>Budget vote delayed</title>\(meta ?? "")</head><body>
      <div class="site"><div class="banner">Town Notes</div>
      <div id="post"><header><h1>Budget vote delayed</h1>
      <div class="meta">\(post.dateline ?? shownDay(now, zone: post.zone))</div></header>
      <div class="entry-content">\(post.paragraphs.map { "<p>\($0)</p>" }.joined())</div>
      </div></div></body></html>
      """
  }

  /// A server of `posts` (by path) whose pages print the date of `clock`, a snapshot service
  /// on a fresh store with that clock, and the URL of each post.
  final class Site: Sendable {
    /// The posts by path, which a test edits between checks.
    final class Posts: Sendable {
      let table: Mutex<[String: Post]>
      init(_ posts: [String: Post]) { table = Mutex(posts) }
      func edit(_ body: (inout [String: Post]) -> Void) { table.withLock { body(&$0) } }
      subscript(path: String) -> Post? { table.withLock { $0[path] } }
    }

    let posts: Posts
    let served: ServedSite
    var clock: TestClock { served.clock }
    var store: FolderStore { served.store }
    var service: SnapshotService { served.service }

    init(_ table: [String: Post]) throws {
      let (clock, posts) = (TestClock(), Posts(table))
      served = try ServedSite("today", clock: clock) { request in
        guard let post = posts[request.path] else {
          return .respond(status: 404, headers: [], body: [])
        }
        return .text(
          TodayDateTests.page(post, now: clock.now()), contentType: "text/html; charset=UTF-8")
      }
      self.posts = posts
    }

    func url(_ path: String) -> String { served.url(path) }

    /// Each post's outcome, by path.
    func check(_ paths: [String]) async -> [String: PageReport.Outcome] {
      let reports = await service.snapshot(paths.map(url))
      return Dictionary(uniqueKeysWithValues: zip(paths, reports.map(\.outcome)))
    }

    /// The article the post's page gives now.
    func article(_ path: String) throws -> String {
      let post = try #require(posts[path])
      return try readArticle(Array(TodayDateTests.page(post, now: clock.now()).utf8)).text
    }
  }

  @Test("a header that prints today's date: unchanged on every day, in any time zone")
  func todayInHeader() async throws {
    // No date in the metadata: today's date is read as the Published line. Beside a metadata
    // date: the Shown date line. A site in UTC+10 shows tomorrow's date in the UTC evening.
    let paths = ["/undated", "/dated", "/sydney"]
    let site = try Site([
      "/undated": Post(),
      "/dated": Post(published: "2016-06-20T09:00:00+00:00"),
      "/sydney": Post(zone: 10),
    ])
    let first = try site.article("/undated")
    #expect(first.contains("Published: 2016-07-02\n"), "\(first)")
    #expect(try site.article("/dated").contains("Shown date: 2016-07-02\n"))
    #expect(await site.check(paths).values.allSatisfy { $0 == .new })
    // Twelve checks over six days, at 09:53 and 21:53 UTC: each day's text differs from the
    // first capture's by its date line alone.
    for check in 1...12 {
      site.clock.advance(12 * 3600)
      let outcomes = await site.check(paths)
      #expect(outcomes.values.allSatisfy { $0 == .unchanged }, "check \(check): \(outcomes)")
    }
    #expect(try site.article("/undated") != first)
    #expect(try site.article("/undated").contains("Published: 2016-07-08\n"))
    for path in paths {
      let page = try #require(try site.store.page(for: site.url(path)))
      #expect(try site.store.captures(of: page).count == 1, "\(path)")
    }
    // The audit finds no edit either.
    let audit = try ArchiveQueries(store: site.store).audit(
      AuditOptions(generated: "20260101T000000Z"))
    #expect(audit.pages.isEmpty)
  }

  @Test("a real change of the date is an edit: re-dated to another day, or with other lines")
  func realDateChange() async throws {
    let site = try Site([
      "/today": Post(), "/fixed": Post(dateline: "Saturday, July 2, 2016"),
      "/dated": Post(published: "2016-06-20T09:00:00+00:00"),
    ])
    let paths = ["/today", "/fixed", "/dated"]
    #expect(await site.check(paths).values.allSatisfy { $0 == .new })
    site.clock.advance(86_400)
    #expect(await site.check(paths).values.allSatisfy { $0 == .unchanged })
    // The header stops printing today's date: the post's own day, not the check's.
    site.posts.edit {
      $0["/today"]?.dateline = "Friday, July 1, 2016"
      // A fixed date moved to another day that is not the check's.
      $0["/fixed"]?.dateline = "Friday, June 24, 2016"
      // The date moves with the clock, and a paragraph is edited in the same go.
      $0["/dated"]?.paragraphs[0] = Self.paragraphs[0].replacingOccurrences(
        of: "Tuesday", with: "Monday")
    }
    site.clock.advance(86_400)
    let reports = await site.service.snapshot(paths.map(site.url))
    #expect(reports[0].outcome == .changed(added: 1, removed: 1), "\(reports[0].line)")
    #expect(reports[0].headerOnly)
    #expect(reports[1].outcome == .changed(added: 1, removed: 1), "\(reports[1].line)")
    #expect(reports[1].headerOnly)
    #expect(reports[2].outcome == .changed(added: 2, removed: 2), "\(reports[2].line)")
    let diff = String(decoding: reports[2].diff, as: UTF8.self)
    #expect(diff.contains("+Shown date: 2016-07-04"), "\(diff)")
    #expect(diff.contains("+The council met on Monday"), "\(diff)")
    // Each is a version now, and the next day unchanged against it.
    site.clock.advance(86_400)
    #expect(await site.check(paths).values.allSatisfy { $0 == .unchanged })
  }

  @Test("a post published on the day of its first check: no edit on the days after")
  func publishedOnTheFirstDay() async throws {
    let site = try Site([
      // Its day in the metadata and today's date in the header: the same day on the first
      // day (no Shown date line), another from the day after.
      "/today": Post(published: "2016-07-02T08:00:00+02:00"),
      // Its day in the header alone (the Published line), shown from then on.
      "/own": Post(dateline: "Saturday, July 2, 2016"),
      "/own-meta": Post(published: "2016-07-02T08:00:00+02:00", dateline: "July 2, 2016"),
    ])
    let paths = ["/today", "/own", "/own-meta"]
    let first = try site.article("/today")
    #expect(!first.contains("Shown date:"), "\(first)")
    #expect(await site.check(paths).values.allSatisfy { $0 == .new })
    for day in 1...5 {
      site.clock.advance(86_400)
      if day == 1 { #expect(try site.article("/today").contains("Shown date: 2016-07-03\n")) }
      let outcomes = await site.check(paths)
      #expect(outcomes.values.allSatisfy { $0 == .unchanged }, "day \(day): \(outcomes)")
    }
  }

  /// A post re-dated to the very day of a check looks like the clock at that check; a check
  /// when that day is over in every time zone (UTC−12 to UTC+14), the date no longer its day,
  /// reports it.
  @Test("a post re-dated to the day of a check is reported once that day is over")
  func reDatedToTheCheckDay() async throws {
    let site = try Site(["/own": Post(dateline: "Saturday, July 2, 2016")])
    #expect(await site.check(["/own"])["/own"] == .new)
    site.clock.advance(2 * 86_400)
    site.posts.edit { $0["/own"]?.dateline = "Monday, July 4, 2016" }
    // July 4, 09:53 and 10:53 UTC.
    #expect(await site.check(["/own"])["/own"] == .unchanged)
    site.clock.advance(3600)
    #expect(await site.check(["/own"])["/own"] == .unchanged)
    // July 5, 10:53 UTC: still July 4 in UTC−11 and UTC−12.
    site.clock.advance(86_400)
    #expect(await site.check(["/own"])["/own"] == .unchanged)
    // July 5, 20:53 UTC: July 4 nowhere.
    site.clock.advance(10 * 3600)
    let late = await site.service.check(site.url("/own"))
    #expect(late.outcome == .changed(added: 1, removed: 1), "\(late.line)")
    #expect(late.headerOnly)
  }

  /// A post seen with its own date on the days after its capture is not printing today's
  /// date: re-dated to the day of a later check, it is `changed` at that check, not a day or
  /// two later when the new date is no longer the serving day.
  @Test("a date seen unchanged on later days, then re-dated to the check's day: changed at once")
  func reDatedAfterDays() async throws {
    let path = "/own"
    let site = try Site([path: Post(dateline: "Saturday, July 2, 2016")])
    #expect(await site.check([path])[path] == .new)
    for day in 1...3 {
      site.clock.advance(86_400)
      #expect(await site.check([path])[path] == .unchanged, "day \(day)")
    }
    site.clock.advance(86_400)
    site.posts.edit { $0[path]?.dateline = "Wednesday, July 6, 2016" }
    let report = await site.service.check(site.url(path))
    #expect(report.outcome == .changed(added: 1, removed: 1), "\(report.line)")
    #expect(report.headerOnly)
  }

  /// A 304 is the server's word that its page did not change (its validators may follow the
  /// post, not the date its theme prints), not a sighting of the captured page on that day:
  /// the page that then comes whole with today's date moved with the clock.
  @Test("304 answers on the days between are no sighting of the captured page")
  func notModifiedBetween() async throws {
    let clock = TestClock()
    let modified = "Sat, 02 Jul 2016 08:00:00 GMT"
    let answers304 = Mutex(false)
    let site = try ServedSite("today-304", clock: clock) { request in
      if answers304.withLock({ $0 }), request.header("If-Modified-Since") == modified {
        return .respond(status: 304, headers: [], body: [])
      }
      let page = TodayDateTests.page(Post(), now: clock.now())
      return .respond(
        status: 200,
        headers: [("Content-Type", "text/html; charset=UTF-8"), ("Last-Modified", modified)],
        body: Array(page.utf8))
    }
    let (service, url) = (site.service, site.url("/today"))
    #expect(await service.check(url).outcome == .new)
    answers304.withLock { $0 = true }
    for day in 1...3 {
      clock.advance(86_400)
      #expect(await service.check(url).outcome == .unchanged, "day \(day)")
    }
    answers304.withLock { $0 = false }
    clock.advance(86_400)
    let whole = await service.check(url)
    #expect(whole.outcome == .unchanged, "\(whole.line)")
  }

  /// A theme that stamps its header with the server's local time and no zone
  /// (`<time datetime="2016-07-02T04:53:00">July 2, 2016</time>`, five hours behind UTC), read
  /// as the post's `Published:` time: the time is the
  /// serving time in the site's zone, which the page does not give.
  @Test("a header stamped with the local time without a zone: unchanged on every day")
  func zonelessLocalTime() async throws {
    @Sendable func stamped(_ now: Date) -> String {
      let format = DateFormatter()
      format.locale = Locale(identifier: "en_US_POSIX")
      format.timeZone = TimeZone(secondsFromGMT: -5 * 3600)
      format.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
      let datetime = format.string(from: now)
      format.dateFormat = "MMMM d, yyyy"
      let stamp = "<time datetime=\"\(datetime)\">\(format.string(from: now))</time>"
      return TodayDateTests.page(Post(dateline: stamp), now: now)
    }
    let clock = TestClock()
    let first = try readArticle(Array(stamped(clock.now()).utf8)).text
    #expect(first.contains("Published: 2016-07-02T04:53:00\n"), "\(first)")
    let site = try ServedSite("today-zoneless", clock: clock) { _ in
      .text(stamped(clock.now()), contentType: "text/html; charset=UTF-8")
    }
    let (service, url) = (site.service, site.url("/stamped"))
    #expect(await service.check(url).outcome == .new)
    for check in 1...4 {
      clock.advance(86_400 + 3 * 3600)
      let report = await service.check(url)
      #expect(report.outcome == .unchanged, "check \(check): \(report.line)")
    }
  }

  /// A version whose date line stayed as it was on a later day, served again the same, shows
  /// that its date is the post's, not the clock's: a re-dating to the day of a later check is
  /// an edit in the audit (a pair stored by an import into the page's past, or by a release
  /// before the rule, which stored it as `changed`), not two versions the clock moved apart.
  @Test("a date seen unchanged on later days, then re-dated to a check's day: an edit in the audit")
  func reDatedAfterDaysInTheAudit() async throws {
    let path = "/own"
    let site = try Site([path: Post(dateline: "Saturday, July 2, 2016")])
    // The page's latest check, ten days on, failed (the post was gone): the archive's checks
    // go into its past, and no later version stands for the re-dated one.
    let post = try #require(site.posts[path])
    site.posts.edit { $0[path] = nil }
    site.clock.advance(10 * 86_400)
    let gone = await site.check([path])[path]
    #expect(gone != .new && gone != .unchanged, "\(String(describing: gone))")
    site.posts.edit { $0[path] = post }
    var importing = site.service
    importing.takesChecksIntoThePast = true
    site.clock.advance(-10 * 86_400)
    // July 2 to 5: the post dated July 2; on July 6 re-dated to that day, and so on July 7, 8.
    var outcomes: [PageReport.Outcome] = []
    for day in 0..<7 {
      if day == 4 { site.posts.edit { $0[path]?.dateline = "Wednesday, July 6, 2016" } }
      outcomes += await importing.snapshot([site.url(path)]).map(\.outcome)
      site.clock.advance(86_400)
    }
    #expect(
      outcomes == [
        .new, .unchanged, .unchanged, .unchanged, .changed(added: 1, removed: 1), .unchanged,
        .unchanged,
      ])
    let audit = try ArchiveQueries(store: site.store).audit(
      AuditOptions(generated: "20260101T000000Z"))
    let page = try #require(audit.pages.first { $0.url == site.url(path) })
    #expect(page.edits.map(\.to.description) == ["20160706T095300Z"])
  }

  @Test("versions stored apart by today's date alone are no edit in the audit")
  func storedPairsInTheAudit() async throws {
    // An archive taken into the page's past (`redline import`) stores each day's page as a
    // version, as releases before this rule stored them.
    let site = try Site(["/today": Post(), "/fixed": Post(dateline: "Saturday, July 2, 2016")])
    let paths = ["/today", "/fixed"]
    site.clock.advance(10 * 86_400)
    #expect(await site.check(paths).values.allSatisfy { $0 == .new })
    var importing = site.service
    importing.takesChecksIntoThePast = true
    site.clock.advance(-10 * 86_400)
    for day in 0..<3 {
      if day == 2 { site.posts.edit { $0["/fixed"]?.dateline = "Friday, June 24, 2016" } }
      let reports = await importing.snapshot(paths.map(site.url))
      let edit = PageReport.Outcome.changed(added: 1, removed: 1)
      let expected: [PageReport.Outcome] =
        day == 0 ? [.new, .new] : [edit, day == 2 ? edit : .unchanged]
      #expect(reports.map(\.outcome) == expected, "day \(day): \(reports.map(\.line))")
      site.clock.advance(86_400)
    }
    let today = try #require(try site.store.page(for: site.url("/today")))
    #expect(try site.store.captures(of: today).count == 4)
    let audit = try ArchiveQueries(store: site.store).audit(
      AuditOptions(generated: "20260101T000000Z"))
    // The re-dated post's two edits (to June 24, and back to July 2 at the latest check) are
    // edits; the page that prints today's date has none.
    #expect(audit.pages.map(\.url) == [site.url("/fixed")])
    #expect(audit.pages.first?.edits.count == 2)
  }
}
