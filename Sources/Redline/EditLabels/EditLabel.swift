/// What kind of edit one version of a post made to the one before. An edit gets every label
/// that applies, or none (a rewording that fits no label).
public enum EditLabel: String, Sendable, Codable, CaseIterable, Comparable {
  /// Every changed word is a typo fix: each removed word pairs with an added word that differs
  /// only in case or punctuation, or is within a small edit distance (Damerau–Levenshtein 1,
  /// or 2 when both words have at least 8 letters); words of punctuation alone may come or go.
  /// No paragraph added or removed, no number touched.
  case typo
  /// Words were replaced by others and the numbers among them differ: "12 people" became
  /// "14 people" or "dozens of people", "nine-member" became "ten-member", "a hundred"
  /// became "two hundred", "third" became "fourth". Numbers are digit runs (with their
  /// decimal and thousands separators and a `%`; `1,200` and `1200` are one number) and
  /// numbers in words (`NumberWords`: cardinals, `a hundred`, `1.2 million`, ordinals, in
  /// English, French, Spanish and German), compared by value, so `nine` → `9` is no change.
  /// A word that is more often something else (`one`, `first`, `second`, `once`) counts only
  /// when the other side has a plain number. Words only inserted or only deleted (a new
  /// sentence that happens to hold a date) do not count, unless they are number words added
  /// to a number (`five` → `five hundred`).
  case numbers
  /// The passages inside quotation marks (`"…"`, `“…”`, `«…»`, `„…“`) and the quote blocks
  /// (`> …`) of the body are not the same list: a quotation was altered, added or removed.
  case quotation
  /// The body's link targets changed: one was added, removed or now points somewhere else
  /// (same words, another `href`). Read from the links section of the article text; for
  /// captures made before links were part of it, from the raw HTML of both, so the label is
  /// unavailable there when either was not kept.
  case links
  /// A caption or photo credit of the post's pictures changed, or one was added or removed (the
  /// wrong person named under a photo, corrected): read from the captions section of the
  /// article text. For captures made before captions were recorded, from the raw HTML of
  /// both, so the label is unavailable there when either was not kept.
  case caption
  /// A change replaced some paragraphs (blocks) by a different number of them: blocks were
  /// added, removed, split or merged.
  case paragraphs
  /// The `Title:` line changed.
  case title
  /// The body has more correction or update notes than before: a block, or a sentence, that
  /// starts with a note label (`Correction`, `Update`, `Editor's note`, `Clarification`,
  /// `Rectificatif`, `Mise à jour`, `Corrección`, `Fe de erratas`, `Korrektur`,
  /// `Anmerkung der Redaktion` …; `NoteMarkers`) followed by a colon or a dash, after an
  /// optional date or parenthesis (`Correction, November 24:`, `Update 3 p.m.:`), or that
  /// is a note sentence (`This article has been updated`, `An earlier version of this
  /// article …`, `Une version précédente de cet article …`).
  case correctionNote = "correction-note"

  /// The label as a reader sees it.
  public var name: String {
    switch self {
    case .typo: "typo or punctuation only"
    case .numbers: "numbers changed"
    case .quotation: "quotation changed"
    case .links: "links changed"
    case .caption: "caption changed"
    case .paragraphs: "paragraphs added or removed"
    case .title: "title changed"
    case .correctionNote: "correction or update note added"
    }
  }

  /// Labels sort in declaration order.
  public static func < (lhs: EditLabel, rhs: EditLabel) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}
