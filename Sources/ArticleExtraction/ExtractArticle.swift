import HTMLParsing

/// An article and how it was found.
public struct ExtractionResult: Sendable {
  /// The extracted article.
  public let article: Article
  /// The cascade stage that found the body ("platform markup", "content scoring", …).
  public let method: String
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
  for stage in ExtractionStage.cascade {
    guard let roots = stage.select(page) else { continue }
    var collector = BlockCollector(page: page)
    var blocks = collector.collect(roots)
    dropRepeatedTitle(metadata.title, from: &blocks)
    guard !blocks.isEmpty else { continue }
    let article = Article(
      title: metadata.title, authors: metadata.authors, published: metadata.published,
      updated: metadata.updated, url: metadata.url, siteName: metadata.siteName,
      language: metadata.language, blocks: blocks)
    return ExtractionResult(article: article, method: stage.name)
  }
  throw ExtractionError.noArticleFound
}

/// The headline often opens the body too; it is metadata, not body text.
private func dropRepeatedTitle(_ title: String?, from blocks: inout [Block]) {
  guard let title, let first = blocks.first, first.text == title else { return }
  blocks.removeFirst()
}
