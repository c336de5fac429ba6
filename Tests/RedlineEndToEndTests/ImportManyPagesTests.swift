import Crypto
import Foundation
import LoopbackServer
import Testing

/// `import` checks several pages at once (each page's responses in time order): the store it
/// leaves is the one the checks made, whatever order pages finish in, and an import killed
/// midway leaves a store that verifies and that a second import completes.
@Suite("redline import of many pages", .serialized)
struct ImportManyPagesTests {
  /// A store of `pages` pages checked three times a second apart, each time with an edit on
  /// every other page, exported as a WARC; the store and the WARC files.
  private func exportedStore(pages: Int, in work: TemporaryFolder) throws -> (
    store: String, urls: [String], warcs: [String]
  ) {
    let round = Counter()
    let paragraph = "The council met on Tuesday to discuss the budget for the coming year again."
    let server = try LoopbackServer { request in
      let number = Int(request.path.filter(\.isNumber)) ?? 0
      let version = number % 2 == 0 ? round.value : 0
      let body = (1...3).map { "<p>\(paragraph) Post \(number), part \($0).</p>" }.joined()
      return .text(
        "<html><head><title>Post \(number)</title></head><body><article><h1>Post \(number)</h1>"
          + body + "<p>Version \(version) of this post, as edited.</p></article></body></html>",
        contentType: "text/html")
    }
    let urls = (0..<pages).map { server.baseURL + "/post-\($0).html" }
    let (store, export) = try snapshotTwiceAndExport(urls, round: round, rounds: 3, in: work)
    let warcs = export.stdout.split(separator: "\n").map(String.init).filter {
      $0.hasSuffix(".warc.gz")
    }
    return (store, urls, warcs)
  }

  /// Each page's timeline (`log --all`) in a store.
  private func timelines(_ store: String, _ urls: [String]) throws -> [String] {
    try urls.map { try redline(["log", "--all", "--store", store, $0]).stdout }
  }

  @Test("pages imported at once: every page's timeline as in the exported store")
  func timelinesAgree() throws {
    let work = try TemporaryFolder()
    let (store, urls, warcs) = try exportedStore(pages: 12, in: work)
    let copy = work.file("copy")
    let imported = try redline(["import", "--store", copy] + warcs)
    #expect(imported.status == 0, "\(imported.stderr)")
    // 12 first captures, 6 pages edited twice, 6 unchanged twice.
    #expect(imported.stderr.contains(": 24 captures, 12 unchanged"), "\(imported.stderr)")
    #expect(try timelines(copy, urls) == (try timelines(store, urls)))
    let verify = try redline(["verify", "--store", copy])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    let audit = try redline(["audit", "--store", copy])
    #expect(audit.stdout == (try redline(["audit", "--store", store])).stdout)
  }

  @Test(
    "an import killed at several points leaves a store that verifies; importing again completes it"
  )
  func killedMidway() throws {
    let work = try TemporaryFolder()
    let (store, urls, warcs) = try exportedStore(pages: 30, in: work)
    let expected = try timelines(store, urls)
    // Killed once 1, 6, 14 and 22 page folders exist: at a page's first files, and with pages
    // in every stage of their checks (each check's commit takes three rounds of fsyncs, and
    // four pages are checked at once), most or few of the pages still to come.
    for folders in [1, 6, 14, 22] {
      let copy = work.file("copy-\(folders)")
      let process = Process()
      process.executableURL = productsFolder.appendingPathComponent("redline")
      process.arguments = ["import", "--store", copy] + warcs
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      let deadline = Date().addingTimeInterval(30)
      while process.isRunning, Date() < deadline, pageFolders(copy) < folders {
        Thread.sleep(forTimeInterval: 0.002)
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // The kill landed midway: the import did not end by itself, and pages are missing.
      #expect(process.terminationReason == .uncaughtSignal, "the import ended before the kill")
      #expect(try timelines(copy, urls) != expected, "killed at \(folders) folders")
      let verify = try redline(["verify", "--store", copy])
      #expect(verify.status == 0, "killed at \(folders) folders: \(verify.stdout)\(verify.stderr)")
      let again = try redline(["import", "--store", copy] + warcs)
      #expect(again.status == 0, "\(again.stderr)")
      #expect(try timelines(copy, urls) == expected, "killed at \(folders) folders")
      let after = try redline(["verify", "--store", copy])
      #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
      #expect(!after.stdout.contains("incomplete"), "\(after.stdout)")
    }
  }

  @Test("importing again finishes a page whose head a stopped import left one line behind")
  func headOneLineBehind() throws {
    let work = try TemporaryFolder()
    let (_, _, warcs) = try exportedStore(pages: 2, in: work)
    let copy = work.file("copy")
    #expect(try redline(["import", "--store", copy] + warcs).status == 0)
    // As an import killed between a page's last history line and its head's rename leaves it.
    let host = try #require(
      try FileManager.default.contentsOfDirectory(atPath: copy).first { !$0.hasPrefix(".") })
    let page = try #require(
      try FileManager.default.contentsOfDirectory(atPath: copy + "/" + host).sorted().first)
    let folder = copy + "/" + host + "/" + page
    let lines = try String(contentsOfFile: folder + "/history.jsonl", encoding: .utf8)
      .split(separator: "\n")
    let previous = SHA256.hash(data: Data(lines[lines.count - 2].utf8))
      .map { String(format: "%02x", $0) }.joined().prefix(32)
    try "{\n  \"last\" : \"\(previous)\",\n  \"lines\" : \(lines.count - 1)\n}\n"
      .write(toFile: folder + "/head.json", atomically: true, encoding: .utf8)
    let before = try redline(["verify", "--store", copy])
    #expect(before.stdout.contains("one line behind"), "\(before.stdout)")
    let again = try redline(["import", "--store", copy] + warcs)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("already imported"), "\(again.stderr)")
    let after = try redline(["verify", "--store", copy])
    #expect(after.status == 0 && !after.stdout.contains("incomplete"), "\(after.stdout)")
  }

  /// The page folders in a store (none before it exists).
  private func pageFolders(_ store: String) -> Int {
    let hosts = (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []
    return hosts.filter { !$0.hasPrefix(".") }.reduce(0) {
      $0 + ((try? FileManager.default.contentsOfDirectory(atPath: store + "/" + $1))?.count ?? 0)
    }
  }
}
