import Foundation
import SnapshotStore
import Testing

/// `FolderStore.pageFiles(of:)`, which opens the page folder once: the same values as the
/// store's own methods, and the same refusals of planted links.
@Suite("a page's files read through its open folder")
struct PageFilesTests {
  let url = "https://b.example/2016/07/post.html"
  private let manager = FileManager.default

  private func makeStore() throws -> (base: String, store: FolderStore, page: PageRecord) {
    let base = NSTemporaryDirectory() + "redline-pagefiles-" + UUID().uuidString
    let store = FolderStore(root: base + "/store")
    _ = try saveCapture(
      store, url: url, time: "20160702T010000Z", text: "Title: T\n\nVersion 1\n",
      body: Array("<p>Version 1</p>".utf8))
    _ = try saveCapture(
      store, url: url, time: "20160702T020000Z", text: "Title: T\n\nVersion 2 \u{FF}\n",
      body: Array("<p>Version 2</p>".utf8), outcome: .changed, rawKept: false)
    let page = try #require(try store.page(for: url))
    try store.withPage(for: url) { page in
      try store.record(
        HistoryEntry(time: "20160702T030000Z", outcome: .unchanged, status: 200), in: page)
    }
    return (base, store, page)
  }

  @Test("history, metadata, text and raw body as the store's methods read them")
  func sameValues() throws {
    let (base, store, page) = try makeStore()
    defer { try? manager.removeItem(atPath: base) }
    // The second capture's raw file was not kept; its text only under its pending name.
    let folder = store.path(of: page)
    try manager.moveItem(
      atPath: folder + "/20160702T020000Z.txt", toPath: folder + "/.pending-20160702T020000Z.txt")
    let files = try store.pageFiles(of: page)
    #expect(try files.history() == (try store.history(of: page)))
    for capture in try store.captures(of: page) {
      #expect(try files.metadata(capture: capture.time) == capture.metadata)
      #expect(
        try files.articleText(capture: capture.time)
          == Array(try store.articleText(of: page, capture: capture.time).utf8))
      #expect(
        try files.rawBody(capture: capture.time)
          == (try store.rawBody(of: page, capture: capture.time)))
    }
    #expect(try files.rawBody(capture: "20160702T020000Z") == nil)
    #expect(
      throws: StoreError.unreadable(path: folder + "/20160702T040000Z.json", reason: "missing")
    ) {
      try files.metadata(capture: "20160702T040000Z")
    }
  }

  @Test("a page whose folder is gone: no history, captures missing")
  func missingFolder() throws {
    let (base, store, page) = try makeStore()
    defer { try? manager.removeItem(atPath: base) }
    try manager.removeItem(atPath: store.path(of: page))
    let files = try store.pageFiles(of: page)
    #expect(try files.history().isEmpty)
    #expect(try store.history(of: page).isEmpty)
    #expect(try files.rawBody(capture: "20160702T010000Z") == nil)
    #expect(throws: StoreError.self) { try files.articleText(capture: "20160702T010000Z") }
  }

  @Test(
    "a page record naming a folder outside the store (an edited page.json) is refused",
    arguments: [
      ("..", "../outside"), ("b.example", "b.example/../../outside"), ("b.example", "b.example/.."),
      ("b.example", "other.example/post"), ("", "/outside"), ("b.example", "b.example/"),
    ])
  func outsideFolder(_ host: String, _ folder: String) throws {
    let (base, store, page) = try makeStore()
    defer { try? manager.removeItem(atPath: base) }
    let forged = PageRecord(
      url: page.url, folder: folder, host: host, slug: page.slug, urlHash: page.urlHash)
    let refusal = StoreError.rejected(reason: "'\(folder)' is not a page folder of the store")
    #expect(throws: refusal) { try store.pageFiles(of: forged) }
    // The path-based methods behind audit, notify, show and diff refuse it as well.
    #expect(throws: refusal) { try store.history(of: forged) }
    #expect(throws: refusal) { try store.captures(of: forged) }
    #expect(throws: refusal) { try store.rawBody(of: forged, capture: "20160702T010000Z") }
    #expect(throws: refusal) { try store.articleText(of: forged, capture: "20160702T010000Z") }
  }

  @Test(
    "a named pipe planted for a store file is refused at once, not waited on",
    .timeLimit(.minutes(1)),
    arguments: ["history.jsonl", "20160702T010000Z.json", "20160702T010000Z.txt"])
  func plantedPipe(_ entry: String) throws {
    let (base, store, page) = try makeStore()
    defer { try? manager.removeItem(atPath: base) }
    let path = store.path(of: page) + "/" + entry
    try manager.removeItem(atPath: path)
    #expect(mkfifo(path, 0o644) == 0)
    let refusal = StoreError.unreadable(path: path, reason: "not a regular file")
    if entry == "history.jsonl" {
      #expect(throws: refusal) { try store.history(of: page) }
      #expect(throws: refusal) { try store.pageFiles(of: page).history() }
    } else if entry.hasSuffix(".json") {
      #expect(throws: refusal) { try store.captures(of: page) }
      #expect(throws: refusal) {
        try store.pageFiles(of: page).metadata(capture: "20160702T010000Z")
      }
    } else {
      #expect(throws: refusal) { try store.articleText(of: page, capture: "20160702T010000Z") }
      #expect(throws: refusal) {
        try store.pageFiles(of: page).articleText(capture: "20160702T010000Z")
      }
    }
  }

  @Test(
    "a planted link is refused, named, never followed",
    arguments: [
      "HOST", "PAGE", "history.jsonl", "20160702T010000Z.json", "20160702T010000Z.txt",
      "20160702T010000Z.html", ".pending-20160702T020000Z.txt",
    ])
  func plantedLink(_ entry: String) throws {
    let (base, store, page) = try makeStore()
    defer { try? manager.removeItem(atPath: base) }
    let outside = base + "/outside"
    try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
    let folder = store.path(of: page)
    let link: String
    var source: String
    switch entry {
    case "HOST": link = store.root + "/" + page.host
    case "PAGE": link = folder
    default: link = folder + "/" + entry
    }
    source = link
    if entry.hasPrefix(".pending-") {
      // The own name gone: the reader looks for the pending one.
      source = folder + "/" + entry.dropFirst(".pending-".count)
    }
    // The link leads to a copy of what it replaces, so following it would read as usual.
    try manager.copyItem(atPath: source, toPath: outside + "/target")
    try manager.removeItem(atPath: source)
    try manager.createSymbolicLink(atPath: link, withDestinationPath: outside + "/target")
    let before = try manager.contentsOfDirectory(atPath: outside)

    #expect(throws: StoreError.symbolicLink(path: link)) {
      let files = try store.pageFiles(of: page)
      _ = try files.history()
      _ = try files.metadata(capture: "20160702T010000Z")
      _ = try files.articleText(capture: "20160702T010000Z")
      _ = try files.rawBody(capture: "20160702T010000Z")
      _ = try files.articleText(capture: "20160702T020000Z")
    }
    #expect(try manager.contentsOfDirectory(atPath: outside) == before)
  }

  @Test(
    "a kept payload reads as the store's method reads it; a link at its folder or file is refused",
    arguments: ["none", "payloads", "file"])
  func keptPayload(_ planted: String) throws {
    let (base, store, page) = try makeStore()
    defer { try? manager.removeItem(atPath: base) }
    let encoded: [UInt8] = [0x1f, 0x8b, 8, 0, 1, 2, 3]
    let sha = String(repeating: "ab", count: 32)
    try store.keepPayload(encoded, sha256: sha, in: page)
    let folder = store.path(of: page) + "/payloads"
    let outside = base + "/outside"
    try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
    let link: String
    switch planted {
    case "payloads": link = folder
    case "file": link = folder + "/" + sha + ".gz"
    default:
      let files = try store.pageFiles(of: page)
      #expect(try files.keptPayload(sha256: sha) == encoded)
      #expect(try files.keptPayload(sha256: sha) == (try store.keptPayload(sha256: sha, in: page)))
      #expect(try files.keptPayload(sha256: String(repeating: "cd", count: 32)) == nil)
      #expect(throws: StoreError.rejected(reason: "'../history' is not a SHA-256 in hex")) {
        try files.keptPayload(sha256: "../history")
      }
      return
    }
    try manager.moveItem(atPath: link, toPath: outside + "/target")
    try manager.createSymbolicLink(atPath: link, withDestinationPath: outside + "/target")
    #expect(throws: StoreError.symbolicLink(path: link)) {
      try store.pageFiles(of: page).keptPayload(sha256: sha)
    }
    #expect(throws: StoreError.symbolicLink(path: link)) {
      try store.keptPayload(sha256: sha, in: page)
    }
  }
}
