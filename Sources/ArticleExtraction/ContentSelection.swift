import HTMLParsing

/// One stage of the extraction cascade: it proposes the nodes whose text is the post body.
struct ExtractionStage: Sendable {
  /// A short name saying how the body was found, reported with the result.
  let name: String
  /// Whether the stage picks a marked container (which content scoring may overrule).
  let isContainer: Bool
  /// The roots of the body in document order, or nil when this stage finds nothing.
  let select: @Sendable (PageAnalysis) -> [Int]?

  /// Platform and schema markup: `post-body`, `entry-content`, `itemprop=articleBody`, ….
  static let platformMarkup = ExtractionStage(name: "platform markup", isContainer: true) {
    bestContainer(in: $0, patterns: ContainerRules.platformContainers)
  }
  /// HTML5 containers: `<article>`, `<main>`, `role=main`.
  static let semanticContainer = ExtractionStage(name: "semantic container", isContainer: true) {
    bestContainer(in: $0, patterns: ContainerRules.semanticContainers)
  }
  /// Readability's paragraph scoring.
  static let contentScoring = ExtractionStage(name: "content scoring", isContainer: false) {
    scoredContent(in: $0)
  }
  /// The whole `<body>`, when nothing else finds text.
  static let wholeBody = ExtractionStage(name: "whole body", isContainer: false) { [$0.body] }

  /// The cascade, most certain first.
  static let cascade = [platformMarkup, semanticContainer, contentScoring, wholeBody]
}

/// The element matching the earliest pattern, and among those the one with the most text.
private func bestContainer(in page: PageAnalysis, patterns: [ElementPattern]) -> [Int]? {
  let nodes = page.document.nodes
  var best: (rule: Int, index: Int)?
  for index in nodes.indices where nodes[index].kind == .element && !page.skipped[index] {
    guard page.textLength[index] >= ContainerRules.minimumContainerText,
      let rule = patterns.firstIndex(where: { page.matches($0, index) })
    else { continue }
    if let current = best {
      let better =
        rule < current.rule
        || (rule == current.rule && page.textLength[index] > page.textLength[current.index])
      if better { best = (rule, index) }
    } else {
      best = (rule, index)
    }
  }
  return best.map { [$0.index] }
}

/// Readability's method: paragraphs give points to their ancestors; the best-scoring element,
/// discounted by its link density, is the body, joined by siblings that score nearly as well.
private func scoredContent(in page: PageAnalysis) -> [Int]? {
  let nodes = page.document.nodes
  var scores: [Int: Double] = [:]
  for index in page.document.descendants(of: page.body)
  where nodes[index].kind == .element && !page.skipped[index] && isParagraphLike(index, page) {
    let length = page.textLength[index]
    guard length >= ScoringRules.minimumParagraphLength else { continue }
    let points =
      ScoringRules.paragraphBaseScore + Double(page.commas[index])
      + min(ScoringRules.maximumLengthPoints, Double(length) / ScoringRules.charactersPerPoint)
    var ancestor = nodes[index].parent
    for level in 0..<ScoringRules.ancestorLevels where ancestor > 0 {
      let share = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
      scores[ancestor, default: initialScore(of: ancestor, in: page)] += points / share
      ancestor = nodes[ancestor].parent
    }
  }
  let ranked = scores.map { (index: $0.key, score: $0.value * (1 - page.linkDensity($0.key))) }
  guard let best = ranked.max(by: { ($0.score, -$0.index) < ($1.score, -$1.index) }) else {
    return nil
  }
  let parent = nodes[best.index].parent
  guard parent >= 0 else { return [best.index] }
  let threshold = max(
    ScoringRules.minimumSiblingScore, best.score * ScoringRules.siblingScoreShare)
  let finalScores = Dictionary(uniqueKeysWithValues: ranked.map { ($0.index, $0.score) })
  return page.document.children(of: parent).filter { sibling in
    guard !page.skipped[sibling], nodes[sibling].kind == .element else { return false }
    if sibling == best.index { return true }
    if let score = finalScores[sibling], score >= threshold { return true }
    return nodes[sibling].name == "p"
      && page.textLength[sibling] > ScoringRules.siblingParagraphLength
      && page.linkDensity(sibling) < ScoringRules.siblingLinkDensity
  }
}

/// Paragraph tags, and `<div>`s that hold text but no block elements (readability turns those
/// into paragraphs).
private func isParagraphLike(_ index: Int, _ page: PageAnalysis) -> Bool {
  let node = page.document.nodes[index]
  if ScoringRules.paragraphTags.contains(node.name) { return true }
  guard node.name == "div" else { return false }
  return !page.document.children(of: index).contains { child in
    let childNode = page.document.nodes[child]
    return childNode.kind == .element && !BlockCollector.inlineTags.contains(childNode.name)
      && childNode.name != "br"
  }
}

private func initialScore(of index: Int, in page: PageAnalysis) -> Double {
  var score = ScoringRules.tagScores[page.document.nodes[index].name] ?? 0
  let words = page.words[index]
  if words.contains(where: ScoringRules.positiveWords.contains) {
    score += ScoringRules.classWeight
  }
  if words.contains(where: {
    BoilerplateRules.strongNegativeWords.contains($0)
      || BoilerplateRules.weakNegativeWords.contains($0)
  }) {
    score -= ScoringRules.classWeight
  }
  return score
}
