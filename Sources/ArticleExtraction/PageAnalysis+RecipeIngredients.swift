import HTMLParsing

extension PageAnalysis {
  /// Whether element `index` is a recipe's list of ingredients, a part of the post: its class or
  /// id words name ingredients (`ContainerRules.ingredientWords`: WP Recipe Maker's
  /// `wprm-recipe-ingredients-container`, Tasty Recipes' `tasty-recipes-ingredients`,
  /// `recipe__ingredients`) and it holds a list item, or it is a list whose items are
  /// schema.org ingredients (`itemprop=recipeIngredient`); and it is in a recipe
  /// (`isInRecipe`). A theme sets the ingredients in an `<aside>` beside the steps, and a
  /// reader of the recipe reads them first.
  ///
  /// - Complexity: O(d + k): d the element's depth, k its descendants (read only when its words
  ///   name ingredients) or its children.
  static func isIngredientList(_ index: Int, in document: HTMLDocument) -> Bool {
    guard document.nodes[index].kind == .element else { return false }
    let named = classOrIDNames(index, ContainerRules.ingredientWords, in: document)
    guard named ? holdsListItem(index, in: document) : holdsIngredientItems(index, in: document)
    else { return false }
    return isInRecipe(index, in: document)
  }

  /// Whether `<aside>` element `index` is or holds a recipe's list of ingredients
  /// (`isIngredientList`) before the steps: the ingredients of a recipe card, not chrome for
  /// its tag. A later sibling holds text (the steps beside it): a recipe's ingredients come
  /// before its steps, and an "ingredients" box after them is a shop's (its products and
  /// prices change at each load).
  static func isIngredientAside(
    _ index: Int, in document: HTMLDocument, textLength: NodeCounts
  ) -> Bool {
    let nodes = document.nodes
    let parent = nodes[index].parent
    guard parent >= 0 else { return false }
    var later = nodes[index].end
    while later < nodes[parent].end, textLength[later] == 0 {
      later = nodes[later].kind == .element ? nodes[later].end : later + 1
    }
    guard later < nodes[parent].end else { return false }
    if isIngredientList(index, in: document) { return true }
    guard document.attributeNameID("itemprop") != nil else { return false }
    return (index + 1..<nodes[index].end).contains {
      nodes[$0].kind == .element && holdsIngredientItems($0, in: document)
    } && isInRecipe(index, in: document)
  }

  /// Whether element `index` or an element around it (short of `<body>`) is a recipe: its class
  /// or id words name one (`ContainerRules.recipeWords`) or its `itemtype` is schema.org's
  /// `Recipe`.
  static func isInRecipe(_ index: Int, in document: HTMLDocument) -> Bool {
    var element = index
    while element > 0, !["body", "html"].contains(document.name(of: element)) {
      if namesRecipe(element, in: document) { return true }
      element = document.nodes[element].parent
    }
    return false
  }

  /// Whether element `index` itself is a recipe (see `isInRecipe`). Asked of every page's body
  /// and its ancestors: a class or id is read as words only when its bytes hold "recipe", and
  /// `itemtype` only on a page that has one.
  static func namesRecipe(_ index: Int, in document: HTMLDocument) -> Bool {
    guard !document.nodes[index].attributeSpans.isEmpty else { return false }
    let named = [document.attribute("class", of: index), document.attribute("id", of: index)]
      .contains { value in
        value.map {
          holdsCaseless($0, recipeBytes)
            && classWords($0).contains(where: ContainerRules.recipeWords.contains)
        } ?? false
      }
    return named
      || (document.attributeNameID("itemtype") != nil
        && document.attribute("itemtype", of: index)?.hasSuffix(ContainerRules.recipeType)
          == true)
  }

  private static func holdsListItem(_ index: Int, in document: HTMLDocument) -> Bool {
    let nodes = document.nodes
    return (index + 1..<nodes[index].end).contains {
      nodes[$0].kind == .element && document.name(of: $0) == "li"
    }
  }

  /// Whether element `index` is a `<ul>` or an `<ol>` with an item that is a schema.org
  /// ingredient (`ContainerRules.ingredientProperties`).
  private static func holdsIngredientItems(_ index: Int, in document: HTMLDocument) -> Bool {
    guard ["ul", "ol"].contains(document.name(of: index)),
      document.attributeNameID("itemprop") != nil
    else { return false }
    return document.children(of: index).contains { child in
      document.nodes[child].kind == .element
        && document.attribute("itemprop", of: child).map {
          ContainerRules.ingredientProperties.contains($0)
        } ?? false
    }
  }
}

/// The ingredient lists of the recipe the body is in, outside the body (`roots`): a recipe card
/// that sets its ingredients in an `<aside>` or a column beside its steps, the steps holding
/// the prose and so the body. The recipe is the nearest element around the body's first root
/// that is one (a class word of `ContainerRules.recipeWords`, or `itemtype` schema.org
/// `Recipe`), short of `<body>`, and it must hold every root;
/// its ingredient lists (`PageAnalysis.isIngredientList`, the outermost) outside the roots and
/// outside skipped nodes, before the body, with no other recipe around them, join the body, in
/// document order.
/// Nothing is taken when the body is in no recipe, holds the recipe (its lists are then
/// already in it), or the recipe holds an `<h1>` (it is the page or the post around the card).
///
/// - Complexity: O(d + r): d the depth of the first root, r the nodes of the recipe.
func recipeIngredients(beside roots: [Int], in page: PageAnalysis) -> [Int] {
  let document = page.document
  let nodes = document.nodes
  guard let first = roots.min() else { return [] }
  func namesRecipe(_ element: Int) -> Bool { PageAnalysis.namesRecipe(element, in: document) }
  var recipe = nodes[first].parent
  while recipe > 0, !["body", "html"].contains(document.name(of: recipe)) {
    if namesRecipe(recipe) { break }
    recipe = nodes[recipe].parent
  }
  guard recipe > 0, !["body", "html"].contains(document.name(of: recipe)),
    roots.allSatisfy({ document.contains(recipe, $0) }),
    // A recipe card stands under the post's headline: an element named a recipe around the
    // `<h1>` is the page or the post around the card and beside it (a theme's
    // `<div class="site recipes-site">`), and a list of ingredients in it is anywhere on the
    // page, a sidebar's "recipe of the day" as well.
    !(recipe + 1..<nodes[recipe].end).contains(where: {
      nodes[$0].kind == .element && document.name(of: $0) == "h1"
    })
  else { return [] }
  // The nearest recipe around a list, from its parent up: a list is the body's recipe's only
  // when no other recipe holds it (another recipe's card in the body's: a related recipe, a
  // widget's recipe of the day, whose next load shows other ingredients).
  func nearestRecipe(around list: Int) -> Int {
    var element = nodes[list].parent
    while element > 0, element != recipe, !namesRecipe(element) {
      element = nodes[element].parent
    }
    return element
  }
  let rootSet = Set(roots)
  var lists: [Int] = []
  // Only lists before the body: a recipe's ingredients come before its steps (in a column
  // beside them as well), and a box after them is a shop's (its products and prices change
  // at each load) or a note.
  var inner = recipe + 1
  while inner < min(nodes[recipe].end, first) {
    guard nodes[inner].kind == .element, !page.skipped[inner], !rootSet.contains(inner) else {
      inner = nodes[inner].kind == .element ? nodes[inner].end : inner + 1
      continue
    }
    if !roots.contains(where: { document.contains(inner, $0) }),
      PageAnalysis.isIngredientList(inner, in: document), nearestRecipe(around: inner) == recipe
    {
      lists.append(inner)
      inner = nodes[inner].end
    } else {
      inner += 1
    }
  }
  return lists
}

/// "recipe" as bytes: a class name without them in any ASCII case (`holdsCaseless`) is not
/// split into words.
private let recipeBytes = Array("recipe".utf8)
