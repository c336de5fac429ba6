import Foundation
import LoopbackServer
import Testing

/// One way a page of a store gets damaged (by accident or on purpose).
struct PageDamage: Sendable, CustomTestStringConvertible {
  let name: String
  /// Whether a check of the page reads what was damaged (its history, head, page.json or the
  /// current capture's text) and so skips the page; other damage is verify's to find.
  var stopsSnapshot = true
  let apply: @Sendable (_ folder: String) throws -> Void
  var testDescription: String { name }
}

private let manager = FileManager.default

private func files(_ folder: String, ending suffix: String) throws -> [String] {
  try manager.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(suffix) }.sorted()
}

private let damages: [PageDamage] = [
  PageDamage(name: "page.json deleted") { try manager.removeItem(atPath: $0 + "/page.json") },
  PageDamage(name: "page.json garbled") {
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: $0 + "/page.json"))
  },
  PageDamage(name: "head.json deleted") { try manager.removeItem(atPath: $0 + "/head.json") },
  PageDamage(name: "history deleted") { try manager.removeItem(atPath: $0 + "/history.jsonl") },
  PageDamage(name: "history line garbled") { folder in
    let file = folder + "/history.jsonl"
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = "garbage\n" + text
    try text.write(toFile: file, atomically: true, encoding: .utf8)
  },
  PageDamage(name: "last history line deleted") { folder in
    let file = folder + "/history.jsonl"
    let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
    try (lines.dropLast().joined(separator: "\n") + "\n").write(
      toFile: file, atomically: true, encoding: .utf8)
  },
  PageDamage(name: "capture text deleted") { folder in
    for name in try files(folder, ending: ".txt") {
      try manager.removeItem(atPath: folder + "/" + name)
    }
  },
  PageDamage(name: "capture metadata garbled", stopsSnapshot: false) { folder in
    for name in try files(folder, ending: ".json") where name.first?.isNumber == true {
      try Data("[]".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
  },
]

/// A damaged page is named and contained: every command does what it can for the other pages,
/// and nothing rebuilds what was removed.
@Suite("damaged pages", .serialized)
struct DamageTests {
  @Test(
    "one damaged page never breaks the others, and snapshot does not heal it over",
    arguments: damages)
  func contained(_ damage: PageDamage) throws {
    let paragraph = "The council met on Tuesday to discuss the budget for the coming year again."
    let server = try LoopbackServer { request in
      let title = request.path.contains("a.html") ? "Post A" : "Post B"
      let body = (1...3).map { "<p>\(paragraph) \(title), part \($0).</p>" }.joined()
      return .text(
        "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>\(body)"
          + "</article></body></html>", contentType: "text/html")
    }
    let work = try TemporaryFolder()
    let store = work.file("store")
    let urlA = server.baseURL + "/a.html"
    let urlB = server.baseURL + "/b.html"
    #expect(try redline(["snapshot", "--store", store, urlA, urlB]).status == 0)
    let host = try #require(
      try manager.contentsOfDirectory(atPath: store).first { !$0.hasPrefix(".") })
    let folderA = try #require(
      try manager.contentsOfDirectory(atPath: store + "/" + host).first { $0.hasPrefix("a-html") })
    try damage.apply(store + "/" + host + "/" + folderA)

    // log shows what still reads of the damaged page, and names the damage.
    let logA = try redline(["log", "--store", store, "--all", urlA])
    if damage.name == "history line garbled" {
      #expect(logA.status == 3)
      #expect(logA.stdout.contains("new"))
      #expect(logA.stderr.contains("damaged page: \(urlA): history line 1 unreadable"))
    }
    let list = try redline(["list", "--store", store])
    #expect(list.stdout.contains(urlB), "\(list.stderr)")
    let audit = try redline(["audit", "--store", store, "--format", "json"])
    #expect(audit.status != 2, "\(audit.stderr)")
    let snapshot = try redline(["snapshot", "--store", store, urlA, urlB])
    #expect(snapshot.stdout.contains("unchanged \(urlB)"))
    if damage.stopsSnapshot {
      #expect(snapshot.status == 3, "\(snapshot.stdout) \(snapshot.stderr)")
      #expect(snapshot.stderr.contains("a.html") || snapshot.stderr.contains(folderA))
    }
    // Not healed over: verify still reports the damage after the snapshot.
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 1, "\(verify.stdout)")

    // repair records the damage; the page is checked again, the damage stays on record.
    let repair = try redline(["repair", "--store", store, urlA])
    #expect(repair.status == 0, "\(repair.stderr)")
    #expect(repair.stdout.hasPrefix("recorded "))
    let again = try redline(["snapshot", "--store", store, urlA, urlB])
    #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
    let after = try redline(["verify", "--store", store])
    #expect(after.status == 0, "\(after.stdout)")
    #expect(after.stdout.contains("repaired "))
    let log = try redline(["log", "--store", store, urlA])
    #expect(log.stdout.contains("repaired"))
    let report = try redline(["audit", "--store", store])
    #expect(report.stdout.contains("repaired: its stored files were damaged"), "\(report.stdout)")
    #expect(try redline(["repair", "--store", store, urlA]).stderr.contains("nothing to repair"))
  }
}
