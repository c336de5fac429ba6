import Foundation
import LoopbackServer
import Testing

private func sample(_ version: String) throws -> [UInt8] {
  Array(try Data(contentsOf: samplePost.appendingPathComponent("\(version).html")))
}

private func html(_ body: [UInt8]) -> Behaviour {
  .respond(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: body)
}

private let forbidden = Behaviour.text("no entry", status: 403)

/// Unix seconds as the JSON of `watch list` writes them.
private func iso(_ time: Int) -> String {
  let formatter = ISO8601DateFormatter()
  return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
}

private func read(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

/// The watch list, `snapshot --due` and per-watch request options, through the binary.
extension EndToEndTests {
  @Test("watch add, list, import and remove keep a hand-edited file's comments and order")
  func watchFileEdits() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
    let watchFile = store + "/watches.toml"
    let handWritten = """
      # Watched by the Libya desk.

      # Edited twice in July 2016.
      [[watch]]
      url = "https://example.blogspot.com/2016/07/haftar.html"
      every = "1h"   # hourly is plenty
      tags = ["libya"]

      """
    try handWritten.write(toFile: watchFile, atomically: true, encoding: .utf8)

    let add = try redline([
      "watch", "add", "--store", store, "https://example.org/a.html", "--every", "15m", "--tag",
      "libya", "--tag", "second", "--notify", "mailto:desk@example.org", "--header",
      "X-Desk: libya",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stdout == "added https://example.org/a.html\n")
    #expect(add.stderr == "")
    let afterAdd = try read(watchFile)
    #expect(afterAdd.hasPrefix(handWritten))
    #expect(
      afterAdd.contains("notify = [ 'mailto:desk@example.org' ]")
        || afterAdd.contains("mailto:desk@example.org"))

    let list = try redline(["watch", "list", "--store", store, "--tag", "second"])
    #expect(list.status == 0)
    #expect(list.stdout.hasPrefix("now"))
    #expect(list.stdout.contains("15m"))
    #expect(list.stdout.hasSuffix("https://example.org/a.html\n"))
    let json = try redline(["watch", "list", "--store", store, "--format", "json"])
    let lines = json.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
    #expect(second?["every"] as? String == "15m")
    #expect(second?["notify"] as? [String] == ["mailto:desk@example.org"])

    let plainList = work.file("watch.txt")
    try "# old list\nhttps://example.org/a.html\nhttps://example.org/b.html\n".write(
      toFile: plainList, atomically: true, encoding: .utf8)
    let imported = try redline(["watch", "import", "--store", store, plainList])
    #expect(imported.status == 0)
    #expect(
      imported.stdout
        == "added https://example.org/b.html\nalready watched https://example.org/a.html\n")
    // The import merged: a.html kept its own settings.
    #expect(
      try read(watchFile).contains("every = '15m'") || read(watchFile).contains("every = \"15m\""))

    let remove = try redline([
      "watch", "remove", "--store", store, "https://example.blogspot.com/2016/07/haftar.html",
    ])
    #expect(remove.status == 0)
    #expect(remove.stdout == "removed https://example.blogspot.com/2016/07/haftar.html\n")
    let afterRemove = try read(watchFile)
    #expect(afterRemove.hasPrefix("# Watched by the Libya desk.\n\n"))
    #expect(!afterRemove.contains("Edited twice"))
    #expect(!afterRemove.contains("haftar"))

    let missing = try redline(["watch", "remove", "--store", store, "https://example.org/zzz"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "redline: not watched: https://example.org/zzz\n")
    #expect(try redline(["verify", "--store", store]).status == 0)
  }

  @Test("bad input: one redline: line, status 2, and the watch file as it was")
  func hostileWatchInput() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
    let watchFile = store + "/watches.toml"

    let badInterval = try redline([
      "watch", "add", "--store", store, "https://example.org/a", "--every", "soon",
    ])
    #expect(badInterval.status == 2)
    #expect(badInterval.stderr.hasPrefix("redline: 'soon' is not a duration"))
    #expect(!FileManager.default.fileExists(atPath: watchFile))

    let broken = "# mine\n[[watch]]\nurl = \"https://example.org/a\"\nevery = \"1h\n"
    try broken.write(toFile: watchFile, atomically: true, encoding: .utf8)
    for arguments in [
      ["watch", "add", "--store", store, "https://example.org/b"],
      ["watch", "list", "--store", store],
      ["snapshot", "--due", "--store", store],
    ] {
      let run = try redline(arguments)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.hasPrefix("redline: watch file \(watchFile), line 4: "), "\(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
      #expect(try read(watchFile) == broken)
    }

    try "[[watch]]\nurl = \"https://example.org/a\"\nevrey = \"1h\"\n".write(
      toFile: watchFile, atomically: true, encoding: .utf8)
    let typo = try redline(["snapshot", "--due", "--store", store])
    #expect(typo.status == 2)
    #expect(
      typo.stderr
        == "redline: watch file \(watchFile): watch 1 (https://example.org/a): unknown key 'evrey'\n"
    )
  }

  @Test("snapshot --due checks only what is due, on the curve and on pinned intervals")
  func dueSchedule() throws {
    let site = try TemporaryFolder()
    let work = try TemporaryFolder()
    let store = work.file("store")
    try FileManager.default.createDirectory(
      atPath: site.file("2016/07"), withIntermediateDirectories: true)
    try copySample("v1", to: site.file("2016/07/curve.html"))
    try copySample("v1", to: site.file("2016/07/pinned.html"))
    let server = try LoopbackServer(respond: fileServer(root: site.path))
    let curve = server.baseURL + "/2016/07/curve.html"
    let pinned = server.baseURL + "/2016/07/pinned.html"
    #expect(try redline(["watch", "add", "--store", store, curve]).status == 0)
    #expect(
      try redline(["watch", "add", "--store", store, pinned, "--every", "90s"]).status == 0)

    func due(at time: Int) throws -> RunResult {
      try redline(["snapshot", "--due", "--store", store, "--now", String(time)])
    }
    let start = 1_800_000_000
    let first = try due(at: start)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == "new \(curve)\nnew \(pinned)\n")
    #expect(try due(at: start + 60).stdout == "")
    #expect(try due(at: start + 90).stdout == "unchanged \(pinned)\n")
    #expect(try due(at: start + 900).stdout == "unchanged \(curve)\nunchanged \(pinned)\n")
    // Two days without edits: the curve's next step is an hour.
    let time = start + 2 * 86_400
    #expect(try due(at: time).stdout == "unchanged \(curve)\nunchanged \(pinned)\n")
    let settled = try redline(["watch", "list", "--store", store, "--format", "json"])
    #expect(settled.stdout.contains("\"lastChanged\":\"\(iso(start))\""), "\(settled.stdout)")
    #expect(settled.stdout.contains("\"nextDue\":\"\(iso(time + 3_600))\""))
    #expect(try due(at: time + 900).stdout == "unchanged \(pinned)\n")
    #expect(try due(at: time + 3_600).stdout.contains("unchanged \(curve)"))
    // An edit brings the curve back to 15 minutes.
    try copySample("v2", to: site.file("2016/07/curve.html"))
    let edited = try due(at: time + 7_200)
    #expect(edited.stdout.hasPrefix("changed +2 -2 \(curve)"), "\(edited.stdout)")
    #expect(try due(at: time + 7_200 + 900).stdout.contains("unchanged \(curve)"))
    #expect(try redline(["verify", "--store", store]).status == 0)
  }

  @Test("a watch's --notify target hears of its page's edits from snapshot --due, once each")
  func watchNotify() throws {
    let site = try TemporaryFolder()
    let work = try TemporaryFolder()
    let store = work.file("store")
    try FileManager.default.createDirectory(
      atPath: site.file("2016/07"), withIntermediateDirectories: true)
    try copySample("v1", to: site.file("2016/07/told.html"))
    try copySample("v1", to: site.file("2016/07/quiet.html"))
    let server = try LoopbackServer(respond: fileServer(root: site.path))
    let told = server.baseURL + "/2016/07/told.html"
    let quiet = server.baseURL + "/2016/07/quiet.html"
    let inbox = work.file("inbox")
    let target = "exec:cat >> '\(inbox)'"
    #expect(
      try redline(["watch", "add", "--store", store, told, "--every", "60s", "--notify", target])
        .status == 0)
    #expect(try redline(["watch", "add", "--store", store, quiet, "--every", "60s"]).status == 0)
    func due(at time: Int) throws -> RunResult {
      try redline(["snapshot", "--due", "--store", store, "--now", String(time)])
    }
    let start = 1_800_000_000
    #expect(try due(at: start).status == 0)
    try copySample("v2", to: site.file("2016/07/told.html"))
    try copySample("v2", to: site.file("2016/07/quiet.html"))
    let edited = try due(at: start + 60)
    #expect(edited.status == 0, "\(edited.stderr)")
    #expect(edited.stdout.contains("changed +2 -2 \(told)"))
    #expect(edited.stdout.contains("changed +2 -2 \(quiet)"))
    // Only the watch that asked is told, once, and not again by the next run.
    #expect(try due(at: start + 120).status == 0)
    let received = try read(inbox)
    #expect(received.components(separatedBy: "\"url\"").count == 2, "\(received)")
    #expect(received.contains(told))
    #expect(!received.contains(quiet))
  }

  @Test("a site that needs a cookie: the watch's cookies file is sent, and only to it")
  func cookieWatch() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let page = try sample("v1")
    let server = try LoopbackServer { request in
      request.header("Cookie")?.contains("session=s3cret") == true ? html(page) : forbidden
    }
    let url = server.baseURL + "/members/post.html"
    let cookies = work.file("cookies.txt")
    try "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\ts3cret\n".write(
      toFile: cookies, atomically: true, encoding: .utf8)
    let without = try redline(["snapshot", "--store", store, url])
    #expect(without.status == 3)
    #expect(try redline(["watch", "add", "--store", store, url, "--cookies", cookies]).status == 0)
    let run = try redline(["snapshot", "--due", "--store", store])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "recovered \(url)\nnew \(url)\n")
    // And for a run: --cookies on snapshot itself.
    let direct = try redline(["snapshot", "--store", work.file("other"), "--cookies", cookies, url])
    #expect(direct.stdout == "new \(url)\n")
    let gone = try redline([
      "snapshot", "--store", work.file("third"), "--cookies", work.file("none.txt"), url,
    ])
    #expect(gone.status == 2)
    #expect(gone.stderr == "redline: --cookies \(work.file("none.txt")): cannot be read\n")
  }

  @Test("basic auth from the environment and from netrc; the secret is written nowhere")
  func basicAuthWatch() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let page = try sample("v1")
    let expected = "Basic " + Data("editor:pa55-word".utf8).base64EncodedString()
    let server = try LoopbackServer { request in
      request.header("Authorization") == expected
        ? html(page)
        : .respond(
          status: 401, headers: [("WWW-Authenticate", "Basic realm=\"blog\"")],
          body: Array("login".utf8))
    }
    let url = server.baseURL + "/private/post.html"
    #expect(
      try redline(["watch", "add", "--store", store, url, "--basic-auth-env", "BLOG_LOGIN"])
        .status == 0)
    let unset = try redline(
      ["snapshot", "--due", "--store", store], environment: ["BLOG_LOGIN": nil])
    #expect(unset.status == 3)
    #expect(
      unset.stderr.contains("the environment variable BLOG_LOGIN (--basic-auth-env) is not set"))
    let run = try redline(
      ["snapshot", "--due", "--store", store, "--now", "9999999999"],
      environment: ["BLOG_LOGIN": "editor:pa55-word"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "new \(url)\n")
    let wrong = try redline(
      ["snapshot", "--store", work.file("wrong"), "--basic-auth-env", "BLOG_LOGIN", url],
      environment: ["BLOG_LOGIN": "editor:not-it"])
    #expect(wrong.status == 3)
    #expect(!wrong.stderr.contains("not-it"))

    let netrc = work.file("netrc")
    try "machine 127.0.0.1 login editor password pa55-word\n".write(
      toFile: netrc, atomically: true, encoding: .utf8)
    let viaNetrc = try redline([
      "snapshot", "--store", work.file("netrc-store"), "--netrc-file", netrc, url,
    ])
    #expect(viaNetrc.stdout == "new \(url)\n", "\(viaNetrc.stderr)")
    // Nothing in any store holds the password.
    for root in [store, work.file("netrc-store")] {
      let grep = Process()
      grep.executableURL = URL(fileURLWithPath: "/bin/grep")
      grep.arguments = ["-r", "-q", "pa55-word", root]
      try grep.run()
      grep.waitUntilExit()
      #expect(grep.terminationStatus == 1, "password found under \(root)")
    }
  }

  @Test("a bearer token and an extra header reach the server")
  func bearerAndHeaders() throws {
    let work = try TemporaryFolder()
    let page = try sample("v1")
    let server = try LoopbackServer { request in
      request.header("Authorization") == "Bearer tok-123" && request.header("X-Desk") == "libya"
        ? html(page) : forbidden
    }
    let url = server.baseURL + "/api/post.html"
    let run = try redline(
      [
        "snapshot", "--store", work.file("store"), "--bearer-token-env", "BLOG_TOKEN",
        "--header", "X-Desk: libya", url,
      ], environment: ["BLOG_TOKEN": "tok-123"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "new \(url)\n")
  }

  @Test("--proxy sends the request to the proxy in absolute form")
  func proxyOption() throws {
    let work = try TemporaryFolder()
    let page = try sample("v1")
    let proxy = try LoopbackServer { request in
      request.target.hasPrefix("http://blog.example/") ? html(page) : forbidden
    }
    let url = "http://blog.example/2016/07/post.html"
    #expect(
      try redline(["watch", "add", "--store", work.file("store"), url, "--proxy", proxy.baseURL])
        .status == 0)
    let run = try redline(
      ["snapshot", "--due", "--store", work.file("store")],
      environment: ["http_proxy": nil, "HTTP_PROXY": nil, "no_proxy": nil, "NO_PROXY": nil])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "new \(url)\n")
    #expect(proxy.requests.map(\.target) == [url])
  }

  @Test("a credentials header is never stored: watch add refuses it")
  func noSecretHeader() throws {
    let work = try TemporaryFolder()
    let run = try redline([
      "watch", "add", "--store", work.file("store"), "https://example.org/a", "--header",
      "Authorization: Bearer s3cret",
    ])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("redline: the header Authorization would keep a secret"))
    #expect(!run.stderr.contains("s3cret"))
    #expect(!FileManager.default.fileExists(atPath: work.file("store/watches.toml")))
  }
}
