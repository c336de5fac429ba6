import ArticleExtraction
import HTMLParsing
import Testing

private let intro =
  "This sourdough bread is tangy and forgiving: there is no kneading and no shaping the loaf."

private let ingredients = [
  "4 cups (500g) bread flour",
  "1 3/4 teaspoons table salt",
  "1/4 cup (60g) sourdough starter",
  "2 scant cups (450g) water, lukewarm",
]

private let steps = [
  "In a large bowl, stir together the flour and the salt until no lumps remain.",
  "Add the starter and the lukewarm water, and mix until the dough comes together.",
  "Cover the bowl and let the dough rest overnight, until it nearly doubles in size.",
  "Scrape the dough into a greased pan and bake it for 45 minutes at 425 degrees.",
]

private let flourLink = "https://shop.example.com/items/bread-flour"

/// The ingredients as list items, the flour linked to the shop.
private func items(_ attributes: String = "") -> String {
  ingredients.enumerated().map { position, line in
    let text =
      position == 0
      ? "4 cups (500g) <a href=\"\(flourLink)\">bread flour</a>" : line
    return "<li\(attributes)>\(text)</li>"
  }.joined()
}

/// A recipe page: a header `<article>` with the headline and the introduction, then the recipe
/// `recipe` (its ingredients and its steps), and a sidebar of other recipes.
private func page(recipe: String) -> String {
  """
  <html><head><title>Everyday sourdough bread</title></head><body>
  <header><a href="/">The Bakery</a> <a href="/recipes">Recipes</a></header>
  <main>
  <article class="node node--recipe"><h1>Everyday sourdough bread</h1><p>\(intro)</p></article>
  \(recipe)
  </main>
  <aside class="widgets"><h3>Popular</h3><ul><li><a href="/r/1">Rye bread</a></li>
  <li><a href="/r/2">Bagels</a></li></ul></aside>
  </body></html>
  """
}

private let instructions = """
  <article class="recipe__instructions"><h2>Instructions</h2><ol>\
  \(steps.map { "<li><p>\($0)</p></li>" }.joined())</ol></article>
  """

@Suite("A recipe's ingredients beside its steps are a part of the post")
struct RecipeIngredientTests {
  /// A Drupal theme's recipe card (wcxb-dev 4163: 2 missed edits, long): the ingredients in an
  /// `<aside>` beside the steps' `<article>`, which holds the prose.
  @Test("ingredients in an <aside> of the recipe beside the steps are read, before them")
  func ingredientsAside() throws {
    let recipe = """
      <section class="recipe recipe--detail"><aside class="recipe__ingredients">\
      <h2>Ingredients</h2><ul>\(items())</ul></aside>\(instructions)</section>
      """
    let article = try extractArticle(from: parseHTML(Array(page(recipe: recipe).utf8))).article
    let texts = article.blocks.map(\.text)
    #expect(texts == [intro, "Ingredients"] + ingredients + ["Instructions"] + steps)
    #expect(article.links.contains(flourLink))
  }

  /// schema.org microdata, the ingredients in an unnamed `<aside>` of the recipe.
  @Test("an <aside> with schema.org ingredients in a Recipe is read")
  func microdataIngredients() throws {
    let recipe = """
      <div itemscope itemtype="https://schema.org/Recipe"><aside>\
      <ul class="list">\(items(" itemprop=\"recipeIngredient\""))</ul></aside>\
      \(instructions)</div>
      """
    let texts = try extractArticle(from: parseHTML(Array(page(recipe: recipe).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == [intro] + ingredients + ["Instructions"] + steps)
  }

  /// An `<aside>` that names no ingredients, a list named so outside any recipe (a site's
  /// "ingredients" index in its sidebar) and named chrome stay out.
  @Test(
    "an unnamed aside, ingredients outside a recipe and chrome stay out",
    arguments: [
      """
      <section class="recipe"><aside><ul>\(items())</ul></aside>\
      \(instructions)</section>
      """,
      """
      <section class="steps"><aside class="popular-ingredients"><ul>\(items())</ul></aside>\
      \(instructions)</section>
      """,
      """
      <section class="recipe"><aside class="recipe-ingredients related"><ul>\(items())</ul>\
      </aside>\(instructions)</section>
      """,
    ])
  func othersStayOut(recipe: String) throws {
    let texts = try extractArticle(from: parseHTML(Array(page(recipe: recipe).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == [intro, "Instructions"] + steps)
  }

  /// A recipe of the day beside the post, in a wrapper that a theme names for its recipes: an
  /// unnamed widget in a wrapper around the headline (`site recipes-site`), a widget named a
  /// recipe of its own in a wrapper under the headline. Its ingredients are the widget's, and
  /// the next load shows another recipe's: they stay out.
  @Test(
    "a sidebar's recipe of the day in a wrapper named for recipes stays out",
    arguments: [
      """
      <div class="site recipes-site"><div id="primary"><h1>Lemon cake</h1>\
      <div class="entry-content">\(steps.map { "<p>\($0)</p>" }.joined())</div></div>\
      <div id="secondary"><div class="daily"><h3>Today</h3><div class="ingredients">\
      <ul><li>3 ripe bananas</li><li>2 cups flour</li></ul></div></div></div></div>
      """,
      """
      <h1>Lemon cake</h1><div id="content" class="recipes"><div id="primary">\
      <div class="entry-content">\(steps.map { "<p>\($0)</p>" }.joined())</div></div>\
      <div id="secondary"><div class="recipe-of-the-day"><h3>Recipe of the day</h3>\
      <div class="ingredients"><ul><li>3 ripe bananas</li><li>2 cups flour</li></ul></div>\
      </div></div></div>
      """,
    ])
  func recipeOfTheDayStaysOut(layout: String) throws {
    let html = """
      <html><head><title>Lemon cake</title></head><body><header><a href="/">Home</a></header>
      \(layout)<footer>Copyright</footer></body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts == steps, "\(texts)")
  }

  /// A box to shop for the ingredients after the steps, in the recipe card: its products and
  /// prices change at each load, and a recipe's ingredients come before its steps.
  @Test("a box of ingredients to shop after the steps stays out")
  func shopBoxAfterSteps() throws {
    let recipe = """
      <section class="recipe">\(instructions)<aside class="shop-ingredients">\
      <h3>Shop the ingredients</h3><ul><li><a href="https://shop.example.com/x">Brand X \
      flour</a> $3.49</li><li>Free delivery over $35</li></ul></aside></section>
      """
    let texts = try extractArticle(from: parseHTML(Array(page(recipe: recipe).utf8)))
      .article.blocks.map(\.text)
    #expect(texts == [intro, "Instructions"] + steps, "\(texts)")
  }

  /// The same box inside a post that holds its recipe card: an `<aside>` after the steps with
  /// nothing after it is no list of ingredients beside them, and stays chrome.
  @Test("a box of ingredients to shop after the steps in the post stays chrome")
  func shopBoxInPost() throws {
    let html = """
      <html><head><title>Everyday sourdough bread</title></head><body>
      <header><a href="/">The Bakery</a></header><main><article class="post recipe">\
      <h1>Everyday sourdough bread</h1><p>\(intro)</p><div class="recipe-card"><ol>\
      \(steps.map { "<li><p>\($0)</p></li>" }.joined())</ol><aside class="shop-ingredients">\
      <h3>Shop the ingredients</h3><ul><li><a href="https://shop.example.com/x">Brand X \
      flour</a> $3.49</li><li>Free delivery over $35</li></ul></aside></div>\
      <p>\(intro)</p></article></main></body></html>
      """
    let texts = try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
    #expect(texts.contains(steps[3]), "\(texts)")
    #expect(!texts.contains { $0.contains("Shop the ingredients") }, "\(texts)")
  }
}
