import Foundation
import HTTPFetching
import LoopbackServer
import Redline
import SnapshotStore
import Synchronization
import Testing

/// Two weeks of cron runs, four a day, over a Blogger blog of short posts and a WordPress blog
/// with Jetpack, served on 127.0.0.1: counters count, popular and related posts rotate,
/// comments come and go, nonces change on every run, and eight real edits happen. Redline
/// must report exactly those eight.
@Suite("Two weeks of cron over Blogger and WordPress")
struct CronScenarioTests {
  typealias Post = CronScenarioPages.Post

  /// The sentences of the posts: each distinct, none in the chrome.
  static let sentences = [
    "General Haftar flew to Cairo on a private jet before travelling on to Moscow.",
    "The nine-member presidency council met in Tripoli for the first time since March.",
    "Haftar is said to be seeking spare parts for his aging fleet of warplanes.",
    "The House of Representatives again failed to reach a quorum on Tuesday.",
    "Oil production rose to 300,000 barrels a day after the ports reopened.",
    "The UN envoy tweeted that he would travel to Tobruk to meet the speaker.",
    "Local elders in Misrata called for calm after the clashes near the airport.",
    "The central bank announced new limits on cash withdrawals in the east.",
    "Reports of four helicopter gunships delivered through a third country persist.",
    "The goverment of national accord issued a statement late in the evening.",
    "Residents of Benghazi described a quiet night for the first time in weeks.",
    "Russia is not likely to openly violate the arms embargo on the country.",
  ]

  struct Edit: Sendable {
    let blog: String
    let post: Int
    let run: Int
    let apply: @Sendable (inout Post) -> Void
  }

  static let edits: [Edit] = [
    Edit(blog: "blogger", post: 0, run: 10) {
      $0.paragraphs[0] = $0.paragraphs[0].replacingOccurrences(of: "private", with: "chartered")
    },
    Edit(blog: "blogger", post: 1, run: 17) {
      $0.paragraphs[0] = $0.paragraphs[0].replacingOccurrences(
        of: "nine-member", with: "ten-member")
    },
    Edit(blog: "blogger", post: 5, run: 25) {
      $0.paragraphs[0] += " He returned two days later."
    },
    Edit(blog: "blogger", post: 7, run: 33) { $0.links[0].1 = "https://example.org/moved-source" },
    Edit(blog: "wordpress", post: 0, run: 12) { $0.title += " (updated)" },
    Edit(blog: "wordpress", post: 2, run: 20) {
      $0.paragraphs.append("Correction, November 24: An earlier version misstated the date.")
    },
    Edit(blog: "wordpress", post: 4, run: 40) {
      $0.paragraphs[0] = $0.paragraphs[0].replacingOccurrences(of: "goverment", with: "government")
    },
    Edit(blog: "wordpress", post: 6, run: 48) { $0.paragraphs.removeLast() },
  ]

  /// Blogger posts of one to three short paragraphs; WordPress posts of two to four.
  static func initialPosts() -> [String: [Post]] {
    func post(_ index: Int, paragraphs: Int, offset: Int) -> Post {
      let chosen = (0..<paragraphs).map { sentences[(index + $0 + offset) % sentences.count] }
      return Post(
        title: "Post \(index) of the week", paragraphs: chosen,
        links: [("the source", "https://example.org/source-\(index)")])
    }
    var wordpressPosts = (0..<8).map { post($0, paragraphs: 2 + $0 % 3, offset: 5) }
    wordpressPosts[4].paragraphs[0] = sentences[9]
    return [
      "blogger": (0..<12).map { post($0, paragraphs: 1 + $0 % 3, offset: 0) },
      "wordpress": wordpressPosts,
    ]
  }

  @Test("only the eight real edits are reported, and the audit lists only them")
  func twoWeeks() async throws {
    let state = Mutex((run: 0, posts: Self.initialPosts()))
    let server = try LoopbackServer { request in
      let parts = request.path.split(separator: "/").map(String.init)
      guard parts.count >= 2, let id = Int(parts[1].filter(\.isNumber)) else {
        return .respond(status: 404, headers: [], body: [])
      }
      let (run, posts) = state.withLock { ($0.run, $0.posts) }
      guard let post = posts[parts[0]]?[safe: id] else {
        return .respond(status: 404, headers: [], body: [])
      }
      let base = "http://127.0.0.1/" + parts[0]
      let html =
        parts[0] == "blogger"
        ? CronScenarioPages.blogger(post, id: id, run: run, base: base)
        : CronScenarioPages.wordpress(post, id: id, run: run, base: base)
      return .text(html, contentType: "text/html; charset=UTF-8")
    }
    defer { server.stop() }
    let root = NSTemporaryDirectory() + "redline-cron-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let clock = TestClock()
    let store = FolderStore(root: root)
    let service = SnapshotService(
      fetcher: CurlFetcher(options: CapturedPage.options), store: store, jobs: 4, now: clock.now)
    let urls =
      (0..<12).map { server.baseURL + "/blogger/p\($0).html" }
      + (0..<8).map { server.baseURL + "/wordpress/p\($0)/" }
    func url(_ edit: Edit) -> String {
      edit.blog == "blogger"
        ? server.baseURL + "/blogger/p\(edit.post).html"
        : server.baseURL + "/wordpress/p\(edit.post)/"
    }

    // CRON_SCENARIO_PAGES=DIR writes the first run's pages there, to look at by hand.
    if let folder = ProcessInfo.processInfo.environment["CRON_SCENARIO_PAGES"] {
      let posts = Self.initialPosts()
      for (blog, list) in posts {
        for (id, post) in list.enumerated() {
          let html =
            blog == "blogger"
            ? CronScenarioPages.blogger(post, id: id, run: 1, base: "http://127.0.0.1/blogger")
            : CronScenarioPages.wordpress(post, id: id, run: 1, base: "http://127.0.0.1/wordpress")
          try html.write(toFile: "\(folder)/\(blog)-\(id).html", atomically: true, encoding: .utf8)
        }
      }
    }
    var reported: [String] = []
    var expected: [String] = []
    for run in 0..<56 {
      state.withLock { state in
        state.run = run
        for edit in Self.edits where edit.run == run {
          if var post = state.posts[edit.blog]?[edit.post] {
            edit.apply(&post)
            state.posts[edit.blog]?[edit.post] = post
          }
        }
      }
      expected += Self.edits.filter { $0.run == run }.map { "\(url($0)) at run \(run)" }
      for report in await service.snapshot(urls) {
        switch report.outcome {
        case .new: #expect(run == 0, "\(report.url) new at run \(run)")
        case .unchanged: break
        case .changed: reported.append("\(report.url) at run \(run)")
        default: Issue.record("\(report.url) at run \(run): \(report.line)")
        }
      }
      clock.advance(6 * 3600)
    }
    let falseEdits = Set(reported).subtracting(expected).sorted()
    let missed = Set(expected).subtracting(reported).sorted()
    #expect(
      falseEdits.isEmpty,
      "\(falseEdits.count) false edits, for example \(falseEdits.prefix(3).joined(separator: "; "))"
    )
    #expect(missed.isEmpty, "missed: \(missed.joined(separator: "; "))")

    // No chrome in any article: sidebars, counters, related posts, comments.
    var chromeFound: Set<String> = []
    for url in urls {
      let page = try #require(try store.page(for: url))
      let capture = try #require(try store.captures(of: page).first)
      let text = try store.articleText(of: page, capture: capture.time)
      for chrome in CronScenarioPages.filler + [
        "Total Pageviews", "Popular Posts", "Blog Archive", "retired teacher", "Related",
        "Share this", "Like this", "No comments", "Newer Post", "Leave a comment",
      ] where text.contains(chrome) {
        chromeFound.insert(
          "\(url.split(separator: "/").suffix(2).joined(separator: "/")): \(chrome.prefix(20))")
      }
    }
    #expect(
      chromeFound.isEmpty, "chrome in articles: \(chromeFound.sorted().joined(separator: "; "))")

    let audit = try ArchiveQueries(store: store).audit(AuditOptions(generated: "20260101T000000Z"))
    #expect(audit.pages.reduce(0) { $0 + $1.edits.count } == Self.edits.count)
    #expect(audit.pages.allSatisfy { $0.events.isEmpty })
  }
}

/// The same two weeks, twice a day, over four more platforms' themes as they write their
/// pages (`CronScenarioThemes.swift`): Blogger Contempo, WordPress Twenty Twenty-Four, Ghost
/// Casper and Substack. Each blog has four posts and four real edits: a typo fixed, a number
/// changed, a link pointed elsewhere, a correction added.
@Suite("Two weeks of cron over Contempo, Twenty Twenty-Four, Casper and Substack")
struct CronScenarioThemesTests {
  typealias Post = CronScenarioPages.Post

  /// (run, post, edit): the same four edits on every blog.
  static let edits: [(run: Int, post: Int, apply: @Sendable (inout Post) -> Void)] = [
    (
      6, 0,
      {
        $0.paragraphs[0] = $0.paragraphs[0].replacingOccurrences(
          of: "goverment", with: "government")
      }
    ),
    (
      11, 1,
      {
        $0.paragraphs[0] = $0.paragraphs[0].replacingOccurrences(
          of: "nine-member", with: "ten-member")
      }
    ),
    (17, 2, { $0.links[0].1 = "https://example.org/moved-source" }),
    (
      23, 3,
      { $0.paragraphs.append("Correction, November 24: An earlier version misstated the date.") }
    ),
  ]

  static func initialPosts() -> [Post] {
    let sentences = CronScenarioTests.sentences
    return (0..<4).map { index in
      var chosen = (0..<(2 + index % 3)).map { sentences[(index + $0 + 3) % sentences.count] }
      if index == 0 { chosen[0] = sentences[9] }
      if index == 1 { chosen[0] = sentences[1] }
      return Post(
        title: "Post \(index) of the week", paragraphs: chosen,
        links: [("the source", "https://example.org/source-\(index)")])
    }
  }

  @Test("only the sixteen real edits are reported, with their labels, and no chrome is kept")
  func twoWeeks() async throws {
    let themes = CronScenarioPages.themes.keys.sorted()
    let state = Mutex(
      (run: 0, posts: Dictionary(uniqueKeysWithValues: themes.map { ($0, Self.initialPosts()) })))
    let server = try LoopbackServer { request in
      let parts = request.path.split(separator: "/").map(String.init)
      let (run, posts) = state.withLock { ($0.run, $0.posts) }
      guard parts.count == 2, let render = CronScenarioPages.themes[parts[0]],
        let id = Int(parts[1].dropFirst()), let post = posts[parts[0]]?[safe: id]
      else { return .respond(status: 404, headers: [], body: []) }
      return .text(
        render(post, id, run, "http://127.0.0.1/" + parts[0]),
        contentType: "text/html; charset=utf-8")
    }
    defer { server.stop() }
    let root = NSTemporaryDirectory() + "redline-cron-themes-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let clock = TestClock()
    let store = FolderStore(root: root)
    let service = SnapshotService(
      fetcher: CurlFetcher(options: CapturedPage.options), store: store, jobs: 4, now: clock.now)
    let urls = themes.flatMap { theme in (0..<4).map { "\(server.baseURL)/\(theme)/p\($0)" } }
    var reported: [String: [EditLabel]] = [:]
    var expected: Set<String> = []
    for run in 0..<28 {
      state.withLock { state in
        state.run = run
        for edit in Self.edits where edit.run == run {
          for theme in themes {
            state.posts[theme].map { _ in edit.apply(&state.posts[theme]![edit.post]) }
          }
        }
      }
      for edit in Self.edits where edit.run == run {
        expected.formUnion(themes.map { "\(server.baseURL)/\($0)/p\(edit.post) at run \(run)" })
      }
      for report in await service.snapshot(urls) {
        switch report.outcome {
        case .new: #expect(run == 0, "\(report.url) new at run \(run)")
        case .unchanged: break
        case .changed: reported["\(report.url) at run \(run)"] = report.labels
        default: Issue.record("\(report.url) at run \(run): \(report.line)")
        }
      }
      clock.advance(12 * 3600)
    }
    let falseEdits = Set(reported.keys).subtracting(expected).sorted()
    let missed = expected.subtracting(reported.keys).sorted()
    #expect(falseEdits.isEmpty, "\(falseEdits.count) false edits: \(falseEdits.prefix(4))")
    #expect(missed.isEmpty, "missed: \(missed)")
    for theme in themes {
      let labels = (0..<4).map { post in
        reported.first { $0.key.hasPrefix("\(server.baseURL)/\(theme)/p\(post) ") }?.value ?? []
      }
      #expect(
        labels == [[.typo], [.numbers], [.links], [.paragraphs, .correctionNote]],
        "\(theme): \(labels)")
    }
    // No chrome in any article: comments, snippets, counters, subscribe widgets.
    var chromeFound: Set<String> = []
    for url in urls {
      let page = try #require(try store.page(for: url))
      let capture = try #require(try store.captures(of: page).last)
      let text = try store.articleText(of: page, capture: capture.time)
      for chrome in CronScenarioPages.filler + [
        "Popular Posts", "Total Pageviews", "Older post number", "Recent post number",
        "Leave a Reply", "Subscribe", "Discussion about this post", "min read", "Reader 1",
        "Powered by", "Designed with",
      ] where text.contains(chrome) {
        chromeFound.insert(
          "\(url.split(separator: "/").suffix(2).joined(separator: "/")): \(chrome.prefix(20))")
      }
    }
    #expect(chromeFound.isEmpty, "chrome in articles: \(chromeFound.sorted())")
  }
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
