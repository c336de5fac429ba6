import Testing

@testable import Redline

/// An article text as the store keeps it: header lines, then one block per line.
private func article(
  title: String = "A post", updated: String? = "2016-07-02", _ blocks: [String]
) -> String {
  var header = ["Title: \(title)", "Published: 2016-07-01"]
  if let updated { header.append("Updated: \(updated)") }
  return ([header.joined(separator: "\n")] + blocks).joined(separator: "\n\n") + "\n"
}

private let opening = "The council met on Monday in Tripoli to discuss the budget."
private let closing = "The next meeting is planned for the autumn."

@Suite("Edit classification")
struct EditClassificationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let old: String
    let new: String
    let labels: [EditLabel]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a misspelling fixed", old: article([opening, "The goverment said no.", closing]),
      new: article([opening, "The government said no.", closing]), labels: [.typo]),
    Case(
      name: "a transposition and a comma",
      old: article([opening, "They recieve the report Tuesday", closing]),
      new: article([opening, "They receive the report, Tuesday.", closing]), labels: [.typo]),
    Case(
      name: "a different word is not a typo", old: article([opening, "The cat sat.", closing]),
      new: article([opening, "The dog sat.", closing]), labels: []),
    Case(
      name: "a number replaced",
      old: article([opening, "It costs 1,200 dinars and 12 people came.", closing]),
      new: article([opening, "It costs 1,250 dinars and 12 people came.", closing]),
      labels: [.numbers]),
    Case(
      name: "thousands separators alone are not a number change",
      old: article([opening, "About 1,408,215 readers.", closing]),
      new: article([opening, "About 1408215 readers.", closing]), labels: [.typo]),
    Case(
      name: "a quotation reworded",
      old: article([opening, "He said: “We will not sign.”", closing]),
      new: article([opening, "He said: “We will not sign yet.”", closing]), labels: [.quotation]),
    Case(
      name: "a quote block removed", old: article([opening, "> We will not sign.", closing]),
      new: article([opening, closing]), labels: [.quotation, .paragraphs]),
    Case(
      name: "a paragraph added", old: article([opening, closing]),
      new: article([opening, "A second source confirmed the meeting.", closing]),
      labels: [.paragraphs]),
    Case(
      name: "the title changed", old: article(title: "Council meets", [opening]),
      new: article(title: "Council meets, rejects budget", [opening]), labels: [.title]),
    Case(
      name: "a correction paragraph", old: article([opening, closing]),
      new: article([opening, closing, "Correction: The meeting was on Tuesday."]),
      labels: [.paragraphs, .correctionNote]),
    Case(
      name: "an update sentence with a date",
      old: article([opening, closing]),
      new: article([opening, closing + " UPDATE (July 3): The meeting was postponed."]),
      labels: [.correctionNote]),
    Case(
      name: "an editor's note in brackets", old: article([opening, closing]),
      new: article([opening, closing, "[Editor’s note: This post was changed.]"]),
      labels: [.paragraphs, .correctionNote]),
    Case(
      name: "a clarification with a dash", old: article([opening, closing]),
      new: article([opening, closing, "Clarification — the budget is for 2017."]),
      labels: [.paragraphs, .correctionNote]),
    Case(
      name: "'update' inside a sentence is no note",
      old: article([opening, closing]),
      new: article([opening, "We will update readers: the vote comes later.", closing]),
      labels: [.paragraphs]),
  ]

  @Test("labels", arguments: cases)
  func labels(_ testCase: Case) {
    #expect(classifyEdit(old: testCase.old, new: testCase.new).labels == testCase.labels)
  }

  @Test("typo pairs: case, punctuation and small edit distances only")
  func typoPairs() {
    #expect(isTypoPair("Haftar,", "Haftar"))
    #expect(isTypoPair("moscow", "Moscow"))
    #expect(isTypoPair("teh", "the"))
    #expect(isTypoPair("accomodation", "accommodation"))
    #expect(isTypoPair("goverment", "government"))
    #expect(isTypoPair("cat", "cut"))
    #expect(!isTypoPair("cat", "dog"))
    #expect(!isTypoPair("12", "13"))
    #expect(!isTypoPair("seems", "appears"))
    #expect(editDistance(Array("abcd"), Array("abdc"), limit: 2) == 1)
    #expect(editDistance(Array("kitten"), Array("sitting"), limit: 5) == 3)
  }

  @Test("stealth inputs: the updated dates and whether the body changed")
  func updatedDates() {
    let same = classifyEdit(
      old: article([opening, "It was 5."]), new: article([opening, "It was 6."]))
    #expect(same.updatedBefore == "2016-07-02" && same.updatedAfter == "2016-07-02")
    #expect(same.contentChanged)
    let dateOnly = classifyEdit(
      old: article([opening]), new: article(updated: "2016-07-03", [opening]))
    #expect(!dateOnly.contentChanged)
    #expect(dateOnly.labels.isEmpty && dateOnly.passages.isEmpty)
  }

  @Test("the word view weaves the old words into the new text")
  func passages() {
    let result = classifyEdit(
      old: article([opening, "the quick fox", closing]),
      new: article([opening, "the slow fox", closing]))
    #expect(result.passages.count == 1)
    #expect(
      result.passages[0].pieces.map { "\($0.kind.rawValue):\($0.text)" } == [
        "same:the ", "removed:quick", "same: ", "added:slow", "same: fox",
      ])
  }

  @Test("notes are reported from their marker on")
  func notes() {
    let result = classifyEdit(
      old: article([opening]), new: article([opening + " Update: It was postponed."]))
    #expect(result.notes == ["Update: It was postponed."])
  }

  @Test("--since and --until: dates, full times, offsets, store times")
  func times() throws {
    #expect(try storeTime("2016-07-01", bound: .start) == "20160701T000000Z")
    #expect(try storeTime("2016-07-01", bound: .end) == "20160701T235959Z")
    #expect(try storeTime("2016-07-01T10:30", bound: .end) == "20160701T103059Z")
    #expect(try storeTime("2016-07-01 10:30:15", bound: .start) == "20160701T103015Z")
    #expect(try storeTime("2016-07-01T12:00:00.5+02:00", bound: .start) == "20160701T100000Z")
    #expect(try storeTime("2016-07-01T00:30:00-0700", bound: .start) == "20160701T073000Z")
    #expect(try storeTime("20160701T103000Z", bound: .start) == "20160701T103000Z")
    #expect(try storeTime("2016-07-01T10", bound: .end) == "20160701T105959Z")
    #expect(try storeTime("2016-07-01T10:30:00Z", bound: .end) == "20160701T103000Z")
    for bad in [
      "yesterday", "2016-13-01", "2016-02-30", "2016-07-01T25:00", "2016-07-01T10:00+15:00",
    ] {
      #expect(throws: RedlineError.badTime(bad)) { try storeTime(bad, bound: .start) }
    }
  }

  @Test("home pages: an empty or / path and no query")
  func homePages() {
    #expect(isHomePage("http://blog.example/"))
    #expect(isHomePage("http://blog.example"))
    #expect(!isHomePage("http://blog.example/?p=3"))
    #expect(!isHomePage("http://blog.example/2016/07/post.html"))
  }
}
