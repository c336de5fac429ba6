import ArticleExtraction
import Foundation
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
    Case(
      name: "a caption corrected",
      old: article([opening, closing, "Captions:\nMayor Jane Doe at the meeting."]),
      new: article([opening, closing, "Captions:\nDeputy mayor Ann Lee at the meeting."]),
      labels: [.caption]),
    Case(
      name: "a caption added before the links section",
      old: article([opening, closing, "Links:\nhttps://council.example/"]),
      new: article([
        opening, closing, "Captions:\nPhoto: Ann Lee", "Links:\nhttps://council.example/",
      ]), labels: [.caption]),
    Case(
      name: "a body block that reads Captions: is a paragraph",
      old: article([opening, closing]), new: article([opening, "Captions:", closing]),
      labels: [.paragraphs]),
  ]

  @Test("labels", arguments: cases)
  func labels(_ testCase: Case) {
    #expect(classifyEdit(old: testCase.old, new: testCase.new).labels == testCase.labels)
  }

  /// Note forms, each added as a new last paragraph: every one is a correction or update note.
  static let noteForms: [String] = [
    "Correction, November 24: The meeting was on Tuesday.",
    "Correction (Nov. 24): The meeting was on Tuesday.",
    "Correction, Nov. 24, 2016: The meeting was on Tuesday.",
    "CORRECTION: The meeting was on Tuesday.",
    "Corrections: Two names were misspelled.",
    "Editor's note: This post was changed.",
    "Editor’s note: This post was changed.",
    "Editors’ Note: This post was changed.",
    "*Update 3 p.m.:* The vote was postponed.",
    "Update, 3:15 p.m. ET: The vote was postponed.",
    "Update, Tuesday: The vote was postponed.",
    "Update, Thursday, November 24, 2016, 3:15 p.m. ET: The vote was postponed.",
    "UPDATE — The vote was postponed.",
    "Update 2 — The vote was postponed again.",
    "Correction, November 24 - The meeting was on Tuesday.",
    "Updated at 3:15 p.m. with the council's reply.",
    "Updated on November 25 with the council's reply.",
    "This article has been updated with the council's reply.",
    "This story has been corrected.",
    "This post was updated to add the council's reply.",
    "An earlier version of this article misstated the date of the meeting.",
    "A previous version of this story said the vote was on Monday.",
    "[Clarification — the budget is for 2017.]",
    "Erratum: the budget is for 2017.",
    "## Correction",
    "### Update: The vote was postponed.",
    "> Update: The vote was postponed.",
    "- Correction: The meeting was on Tuesday.",
    "12. Correction: The meeting was on Tuesday.",
    "Correction : la réunion a eu lieu mardi.",
    "Correction\u{00A0}: la réunion a eu lieu mardi.",
    "Rectificatif",
    "Rectificatif : la réunion a eu lieu mardi.",
    "Mise à jour : le vote a été reporté.",
    "Mise à jour le 3 juillet : le vote a été reporté.",
    "Mis à jour le 3 juillet à 15 h.",
    "Note de la rédaction : cet article a été modifié.",
    "Cet article a été mis à jour mardi.",
    "Une version précédente de cet article indiquait que la réunion avait eu lieu lundi.",
    "Corrección: la reunión fue el martes.",
    "Fe de erratas: la reunión fue el martes.",
    "Actualización: la votación se aplazó.",
    "Actualización (3 de julio): la votación se aplazó.",
    "Nota del editor: este artículo fue modificado.",
    "Nota de la redacción: este artículo fue modificado.",
    "Una versión anterior de este artículo decía que la reunión fue el lunes.",
    "Este artículo ha sido actualizado.",
    "Korrektur: Die Sitzung fand am Dienstag statt.",
    "Berichtigung",
    "Berichtigung: Die Sitzung fand am Dienstag statt.",
    "Aktualisierung: Die Abstimmung wurde verschoben.",
    "Update: Die Abstimmung wurde verschoben.",
    "Aktualisiert am 3. Juli um 15 Uhr.",
    "Anmerkung der Redaktion: Dieser Artikel wurde geändert.",
    "In einer früheren Version dieses Artikels hieß es, die Sitzung sei am Montag gewesen.",
    "Dieser Artikel wurde aktualisiert.",
    "Transparenzhinweis: Der Autor ist Mitglied des Rates.",
    // Forms newsrooms and bloggers write beyond the ones above.
    "Clarification: The meeting was on Tuesday.",
    "UPDATED 5:30 p.m. ET: The council replied.",
    "Update II: The vote was postponed again.",
    "[Update] The vote was postponed.",
    "*Update*: The vote was postponed.",
    "EDIT: I got the date wrong, it was Tuesday.",
    "Edit: I got the date wrong, it was Tuesday.",
    "Ed. note: This post was changed.",
    "Correction notice: The meeting was on Tuesday.",
    "Corrections & Amplifications: The meeting was on Tuesday.",
    "Correction appended.",
    "Postscript: The vote was postponed.",
    "Earlier versions of this article misstated the date of the meeting.",
    "This article originally stated that the meeting was on Monday.",
    "This story was originally published on Monday and has been updated.",
    "MAJ : le vote a été reporté.",
    "N.D.L.R. : cet article a été modifié.",
    "Fe de errores: la reunión fue el martes.",
    "Rectificación: la reunión fue el martes.",
    "N. del E.: este artículo fue modificado.",
    "Anm. d. Red.: Dieser Artikel wurde geändert.",
    "Dieser Beitrag wurde am 24. November aktualisiert.",
  ]

  @Test("correction and update notes in their common forms", arguments: noteForms)
  func noteForm(_ note: String) {
    let result = classifyEdit(
      old: article([opening, closing]), new: article([opening, closing, note]))
    #expect(result.labels.contains(.correctionNote))
    #expect(result.notes.count == 1)
  }

  @Test("a note form inside a paragraph, after another sentence", arguments: noteForms.prefix(20))
  func noteFormInSentence(_ note: String) {
    let result = classifyEdit(
      old: article([opening, closing]), new: article([opening, closing + " " + note]))
    #expect(result.labels.contains(.correctionNote))
  }

  /// Prose that starts like a note but is none.
  static let notNotes: [String] = [
    "We will update readers: the vote comes later.",
    "Update your browser to read this page.",
    "Correction of the figures was left to the auditors.",
    "Updated figures show a rise: 4% more than last year.",
    "Correction, he said, is not the same as retraction: it is an obligation.",
    "Mise à jour du logiciel : elle est prévue mardi.",
    "Korrekturen am Haushalt sind möglich.",
    "The article was widely shared.",
    "In an earlier interview, she said the vote was on Monday.",
    "Updated sidewalks were opened on Monday.",
    "edit: true turns the editor on for this page.",
    "Edit the file, then save it: the change is kept.",
    "Edit",
    "Maj. Gen. Haftar: the army will advance.",
    "The report previously stated that the meeting was on Monday.",
    "This article appeared first in Le Monde.",
    "P.S. The vote was postponed.",
  ]

  @Test("prose that starts like a note is none", arguments: notNotes)
  func notANote(_ text: String) {
    let result = classifyEdit(
      old: article([opening, closing]), new: article([opening, closing, text]))
    #expect(!result.labels.contains(.correctionNote))
  }

  @Test("the note tables compile")
  func noteTablesCompile() {
    #expect(NoteFinder().isComplete)
  }

  /// Number edits, as a sentence before and after: each is a change of numbers.
  static let numberEdits: [(String, String)] = [
    ("A nine-member panel met.", "A ten-member panel met."),
    ("Nine members met.", "Ten members met."),
    ("Nine members met.", "12 members met."),
    ("Twenty-one members met.", "Twenty-two members met."),
    ("Twenty-one members met.", "Twenty members met."),
    ("A hundred members met.", "Two hundred members met."),
    ("A hundred members met.", "A thousand members met."),
    ("Five members met.", "Five hundred members met."),
    ("It cost 1.2 million euros.", "It cost 1.5 million euros."),
    ("It cost 1.2 million euros.", "It cost 1.2 billion euros."),
    ("It cost two million euros.", "It cost 20 million euros."),
    ("It was the third meeting.", "It was the fourth meeting."),
    ("It was the 21st meeting.", "It was the 22nd meeting."),
    ("It was the twenty-first meeting.", "It was the 22nd meeting."),
    ("One member voted no.", "Two members voted no."),
    ("It was the first meeting.", "It was the third meeting."),
    ("About a dozen members came.", "About 14 members came."),
    ("Neuf membres étaient présents.", "Dix membres étaient présents."),
    ("Il y avait quatre-vingt-dix membres.", "Il y avait quatre-vingts membres."),
    ("Vingt et un membres.", "Vingt-deux membres."),
    ("Asistieron treinta y dos miembros.", "Asistieron treinta y tres miembros."),
    ("Asistieron dos miembros.", "Asistieron tres miembros."),
    ("Costó dos millones de euros.", "Costó tres millones de euros."),
    ("Es la tercera reunión.", "Es la quinta reunión."),
    ("Einundzwanzig Mitglieder kamen.", "Zweiundzwanzig Mitglieder kamen."),
    ("Es kamen neun Mitglieder.", "Es kamen zehn Mitglieder."),
    ("Es war die dritte Sitzung.", "Es war die vierte Sitzung."),
    ("Seventy-two members met.", "Seventy-three members met."),
    ("Es kostete 1,2 Millionen Euro.", "Es kostete 1,5 Millionen Euro."),
    ("Es kostete 1.200.000 Euro.", "Es kostete 1.500.000 Euro."),
    ("Costó dos mil euros.", "Costó tres mil euros."),
    ("Es la vigésima reunión.", "Es la trigésima reunión."),
    ("C'est la onzième réunion.", "C'est la douzième réunion."),
    ("Es war der zwölfte Tag.", "Es war der dreizehnte Tag."),
    ("Es war der zwanzigste Tag.", "Es war der einundzwanzigste Tag."),
    ("Es ist die zweihundertste Sitzung.", "Es ist die dreihundertste Sitzung."),
  ]

  @Test("numbers written as words", arguments: numberEdits)
  func numberWords(_ edit: (String, String)) {
    let result = classifyEdit(
      old: article([opening, edit.0, closing]), new: article([opening, edit.1, closing]))
    #expect(result.labels.contains(.numbers))
  }

  /// Edits that touch number words without changing a number.
  static let notNumberEdits: [(String, String)] = [
    ("She is the one who voted no.", "She is the person who voted no."),
    ("No one voted no.", "Nobody voted no."),
    ("Nine members met.", "9 members met."),
    ("Twenty-one members met.", "21 members met."),
    ("One hundred members met.", "A hundred members met."),
    ("A million euros were spent.", "1 million euros were spent."),
    ("It cost 1.2 million euros.", "It cost 1,200,000 euros."),
    ("It was the third meeting.", "It was the 3rd meeting."),
    ("First, the council met.", "The council then met."),
    ("Wait a second, he said.", "Wait a moment, he said."),
    ("Once the vote ended, they left.", "When the vote ended, they left."),
    ("The council met.", "The council met again, one more time."),
    ("Le bâtiment neuf a ouvert.", "Le bâtiment rénové a ouvert."),
    ("The contract is null and void.", "The contract is void."),
    ("Police seize the weapons.", "Police take the weapons."),
    ("Here are the dos and don'ts.", "Here are the rules."),
    ("Seventy-two members met.", "72 members met."),
    ("Es kostete 1,2 Millionen Euro.", "Es kostete 1.200.000 Euro."),
    ("Il a coûté 1.200.000,50 euros.", "Il a coûté 1,200,000.50 euros."),
    ("The vote was on 24.11.2016.", "The vote was on 24.11.2016, he said."),
    ("Es war der einundzwanzigste Tag.", "Es war der einundzwanzigste Tag, sagte er."),
  ]

  @Test("number words that do not change a number", arguments: notNumberEdits)
  func notNumberWords(_ edit: (String, String)) {
    let result = classifyEdit(
      old: article([opening, edit.0, closing]), new: article([opening, edit.1, closing]))
    #expect(!result.labels.contains(.numbers))
  }

  @Test(
    "number mentions: values written one way",
    arguments: [
      ("nine-member", ["9"]), ("twenty-one", ["21"]), ("a hundred", ["100"]),
      ("two hundred and five", ["205"]), ("1.2 million", ["1200000"]),
      ("1,200,000", ["1200000"]), ("third", ["ordinal 3"]), ("21st", ["ordinal 21"]),
      ("twenty-first", ["ordinal 21"]), ("quatre-vingt-dix", ["90"]), ("soixante-dix", ["70"]),
      ("vingt et un", ["21"]), ("treinta y dos", ["32"]), ("einundzwanzig", ["21"]),
      ("zweihundertfünfzig", ["250"]), ("12 and 14", ["12", "14"]), ("12%", ["12%"]),
      ("1,5 millions", ["1500000"]), ("doscientos mil", ["200000"]),
      ("three thousand four hundred", ["3400"]), ("nine ten", ["9", "10"]),
    ])
  func mentions(_ example: (String, [String])) {
    #expect(numberMentions(in: example.0).map(\.key) == example.1)
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

  /// The headline the page shows, in a `Headline:` line when its words are not the title's, is
  /// the title as readers see it: edited under an unchanged metadata title, it is a title
  /// change and content, so it can be a stealth edit.
  @Test("an edited visible headline is a title change, and content")
  func visibleHeadline() {
    let withHeadline = { (headline: String) in
      article([opening]).replacingOccurrences(
        of: "Title: A post\n", with: "Title: A post\nHeadline: \(headline)\n")
    }
    let edit = classifyEdit(
      old: withHeadline("Council backs the budget"), new: withHeadline("Council rejects the budget")
    )
    #expect(edit.labels == [.title])
    #expect(edit.contentChanged)
    #expect(edit.headerChanges.map(\.name) == ["Headline"])
    let typo = classifyEdit(
      old: withHeadline("Council backs the budegt"), new: withHeadline("Council backs the budget"))
    #expect(Set(typo.labels) == [.title, .typo])
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
    // Relative to 2016-07-02 12:30:00 UTC.
    let now = Date(timeIntervalSince1970: 1_467_462_600)
    #expect(try storeTime("today", bound: .start, now: now) == "20160702T000000Z")
    #expect(try storeTime("Today", bound: .end, now: now) == "20160702T235959Z")
    #expect(try storeTime("yesterday", bound: .start, now: now) == "20160701T000000Z")
    #expect(try storeTime("yesterday", bound: .end, now: now) == "20160701T235959Z")
    #expect(try storeTime("now", bound: .end, now: now) == "20160702T123000Z")
    #expect(try storeTime("3 days ago", bound: .start, now: now) == "20160629T123000Z")
    #expect(try storeTime(" 2 weeks ago ", bound: .start, now: now) == "20160618T123000Z")
    #expect(try storeTime("1 hour ago", bound: .end, now: now) == "20160702T113000Z")
    #expect(try storeTime("an hour ago", bound: .end, now: now) == "20160702T113000Z")
    #expect(try storeTime("30 minutes ago", bound: .end, now: now) == "20160702T120000Z")
    #expect(try storeTime("1 month ago", bound: .start, now: now) == "20160602T123000Z")
    #expect(try storeTime("2 years ago", bound: .start, now: now) == "20140702T123000Z")
    for bad in [
      "last tuesday", "3 days", "days ago", "-3 days ago", "2016-13-01", "2016-02-30",
      "2016-07-01T25:00", "2016-07-01T10:00+15:00",
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
