import Foundation
import HTTPFetching
import LoopbackServer
import SnapshotStore
import Synchronization
import Testing

@testable import Redline

/// A Medium post, a Substack post and a Wix post served on 127.0.0.1 and checked as cron
/// checks them, every six hours: between checks the clap, like and view counts grow, the
/// "More from" and "Recent Posts" lists rotate and comments come, all around a post of one
/// paragraph. Every check is `unchanged`; one real edit is `changed`. (The pages are cut-down
/// copies of `PlatformMarkupTests`' pages, where each platform's markup is described.)
@Suite("Cron over Medium, Substack and Wix posts: their chrome changes, the article does not")
struct PlatformCronTests {
  static let paragraph =
    "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late."
  static let bio =
    "Jane Doe has covered the town council since 2009 and writes about municipal finance, roads, libraries and the people who run them, and she still reads every planning application."
  static let others = [
    "After six years of repairs the old mill on the river opens its doors again, now as a museum of the weaving trade.",
    "The council's plan for painted cycle lanes on the high street divided the shopkeepers from the parents who cycle to school.",
    "Engineers blame the new housing upstream, the farmers blame the engineers, and the river keeps rising every March.",
  ]

  /// What changes between checks of an unedited post.
  struct Chrome {
    let count: String
    let others: [String]
    let comments: String
    init(_ run: Int) {
      count = "\(1200 + run * 37)"
      others = (0..<3).map { PlatformCronTests.others[($0 + run) % 3] }
      comments = (0..<run).map {
        "<div class=\"comment\"><p>Comment \($0): thanks, I missed the meeting.</p></div>"
      }
      .joined()
    }
  }

  static func medium(_ text: String, _ chrome: Chrome) -> String {
    """
    <html><head><title>Budget vote delayed | by Jane Doe | Medium</title><meta property="og:title" content="Budget vote delayed"></head>
    <body><div id="root"><article><div class="l"><section><div><div class="fr fs"><div class="ab ca"><div class="ch bg ex">
    <h1 class="pw-post-title gv" data-testid="storyTitle">Budget vote delayed</h1>
    <div class="speechify-ignore ab cp"><div class="speechify-ignore bh l"><p class="bf b">Member-only story</p><a data-testid="authorName" href="/@jane">Jane Doe</a><button>Follow</button>\
    <div class="pw-multi-vote-count l"><button>\(chrome.count)</button></div><span class="pw-responses-count">\(chrome.count)</span><p>Listen</p><p>Share</p></div></div>
    <p class="pw-post-body-paragraph ml mm" data-selectable-paragraph="">\(text)</p>
    </div></div></div></div></section></div></article>
    <div class="ab ca"><h2>Written by Jane Doe</h2><span>\(chrome.count) Followers</span><p class="bf b">\(bio)</p></div>
    <div class="ab ca"><h2>Responses</h2>\(chrome.comments)</div>
    <div class="ab ca"><h2>More from Jane Doe</h2>\(chrome.others.map { "<article class=\"qv\"><h2>\($0.prefix(30))</h2><h3>\($0)</h3><span>\(chrome.count)</span></article>" }.joined())</div>
    </div></body></html>
    """
  }

  static func substack(_ text: String, _ chrome: Chrome) -> String {
    let ufi =
      "<div class=\"post-ufi style-button\"><a class=\"post-ufi-button\"><div class=\"label\">\(chrome.count)</div></a><a class=\"post-ufi-button post-ufi-comment-button\"><div class=\"label\">\(chrome.count)</div></a><a class=\"post-ufi-button\"><div class=\"label\">Share</div></a></div>"
    return """
      <html><head><title>Budget vote delayed - by Jane Doe</title></head><body><div id="main" class="main typography">
      <div class="single-post"><div class="post typography"><div class="post-header"><h1 class="post-title published">Budget vote delayed</h1>\(ufi)</div>
      <div class="available-content"><div dir="auto" class="body markup"><p>\(text)</p>
      <div class="captioned-button-wrap" data-component-name="CaptionedButtonToDOM"><div class="preamble"><p class="cta-caption">Town Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p></div><p class="button-wrapper"><a class="button primary" href="/subscribe"><span>Subscribe now</span></a></p></div>
      </div></div><div class="post-footer">\(ufi)</div></div>
      <div id="discussion" class="comments-section">\(chrome.comments)</div>
      <div class="more-posts">\(chrome.others.map { "<div class=\"post-preview\"><a class=\"post-preview-description\">\($0)</a></div>" }.joined())</div>
      </div></div></body></html>
      """
  }

  static func wix(_ text: String, _ chrome: Chrome) -> String {
    """
    <html><head><title>Budget vote delayed</title></head><body><div id="SITE_CONTAINER"><main id="PAGES_CONTAINER">
    <div data-hook="post-page"><article data-hook="post"><div data-hook="post-header"><span data-hook="user-name">Jane Doe</span><h1 data-hook="post-title">Budget vote delayed</h1></div>
    <div data-hook="post-description" class="vhnMv"><div data-id="content-viewer"><p dir="auto">\(text)</p></div></div>
    <div data-hook="post-footer"><div data-hook="post-stats"><span data-hook="post-stats__views">\(chrome.count) views</span><button data-hook="like-button"><span>\(chrome.count)</span></button></div></div></article>
    <div data-hook="recent-posts"><h2>Recent Posts</h2>\(chrome.others.map { "<div data-hook=\"post-list-item\"><h3 data-hook=\"post-title\">\($0.prefix(30))</h3><div data-hook=\"post-description\"><p>\($0)</p></div><span>\(chrome.count) views</span></div>" }.joined())</div>
    <div data-hook="comments-root">\(chrome.comments)</div></div>
    </main><footer><p>\(bio)</p></footer></div></body></html>
    """
  }

  /// The post's text by path, which a test edits between checks, and the check number.
  final class Posts: Sendable {
    let state = Mutex((texts: [String: String](), run: 0))
  }

  @Test("checks every six hours: unchanged while the chrome changes, changed by an edit")
  func cron() async throws {
    let pages: [String: @Sendable (String, Chrome) -> String] = [
      "/medium": Self.medium, "/substack": Self.substack, "/wix": Self.wix,
    ]
    let paths = pages.keys.sorted()
    let posts = Posts()
    posts.state.withLock { state in
      for path in paths { state.texts[path] = Self.paragraph }
    }
    let site = try ServedSite("platform-cron") { request in
      let (text, run) = posts.state.withLock { ($0.texts[request.path], $0.run) }
      guard let text, let page = pages[request.path] else {
        return .respond(status: 404, headers: [], body: [])
      }
      return .text(page(text, Chrome(run)), contentType: "text/html; charset=UTF-8")
    }
    let (clock, service) = (site.clock, site.service)
    let urls = paths.map(site.url)
    #expect(await service.snapshot(urls).allSatisfy { $0.outcome == .new })
    for run in 1...6 {
      posts.state.withLock { $0.run = run }
      clock.advance(6 * 3600)
      let reports = await service.snapshot(urls)
      for report in reports {
        #expect(report.outcome == .unchanged, "run \(run): \(report.line)")
      }
    }
    // One real edit on each platform: a word of the paragraph.
    posts.state.withLock { state in
      state.run = 7
      for path in paths {
        state.texts[path] = Self.paragraph.replacingOccurrences(of: "Tuesday", with: "Monday")
      }
    }
    clock.advance(6 * 3600)
    for report in await service.snapshot(urls) {
      #expect(report.outcome == .changed(added: 1, removed: 1), "\(report.line)")
      let diff = String(decoding: report.diff, as: UTF8.self)
      #expect(diff.contains("+The council met on Monday"), "\(diff)")
    }
    posts.state.withLock { $0.run = 8 }
    clock.advance(6 * 3600)
    #expect(await service.snapshot(urls).allSatisfy { $0.outcome == .unchanged })
  }
}
