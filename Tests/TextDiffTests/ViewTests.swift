import Testing
import TextDiff

/// Word diff, colour, stat and JSON views. The expected word-diff bytes are what
/// `git diff --no-index --word-diff=STYLE` (git 2.39) prints for the same texts, headers aside.
@Suite("Views: word diff, colour, stat, JSON")
struct ViewTests {
  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
  private let old = Array("x\nthe quick brown fox\njumps over\ny\nz\n".utf8)
  private let new = Array("x\nthe slow brown  fox\njumps\ny\nz\n".utf8)
  private let header = "--- a\n+++ b\n@@ -1,5 +1,5 @@\n"

  private func words(_ old: String, _ new: String, _ style: WordDiffStyle) -> String {
    let diff = diffLines(old: bytes(old), new: bytes(new))
    let rendered = renderWordDiff(diff, oldHeader: "a", newHeader: "b", style: style)
    return String(decoding: rendered, as: UTF8.self)
  }

  @Test("plain word diff marks [-removed-]{+added+} in the new text")
  func plainWordDiff() {
    let diff = diffLines(old: old, new: new)
    let rendered = renderWordDiff(diff, oldHeader: "a", newHeader: "b", style: .plain)
    #expect(
      String(decoding: rendered, as: UTF8.self)
        == header + "x\nthe [-quick-]{+slow+} brown  fox\njumps[-over-]\ny\nz\n")
  }

  @Test("porcelain word diff: one piece per line, ~ for a newline")
  func porcelainWordDiff() {
    let diff = diffLines(old: old, new: new)
    let rendered = renderWordDiff(diff, oldHeader: "a", newHeader: "b", style: .porcelain)
    #expect(
      String(decoding: rendered, as: UTF8.self)
        == header
        + " x\n~\n the \n-quick\n+slow\n  brown  fox\n~\n jumps\n-over\n~\n y\n~\n z\n~\n")
  }

  @Test("colour word diff: red and green words, no markers")
  func colorWordDiff() {
    let diff = diffLines(old: old, new: new)
    let rendered = renderWordDiff(diff, oldHeader: "a", newHeader: "b", style: .color)
    #expect(
      String(decoding: rendered, as: UTF8.self)
        == "\u{1B}[1m--- a\u{1B}[m\n\u{1B}[1m+++ b\u{1B}[m\n\u{1B}[36m@@ -1,5 +1,5 @@\u{1B}[m\n"
        + "x\nthe \u{1B}[31mquick\u{1B}[m\u{1B}[32mslow\u{1B}[m brown  fox\n"
        + "jumps\u{1B}[31mover\u{1B}[m\ny\nz\n")
  }

  @Test(
    "git's word-diff corner cases",
    arguments: [
      ("a b c\n", "a c\n", "@@ -1 +1 @@\na[-b-] c\n"),
      ("a\nb c", "a\nb d", "@@ -1,2 +1,2 @@\na\nb [-c-]{+d+}\n"),
      ("x\n", "x\nnew words here\n", "@@ -1 +1,2 @@\nx\n{+new words here+}\n"),
      ("x\nnew words here\n", "x\n", "@@ -1,2 +1 @@\nx\n[-new words here-]\n"),
      ("  lead  a\n", "  lead  b\n  more\n", "@@ -1 +1,2 @@\n  lead  [-a-]{+b+}\n{+  more+}\n"),
    ])
  func wordDiffCornerCases(old: String, new: String, expected: String) {
    #expect(words(old, new, .plain) == "--- a\n+++ b\n" + expected)
  }

  @Test("colour marks the changed words inside changed lines")
  func colorHighlightsWords() {
    let diff = diffLines(old: old, new: new)
    let rendered = String(
      decoding: renderUnified(diff, oldHeader: "a", newHeader: "b", colored: true), as: UTF8.self)
    #expect(rendered.contains("\u{1B}[31m-the \u{1B}[7mquick\u{1B}[27m brown fox\u{1B}[m\n"))
    #expect(rendered.contains("\u{1B}[32m+the \u{1B}[7mslow\u{1B}[27m brown  fox\u{1B}[m\n"))
    #expect(rendered.contains("\u{1B}[36m@@ -1,5 +1,5 @@\u{1B}[m\n x\n"))
    // With colour off the output is the plain unified diff.
    #expect(
      renderUnified(diff, oldHeader: "a", newHeader: "b", colored: false)
        == renderUnified(diff, oldHeader: "a", newHeader: "b"))
  }

  @Test("stat is git's summary, scaled to 80 columns")
  func stat() {
    let diff = diffLines(old: old, new: new)
    #expect(
      String(decoding: renderStat(diff, name: "a => b"), as: UTF8.self)
        == " a => b | 4 ++--\n 1 file changed, 2 insertions(+), 2 deletions(-)\n")
    let long = diffLines(
      old: bytes((1...300).map { "\($0)\n" }.joined()),
      new: bytes((1...100).map { "\($0)\n" }.joined()))
    #expect(
      String(decoding: renderStat(long, name: "s1 => s2"), as: UTF8.self)
        == " s1 => s2 | 200 \(String(repeating: "-", count: 63))\n"
        + " 1 file changed, 200 deletions(-)\n")
    #expect(renderStat(diffLines(old: old, new: old), name: "same").isEmpty)
  }

  @Test("JSON lists numbered lines and the changed words")
  func json() {
    let diff = diffLines(old: bytes("a\nthe quick fox\nb"), new: bytes("a\nthe slow fox\nb"))
    let rendered = String(
      decoding: renderJSON(diff, oldHeader: "old\t2016", newHeader: "new"), as: UTF8.self)
    #expect(
      rendered
        == "{\"old\":\"old\\t2016\",\"new\":\"new\",\"identical\":false,\"linesAdded\":1,"
        + "\"linesRemoved\":1,\"hunks\":[\n{\"oldStart\":1,\"oldCount\":3,\"newStart\":1,"
        + "\"newCount\":3,\"lines\":[{\"kind\":\"context\",\"oldLine\":1,\"newLine\":1,"
        + "\"text\":\"a\"},{\"kind\":\"removed\",\"oldLine\":2,\"text\":\"the quick fox\"},"
        + "{\"kind\":\"added\",\"newLine\":2,\"text\":\"the slow fox\"},{\"kind\":\"context\","
        + "\"oldLine\":3,\"newLine\":3,\"text\":\"b\",\"noNewlineAtEnd\":true}],"
        + "\"wordChanges\":[{\"oldLine\":2,\"newLine\":2,\"removed\":\"quick\","
        + "\"added\":\"slow\"}]}]}\n")
  }

  @Test("ignoring white space: only real changes count")
  func ignoringWhitespace() {
    let old = bytes("a  b\nc\nd\n")
    let new = bytes("a b\nc\t\nD\n")
    let diff = diffLines(old: old, new: new, ignoringWhitespace: true)
    #expect(diff.linesAdded == 1 && diff.linesRemoved == 1)
    #expect(diffLines(old: old, new: bytes("ab\n c\nd\n"), ignoringWhitespace: true).isIdentical)
    // A missing final newline still counts, so the diff stays applicable.
    #expect(!diffLines(old: bytes("a\n"), new: bytes("a"), ignoringWhitespace: true).isIdentical)
  }
}
