import ArticleExtraction
import TextDiff

/// One change group of the body: blocks removed and blocks added in their place, with the
/// changed words marked.
public struct ChangedPassage: Sendable, Equatable, Codable {
  /// One run of text in the word view: in both versions, only in the old, or only in the new.
  public struct Piece: Sendable, Equatable, Codable {
    /// Where the text is.
    public enum Kind: String, Sendable, Codable {
      /// In both versions.
      case same
      /// Only in the old version.
      case removed
      /// Only in the new version.
      case added
    }
    /// Where the text is.
    public let kind: Kind
    /// The text, with the blocks' line breaks as `\n`.
    public let text: String
  }

  /// The old blocks.
  public let removed: [String]
  /// The new blocks.
  public let added: [String]
  /// The new text with the old words woven in, as `git diff --word-diff` shows a change.
  public let pieces: [Piece]
}

/// What `classifyEdit` found.
struct EditClassification: Sendable {
  /// The labels that apply, sorted.
  var labels: [EditLabel]
  /// The body's change groups, in order.
  var passages: [ChangedPassage]
  /// The old and new `Updated:` values.
  var updatedBefore: String?
  var updatedAfter: String?
  /// Whether the body, the title, the links or the captions changed.
  var contentChanged: Bool
  /// The note sentences the new version added (from their marker on).
  var notes: [String]
  /// The header lines other than `Updated:` that changed.
  var headerChanges: [HeaderChange]
  /// Link targets of the links section that only the new text has, and only the old has.
  var linksAdded: [String] = []
  var linksRemoved: [String] = []
}

/// A header line of the article text (`Title`, `Author`, `Published`, `URL`) that changed.
public struct HeaderChange: Sendable, Equatable, Codable {
  /// The header's name.
  public let name: String
  /// The old value; nil when the line was absent.
  public let before: String?
  /// The new value; nil when the line is gone.
  public let after: String?
}

/// Labels the edit from one article text to the next (see `EditLabel` for each definition).
///
///     classifyEdit(old: "Title: A\n\nIt costs 5 euros.\n", new: "Title: A\n\nIt costs 6 euros.\n")
///     // labels == [.numbers]
///
/// - Complexity: that of a histogram diff of the blocks, plus word diffs of the changed ones.
func classifyEdit(old: String, new: String) -> EditClassification {
  let before = ArticleParts(old)
  let after = ArticleParts(new)
  let script = diff(before.body, after.body)
  var labels: Set<EditLabel> = []
  var passages: [ChangedPassage] = []
  var allTypos = true
  for change in script.changes {
    let removed = Array(before.body[change.oldRange])
    let added = Array(after.body[change.newRange])
    if removed.count != added.count { labels.insert(.paragraphs) }
    let words = WordDiff(
      removed: Array(removed.joined(separator: "\n").utf8),
      added: Array(added.joined(separator: "\n").utf8))
    passages.append(
      ChangedPassage(removed: removed, added: added, pieces: wordPieces(words)))
    if !removed.isEmpty, !added.isEmpty, changesNumbers(words) { labels.insert(.numbers) }
    if !isTypoFix(words) { allTypos = false }
  }
  // The headline the page shows (a `Headline:` line when it is not the title's words) is the
  // title as readers see it: its edit is a title change, and counts as content.
  let titleLines = ["Title", ArticleText.headlineName].map { (before.header[$0], after.header[$0]) }
  let titleChanged = titleLines.contains { $0.0 != $0.1 }
  for (oldTitle, newTitle) in titleLines where oldTitle != newTitle {
    labels.insert(.title)
    let words = WordDiff(removed: Array((oldTitle ?? "").utf8), added: Array((newTitle ?? "").utf8))
    if !isTypoFix(words) { allTypos = false }
  }
  if quotedPassages(before.body) != quotedPassages(after.body) { labels.insert(.quotation) }
  // A note not in the old text can only be in a block the edit added: the blocks of both
  // texts are searched only when one of those holds a note (searching every block of every
  // edit was half of an audit's time).
  let notesInAddedBlocks = script.changes.contains { change in
    !noteSentences(Array(after.body[change.newRange])).isEmpty
  }
  let oldNotes = notesInAddedBlocks ? noteSentences(before.body) : []
  let newNotes = notesInAddedBlocks ? noteSentences(after.body) : []
  let addedNotes = newNotes.filter { !oldNotes.contains($0) }
  if newNotes.count > oldNotes.count, !addedNotes.isEmpty { labels.insert(.correctionNote) }
  // Texts of the same format only: a links or captions section compares with none (an older
  // format) only after `comparableTexts` has taken it off both.
  let linksAdded = after.links.filter { !before.links.contains($0) }
  let linksRemoved = before.links.filter { !after.links.contains($0) }
  if before.links != after.links { labels.insert(.links) }
  if before.captions != after.captions { labels.insert(.caption) }
  let contentChanged =
    !script.changes.isEmpty || titleChanged || before.links != after.links
    || before.captions != after.captions
  let wordsChanged = !script.changes.isEmpty || titleChanged
  if wordsChanged, allTypos, !labels.contains(.paragraphs), !labels.contains(.numbers) {
    labels.insert(.typo)
  }
  return EditClassification(
    labels: labels.sorted(), passages: passages, updatedBefore: before.header["Updated"],
    updatedAfter: after.header["Updated"], contentChanged: contentChanged,
    notes: labels.contains(.correctionNote) ? addedNotes : [],
    headerChanges: [
      "Title", ArticleText.headlineName, "Author", "Published", ArticleText.shownDateName, "URL",
    ].compactMap { name in
      before.header[name] == after.header[name]
        ? nil
        : HeaderChange(name: name, before: before.header[name], after: after.header[name])
    }, linksAdded: linksAdded, linksRemoved: linksRemoved)
}

/// The word view of a change group: the new text with the old words woven in.
private func wordPieces(_ words: WordDiff) -> [ChangedPassage.Piece] {
  var pieces: [ChangedPassage.Piece] = []
  func add(_ kind: ChangedPassage.Piece.Kind, _ bytes: ArraySlice<UInt8>) {
    guard !bytes.isEmpty else { return }
    pieces.append(ChangedPassage.Piece(kind: kind, text: String(decoding: bytes, as: UTF8.self)))
  }
  let added = words.addedText
  guard !added.isEmpty else {
    add(.removed, words.removedText[...])
    return pieces
  }
  var written = 0
  for change in words.changes {
    if written < change.added.lowerBound { add(.same, added[written..<change.added.lowerBound]) }
    add(.removed, words.removedText[change.removed])
    // A space between the old and the new words, as a reader expects.
    if !change.removed.isEmpty, !change.added.isEmpty { add(.same, [UInt8(ascii: " ")]) }
    add(.added, added[change.added])
    written = change.added.upperBound
  }
  if written < added.count { add(.same, added[written...]) }
  return pieces
}

/// The words (runs of non-space characters) of some bytes.
private func wordsOf(_ bytes: ArraySlice<UInt8>) -> [String] {
  String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
}

/// Whether every changed word of a word diff is a typo fix (see `EditLabel.typo`).
private func isTypoFix(_ words: WordDiff) -> Bool {
  for change in words.changes {
    let old = wordsOf(words.removedText[change.removed]).filter { !isPunctuationOnly($0) }
    let new = wordsOf(words.addedText[change.added]).filter { !isPunctuationOnly($0) }
    guard old.count == new.count else { return false }
    for (a, b) in zip(old, new) where !isTypoPair(a, b) { return false }
  }
  return true
}

private func isPunctuationOnly(_ word: String) -> Bool {
  !word.contains { $0.isLetter || $0.isNumber }
}

/// Two words that differ by a typo fix: the same letters and digits up to case and
/// punctuation, or, with no digits in either, a small Damerau–Levenshtein distance.
func isTypoPair(_ a: String, _ b: String) -> Bool {
  let lettersA = Array(a.lowercased().filter { $0.isLetter || $0.isNumber })
  let lettersB = Array(b.lowercased().filter { $0.isLetter || $0.isNumber })
  if lettersA == lettersB { return true }
  guard !lettersA.contains(where: \.isNumber), !lettersB.contains(where: \.isNumber) else {
    return false
  }
  let allowed = min(lettersA.count, lettersB.count) >= longWordLetters ? 2 : 1
  return editDistance(lettersA, lettersB, limit: allowed) <= allowed
}

/// Words at least this long may differ by two edits and still be a typo ("accomodation" →
/// "accommodations" is not, "goverment" → "government" is): shorter words by one only, so that
/// "cat" → "cut" counts but "cat" → "dog" does not.
private let longWordLetters = 8

/// The optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions),
/// stopping early once every path exceeds `limit`.
func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
  if abs(a.count - b.count) > limit { return limit + 1 }
  var previous2 = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  for i in 1...max(a.count, 1) where !a.isEmpty {
    var current = [Int](repeating: 0, count: b.count + 1)
    current[0] = i
    for j in stride(from: 1, through: b.count, by: 1) {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        current[j] = min(current[j], previous2[j - 2] + 1)
      }
    }
    if current.min() ?? 0 > limit { return limit + 1 }
    previous2 = previous
    previous = current
  }
  return a.isEmpty ? b.count : previous[b.count]
}

/// Whether some change of a word diff changes a number: a replacement whose numbers differ
/// (`12` → `14`, `nine-member` → `ten-member`, `12 people` → `dozens of people`), or number
/// words added to or removed from a number next to them (`five` → `five hundred`). A
/// passage only added or removed adds or drops its numbers with it, which is no change of
/// numbers.
///
/// Each side is read with the number words around the change (`a hundred` → `two hundred`
/// changes only `a`), and a weak number word (`one`, `second`) counts only when the other
/// side holds a plain number: `one` → `two` changes a number, `the one who` → `the person
/// who` does not.
private func changesNumbers(_ words: WordDiff) -> Bool {
  let removedText = String(decoding: words.removedText, as: UTF8.self)
  let addedText = String(decoding: words.addedText, as: UTF8.self)
  return words.changes.contains { change in
    let old = NumberContext(removedText, bytes: change.removed)
    let new = NumberContext(addedText, bytes: change.added)
    if change.removed.isEmpty || change.added.isEmpty {
      let changed = change.removed.isEmpty ? new : old
      guard isAllNumbers(changed.changed), changed.hasNumberBeside else { return false }
    }
    return numbersDiffer(numberMentions(in: old.extended), numberMentions(in: new.extended))
  }
}

/// Whether two sides of a change hold different numbers (see `changesNumbers`).
func numbersDiffer(_ old: [NumberMention], _ new: [NumberMention]) -> Bool {
  func keys(_ mentions: [NumberMention], otherHasPlain: Bool) -> [String] {
    mentions.filter { !$0.isWeak || otherHasPlain }.map(\.key)
  }
  let oldKeys = keys(old, otherHasPlain: new.contains { !$0.isWeak })
  let newKeys = keys(new, otherHasPlain: old.contains { !$0.isWeak })
  return (!oldKeys.isEmpty || !newKeys.isEmpty) && oldKeys != newKeys
}

/// One side of a word change and the number words right around it.
private struct NumberContext {
  /// The changed words.
  let changed: Substring
  /// The changed words with the whole number words before and after them (at most
  /// `numberContextWords` on each side, never across a comma or a sentence's end).
  let extended: Substring

  /// Whether a number word or digits stand right before or after the change.
  var hasNumberBeside: Bool { extended.count > changed.count }

  init(_ text: String, bytes: Range<Int>) {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
    let upper = utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
    changed = text[lower..<upper]
    var start = lower
    var end = upper
    for _ in 0..<numberContextWords {
      guard let word = wordBefore(text, start), isNumberWord(text[word]), !endsClause(text[word])
      else { break }
      start = word.lowerBound
    }
    for _ in 0..<numberContextWords {
      guard !endsClause(text[..<end]), let word = wordAfter(text, end), isNumberWord(text[word])
      else { break }
      end = word.upperBound
    }
    extended = text[start..<end]
  }
}

/// How many words on each side of a change are read with it when they are numbers.
private let numberContextWords = 3

/// Whether a word (without the punctuation around it) is all numbers, or an article.
private func isNumberWord(_ word: Substring) -> Bool {
  let core = word.drop { !$0.isLetter && !$0.isNumber }
  return isAllNumbers(core) || NumberWords.articles.contains(core.lowercased())
}

/// Whether text ends with punctuation that ends a clause (a comma, a sentence's end).
private func endsClause(_ text: Substring) -> Bool {
  guard let last = text.last(where: { !$0.isWhitespace }) else { return false }
  return ",.;:!?)".contains(last)
}

/// The range of the word before an index (after the white space there), if any.
private func wordBefore(_ text: String, _ index: String.Index) -> Range<String.Index>? {
  let before = text[..<index]
  guard let end = before.lastIndex(where: { !$0.isWhitespace }) else { return nil }
  let upper = text.index(after: end)
  let start = before[..<upper].lastIndex(where: \.isWhitespace).map { text.index(after: $0) }
  return (start ?? text.startIndex)..<upper
}

/// The range of the word after an index (after the white space there), if any.
private func wordAfter(_ text: String, _ index: String.Index) -> Range<String.Index>? {
  let after = text[index...]
  guard let start = after.firstIndex(where: { !$0.isWhitespace }) else { return nil }
  let end = text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
  return start..<end
}

/// The quoted passages of a body, in order: text between quotation marks, and quote blocks.
func quotedPassages(_ body: [String]) -> [String] {
  var passages: [String] = []
  for block in body {
    if block.hasPrefix("> ") {
      passages.append(String(block.dropFirst(2)))
      continue
    }
    var open: Character?
    var current = ""
    for character in block {
      if let opening = open {
        if closingMarks[opening]?.contains(character) == true {
          passages.append(current)
          open = nil
          current = ""
        } else {
          current.append(character)
        }
      } else if closingMarks[character] != nil {
        open = character
      }
    }
  }
  return passages
}

/// Opening quotation marks and the marks that close them.
private let closingMarks: [Character: Set<Character>] = [
  "\"": ["\""], "“": ["”"], "«": ["»"], "„": ["“", "”"], "»": ["«"],
]

/// The correction and update notes of a body: each block or sentence that starts with a note
/// marker (see `NoteMarkers`), from the marker on.
func noteSentences(_ body: [String]) -> [String] {
  body.flatMap { NoteFinder.shared.notes(in: $0) }
}
