import HTMLParsing

/// Extracts the article from a page that holds only the part a user's selector named (a site
/// rule or a watch's `--xpath`/`--css`; see HTMLParsing's `selectedArticleHTML`): metadata as
/// `extractArticle` finds it, the body from the whole `<body>` without the cascade, since the
/// user has already said where the post is. Chrome inside it (share buttons, comment counts)
/// is still left out, as in automatic extraction.
///
///     let reduced = try selectedArticleHTML(page, xpath: "//div[@class='post-body']")
///     let article = try extractSelectedArticle(from: try parseHTML(reduced)).article
///
/// - Throws: `ExtractionError.noArticleFound` when the selection holds no text.
/// - Complexity: O(n) in the number of nodes.
public func extractSelectedArticle(
  from document: HTMLDocument, options: ExtractionOptions = ExtractionOptions()
) throws -> ExtractionResult {
  let page = PageAnalysis(document)
  let metadata = extractMetadata(from: page, options: options)
  var collector = BlockCollector(page: page)
  let blocks = collector.collect([page.body])
  guard !blocks.isEmpty else { throw ExtractionError.noArticleFound }
  let article = Article(
    title: metadata.title, authors: metadata.authors, published: metadata.published,
    updated: metadata.updated, url: metadata.url, siteName: metadata.siteName,
    language: metadata.language, blocks: blocks, links: linkTargets(collector.links),
    captions: collector.captions)
  return ExtractionResult(article: article, method: "selector")
}
