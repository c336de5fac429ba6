import CLibXML2
import Foundation
import LoopbackServer
import Testing

private let auditFixtures = samplePost.deletingLastPathComponent().appendingPathComponent(
  "audit-site")

/// A store built by real snapshots over HTTP from the loopback server, in four rounds:
///
/// 1. every post as first published;
/// 2. the Blogger post reworded with an "Update:" sentence; the ceasefire post's numbers
///    changed, a correction paragraph added and its updated date moved;
/// 3. the ceasefire post's quotation and a link changed, its updated date kept (stealth); the
///    oil-ports post's canonical URL changed; the statement's title changed (stealth);
/// 4. a typo fixed in the ceasefire post (stealth); the Blogger post deleted (404); the
///    council post gone (410); the statement redirected to the home page; the old-slug post
///    redirected to the ceasefire post.
private final class AuditStore {
  let site: TemporaryFolder
  let work: TemporaryFolder
  let server: LoopbackServer
  let store: String
  let blogger = "http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"
  let ceasefire = "http://blog.example/2016/07/ceasefire.html"
  let statement = "http://blog.example/2016/07/statement.html"
  let oilPorts = "http://blog.example/2016/07/oil-ports.html"
  let council = "http://blog.example/2016/07/council.html"
  let oldSlug = "http://blog.example/2016/07/old-slug.html"

  init() throws {
    site = try TemporaryFolder()
    work = try TemporaryFolder()
    store = work.file("store")
    try FileManager.default.createDirectory(
      atPath: site.file("2016/07"), withIntermediateDirectories: true)
    server = try LoopbackServer(respond: fileServer(root: site.path))
    try copyFixture("index.html", to: "index.html")
    try copySample("v1", to: site.file("2016/07/general-khalifa-haftar-visits-both.html"))
    try copyFixture("ceasefire-v1.html", to: "2016/07/ceasefire.html")
    try copyFixture("statement-v1.html", to: "2016/07/statement.html")
    try copyFixture("renamed-v1.html", to: "2016/07/oil-ports.html")
    try copyFixture("statement-v1.html", to: "2016/07/council.html")
    try copyFixture("renamed-v1.html", to: "2016/07/old-slug.html")
    try round(expecting: 0)
    try copySample("v2", to: site.file("2016/07/general-khalifa-haftar-visits-both.html"))
    try copyFixture("ceasefire-v2.html", to: "2016/07/ceasefire.html")
    try round(expecting: 0)
    try copyFixture("ceasefire-v3.html", to: "2016/07/ceasefire.html")
    try copyFixture("renamed-v2.html", to: "2016/07/oil-ports.html")
    try copyFixture("statement-v2.html", to: "2016/07/statement.html")
    try round(expecting: 0)
    try copyFixture("ceasefire-v4.html", to: "2016/07/ceasefire.html")
    try FileManager.default.removeItem(
      atPath: site.file("2016/07/general-khalifa-haftar-visits-both.html"))
    try Data(
      """
      # moved and removed posts
      /2016/07/statement.html 301 /
      /2016/07/council.html 410
      /2016/07/old-slug.html 302 /2016/07/ceasefire.html

      """.utf8
    ).write(to: URL(fileURLWithPath: site.file("_redirects")))
    try round(expecting: 3)
  }

  private func copyFixture(_ name: String, to path: String) throws {
    try Data(contentsOf: auditFixtures.appendingPathComponent(name)).write(
      to: URL(fileURLWithPath: site.file(path)), options: .atomic)
  }

  private func round(expecting status: Int32) throws {
    let result = try redline(
      [
        "snapshot", "--store", store, "--connect-to",
        "libyaanalysis.blogspot.com:80:127.0.0.1:\(server.port)", "--connect-to",
        "blog.example:80:127.0.0.1:\(server.port)",
      ] + [blogger, ceasefire, statement, oilPorts, council, oldSlug])
    #expect(result.status == status, "\(result.stdout)\(result.stderr)")
  }

  func audit(_ arguments: [String] = []) throws -> RunResult {
    try redline(["audit", "--store", store] + arguments)
  }

  /// `audit --format json` with these arguments, decoded.
  func json(_ arguments: [String] = []) throws -> [String: Any] {
    let result = try audit(["--format", "json"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }
}

private func pages(_ report: [String: Any]) -> [String: [String: Any]] {
  let list = report["pages"] as? [[String: Any]] ?? []
  return Dictionary(list.map { ($0["url"] as? String ?? "", $0) }) { first, _ in first }
}

private func edits(_ page: [String: Any]?) -> [[String: Any]] {
  page?["edits"] as? [[String: Any]] ?? []
}

private func events(_ page: [String: Any]?) -> [[String: Any]] {
  page?["events"] as? [[String: Any]] ?? []
}

private func labels(_ edit: [String: Any]) -> [String] {
  edit["labels"] as? [String] ?? []
}

@Suite("redline audit end to end", .serialized)
struct AuditTests {
  /// One store serves every check: building it takes 24 snapshot runs.
  @Test("over one real store: labels, stealth, disappearances, filters, formats, trouble")
  func audit() throws {
    let store = try AuditStore()
    try labelsAndStealth(store)
    try disappearances(store)
    try filters(store)
    try textFormats(store)
    try html(store)
    try trouble(store)
    try withoutRawHTML(store)
  }

  /// Links are part of the article text: the label is decided without the raw HTML. (Captures
  /// made before links were recorded read them from the raw HTML; the bundled store's audit
  /// covers those.) Runs last, since it removes a file from the store.
  private func withoutRawHTML(_ store: AuditStore) throws {
    let times = edits(pages(try store.json())[store.ceasefire]).compactMap { $0["to"] as? String }
    try #require(times.count == 3)
    let raw = try FileManager.default.subpathsOfDirectory(atPath: store.store).filter {
      $0.contains("ceasefire") && $0.hasSuffix("/\(times[1]).html")
    }
    try #require(raw.count == 1)
    try FileManager.default.removeItem(atPath: store.store + "/" + raw[0])
    let report = try store.json()
    let ceasefire = edits(pages(report)[store.ceasefire])
    #expect(ceasefire.map { $0["unavailable"] as? [String] ?? [] } == [[], [], []])
    #expect(labels(ceasefire[1]) == ["quotation", "links"])
    #expect((report["unavailableLabels"] as? [[String: Any]] ?? []).isEmpty)
    let text = try store.audit()
    #expect(!text.stdout.contains("Not decided"))
  }

  /// Each label and the stealth flag.
  private func labelsAndStealth(_ store: AuditStore) throws {
    let report = try pages(store.json())
    let ceasefire = edits(report[store.ceasefire])
    try #require(ceasefire.count == 3)
    #expect(labels(ceasefire[0]) == ["numbers", "paragraphs", "correction-note"])
    #expect(ceasefire[0]["stealth"] as? Bool == false)
    #expect(ceasefire[0]["updatedBefore"] as? String == "2016-07-05T09:00:00+00:00")
    #expect(ceasefire[0]["updatedAfter"] as? String == "2016-07-06T08:00:00+00:00")
    #expect(
      (ceasefire[0]["notes"] as? [String])?.first?.hasPrefix("Correction: An earlier version")
        == true)
    #expect(labels(ceasefire[1]) == ["quotation", "links"])
    #expect(ceasefire[1]["stealth"] as? Bool == true)
    #expect(ceasefire[1]["linksAdded"] as? [String] == ["https://unsmil.example/agenda"])
    #expect(labels(ceasefire[2]) == ["typo"])
    #expect(ceasefire[2]["stealth"] as? Bool == true)

    let blogger = edits(report[store.blogger])
    try #require(blogger.count == 1)
    #expect(labels(blogger[0]) == ["correction-note"])
    #expect(blogger[0]["stealth"] as? Bool == true)
    // The post under a new canonical address: a version of it (its blocks are the post's),
    // so that an edit made with the rename is never lost.
    let title = try #require(report[store.oilPorts])
    #expect(edits(title).count == 1)
    #expect(labels(edits(title)[0]).isEmpty)
    #expect(edits(title)[0]["stealth"] as? Bool == false)
  }

  /// Removals (404, 410) and moves (redirect home, to another post, canonical).
  private func disappearances(_ store: AuditStore) throws {
    let report = try pages(store.json())
    let removed = events(report[store.blogger])
    #expect(removed.map { $0["kind"] as? String } == ["removed"])
    #expect(removed.first?["status"] as? Int == 404)
    let gone = events(report[store.council])
    #expect(gone.map { $0["kind"] as? String } == ["removed"])
    #expect(gone.first?["status"] as? Int == 410)
    #expect(edits(report[store.council]).isEmpty)

    let home = events(report[store.statement])
    #expect(home.map { $0["kind"] as? String } == ["moved"])
    #expect(home.first?["to"] as? String == "http://blog.example/")
    #expect((home.first?["detail"] as? String)?.contains("home page") == true)
    // The home page's article, captured through the redirect, is not an edit of the post:
    // only the title change before it is.
    #expect(edits(report[store.statement]).map(labels) == [["title"]])
    #expect(edits(report[store.statement]).first?["stealth"] as? Bool == true)

    let other = events(report[store.oldSlug])
    #expect(other.map { $0["kind"] as? String } == ["moved"])
    #expect(other.first?["to"] as? String == store.ceasefire)
    #expect(edits(report[store.oldSlug]).isEmpty)

    let canonical = events(report[store.oilPorts])
    #expect(canonical.map { $0["kind"] as? String } == ["moved"])
    #expect(
      canonical.first?["to"] as? String == "http://blog.example/2016/07/oil-ports-reopen.html")

    // The history lines hold what the events were read from, and the chain still verifies.
    let log = try redline(["log", "--all", "--store", store.store, store.blogger])
    #expect(log.stdout.split(separator: "\n").last?.contains("  404  failed") == true)
    let verify = try redline(["verify", "--store", store.store])
    #expect(verify.status == 0, "\(verify.stdout)")
    let history = try historyFile(store.store, containing: "statement")
    #expect(history.contains("\"finalURL\":\"http://blog.example/\""))
  }

  /// --since, --until and --host keep only what lies in them.
  private func filters(_ store: AuditStore) throws {
    let all = try pages(store.json())
    let times = edits(all[store.ceasefire]).compactMap { $0["to"] as? String }
    try #require(times.count == 3)
    let since = try pages(store.json(["--since", times[1]]))
    #expect(
      edits(since[store.ceasefire]).compactMap { $0["to"] as? String } == [times[1], times[2]])
    for page in since.values {
      for edit in edits(page) { #expect((edit["to"] as? String ?? "") >= times[1]) }
      for event in events(page) { #expect((event["time"] as? String ?? "") >= times[1]) }
    }
    let until = try pages(store.json(["--until", times[0]]))
    #expect(edits(until[store.ceasefire]).compactMap { $0["to"] as? String } == [times[0]])
    #expect(until[store.council] == nil)
    let window = try pages(store.json(["--since", times[1], "--until", times[1]]))
    #expect(edits(window[store.ceasefire]).count == 1)

    let host = try store.json(["--host", "libyaanalysis.blogspot.com"])
    #expect(Array(pages(host).keys) == [store.blogger])
    #expect(host["host"] as? String == "libyaanalysis.blogspot.com")
    let future = try store.json(["--since", "2999-01-01"])
    #expect(pages(future).isEmpty)
  }

  /// The text and markdown formats.
  private func textFormats(_ store: AuditStore) throws {
    let text = try store.audit()
    #expect(text.status == 0)
    #expect(text.stdout.hasPrefix("Redline audit: 6 pages, 6 edits (4 stealth), "))
    #expect(text.stdout.contains("[numbers changed, paragraphs added or removed, correction"))
    #expect(text.stdout.contains("STEALTH EDIT: the page's updated date stayed 2016-07-06"))
    #expect(text.stdout.contains("removed: answers HTTP 404 Not Found"))
    #expect(text.stdout.contains("removed: answers HTTP 410 Gone"))
    #expect(text.stdout.contains("moved: redirects to the home page http://blog.example/"))
    #expect(text.stdout.contains("\n-According to the mission, 12 delegates"))
    #expect(text.stdout.contains("\n+According to the mission, 14 delegates"))
    let markdown = try store.audit(["--format", "markdown"])
    #expect(markdown.status == 0)
    #expect(markdown.stdout.hasPrefix("# Redline audit\n"))
    #expect(markdown.stdout.contains("\n## Ceasefire talks resume in Skhirat\n"))
    #expect(markdown.stdout.contains("**stealth edit**"))
    #expect(markdown.stdout.contains("\n```diff\n--- \(store.ceasefire)\t"))
  }

  /// The HTML report is well-formed and self-contained, with marked words and labels.
  private func html(_ store: AuditStore) throws {
    let result = try store.audit(["--format", "html"])
    #expect(result.status == 0)
    let html = result.stdout
    #expect(try xmlErrors(html) == 0, "libxml2: not well-formed XML")
    let audited = Set(try pages(store.json()).keys)
    for target in hrefs(in: html) {
      #expect(target.hasPrefix("#") || audited.contains(target), "href to \(target)")
    }
    for forbidden in ["src=", "<script", "<link", "@import", "url(", "<img", "<iframe"] {
      #expect(!html.lowercased().contains(forbidden), "\(forbidden) in the report")
    }
    #expect(html.contains("<del>12</del> <ins>14</ins>"))
    #expect(html.contains("<del>Delgations</del> <ins>Delegations</ins>"))
    #expect(html.contains("<span class=\"label stealth\">stealth edit</span>"))
    #expect(html.contains("correction or update note added"))
    #expect(html.contains("@media print"))
    // Text from the pages is escaped: the Blogger post's quotation marks and apostrophes.
    #expect(html.contains("&quot;the Libyan armed forces commander,&quot;"))
  }

  @Test("old stores: the bundled Snapshots/ store (no finalURL in its history) audits")
  func bundledStore() throws {
    let bundled = samplePost.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Snapshots").path
    let result = try redline(["audit", "--store", bundled, "--format", "json"])
    #expect(result.status == 0)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let page = try #require(
      pages(report)[
        "http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"])
    #expect(edits(page).count == 1)
    #expect(labels(edits(page)[0]) == ["correction-note"])
  }

  /// Trouble exits 2 with one line (and a hint line where one helps): a bad date, a missing
  /// store.
  private func trouble(_ store: AuditStore) throws {
    let badDate = try store.audit(["--since", "last tuesday"])
    #expect(badDate.status == 2)
    #expect(
      badDate.stderr
        == "redline: 'last tuesday' is not a time: use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z], "
        + "a capture time, today, yesterday or N days ago\n"
        + "hint: relative times work too: now, '90 minutes ago', '2 weeks ago', '1 month ago'\n")
    #expect(badDate.stdout == "")
    let missing = try redline(["audit", "--store", store.work.file("nowhere")])
    #expect(missing.status == 2)
    let lines = missing.stderr.split(separator: "\n")
    #expect(lines.first == "redline: no store at \(store.work.file("nowhere"))")
    #expect(lines.count == 2 && lines.last?.hasPrefix("hint: ") == true)
    // Relative dates: the store was made just now, so nothing happened until a week ago.
    let weekAgo = try store.audit(["--until", "1 week ago"])
    #expect(weekAgo.status == 0)
    #expect(weekAgo.stdout.hasPrefix("Redline audit: 0 pages, 0 edits"))
    let today = try store.audit(["--since", "today"])
    #expect(today.stdout.hasPrefix("Redline audit: 6 pages, 6 edits"))
    let nothing = try redline(["audit", "--store", store.store, "--host", "nowhere.example"])
    #expect(nothing.status == 0)
    #expect(nothing.stdout.hasPrefix("Redline audit: 0 pages, 0 edits"))
  }
}

/// The history file of the one page whose folder name contains a word.
private func historyFile(_ store: String, containing word: String) throws -> String {
  let files = try FileManager.default.subpathsOfDirectory(atPath: store).filter {
    $0.hasSuffix("history.jsonl") && $0.contains(word)
  }
  let file = try #require(files.first)
  return try String(contentsOfFile: store + "/" + file, encoding: .utf8)
}

/// The `href` values of a document (double-quoted, as the report writes them).
private func hrefs(in html: String) -> [String] {
  html.matches(of: #/href="([^"]*)"/#).map {
    String($0.output.1).replacingOccurrences(of: "&amp;", with: "&")
  }
}

/// libxml2's XML parser's verdict on a document: 0 when it is well-formed, else the code of
/// the first error (`xmlParserErrors`). The parser never reads the network and prints nothing.
func xmlErrors(_ document: String) throws -> Int {
  try #require(cxml_load() == 1, "libxml2 could not be loaded")
  let context = try #require(cxml_xmlNewParserCtxt())
  defer { cxml_xmlFreeParserCtxt(context) }
  let options = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
  let bytes = Array(document.utf8)
  let parsed = bytes.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) {
      cxml_xmlCtxtReadMemory(
        context, $0.baseAddress, Int32($0.count), "audit.html", "UTF-8", options)
    }
  }
  defer { if let parsed { cxml_xmlFreeDoc(parsed) } }
  let errorCode = Int(context.pointee.errNo)
  guard parsed != nil, context.pointee.wellFormed != 0 else { return max(1, errorCode) }
  return errorCode
}
