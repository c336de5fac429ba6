import HTMLParsing

/// An article and how it was found.
public struct ExtractionResult: Sendable {
  /// The extracted article.
  public let article: Article
  /// The cascade stage that found the body ("platform markup", "content scoring", …).
  public let method: String
  /// The `href` of every link inside the body, as written, in document order. The article
  /// text keeps no links; `audit` compares these to tell when links were added or removed.
  public let links: [String]
}

/// Extracts the post from a parsed page: metadata from the best source present, and the body
/// from the first stage of the cascade (platform markup, HTML5 containers, content scoring, the
/// whole body) that yields text.
///
///     let document = try parseHTML(bytes)
///     let article = try extractArticle(from: document).article
///     print(article.canonicalText)
///
/// - Throws: `ExtractionError.noArticleFound` when no stage finds any body text.
/// - Complexity: O(n) in the number of nodes for each stage tried.
public func extractArticle(
  from document: HTMLDocument, options: ExtractionOptions = ExtractionOptions()
) throws -> ExtractionResult {
  let page = PageAnalysis(document)
  let metadata = extractMetadata(from: page, options: options)
  func body(of stage: ExtractionStage) -> (blocks: [Block], links: [String])? {
    guard let roots = stage.select(page) else { return nil }
    var collector = BlockCollector(page: page)
    var blocks = collector.collect(roots)
    dropRepeatedTitle(metadata.title, from: &blocks)
    return blocks.isEmpty ? nil : (blocks, collector.links)
  }
  guard
    var (stage, (blocks, links)) = ExtractionStage.cascade.lazy
      .compactMap({ stage in body(of: stage).map { (stage, $0) } }).first
  else { throw ExtractionError.noArticleFound }
  // A marked container can be a teaser or a fragment (page builders reuse `article` and
  // `post-content` for cards); content scoring that finds far more text wins then.
  if stage.isContainer, let scored = body(of: .contentScoring),
    Double(textLength(scored.blocks)) > Double(textLength(blocks))
      * ScoringRules.containerOverrideRatio
  {
    (stage, blocks, links) = (.contentScoring, scored.blocks, scored.links)
  }
  let article = Article(
    title: metadata.title, authors: metadata.authors, published: metadata.published,
    updated: metadata.updated, url: metadata.url, siteName: metadata.siteName,
    language: metadata.language, blocks: blocks)
  return ExtractionResult(article: article, method: stage.name, links: links)
}

private func textLength(_ blocks: [Block]) -> Int {
  blocks.reduce(0) { $0 + $1.text.utf8.count }
}

/// The headline often opens the body too; it is metadata, not body text.
private func dropRepeatedTitle(_ title: String?, from blocks: inout [Block]) {
  guard let title, let first = blocks.first, first.text == title else { return }
  blocks.removeFirst()
}
