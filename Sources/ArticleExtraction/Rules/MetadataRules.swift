/// Where metadata comes from, best source first within each field.
enum MetadataRules {
  /// schema.org types whose JSON-LD describes a post.
  static let articleTypes: Set<String> = [
    "Article", "BlogPosting", "NewsArticle", "Report", "TechArticle", "ScholarlyArticle",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
    "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting", "WebPage", "Posting",
  ]
  /// `<meta>` names and properties for each field, in order of preference.
  static let titleMeta = ["og:title", "twitter:title", "dc.title", "dcterms.title", "title"]
  static let authorMeta = [
    "author", "article:author", "dc.creator", "dcterms.creator",
    "twitter:creator", "parsely-author", "sailthru.author",
  ]
  static let publishedMeta = [
    "article:published_time", "og:published_time", "datepublished",
    "dc.date", "dcterms.created", "dc.date.issued", "dcterms.issued", "pubdate",
    "publish-date", "date", "sailthru.date", "parsely-pub-date",
  ]
  static let updatedMeta = [
    "article:modified_time", "og:updated_time", "og:modified_time",
    "datemodified", "dcterms.modified", "last-modified",
  ]
  /// What starts a social-media handle (`twitter:creator` is "@name"): a handle is no name, and
  /// is an author only when the page names none.
  static let handlePrefix = "@"
  static let siteNameMeta = ["og:site_name", "application-name", "twitter:site"]
  static let urlMeta = ["og:url", "twitter:url"]
  static let languageMeta = ["og:locale", "dc.language", "content-language", "language"]

  /// Microformats and platform classes: title, published, updated, author.
  static let titleClasses: [ElementPattern] = [
    .className("entry-title"), .className("post-title"), .className("p-name"),
    .className("article-title"), .className("headline"),
    // Medium's `<h1 class="pw-post-title" data-testid="storyTitle">`.
    .className("pw-post-title"),
  ]
  static let publishedClasses: [ElementPattern] = [
    .className("published"), .className("dt-published"), .itemprop("datePublished"),
  ]
  static let updatedClasses: [ElementPattern] = [
    .className("updated"), .className("dt-updated"), .itemprop("dateModified"),
  ]
  static let authorClasses: [ElementPattern] = [
    .className("p-author"), .className("fn"), .itemprop("author"), .attribute("rel", "author"),
    .className("author-name"),
    // WordPress's block themes (Twenty Twenty-Four): the Post Author Name and Post Author blocks.
    .className("wp-block-post-author-name"), .className("wp-block-post-author__name"),
  ]
  /// Blogger's visible date above each day's posts.
  static let dateHeaderClasses: [ElementPattern] = [.className("date-header")]

  /// Class and id words of page parts whose bylines and dates belong to someone else:
  /// comments, sidebars, lists of other posts, a ticker of other stories.
  static let foreignSectionWords: Set<String> = [
    "comment", "comments", "commentlist", "disqus", "respond", "replies", "sidebar", "related",
    "popular", "recommended", "trending", "aside", "ticker",
  ]

  /// Classes of a platform's lists of posts, whose bylines and dates are the other posts':
  /// WordPress's Query Loop block and its Post Template (a block theme's "More posts" after
  /// the post, with a Post Author Name and a Post Date block in each item).
  static let postListClasses: Set<String> = ["wp-block-query", "wp-block-post-template"]

  /// Words that, before a dateline's date, say the date is an update ("Last updated …"), as
  /// beginnings of words.
  static let updateWords = [
    "update", "modified", "revised", "edited", "aktualisiert", "actualizado", "actualisé",
    "aggiornato",
  ]
  /// Words that, after an update word, say the date is the publication's ("Updated … ·
  /// Published Apr 26, 2023"); and that end a name in a byline.
  static let publicationWords: Set<String> = [
    "published", "posted", "on", "last", "publié", "veröffentlicht", "publicado", "pubblicato",
  ]

  /// Words that, among the last `otherDayLook` words before a shown day, say it is no day of
  /// the post's but the day the page is read ("Last checked December 7, 2026", "Today is …",
  /// "Retrieved …"): a dateline of that day would move on every check.
  static let otherDayWords: Set<String> = [
    "today", "checked", "accessed", "retrieved", "printed", "generated", "heute", "aujourd",
    "hoy", "oggi",
  ]
  static let otherDayLook = 3
  /// A link above the post that names a day and has at least this many words besides a
  /// date's is another post's title with its date (a "previous post" link).
  static let otherPostLinkWords = 4

  /// Separators between a post title and the site name in `<title>`.
  static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", ": "]
}
