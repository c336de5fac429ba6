import HTMLParsing

/// The box after a post that asks the reader to sign up, subscribe or log in: a paywall's
/// notice with its "register" and "log in" buttons, a newsletter box with its form. Its
/// controls are chrome by their words; the notice beside them is the box's too.
extension PageAnalysis {
  /// For each element marked chrome by its class words that names an account action
  /// (`BoilerplateRules.accountWords`: `signup`, `subscribe`, `login`, `paywall`, …), the
  /// highest of its `maximumAccountBoxDepth` nearest ancestors that holds at most
  /// `BoilerplateRules.maximumAccountBoxText` characters outside chrome and comes after an
  /// element sibling holding at least twice as many (the post's text before the box) and of
  /// another kind by its classes (`areOfOneKind`: not the post's previous section). None
  /// is, or holds, a `<main>`, an `<article>`, a platform container or the headline
  /// (`holdsPost`). Empty when the page has none.
  ///
  /// - Complexity: O(n) for the walk, and a few ancestors of each element named so.
  static func accountBoxes(
    _ document: HTMLDocument, chromeByClass: [Bool], skipped: [Bool], textLength: NodeCounts,
    chromeText: NodeCounts, holdsPost: (Int) -> Bool
  ) -> [Bool] {
    let nodes = document.nodes
    var boxes: [Bool] = []
    for index in nodes.indices where chromeByClass[index] && !skipped[index] {
      var box = nodes[index].parent
      var found: Int?
      for _ in 0..<BoilerplateRules.maximumAccountBoxDepth {
        guard box > 0, nodes[box].kind == .element, !holdsPost(box),
          !["body", "html"].contains(document.name(of: box))
        else { break }
        let own = textLength[box] - chromeText[box]
        guard own <= BoilerplateRules.maximumAccountBoxText else { break }
        if own > 0, let previous = previousElement(of: box, document),
          textLength[previous] - chromeText[previous] >= 2 * own,
          !areOfOneKind(box, previous, document)
        {
          found = box
        }
        box = nodes[box].parent
      }
      // The control's words are read last, for the few elements in such a box.
      guard let found, boxes.isEmpty || !boxes[found],
        classOrIDNames(index, BoilerplateRules.accountWords, in: document)
      else { continue }
      if boxes.isEmpty { boxes = Array(repeating: false, count: nodes.count) }
      boxes[found] = true
    }
    return boxes
  }

  /// Whether elements `first` and `second` are boxes of one kind by their classes: at least
  /// `BoilerplateRules.sameKindClassShare` of their class names shared, names with a digit (a
  /// page builder's numbered or hashed ones, `et_pb_section_2`, `elementor-element-6a1b2c3`)
  /// left out. A page builder's sections of a post are so: the last, a conclusion with a
  /// "Subscribe" button, is the post's next section, not a paywall's box after it.
  private static func areOfOneKind(_ first: Int, _ second: Int, _ document: HTMLDocument)
    -> Bool
  {
    func names(_ index: Int) -> Set<Substring> {
      guard let value = document.attribute("class", of: index) else { return [] }
      return Set(
        value.split(whereSeparator: \.isWhitespace).filter { !$0.contains(where: \.isNumber) })
    }
    let (one, other) = (names(first), names(second))
    let all = one.union(other).count
    return all > 0
      && Double(one.intersection(other).count) >= Double(all) * BoilerplateRules.sameKindClassShare
  }

  /// The element sibling just before element `index`, if any.
  private static func previousElement(of index: Int, _ document: HTMLDocument) -> Int? {
    let parent = document.nodes[index].parent
    guard parent >= 0 else { return nil }
    var previous: Int?
    for child in document.children(of: parent) {
      if child == index { return previous }
      if document.nodes[child].kind == .element { previous = child }
    }
    return nil
  }
}
