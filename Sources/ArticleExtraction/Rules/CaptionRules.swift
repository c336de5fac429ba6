/// WordPress captions, gallery text and photo credits: they describe a picture, not the post.
/// None of the 91 `wp-caption-text`s with text on the wcxb-dev pages is in their gold text.
/// `<figcaption>` and a bare `caption` class are kept: of 500 figcaptions there, 55 are in the
/// gold, and readability's gold keeps them (dropping them cost its corpus 0.006 of F1 and
/// gained wcxb-dev 0.001). The body collector skips these.
enum CaptionRules {
  /// Whole class names: WordPress's classic caption and gallery caption, and photo credits.
  static let classNames: Set<String> = [
    "wp-caption-text", "gallery-caption", "credit", "photo-credit", "image-credit",
    "media-credit", "img-credit",
  ]

  /// Class or id words of a picture's credit inside a `<figure>` (`caption__credit`,
  /// `story-image-copyright`, `photo-attribution`): the photographer or the agency, which the
  /// post's text never is. Only inside a figure of a picture (none of `textFigureTags`), where
  /// the word can only name the picture's credit (elsewhere `credit` may be a card offer or a
  /// film's credits, and a quotation's `attribution` names who said it).
  static let figureCreditWords: Set<String> = ["credit", "credits", "copyright", "attribution"]
  /// Tags that make a `<figure>` one of text, not of a picture: a quotation with its
  /// attribution, a table (a film's credits), code. Its credit words name a part of the post.
  static let textFigureTags: Set<String> = ["blockquote", "table", "pre"]

  /// A caption is skipped only when it has at most this many characters: a block marked
  /// `caption` that is longer is a post about a picture, not its caption.
  static let maximumCaptionText = 500
}
