import Foundation
import LoopbackServer
import Testing

/// A post page long enough to be an article.
private func post(_ title: String, _ paragraphs: [String]) -> [UInt8] {
  let body = paragraphs.map { "<p>\($0)</p>" }.joined()
  return Array(
    """
    <!doctype html><html><head><title>\(title)</title></head><body>
    <nav><a href="/">Home</a></nav><article><h1>\(title)</h1>\(body)</article>
    <footer>Copyright</footer></body></html>
    """.utf8)
}

private let paragraphs = [
  "The council met on Tuesday to discuss the budget for the coming year, which rose again.",
  "Members argued for three hours about the cost of repairing the old bridge over the river.",
]

private func html(_ body: [UInt8]) -> Behaviour {
  .respond(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: body)
}

private func xml(_ text: String, _ type: String = "application/xml") -> Behaviour {
  .respond(status: 200, headers: [("Content-Type", type)], body: Array(text.utf8))
}

/// What a test page answers; changed between runs.
private final class PageState: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Behaviour
  init(_ value: Behaviour) { self.value = value }
  var behaviour: Behaviour {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}

private func lines(_ text: String) -> [String] {
  text.split(separator: "\n").map(String.init)
}

private func jsonLines(_ text: String) throws -> [[String: Any]] {
  try lines(text).map {
    try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
  }
}

@Suite("cron and shell workflows", .serialized)
struct WorkflowTests {
  @Test("--feed reads an announced Atom feed, WordPress's /feed/, and sitemap indexes")
  func feeds() throws {
    let server = try LoopbackServer { request in
      switch request.path {
      case "/blogger/":
        return html(
          Array(
            """
            <html><head>
            <link rel="alternate" type="application/atom+xml" title="Blog - Atom" href="/blogger/feeds/posts/default">
            <link rel="alternate" type="application/rss+xml" title="Comments" href="/blogger/feeds/comments/default">
            </head><body><p>Home page</p></body></html>
            """.utf8))
      case "/blogger/feeds/posts/default":
        return xml(
          """
          <feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
          <entry><title>A</title><link rel="replies" type="text/html" href="/blogger/2016/07/a.html#comments"/>
          <link rel="alternate" type="text/html" href="/blogger/2016/07/a.html"/></entry>
          <entry><title>B</title><link rel="alternate" type="text/html" href="/blogger/2016/06/b.html"/></entry>
          </feed>
          """, "application/atom+xml; charset=UTF-8")
      case "/blogger/2016/07/a.html": return html(post("Post A", paragraphs))
      case "/blogger/2016/06/b.html": return html(post("Post B", paragraphs))
      case "/feed/":
        return xml(
          """
          <?xml version="1.0"?><rss version="2.0"><channel><title>WP</title>
          <item><title>C</title><link>/wp/c/</link></item>
          </channel></rss>
          """, "application/rss+xml")
      case "/wp/c/": return html(post("Post C", paragraphs))
      case "/": return html(Array("<html><body><p>No feed announced here.</p></body></html>".utf8))
      case "/sitemap_index.xml":
        return xml(
          """
          <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>/post-sitemap.xml</loc></sitemap></sitemapindex>
          """)
      case "/post-sitemap.xml":
        return xml(
          """
          <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>/wp/c/</loc><lastmod>2024-01-01</lastmod></url>
          <url><loc>/blogger/2016/06/b.html</loc></url></urlset>
          """)
      default:
        return .respond(status: 404, headers: [("Content-Type", "text/plain")], body: [])
      }
    }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let base = server.baseURL

    let blogger = try redline(["snapshot", "--store", store, "--feed", base + "/blogger/"])
    #expect(blogger.status == 0)
    #expect(
      blogger.stdout == "new \(base)/blogger/2016/07/a.html\nnew \(base)/blogger/2016/06/b.html\n")
    // The comments feed was never read: the posts' feed comes first.
    #expect(!server.requests.contains { $0.path.contains("comments") })

    let wordpress = try redline([
      "snapshot", "--store", store, "--feed", base + "/", "--format", "json",
    ])
    #expect(wordpress.status == 0)
    let objects = try jsonLines(wordpress.stdout)
    #expect(objects.count == 1)
    #expect(objects.first?["url"] as? String == base + "/wp/c/")
    #expect(objects.first?["outcome"] as? String == "new")
    #expect(objects.first?["kind"] as? String == "page")

    let sitemap = try redline([
      "snapshot", "--store", store, "--feed", base + "/sitemap_index.xml",
    ])
    #expect(sitemap.status == 0)
    #expect(sitemap.stdout == "unchanged \(base)/wp/c/\nunchanged \(base)/blogger/2016/06/b.html\n")

    // A feed that cannot be read is one failure; the other pages are still checked.
    let broken = try redline([
      "snapshot", "--store", store, "--feed", base + "/nothing-here/", base + "/wp/c/",
    ])
    #expect(broken.status == 3)
    #expect(broken.stderr == "redline: feed: fetching \(base)/nothing-here/: HTTP 404 Not Found\n")
    #expect(broken.stdout == "unchanged \(base)/wp/c/\n")
  }

  @Test("--quiet reports a failing page once when it starts failing and once when it recovers")
  func quietCron() throws {
    let page = PageState(html(post("Budget", paragraphs)))
    let server = try LoopbackServer { _ in page.behaviour }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let url = server.baseURL + "/2024/budget.html"
    let run = { (extra: [String]) in
      try redline(["snapshot", "--store", store, "--quiet", "--exit-code"] + extra + [url])
    }

    let first = try run([])
    #expect(first.status == 0)
    #expect(first.stdout == "")
    #expect(first.stderr == "")

    page.behaviour = .respond(status: 500, headers: [], body: Array("oops".utf8))
    let failing = try run([])
    #expect(failing.status == 3)
    #expect(failing.stdout == "")
    #expect(failing.stderr == "redline: fetching \(url): HTTP 500 Internal Server Error\n")
    let stillFailing = try run([])
    #expect(stillFailing.status == 3)
    #expect(stillFailing.stdout == "")
    #expect(stillFailing.stderr == "")
    let json = try run(["--format", "json"])
    #expect(json.stdout == "")
    #expect(json.stderr == "")

    page.behaviour = html(post("Budget", paragraphs + ["An update: the vote was postponed."]))
    let recovered = try run(["--diff"])
    #expect(recovered.status == 1)
    let output = lines(recovered.stdout)
    #expect(
      output.prefix(2) == [
        "recovered \(url)",
        "changed +2 -0 \(url) \"Budget\" [paragraphs added or removed] stealth",
      ])
    #expect(output.contains("+An update: the vote was postponed."))

    let quietAgain = try run([])
    #expect(quietAgain.status == 0)
    #expect(quietAgain.stdout == "")

    // Every failure stays in the log.
    let log = try redline(["log", "--store", store, "--all", url])
    #expect(lines(log.stdout).filter { $0.contains("failed") }.count == 3)
    let capturesOnly = try redline(["log", "--store", store, url])
    #expect(lines(capturesOnly.stdout).count == 2)
    #expect(lines(capturesOnly.stdout)[1].contains("changed    +2 -0"))

    // Without --quiet, JSON Lines give every page with its previous outcome.
    let verbose = try redline(["snapshot", "--store", store, "--format", "json", url])
    let object = try #require(try jsonLines(verbose.stdout).first)
    #expect(object["outcome"] as? String == "unchanged")
    #expect(object["previous"] as? String == "unchanged")
  }

  @Test("a run that cannot start exits 2 with one line; partial failures exit 3")
  func exitCodes() throws {
    let server = try LoopbackServer { request in
      request.path == "/ok" ? html(post("Fine", paragraphs)) : .closeWithoutResponse
    }
    let work = try TemporaryFolder()
    try Data("a file".utf8).write(to: URL(fileURLWithPath: work.file("blocked")))

    let unusable = try redline([
      "snapshot", "--store", work.file("blocked") + "/store", server.baseURL + "/ok",
    ])
    #expect(unusable.status == 2)
    #expect(unusable.stdout == "")
    #expect(unusable.stderr.hasPrefix("redline: store: cannot write"))
    #expect(lines(unusable.stderr).count == 1)
    #expect(server.requests.isEmpty)

    let noList = try redline(["snapshot", "--store", work.file("s"), "--list", work.file("no")])
    #expect(noList.status == 2)
    #expect(lines(noList.stderr).count == 1)

    #expect(try redline(["snapshot", "--store", work.file("s"), "not-a-url"]).status == 2)
    #expect(
      try redline(["snapshot", "--store", work.file("s"), "--jobs", "0", "http://x/"]).status == 2)

    try Data("# watch list\n\n\(server.baseURL)/ok\n  \(server.baseURL)/gone  \n".utf8).write(
      to: URL(fileURLWithPath: work.file("watch.txt")))
    let partial = try redline([
      "snapshot", "--store", work.file("s"), "--list", work.file("watch.txt"), "--retries", "0",
    ])
    #expect(partial.status == 3)
    #expect(partial.stdout == "new \(server.baseURL)/ok\n")
    #expect(partial.stderr.hasPrefix("redline: fetching \(server.baseURL)/gone"))
    #expect(lines(partial.stderr).count == 1)
  }

  @Test("diff and show pick captures by date; list filters by host and prints JSON")
  func selectorsAndListing() throws {
    let page = PageState(html(post("Bridge", paragraphs)))
    let server = try LoopbackServer { _ in page.behaviour }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let port = server.port
    let urlA = "http://blog-a.example:\(port)/p.html"
    let urlB = "http://news.blog-b.example:\(port)/p.html"
    let snapshot = { (url: String) in
      try redline([
        "snapshot", "--store", store, "--connect-to", "::127.0.0.1:\(port)", url,
      ])
    }
    #expect(try snapshot(urlA).status == 0)
    page.behaviour = html(post("Bridge", paragraphs + ["Second version."]))
    #expect(try snapshot(urlA).status == 0)
    page.behaviour = html(post("Bridge", paragraphs + ["Third version."]))
    #expect(try snapshot(urlA).status == 0)
    #expect(try snapshot(urlB).status == 0)

    let log = try jsonLines(
      try redline(["log", "--store", store, "--format", "json", urlA]).stdout)
    let times = log.compactMap { $0["time"] as? String }
    try #require(times.count == 3)

    // A full ISO time is the capture taken then; today's date is the capture in force at its end.
    let second = try redline(["show", "--store", store, urlA, times[1]])
    #expect(second.stdout.hasSuffix("Second version.\n"))
    let today = String(times[2].prefix(10))
    let diff = try redline(["diff", "--store", store, urlA, "first", today])
    #expect(diff.status == 1)
    #expect(diff.stdout.contains("+Third version."))
    let same = try redline(["diff", "--store", store, urlA, "latest~1", times[1]])
    #expect(same.status == 0)
    let before = try redline(["show", "--store", store, urlA, "2001-01-01"])
    #expect(before.status == 2)
    #expect(before.stderr.contains("the first capture was taken later"))

    let all = try redline(["list", "--store", store])
    #expect(lines(all.stdout).count == 2)
    let onlyB = try redline(["list", "--store", store, "--host", "blog-b.example"])
    #expect(lines(onlyB.stdout).count == 1)
    #expect(onlyB.stdout.hasSuffix("  \(urlB)\n"))
    let json = try jsonLines(try redline(["list", "--store", store, "--format", "json"]).stdout)
    let a = try #require(json.first { $0["url"] as? String == urlA })
    #expect(a["captures"] as? Int == 3)
    #expect(a["firstSeen"] as? String == times[0])
    #expect(a["lastChanged"] as? String == times[2])
  }

  @Test("--quiet reports a failing feed once when it starts failing and once when it recovers")
  func quietFeed() throws {
    let feed = PageState(.respond(status: 503, headers: [], body: []))
    let server = try LoopbackServer { request in
      request.path == "/feed/" ? feed.behaviour : html(post("Post", paragraphs))
    }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let feedURL = server.baseURL + "/feed/"
    let run = {
      try redline([
        "snapshot", "--store", store, "--quiet", "--retries", "0", "--feed", feedURL,
      ])
    }
    let first = try run()
    #expect(first.status == 3)
    #expect(first.stderr == "redline: feed: fetching \(feedURL): HTTP 503 Service Unavailable\n")
    let again = try run()
    #expect(again.status == 3)
    #expect(again.stderr == "")
    #expect(again.stdout == "")

    feed.behaviour = xml(
      "<rss version=\"2.0\"><channel><item><link>/p.html</link></item></channel></rss>")
    let recovered = try run()
    #expect(recovered.status == 0)
    #expect(recovered.stdout == "recovered feed \(feedURL)\n")
    #expect(try run().stdout == "")
    // The feeds' state is a hidden file that verify and list leave alone.
    #expect(FileManager.default.fileExists(atPath: store + "/.feeds.json"))
    #expect(try redline(["verify", "--store", store]).status == 0)
    #expect(lines(try redline(["list", "--store", store]).stdout).count == 1)
  }

  @Test("a post that starts redirecting to another page is reported as moved, once")
  func moves() throws {
    let target = PageState(html(post("Bridge", paragraphs)))
    let server = try LoopbackServer { request in
      let host = request.header("Host") ?? ""
      switch (host.hasPrefix("www."), request.path) {
      case (false, "/p.html"): return target.behaviour
      case (true, "/p.html/"), (false, "/"): return html(post("Home", paragraphs.reversed()))
      default: return .respond(status: 404, headers: [], body: [])
      }
    }
    let work = try TemporaryFolder()
    let port = server.port
    let url = "http://blog.example:\(port)/p.html"
    let run = { (extra: [String]) in
      try redline(
        ["snapshot", "--store", work.file("s"), "--connect-to", "::127.0.0.1:\(port)"] + extra
          + [url])
    }
    #expect(try run([]).stdout == "new \(url)\n")
    // Another spelling of the same address (www., a trailing slash) is not a move.
    target.behaviour = .respond(
      status: 301, headers: [("Location", "http://www.blog.example:\(port)/p.html/")], body: [])
    let respelled = try run([])
    #expect(respelled.status == 0)
    #expect(
      respelled.stdout
        == "changed +4 -4 \(url) \"Home\" [paragraphs added or removed, title changed] stealth\n")
    target.behaviour = .respond(status: 301, headers: [("Location", "/")], body: [])
    let moved = try run(["--quiet"])
    #expect(lines(moved.stdout).first == "moved \(url) -> http://blog.example:\(port)/")
    let again = try run(["--format", "json"])
    let object = try #require(try jsonLines(again.stdout).first)
    #expect(object["movedTo"] as? String == "http://blog.example:\(port)/")
    #expect(try run(["--quiet"]).stdout == "")
  }

  @Test("a meta refresh to another page is a move; a page that reloads itself is none")
  func metaRefreshMoves() throws {
    let page = PageState(html(post("Bridge", paragraphs)))
    let server = try LoopbackServer { request in
      request.path == "/p.html" ? page.behaviour : html(post("Home", paragraphs.reversed()))
    }
    let work = try TemporaryFolder()
    let store = work.file("s")
    let url = server.baseURL + "/p.html"
    let run = { (extra: [String]) in try redline(["snapshot", "--store", store] + extra + [url]) }
    #expect(try run([]).stdout == "new \(url)\n")
    // The post reloads itself every five minutes, and after two seconds at another spelling of
    // its own address, and sends readers without scripts elsewhere: none is a move.
    for refresh in [
      "<meta http-equiv=\"Refresh\" content=\"300\">",
      "<meta http-equiv=\"refresh\" content=\"2; url=\(url.replacingOccurrences(of: "/p.html", with: "/p.html/"))\">",
      "<noscript><meta http-equiv=\"refresh\" content=\"0; url=/enable-javascript.html\"></noscript>",
      // Itself again with a query added (a cache buster, a cookie check): the same post.
      "<meta http-equiv=\"refresh\" content=\"0; url=/p.html?reload=1\">",
    ] {
      page.behaviour = html(
        Array(
          String(decoding: post("Bridge", paragraphs), as: UTF8.self).replacingOccurrences(
            of: "<title>", with: refresh + "<title>"
          ).utf8))
      #expect(try run([]).stdout == "unchanged \(url)\n", "\(refresh)")
    }
    // A static site's redirect page (as Hugo writes an alias): no article, a relative URL.
    page.behaviour = html(
      Array(
        """
        <!DOCTYPE html><html lang="en-us"><head><title>\(server.baseURL)/new.html</title>\
        <link rel="canonical" href="\(server.baseURL)/new.html"><meta name="robots" \
        content="noindex"><meta charset="utf-8"><meta http-equiv="refresh" \
        content="0; url='/new.html'"></head></html>
        """.utf8))
    let moved = try run(["--quiet", "--exit-code"])
    #expect(moved.status == 0)
    #expect(moved.stdout == "moved \(url) -> \(server.baseURL)/new.html\n")
    #expect(try run(["--quiet"]).stdout == "")
    #expect(
      try redline(["log", "--store", store, url]).stdout.contains("→ \(server.baseURL)/new.html"))
    let audit = try redline(["audit", "--store", store, "--format", "json"])
    #expect(audit.stdout.contains("\"to\" : \"\(server.baseURL)/new.html\""), "\(audit.stdout)")
    #expect(audit.stdout.contains("with a meta refresh"))
    let logJSON = try jsonLines(
      try redline(["log", "--format", "json", "--store", store, url]).stdout)
    #expect(logJSON.last?["movedBy"] as? String == "meta refresh")
    #expect(logJSON.last?["error"] == nil)
    page.behaviour = html(post("Bridge", paragraphs))
    #expect(try run([]).stdout == "recovered \(url)\nunchanged \(url)\n")
  }

  @Test("another post under a new canonical address is a move; the post renamed is a version")
  func canonicalMoves() throws {
    func page(_ title: String, _ body: [String], canonical: String) -> Behaviour {
      html(
        Array(
          String(decoding: post(title, body), as: UTF8.self).replacingOccurrences(
            of: "<title>", with: "<link rel=\"canonical\" href=\"\(canonical)\"><title>"
          ).utf8))
    }
    let state = PageState(.respond(status: 404, headers: [], body: []))
    let server = try LoopbackServer { _ in state.behaviour }
    let work = try TemporaryFolder()
    let store = work.file("s")
    let url = server.baseURL + "/p.html"
    let other = server.baseURL + "/other.html"
    let run = { (extra: [String]) in try redline(["snapshot", "--store", store] + extra + [url]) }
    state.behaviour = page("Bridge", paragraphs, canonical: url)
    #expect(try run([]).stdout == "new \(url)\n")
    // The post's URL serves another post, which names its own address (no redirect).
    state.behaviour = page(
      "Fuel", ["Fuel queues stretched for miles in the south."], canonical: other)
    let moved = try run(["--quiet", "--exit-code"])
    #expect(moved.status == 0)
    #expect(moved.stdout == "moved \(url) -> \(other)\n")
    #expect(try run(["--quiet"]).stdout == "")
    let log = try redline(["log", "--store", store, url])
    #expect(lines(log.stdout).count == 2, "\(log.stdout)")
    #expect(log.stdout.contains("→ \(other)"))
    #expect(try redline(["diff", "--store", store, url]).stdout == "")
    #expect(log.stdout.contains("(canonical URL)"))
    let audit = try redline(["audit", "--store", store])
    #expect(
      audit.stdout.contains("moved: names \(other) as its canonical URL"), "\(audit.stdout)")
    // Back at its own address with an edit: diffed against its last own version.
    let edited = [paragraphs[0].replacingOccurrences(of: "Tuesday", with: "Monday"), paragraphs[1]]
    state.behaviour = page("Bridge", edited, canonical: url)
    #expect(try run([]).stdout == "recovered \(url)\nchanged +1 -1 \(url) \"Bridge\" stealth\n")
    // The post itself under a new canonical address, its old URL still serving it, edited in
    // the same go: a version of the post (its blocks are the post's), so the edit is kept.
    let renamed = server.baseURL + "/bridge-repairs.html"
    state.behaviour = page(
      "Bridge", [edited[0], edited[1] + " Traffic resumes."], canonical: renamed)
    let renaming = try run([]).stdout
    #expect(renaming == "changed +2 -2 \(url) \"Bridge\" stealth\n", "\(renaming)")
    #expect(try redline(["diff", "--store", store, url]).stdout.contains("+URL: \(renamed)"))
    // A broken canonical (a template's javascript: link) is no address to move to.
    state.behaviour = page("Bridge", edited, canonical: "javascript:void(0)")
    #expect(!(try run([]).stdout.hasPrefix("moved")))
  }

  @Test("a page that writes the time it is served as its updated date is unchanged, not edited")
  func renderClockUpdatedDate() throws {
    /// What the template serves: the post's paragraphs, and its updated date the time of the
    /// request (to the second, each request a second earlier than the last so that no two
    /// stamps are the same), or the day's date, or a fixed date.
    final class Template: @unchecked Sendable {
      private let lock = NSLock()
      private var requests = 0
      var body: [String] = paragraphs
      var modified: (Int) -> String = { _ in "" }
      func page() -> Behaviour {
        lock.withLock {
          requests += 1
          return html(
            Array(
              String(decoding: post("Bridge", body), as: UTF8.self).replacingOccurrences(
                of: "<title>",
                with: "<meta property=\"article:modified_time\" content=\"\(modified(requests))\">"
                  + "<title>"
              ).utf8))
        }
      }
    }
    let template = Template()
    let stamp = ISO8601DateFormatter()
    let day = ISO8601DateFormatter()
    day.formatOptions = [.withFullDate]
    template.modified = { stamp.string(from: Date().addingTimeInterval(-Double($0))) }
    let server = try LoopbackServer { _ in template.page() }
    let work = try TemporaryFolder()
    let url = server.baseURL + "/p.html"
    let run = { (extra: [String]) in
      try redline(["snapshot", "--store", work.file("s")] + extra + [url])
    }
    #expect(try run([]).stdout == "new \(url)\n")
    let unchanged = try run(["--exit-code"])
    #expect(unchanged.stdout == "unchanged \(url)\n")
    #expect(unchanged.status == 0)
    #expect(try run([]).stdout == "unchanged \(url)\n")
    // A real edit is one, and shows the body line it changed.
    template.body = [
      paragraphs[0].replacingOccurrences(of: "Tuesday", with: "Monday"), paragraphs[1],
    ]
    let edit = try run([])
    #expect(edit.stdout.hasPrefix("changed +2 -2 \(url) \"Bridge\""), "\(edit.stdout)")
    #expect(try run([]).stdout == "unchanged \(url)\n")
    // The day's date alike.
    template.modified = { _ in day.string(from: Date()) }
    #expect(try run([]).stdout == "unchanged \(url)\n")
    // A date that is not the serving time moved: a re-save, reported.
    template.modified = { _ in "2016-07-09T08:00:00+00:00" }
    #expect(try run([]).stdout == "changed +1 -1 \(url) \"Bridge\" [header lines only]\n")
    template.modified = { _ in "2016-07-10T08:00:00+00:00" }
    #expect(try run([]).stdout == "changed +1 -1 \(url) \"Bridge\" [header lines only]\n")
    // Only the edits are versions: the first capture, the body edit and the two re-saves.
    let log = try redline(["log", "--store", work.file("s"), url]).stdout
    #expect(log.split(separator: "\n").count == 4, "\(log)")
  }

  @Test("a change of the updated date alone says so: [header lines only], headerOnly in JSON")
  func headerOnlyChange() throws {
    func page(modified: String, _ body: [String]) -> Behaviour {
      html(
        Array(
          String(decoding: post("Bridge", body), as: UTF8.self).replacingOccurrences(
            of: "<title>",
            with: "<meta property=\"article:modified_time\" content=\"\(modified)\"><title>"
          ).utf8))
    }
    let state = PageState(page(modified: "2016-07-02T08:00:00+00:00", paragraphs))
    let server = try LoopbackServer { _ in state.behaviour }
    let work = try TemporaryFolder()
    let url = server.baseURL + "/p.html"
    let run = { (extra: [String]) in
      try redline(["snapshot", "--store", work.file("s")] + extra + [url])
    }
    #expect(try run([]).stdout == "new \(url)\n")
    // A re-save moved the updated date; no word of the post changed.
    state.behaviour = page(modified: "2016-07-09T08:00:00+00:00", paragraphs)
    #expect(try run([]).stdout == "changed +1 -1 \(url) \"Bridge\" [header lines only]\n")
    state.behaviour = page(modified: "2016-07-10T08:00:00+00:00", paragraphs)
    let json = try #require(try jsonLines(try run(["--format", "json"]).stdout).first)
    #expect(json["headerOnly"] as? Bool == true)
    #expect(json["labels"] as? [String] == [])
    // Its canonical URL respelled (http to https) is a header change too, and no move.
    let https = url.replacingOccurrences(of: "http://", with: "https://")
    state.behaviour = html(
      Array(
        String(decoding: post("Bridge", paragraphs), as: UTF8.self).replacingOccurrences(
          of: "<title>",
          with: "<meta property=\"article:modified_time\" content=\"2016-07-10T08:00:00+00:00\">"
            + "<link rel=\"canonical\" href=\"\(https)\"><title>"
        ).utf8))
    #expect(try run([]).stdout == "changed +1 -1 \(url) \"Bridge\" [header lines only]\n")
    let audit = try redline(["audit", "--store", work.file("s")])
    #expect(!audit.stdout.contains("moved"), "\(audit.stdout)")
    // A real edit with the date moved is no header-only change.
    let edited = [paragraphs[0].replacingOccurrences(of: "Tuesday", with: "Monday"), paragraphs[1]]
    state.behaviour = page(modified: "2016-07-11T08:00:00+00:00", edited)
    let edit = try #require(try jsonLines(try run(["--format", "json"]).stdout).first)
    #expect(edit["headerOnly"] == nil)
    #expect(edit["stealth"] as? Bool == false)
  }

  @Test("after a return, log says not-html, and show and diff URL give the post's own versions")
  func returnsInLogShowAndDiff() throws {
    let page = PageState(html(post("Bridge", paragraphs)))
    let server = try LoopbackServer { _ in page.behaviour }
    let work = try TemporaryFolder()
    let store = work.file("s")
    let url = server.baseURL + "/p.html"
    let run = { (arguments: [String], after: [String]) in
      try redline(arguments + ["--store", store, url] + after)
    }
    #expect(try run(["snapshot"], []).stdout == "new \(url)\n")
    page.behaviour = .respond(
      status: 200, headers: [("Content-Type", "image/png")], body: [0x89, 0x50, 0x4E, 0x47, 0])
    #expect(try run(["snapshot"], []).stdout == "not-html image/png \(url)\n")
    page.behaviour = html(post("Bridge", paragraphs))
    #expect(try run(["snapshot", "--exit-code"], []).stdout == "back \(url)\n")
    let log = try run(["log", "--all", "--no-pager"], [])
    #expect(!log.stdout.contains("+0 -0"), "\(log.stdout)")
    #expect(lines(log.stdout).map { $0.split(separator: " ")[4] } == ["new", "not-html", "back"])
    let json = try jsonLines(try run(["log", "--format", "json"], []).stdout)
    #expect(json.map { $0["outcome"] as? String } == ["new", "not-html", "back"])
    #expect(json[1]["added"] == nil)
    // The post came back: its latest version is the article, and nothing was edited.
    #expect(try run(["show", "--no-pager"], []).stdout.hasPrefix("Title: Bridge\n"))
    let unedited = try run(["diff", "--no-pager"], [])
    #expect(unedited.status == 0)
    #expect(unedited.stdout == "")
    // A stand-in served with status 200 (a maintenance page: no error page, which fails), the
    // post back, then an edit: the edit is diffed against the post, and latest~1 is the post's
    // previous version, not the stand-in.
    page.behaviour = html(
      post("Under maintenance", ["The blog is moving to a new server; come back later today."]))
    #expect(try run(["snapshot"], []).stdout.hasPrefix("changed"))
    page.behaviour = html(post("Bridge", paragraphs))
    #expect(try run(["snapshot"], []).stdout == "back \(url)\n")
    let edited = [paragraphs[0].replacingOccurrences(of: "Tuesday", with: "Monday"), paragraphs[1]]
    page.behaviour = html(post("Bridge", edited))
    #expect(try run(["snapshot"], []).stdout.hasPrefix("changed +1 -1 \(url)"))
    let diff = try run(["diff", "--no-pager"], [])
    #expect(diff.status == 1)
    #expect(lines(diff.stdout).filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.count == 4)
    #expect(diff.stdout.contains("+\(edited[0])"))
    #expect(try run(["diff", "--no-pager"], ["latest~1", "latest"]).stdout == diff.stdout)
    let tooFar = try run(["show", "--no-pager"], ["latest~2"])
    #expect(tooFar.status == 2)
    #expect(tooFar.stderr.contains("the page has only 2 versions (4 captures)"))
    // The stand-in again, and the post back edited once more (no `back` in between): diff
    // and audit compare the edit with the post's last version, as the snapshot did.
    page.behaviour = html(
      post("Under maintenance", ["The blog is moving to a new server; come back later today."]))
    #expect(try run(["snapshot"], []).stdout.hasPrefix("changed"))
    let again = [edited[0], paragraphs[1].replacingOccurrences(of: "three", with: "four")]
    page.behaviour = html(post("Bridge", again))
    #expect(try run(["snapshot"], []).stdout.hasPrefix("changed +1 -1 \(url) \"Bridge\" [numbers"))
    let across = try run(["diff", "--no-pager", "--stat"], [])
    #expect(across.stdout.hasSuffix(" 1 file changed, 1 insertion(+), 1 deletion(-)\n"))
    let audit = try JSONSerialization.jsonObject(
      with: Data(try redline(["audit", "--store", store, "--format", "json"]).stdout.utf8))
    let edits = ((audit as? [String: Any])?["pages"] as? [[String: Any]])?.first?["edits"]
    let counts = (edits as? [[String: Any]] ?? []).map {
      [$0["linesAdded"] as? Int ?? -1, $0["linesRemoved"] as? Int ?? -1]
    }
    #expect(counts == [[1, 1], [1, 1]], "\(counts)")
  }

  @Test("an error page served with status 200 fails as a 404 does, and the post recovers")
  func softNotFound() throws {
    let page = PageState(html(post("Bridge", paragraphs)))
    let server = try LoopbackServer { _ in page.behaviour }
    let work = try TemporaryFolder()
    let store = work.file("s")
    let url = server.baseURL + "/2024/bridge.html"
    let run = { (arguments: [String]) in
      try redline(["snapshot", "--store", store, "--exit-code"] + arguments + [url])
    }
    let english = post(
      "Oops! That page can\u{2019}t be found. \u{2013} Council Notes",
      ["It looks like nothing was found at this location. Maybe try one of the links below?"])
    let french = post(
      "Cette page est introuvable",
      [
        "D\u{e9}sol\u{e9}, la page que vous cherchez n\u{2019}existe pas ou a \u{e9}t\u{e9} "
          + "d\u{e9}plac\u{e9}e."
      ])
    #expect(try run([]).stdout == "new \(url)\n")

    // The post's URL answers an error page with 200: a failed check naming it, nothing stored.
    page.behaviour = html(english)
    let failing = try run(["--quiet"])
    #expect(failing.status == 3)
    #expect(failing.stdout == "")
    #expect(
      failing.stderr
        == "redline: \(url): answers an error page (\"Oops! That page can\u{2019}t be found.\")"
        + " with status 200\n")
    let still = try run(["--quiet"])
    #expect(still.status == 3)
    #expect(still.stderr == "")
    page.behaviour = html(french)
    let json = try jsonLines(try run(["--format", "json"]).stdout)
    #expect(json.first?["outcome"] as? String == "failed")
    #expect(
      (json.first?["error"] as? String)?.hasSuffix(
        ": answers an error page (\"Cette page est introuvable\") with status 200") == true,
      "\(json)")

    // The post again, unchanged: recovered, and no edit.
    page.behaviour = html(post("Bridge", paragraphs))
    let recovered = try run(["--quiet"])
    #expect(recovered.status == 0)
    #expect(recovered.stdout == "recovered \(url)\n")
    #expect(try run([]).stdout == "unchanged \(url)\n")
    let log = try redline(["log", "--store", store, "--all", "--format", "json", url])
    let outcomes = try jsonLines(log.stdout).map { $0["outcome"] as? String ?? "" }
    #expect(outcomes == ["new", "failed", "failed", "failed", "unchanged", "unchanged"])
    #expect(lines(try redline(["log", "--store", store, url]).stdout).count == 1)

    // The error page again, then the post back edited: diffed against its last own version.
    page.behaviour = html(english)
    #expect(try run([]).status == 3)
    let edited = [paragraphs[0].replacingOccurrences(of: "Tuesday", with: "Monday"), paragraphs[1]]
    page.behaviour = html(post("Bridge", edited))
    let back = try run(["--quiet", "--diff"])
    #expect(back.status == 1)
    #expect(lines(back.stdout).first == "recovered \(url)")
    let change = lines(back.stdout).dropFirst().first ?? ""
    #expect(change.hasPrefix("changed +1 -1 \(url) \"Bridge\""), "\(back.stdout)")
    #expect(back.stdout.contains("-\(paragraphs[0])\n+\(edited[0])\n"))

    // The audit: each error page is a removal, as a 404 is, and the return a restoration; the
    // one edit is the post's.
    let audit = try JSONSerialization.jsonObject(
      with: Data(try redline(["audit", "--store", store, "--format", "json"]).stdout.utf8))
    let pages = (audit as? [String: Any])?["pages"] as? [[String: Any]]
    let events = (pages?.first?["events"] as? [[String: Any]]) ?? []
    #expect(
      events.map { $0["kind"] as? String ?? "" } == ["removed", "restored", "removed", "restored"],
      "\(events)")
    #expect(events.first?["status"] as? Int == 200)
    #expect(
      events.first?["detail"] as? String
        == "answers an error page (\"Oops! That page can\u{2019}t be found.\") with status 200")
    #expect((pages?.first?["edits"] as? [[String: Any]])?.count == 1)
  }

  @Test("a post about 404s edited is changed; a page first seen as an error page is stored")
  func notFoundInProse() throws {
    let page = PageState(html(post("404 ways to tidy a shed", paragraphs)))
    let server = try LoopbackServer { request in
      request.path == "/gone.html"
        ? html(post("Page not found", ["Sorry, nothing was found at this address, try a search."]))
        : page.behaviour
    }
    let work = try TemporaryFolder()
    let store = work.file("s")
    let url = server.baseURL + "/404-ways.html"
    let run = { (target: String) in try redline(["snapshot", "--store", store, target]) }
    #expect(try run(url).stdout == "new \(url)\n")
    page.behaviour = html(
      post("404 ways to tidy a shed", [paragraphs[0], paragraphs[1] + " Then they voted."]))
    #expect(try run(url).stdout.hasPrefix("changed +1 -1 \(url) \"404 ways to tidy a shed\""))
    // Retitled "Page not found" but keeping its paragraphs: an edit of the post, not an error.
    page.behaviour = html(post("Page not found", paragraphs))
    #expect(try run(url).stdout.hasPrefix("changed +"))
    // No earlier version to be unrelated to: the error page is the page's first capture.
    let gone = server.baseURL + "/gone.html"
    #expect(try run(gone).stdout == "new \(gone)\n")
  }

  @Test("a post that leaves its feed is still checked: its deletion and its move are reported")
  func feedDropOut() throws {
    let feed = PageState(
      xml(
        "<rss version=\"2.0\"><channel><item><link>/a.html</link></item>"
          + "<item><link>/b.html</link></item></channel></rss>"))
    let postA = PageState(html(post("A", paragraphs)))
    let postB = PageState(html(post("B", paragraphs.reversed())))
    let server = try LoopbackServer { request in
      switch request.path {
      case "/feed/": return feed.behaviour
      case "/a.html": return postA.behaviour
      case "/b.html": return postB.behaviour
      case "/": return html(post("Home", ["The home page lists the latest posts of the blog."]))
      default: return .respond(status: 404, headers: [], body: [])
      }
    }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let feedURL = server.baseURL + "/feed/"
    let run = { (extra: [String]) in
      try redline(["snapshot", "--store", store, "--feed", feedURL, "--retries", "0"] + extra)
    }
    #expect(lines(try run([]).stdout).count == 2)
    // Both posts leave the feed; one is deleted, the other now redirects to the home page.
    feed.behaviour = xml("<rss version=\"2.0\"><channel></channel></rss>")
    postA.behaviour = .respond(status: 404, headers: [], body: [])
    postB.behaviour = .respond(status: 301, headers: [("Location", "/")], body: [])
    let quiet = try run(["--quiet"])
    #expect(quiet.status == 3)
    #expect(quiet.stderr.contains("/a.html: HTTP 404"))
    #expect(quiet.stdout == "moved \(server.baseURL)/b.html -> \(server.baseURL)/\n")
    #expect(try run(["--quiet"]).stdout == "")
    let log = try redline(["log", "--store", store, server.baseURL + "/b.html"])
    #expect(log.stdout.contains("moved"))
    #expect(log.stdout.contains("→ \(server.baseURL)/"))
    // A feed listing more than --feed-limit posts is cut, with a line saying so.
    feed.behaviour = xml(
      "<rss version=\"2.0\"><channel><item><link>/a.html</link></item>"
        + "<item><link>/b.html</link></item><item><link>/c.html</link></item></channel></rss>")
    let cut = try run(["--feed-limit", "1", "--keep-checking", "0"])
    #expect(
      cut.stderr.contains(
        "redline: feed \(feedURL) lists 3 posts; checking the first 1 (--feed-limit)\n"))
    feed.behaviour = xml("<rss version=\"2.0\"><channel></channel></rss>")
    // With --keep-checking 0 only what the feed lists now is checked.
    let none = try run(["--keep-checking", "0"])
    #expect(none.status == 0)
    #expect(none.stdout == "")
  }

  @Test("--word-diff shows a typo as a typo; a summary ends a run with several changes")
  func wordDiffAndSummary() throws {
    let pages = (0..<3).map { _ in PageState(html(post("Budget", paragraphs))) }
    let server = try LoopbackServer { request in
      let index = Int(request.path.filter(\.isNumber)) ?? 0
      return pages[index % pages.count].behaviour
    }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let urls = (0..<3).map { server.baseURL + "/p\($0).html" }
    let run = { (extra: [String]) in try redline(["snapshot", "--store", store] + extra + urls) }
    #expect(try run([]).status == 0)
    let typo = [paragraphs[0].replacingOccurrences(of: "budget", with: "budgett"), paragraphs[1]]
    for page in pages.prefix(2) { page.behaviour = html(post("Budget", typo)) }
    let changed = try run(["--quiet", "--word-diff"])
    #expect(changed.status == 0)
    #expect(changed.stdout.contains("[-budget-]{+budgett+}"))
    #expect(!changed.stdout.contains("\n-The council"))
    #expect(
      lines(changed.stdout).contains(
        "changed +1 -1 \(urls[0]) \"Budget\" [typo or punctuation only] stealth"))
    #expect(lines(changed.stdout).last == "summary: 2 changed (2 without a new updated date)")
    let json = try jsonLines(try run(["--format", "json"]).stdout)
    #expect(json.allSatisfy { $0["outcome"] as? String == "unchanged" })
  }

  @Test("an international domain name: fetched as ASCII, shown in Unicode, one page for both")
  func internationalHost() throws {
    let server = try LoopbackServer { _ in html(post("Bücher", paragraphs)) }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let unicode = "http://bücher.example:\(server.port)/neu.html"
    let ascii = "http://xn--bcher-kva.example:\(server.port)/neu.html"
    let route = ["--connect-to", "bücher.example:\(server.port):127.0.0.1:\(server.port)"]
    let first = try redline(["snapshot", "--store", store] + route + [unicode])
    #expect(first.stdout == "new \(unicode)\n", "\(first.stderr)")
    let second = try redline(["snapshot", "--store", store] + route + [ascii])
    #expect(second.stdout == "unchanged \(unicode)\n")
    let list = try redline(["list", "--store", store])
    #expect(lines(list.stdout).count == 1)
    #expect(list.stdout.hasSuffix("  \(unicode)\n"))
    let json = try jsonLines(try redline(["list", "--store", store, "--format", "json"]).stdout)
    #expect(json.first?["url"] as? String == ascii)
  }

  @Test("a progress line is drawn on a terminal only")
  func progress() throws {
    let server = try LoopbackServer { request in html(post("Post \(request.path)", paragraphs)) }
    let work = try TemporaryFolder()
    let urls = (1...5).map { server.baseURL + "/p\($0).html" }
    let plain = try redline(["snapshot", "--store", work.file("a")] + urls)
    #expect(plain.status == 0)
    #expect(plain.stderr == "")
    let (status, terminal) = try redlineOnTerminal(
      ["snapshot", "--store", work.file("b")] + urls, environment: ["TERM": "xterm"])
    #expect(status == 0)
    #expect(terminal.contains("\r\u{1B}[Kchecked 5/5, 0 changed, 0 failed\r\u{1B}[K"))
    #expect(terminal.contains("new \(urls[4])"))
  }

  @Test("every command's --help has examples, and shells get completions")
  func helpAndCompletions() throws {
    for command in ["snapshot", "diff", "extract", "log", "show", "list", "verify"] {
      let help = try redline([command, "--help"])
      #expect(help.status == 0)
      #expect(help.stdout.contains("Example"), "\(command) --help has no examples")
    }
    for shell in ["bash", "zsh", "fish"] {
      let script = try redline(["--generate-completion-script", shell])
      #expect(script.status == 0)
      #expect(script.stdout.contains("snapshot"))
      #expect(script.stdout.contains("--feed"))
    }
  }
}
