import Testing

@testable import TextDiff

@Suite("Line splitting and the byte-compared head and tail")
struct LineTableTests {
  static let seeds: [UInt64] = [11, 12, 13, 14]

  @Test("splitting eight bytes at a time finds exactly the newlines", arguments: seeds)
  func splitsLikeAByteScan(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    // Bytes next to "\n" in value (0x0B is the one a loose zero-byte test would also flag), the
    // same low bits with the top bit set, and ordinary letters.
    let bytes: [UInt8] = [0x0A, 0x0A, 0x0B, 0x09, 0x8A, 0x8B, 0x00, 0xFF, 0x61, 0x01]
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 0...70, using: &random)).map { _ in
        bytes[Int.random(in: 0..<bytes.count, using: &random)]
      }
      var starts = [0]
      for (index, byte) in text.enumerated() where byte == 0x0A { starts.append(index + 1) }
      if let last = text.last, last != 0x0A { starts.append(text.count + 1) }
      let table = LineTable(text)
      #expect(table.starts == starts, "\(text)")
      #expect((0..<table.count).map { table.line($0) } == splitLines(text))
    }
  }

  @Test(
    "analysing only the lines between the byte-compared head and tail changes nothing",
    arguments: seeds)
  func windowGivesTheFullAnalysis(seed: UInt64) {
    var generator = TextGenerator(seed: seed)
    for _ in 0..<80 {
      // A long shared head and tail of frequent lines, so changes can slide into the context
      // kept around them.
      let alphabetSize = Int.random(in: 2...4, using: &generator.random)
      let head = generator.lines(
        count: Int.random(in: 0...12, using: &generator.random), alphabetSize: alphabetSize)
      let middle = generator.lines(
        count: Int.random(in: 0...10, using: &generator.random), alphabetSize: alphabetSize)
      let tail = generator.lines(
        count: Int.random(in: 0...12, using: &generator.random), alphabetSize: alphabetSize)
      let edited = generator.edited(
        middle, edits: Int.random(in: 0...4, using: &generator.random),
        alphabetSize: alphabetSize)
      let old = generator.text(head + middle + tail)
      let new = generator.text(head + edited + tail)
      for algorithm in DiffAlgorithm.allCases {
        for context in 0...4 {
          let windowed = diffLines(old: old, new: new, context: context, algorithm: algorithm)
          #expect(
            windowed.hunks == fullAnalysisHunks(old, new, context: context, algorithm: algorithm),
            "\(algorithm) -U\(context): \(old) -> \(new)")
        }
      }
    }
  }

  /// The hunks from hashing and analysing every line of both texts, as before the head and
  /// tail were trimmed on bytes.
  private func fullAnalysisHunks(
    _ old: [UInt8], _ new: [UInt8], context: Int, algorithm: DiffAlgorithm
  ) -> [Hunk] {
    let oldLines = LineTable(old)
    let newLines = LineTable(new)
    let (oldIDs, newIDs, classCount) = internLines(oldLines, newLines)
    let flags = ChangeAnalysis.changeFlags(
      old: oldIDs, new: newIDs, classCount: classCount, horizon: context, algorithm: algorithm,
      minimal: false)
    return HunkBuilder(old: oldLines, new: newLines, context: context)
      .hunks(for: EditScript(flags))
  }
}
