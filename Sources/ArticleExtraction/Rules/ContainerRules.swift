/// Where the platforms most blogs run on put the post body, tried in this order; the first
/// pattern that matches an element with enough text wins.
enum ContainerRules {
  /// The body containers the platforms write around every post and never around a title or a
  /// teaser: a post of one sentence in one of them is still the post.
  static let bodyContainers: [ElementPattern] = [
    // schema.org microdata: Blogger, many WordPress themes and news sites.
    .itemprop("articleBody"),
    // Blogger (every classic and newer theme).
    .className("post-body"),
    // WordPress: core themes and most others.
    .className("entry-content"),
  ]

  /// Platform and schema markup, most specific first.
  static let platformContainers: [ElementPattern] =
    bodyContainers + [
      // Ghost.
      .className("gh-content"),
      .className("post-full-content"),
      // Substack.
      .className("available-content"),
      // Medium (2023 on): generated class names but for the paragraphs'
      // `pw-post-body-paragraph`; the column around them holds the post (and the byline box,
      // `speechify-ignore` in `PluginChromeRules`).
      .holderOfClass("pw-post-body-paragraph"),
      // Hashnode's hosted blogs.
      .id("post-content-wrapper"),
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
  /// A schema.org rating summary inside the body (the stars and "(12 ratings)"), left out of it
  /// as the author box is: its count changes with every reader's vote.
  static let ratingSummary = ElementPattern.itemprop("aggregateRating")

  /// A container with less text than this many characters is not taken as the body: themes
  /// reuse `post-content` for teasers and empty wrappers.
  static let minimumContainerText = 100

  /// A container of `bodyContainers` needs only this many characters (a line of thanks, a
  /// one-sentence note); other patterns are reused for title boxes and cards, which
  /// `minimumContainerText` keeps out.
  static let minimumBodyContainerText = 20

  /// The least text a match of pattern `rule` (a position in `platformContainers`) needs.
  static func minimumText(forRule rule: Int) -> Int {
    rule < bodyContainers.count ? minimumBodyContainerText : minimumContainerText
  }

  /// A platform container with more than this many times the text of the one the pattern order
  /// prefers is the post instead (the preferred one is a box beside it, such as a theme's
  /// `entry-content` in a sidebar of a site whose post is in `article-body`).
  static let containerTextRatio = 2.0

  /// schema.org types of a forum thread: the body of its first posting is not the whole
  /// content, the replies are too.
  static let threadTypes = ["DiscussionForumPosting", "QAPage", "Question"]

  /// Class and id words that name a recipe (`recipe__ingredients`, WP Recipe Maker's
  /// `wprm-recipe-container`, Tasty Recipes' `tasty-recipes`, `single-recipe`): the box around
  /// a recipe's ingredients and its steps.
  static let recipeWords: Set<String> = ["recipe", "recipes"]

  /// Class and id words that name a recipe's list of ingredients (WP Recipe Maker's
  /// `wprm-recipe-ingredients-container`, Tasty Recipes' `tasty-recipes-ingredients`,
  /// Mediavine Create's `mv-create-ingredients`, the hRecipe microformat's `ingredients`, a
  /// Drupal theme's `<aside class="recipe__ingredients">`). Only `ingredients`: the singular
  /// names a menu icon's bar (`hamburger-ingredient`) or one row.
  static let ingredientWords: Set<String> = ["ingredients"]

  /// `itemprop` values of one ingredient in schema.org microdata (`recipeIngredient`, and the
  /// older `ingredients`): the list around such items is the recipe's ingredients.
  static let ingredientProperties: Set<String> = ["recipeIngredient", "ingredients"]

  /// The schema.org type of a recipe (`itemtype="https://schema.org/Recipe"`).
  static let recipeType = "/Recipe"
}
