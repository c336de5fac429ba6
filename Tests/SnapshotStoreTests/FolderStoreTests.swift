import Foundation
import SnapshotStore
import Testing

/// A fresh store folder under the system's temporary folder, removed at the end.
func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
  let path = NSTemporaryDirectory() + "redline-store-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try body(path)
}

func metadata(_ time: CaptureTime, text: String) -> CaptureMetadata {
  CaptureMetadata(
    time: time, requestedURL: "https://b.example/p", finalURL: "https://b.example/p", status: 200,
    headers: [StoredHeader(name: "Content-Type", value: "text/html")], redirects: [],
    fetchSeconds: 0.1, bodySHA256: sha256Hex(Array("<p>x</p>".utf8)), bodyBytes: 8,
    textSHA256: sha256Hex(Array(text.utf8)), rawKept: true, title: "T", extractionMethod: "test",
    redlineVersion: "test")
}

/// Saves a capture of `url` at `time` whose article is `text` and raw body `body`, through the
/// store's own writer, as a snapshot would; returns the page folder.
@discardableResult
func saveCapture(
  _ store: FolderStore, url: String, time: CaptureTime, text: String, body: [UInt8],
  outcome: CheckOutcome = .new, rawKept: Bool = true
) throws -> String {
  try store.withPage(for: url) { page in
    let meta = CaptureMetadata(
      time: time, requestedURL: url, finalURL: url, status: 200, headers: [], redirects: [],
      fetchSeconds: 0.1, bodySHA256: sha256Hex(body), bodyBytes: body.count,
      textSHA256: sha256Hex(Array(text.utf8)), rawKept: rawKept, title: "T",
      extractionMethod: "test", redlineVersion: "test")
    try store.save(
      NewCapture(metadata: meta, rawBody: body, articleText: text),
      recording: HistoryEntry(
        time: time, outcome: outcome, status: 200, capture: time, bodySHA256: meta.bodySHA256,
        textSHA256: meta.textSHA256, title: "T"),
      in: page)
    return store.path(of: page)
  }
}

@Suite("URL normalization")
struct URLNormalizationTests {
  @Test(
    "pages are named by their normalized URL",
    arguments: [
      (
        "HTTPS://Blog.Example.COM:443/2016/07/post.html#comments",
        "https://blog.example.com/2016/07/post.html"
      ),
      (
        "http://blog.example.com:80/a?utm_source=rss&id=3&fbclid=x",
        "http://blog.example.com/a?id=3"
      ),
      ("https://x.blogspot.com/2016/07/p.html?m=1", "https://x.blogspot.com/2016/07/p.html"),
      ("https://example.com", "https://example.com/"),
      ("https://example.com:8443/a", "https://example.com:8443/a"),
      ("https://example.com/%7euser/%41b%2f%e2%82%ac", "https://example.com/~user/Ab%2F%E2%82%AC"),
      ("https://example.com/a/./b/../c/", "https://example.com/a/c/"),
      ("https://example.com/../../etc/passwd", "https://example.com/etc/passwd"),
      ("https://example.com/p?UTM_Medium=x&gclid=1&q=%7e", "https://example.com/p?q=~"),
      ("https://example.com/p?m=0", "https://example.com/p?m=0"),
    ])
  func normalization(raw: String, expected: String) throws {
    #expect(try normalizedPageURL(raw) == expected)
  }

  @Test(
    "anything but an absolute http(s) URL is refused",
    arguments: ["ftp://x/y", "/etc/passwd", "file:///etc/passwd", "https://", "not a url"])
  func refused(raw: String) {
    #expect(throws: StoreError.self) { try normalizedPageURL(raw) }
  }
}

@Suite("FolderStore")
struct FolderStoreTests {
  @Test("a capture round-trips: raw body, text, metadata and history")
  func roundTrip() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let url = "https://b.example/2016/07/Post.html"
      let capture = NewCapture(
        metadata: metadata("20160702T100000Z", text: "Title: T\n\nBody\n"),
        rawBody: Array("<p>x</p>".utf8), articleText: "Title: T\n\nBody\n")
      let entry = HistoryEntry(
        time: "20160702T100000Z", outcome: .new, status: 200, capture: "20160702T100000Z",
        textSHA256: capture.metadata.textSHA256, title: "T")
      let unchanged = HistoryEntry(
        time: "20160702T110000Z", outcome: .unchanged, status: 200, capture: "20160702T100000Z",
        bodySHA256: "ab", textSHA256: capture.metadata.textSHA256, title: "T")
      try store.withPage(for: url) { page in
        try store.save(capture, recording: entry, in: page)
        try store.record(unchanged, in: page)
      }
      let page = try #require(try store.page(for: url))
      #expect(page.folder.hasPrefix("b.example/2016-07-post-html-"))
      let captures = try store.captures(of: page)
      #expect(captures.map(\.time) == ["20160702T100000Z"])
      #expect(captures.first?.metadata == capture.metadata)
      #expect(try store.latestCapture(of: page) == captures.first)
      #expect(try store.articleText(of: page, capture: "20160702T100000Z") == "Title: T\n\nBody\n")
      #expect(try store.rawBody(of: page, capture: "20160702T100000Z") == Array("<p>x</p>".utf8))
      let history = try store.history(of: page)
      let metadataFile = store.path(of: page) + "/20160702T100000Z.json"
      let metadataHash = sha256Hex(try Data(contentsOf: URL(fileURLWithPath: metadataFile)))
      #expect(history.first == entry.with(metadataSHA256: .some(metadataHash)))
      #expect(history.last?.capture == "20160702T100000Z")
      #expect(history.last?.title == "T")
      #expect(history.last?.previous?.count == 32)
      #expect(try store.latestCheck(of: page)?.time == "20160702T110000Z")
      #expect(try store.pages() == [page])
      let pageFile = URL(fileURLWithPath: store.path(of: page) + "/page.json")
      #expect(try JSONDecoder().decode(PageRecord.self, from: Data(contentsOf: pageFile)) == page)
      let files = try FileManager.default.contentsOfDirectory(atPath: store.path(of: page)).sorted()
      #expect(
        files == [
          ".lock", "20160702T100000Z.html", "20160702T100000Z.json", "20160702T100000Z.txt",
          "head.json", "history.jsonl", "page.json",
        ])
      #expect(try store.verify().isClean)
    }
  }

  @Test("an unchanged check adds one short history line and no file")
  func growthWithChecks() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root, syncsWrites: false)
      let text = "Title: T\n\nBody\n"
      let page = try store.withPage(for: "https://b.example/p") { page in
        try store.save(
          NewCapture(
            metadata: metadata("20160702T100000Z", text: text), rawBody: Array("<p>x</p>".utf8),
            articleText: text),
          recording: HistoryEntry(
            time: "20160702T100000Z", outcome: .new, status: 200, capture: "20160702T100000Z",
            bodySHA256: sha256Hex(Array("<p>x</p>".utf8)), textSHA256: sha256Hex(Array(text.utf8)),
            title: "A long title that unchanged lines do not repeat, because the capture has it"),
          in: page)
        return page
      }
      let folder = store.path(of: page)
      let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      let historyFile = folder + "/history.jsonl"
      let sizeBefore = try Data(contentsOf: URL(fileURLWithPath: historyFile)).count
      let start = try #require(CaptureTime.date(from: "20160702T100000Z"))
      try store.withPage(for: page.url) { page in
        for check in 1...1000 {
          try store.record(
            HistoryEntry(
              time: CaptureTime(start + Double(check) * 3600), outcome: .unchanged,
              status: 200, capture: "20160702T100000Z",
              bodySHA256: sha256Hex(Array("<p>\(check)</p>".utf8)),
              textSHA256: sha256Hex(Array(text.utf8)), title: "A long title"),
            in: page)
        }
      }
      let growth = try Data(contentsOf: URL(fileURLWithPath: historyFile)).count - sizeBefore
      #expect(growth < 200_000)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
      let history = try store.history(of: page)
      #expect(history.count == 1001)
      #expect(history.allSatisfy { $0.capture == "20160702T100000Z" })
      #expect(try store.verify().isClean)
    }
  }

  @Test("a capture is never written over")
  func noOverwrite() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let text = "Title: T\n\nBody\n"
      let capture = NewCapture(
        metadata: metadata("20160702T100000Z", text: text), rawBody: Array("<p>x</p>".utf8),
        articleText: text)
      let entry = HistoryEntry(
        time: "20160702T100000Z", outcome: .new, status: 200, capture: "20160702T100000Z")
      try store.withPage(for: "https://b.example/p") { page in
        try store.save(capture, recording: entry, in: page)
        #expect(throws: StoreError.self) { try store.save(capture, recording: entry, in: page) }
      }
      #expect(try store.verify().isClean)
    }
  }

  @Test("a history line cut short by a crash is ignored, then cut off by the next write")
  func truncatedHistory() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let page = try store.withPage(for: "https://b.example/p") { page in
        try store.record(
          HistoryEntry(time: "20160702T100000Z", outcome: .failed, error: "x"), in: page)
        return page
      }
      let handle = try #require(
        FileHandle(forWritingAtPath: store.path(of: page) + "/history.jsonl"))
      handle.seekToEndOfFile()
      handle.write(Data("{\"time\":\"2016".utf8))
      handle.closeFile()
      #expect(try store.history(of: page).count == 1)
      try store.withPage(for: page.url) { page in
        try store.record(
          HistoryEntry(time: "20160702T110000Z", outcome: .failed, error: "y"), in: page)
      }
      #expect(try store.history(of: page).map(\.error) == ["x", "y"])
      #expect(try store.verify().isClean)
    }
  }

  @Test(
    "no URL can name a folder outside the store",
    arguments: [
      "https://x.example/../../../etc/passwd",
      "https://x.example/%2e%2e/%2e%2e/etc",
      "https://x.example/a%2Fb%00c",
      "https://x.example/" + String(repeating: "long-segment/", count: 300),
      "https://bücher.example/ünïcödé/påth",
      "https://x.example/\u{7}bell/..%5C..%5Cwindows",
      "https://x.example/a%00b/%0d%0a/%7f",
      "https://x.example//etc/passwd",
      "https://x.example/" + String(repeating: "a", count: 4000),
      "https://xn--bcher-kva.example/%2F..%2F..%2Froot",
    ])
  func hostileURLs(url: String) throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let page = try store.withPage(for: url) { $0 }
      let resolved = URL(fileURLWithPath: store.path(of: page)).standardizedFileURL.path
      #expect(resolved.hasPrefix(URL(fileURLWithPath: root).standardizedFileURL.path + "/"))
      #expect(page.folder.split(separator: "/").count == 2)
      #expect(!page.folder.contains(".."))
      #expect(page.folder.count < 120)
    }
  }

  @Test("pages whose paths slug alike get different folders")
  func collisions() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let a = try store.withPage(for: "https://x.example/a-b") { $0 }
      let b = try store.withPage(for: "https://x.example/a_b") { $0 }
      #expect(a.slug == b.slug)
      #expect(a.folder != b.folder)
    }
  }

  @Test("a store that cannot be written gives a clear error")
  func unwritable() throws {
    try withTemporaryFolder { root in
      try Data("not a folder".utf8).write(to: URL(fileURLWithPath: root))
      let store = FolderStore(root: root)
      #expect(throws: StoreError.self) { try store.withPage(for: "https://x.example/") { $0 } }
    }
  }

  @Test("capture times are UTC and sort as text")
  func times() {
    let date = Date(timeIntervalSince1970: 1_467_453_180)
    #expect(CaptureTime.string(from: date) == "20160702T095300Z")
    #expect(CaptureTime.date(from: "20160702T095300Z") == date)
    #expect(CaptureTime.isValid("20160702T095300Z"))
    #expect(!CaptureTime.isValid("2016-07-02"))
  }
}

@Suite("locking")
struct LockingTests {
  @Test("a page held by another run is waited for, then skipped with a message")
  func lockedPage() throws {
    try withTemporaryFolder { root in
      let holder = FolderStore(root: root)
      let waiter = FolderStore(root: root, lockTimeout: .milliseconds(200))
      let url = "https://b.example/p"
      let clock = ContinuousClock()
      try holder.withPage(for: url) { _ in
        let start = clock.now
        #expect {
          try waiter.withPage(for: url) { _ in }
        } throws: { error in
          String(describing: error).contains("being written by another run; skipped")
        }
        #expect(clock.now - start >= .milliseconds(200))
      }
      #expect(try waiter.withPage(for: url) { $0.url } == url)
    }
  }
}

@Suite("page folders")
struct PageFolderTests {
  @Test("a folder whose page.json names another URL is never written into")
  func foreignFolder() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let page = try store.withPage(for: "https://b.example/p") { $0 }
      let pageFile = store.path(of: page) + "/page.json"
      let text = try String(contentsOfFile: pageFile, encoding: .utf8)
      try text.replacingOccurrences(of: "https://b.example/p", with: "https://b.example/q")
        .write(toFile: pageFile, atomically: true, encoding: .utf8)
      #expect(throws: StoreError.self) { try store.withPage(for: "https://b.example/p") { _ in } }
      #expect(try store.verify().problems.map(\.kind) == [.altered])
    }
  }
}

@Suite("store format")
struct StoreFormatTests {
  @Test("a store records its format on its first write; a newer format is refused")
  func format() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      try store.withPage(for: "https://b.example/p") { _ in }
      #expect(try store.storeFormat() == FolderStore.formatVersion)
      try Data(#"{"format": 99}"#.utf8).write(
        to: URL(fileURLWithPath: root + "/.redline-store.json"))
      let newer = StoreError.newerFormat(
        path: root, format: 99, supported: FolderStore.formatVersion)
      #expect(throws: newer) { try store.withPage(for: "https://b.example/p") { _ in } }
      #expect(throws: newer) { try store.verify() }
      #expect(throws: newer) { try store.pages() }
      #expect(throws: newer) { try store.page(for: "https://b.example/p") }
    }
  }
}

@Suite("page folder names")
struct PageFolderNameTests {
  /// The folder-name rule as it was written before it worked on UTF-8 bytes (Unicode scalars,
  /// leading dots and dashes dropped at the end): the bytes version must name every folder
  /// the same, or pages of existing stores would not be found.
  private func scalarSafeName(_ text: String, keepDots: Bool, fallback: String) -> String {
    var result = ""
    var pendingDash = false
    for scalar in text.unicodeScalars {
      let allowed =
        (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
        || (keepDots && (scalar == "." || scalar == "-"))
      if allowed {
        if pendingDash && !result.isEmpty { result.append("-") }
        pendingDash = false
        result.unicodeScalars.append(scalar)
      } else {
        pendingDash = true
      }
    }
    while result.hasPrefix(".") || result.hasPrefix("-") { result.removeFirst() }
    return result.isEmpty ? fallback : result
  }

  @Test(
    "host and slug are named as before for URLs with non-ASCII, dots, dashes and nothing",
    arguments: [
      "https://b.example/2016/07/Post.html", "https://b.example/",
      "https://b.example/.hidden/..x", "https://b.example/---/--a--b--/",
      "https://B.Example/%C3%BCber/caf%C3%A9-%E2%82%AC.html", "https://b.example/\u{212A}elvin",
      "https://b.example/%F0%9F%98%80/%F0%9F%98%80", "https://xn--bcher-kva.example/a_b~c",
      "https://b.example/a%20%20b/.-.-", "https://b.example/" + String(repeating: "ab-", count: 40),
    ])
  func namesAsBefore(url: String) throws {
    try withTemporaryFolder { root in
      let page = try FolderStore(root: root).withPage(for: url) { $0 }
      let components = try #require(URLComponents(string: page.url))
      let host = try #require(components.host)
      #expect(page.host == scalarSafeName(host.lowercased(), keepDots: true, fallback: "host"))
      var slug = scalarSafeName(components.path.lowercased(), keepDots: false, fallback: "index")
      if slug.count > 60 { slug = String(slug.prefix(60)) }
      while slug.hasSuffix("-") { slug.removeLast() }
      #expect(page.slug == (slug.isEmpty ? "index" : slug))
      #expect(page.folder == page.host + "/" + page.slug + "-" + page.urlHash)
    }
  }

  @Test("a chain hash is the first 32 hex digits of the line's SHA-256, slice or array")
  func chainHash() {
    let file = Array("x\n{\"outcome\":\"new\",\"time\":\"20160702T100000Z\"}\n".utf8)
    let line = file[2..<(file.count - 1)]
    let whole = sha256Hex(Array(line))
    #expect(historyLineHash(line) == String(whole.prefix(32)))
    #expect(historyLineHash(Array(line)) == String(whole.prefix(32)))
    #expect(historyLineHash([UInt8]()) == String(sha256Hex([UInt8]()).prefix(32)))
  }

  @Test("a feed-posts file with a time that is not a store time drops that post only")
  func damagedFeedPostTime() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      try store.saveFeedPosts([
        "https://b.example/feed": ["https://b.example/p": "20160702T100000Z"]
      ])
      let file = root + "/.feed-posts.json"
      let text = try String(contentsOfFile: file, encoding: .utf8)
      #expect(text.contains("\"20160702T100000Z\""))
      try text.replacingOccurrences(
        of: "\"https://b.example/p\" : \"20160702T100000Z\"",
        with:
          "\"https://b.example/p\" : \"20160702T100000Z\",\n    \"https://b.example/q\" : \"soon\""
      ).write(toFile: file, atomically: true, encoding: .utf8)
      #expect(
        try store.feedPosts() == [
          "https://b.example/feed": ["https://b.example/p": "20160702T100000Z"]
        ])
    }
  }
}
