/// The words and phrases that open a correction or update note, as data: one table per
/// language and per form. Each entry is a regular-expression fragment matched at the start of
/// a block or a sentence, without regard to case.
///
/// Two forms exist. A *label* (`Correction`, `Mise à jour`, `Korrektur`) makes a note when a
/// colon or a dash follows it, after an optional date or time (`Correction, November 24:`,
/// `Update 3 p.m.:`, `Correction (Nov. 24):`), or when it stands alone as a block (a
/// `Rectificatif` heading). A *sentence* (`This article has been updated`, `An earlier version
/// of this article …`) makes a note by itself.
enum NoteMarkers {
  /// English labels.
  static let englishLabels = [
    "corrections?", "updates?", "updated", "editor['’]?s['’]? notes?", "note from the editors?",
    "clarifications?", "erratum", "errata", "addendum", "retraction", "correction notice",
    "ed\\. notes?", "corrections? (?:&|and) amplifications?", "postscript",
    // A blogger's "EDIT:" or "Edit:", with its colon and a capital: a bare "Edit" is an edit
    // link's text, and "edit: true" a setting quoted in a post.
    "(?-i:EDIT|Edit)(?=\\s*:)",
  ]

  /// French labels (`Correction :` takes a space before the colon).
  static let frenchLabels = [
    "correction", "rectificatifs?", "rectification", "mises? à jour", "mis à jour",
    "note de la rédaction", "ndlr", "précision", "erratum", "maj", "màj",
  ]

  /// Spanish labels.
  static let spanishLabels = [
    "corrección", "fe de erratas", "actualización", "actualizado", "nota del editor",
    "nota de la redacción", "nota de redacción", "aclaración", "fe de errores", "rectificación",
  ]

  /// German labels.
  static let germanLabels = [
    "korrektur", "korrekturhinweis", "berichtigung", "richtigstellung", "klarstellung",
    "aktualisierung", "aktualisiert", "update", "nachtrag", "anmerkung der redaktion",
    "hinweis der redaktion", "transparenzhinweis",
  ]

  /// Labels written as abbreviations that end with a period (`Anm. d. Red.:`, `N. del E.:`),
  /// in all languages: they end the label without a word boundary.
  static let abbreviatedLabels = [
    "anm\\. d\\. ?red\\.", "n\\. ?d\\. ?l\\. ?r\\.", "n\\. del e\\.", "n\\. de la r\\.",
  ]

  /// Kinds of text a sentence note names (`this article`, `this story`).
  private static let englishPieces = "(?:article|story|post|blog post|report|piece|item|column)"

  /// English sentences that are notes by themselves.
  static let englishSentences = [
    "(?:this|the) \(englishPieces) (?:has been|had been|was|is) (?:updated|corrected|amended|revised|edited|changed)",
    "an? (?:earlier|previous|prior|original) version of this \(englishPieces)",
    "updated (?:at|on) [^.:\\n]{0,30}\\d",
    "(?:earlier|previous|prior|original) versions of this \(englishPieces)",
    "this \(englishPieces) (?:originally|previously|incorrectly|mistakenly|erroneously) (?:stated|said|reported|misstated|misidentified|misspelled|misquoted|gave|described|referred|named|attributed)",
    "this \(englishPieces) was (?:originally |first )?published [^.\\n]{0,60} and (?:has been|was) (?:updated|corrected|amended)",
    "corrections? appended",
  ]

  /// French sentences that are notes by themselves.
  static let frenchSentences = [
    "(?:cet |l['’] ?)article a été (?:mis à jour|corrigé|modifié|actualisé)",
    "une (?:version précédente|précédente version|version antérieure|première version) de cet article",
    "mis à jour le [^.:\\n]{0,30}\\d",
  ]

  /// Spanish sentences that are notes by themselves.
  static let spanishSentences = [
    "(?:este|el) (?:artículo|texto) (?:ha sido|fue) (?:actualizado|corregido|modificado)",
    "una (?:versión anterior|versión previa|primera versión) de (?:este artículo|esta nota|este texto)",
    "actualizado (?:el|a las) [^.:\\n]{0,30}\\d",
  ]

  /// German sentences that are notes by themselves.
  static let germanSentences = [
    "(?:dieser|der) (?:artikel|beitrag|text) wurde (?:[^.\\n]|\\d\\.){0,40}?(?:aktualisiert|korrigiert|geändert|ergänzt)",
    "in einer (?:früheren|vorherigen|älteren|ersten) (?:version|fassung) (?:dieses|des) (?:artikels|beitrags|textes)",
    "aktualisiert am [^.:\\n]{0,30}\\d",
  ]

  /// Month and weekday names (and their usual abbreviations) that make the text between a
  /// label and its colon a date: `Correction, November 24:`, `Update, Tuesday:`.
  static let dateWords: Set<String> = [
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "enero", "febrero", "marzo", "abril", "mayo",
    "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "januar", "februar",
    "märz", "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag",
  ]

  /// Every label, in all languages, longest first: a regex alternation takes the first that
  /// matches, and `Correction notice:` must not stop at `Correction`.
  static var labels: [String] {
    (englishLabels + frenchLabels + spanishLabels + germanLabels).sorted { $0.count > $1.count }
  }

  /// Every sentence, in all languages.
  static var sentences: [String] {
    englishSentences + frenchSentences + spanishSentences + germanSentences
  }
}

/// Finds correction and update notes in blocks of article text (see `NoteMarkers`): the
/// audit labels an edit that adds one, and extraction never takes a box that holds one for
/// chrome (`PageAnalysis.dismissibleBoxes`).
public struct NoteFinder {
  /// The tables compiled once per process: compiling them cost more than the rest of a page's
  /// audit. Regex is not declared Sendable (its output type is not), but a compiled one is
  /// never mutated, and its matching program is built here, once, by a first match, under
  /// the static's one-time initialization; after that threads only read it.
  nonisolated(unsafe) public static let shared: NoteFinder = {
    let finder = NoteFinder()
    _ = finder.notes(in: "Correction: warm-up.")
    return finder
  }()

  /// A label at the start of the text, ending at a word boundary.
  private let label: Regex<AnyRegexOutput>?
  /// A sentence note at the start of the text.
  private let sentence: Regex<AnyRegexOutput>?

  /// Compiles the tables. A fragment that does not compile leaves its form unmatched; the
  /// tests check that both compile.
  public init() {
    label = try? Regex(
      "(?i)(?:(?:\(NoteMarkers.labels.joined(separator: "|")))\\b"
        + "|\(NoteMarkers.abbreviatedLabels.joined(separator: "|")))")
    sentence = try? Regex("(?i)(?:\(NoteMarkers.sentences.joined(separator: "|")))")
  }

  /// Whether both tables compiled.
  public var isComplete: Bool { label != nil && sentence != nil }

  /// The notes of one block: each from its marker to the end of the block.
  public func notes(in block: String) -> [String] {
    candidateStarts(block).compactMap { start in
      let text = block[start...]
      return opensNote(text) ? String(text) : nil
    }
  }

  /// Whether a note starts right at the start of `text`.
  private func opensNote(_ text: Substring) -> Bool {
    if let sentence, text.prefixMatch(of: sentence) != nil { return true }
    guard let label, let marker = text.prefixMatch(of: label) else { return false }
    return endsLabel(text[marker.range.upperBound...])
  }

  /// Whether what follows a label makes it a note's label: a colon or a dash, after an
  /// optional parenthesis or date (`, November 24`, ` 3 p.m.`), or nothing at all (the label
  /// is the whole block, as a heading is).
  private func endsLabel(_ afterLabel: Substring) -> Bool {
    let rest = afterLabel.drop(while: isNoteSpace)
    if endsNoteLabel(rest) { return true }
    if rest.first == "(" {
      guard let close = rest.prefix(noteQualifierLength).firstIndex(of: ")") else { return false }
      return endsNoteLabel(rest[rest.index(after: close)...].drop(while: isNoteSpace))
    }
    guard let end = labelEnd(in: afterLabel) else { return false }
    return isDate(afterLabel[..<end])
  }

  /// Where a label's date ends, within `noteQualifierLength` characters: at a colon (not one
  /// between digits, as in `3:15`) or a dash between spaces (`Update 2 — …`).
  private func labelEnd(in rest: Substring) -> Substring.Index? {
    let window = rest.prefix(noteQualifierLength)
    var index = window.startIndex
    var previous: Character = " "
    while index < window.endIndex {
      let character = window[index]
      let next = window[index...].dropFirst().first
      let endsSentence = character == "." && next == " " && !isAbbreviation(window[..<index])
      if character == "\n" || endsSentence { return nil }
      if character == ":" || character == "：", !(next?.isNumber ?? false) { return index }
      if "—–-".contains(character), isNoteSpace(previous), next.map(isNoteSpace) ?? false {
        return index
      }
      previous = character
      index = window.index(after: index)
    }
    return nil
  }

  /// Whether the text before a period is an abbreviation that does not end a sentence
  /// (`p.m.`, `Nov.`, `3.`), so the period does not end the label's date.
  private func isAbbreviation(_ before: Substring) -> Bool {
    let word = before.split(whereSeparator: isNoteSpace).last ?? ""
    return word.count <= 4 || word.contains(".") || word.allSatisfy(\.isNumber)
  }

  /// Whether the text between a label and its colon is a date or a time: it holds a digit,
  /// or a month or weekday name.
  private func isDate(_ qualifier: Substring) -> Bool {
    guard qualifier.first == "," || qualifier.first.map(isNoteSpace) == true else {
      return false
    }
    if qualifier.contains(where: \.isNumber) { return true }
    let words = qualifier.lowercased().split { !$0.isLetter }
    // `Update II:`, the second update, numbered as some newsrooms number them.
    if words.count == 1, let word = words.first, word.count <= 4, word.allSatisfy("ivx".contains) {
      return true
    }
    return words.contains { NoteMarkers.dateWords.contains(String($0)) }
  }

  /// Where notes may start: the block's start (after a Markdown marker, brackets and
  /// emphasis) and each sentence's start.
  private func candidateStarts(_ block: String) -> [String.Index] {
    var starts: [String.Index] = []
    var index = block.startIndex
    if let marker = markdownMarkerEnd(block) { index = marker }
    starts.append(skippingOpeners(block, from: index))
    while index < block.endIndex {
      let character = block[index]
      index = block.index(after: index)
      guard ".!?".contains(character) else { continue }
      var next = index
      if next < block.endIndex, "\"”’)]".contains(block[next]) { next = block.index(after: next) }
      guard next < block.endIndex, isNoteSpace(block[next]) else { continue }
      let start = block[next...].drop(while: isNoteSpace).startIndex
      starts.append(skippingOpeners(block, from: start))
    }
    return starts
  }

  /// Where a block's Markdown marker ends (`## `, `> `, `- `, `12. `), if it opens with one.
  /// Written out rather than as a regex literal: a literal is parsed again each time it is
  /// evaluated, which was a third of an audit's time.
  private func markdownMarkerEnd(_ block: String) -> String.Index? {
    let bytes = block.utf8
    var index = bytes.startIndex
    func next(_ byte: UInt8) -> Bool {
      guard index < bytes.endIndex, bytes[index] == byte else { return false }
      index = bytes.index(after: index)
      return true
    }
    if next(UInt8(ascii: "#")) {
      while next(UInt8(ascii: "#")) {}
    } else if next(UInt8(ascii: ">")) || next(UInt8(ascii: "-")) {
    } else {
      let digits = index
      while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) {
        index = bytes.index(after: index)
      }
      guard index > digits, next(UInt8(ascii: ".")) else { return nil }
    }
    return next(UInt8(ascii: " ")) ? index : nil
  }

  /// Skips opening brackets and emphasis (`[Editor's note: …]`, `*Update:*`).
  private func skippingOpeners(_ block: String, from index: String.Index) -> String.Index {
    block[index...].drop { "[(*_".contains($0) }.startIndex
  }
}

/// How far after a label its date and colon may end.
private let noteQualifierLength = 60

/// Whether text right after a label (and its date) ends the label: a colon, a dash and a
/// space, or nothing but a final period.
private func endsNoteLabel(_ rest: Substring) -> Bool {
  guard let first = rest.first else { return true }
  if first == ":" || first == "：" { return true }
  // A label in brackets, closed right after it: `[Update] The vote …`, `(Correction)`.
  if first == "]" || first == ")" { return true }
  // Emphasis closed before the colon: `*Update*: …`, `__Correction__:`.
  if "*_".contains(first) { return endsNoteLabel(rest.drop { "*_".contains($0) }) }
  if "—–-".contains(first) { return rest.dropFirst().first.map(isNoteSpace) ?? false }
  return rest.allSatisfy { ".!".contains($0) || isNoteSpace($0) }
}

/// White space, including the no-break spaces French puts before a colon.
private func isNoteSpace(_ character: Character) -> Bool {
  character.isWhitespace
}
