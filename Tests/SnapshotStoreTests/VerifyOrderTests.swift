import Foundation
import SnapshotStore
import Testing

/// verify checks pages on every core, a batch at a time; its report must still be the one a
/// page-by-page run makes: every problem in store order (hosts, then page folders, sorted),
/// the counts summed, however the batches fall.
@Suite("verify's report in store order")
struct VerifyOrderTests {
  /// A store of `count` pages on two hosts, one capture each, written without fsync.
  private func makePages(_ root: String, count: Int) throws -> [String] {
    let store = FolderStore(root: root, syncsWrites: false)
    let time = CaptureTime(Date(timeIntervalSince1970: 1_467_417_600))
    var folders: [String] = []
    for index in 0..<count {
      let url = "https://\(index % 2 == 0 ? "a" : "b").example/post-\(index).html"
      let folder = try saveCapture(
        store, url: url, time: time, text: "Title: P\(index)\n\nBody \(index)\n",
        body: Array("<p>Body \(index)</p>".utf8))
      folders.append(folder)
    }
    return folders.sorted()
  }

  @Test("problems on pages in different batches come out in store order, counts summed")
  func problemsInStoreOrder() throws {
    let root = NSTemporaryDirectory() + "redline-verify-order-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    // 600 pages: more than two batches of 256.
    let folders = try makePages(root, count: 600)
    let damaged = [0, 1, 255, 256, 257, 300, 511, 512, 599].map { folders[$0] }
    var altered: [String] = []
    for folder in damaged {
      let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      let text = folder + "/" + names.first { $0.hasSuffix(".txt") }!
      try Data("altered\n".utf8).write(to: URL(fileURLWithPath: text))
      altered.append(text)
    }
    // Problems the listing finds, between pages: a stray file in each host folder.
    for host in ["a.example", "b.example"] {
      try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/" + host + "/0-stray"))
      try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/" + host + "/zz-stray"))
    }
    let report = try FolderStore(root: root).verify()
    #expect(report.pages == 600)
    #expect(report.captures == 600)
    #expect(report.checks == 600)
    let paths = report.problems.map(\.path)
    var strays: [String] = []
    for host in ["a.example", "b.example"] {
      strays += [root + "/" + host + "/0-stray", root + "/" + host + "/zz-stray"]
    }
    #expect(paths == (strays + altered).sorted())
    #expect(report.problems.count { $0.kind == .altered } == damaged.count)
    #expect(report.problems.count { $0.kind == .orphaned } == 4)
  }
}
