import Testing
import TextDiff

@Suite("Minimal diffs change exactly N + M − 2·LCS elements")
struct MinimalityTests {
  static let seeds: [UInt64] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
  static let casesPerSeed = 100

  @Test("minimal scripts match a brute-force LCS", arguments: seeds)
  func minimalScriptLength(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<Self.casesPerSeed {
      let old = randomSequence(&random)
      let new = randomSequence(&random)
      let bound = old.count + new.count - 2 * longestCommonSubsequence(old, new)

      let minimal = diff(old, new, algorithm: .myers, minimal: true)
      #expect(minimal.removedCount + minimal.insertedCount == bound, "\(old) -> \(new)")

      // The default mode may set aside very frequent elements (as GNU diff does), so it is
      // only bounded from below; on inputs this small it is almost always minimal too.
      let standard = diff(old, new, algorithm: .myers)
      #expect(standard.removedCount + standard.insertedCount >= bound)
      let histogram = diff(old, new, algorithm: .histogram)
      #expect(histogram.removedCount + histogram.insertedCount >= bound)
    }
  }

  @Test("minimal line diffs match a brute-force LCS", arguments: seeds)
  func minimalLineDiffLength(seed: UInt64) {
    var random = SplitMix64(seed: seed &+ 1000)
    let alphabet = ["x\n", "y\n", "\n"]
    for _ in 0..<Self.casesPerSeed {
      let old = randomSequence(&random)
      let new = randomSequence(&random)
      let bound = old.count + new.count - 2 * longestCommonSubsequence(old, new)
      let oldText = Array(old.map { alphabet[$0] }.joined().utf8)
      let newText = Array(new.map { alphabet[$0] }.joined().utf8)
      let result = diffLines(old: oldText, new: newText, algorithm: .myers, minimal: true)
      #expect(result.linesAdded + result.linesRemoved == bound)
      #expect(apply(result, to: oldText) == newText)
    }
  }

  /// Up to 12 elements from an alphabet of 3.
  private func randomSequence(_ random: inout SplitMix64) -> [Int] {
    let count = Int.random(in: 0...12, using: &random)
    return (0..<count).map { _ in Int.random(in: 0..<3, using: &random) }
  }

  /// The length of the longest common subsequence, by the textbook O(N·M) table.
  private func longestCommonSubsequence(_ first: [Int], _ second: [Int]) -> Int {
    var table = [[Int]](
      repeating: [Int](repeating: 0, count: second.count + 1), count: first.count + 1)
    for row in 1...max(first.count, 1) where row <= first.count {
      for column in 1...max(second.count, 1) where column <= second.count {
        table[row][column] =
          first[row - 1] == second[column - 1]
          ? table[row - 1][column - 1] + 1
          : max(table[row - 1][column], table[row][column - 1])
      }
    }
    return table[first.count][second.count]
  }
}
