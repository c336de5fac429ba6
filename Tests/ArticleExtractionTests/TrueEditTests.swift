import ArticleExtraction
import Foundation
import HTMLParsing
import Testing

/// A real edit of a post (a word, a number, a sentence, a link target, the title) must change
/// its article text, or Redline would never report it: the other half of the stability pairs.
/// Each `TrueEditPairs/<id>/` holds a corpus page and the same page with one such edit, made by
/// `scripts/false_edits.py`; a `known issue:` line in its `changes.txt` marks a pair that fails
/// today for the reason given, and the test fails once it passes, so the line gets deleted.
@Suite("Article text under true edits")
struct TrueEditTests {
  static let pairs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("TrueEditPairs")
  static let pairIDs = subfolders(of: pairs)

  @Test("there are pairs to check")
  func hasPairs() {
    #expect(Self.pairIDs.count >= 5)
  }

  @Test("a corpus page with its article edited gives another article", arguments: pairIDs)
  func truePair(id: String) throws {
    let folder = Self.pairs.appendingPathComponent(id)
    let originalBytes = try Data(contentsOf: folder.appendingPathComponent("original.html"))
    let changedBytes = try Data(contentsOf: folder.appendingPathComponent("changed.html"))
    // The pair must really differ, or the test proves nothing.
    #expect(originalBytes != changedBytes)
    let original = try articleText(of: originalBytes)
    let changed = try articleText(of: changedBytes)
    #expect(original.contains("\n\n"), "the article has a body")
    let notes = try String(
      contentsOf: folder.appendingPathComponent("changes.txt"), encoding: .utf8)
    let expectation = {
      #expect(original != changed, "\(id): the edit did not reach the article text")
      if value(of: "kind", in: notes) == "title" {
        #expect(firstLine(of: original) != firstLine(of: changed), "\(id): the Title: line")
      }
    }
    if let reason = value(of: "known issue", in: notes) {
      withKnownIssue(Comment(rawValue: reason)) { expectation() }
    } else {
      expectation()
    }
  }

  private func articleText(of bytes: Data) throws -> String {
    try extractArticle(from: parseHTML([UInt8](bytes), encoding: "utf-8")).article.canonicalText
  }

  /// The value of a `name: value` line of `changes.txt`, or nil.
  private func value(of name: String, in notes: String) -> String? {
    let prefix = name + ": "
    return notes.split(separator: "\n").first { $0.hasPrefix(prefix) }
      .map { String($0.dropFirst(prefix.count)) }
  }

  private func firstLine(of text: String) -> Substring {
    text.prefix { $0 != "\n" }
  }
}
