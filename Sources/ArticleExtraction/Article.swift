/// A blog post as Redline keeps it: metadata and the body as a list of blocks.
///
/// Invariants: no block or caption has empty text, and no block or caption text has leading,
/// trailing or repeated whitespace or a line break.
public struct Article: Sendable, Equatable, Codable {
  /// The post's title, if found.
  public var title: String?
  /// The headline the page shows above the post when it is the title written otherwise (an
  /// edited headline under a site's cached `og:title`).
  public var headline: String?
  /// The authors' names, in page order, without duplicates.
  public var authors: [String]
  /// When the post was first published, ISO 8601 (`2016-07-02` or `2016-07-02T08:53:00-07:00`).
  public var published: String?
  /// When the post says it was last updated, ISO 8601.
  public var updated: String?
  /// A day the page shows above the post (its dateline) that is neither `published` nor
  /// `updated`, ISO 8601: what readers see when the metadata says otherwise.
  public var shownDate: String?
  /// The canonical URL the page declares, or the URL it was fetched from.
  public var url: String?
  /// The name of the site or blog.
  public var siteName: String?
  /// The page's language tag (`en`, `pt-BR`).
  public var language: String?
  /// The body, block by block, in reading order.
  public var blocks: [Block]
  /// Where the body's links point: each `href` once, in order of first appearance, as written
  /// but for white space, control characters and the parameters that change per visit
  /// (session ids, signatures, trackers: see `linkTargets(_:)` and `withoutVisitTokens(_:)`).
  /// Part of the record: a link that points somewhere else is an edit even when its words stay
  /// the same.
  public var links: [String]
  /// The captions and photo credits of the post's pictures that the body leaves out
  /// (`CaptionRules`: WordPress's `wp-caption-text`, gallery captions, credits), one line each
  /// in page order, folded as block text is. Part of the record (a corrected caption is an
  /// edit), not of the body: they are not the post's prose.
  public var captions: [String]

  /// Creates an article.
  public init(
    title: String? = nil, headline: String? = nil, authors: [String] = [], published: String? = nil,
    updated: String? = nil, shownDate: String? = nil, url: String? = nil,
    siteName: String? = nil, language: String? = nil, blocks: [Block] = [],
    links: [String] = [], captions: [String] = []
  ) {
    self.title = title
    self.headline = headline
    self.authors = authors
    self.published = published
    self.updated = updated
    self.shownDate = shownDate
    self.url = url
    self.siteName = siteName
    self.language = language
    self.blocks = blocks
    self.links = links
    self.captions = captions
  }
}

/// One block of an article body: a paragraph, heading, list item, quote, code line or table row.
public struct Block: Sendable, Equatable, Codable {
  /// What kind of block this is; decides its Markdown marker.
  public enum Kind: Sendable, Equatable, Codable {
    /// Running text.
    case paragraph
    /// A heading of level 1 to 6.
    case heading(level: Int)
    /// An item of a bulleted list.
    case listItem
    /// An item of a numbered list, with its number.
    case numberedItem(Int)
    /// A quoted passage.
    case quote
    /// One line of preformatted code.
    case code
    /// One table row, cells joined by " | ".
    case tableRow
  }

  /// What kind of block this is.
  public var kind: Kind
  /// The block's text, whitespace-normalized.
  public var text: String

  /// Creates a block.
  public init(_ kind: Kind, _ text: String) {
    self.kind = kind
    self.text = text
  }
}
