import HTMLParsing

/// What the rule tables say about one tag name, worked out once per distinct name in a page so
/// that no rule hashes a tag name at every element.
struct TagTraits: OptionSet, Sendable {
  let rawValue: UInt16

  /// `BoilerplateRules.nonTextTags`: never prose.
  static let nonText = TagTraits(rawValue: 1 << 0)
  /// `BoilerplateRules.chromeTags`: page chrome unless it holds most of the text.
  static let chrome = TagTraits(rawValue: 1 << 1)
  /// `BoilerplateRules.protectedTags`: never removed for class words.
  static let protected = TagTraits(rawValue: 1 << 2)
  /// `BlockCollector.inlineTags`: flows inside a block.
  static let inline = TagTraits(rawValue: 1 << 3)
  /// `ScoringRules.paragraphTags`: counts as a paragraph of prose.
  static let paragraph = TagTraits(rawValue: 1 << 4)
  /// `CleaningRules.linkCheckedTags`: may be dropped for link density.
  static let linkChecked = TagTraits(rawValue: 1 << 5)
  /// `BlockCollector.layoutBlockTags`: makes a table row a layout row.
  static let layoutBlock = TagTraits(rawValue: 1 << 6)

  /// `<article>`: one post (PageAnalysis protects a post's own body inside it).
  static let article = TagTraits(rawValue: 1 << 7)
  /// `<main>`: the page's main content.
  static let main = TagTraits(rawValue: 1 << 8)
  /// `<h1>` … `<h6>`: a heading (teaser cards are told by theirs).
  static let heading = TagTraits(rawValue: 1 << 9)

  init(rawValue: UInt16) {
    self.rawValue = rawValue
  }

  /// The traits of the tag with this lower-case name.
  init(tag name: String) {
    var traits: TagTraits = []
    if BoilerplateRules.nonTextTags.contains(name) { traits.insert(.nonText) }
    if BoilerplateRules.chromeTags.contains(name) { traits.insert(.chrome) }
    if BoilerplateRules.protectedTags.contains(name) { traits.insert(.protected) }
    if BlockCollector.inlineTags.contains(name) { traits.insert(.inline) }
    if ScoringRules.paragraphTags.contains(name) { traits.insert(.paragraph) }
    if CleaningRules.linkCheckedTags.contains(name) { traits.insert(.linkChecked) }
    if BlockCollector.layoutBlockTags.contains(name) { traits.insert(.layoutBlock) }
    if name == "article" { traits.insert(.article) }
    if name == "main" { traits.insert(.main) }
    if ["h1", "h2", "h3", "h4", "h5", "h6"].contains(name) { traits.insert(.heading) }
    self = traits
  }

  /// The traits of every tag name of a document, indexed like `document.tagNames`.
  static func table(for document: HTMLDocument) -> [TagTraits] {
    document.tagNames.map(TagTraits.init(tag:))
  }
}
