import Foundation
import Testing

/// `redline diff OLD NEW` with each view and option, run as a binary: output, exit codes 0, 1
/// and 2, colour rules.
@Suite("redline diff views and options")
struct DiffViewsTests {
  /// Writes two files to a temporary folder that lives while `body` runs.
  private func withFiles(
    _ old: String, _ new: String, _ body: (TemporaryFolder, String, String) throws -> Void
  ) throws {
    let folder = try TemporaryFolder()
    try Data(old.utf8).write(to: URL(fileURLWithPath: folder.file("old.txt")))
    try Data(new.utf8).write(to: URL(fileURLWithPath: folder.file("new.txt")))
    try withExtendedLifetime(folder) {
      try body(folder, folder.file("old.txt"), folder.file("new.txt"))
    }
  }

  @Test("exit codes: 0 same, 1 different, 2 trouble or bad usage")
  func exitCodes() throws {
    try withFiles("a\nb\n", "a\nc\n") { folder, old, new in
      #expect(try redline(["diff", old, old]).status == 0)
      #expect(try redline(["diff", old, new]).status == 1)
      #expect(try redline(["diff", "--stat", old, new]).status == 1)
      #expect(try redline(["diff", "--format", "json", old, old]).status == 0)
      let missing = try redline(["diff", old, folder.file("missing.txt")])
      #expect(missing.status == 2)
      #expect(missing.stderr.hasPrefix("redline: "))
      #expect(try redline(["diff", "--word-diff=bold", old, new]).status == 2)
      #expect(try redline(["diff", "--bogus", old, new]).status == 2)
      #expect(try redline(["diff", "--stat", "--word-diff", old, new]).status == 2)
    }
  }

  @Test("diff of text starts without loading libcurl or libxml2; HTML loads libxml2 on use")
  func diffLeavesLibrariesUnloaded() throws {
    try withFiles("a\nb\n", "a\nc\n") { folder, old, new in
      // glibc's loader names every library it opens when LD_DEBUG=libs.
      let run = try redline(["diff", old, new], environment: ["LD_DEBUG": "libs"])
      #expect(run.status == 1)
      #expect(run.stderr.contains("libc.so"), "LD_DEBUG output expected: \(run.stderr)")
      #expect(!run.stderr.contains("libcurl"))
      #expect(!run.stderr.contains("libxml2"))
      #expect(!run.stderr.contains("libicu"))
      let pages = try ["One", "Another"].map { word in
        let page = folder.file("\(word).html")
        try Data("<html><body><article><p>\(word) paragraph.</p></article></body></html>".utf8)
          .write(to: URL(fileURLWithPath: page))
        return page
      }
      let html = try redline(["diff"] + pages, environment: ["LD_DEBUG": "libs"])
      #expect(html.status == 1)
      #expect(html.stdout.contains("+Another paragraph."))
      #expect(html.stderr.contains("libxml2.so"), "HTML is read with libxml2, loaded on use")
      #expect(!html.stderr.contains("libcurl"))
    }
  }

  @Test("standard input: '-' on one side, and '-' on both is the same text")
  func standardInput() throws {
    try withFiles("a\nb\n", "a\nc\n") { _, old, new in
      let oneSide = try redline(["diff", "-", new], input: Data("a\nb\n".utf8))
      #expect(oneSide.status == 1)
      #expect(oneSide.stdout.hasPrefix("--- -\n+++ \(new)\t"))
      #expect(oneSide.stdout.hasSuffix("@@ -1,2 +1,2 @@\n a\n-b\n+c\n"))
      let bothSides = try redline(["diff", "-", "-"], input: Data("a\nb\n".utf8))
      #expect(bothSides.status == 0)
      #expect(bothSides.stdout == "")
      #expect(try redline(["diff", old, old]).status == 0)
    }
  }

  @Test("large files are compared in place (mapped) and give GNU diff -u's output exactly")
  func largeFilesMatchGNU() throws {
    // Over 64 KiB each, so both are mapped rather than read: CRLF lines, an edit every few
    // hundred lines, and a last line without a newline on the new side only.
    var oldLines: [String] = []
    var newLines: [String] = []
    for index in 0..<6000 {
      let line = index % 7 == 0 ? "line \(index) of the article\r" : "line \(index) of the article"
      oldLines.append(line)
      if index % 397 == 5 { continue }
      newLines.append(index % 211 == 3 ? line + " (edited)" : line)
      if index % 503 == 8 { newLines.append("inserted after \(index)") }
    }
    let old = oldLines.joined(separator: "\n") + "\n"
    let new = newLines.joined(separator: "\n")
    #expect(old.utf8.count > 64 * 1024 && new.utf8.count > 64 * 1024)
    try withFiles(old, new) { _, oldPath, newPath in
      let ours = try redline(["diff", "--algorithm", "myers", oldPath, newPath])
      let gnu = Process()
      gnu.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
      gnu.arguments = ["-u", oldPath, newPath]
      let output = Pipe()
      gnu.standardOutput = output
      try gnu.run()
      let expected = output.fileHandleForReading.readDataToEndOfFile()
      gnu.waitUntilExit()
      #expect(ours.status == 1)
      #expect(ours.stdout.contains("\\ No newline at end of file"))
      #expect(ours.stdout == String(decoding: expected, as: UTF8.self))
      #expect(try redline(["diff", oldPath, oldPath]).status == 0)
    }
  }

  @Test("a mapped file truncated mid-diff gives one line and exit 2, not a crash or output")
  func truncatedWhileMapped() throws {
    // Half the lines differ and --minimal lifts Myers' cut-off, so the diff runs long enough
    // (over a second in a debug build) for the file to be truncated after it is mapped.
    let old = (0..<24_000).map { "line \($0) of a long text that is being compared\n" }.joined()
    let new = (0..<24_000).map {
      $0 % 2 == 0 ? "line \($0) of a long text that is being compared\n" : "changed \($0)\n"
    }.joined()
    try withFiles(old, new) { _, oldPath, newPath in
      let process = Process()
      process.executableURL = productsFolder.appendingPathComponent("redline")
      process.arguments = ["diff", "--algorithm", "myers", "--minimal", oldPath, newPath]
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      try process.run()
      // Wait until the old file shows among the process's mappings, then cut it short.
      let maps = "/proc/\(process.processIdentifier)/maps"
      var mapped = false
      for _ in 0..<10_000 where !mapped {
        // /proc files report size 0, so read to the end rather than by size.
        let listing = FileHandle(forReadingAtPath: maps)?.readDataToEndOfFile() ?? Data()
        mapped = String(decoding: listing, as: UTF8.self).contains(oldPath)
        if !mapped { usleep(500) }
      }
      #expect(mapped)
      #expect(truncate(oldPath, 0) == 0)
      let stdout = out.fileHandleForReading.readDataToEndOfFile()
      let stderr = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(process.terminationStatus == 2)
      #expect(stdout.isEmpty)
      #expect(
        String(decoding: stderr, as: UTF8.self)
          == "redline: a file changed size while it was being compared\n")
    }
  }

  @Test("a large HTML file without an .html name is recognised and extracted")
  func largeUnnamedHTMLIsExtracted() throws {
    let folder = try TemporaryFolder()
    let v1 = try Data(contentsOf: samplePost.appendingPathComponent("v1.html"))
    // A comment pads the page past the size at which files are mapped; it is not article text.
    let padding = Data(("<!-- " + String(repeating: "padding ", count: 10_000) + "-->").utf8)
    var padded = v1
    padded.append(padding)
    #expect(padded.count > 64 * 1024)
    try padded.write(to: URL(fileURLWithPath: folder.file("v1-capture")))
    let v2 = samplePost.appendingPathComponent("v2.html").path
    let reference = try redline(["diff", samplePost.appendingPathComponent("v1.html").path, v2])
    let mapped = try redline(["diff", folder.file("v1-capture"), v2])
    #expect(mapped.status == 1)
    let hunks = { (text: String) in text.split(separator: "\n").dropFirst(2).joined(separator: "\n")
    }
    #expect(hunks(mapped.stdout) == hunks(reference.stdout))
    #expect(!hunks(mapped.stdout).isEmpty)
  }

  @Test("word diff, stat and JSON views")
  func views() throws {
    try withFiles("x\nthe quick fox\n", "x\nthe slow fox\n") { _, old, new in
      let plain = try redline(["diff", "--word-diff", old, new])
      #expect(plain.stdout.hasSuffix("@@ -1,2 +1,2 @@\nx\nthe [-quick-]{+slow+} fox\n"))
      let porcelain = try redline(["diff", "--word-diff=porcelain", old, new])
      #expect(porcelain.stdout.hasSuffix(" the \n-quick\n+slow\n  fox\n~\n"))
      let stat = try redline(["diff", "--stat", old, new])
      #expect(
        stat.stdout
          == " \(old) => \(new) | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n")
      let json = try redline(["diff", "--format", "json", old, new])
      #expect(json.stdout.contains("\"wordChanges\":[{\"oldLine\":2,\"newLine\":2"))
      let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
      #expect((object as? [String: Any])?["linesAdded"] as? Int == 1)
    }
  }

  @Test("colour: never by default off a terminal, always on request, NO_COLOR respected")
  func colour() throws {
    try withFiles("the quick fox\n", "the slow fox\n") { _, old, new in
      let plain = try redline(["diff", old, new], environment: ["NO_COLOR": ""])
      #expect(!plain.stdout.contains("\u{1B}["))
      let forced = try redline(["diff", "--color=always", old, new])
      #expect(forced.stdout.contains("\u{1B}[31m-the \u{1B}[7mquick\u{1B}[27m fox\u{1B}[m"))
      let bare = try redline(["diff", "--color", old, new])
      #expect(bare.stdout == forced.stdout)
      let never = try redline(["diff", "--color=never", old, new])
      #expect(never.stdout == plain.stdout)
      let words = try redline(["diff", "--word-diff=color", old, new])
      #expect(words.stdout.contains("\u{1B}[31mquick\u{1B}[m\u{1B}[32mslow\u{1B}[m"))
    }
  }

  @Test("algorithms, --minimal, -U and --ignore-whitespace")
  func options() throws {
    try withFiles("a  b\nc\nd\ne\n", "a b\nc\nD\ne\n") { _, old, new in
      let ignoring = try redline(["diff", "--ignore-whitespace", "-U0", old, new])
      #expect(ignoring.status == 1)
      #expect(ignoring.stdout.hasSuffix("@@ -3 +3 @@\n-d\n+D\n"))
      let spaced = try redline(["diff", "-w", old, old])
      #expect(spaced.status == 0)
      for algorithm in ["myers", "histogram"] {
        let result = try redline(["diff", "--algorithm", algorithm, "--minimal", old, new])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\n-a  b\n+a b\n"))
      }
      #expect(try redline(["diff", "--algorithm", "patience", old, new]).status == 2)
    }
  }
}
