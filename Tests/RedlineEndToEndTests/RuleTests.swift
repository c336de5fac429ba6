import Foundation
import LoopbackServer
import Testing

/// A post whose automatic extraction is not what its reader wants: the story is a plain
/// `<div class="story">` beside a wordy sidebar, with a share line inside it.
private func rulePost(second: String) -> [UInt8] {
  let sidebar = String(
    repeating: "Popular posts this month from the archive of our newsroom, read widely. ",
    count: 12)
  return Array(
    """
    <!doctype html><html><head><title>The council vote</title></head><body>
    <div class="nav"><a href="/">Home</a> <a href="/about">About</a></div>
    <div class="story">
    <p>The council voted on Tuesday to keep the library open on Sundays.</p>
    <p>Share this on Twitter</p>
    <p>\(second)</p>
    </div>
    <div class="widget"><p>\(sidebar)</p></div>
    </body></html>
    """.utf8)
}

private final class Page: @unchecked Sendable {
  // Written only between runs of the binary, read by the server thread during them.
  var body: [UInt8]
  init(_ body: [UInt8]) { self.body = body }
}

extension EndToEndTests {
  @Test("a selector and an ignore rule make the article; log and show name them")
  func selectorAndIgnoreRules() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let page = Page(rulePost(second: "The vote was seven to two."))
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: page.body)
    }
    let url = server.baseURL + "/2016/07/vote.html"
    let add = try redline([
      "watch", "add", "--store", store, url, "--css", "div.story", "--ignore", "^Share this",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    let start = 1_900_000_000
    let first = try redline(["snapshot", "--due", "--store", store, "--now", String(start)])
    #expect(first.stdout == "new \(url)\n", "\(first.stderr)")
    let shown = try redline(["show", "--store", store, url])
    #expect(shown.stdout.contains("The council voted on Tuesday"))
    #expect(shown.stdout.contains("The vote was seven to two."))
    #expect(!shown.stdout.contains("Share this"))
    #expect(!shown.stdout.contains("Popular posts"))
    let label = "css div.story (watch); ignore ^Share this (watch)"
    #expect(shown.stderr == "note: extracted under rules: \(label)\n")
    let log = try redline(["log", "--store", store, url])
    #expect(log.stdout.contains("[rules: \(label)]"), "\(log.stdout)")

    // Dropping the ignore rule changes the article's text but is no edit of the post.
    let update = try redline(["watch", "add", "--store", store, url, "--css", "div.story"])
    #expect(update.stdout == "updated \(url)\n")
    let after = try redline(["snapshot", "--due", "--store", store, "--now", String(start + 900)])
    #expect(after.status == 0, "\(after.stderr)")
    #expect(after.stdout == "unchanged \(url)\n")
    let all = try redline(["log", "--all", "--format", "json", "--store", store, url])
    #expect(all.stdout.contains("\"rules\":\"css div.story (watch)\""), "\(all.stdout)")

    // A real edit is diffed under one set of rules: only the edited line.
    page.body = rulePost(second: "The vote was six to three.")
    let edit = try redline([
      "snapshot", "--due", "--diff", "--store", store, "--now", String(start + 1_800),
    ])
    #expect(edit.stdout.hasPrefix("changed +1 -1 \(url)"), "\(edit.stdout)")
    #expect(edit.stdout.contains("-The vote was seven to two."))
    #expect(!edit.stdout.contains("+Share this"))
    #expect(try redline(["verify", "--store", store]).status == 0)
  }

  @Test("a site rule in the watch file applies to every watch on the host")
  func siteRule() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let body = rulePost(second: "The vote was seven to two.")
    let server = try LoopbackServer { _ in
      .respond(status: 200, headers: [("Content-Type", "text/html")], body: body)
    }
    let url = server.baseURL + "/2016/07/vote.html"
    try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
    try """
    [[watch]]
    url = "\(url)"

    [site."127.0.0.1"]
    xpath = "//div[@class='story']"
    ignore = ["^Share"]

    """.write(toFile: store + "/watches.toml", atomically: true, encoding: .utf8)
    let run = try redline(["snapshot", "--due", "--store", store])
    #expect(run.stdout == "new \(url)\n", "\(run.stderr)")
    let shown = try redline(["show", "--store", store, url])
    #expect(!shown.stdout.contains("Share this"))
    #expect(
      shown.stderr
        == "note: extracted under rules: xpath //div[@class='story'] (site 127.0.0.1); ignore ^Share (site 127.0.0.1)\n"
    )
  }

  @Test(
    "a selector that does not parse is one line and exit 2",
    arguments: [
      (["--xpath", "//div["], "redline: selector '//div[' does not parse"),
      (["--css", "a:hover"], "redline: selector 'a:hover' does not parse: pseudo-classes"),
      (["--css", "div >"], "redline: selector 'div >' does not parse"),
      (["--ignore", "(unclosed"], "redline: ignore rule '(unclosed' is not a regular expression"),
    ])
  func badSelector(_ options: [String], _ message: String) throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let run = try redline(["watch", "add", "--store", store, "https://example.org/a"] + options)
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: store + "/watches.toml"))
  }
}
