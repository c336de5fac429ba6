import Foundation
import Testing
import TextDiff

@Suite("Histogram diff anchors on rare lines")
struct HistogramTests {
  private func text(_ lines: [String]) -> [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }

  @Test("a moved block keeps its longest unique run and moves the rest as one block")
  func movedBlock() {
    let script = diff(["A", "B", "C"], ["C", "A", "B"], algorithm: .histogram)
    #expect(
      script.changes == [
        EditScript.Change(oldRange: 0..<0, newRange: 0..<1),
        EditScript.Change(oldRange: 2..<3, newRange: 3..<3),
      ])
  }

  @Test("swapped halves change about half the lines GNU's cut-off Myers does")
  func swappedHalves() {
    // 6,000 unique lines per half: large enough for Myers' cost cut-off to give up.
    let first = (0..<6000).map { "first half line \($0)" }
    let second = (0..<6000).map { "second half line \($0)" }
    let old = text(first + second)
    let new = text(second + first)
    let histogram = diffLines(old: old, new: new, algorithm: .histogram)
    let myers = diffLines(old: old, new: new, algorithm: .myers)
    #expect(apply(histogram, to: old) == new)
    #expect(apply(myers, to: old) == new)
    #expect(histogram.linesAdded + histogram.linesRemoved == 12_000)
    #expect(myers.linesAdded + myers.linesRemoved >= histogram.linesAdded + histogram.linesRemoved)
  }

  @Test("a rewritten paragraph is one removed block and one added block")
  func rewrittenParagraph() {
    let old = ["# Title", "", "Intro stays.", "", "Old one.", "", "Old two.", "", "End stays."]
    let new = ["# Title", "", "Intro stays.", "", "New one.", "New two.", "", "End stays."]
    let script = diff(old, new, algorithm: .histogram)
    #expect(script.changes.count == 1)
  }

  @Test("regions of only frequent shared lines fall back to Myers and stay correct")
  func frequentLinesFallBack() {
    // Two symbols, each far above the 64-occurrence limit.
    let old = (0..<2000).map { $0 % 2 == 0 ? "a" : "b" }
    var new = old
    new.insert("a", at: 700)
    new.remove(at: 1500)
    let histogram = diff(old, new, algorithm: .histogram)
    let minimal = diff(old, new, algorithm: .myers, minimal: true)
    #expect(
      histogram.removedCount + histogram.insertedCount
        == minimal.removedCount + minimal.insertedCount)
    #expect(apply(diffLines(old: text(old), new: text(new)), to: text(old)) == text(new))
  }

  @Test(
    "changed-line counts equal git's --histogram on random texts",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")),
    arguments: [201, 202, 203] as [UInt64])
  func matchesGitHistogramCounts(seed: UInt64) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("redline-histogram-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var random = SplitMix64(seed: seed)
    for index in 0..<20 {
      let alphabet = (0..<Int.random(in: 3...40, using: &random)).map { "line \($0)" }
      let old = (0..<Int.random(in: 0...200, using: &random)).map { _ in
        alphabet.randomElement(using: &random) ?? ""
      }
      var new = old
      for _ in 0..<Int.random(in: 1...15, using: &random) {
        let position = Int.random(in: 0...new.count, using: &random)
        if position < new.count && Bool.random(using: &random) {
          new.remove(at: position)
        } else {
          new.insert(alphabet.randomElement(using: &random) ?? "", at: position)
        }
      }
      let ours = diffLines(old: text(old), new: text(new), algorithm: .histogram)
      let gits = try gitHistogramChangedLines(text(old), text(new), in: folder)
      #expect(
        ours.linesAdded + ours.linesRemoved == gits, "seed \(seed) case \(index): \(old) -> \(new)")
    }
  }

  /// Runs `git diff --no-index --histogram` and counts its changed lines.
  private func gitHistogramChangedLines(_ old: [UInt8], _ new: [UInt8], in folder: URL) throws
    -> Int
  {
    let oldFile = folder.appendingPathComponent("old")
    let newFile = folder.appendingPathComponent("new")
    try Data(old).write(to: oldFile)
    try Data(new).write(to: newFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = [
      "diff", "--no-index", "--no-color", "--no-ext-diff", "--histogram", oldFile.path,
      newFile.path,
    ]
    process.environment = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.path, "LC_ALL": "C"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return splitLines([UInt8](output)).filter { line in
      guard let first = line.bytes.first else { return false }
      let isHeader =
        line.bytes.starts(with: Array("+++".utf8)) || line.bytes.starts(with: Array("---".utf8))
      return (first == UInt8(ascii: "+") || first == UInt8(ascii: "-")) && !isHeader
    }.count
  }
}
