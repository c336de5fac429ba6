/// Where the platforms most blogs run on put the post body, tried in this order; the first
/// pattern that matches an element with enough text wins.
enum ContainerRules {
  /// Platform and schema markup, most specific first.
  static let platformContainers: [ElementPattern] = [
    // schema.org microdata: Blogger, many WordPress themes and news sites.
    .itemprop("articleBody"),
    // Blogger (every classic and newer theme).
    .className("post-body"),
    // WordPress: core themes and most others.
    .className("entry-content"),
    // Ghost.
    .className("gh-content"),
    .className("post-full-content"),
    // Substack.
    .className("available-content"),
    // Medium and many Hugo/Jekyll themes.
    .className("post-content"),
    .className("article-content"),
    .className("article-body"),
    .className("post-entry"),
    .className("entry-body"),
    .className("single-content"),
    .className("story-body"),
    .className("blog-content"),
    // Microformats 2.
    .className("e-content"),
    // Tumblr.
    .className("body-text"),
    // Squarespace.
    .className("blog-item-content"),
    // Wix.
    .attribute("data-hook", "post-description"),
  ]

  /// Generic HTML5 containers, tried after the platform rules.
  static let semanticContainers: [ElementPattern] = [
    .tag("article"),
    .attribute("role", "main"),
    .tag("main"),
  ]

  /// A schema.org author inside the body: a byline or a box about the writer, left out of it.
  static let authorBox = ElementPattern.itemprop("author")

  /// A container with less text than this many characters is not taken as the body: themes
  /// reuse `post-content` for teasers and empty wrappers.
  static let minimumContainerText = 100
}
