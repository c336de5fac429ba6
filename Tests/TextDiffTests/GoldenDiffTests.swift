import Foundation
import Testing
import TextDiff

@Suite("Unified output matches GNU diff 3.8 byte for byte")
struct GoldenDiffTests {
  @Test("fixture folders are present")
  func fixturesArePresent() {
    let names = Set(GoldenCase.all.map(\.name))
    #expect(names.count >= 24, "expected the fixture folders next to this file")
    for required in ["hunk_gap_6", "hunk_gap_7", "nfc_vs_nfd", "only_final_newline_differs"] {
      #expect(names.contains(required), "missing fixture \(required)")
    }
    #expect(GoldenCase.all.contains { $0.context == 0 })
    #expect(GoldenCase.all.contains { $0.context == 1 })
  }

  @Test("rendered diff equals diff -u output", arguments: GoldenCase.all)
  func renderedDiffMatchesGNU(_ golden: GoldenCase) throws {
    let old = try golden.old
    let new = try golden.new
    let expected = try golden.expected
    let result = diffLines(old: old, new: new, context: golden.context, algorithm: .myers)
    let actual = renderUnified(result, oldHeader: "old", newHeader: "new")
    #expect(
      actual == expected,
      "output differs from GNU diff:\n\(mismatchReport(expected: expected, actual: actual))")
  }

  @Test("the hunks apply back to the new text", arguments: GoldenCase.all)
  func hunksApply(_ golden: GoldenCase) throws {
    let old = try golden.old
    let new = try golden.new
    for algorithm in DiffAlgorithm.allCases {
      let result = diffLines(old: old, new: new, context: golden.context, algorithm: algorithm)
      #expect(apply(result, to: old) == new, "\(algorithm)")
      #expect(result.isIdentical == (old == new))
    }
  }

  @Test("added and removed counts match the expected output", arguments: GoldenCase.all)
  func countsMatchExpectedOutput(_ golden: GoldenCase) throws {
    let expectedLines = splitLines(try golden.expected).dropFirst(2)
    let added = expectedLines.filter { $0.bytes.first == UInt8(ascii: "+") }.count
    let removed = expectedLines.filter { $0.bytes.first == UInt8(ascii: "-") }.count
    let result = diffLines(
      old: try golden.old, new: try golden.new, context: golden.context, algorithm: .myers)
    #expect(result.linesAdded == added)
    #expect(result.linesRemoved == removed)
  }
}
