import Testing
import TextDiff

@Suite("Lines, edit scripts and rendering")
struct LineAndScriptTests {
  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test(
    "splitLines splits on LF only",
    arguments: [
      ("", [Line]()),
      ("\n", [Line(bytes: [], hasNewline: true)]),
      ("a", [Line(bytes: [97], hasNewline: false)]),
      ("a\r\nb", [Line(bytes: [97, 13], hasNewline: true), Line(bytes: [98], hasNewline: false)]),
      (
        "a\rb\n\n",
        [Line(bytes: [97, 13, 98], hasNewline: true), Line(bytes: [], hasNewline: true)]
      ),
    ])
  func splitLinesOnLineFeed(text: String, lines: [Line]) {
    #expect(splitLines(Array(text.utf8)) == lines)
  }

  @Test("a line without a newline differs from the same bytes with one")
  func missingNewlineMakesLinesDiffer() {
    #expect(Line(bytes: [97], hasNewline: true) != Line(bytes: [97], hasNewline: false))
  }

  @Test("NFC and NFD spellings are different lines, unlike with String ==")
  func normalizationFormsDiffer() {
    let composed = "caf\u{E9}\n"
    let decomposed = "cafe\u{301}\n"
    #expect(composed == decomposed)  // canonical equivalence: why lines are compared as bytes
    let result = diffLines(old: bytes(composed), new: bytes(decomposed))
    #expect(!result.isIdentical)
    #expect(result.linesAdded == 1 && result.linesRemoved == 1)
  }

  @Test("diff on Hashable elements groups adjacent changes")
  func genericDiff() {
    let script = diff(["a", "b", "c", "d"], ["a", "x", "y", "d", "e"])
    #expect(
      script.changes == [
        EditScript.Change(oldRange: 1..<3, newRange: 1..<3),
        EditScript.Change(oldRange: 4..<4, newRange: 4..<5),
      ])
    #expect(script.removedCount == 2 && script.insertedCount == 3)
    #expect(diff([1, 2, 3], [1, 2, 3]).isEmpty)
    #expect(diff([Int](), [Int]()).isEmpty)
  }

  @Test("change groups slide down to GNU's placement")
  func changeGroupsSlideDown() {
    // Deleting one of two equal adjacent lines: GNU reports the later one.
    let script = diff(["a", "b", "b", "c"], ["a", "b", "c"])
    #expect(script.changes == [EditScript.Change(oldRange: 2..<3, newRange: 2..<2)])
  }

  @Test("identical texts render to nothing")
  func identicalRendersEmpty() {
    let text = bytes("same\n")
    let result = diffLines(old: text, new: text)
    #expect(result.isIdentical)
    #expect(result.hunks.isEmpty)
    #expect(renderUnified(result, oldHeader: "a", newHeader: "b").isEmpty)
  }

  @Test("headers are written as given, with their tab")
  func headersWithTimestamps() {
    let result = diffLines(old: bytes("a\n"), new: bytes("b\n"))
    let rendered = renderUnified(
      result, oldHeader: "old.txt\t2016-07-02 10:00:00.000000000 +0000",
      newHeader: "https://x/y\t20160702T100000Z")
    let expected =
      "--- old.txt\t2016-07-02 10:00:00.000000000 +0000\n+++ https://x/y\t20160702T100000Z\n"
      + "@@ -1 +1 @@\n-a\n+b\n"
    #expect(rendered == bytes(expected))
  }

  @Test("an insertion with no context names the line before it")
  func zeroCountHeader() throws {
    let result = diffLines(
      old: bytes("1\n2\n3\n4\n5\n"), new: bytes("1\n2\n3\n4\n5\n6\n"), context: 0)
    let hunk = try #require(result.hunks.first)
    #expect(hunk.oldStart == 5 && hunk.oldCount == 0)
    #expect(hunk.newStart == 6 && hunk.newCount == 1)
    let rendered = renderUnified(result, oldHeader: "old", newHeader: "new")
    #expect(rendered == bytes("--- old\n+++ new\n@@ -5,0 +6 @@\n+6\n"))
  }

  @Test("NUL, CR and invalid UTF-8 bytes pass through unchanged")
  func rawBytesPassThrough() {
    let old: [UInt8] = [0, 0xFF, 13, 10]
    let new: [UInt8] = [0, 0xFE, 13, 10]
    let rendered = renderUnified(diffLines(old: old, new: new), oldHeader: "o", newHeader: "n")
    let expected =
      bytes("--- o\n+++ n\n@@ -1 +1 @@\n-") + [0, 0xFF, 13, 10]
      + bytes("+") + [0, 0xFE, 13, 10]
    #expect(rendered == expected)
  }

  @Test("the cost cut-off still yields a correct diff on large unrelated texts")
  func costCutOffStaysCorrect() {
    var random = SplitMix64(seed: 99)
    func text() -> [UInt8] {
      Array((0..<6000).map { _ in "w\(Int.random(in: 0..<40, using: &random))\n" }.joined().utf8)
    }
    let old = text()
    let new = text()
    let standard = diffLines(old: old, new: new, algorithm: .myers)
    #expect(apply(standard, to: old) == new)
    let minimal = diffLines(old: old, new: new, algorithm: .myers, minimal: true)
    #expect(apply(minimal, to: old) == new)
    #expect(
      minimal.linesAdded + minimal.linesRemoved <= standard.linesAdded + standard.linesRemoved)
  }
}
