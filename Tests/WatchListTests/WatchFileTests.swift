import Testing
import WatchList

/// Two URLs name one page when they are equal: enough for these tests.
private func same(_ url: String) -> String { url }

private let commented = """
  # My watch list
  # kept by hand

  # The Haftar post: edited twice already
  [[watch]]
  url = "https://example.blogspot.com/2016/07/haftar.html"
  every = "1h" # hourly is enough
  tags = ["libya"]

  # A feed
  [[watch]]
  url = "https://example.org/feed/"
  feed = true

  [site."example.org"]
  css = "div.post-body"
  ignore = ["^Share this"]

  """

@Suite("the watch file")
struct WatchFileTests {
  @Test("a watch file reads: watches in order, settings, site rules")
  func parses() throws {
    let file = try WatchFile.parse(commented, path: "watches.toml")
    #expect(
      file.watches.map(\.url) == [
        "https://example.blogspot.com/2016/07/haftar.html", "https://example.org/feed/",
      ])
    #expect(file.watches[0].every?.seconds == 3_600)
    #expect(file.watches[0].tags == ["libya"])
    #expect(file.watches[1].feed)
    #expect(file.sites["example.org"]?.css == "div.post-body")
    #expect(file.sites["example.org"]?.ignore == ["^Share this"])
  }

  @Test("adding keeps every comment, blank line and the order")
  func addKeepsComments() throws {
    let watch = Watch(
      url: "https://example.com/new.html", every: try WatchInterval(parsing: "15m"),
      tags: ["a b", "quote\"d"], notifyTargets: ["mailto:desk@example.org"],
      request: RequestSettings(headers: ["X-Test: 1"], cookies: "/tmp/cookies.txt"))
    let report = try WatchFile.applying(
      WatchListChange(adding: [watch]), to: commented, path: "w", identity: same)
    #expect(!report.rewritten)
    #expect(report.added == ["https://example.com/new.html"])
    #expect(report.text.hasPrefix(commented))
    let back = try WatchFile.parse(report.text, path: "w")
    #expect(back.watches.last == watch)
    #expect(back.watches.count == 3)
  }

  @Test("removing cuts the watch and its own comment, and nothing else")
  func removeKeepsOthers() throws {
    let report = try WatchFile.applying(
      WatchListChange(removing: ["https://example.blogspot.com/2016/07/haftar.html"]),
      to: commented, path: "w", identity: same)
    #expect(!report.rewritten)
    #expect(report.removed.count == 1)
    #expect(!report.text.contains("Haftar post"))
    #expect(!report.text.contains("hourly is enough"))
    #expect(report.text.contains("# My watch list\n# kept by hand\n"))
    #expect(report.text.contains("# A feed\n[[watch]]"))
    #expect(report.text.contains("[site.\"example.org\"]"))
    #expect(
      try WatchFile.parse(report.text, path: "w").watches.map(\.url) == [
        "https://example.org/feed/"
      ])
  }

  @Test("adding a watched URL updates it in place; an import leaves it as it is")
  func updateInPlace() throws {
    let url = "https://example.blogspot.com/2016/07/haftar.html"
    let updated = Watch(url: url, every: try WatchInterval(parsing: "7d"))
    let report = try WatchFile.applying(
      WatchListChange(adding: [updated]), to: commented, path: "w", identity: same)
    #expect(report.updated == [url])
    #expect(report.text.contains("# The Haftar post: edited twice already\n[[watch]]"))
    #expect(try WatchFile.parse(report.text, path: "w").watches.first == updated)
    let merged = try WatchFile.applying(
      WatchListChange(adding: [updated], replacing: false), to: commented, path: "w",
      identity: same)
    #expect(merged.alreadyWatched == [url])
    #expect(merged.text == commented)
  }

  @Test("an edit that would not read back rewrites the file, and says so")
  func rewriteWhenNeeded() throws {
    // A line starting with [[watch]] inside a multi-line string is no table header: cutting
    // the file there would not remove the watch, so the file is written anew.
    let tricky = """
      [[watch]]
      url = "https://example.com/a"
      tags = [\"\"\"
      [[watch]]
      \"\"\"]

      [[watch]]
      url = "https://example.com/b"

      """
    #expect(try WatchFile.parse(tricky, path: "w").watches.count == 2)
    let report = try WatchFile.applying(
      WatchListChange(removing: ["https://example.com/a"]), to: tricky, path: "w", identity: same)
    #expect(report.rewritten)
    #expect(
      try WatchFile.parse(report.text, path: "w").watches.map(\.url) == [
        "https://example.com/b"
      ])
    let kept = try WatchFile.applying(
      WatchListChange(removing: ["https://example.com/b"]), to: tricky, path: "w", identity: same)
    #expect(!kept.rewritten)
    #expect(try WatchFile.parse(kept.text, path: "w").watches.first?.tags == ["[[watch]]\n"])
  }

  @Test(
    "hostile and malformed watch files are refused with one line",
    arguments: [
      ("[[watch]\nurl = 1", "line 1"),
      ("[[watch]]\nurl = \"ftp://example.com/\"", "not an http or https URL"),
      ("[[watch]]\nurl = \"https://example.com/\"\nevery = \"soon\"", "'soon' is not a duration"),
      ("[[watch]]\nurl = \"https://example.com/\"\nevrey = \"1h\"", "unknown key 'evrey'"),
      ("[[watch]]\nfeed = true", "no url"),
      (
        "[[watch]]\nurl = \"https://example.com/\"\nheaders = [\"X: 1\\r\\nHost: evil\"]",
        "control character"
      ),
      (
        "[[watch]]\nurl = \"https://example.com/\"\nbearer-token-env = \"A B\"",
        "not an environment variable name"
      ),
      ("[[watch]]\nurl = \"https://example.com/\"\nignore = [\"(\"]", "not a regular expression"),
      ("watch = 3", "must be [[watch]] tables"),
      ("urls = []", "unknown key 'urls'"),
      ("[[watch]]\nurl = \"https://example.com/\"\0\n[[watch]]", "NUL"),
      ("[[watch]]\nurl = \"https://example.com/\"\ntags = \"one\"", "list of strings"),
      (
        "[[watch]]\nurl = \"https://example.com/\"\nheaders = [\"Authorization: Bearer x\"]",
        "keep a secret"
      ),
      (
        "[[watch]]\nurl = \"https://example.com/\"\nproxy = \"http://u:p@proxy:3128\"",
        "keep a secret"
      ),
      (String(repeating: "[", count: 5_000), "watch file"),
    ] as [(String, String)])
  func hostile(_ text: String, _ expected: String) {
    do {
      _ = try WatchFile.parse(text, path: "watches.toml")
      Issue.record("accepted: \(text.prefix(60))")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
      #expect(error.description.hasPrefix("watch file watches.toml"))
      #expect(!error.description.contains("\n"))
    }
  }

  @Test("an import reads a plain list or a watch file")
  func imports() throws {
    let plain = "# mine\nhttps://example.com/a\n\n  https://example.com/b  \n"
    #expect(
      try importedWatches(from: plain, path: "l").watches.map(\.url) == [
        "https://example.com/a", "https://example.com/b",
      ])
    #expect(try importedWatches(from: commented, path: "w").watches.count == 2)
    let hostile = """
      [[watch]]
      url = "https://attacker.example/"
      bearer-token-env = "AWS_SECRET_ACCESS_KEY"
      proxy = "http://attacker.example:3128"
      tags = ["kept"]
      """
    let imported = try importedWatches(from: hostile, path: "w")
    #expect(imported.stripped == ["https://attacker.example/"])
    #expect(imported.watches.first?.request == RequestSettings())
    #expect(imported.watches.first?.tags == ["kept"])
    #expect(throws: WatchListError.self) {
      try importedWatches(from: "example.com/a\n", path: "l")
    }
  }
}
