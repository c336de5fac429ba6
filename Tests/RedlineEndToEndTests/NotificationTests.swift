import Crypto
import Foundation
import LoopbackServer
import Testing

/// A counter and switch shared with a loopback server's responder.
private final class Switchboard: @unchecked Sendable {
  private let lock = NSLock()
  private var failuresLeft: Int
  init(failures: Int) { failuresLeft = failures }
  /// Whether this request is to fail (and counts it).
  func shouldFail() -> Bool {
    lock.withLock {
      guard failuresLeft > 0 else { return false }
      failuresLeft -= 1
      return true
    }
  }
  func fail(_ count: Int) { lock.withLock { failuresLeft = count } }
}

/// A store with the sample post captured before and after its edit: one edit to announce.
private struct EditedPost {
  let site: TemporaryFolder
  let work: TemporaryFolder
  let server: LoopbackServer
  let url: String
  var store: String { work.file("store") }

  init() throws {
    site = try TemporaryFolder()
    work = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: site.file("2016/07"), withIntermediateDirectories: true)
    try copySample("v1", to: site.file("2016/07/haftar.html"))
    server = try LoopbackServer(respond: fileServer(root: site.path))
    url = server.baseURL + "/2016/07/haftar.html"
  }

  /// Snapshots the post (with these extra arguments and environment).
  func snapshot(_ extra: [String] = [], environment: [String: String?] = [:]) throws -> RunResult {
    try redline(
      ["snapshot", "--store", store, "--notify-retry-delay", "0.05"] + extra + [url],
      environment: environment)
  }

  /// Puts the edited version in place.
  func edit() throws { try copySample("v2", to: site.file("2016/07/haftar.html")) }
}

private let secret = "correct horse battery staple"

/// The receiver's check, as the README shows it: HMAC-SHA256 over "TIMESTAMP." + body.
private func signatureIsValid(_ request: HTTPRequest) -> Bool {
  guard let timestamp = request.header("X-Redline-Timestamp"),
    let signature = request.header("X-Redline-Signature")
  else { return false }
  let code = HMAC<SHA256>.authenticationCode(
    for: Array((timestamp + ".").utf8) + request.body, using: SymmetricKey(data: Array(secret.utf8))
  )
  let hex = code.map { String(format: "%02x", $0) }.joined()
  return signature == "sha256=" + hex
}

private func json(_ bytes: [UInt8]) throws -> [String: Any] {
  try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

@Suite("notifications: webhooks, exec, mail, the Atom feed", .serialized)
struct NotificationTests {
  @Test("a signed webhook gets each edit once, across runs")
  func webhookOnce() throws {
    let post = try EditedPost()
    let hook = try LoopbackServer { _ in .respond(status: 204, headers: [], body: []) }
    let target = "webhook:" + hook.baseURL + "/hooks/redline"
    let environment = ["REDLINE_WEBHOOK_SECRET": secret]
    #expect(try post.snapshot(["--notify", target], environment: environment).status == 0)
    // A new page is not an edit.
    #expect(hook.requests.isEmpty)
    try post.edit()
    let changed = try post.snapshot(["--notify", target], environment: environment)
    #expect(changed.status == 0)
    #expect(changed.stderr == "")
    try #require(hook.requests.count == 1)
    let request = hook.requests[0]
    #expect(request.method == "POST")
    #expect(request.path == "/hooks/redline")
    #expect(request.header("Content-Type") == "application/json")
    #expect(request.header("X-Redline-Event") == "edit")
    #expect(signatureIsValid(request))
    let body = try json(request.body)
    #expect(body["schema"] as? String == "redline.edit/1")
    #expect(body["url"] as? String == post.url)
    #expect(body["outcome"] as? String == "changed")
    #expect((body["id"] as? String)?.hasPrefix("urn:redline:edit:") == true)
    #expect(
      body["title"] as? String
        == "General Khalifa Haftar visits both Cairo and Moscow seeking support")
    #expect(body["stealth"] is Bool)
    #expect(body["labels"] is [String])
    #expect((body["diff"] as? String)?.hasPrefix("--- ") == true)
    #expect((body["wordDiff"] as? String)?.contains("{+") == true)
    #expect((body["toTime"] as? String)?.hasSuffix("Z") == true)

    // Another run (unchanged), and one with the same target kept in the store: nothing again.
    #expect(try post.snapshot(["--notify", target], environment: environment).status == 0)
    #expect(try redline(["notify", "add", target, "--store", post.store]).status == 0)
    #expect(try post.snapshot([], environment: environment).status == 0)
    #expect(hook.requests.count == 1)
    let pending = try redline(["notify", "--pending", "--store", post.store])
    #expect(pending.status == 0)
    #expect(pending.stdout == "")
  }

  @Test("a webhook that fails is retried in the run, kept, and delivered by the next run once")
  func webhookRetry() throws {
    let post = try EditedPost()
    let board = Switchboard(failures: 3)
    let hook = try LoopbackServer { _ in
      board.shouldFail()
        ? .respond(status: 503, headers: [], body: Array("down".utf8))
        : .respond(status: 200, headers: [], body: [])
    }
    let target = "webhook:" + hook.baseURL + "/hook"
    let environment = ["REDLINE_WEBHOOK_SECRET": secret]
    #expect(try redline(["notify", "add", target, "--store", post.store]).status == 0)
    #expect(try post.snapshot([], environment: environment).status == 0)
    try post.edit()
    let failing = try post.snapshot([], environment: environment)
    // The captures are stored and the exit status is the snapshot's; the failure is one line.
    #expect(failing.status == 0)
    #expect(failing.stdout.hasPrefix("changed "))
    #expect(
      failing.stderr
        == "redline: notify: \(target): HTTP 503; kept for the next run\n")
    #expect(hook.requests.count == 3)
    let pending = try redline(["notify", "--pending", "--store", post.store])
    #expect(pending.status == 1)
    #expect(pending.stdout.contains(target))
    #expect(pending.stdout.contains("tried 1x: \(target): HTTP 503"))

    // notify deliver tries again without fetching: still down, so it stays queued (exit 3).
    board.fail(3)
    let again = try redline(
      ["notify", "deliver", "--store", post.store, "--notify-retry-delay", "0.05"],
      environment: environment)
    #expect(again.status == 3)
    #expect(again.stderr == "redline: notify: \(target): HTTP 503; kept for the next run\n")
    #expect(hook.requests.count == 6)

    let next = try post.snapshot([], environment: environment)
    #expect(next.status == 0)
    #expect(next.stdout.hasPrefix("unchanged "))
    #expect(next.stderr == "")
    #expect(hook.requests.count == 7)
    let keys = Set(hook.requests.compactMap { $0.header("X-Redline-Delivery") })
    #expect(keys.count == 1)
    #expect(signatureIsValid(hook.requests[6]))
    #expect(try redline(["notify", "--pending", "--store", post.store]).status == 0)
    #expect(try post.snapshot([], environment: environment).status == 0)
    #expect(try redline(["notify", "deliver", "--store", post.store]).status == 0)
    #expect(hook.requests.count == 7)
  }

  @Test("an unreachable webhook, a missing secret, an unknown scheme: one line each")
  func badTargets() throws {
    let post = try EditedPost()
    let closed = try RefusingPort()
    #expect(try post.snapshot().status == 0)
    try post.edit()
    let unreachable = try post.snapshot(
      ["--notify", "webhook:" + closed.baseURL + "/hook"],
      environment: ["REDLINE_WEBHOOK_SECRET": secret])
    #expect(unreachable.status == 0)
    #expect(unreachable.stdout.hasPrefix("changed "))
    let lines = unreachable.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(
      lines.first?.hasPrefix("redline: notify: webhook:\(closed.baseURL)/hook: sending to ") == true
    )
    #expect(lines.first?.hasSuffix("; kept for the next run") == true)

    let unsigned = try redline(
      ["snapshot", "--store", post.store, "--notify", "exec:true", post.url],
      environment: ["REDLINE_WEBHOOK_SECRET": nil])
    // The queued webhook delivery waits for a secret; the exec target has nothing new.
    #expect(unsigned.status == 0)
    #expect(unsigned.stderr.contains("no webhook secret to sign with"))

    let unknown = try post.snapshot(["--notify", "ftp://example.org/x"])
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr.hasPrefix(
        "redline: notification target 'ftp://example.org/x': unknown scheme 'ftp': write webhook:URL, mailto:ADDRESS or exec:COMMAND\n"
      ))
    let added = try redline(["notify", "add", "gopher:x", "--store", post.store])
    #expect(added.status == 2)
    #expect(added.stderr.hasPrefix("redline: notification target 'gopher:x': unknown scheme"))
    let credentials = try post.snapshot(["--smtp", "smtp://me:pw@127.0.0.1:25"])
    #expect(credentials.status == 2)
    #expect(!credentials.stderr.contains("pw"))
  }

  @Test("exec: gets the JSON on standard input; a failing command is retried by the next run")
  func exec() throws {
    let post = try EditedPost()
    let received = post.work.file("received.json")
    let flag = post.work.file("fail")
    #expect(FileManager.default.createFile(atPath: flag, contents: Data()))
    // Fails while the flag file exists, then appends what it read.
    let command = "exec:test ! -e '\(flag)' && cat >> '\(received)'"
    #expect(try redline(["notify", "add", command, "--store", post.store]).status == 0)
    let listed = try redline(["notify", "list", "--store", post.store])
    #expect(listed.stdout == command + "\n")
    #expect(try post.snapshot().status == 0)
    try post.edit()
    let failing = try post.snapshot()
    #expect(failing.status == 0)
    #expect(failing.stderr.hasSuffix(": exit status 1; kept for the next run\n"))
    #expect(!FileManager.default.fileExists(atPath: received))
    try FileManager.default.removeItem(atPath: flag)
    let next = try post.snapshot()
    #expect(next.stderr == "")
    let text = try String(contentsOfFile: received, encoding: .utf8)
    #expect(text.split(separator: "\n").count == 1)
    let body = try json(Array(text.utf8))
    #expect(body["url"] as? String == post.url)
    #expect(try post.snapshot().status == 0)
    #expect(try String(contentsOfFile: received, encoding: .utf8) == text)
    #expect(try redline(["notify", "remove", command, "--store", post.store]).status == 0)
    #expect(try redline(["notify", "list", "--store", post.store]).stdout == "")
    #expect(try redline(["notify", "remove", command, "--store", post.store]).status == 2)
  }

  @Test("audit --format atom is a valid Atom feed with stable entry ids")
  func atomFeed() throws {
    let post = try EditedPost()
    #expect(try post.snapshot().status == 0)
    try post.edit()
    #expect(try post.snapshot().status == 0)
    let first = try redline(["audit", "--store", post.store, "--format", "atom"])
    #expect(first.status == 0)
    let again = try redline(["audit", "--store", post.store, "--format", "atom"])
    #expect(again.stdout == first.stdout)
    #expect(
      first.stdout.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
    #expect(try xmlErrors(first.stdout) == 0)
    let feed = try readFeed(first.stdout)
    #expect(feed["bozo"] as? Int == 0)
    #expect(feed["version"] as? String == "atom10")
    let entries = try #require(feed["entries"] as? [[String: Any]])
    #expect(entries.count == 1)
    let id = try #require(entries.first?["id"] as? String)
    #expect(id.hasPrefix("urn:redline:edit:"))
    #expect(entries.first?["link"] as? String == post.url)
    // The same id as the audit's JSON and the webhook's body.
    let audit = try json(
      Array(try redline(["audit", "--store", post.store, "--format", "json"]).stdout.utf8))
    let pages = try #require(audit["pages"] as? [[String: Any]])
    let edits = try #require(pages.first?["edits"] as? [[String: Any]])
    #expect(edits.first?["id"] as? String == id)
  }

  @Test("mailto: sends through an SMTP server, once per edit, and retries when it was down")
  func mail() throws {
    let post = try EditedPost()
    let smtp = try SMTPSink()
    let target = "mailto:editor@example.org"
    #expect(try post.snapshot().status == 0)
    try post.edit()
    let environment: [String: String?] = ["REDLINE_MAIL_FROM": "redline@example.org"]
    // The server is not up yet: the mail waits.
    let down = try post.snapshot(
      ["--notify", target, "--smtp", "smtp://127.0.0.1:\(smtp.port)"], environment: environment)
    #expect(down.status == 0)
    #expect(
      down.stderr.hasPrefix(
        "redline: notify: mailto:editor@example.org: sending to smtp://127.0.0.1:\(smtp.port): "))
    try smtp.start()
    let up = try post.snapshot(
      ["--notify", target, "--smtp", "smtp://127.0.0.1:\(smtp.port)"], environment: environment)
    #expect(up.stderr == "")
    let messages = try smtp.messages()
    try #require(messages.count == 1)
    let message = messages[0]
    #expect(message["from"] as? String == "redline@example.org")
    #expect(message["to"] as? [String] == ["editor@example.org"])
    #expect(
      (message["subject"] as? String)?.hasPrefix("[redline] Edited: General Khalifa Haftar") == true
    )
    #expect((message["body"] as? String)?.contains(post.url) == true)
    #expect(
      try post.snapshot(["--notify", target, "--smtp", "smtp://127.0.0.1:\(smtp.port)"]).status == 0
    )
    #expect(try smtp.messages().count == 1)
  }

  @Test("the secret kept by notify secret signs when the environment has none")
  func storedSecret() throws {
    let post = try EditedPost()
    let hook = try LoopbackServer { _ in .respond(status: 200, headers: [], body: []) }
    #expect(try post.snapshot().status == 0)
    let kept = try redline(
      ["notify", "secret", "--store", post.store], input: Data((secret + "\n").utf8))
    #expect(kept.status == 0)
    #expect(
      try redline(["notify", "add", "webhook:" + hook.baseURL + "/h", "--store", post.store])
        .status == 0)
    try post.edit()
    let run = try post.snapshot([], environment: ["REDLINE_WEBHOOK_SECRET": nil])
    #expect(run.stderr == "")
    try #require(hook.requests.count == 1)
    #expect(signatureIsValid(hook.requests[0]))
    let empty = try redline(["notify", "secret", "--store", post.store], input: Data())
    #expect(empty.status == 2)
    #expect(empty.stderr.hasPrefix("redline: notify secret: no secret on standard input\n"))
  }

  @Test("--smtp-require-tls refuses a server without STARTTLS; --mail-per run sends one mail")
  func mailOptions() throws {
    let work = try TemporaryFolder()
    let posts = ["a", "b"]
    for name in posts { try copySample("v1", to: work.file("\(name).html")) }
    let server = try LoopbackServer(respond: fileServer(root: work.path))
    let urls = posts.map { server.baseURL + "/\($0).html" }
    let store = work.file("store")
    let smtp = try SMTPSink()
    try smtp.start()
    let mail = ["--notify", "mailto:desk@example.org", "--smtp", "smtp://127.0.0.1:\(smtp.port)"]
    #expect(try redline(["snapshot", "--store", store] + urls).status == 0)
    for name in posts { try copySample("v2", to: work.file("\(name).html")) }
    let refused = try redline(
      ["snapshot", "--store", store, "--smtp-require-tls", "--mail-per", "run"] + mail + urls)
    #expect(refused.status == 0)
    let lines = refused.stderr.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.hasSuffix("; kept for the next run") })
    #expect(try smtp.messages().isEmpty)
    let sent = try redline(["snapshot", "--store", store, "--mail-per", "run"] + mail + urls)
    #expect(sent.stderr == "")
    let messages = try smtp.messages()
    try #require(messages.count == 1)
    #expect(messages[0]["subject"] as? String == "[redline] 2 edits")
    let body = try #require(messages[0]["body"] as? String)
    #expect(urls.allSatisfy { body.contains($0) })
  }

  @Test("an edit stored by a run that queued nothing is announced by the next run")
  func lookBack() throws {
    let post = try EditedPost()
    let hook = try LoopbackServer { _ in .respond(status: 200, headers: [], body: []) }
    let environment = ["REDLINE_WEBHOOK_SECRET": secret]
    // A run that announces (to a command), so the store knows since when edits are news.
    #expect(try post.snapshot(["--notify", "exec:true"]).status == 0)
    try post.edit()
    // The edit is stored by a run that queues nothing for the webhook (as a run killed after
    // storing, before queuing, would leave it).
    #expect(try post.snapshot().stdout.hasPrefix("changed "))
    #expect(
      try redline(["notify", "add", "webhook:" + hook.baseURL + "/h", "--store", post.store])
        .status == 0)
    let next = try post.snapshot([], environment: environment)
    #expect(next.stdout.hasPrefix("unchanged "))
    #expect(next.stderr == "")
    try #require(hook.requests.count == 1)
    #expect(signatureIsValid(hook.requests[0]))
    #expect(try post.snapshot([], environment: environment).status == 0)
    #expect(hook.requests.count == 1)
  }
}
