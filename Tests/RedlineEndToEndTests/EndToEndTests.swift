import Foundation
import LoopbackServer
import Testing

/// What one run of the built `redline` binary did.
struct RunResult {
  let status: Int32
  let stdout: String
  let stderr: String
}

/// The folder holding the built products (the test bundle sits beside `redline`).
let productsFolder: URL = {
  if let override = ProcessInfo.processInfo.environment["REDLINE_PRODUCTS"] {
    return URL(fileURLWithPath: override)
  }
  var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("redline").path) {
      return url
    }
  }
  return URL(fileURLWithPath: ".build/debug")
}()

/// Runs `redline` with arguments and returns its exit status and output. `environment` adds
/// to the test's own environment; a nil value removes that variable. `input` (under 64 KiB, a
/// pipe's buffer) is its standard input; without it, standard input is empty.
func redline(
  _ arguments: [String], environment: [String: String?] = [:], input: Data? = nil
) throws -> RunResult {
  let process = Process()
  process.executableURL = productsFolder.appendingPathComponent("redline")
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  env["NO_COLOR"] = "1"
  for (name, value) in environment { env[name] = value }
  process.environment = env
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let stdin = Pipe()
  process.standardInput = input == nil ? FileHandle.nullDevice : stdin
  try process.run()
  if let input {
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
  }
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
    stderr: String(decoding: stderr, as: UTF8.self))
}

/// Runs `redline` on a pseudo-terminal, made by util-linux's script(1) (Debian's bsdutils,
/// always there), and returns its exit status and what the terminal showed (standard output
/// and standard error together). `environment` works as in `redline(_:environment:input:)`.
func redlineOnTerminal(_ arguments: [String], environment: [String: String?] = [:]) throws
  -> (status: Int32, output: String)
{
  let script = "/usr/bin/script"
  try #require(FileManager.default.isExecutableFile(atPath: script))
  let command = ([productsFolder.appendingPathComponent("redline").path] + arguments)
    .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: script)
  process.arguments = ["-qec", command, "/dev/null"]
  var env = ProcessInfo.processInfo.environment
  for (name, value) in environment { env[name] = value }
  process.environment = env
  let out = Pipe()
  process.standardOutput = out
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}

let samplePost = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Fixtures/sample-post")

/// A temporary folder removed after the test.
final class TemporaryFolder {
  let path = NSTemporaryDirectory() + "redline-e2e-" + UUID().uuidString
  init() throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
  func file(_ name: String) -> String { path + "/" + name }
}

func copySample(_ version: String, to path: String) throws {
  let data = try Data(contentsOf: samplePost.appendingPathComponent("\(version).html"))
  try data.write(to: URL(fileURLWithPath: path), options: .atomic)
}

@Suite("redline end to end", .serialized)
struct EndToEndTests {
  @Test("snapshot over HTTP twice with an edit, then diff, log and a chrome-only change")
  func snapshotAndDiff() throws {
    let site = try TemporaryFolder()
    let work = try TemporaryFolder()
    let store = work.file("store")
    try FileManager.default.createDirectory(
      atPath: site.file("2016/07"), withIntermediateDirectories: true)
    let postFile = site.file("2016/07/haftar.html")
    try copySample("v1", to: postFile)
    let server = try LoopbackServer(respond: fileServer(root: site.path))
    let url = server.baseURL + "/2016/07/haftar.html"

    let first = try redline(["snapshot", "--store", store, url])
    #expect(first.status == 0)
    #expect(first.stdout == "new \(url)\n")
    #expect(first.stderr == "")

    // One host folder, and the store's format record, activity index and lock beside it.
    let hosts = try FileManager.default.contentsOfDirectory(atPath: store).sorted()
    #expect(hosts == [".activity.log", ".lock", ".redline-store.json", "127.0.0.1"])
    let folders = try FileManager.default.contentsOfDirectory(atPath: store + "/127.0.0.1")
    try #require(folders.count == 1)
    let pageFolder = store + "/127.0.0.1/" + folders[0]
    #expect(folders[0].hasPrefix("2016-07-haftar-html-"))
    var files = try FileManager.default.contentsOfDirectory(atPath: pageFolder).filter {
      !$0.hasPrefix(".")
    }.sorted()
    #expect(files.count == 6)
    #expect(
      files.contains("page.json") && files.contains("history.jsonl")
        && files.contains("head.json"))
    let firstTime = String(try #require(files.first { $0.hasSuffix(".txt") }).dropLast(4))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: pageFolder + "/\(firstTime).html"))
        == Data(contentsOf: samplePost.appendingPathComponent("v1.html")))
    let firstText = try String(contentsOfFile: pageFolder + "/\(firstTime).txt", encoding: .utf8)
    #expect(
      firstText.hasPrefix(
        "Title: General Khalifa Haftar visits both Cairo and Moscow seeking support\n"))
    #expect(!firstText.contains("No comments"))
    let metadata = try String(contentsOfFile: pageFolder + "/\(firstTime).json", encoding: .utf8)
    #expect(metadata.contains("\"status\" : 200"))

    try copySample("v2", to: postFile)
    let second = try redline(["snapshot", "--store", store, url])
    #expect(second.status == 0)
    // The cron line names the post, the edit's labels and whether the updated date stayed.
    #expect(
      second.stdout
        == "changed +2 -2 \(url) \"General Khalifa Haftar visits both Cairo and Moscow seeking"
        + " support\" [correction or update note added] stealth\n")

    files = try FileManager.default.contentsOfDirectory(atPath: pageFolder).filter {
      !$0.hasPrefix(".")
    }.sorted()
    #expect(files.count == 9)
    let times = files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    try #require(times.count == 2)

    let diff = try redline(["diff", "--store", store, url])
    #expect(diff.status == 1)
    let lines = diff.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "--- \(url)\t\(readableStamp(times[0]))")
    #expect(lines[1] == "+++ \(url)\t\(readableStamp(times[1]))")
    #expect(
      lines.contains {
        $0.hasPrefix("-")
          && $0.contains("Russia seems to be at the same time expressing support for the GNA")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("+")
          && $0.contains(
            "Russia appears to be voicing support for the GNA while withholding full recognition")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("+")
          && $0.hasSuffix(
            "So far there are no reports of what is going on if anything. Update: The Libya Herald now reports that the HoR session has been postponed until next week because too few members turned up to form a quorum."
          )
      })
    #expect(lines.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.count == 2)
    #expect(lines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.count == 2)
    // With --algorithm myers, GNU diff on the two stored texts gives the same hunks, byte for
    // byte (the default, histogram, is checked above by its changed lines).
    let myers = try redline(["diff", "--algorithm", "myers", "--store", store, url])
    #expect(myers.status == 1)
    let myersLines = myers.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/diff") {
      let gnu = Process()
      gnu.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
      gnu.arguments = [
        "-u", "--label", "a", "--label", "b", pageFolder + "/\(times[0]).txt",
        pageFolder + "/\(times[1]).txt",
      ]
      gnu.environment = ["LC_ALL": "C"]
      let pipe = Pipe()
      gnu.standardOutput = pipe
      try gnu.run()
      let expected = String(
        decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      gnu.waitUntilExit()
      #expect(
        myersLines.dropFirst(2).joined(separator: "\n")
          == expected.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(
            separator: "\n"))
    }

    try copySample("v3", to: postFile)
    let third = try redline(["snapshot", "--store", store, "--quiet", url])
    #expect(third.status == 0)
    #expect(third.stdout == "")
    files = try FileManager.default.contentsOfDirectory(atPath: pageFolder).filter {
      !$0.hasPrefix(".")
    }.sorted()
    #expect(files.count == 9)

    let log = try redline(["log", "--all", "--store", store, url])
    #expect(log.status == 0)
    let logLines = log.stdout.split(separator: "\n")
    #expect(logLines.count == 3)
    #expect(logLines[0].contains("  200  new "))
    #expect(logLines[1].contains("  200  changed    +2 -2"))
    #expect(logLines[2].contains("  200  unchanged "))
    #expect(
      logLines.allSatisfy {
        $0.hasSuffix("General Khalifa Haftar visits both Cairo and Moscow seeking support")
      })

    let same = try redline(["diff", "--store", store, url, "latest~1", "latest"])
    #expect(same.status == 1)
    let shown = try redline(["show", "--store", store, url, "first"])
    #expect(shown.stdout == firstText)

    let intact = try redline(["verify", "--store", store])
    #expect(intact.status == 0)
    #expect(intact.stdout == "")
    #expect(intact.stderr.hasSuffix("intact\n"))
    try Data("tampered\n".utf8).write(
      to: URL(fileURLWithPath: pageFolder + "/\(times[1]).txt"))
    let damaged = try redline(["verify", "--store", store])
    #expect(damaged.status == 1)
    #expect(
      damaged.stdout
        == "altered \(pageFolder)/\(times[1]).txt: sha256 differs from the metadata's text sha256\n"
    )
  }

  @Test("the bundled Snapshots/ store: an edit, then a chrome-only check that is not one")
  func bundledStore() throws {
    let store = samplePost.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Snapshots").path
    let url = "http://libyaanalysis.blogspot.com/2016/07/general-khalifa-haftar-visits-both.html"
    let log = try redline(["log", "--all", "--store", store, url])
    #expect(log.status == 0)
    let outcomes = log.stdout.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true)[4]
    }
    #expect(outcomes == ["new", "changed", "unchanged"])
    let diff = try redline(["diff", "--store", store, url])
    #expect(diff.status == 1)
    #expect(diff.stdout.contains("\n+") && diff.stdout.contains("Russia appears to be voicing"))
    let list = try redline(["list", "--store", store])
    #expect(list.stdout.hasPrefix("2 captures    first "))
    // verify takes page locks, so it runs on a copy rather than in the source tree.
    let copy = NSTemporaryDirectory() + "redline-bundled-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: copy) }
    try FileManager.default.copyItem(atPath: store, toPath: copy)
    let verify = try redline(["verify", "--store", copy])
    #expect(verify.status == 0)
    #expect(verify.stdout == "")
  }

  @Test("diff of two local files: HTML is extracted first; exit 0 same, 1 different")
  func diffFiles() throws {
    let v1 = samplePost.appendingPathComponent("v1.html").path
    let v2 = samplePost.appendingPathComponent("v2.html").path
    let v3 = samplePost.appendingPathComponent("v3.html").path
    let different = try redline(["diff", v1, v2])
    #expect(different.status == 1)
    #expect(different.stdout.hasPrefix("--- \(v1)\t"))
    #expect(different.stdout.contains("\n@@ -7,7 +7,7 @@\n"))
    let same = try redline(["diff", v2, v3])
    #expect(same.status == 0)
    #expect(same.stdout == "")
    let context = try redline(["diff", "-U0", v1, v2])
    #expect(context.stdout.contains("\n@@ -10 +10 @@\n"))
  }

  @Test("extract prints the canonical article text")
  func extract() throws {
    let result = try redline(["extract", samplePost.appendingPathComponent("v1.html").path])
    #expect(result.status == 0)
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("ArticleExtractionTests/Fixtures/blogger-sample-v1/expected.txt")
    #expect(result.stdout == (try String(contentsOf: golden, encoding: .utf8)))
    let text = try redline([
      "extract", "--format", "text", samplePost.appendingPathComponent("v1.html").path,
    ])
    #expect(text.stdout.hasPrefix("Commander of the Libyan National Army"))
  }

  @Test("extract on hostile bytes: an article, or one line naming the file once and exit 2")
  func extractHostileBytes() throws {
    let work = try TemporaryFolder()
    // An HTML page with NUL bytes and broken UTF-8 inside its paragraphs is still a page.
    var page = Array("<html><body><article>".utf8)
    for _ in 0..<20 {
      page += Array("<p>Words before \u{0}the damage".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0x00]
      page += Array(" and enough words after it to make a paragraph of prose.</p>".utf8)
    }
    page += Array("</article></body></html>".utf8)
    try Data(page).write(to: URL(fileURLWithPath: work.file("damaged.html")))
    let damaged = try redline(["extract", "--format", "text", work.file("damaged.html")])
    #expect(damaged.status == 0)
    #expect(damaged.stdout.contains("and enough words after it to make a paragraph of prose."))
    #expect(!damaged.stdout.unicodeScalars.contains { $0.value == 0 })
    // The same page without a name that says HTML is recognised by its markup.
    try Data(page).write(to: URL(fileURLWithPath: work.file("damaged.dat")))
    #expect(try redline(["extract", work.file("damaged.dat")]).status == 0)

    // Random bytes named .html are binary data, not a page of gibberish. The same bytes at
    // every run (SplitMix64 from a fixed seed): with system randomness this test failed now
    // and then, on noise that happened to start as markup ("<" and a "<p" soon after) or with
    // a UTF-16 byte order mark, which are text.
    var state: UInt64 = 0x5EED
    let noise = (0..<50_000).map { _ -> UInt8 in
      state &+= 0x9E37_79B9_7F4A_7C15
      var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
      mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
      return UInt8(truncatingIfNeeded: mixed ^ (mixed >> 31))
    }
    try Data(noise).write(to: URL(fileURLWithPath: work.file("noise.html")))
    let random = try redline(["extract", work.file("noise.html")])
    #expect(random.status == 2)
    #expect(random.stdout == "")
    #expect(
      random.stderr == "redline: \(work.file("noise.html")): not an HTML page (binary data)\n")
    // A page that holds no article says so.
    try Data("<html><head><title>t</title></head><body></body></html>".utf8).write(
      to: URL(fileURLWithPath: work.file("plain.html")))
    let plain = try redline(["extract", work.file("plain.html")])
    #expect(plain.status == 2)
    #expect(plain.stderr == "redline: \(work.file("plain.html")): no article found in the page\n")

    // A file larger than a page may be is refused before it is read: this one is sparse, so
    // it takes no disk space, and reading it would take 300 MB of memory.
    let huge = work.file("huge.html")
    #expect(FileManager.default.createFile(atPath: huge, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
    try handle.truncate(atOffset: 300 << 20)
    try handle.close()
    let tooLarge = try redline(["extract", huge])
    #expect(tooLarge.status == 2)
    #expect(
      tooLarge.stderr == "redline: \(huge): larger than 256 MiB, the largest page Redline reads\n")
    let hugeDiff = try redline(["diff", huge, work.file("damaged.html")])
    #expect(hugeDiff.status == 2)
    #expect(hugeDiff.stderr.contains("larger than 256 MiB"))

    let missing = try redline(["extract", work.file("missing.html")])
    #expect(missing.status == 2)
    #expect(missing.stderr == "redline: cannot read \(work.file("missing.html")): no such file\n")
  }

  @Test("extract --output-dir that cannot be made: one line naming it")
  func extractOutputDirectory() throws {
    let work = try TemporaryFolder()
    try Data("a file".utf8).write(to: URL(fileURLWithPath: work.file("file")))
    let page = work.file("p.html")
    try Data(
      "<html><body><article><h1>T</h1><p>\(String(repeating: "Words of a post. ", count: 20))</p></article></body></html>"
        .utf8
    ).write(to: URL(fileURLWithPath: page))
    let folder = work.file("file/out")
    let result = try redline(["extract", "--output-dir", folder, page])
    #expect(result.status == 2)
    #expect(result.stderr == "redline: cannot write \(folder): cannot create the folder\n")
  }

  @Test("bad input: one line on stderr, a non-zero exit, nothing stored")
  func badInput() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let site = try TemporaryFolder()
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(
      to: URL(fileURLWithPath: site.file("image.png")))
    let server = try LoopbackServer(respond: fileServer(root: site.path))

    // Content that is not HTML is kept raw with no article, and said to be so (issue 3).
    let notHTML = try redline(["snapshot", "--store", store, server.baseURL + "/image.png"])
    #expect(notHTML.status == 0)
    #expect(notHTML.stdout == "not-html application/octet-stream \(server.baseURL)/image.png\n")

    // A page with no article: the error line names the page, as a fetch error's does.
    try Data("<html><head><title>t</title></head><body></body></html>".utf8).write(
      to: URL(fileURLWithPath: site.file("blank.html")))
    let blank = try redline(["snapshot", "--store", store, server.baseURL + "/blank.html"])
    #expect(blank.status == 3)
    #expect(blank.stderr == "redline: \(server.baseURL)/blank.html: no article found in the page\n")

    let missing = try redline(["snapshot", "--store", store, server.baseURL + "/missing.html"])
    #expect(missing.status == 3)
    #expect(missing.stdout == "")
    #expect(
      missing.stderr
        == "redline: fetching \(server.baseURL)/missing.html: HTTP 404 Not Found\n")

    let closed = try RefusingPort()
    let closedURL = closed.baseURL + "/post.html"
    let unreachable = try redline(["snapshot", "--store", store, closedURL])
    #expect(unreachable.status == 3)
    #expect(unreachable.stderr.hasPrefix("redline: fetching \(closedURL): could not connect"))
    #expect(unreachable.stderr.split(separator: "\n").count == 1)

    // Failures leave history lines but never a capture.
    let captures = try FileManager.default.subpathsOfDirectory(atPath: store).filter {
      $0.hasSuffix(".txt") && !$0.contains("/image-png-")
    }
    #expect(captures.isEmpty)

    let noFile = try redline([
      "diff", work.file("nope.html"), samplePost.appendingPathComponent("v1.html").path,
    ])
    #expect(noFile.status == 2)
    #expect(noFile.stderr == "redline: cannot read \(work.file("nope.html")): no such file\n")

    let binary = try redline(["extract", site.file("image.png")])
    #expect(binary.status == 2)
    #expect(
      binary.stderr == "redline: \(site.file("image.png")): not an HTML page (binary data)\n")

    try Data("a file, not a folder".utf8).write(to: URL(fileURLWithPath: work.file("blocked")))
    let server2 = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html")],
        body: Array("<p>A paragraph long enough to be an article body for the test.</p>".utf8))
    }
    let unwritable = try redline([
      "snapshot", "--store", work.file("blocked") + "/store", server2.baseURL + "/p.html",
    ])
    #expect(unwritable.status == 2)
    #expect(unwritable.stdout == "")
    #expect(unwritable.stderr.hasPrefix("redline: store: cannot write"))
    #expect(unwritable.stderr.split(separator: "\n").count == 1)

    let notURL = try redline(["snapshot", "--store", store, "example.com/post"])
    #expect(notURL.status == 2)
    #expect(notURL.stderr.contains("'example.com/post' is not an http or https URL."))

    let list = work.file("watch.txt")
    try Data("# my blogs\n\nftp://x.example/a\n  \(server2.baseURL)/p.html  \n".utf8)
      .write(to: URL(fileURLWithPath: list))
    let watched = try redline(["snapshot", "--store", work.file("store2"), "--list", list])
    #expect(watched.status == 3)
    #expect(watched.stderr == "redline: not an http(s) URL: ftp://x.example/a\n")
    #expect(watched.stdout == "new \(server2.baseURL)/p.html\n")

    let usage = try redline(["diff"])
    #expect(usage.status == 2)
    let unknown = try redline(["diff", "--store", store, "https://never.example/x"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr == "redline: no captures of https://never.example/x in the store\n")
  }

  @Test(
    "every command has --help with an example",
    arguments: [
      "snapshot", "diff", "extract", "log", "show", "list", "audit", "verify", "export", "import",
    ])
  func help(command: String) throws {
    let result = try redline([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("redline \(command)"))
    #expect(result.stdout.contains("Example"))
  }
}

/// `20161124T233000Z` as GNU diff writes times: `2016-11-24 23:30:00.000000000 +0000`.
func readableStamp(_ time: String) -> String {
  let c = Array(time)
  return
    "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8])) \(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15])).000000000 +0000"
}
