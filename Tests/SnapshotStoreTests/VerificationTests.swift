import Foundation
import SnapshotStore
import Testing

/// A store with one page: a capture, two unchanged checks, a changed capture, a failed check.
/// Returns the store and the page folder.
func makeStore(_ root: String) throws -> (FolderStore, String) {
  let store = FolderStore(root: root)
  let page = try store.withPage(for: "https://b.example/2016/07/post.html") { page in
    var checks = 0
    func time(_ hour: Int) -> CaptureTime {
      CaptureTime(Date(timeIntervalSince1970: 1_467_417_600 + Double(hour) * 3600))
    }
    for (version, hour) in [(1, 1), (2, 4)] {
      let text = "Title: T\n\nVersion \(version)\n"
      let body = Array("<p>Version \(version)</p>".utf8)
      var meta = metadata(time(hour), text: text)
      meta = CaptureMetadata(
        time: meta.time, requestedURL: meta.requestedURL, finalURL: meta.finalURL, status: 200,
        headers: meta.headers, redirects: [], fetchSeconds: 0.1, bodySHA256: sha256Hex(body),
        bodyBytes: body.count, textSHA256: sha256Hex(Array(text.utf8)), rawKept: true,
        title: "T", extractionMethod: "test", redlineVersion: "test")
      try store.save(
        NewCapture(metadata: meta, rawBody: body, articleText: text),
        recording: HistoryEntry(
          time: time(hour), outcome: version == 1 ? .new : .changed, status: 200,
          capture: time(hour), bodySHA256: meta.bodySHA256, textSHA256: meta.textSHA256,
          title: "T"),
        in: page)
      for extra in 1...2 {
        checks += 1
        try store.record(
          HistoryEntry(
            time: time(hour + extra), outcome: .unchanged, status: 200, capture: time(hour),
            bodySHA256: meta.bodySHA256, textSHA256: meta.textSHA256, title: "T"),
          in: page)
      }
    }
    try store.record(
      HistoryEntry(time: "20160702T080000Z", outcome: .failed, error: "timed out"), in: page)
    return page
  }
  return (store, store.path(of: page))
}

private func edit(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
  var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  change(&bytes)
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

private func removeLine(_ number: Int, of path: String) throws {
  try edit(path) { bytes in
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    lines.remove(at: number - 1)
    bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
  }
}

/// One kind of damage, and what verify must say about it.
struct Damage: Sendable, CustomStringConvertible {
  let description: String
  let kind: StoreProblem.Kind
  let file: String
  let apply: @Sendable (String) throws -> Void
}

private let damages: [Damage] = [
  Damage(description: "truncated text", kind: .altered, file: "20160702T010000Z.txt") {
    try edit($0 + "/20160702T010000Z.txt") { $0.removeLast(3) }
  },
  Damage(description: "one byte of raw HTML", kind: .altered, file: "20160702T040000Z.html") {
    try edit($0 + "/20160702T040000Z.html") { $0[3] ^= 0x20 }
  },
  Damage(description: "metadata title", kind: .altered, file: "20160702T010000Z.json") {
    try edit($0 + "/20160702T010000Z.json") { bytes in
      bytes = Array(
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(
          of: "\"title\" : \"T\"", with: "\"title\" : \"U\""
        ).utf8)
    }
  },
  Damage(description: "deleted history line", kind: .altered, file: "history.jsonl") {
    try removeLine(3, of: $0 + "/history.jsonl")
  },
  Damage(description: "deleted first history line", kind: .altered, file: "history.jsonl") {
    try removeLine(1, of: $0 + "/history.jsonl")
  },
  Damage(description: "deleted last history line", kind: .altered, file: "history.jsonl") {
    try removeLine(7, of: $0 + "/history.jsonl")
  },
  Damage(description: "edited last history line", kind: .altered, file: "history.jsonl") {
    try edit($0 + "/history.jsonl") { bytes in
      bytes = Array(
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(
          of: "timed out", with: "timed in"
        ).utf8)
    }
  },
  Damage(description: "missing capture", kind: .missing, file: "20160702T040000Z.json") {
    try FileManager.default.removeItem(atPath: $0 + "/20160702T040000Z.json")
  },
  Damage(description: "missing text", kind: .missing, file: "20160702T010000Z.txt") {
    try FileManager.default.removeItem(atPath: $0 + "/20160702T010000Z.txt")
  },
  Damage(description: "missing history", kind: .missing, file: "history.jsonl") {
    try FileManager.default.removeItem(atPath: $0 + "/history.jsonl")
  },
  Damage(description: "missing page.json", kind: .missing, file: "page.json") {
    try FileManager.default.removeItem(atPath: $0 + "/page.json")
  },
  Damage(description: "orphaned file", kind: .orphaned, file: "20160702T090000Z.txt") {
    try Data("stray".utf8).write(to: URL(fileURLWithPath: $0 + "/20160702T090000Z.txt"))
  },
]

@Suite("verify")
struct VerificationTests {
  @Test("an intact store verifies clean")
  func clean() throws {
    try withTemporaryFolder { root in
      let (store, _) = try makeStore(root)
      let report = try store.verify()
      #expect(report.problems == [])
      #expect(report.pages == 1)
      #expect(report.captures == 2)
      #expect(report.checks == 7)
    }
  }

  @Test("a capture a repair recorded as lost is not listed, as its history reads")
  func listingAfterRepair() throws {
    try withTemporaryFolder { root in
      let (store, folder) = try makeStore(root)
      try FileManager.default.removeItem(atPath: folder + "/20160702T040000Z.txt")
      let url = "https://b.example/2016/07/post.html"
      #expect(try store.repair(url, time: "20160702T090000Z").recorded.count == 1)
      var summaries: [CheckSummary] = []
      _ = try store.forEachCheckSummary { _ in
        true
      } _: {
        summaries.append(try $1.get())
      }
      let page = try #require(try store.page(for: url))
      #expect(summaries == [CheckSummary(try store.history(of: page))])
      #expect(
        summaries
          == [
            CheckSummary(
              captures: 1, firstCapture: "20160702T010000Z", latestCapture: "20160702T010000Z",
              latestCheck: "20160702T090000Z")
          ])
      // Verify, which reads only the fields it checks, still finds nothing new.
      #expect(try store.verify().problems.allSatisfy { $0.kind == .repaired })
    }
  }

  @Test("verify reports each kind of damage on the damaged file", arguments: damages)
  func damage(_ damage: Damage) throws {
    try withTemporaryFolder { root in
      let (store, folder) = try makeStore(root)
      try damage.apply(folder)
      let problems = try store.verify().problems
      #expect(!problems.isEmpty)
      #expect(
        problems.contains { $0.kind == damage.kind && $0.path == folder + "/" + damage.file },
        "\(problems)")
    }
  }

  @Test("leftovers of a crash are reported incomplete, not damage, and left for the next run")
  func crashLeftovers() throws {
    try withTemporaryFolder { root in
      let (store, folder) = try makeStore(root)
      let manager = FileManager.default
      // Cut short before the history line: never committed, so removed.
      try Data("half".utf8).write(
        to: URL(fileURLWithPath: folder + "/.pending-20160702T090000Z.txt"))
      try Data("half".utf8).write(to: URL(fileURLWithPath: folder + "/.tmp-1234"))
      // Cut short after the history line, before the rename: committed, so finished.
      try manager.moveItem(
        atPath: folder + "/20160702T040000Z.json",
        toPath: folder + "/.pending-20160702T040000Z.json")
      let page = try #require(try store.page(for: "https://b.example/2016/07/post.html"))
      #expect(try store.captures(of: page).count == 2)
      let before = try manager.contentsOfDirectory(atPath: folder).sorted()
      let report = try store.verify()
      #expect(report.isClean)
      #expect(report.problems.map(\.kind) == [.incomplete, .incomplete, .incomplete])
      #expect(report.problems.contains { $0.detail.contains("capture 20160702T040000Z") })
      // verify only reads: the next writer finishes the capture and removes the rest.
      #expect(try manager.contentsOfDirectory(atPath: folder).sorted() == before)
      try store.withPage(for: "https://b.example/2016/07/post.html") { _ in }
      #expect(manager.fileExists(atPath: folder + "/20160702T040000Z.json"))
      let hidden = try manager.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
      #expect(hidden == [".lock"])
      #expect(try store.verify().problems == [])
    }
  }
}

@Suite("verify only reads")
struct ReadOnlyVerificationTests {
  /// Every entry below a folder, with its bytes (nil for folders) and modification time.
  private func state(_ root: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for path in FileManager.default.subpaths(atPath: root) ?? [] {
      let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + path)
      let data = FileManager.default.contents(atPath: root + "/" + path)
      result[path] =
        "\(attributes[.modificationDate] ?? "") \(data.map { sha256Hex([UInt8]($0)) } ?? "folder")"
    }
    return result
  }

  @Test("a copy without lock files (another user's, read-only) is verified and left untouched")
  func copy() throws {
    try withTemporaryFolder { root in
      let (store, folder) = try makeStore(root)
      try FileManager.default.removeItem(atPath: folder + "/.lock")
      // A stopped run's leftover, which a writer would finish: verify leaves it.
      try FileManager.default.moveItem(
        atPath: folder + "/20160702T040000Z.txt", toPath: folder + "/.pending-20160702T040000Z.txt")
      let before = try state(root)
      let report = try store.verify()
      #expect(report.isClean)
      #expect(report.incomplete == 1)
      #expect(try state(root) == before)
    }
  }

  @Test("a page a writer holds is waited for, then reported unchecked; the others are verified")
  func whileWriting() throws {
    try withTemporaryFolder { root in
      let (store, _) = try makeStore(root)
      let reader = FolderStore(root: root, lockTimeout: .milliseconds(200))
      try store.withPage(for: "https://b.example/2016/07/post.html") { _ in
        let report = try reader.verify()
        #expect(report.problems.map(\.kind) == [.unchecked])
      }
      #expect(try reader.verify().problems == [])
    }
  }
}
