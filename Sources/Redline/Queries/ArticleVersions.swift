import ArticleExtraction
import DocumentDecoding
import SnapshotStore

extension CaptureMetadata {
  /// The format of this capture's article text: `ArticleText.formatVersion` when it was made,
  /// 1 for captures made before the format was recorded (no links section).
  var textFormat: Int { articleFormat ?? 1 }
}

/// Two article texts in the form in which they compare: as stored when both are of one format;
/// without their links sections when one was made before links were part of the record, so
/// that an old capture never differs from a new one by a links section alone.
///
///     comparableTexts("Title: A\n\nBody\n", format: 1,
///                     "Title: A\n\nBody\n\nLinks:\nhttps://x\n", format: 2)
///     // ("Title: A\n\nBody\n", "Title: A\n\nBody\n")
func comparableTexts(_ old: String, format oldFormat: Int, _ new: String, format newFormat: Int)
  -> (old: String, new: String)
{
  guard oldFormat != newFormat else { return (old, new) }
  return (ArticleText.withoutLinks(old), ArticleText.withoutLinks(new))
}

/// Whether a capture is not a version of the post at all: content that is not HTML, or another
/// page's article reached through a redirect away from the page's own URL.
func isForeign(_ capture: CaptureRecord, pageURL: String) -> Bool {
  capture.metadata.isNotHTML || movedURL(capture.metadata.finalURL, pageURL: pageURL) != nil
}

/// Whether an article text has nothing of another: a different title and not one body block in
/// common. An error page served with status 200 ("Sorry, the page you were looking for does not
/// exist") is such a text beside the post; an edit, however large, keeps the title or a block.
func isUnrelated(_ text: String, to other: String) -> Bool {
  let one = ArticleParts(ArticleText.withoutLinks(text))
  let two = ArticleParts(ArticleText.withoutLinks(other))
  guard one.header["Title"] != two.header["Title"] else { return false }
  return Set(one.body).isDisjoint(with: two.body)
}

extension SnapshotStoring {
  /// A capture's article text in the current format where it can be had: as stored when it is
  /// of the current format; for a capture made before links were part of the record, the
  /// stored text with the links section its raw HTML gives today (migrated on reading, never
  /// rewritten in the store), or as stored, of format 1, when the raw HTML was not kept.
  /// - Throws: `StoreError` when the text cannot be read.
  func currentFormText(of page: PageRecord, capture: CaptureRecord) throws
    -> (text: String, format: Int)
  {
    let stored = try articleText(of: page, capture: capture.time)
    let format = capture.metadata.textFormat
    guard format < ArticleText.formatVersion, !capture.metadata.isNotHTML else {
      return (stored, format)
    }
    guard let raw = try rawBody(of: page, capture: capture.time),
      let read = try? readArticle(
        raw, charset: charset(inContentType: capture.metadata.contentType),
        url: capture.metadata.finalURL)
    else { return (stored, format) }
    let body = ArticleParts(stored).body
    guard !read.article.links.isEmpty, !body.isEmpty else {
      return (stored, ArticleText.formatVersion)
    }
    let links = ([ArticleText.linksMarker] + read.article.links).joined(separator: "\n")
    return (stored + "\n" + links + "\n", ArticleText.formatVersion)
  }
}

extension CaptureMetadata {
  /// The response's `Content-Type`, if it had one.
  var contentType: String? {
    headers.last { $0.name.lowercased() == "content-type" }?.value
  }
}
