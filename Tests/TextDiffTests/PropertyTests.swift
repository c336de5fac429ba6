import Testing

@testable import TextDiff

@Suite("Properties on seeded random texts")
struct PropertyTests {
  /// Seeds for the random cases: each seed runs `casesPerSeed` texts.
  static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
  static let casesPerSeed = 60

  @Test("applying the hunks to the old text gives the new text", arguments: seeds)
  func applyRestoresNewText(seed: UInt64) throws {
    var generator = TextGenerator(seed: seed)
    for _ in 0..<Self.casesPerSeed {
      let alphabetSize = Int.random(in: 2...TextGenerator.alphabet.count, using: &generator.random)
      let count = Int.random(in: 0...40, using: &generator.random)
      let edits = Int.random(in: 0...8, using: &generator.random)
      let context = Int.random(in: 0...4, using: &generator.random)
      let oldLines = generator.lines(count: count, alphabetSize: alphabetSize)
      let newLines = generator.edited(oldLines, edits: edits, alphabetSize: alphabetSize)
      let old = generator.text(oldLines)
      let new = generator.text(newLines)

      for algorithm in DiffAlgorithm.allCases {
        let result = diffLines(old: old, new: new, context: context, algorithm: algorithm)
        #expect(apply(result, to: old) == new, "\(algorithm) -U\(context): \(old) -> \(new)")
        #expect(result.isIdentical == (old == new))
        try checkHunks(result, old: old, new: new)
      }
    }
  }

  @Test("a hunk that does not match the old text is refused")
  func mismatchedHunkIsRefused() {
    let old = Array("a\nb\nc\n".utf8)
    let result = diffLines(old: old, new: Array("a\nB\nc\n".utf8))
    #expect(apply(result, to: Array("a\nx\nc\n".utf8)) == nil)
    #expect(apply(result, to: Array("a\nb\n".utf8)) == nil)
    #expect(apply(result, to: Array("a\nb\nc".utf8)) == nil)
  }

  @Test("the generic edit script pairs equal elements", arguments: seeds)
  func editScriptInvariants(seed: UInt64) {
    var generator = TextGenerator(seed: seed &* 31)
    for _ in 0..<Self.casesPerSeed {
      let old = generator.lines(
        count: Int.random(in: 0...30, using: &generator.random), alphabetSize: 4)
      let new = generator.edited(
        old, edits: Int.random(in: 0...10, using: &generator.random), alphabetSize: 4)
      for algorithm in DiffAlgorithm.allCases {
        checkScript(diff(old, new, algorithm: algorithm), old: old, new: new)
      }
    }
  }

  /// Checks that a script's unchanged elements pair up equal and that its groups do not touch.
  private func checkScript(_ script: EditScript, old: [String], new: [String]) {
    #expect(script.oldCount == old.count && script.newCount == new.count)
    var oldIndex = 0
    var newIndex = 0
    var unchangedOld: [String] = []
    var unchangedNew: [String] = []
    for change in script.changes {
      #expect(change.oldRange.lowerBound >= oldIndex && change.newRange.lowerBound >= newIndex)
      #expect(!change.oldRange.isEmpty || !change.newRange.isEmpty)
      unchangedOld += old[oldIndex..<change.oldRange.lowerBound]
      unchangedNew += new[newIndex..<change.newRange.lowerBound]
      oldIndex = change.oldRange.upperBound
      newIndex = change.newRange.upperBound
    }
    unchangedOld += old[oldIndex...]
    unchangedNew += new[newIndex...]
    #expect(unchangedOld == unchangedNew)
    #expect(script.isEmpty == (old == new))
    for (earlier, later) in zip(script.changes, script.changes.dropFirst()) {
      #expect(later.oldRange.lowerBound > earlier.oldRange.upperBound, "groups must not touch")
    }
  }

  /// Checks the hunks' own invariants: headers agree with their lines, counts add up, and every
  /// change group lists its removed lines before its added lines.
  private func checkHunks(_ result: LineDiff, old: [UInt8], new: [UInt8]) throws {
    var added = 0
    var removed = 0
    var previousOldEnd = 0
    for hunk in result.hunks {
      let contextLines = hunk.lines.filter { $0.kind == .context }.count
      let removedLines = hunk.lines.filter { $0.kind == .removed }.count
      let addedLines = hunk.lines.filter { $0.kind == .added }.count
      #expect(hunk.oldCount == contextLines + removedLines)
      #expect(hunk.newCount == contextLines + addedLines)
      #expect(removedLines + addedLines > 0)
      let start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1
      #expect(start >= previousOldEnd)
      previousOldEnd = start + hunk.oldCount
      for (line, next) in zip(hunk.lines, hunk.lines.dropFirst()) {
        #expect(!(line.kind == .added && next.kind == .removed), "'+' before '-' in one group")
      }
      added += addedLines
      removed += removedLines
    }
    #expect(result.linesAdded == added)
    #expect(result.linesRemoved == removed)
    let oldLineCount = splitLines(old).count
    let newLineCount = splitLines(new).count
    #expect(oldLineCount - removed == newLineCount - added)
  }
}

/// Text held in memory the test allocates and frees, standing in for a mapped file.
private final class BorrowedText: @unchecked Sendable {
  let buffer: UnsafeMutableRawBufferPointer

  init(_ bytes: [UInt8]) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(bytes.count, 1), alignment: 1)
    bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    self.buffer = buffer
    count = bytes.count
  }

  let count: Int

  var text: TextBytes {
    TextBytes(borrowing: UnsafeRawBufferPointer(rebasing: buffer[0..<count]), owner: self)
  }

  deinit { buffer.deallocate() }
}

@Suite("Diffing text read in place")
struct BorrowedTextTests {
  @Test("borrowed memory gives the same diff as arrays", arguments: PropertyTests.seeds)
  func sameAsArrays(seed: UInt64) {
    var generator = TextGenerator(seed: seed)
    for _ in 0..<PropertyTests.casesPerSeed {
      let alphabetSize = Int.random(in: 2...TextGenerator.alphabet.count, using: &generator.random)
      let oldLines = generator.lines(
        count: Int.random(in: 0...40, using: &generator.random), alphabetSize: alphabetSize)
      let newLines = generator.edited(
        oldLines, edits: Int.random(in: 0...8, using: &generator.random),
        alphabetSize: alphabetSize)
      let old = generator.text(oldLines)
      let new = generator.text(newLines)
      for algorithm in DiffAlgorithm.allCases {
        let fromArrays = diffLines(old: old, new: new, algorithm: algorithm)
        let fromMemory = diffLines(
          old: BorrowedText(old).text, new: BorrowedText(new).text, algorithm: algorithm)
        #expect(fromMemory.hunks == fromArrays.hunks, "\(algorithm): \(old) -> \(new)")
        #expect(
          renderUnified(fromMemory, oldHeader: "a", newHeader: "b")
            == renderUnified(fromArrays, oldHeader: "a", newHeader: "b"))
      }
    }
  }

  @Test("a diff keeps the memory it points into alive, and lets it go after")
  func diffOwnsItsText() {
    weak var released: BorrowedText?
    var diff: LineDiff? = {
      let old = BorrowedText(Array("a\nb\nc\n".utf8))
      let new = BorrowedText(Array("a\nB\nc\n".utf8))
      released = old
      return diffLines(old: old.text, new: new.text)
    }()
    #expect(released != nil)
    #expect(
      diff.map { renderUnified($0, oldHeader: "a", newHeader: "b") }
        == Array("--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n".utf8))
    diff = nil
    #expect(released == nil)
  }
}
