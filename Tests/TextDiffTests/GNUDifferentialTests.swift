import Foundation
import Testing
import TextDiff

/// Compares the renderer with the installed GNU diff on seeded random texts. The golden fixtures
/// pin the format; this covers the placement rules (discarding, cost cut-off, boundary shifting)
/// on many more shapes. Skipped where `/usr/bin/diff` is missing.
@Suite(
  "Random texts match the installed GNU diff",
  .enabled(if: FileManager.default.isExecutableFile(atPath: GNUDiff.path)))
struct GNUDifferentialTests {
  static let seeds: [UInt64] = [101, 102, 103, 104]
  static let casesPerSeed = 40

  @Test("renderUnified equals diff -U", arguments: seeds)
  func matchesInstalledDiff(seed: UInt64) throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("TextDiffTests-\(seed)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    var generator = TextGenerator(seed: seed)
    for index in 0..<Self.casesPerSeed {
      let alphabetSize = Int.random(in: 2...TextGenerator.alphabet.count, using: &generator.random)
      let count = [0, 5, 20, 80, 300].randomElement(using: &generator.random) ?? 20
      let edits = Int.random(in: 1...20, using: &generator.random)
      let context = [0, 1, 3, 3, 5].randomElement(using: &generator.random) ?? 3
      let oldLines = generator.lines(count: count, alphabetSize: alphabetSize)
      let newLines = generator.edited(oldLines, edits: edits, alphabetSize: alphabetSize)
      let old = generator.text(oldLines)
      let new = generator.text(newLines)

      let expected = try GNUDiff.run(
        old: old, new: new, context: context, in: directory, name: "\(index)")
      let actual = renderUnified(
        diffLines(old: old, new: new, context: context, algorithm: .myers), oldHeader: "old",
        newHeader: "new")
      #expect(
        actual == expected,
        "seed \(seed) case \(index) -U\(context):\n\(mismatchReport(expected: expected, actual: actual))"
      )
    }
  }
}

/// Runs the system's GNU diff on two byte strings.
enum GNUDiff {
  static let path = "/usr/bin/diff"

  static func run(
    old: [UInt8], new: [UInt8], context: Int, in directory: URL, name: String
  ) throws -> [UInt8] {
    let oldFile = directory.appendingPathComponent("\(name).old")
    let newFile = directory.appendingPathComponent("\(name).new")
    try Data(old).write(to: oldFile)
    try Data(new).write(to: newFile)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = [
      "-U\(context)", "--label", "old", "--label", "new", oldFile.path, newFile.path,
    ]
    process.environment = ["LC_ALL": "C"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus != 2, "diff failed")
    return [UInt8](data)
  }
}
