import Foundation
import LoopbackServer
import Testing

/// The bundled store (two captures of one post, two seconds apart, and an unchanged check).
private let bundledStore = samplePost.deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Snapshots").path

private let bundledURL =
  "http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"

private func lines(_ text: String) -> [Substring] {
  text.split(separator: "\n")
}

@Suite("shell friction: log filters, ambiguity, missing stores, hints, pages, pager")
struct ShellFrictionTests {
  @Test("log --since, --until and -n (the N newest, oldest first)")
  func logFilters() throws {
    let all = try redline(["log", "--all", "--store", bundledStore, bundledURL])
    let allLines = lines(all.stdout)
    try #require(allLines.count == 3)
    let newest = try redline(["log", "--all", "-n", "2", "--store", bundledStore, bundledURL])
    #expect(newest.status == 0)
    #expect(lines(newest.stdout) == Array(allLines.suffix(2)))
    let joined = try redline(["log", "--all", "-n1", "--store", bundledStore, bundledURL])
    #expect(lines(joined.stdout) == [allLines[2]])
    let captures = try redline(["log", "--max-count", "1", "--store", bundledStore, bundledURL])
    #expect(lines(captures.stdout).count == 1)
    #expect(captures.stdout.contains("changed"))
    let period = try redline([
      "log", "--all", "--since", "2026-11-25T00:12:51", "--until", "2026-11-25T00:12:52",
      "--store", bundledStore, bundledURL,
    ])
    #expect(lines(period.stdout) == [allLines[1]])
    let future = try redline(["log", "--since", "today", "--store", bundledStore, bundledURL])
    #expect(future.status == 0)
    #expect(future.stdout == "")
    let recent = try redline([
      "log", "--until", "3 days ago", "--format", "json", "--store", bundledStore, bundledURL,
    ])
    #expect(lines(recent.stdout).count == 2)
    // A period that ends before it starts matches nothing: an error, not an empty log.
    for command in [["log", bundledURL], ["audit"]] {
      let reversed = try redline(
        command + ["--since", "today", "--until", "yesterday", "--store", bundledStore])
      #expect(reversed.status == 2)
      #expect(
        lines(reversed.stderr) == [
          "redline: --since 'today' is after --until 'yesterday': no time lies between them",
          "hint: swap the two, or leave one out",
        ])
    }
    for bad in ["0", "-2"] {
      let result = try redline(["log", "-n", bad, "--store", bundledStore, bundledURL])
      #expect(result.status == 2)
      #expect(lines(result.stderr).first == "redline: -n must be a positive number, not \(bad).")
    }
  }

  @Test("a capture prefix that several captures share is an error naming them")
  func ambiguousPrefix() throws {
    let result = try redline(["show", "--store", bundledStore, bundledURL, "20261125T0012"])
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(
      lines(result.stderr) == [
        "redline: \(bundledURL): capture '20261125T0012' is ambiguous: it matches "
          + "20261125T001250Z, 20261125T001252Z",
        "hint: give more digits of the capture time (redline log URL lists them)",
      ])
    let diff = try redline(["diff", "--store", bundledStore, bundledURL, "20261125", "latest"])
    #expect(diff.status == 2)
    #expect(diff.stderr.contains("is ambiguous"))
    let unique = try redline(["show", "--store", bundledStore, bundledURL, "20261125T001250"])
    #expect(unique.status == 0)
    // A dashed date is a date: the capture in force at the end of that day.
    let day = try redline(["diff", "--store", bundledStore, bundledURL, "first", "2026-11-25"])
    #expect(day.status == 1)
  }

  @Test(
    "a store that does not exist is an error, not an empty answer",
    arguments: [
      ["list"], ["log", bundledURL], ["show", bundledURL], ["diff", bundledURL], ["verify"],
      ["audit"],
    ])
  func missingStore(_ arguments: [String]) throws {
    let work = try TemporaryFolder()
    let store = work.file("nowhere")
    let result = try redline(arguments + ["--store", store])
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(lines(result.stderr).first == "redline: no store at \(store)")
    #expect(lines(result.stderr).count == 2)
    #expect(!FileManager.default.fileExists(atPath: store))
    let fromEnvironment = try redline(arguments, environment: ["REDLINE_STORE": store])
    #expect(lines(fromEnvironment.stderr).first == "redline: no store at \(store)")
  }

  @Test("an address typed without its scheme, or a list file, gets a hint")
  func schemeHints() throws {
    let work = try TemporaryFolder()
    let cases = [
      (
        "example.com/2016/07/post.html", "hint: did you mean https://example.com/2016/07/post.html?"
      ),
      ("127.0.0.1:8080/p.html", "hint: did you mean https://127.0.0.1:8080/p.html?"),
      ("watch.txt", "hint: to read URLs from a file, one a line, give --list watch.txt"),
      ("post.html", "hint: see 'redline snapshot --help'"),
    ]
    for (argument, hint) in cases {
      let result = try redline(["snapshot", "--store", work.file("s"), argument])
      #expect(result.status == 2)
      #expect(
        lines(result.stderr) == ["redline: '\(argument)' is not an http or https URL.", hint[...]])
    }
    let watch = try redline(["watch", "add", "--store", work.file("s"), "example.com/p.html"])
    #expect(watch.status == 2)
    #expect(watch.stderr.contains("hint: did you mean https://example.com/p.html?"))
    for tag in ["", "a,b", "two words"] {
      let tagged = try redline([
        "watch", "add", "--store", work.file("s"), "--tag", tag, "https://example.com/p.html",
      ])
      #expect(tagged.status == 2)
      #expect(tagged.stderr.hasPrefix("redline: --tag '\(tag)': a tag is one word"))
    }
    #expect(!FileManager.default.fileExists(atPath: work.file("s/watches.toml")))
  }

  @Test("a URL the store does not hold suggests the stored one most like it")
  func nearestURL() throws {
    let https = bundledURL.replacingOccurrences(of: "http://", with: "https://")
    for url in [https, bundledURL + "/", bundledURL.replacingOccurrences(of: "both", with: "bath")]
    {
      let result = try redline(["log", "--store", bundledStore, url])
      #expect(result.status == 2)
      #expect(
        lines(result.stderr) == [
          "redline: no captures of \(url) in the store", "hint: did you mean \(bundledURL)?",
        ])
    }
    let far = try redline(["diff", "--store", bundledStore, "https://elsewhere.example/x"])
    #expect(
      lines(far.stderr) == ["redline: no captures of https://elsewhere.example/x in the store"])
  }

  @Test(
    "numeric options must be positive, and a negative value is read as the value",
    arguments: [
      (
        ["snapshot", "--timeout", "-5", "http://x.example/"],
        "--timeout must be positive: at least 1 second."
      ),
      (
        ["snapshot", "--timeout", "0", "http://x.example/"],
        "--timeout must be positive: at least 1 second."
      ),
      (["snapshot", "--jobs", "-1", "http://x.example/"], "--jobs must be at least 1."),
      (
        ["snapshot", "--user-agent", "a\r\nX-Injected: 1", "http://x.example/"],
        "--user-agent must not hold control characters: a CR or LF would add a header."
      ),
      (["snapshot", "--feed-limit", "0", "http://x.example/"], "--feed-limit must be at least 1."),
      (
        ["snapshot", "--connect-timeout", "-2", "http://x.example/"],
        "--connect-timeout must be positive: at least 1 second."
      ),
      (["snapshot", "--retries", "-1", "http://x.example/"], "--retries must be 0 or more."),
      (["snapshot", "--delay", "-0.5", "http://x.example/"], "--delay must be 0 or more seconds."),
      (["diff", "-U", "-3", "a.txt", "b.txt"], "-U must be 0 or more."),
    ])
  func numericOptions(_ example: ([String], String)) throws {
    let result = try redline(example.0)
    #expect(result.status == 2)
    #expect(lines(result.stderr).first == "redline: \(example.1)")
    #expect(lines(result.stderr).last?.hasPrefix("hint: see 'redline ") == true)
  }

  @Test(
    "usage errors: one redline line and a hint",
    arguments: [
      (
        ["diff", "--color", "never", "a.txt", "b.txt"],
        "redline: --color takes its value after '=': --color=never",
        "hint: --color takes =WHEN: --color=auto, --color=always or --color=never "
          + "(a bare --color means always)"
      ),
      (
        ["diff", "--color=sometimes", "a.txt", "b.txt"],
        "redline: --color takes auto, always or never, not 'sometimes'.",
        "hint: --color takes =WHEN: --color=auto, --color=always or --color=never "
          + "(a bare --color means always)"
      ),
      (
        ["diff", "--word-diff", "porcelain", "a.txt", "b.txt"],
        "redline: --word-diff takes its value after '=': --word-diff=porcelain",
        "hint: --word-diff takes =MODE: --word-diff=plain, --word-diff=color or "
          + "--word-diff=porcelain (a bare --word-diff means plain)"
      ),
      (
        ["diff", "--colour", "a.txt", "b.txt"], "redline: Unknown option '--colour'.",
        "hint: did you mean '--color'?"
      ),
      (["lst"], "redline: unknown command 'lst'", "hint: did you mean 'redline list'?"),
      (
        ["log", "--stroe", "x", bundledURL], "redline: Unknown option '--stroe'.",
        "hint: did you mean '--store'?"
      ),
      (
        ["audit", "--format", "pdf"],
        "redline: The value 'pdf' is invalid for '--format <format>'. Please provide one of "
          + "'text', 'markdown', 'html', 'json' or 'atom'.",
        "hint: see 'redline audit --help'"
      ),
      (["log"], "redline: Missing expected argument '<url>'", "hint: see 'redline log --help'"),
    ])
  func usageErrors(_ example: ([String], String, String)) throws {
    let result = try redline(example.0)
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(lines(result.stderr) == [Substring(example.1), Substring(example.2)])
  }

  @Test("diff URL1 URL2 compares the latest captures of two stored pages")
  func twoPages() throws {
    let server = try LoopbackServer(respond: fileServer(root: samplePost.path))
    let work = try TemporaryFolder()
    let store = work.file("store")
    let first = server.baseURL + "/v1.html"
    let second = server.baseURL + "/v2.html"
    #expect(try redline(["snapshot", "--store", store, first, second]).status == 0)
    let diff = try redline(["diff", "--store", store, first, second])
    #expect(diff.status == 1)
    #expect(diff.stdout.hasPrefix("--- \(first)\t"))
    #expect(diff.stdout.contains("\n+++ \(second)\t"))
    #expect(diff.stdout.contains("\n@@ "))
    let stat = try redline(["diff", "--stat", "--store", store, first, second])
    #expect(stat.stdout.contains("\(first) => \(second)"))
    #expect(try redline(["diff", "--store", store, first, first]).status == 0)
    let missing = try redline(["diff", "--store", store, first, server.baseURL + "/v9.html"])
    #expect(missing.status == 2)
    #expect(
      lines(missing.stderr).first
        == "redline: no captures of \(server.baseURL)/v9.html in the store")
    #expect(lines(missing.stderr).last?.hasPrefix("hint: did you mean ") == true)
    let three = try redline(["diff", "--store", store, first, "latest", second])
    #expect(three.status == 2)
    #expect(lines(three.stderr).first?.contains("Give two page URLs") == true)
  }

  @Test("long output goes through $PAGER on a terminal only, never with --no-pager")
  func pager() throws {
    let work = try TemporaryFolder()
    let paged = work.file("paged.txt")
    let pagerCommand = "cat > \(paged)"
    // Off a terminal (as here), never.
    let plain = try redline(
      ["log", "--store", bundledStore, bundledURL], environment: ["PAGER": pagerCommand])
    #expect(plain.status == 0)
    #expect(lines(plain.stdout).count == 2)
    #expect(!FileManager.default.fileExists(atPath: paged))
    // On a terminal, through the pager.
    func onTerminal(_ arguments: [String], pager: String?) throws -> (Int32, String) {
      try redlineOnTerminal(
        arguments, environment: ["TERM": "dumb", "PAGER": pager, "REDLINE_PAGER": nil])
    }
    let (status, terminal) = try onTerminal(
      ["log", "--store", bundledStore, bundledURL], pager: pagerCommand)
    #expect(status == 0)
    #expect(!terminal.contains("General Khalifa"))
    let written = try String(contentsOfFile: paged, encoding: .utf8)
    #expect(lines(written).count == 2)
    #expect(written.contains("General Khalifa Haftar"))
    try FileManager.default.removeItem(atPath: paged)
    // diff keeps its exit status through the pager.
    let (diffStatus, _) = try onTerminal(
      ["diff", "--store", bundledStore, bundledURL], pager: pagerCommand)
    #expect(diffStatus == 1)
    #expect(try String(contentsOfFile: paged, encoding: .utf8).contains("\n+"))
    try FileManager.default.removeItem(atPath: paged)
    // list and watch list too (a store of thousands of pages), but never their JSON.
    let (listStatus, _) = try onTerminal(["list", "--store", bundledStore], pager: pagerCommand)
    #expect(listStatus == 0)
    #expect(try String(contentsOfFile: paged, encoding: .utf8).contains(bundledURL))
    try FileManager.default.removeItem(atPath: paged)
    let (_, listJSON) = try onTerminal(
      ["list", "--format", "json", "--store", bundledStore], pager: pagerCommand)
    #expect(listJSON.contains(bundledURL))
    #expect(!FileManager.default.fileExists(atPath: paged))
    let (_, listDirect) = try onTerminal(
      ["list", "--no-pager", "--store", bundledStore], pager: pagerCommand)
    #expect(listDirect.contains(bundledURL))
    #expect(!FileManager.default.fileExists(atPath: paged))
    let watched = work.file("watched")
    #expect(try redline(["watch", "add", "--store", watched, bundledURL]).status == 0)
    _ = try onTerminal(["watch", "list", "--store", watched], pager: pagerCommand)
    #expect(try String(contentsOfFile: paged, encoding: .utf8).contains(bundledURL))
    try FileManager.default.removeItem(atPath: paged)
    // --no-pager, and PAGER=cat or empty: straight to the terminal.
    for (arguments, pager) in [
      (["log", "--no-pager", "--store", bundledStore, bundledURL], pagerCommand),
      (["log", "--store", bundledStore, bundledURL], "cat"),
      (["log", "--store", bundledStore, bundledURL], ""),
    ] {
      let (plainStatus, direct) = try onTerminal(arguments, pager: pager)
      #expect(plainStatus == 0)
      #expect(direct.contains("General Khalifa Haftar"))
      #expect(!FileManager.default.fileExists(atPath: paged))
    }
  }
}
