import Foundation
import Testing
import TextDiff

/// Applies our unified diffs with the real `patch --fuzz=0` and `git apply` on temporary files and
/// checks that they give the new text byte for byte. Each tool's tests are skipped where it is
/// not installed.
@Suite("patch and git apply turn the old text into the new one")
struct PatchApplicationTests {
  /// Edge cases the issue names, as (name, old, new).
  static let edgeCases: [(String, [UInt8], [UInt8])] = {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    let longLine = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    var longLineEdited = longLine
    longLineEdited[longLine.count / 2] = UInt8(ascii: "y")
    return [
      ("empty old", [], bytes("a\nb\n")),
      ("empty new", bytes("a\nb\n"), []),
      ("identical", bytes("a\nb\n"), bytes("a\nb\n")),
      ("no final newline, old", bytes("a\nb"), bytes("a\nc\n")),
      ("no final newline, new", bytes("a\nb\n"), bytes("a\nb")),
      ("no final newline, both", bytes("x\na\nb"), bytes("y\na\nb")),
      ("crlf", bytes("one\r\ntwo\r\nthree\r\n"), bytes("one\r\n2\r\nthree\r\n")),
      ("bare cr", bytes("a\rb\nc\n"), bytes("a\rB\nc\n")),
      ("nfc vs nfd", bytes("caf\u{E9}\n"), bytes("cafe\u{301}\n")),
      ("emoji", bytes("👍 ok\n🇱🇾\n"), bytes("👎 ok\n🇱🇾\n👨‍👩‍👧\n")),
      ("a 1 MB single line", longLine + [10], longLineEdited + [10]),
      ("blank lines only", bytes("\n\n\n\n"), bytes("\n\n\n\n\n\n")),
      (
        "lines that look like diff syntax",
        bytes("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n\\ No newline at end of file\n"),
        bytes("--- b\n+++ a\n@@ -1 +1 @@\n+x\n-y\n\\ No newline at end of file\n--\n")
      ),
    ]
  }()

  @Test("patch --fuzz=0 applies every edge case", arguments: DiffAlgorithm.allCases, [3, 0])
  func patchAppliesEdgeCases(algorithm: DiffAlgorithm, context: Int) throws {
    try #require(Tool.patch.isInstalled, "patch is not installed")
    for (name, old, new) in Self.edgeCases {
      let diff = diffLines(old: old, new: new, context: context, algorithm: algorithm)
      #expect(try Tool.patch.apply(diff, to: old) == new, "\(name)")
    }
  }

  @Test("git apply applies every edge case", arguments: DiffAlgorithm.allCases, [3, 0])
  func gitApplyAppliesEdgeCases(algorithm: DiffAlgorithm, context: Int) throws {
    try #require(Tool.git.isInstalled, "git is not installed")
    for (name, old, new) in Self.edgeCases where old != new {
      let diff = diffLines(old: old, new: new, context: context, algorithm: algorithm)
      #expect(try Tool.git.apply(diff, to: old) == new, "\(name)")
    }
  }

  @Test("both tools apply diffs of random texts", arguments: DiffAlgorithm.allCases)
  func toolsApplyRandomDiffs(algorithm: DiffAlgorithm) throws {
    let tools = [Tool.patch, Tool.git].filter(\.isInstalled)
    try #require(!tools.isEmpty, "neither patch nor git is installed")
    var generator = TextGenerator(seed: 77)
    for index in 0..<15 {
      let count = Int.random(in: 0...60, using: &generator.random)
      let oldLines = generator.lines(count: count, alphabetSize: TextGenerator.alphabet.count)
      let newLines = generator.edited(
        oldLines, edits: Int.random(in: 1...10, using: &generator.random),
        alphabetSize: TextGenerator.alphabet.count)
      let old = generator.text(oldLines)
      let new = generator.text(newLines)
      guard old != new else { continue }
      let context = index % 3 == 0 ? 0 : 3
      let diff = diffLines(old: old, new: new, context: context, algorithm: algorithm)
      for tool in tools {
        #expect(try tool.apply(diff, to: old) == new, "\(tool) case \(index) -U\(context)")
      }
    }
  }
}

/// A patch tool run on temporary files.
enum Tool: CustomStringConvertible {
  case patch
  case git

  var path: String {
    switch self {
    case .patch: "/usr/bin/patch"
    case .git: "/usr/bin/git"
    }
  }

  var description: String { self == .patch ? "patch" : "git apply" }

  var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// Writes `old` to a file, applies the rendered diff to it with the tool, and returns the
  /// file's bytes afterwards, or `nil` when the tool refused the diff.
  func apply(_ diff: LineDiff, to old: [UInt8]) throws -> [UInt8]? {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("redline-apply-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("post.txt")
    try Data(old).write(to: target)
    let patchFile = folder.appendingPathComponent("change.diff")
    try Data(renderUnified(diff, oldHeader: "a/post.txt", newHeader: "b/post.txt"))
      .write(to: patchFile)
    guard !diff.isIdentical else { return old }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.currentDirectoryURL = folder
    switch self {
    case .patch:
      process.arguments = ["--fuzz=0", "--batch", "--silent", "-p1", "-i", patchFile.path]
    case .git:
      process.arguments = [
        "apply", "--unidiff-zero", "--whitespace=nowarn", "-p1", patchFile.path,
      ]
    }
    process.environment = ["LC_ALL": "C", "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return [UInt8](try Data(contentsOf: target))
  }
}
