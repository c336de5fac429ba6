import Testing

@testable import TextDiff

@Suite("Line splitting and the byte-compared head and tail")
struct LineTableTests {
  static let seeds: [UInt64] = [11, 12, 13, 14]

  @Test("splitting with memchr finds exactly the newlines", arguments: seeds)
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
    "the byte-compared common head and tail count the lines a line-by-line scan does",
    arguments: seeds)
  func commonEndsMatchLineComparison(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    // Few distinct bytes, so texts share long runs and often end mid-line or without "\n";
    // each side is a shared text with something (often nothing) put before and after it, so
    // one text is often the other's head or tail, where the line counting is easiest to get
    // wrong.
    let bytes: [UInt8] = [0x0A, 0x0A, 0x61, 0x62]
    func randomText(maximum: Int) -> [UInt8] {
      guard Int.random(in: 0..<3, using: &random) > 0 else { return [] }
      return (0..<Int.random(in: 1...maximum, using: &random)).map { _ in
        bytes[Int.random(in: 0..<bytes.count, using: &random)]
      }
    }
    for _ in 0..<3_000 {
      let shared = randomText(maximum: 24)
      let old = randomText(maximum: 6) + shared + randomText(maximum: 6)
      let new =
        Bool.random(using: &random) && Bool.random(using: &random)
        ? old : randomText(maximum: 6) + shared + randomText(maximum: 6)
      let oldLines = splitLines(old)
      let newLines = splitLines(new)
      let shorter = min(oldLines.count, newLines.count)
      var head = 0
      while head < shorter && oldLines[head] == newLines[head] { head += 1 }
      var tail = 0
      while tail < shorter
        && oldLines[oldLines.count - 1 - tail] == newLines[newLines.count - 1 - tail]
      {
        tail += 1
      }
      let found = LineTable(old).commonEnds(with: LineTable(new))
      #expect(found.head == head && found.tail == tail, "\(old) vs \(new)")
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
