import ArticleExtraction
import DocumentDecoding
import SnapshotStore

extension CaptureMetadata {
  /// The format of this capture's article text: `ArticleText.formatVersion` when it was made,
  /// 1 for captures made before the format was recorded (no links section).
  var textFormat: Int { articleFormat ?? 1 }
}

/// Two article texts in the form in which they compare: the link targets of a text stored
/// before format 4 without their per-visit parameters, as today's links section records them
/// (`ArticleText.withStableLinks`, from the stored text alone); then, when the two are of
/// different formats, in the older one's format (`ArticleText.inFormat`: without the sections
/// the older format did not have). So an old capture never differs from a new one by a links
/// section or a captions section alone, nor by a session id or a tracker in a link.
///
///     comparableTexts("Title: A\n\nBody\n", format: 1,
///                     "Title: A\n\nBody\n\nLinks:\nhttps://x\n", format: 2)
///     // ("Title: A\n\nBody\n", "Title: A\n\nBody\n")
func comparableTexts(_ old: String, format oldFormat: Int, _ new: String, format newFormat: Int)
  -> (old: String, new: String)
{
  let old = ArticleText.withStableLinks(old, format: oldFormat)
  let new = ArticleText.withStableLinks(new, format: newFormat)
  guard oldFormat != newFormat else { return (old, new) }
  let common = min(oldFormat, newFormat)
  return (ArticleText.inFormat(common, old), ArticleText.inFormat(common, new))
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
  let one = ArticleParts(text)
  let two = ArticleParts(other)
  guard one.header["Title"] != two.header["Title"] else { return false }
  return Set(one.body).isDisjoint(with: two.body)
}

/// How many of a page's latest versions a changed article is compared with when looking for the
/// one it returns to, or for the post's own text behind stand-ins: enough for a stand-in page
/// or two between them. `baseVersion` (snapshot), `withoutStandIns` (diff, show) and the audit
/// share it.
let standInLookBack = 4

/// The versions of a post without the stand-ins that a later version passed over, as
/// `snapshot` passes over them when it diffs a new text: when a version is unrelated to the
/// one before it (`isUnrelated`: an error page served with status 200) but related to one of
/// the few before that, the unrelated ones between were what the page briefly served instead,
/// not versions of the post. So `diff URL` and `audit` compare an edit made across such a gap
/// with the post's last own version, as the snapshot that found it did.
func withoutStandIns<Version>(_ versions: [Version], text: (Version) throws -> String) rethrows
  -> [Version]
{
  guard versions.count > 2 else { return versions }
  var kept: [(version: Version, text: String)] = []
  for version in versions {
    let new = try text(version)
    let window = kept.indices.suffix(standInLookBack)
    if let related = window.last(where: { !isUnrelated(kept[$0].text, to: new) }),
      related < kept.count - 1
    {
      kept.removeSubrange((related + 1)...)
    }
    kept.append((version, new))
  }
  return kept.map(\.version)
}

extension SnapshotStoring {
  /// A capture's article text in the current format where it can be had: as stored when it is
  /// of the current format; of format 3, with its links as format 4 writes them
  /// (`ArticleText.withStableLinks`, from the stored text); for a capture made before a section
  /// was part of the record (links before format 2, captions before 3), the stored text (its
  /// links as format 4 writes them) with the sections it lacks as its raw HTML gives them today
  /// (migrated on reading, never rewritten in the store), or as stored, in its own format, when
  /// the raw HTML was not kept.
  /// - Throws: `StoreError` when the text cannot be read.
  func currentFormText(of page: PageRecord, capture: CaptureRecord) throws
    -> (text: String, format: Int)
  {
    let form = try currentForm(of: page, capture: capture)
    return (form.text, form.format)
  }

  /// `currentFormText`, with the article as today's extractor read it when that was needed
  /// (`.some(nil)`: read, and no article), so that it is not read twice.
  fileprivate func currentForm(of page: PageRecord, capture: CaptureRecord) throws
    -> (text: String, format: Int, readToday: ReadArticle??)
  {
    let stored = try articleText(of: page, capture: capture.time)
    let format = capture.metadata.textFormat
    guard format < ArticleText.formatVersion, !capture.metadata.isNotHTML else {
      return (stored, format, nil)
    }
    // Format 3 has every section: its links are made today's from the text itself, without
    // reading the raw HTML again.
    if format >= ArticleText.captionsFormat {
      return (ArticleText.withStableLinks(stored, format: format), ArticleText.formatVersion, nil)
    }
    guard let read = try articleReadToday(of: page, capture: capture) else {
      return (stored, format, .some(nil))
    }
    // The sections go after a body only, as `canonicalText` writes them; what the stored text
    // has is kept as stored.
    var sections = ArticleText.Sections(ArticleText.withStableLinks(stored, format: format))
    guard !ArticleParts(stored).body.isEmpty else {
      return (stored, ArticleText.formatVersion, read)
    }
    if format < ArticleText.linksFormat { sections.links = read.article.links }
    if format < ArticleText.captionsFormat { sections.captions = read.article.captions }
    return (sections.text(), ArticleText.formatVersion, read)
  }

  /// A capture's article as today's extractor reads its kept raw HTML, under `rules` (none by
  /// default); nil when the capture is not HTML, its raw HTML was not kept, or the HTML gives
  /// no article.
  /// - Throws: `StoreError` when the raw HTML cannot be read.
  func articleReadToday(of page: PageRecord, capture: CaptureRecord, rules: PageRules? = nil)
    throws -> ReadArticle?
  {
    guard !capture.metadata.isNotHTML, let raw = try rawBody(of: page, capture: capture.time)
    else { return nil }
    return readArticle(
      raw, charset: charset(inContentType: capture.metadata.contentType),
      url: capture.metadata.finalURL, rules: rules)
  }

  /// Two captures' article texts in the form in which they compare as versions of the post.
  ///
  /// When the stored texts differ, both captures were made by automatic extraction (no page
  /// rules) and both raw HTMLs were kept, the two are read again with today's extractor and
  /// compared as read: the extractor changes from release to release, and two captures made
  /// by different releases may differ in how the page was read, not in the page. So an
  /// upgrade of Redline between two captures is never shown as an edit (the same rule
  /// `snapshot` follows for the latest capture), and a real edit is diffed under one
  /// extractor. `asStored` compares the stored texts as they are.
  /// - Parameters:
  ///   - older: The older capture, with its text in the current form (`currentFormText`) and,
  ///     when already known, its article as read today (to read each capture once in a run).
  ///   - newer: The same of the newer capture (of the same page, or of another).
  ///   - automatic: Whether both captures were made without page rules.
  /// - Returns: the texts to compare, and whether they are the texts as read today.
  func comparedVersions(
    _ older: VersionInForm, _ newer: VersionInForm, automatic: Bool, asStored: Bool
  ) throws -> (old: String, new: String, readAgain: Bool) {
    let (old, new) = comparableTexts(
      older.text, format: older.format, newer.text, format: newer.format)
    guard old != new, automatic, !asStored,
      let oldToday = try older.readToday(self),
      let newToday = try newer.readToday(self)
    else { return (old, new, false) }
    return (oldToday, newToday, true)
  }
}

/// A capture with its article text in the form it compares in (`currentFormText`), and its
/// article as today's extractor reads it, read at most once.
final class VersionInForm {
  let page: PageRecord
  let capture: CaptureRecord
  let text: String
  let format: Int
  private var today: String??

  /// The capture of `page` with its text in the current form, read from `store`.
  init(_ capture: CaptureRecord, of page: PageRecord, in store: any SnapshotStoring) throws {
    let form = try store.currentForm(of: page, capture: capture)
    (text, format) = (form.text, form.format)
    today = form.readToday.map { $0?.text }
    self.page = page
    self.capture = capture
  }

  /// The article as today's extractor reads the capture's raw HTML (`articleReadToday`).
  func readToday(_ store: any SnapshotStoring) throws -> String? {
    if let today { return today }
    let read = try store.articleReadToday(of: page, capture: capture)?.text
    today = .some(read)
    return read
  }
}

extension CaptureMetadata {
  /// The response's `Content-Type`, if it had one.
  var contentType: String? {
    headers.last { $0.name.lowercased() == "content-type" }?.value
  }
}
