/// Constants of the general content-scoring stage (after readability's `_grabArticle`).
enum ScoringRules {
  /// A paragraph shorter than this many characters adds nothing to its ancestors' scores.
  static let minimumParagraphLength = 25
  /// Every scored paragraph is worth this much before its commas and length.
  static let paragraphBaseScore = 1.0
  /// Characters of paragraph text per extra point.
  static let charactersPerPoint = 100.0
  /// A paragraph gains at most this many points for its length.
  static let maximumLengthPoints = 3.0
  /// How many ancestors of a paragraph share its score.
  static let ancestorLevels = 3
  /// Class and id words that make an element more likely to be the content.
  static let positiveWords: Set<String> = [
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story",
  ]
  /// Points added or taken away for a positive or negative class or id word: large enough to
  /// decide between two otherwise similar containers, as in readability.
  static let classWeight = 25.0
  /// Starting scores by tag: `<div>` usually holds prose, lists and headings rarely do.
  static let tagScores: [String: Double] = [
    "div": 5, "article": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
  ]
  /// Tags whose text counts as a paragraph for scoring.
  static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote", "li", "dd"]
  /// Content scoring overrules a marked container (platform class, `<article>`, `<main>`) when
  /// it finds more than this many times the container's text: the container was then a teaser
  /// card or a fragment of the post.
  static let containerOverrideRatio = 2.0
  /// A sibling of the best candidate joins the article when its score is at least this share of
  /// the best score.
  static let siblingScoreShare = 0.2
  /// ... and at least this absolute score.
  static let minimumSiblingScore = 10.0
  /// A sibling paragraph joins anyway when it is longer than this and has few links.
  static let siblingParagraphLength = 80
  /// The most link text a joining sibling paragraph may have, as a share of its text.
  static let siblingLinkDensity = 0.25
}

/// Constants for cleaning the chosen container.
enum CleaningRules {
  /// A list, div or table inside the body whose text is mostly link text is navigation
  /// (tag lists, "read more" boxes), when it is also short.
  static let maximumLinkDensity = 0.5
  /// ... short meaning under this many characters; long link-heavy passages are kept.
  static let linkHeavyMaximumLength = 400
  /// Tags that cleaning may drop for link density.
  static let linkCheckedTags: Set<String> = ["ul", "ol", "div", "section", "table", "p", "dl"]
}
