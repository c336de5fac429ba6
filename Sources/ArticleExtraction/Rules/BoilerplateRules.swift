/// Which parts of a page are never article text. Checked before any content is chosen.
enum BoilerplateRules {
  /// Elements whose text is never prose: code, styles, media and form controls, and the TeX
  /// source a MathML formula carries in `<annotation>`. Always skipped. (A formula's own
  /// MathML text is part of the sentence around it, as readability keeps it.) `<noscript>` is
  /// skipped too, unless it holds the page (`noscriptOnlyShare`).
  static let nonTextTags: Set<String> = [
    "script", "style", "template", "svg", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "head", "title", "meta", "link", "button", "select",
    "input", "textarea", "option", "annotation", "annotation-xml",
  ]

  /// Whole class names that hide an element whatever the screen (Webflow's
  /// `w-condition-invisible`, its `display: none` for a field left empty or switched off):
  /// skipped as `hidden` and `display:none` are. Classes that hide only on some screens
  /// (`hidden md:block`, `d-none d-lg-block`) are not here.
  /// Print-only text is hidden on every screen too (Foundation's `show-for-print`,
  /// Bootstrap 3's `visible-print`): a photo's credit printed under it, a printed header.
  static let hiddenClasses: Set<String> = [
    "w-condition-invisible", "show-for-print", "visible-print", "visible-print-block",
    "visible-print-inline", "visible-print-inline-block", "print-only", "printonly",
  ]
  /// The class words of `hiddenClasses`, so that only elements with one are looked up.
  static let hidingWords: Set<String> = ["invisible", "print", "printonly"]

  /// `<noscript>` content is the page's content when the text outside it is less than this
  /// share of the text inside: forum software (Discourse, Flarum) serves the thread to
  /// readers without JavaScript there and leaves the rest of the page empty. Otherwise it is
  /// the fallback of a script (a tracking pixel, "enable JavaScript"), never prose.
  static let noscriptOnlyShare = 0.1
  /// An element hidden by an attribute or a style is the page, hidden until a script reveals
  /// it, when the visible text outside every hidden element is less than this share of its
  /// text (GeeksforGeeks wraps its whole page in `visibility:hidden`). Otherwise hidden text
  /// (a closed menu, a modal, a template) is never prose.
  static let revealedPageShare = 0.1

  /// Page chrome by tag: skipped unless it holds most of the page's text (libxml2's HTML 4
  /// parser sometimes nests a whole page inside an unclosed `<nav>`; ASP.NET wraps pages in
  /// one `<form>`).
  static let chromeTags: Set<String> = [
    "nav", "aside", "footer", "label", "form", "dialog", "menu",
  ]

  /// Words in a class or id that mark comments, sharing, related posts, sidebars and other
  /// chrome, whatever other words the element has (readability's "unlikely candidates").
  static let strongNegativeWords: Set<String> = [
    "comment", "comments", "commentlist", "disqus", "respond", "replies", "share", "sharing",
    "sharedaddy", "social", "sociable", "addthis", "sharethis", "related", "popular",
    "trending", "recommended", "recommend", "sidebar", "footer", "foot", "newsletter",
    "subscribe", "cookie", "cookies", "consent", "gdpr", "popup", "modal", "advert",
    "advertisement", "adsbygoogle", "sponsored", "breadcrumb", "breadcrumbs", "pagination",
    "pager", "ad", "ai2html",
    // Readers' votes and their count ("(2 Bewertungen)"), which change with every vote.
    "vote", "votes", "votecount",
    // The site's copyright line ("© 2024 …", "No reproduction without permission"), which the
    // site changes on every page at once.
    "copyright",
  ]

  /// Words that mark chrome unless the element also has a word of `keepWords`
  /// (`widget Blog` is Blogger's post column; `post-meta` is a byline box).
  static let weakNegativeWords: Set<String> = [
    "nav", "navbar", "navigation", "menu", "masthead", "banner",
    "subscription", "signup", "ads", "sponsor", "promo", "labels", "tags", "tagcloud", "byline",
    "author", "meta", "postmeta", "skip", "extra", "side", "disclaimer", "disclaimers",
    "disclosure",
    "disclosures",
    "toolbar", "rss", "jump", "reply",
  ]

  /// The weak words of `weakNegativeWords` that name a post's metadata (its date, byline and
  /// categories), and the words that name its description: an element marked only by the
  /// first and named by the second (`resource-meta-description`) is the summary under the
  /// headline, which a reader reads as the post's first line, and no chrome
  /// (`PageAnalysis.isMetadataDescription`). Beside a post of that one line, dropping it left the
  /// article without the post (wcxb-dev 4243, short: 2 missed edits). Other weak words stay
  /// chrome with it: `author-description` is a biography, `menu-item-description` a menu's.
  static let metadataWords: Set<String> = ["meta", "postmeta"]
  static let descriptionWords: Set<String> = ["description"]

  /// Class or id words that rescue an element from a weak negative word.
  static let keepWords: Set<String> = [
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog",
  ]

  /// An element holding more than this share of the page's text is never dropped as chrome (for
  /// its tag, class words, role or hidden state): a wrapper such as `container has-sidebar`, a
  /// mis-nested `<nav>`, or a `hidden` block that a script reveals holds the post itself. The
  /// same share of an `<article>`'s text protects an element inside it: forum software marks
  /// each post's body `comment`, and a post's own body is never its chrome. An element that is
  /// chrome both by tag or role and by class (`<aside id="sidebar">`) gets no protection unless
  /// a `<main>` or `<article>` is inside it.
  static let protectedTextShare = 0.5

  /// The tags of a page's headline, in order: `<h1>`, or on a page without one, `<h2>` (older
  /// blog themes title the post with an `<h2>`). A footer or a comment section (`<footer>`, or a word of
  /// `trailingChromeWords`) that holds none, on a page that has one, is not protected by its
  /// share of the page's text (`protectedTextShare`): beside a one-paragraph post, a footer's
  /// credits or a new comment are most of the page. A thread of several `<article>`s (a
  /// forum's `replies`) keeps the protection, as do wrappers with other chrome words
  /// (`inline-and-sidebar-container`), which hold the post without its headline.
  static let headlineTags = ["h1", "h2"]

  /// Class or id words of the blocks that follow a post (its comments, the page's footer) or
  /// float over it (a cookie-consent notice, OneTrust's `onetrust-consent-sdk`): see
  /// `headlineTags`. Beside a short post, a consent notice holds most of the page's text.
  static let trailingChromeWords: Set<String> = [
    "comment", "comments", "commentlist", "disqus", "respond", "replies", "footer", "foot",
    "colophon", "cookie", "cookies", "consent", "gdpr",
  ]

  /// Headings that title a block of other posts or of the site's furniture, lower case,
  /// without the punctuation around them (`PageAnalysis.headingKey`): the block they open
  /// (`PageAnalysis.titledChrome`) is chrome however it is marked up. Only whole headings count;
  /// "More" or "Related" alone could start a section of the post.
  static let chromeHeadings: Set<String> = [
    "related posts", "related articles", "related stories", "related content", "related reading",
    "you may also like", "you might also like", "you may like", "you might like",
    "you may also be interested in", "recommended for you", "recommended posts",
    "recommended articles", "recommended reading", "more stories", "more posts", "more articles",
    "more from the blog", "read next", "up next", "recent posts", "latest posts",
    "latest articles", "popular posts", "most popular", "trending now",
    // The writer's biography after the post, which the writer edits without editing the post
    // (as `PluginChromeRules.biographyWords`, for themes that mark it only by its heading).
    "about the author", "about the authors", "about the writer",
  ]

  /// Headings that title a box of advertisers' links, lower case, without the punctuation
  /// around them (`PageAnalysis.headingKey`): never the label of a writer's list
  /// (`BlockCollector.isLabelHeading`), though they end with a colon ("Sponsored:"); the links
  /// lead to other sites, and the ad network picks others at each load.
  static let sponsoredHeadings: Set<String> = [
    "sponsored", "sponsored content", "sponsored links", "sponsored stories", "promoted",
    "promoted content", "promoted links", "promoted stories", "from our partners",
    "from our sponsors", "partner content", "paid content", "around the web", "from the web",
    "advertisement", "advertisements", "ads",
  ]
  /// Headings that title a row of share or follow buttons (Jetpack's "Share this:"), lower
  /// case, without the punctuation around them: never the label of a writer's list either.
  static let shareHeadings: Set<String> = [
    "share", "share this", "share this post", "share this article", "share this story",
    "share this page", "share on", "share it", "spread the word", "follow us",
  ]

  /// Words a heading counts the comments under it with ("27 comments", "Comments (27)": see
  /// `PageAnalysis.isCommentsHeading`), lower case, in the languages of the corpora: the block
  /// it opens is the comment section, which changes with every new comment.
  static let commentCountWords: Set<String> = [
    "comment", "comments", "commentaire", "commentaires", "kommentar", "kommentare",
    "comentario", "comentarios", "comentário", "comentários", "commento", "commenti", "reactie",
    "reacties", "reaction", "reactions", "response", "responses", "reply", "replies",
  ]
  /// Words that alone label a panel after the post as the readers' comments
  /// (`postContinuation`: "Show comments", "Kommentare anzeigen", "12 Webmentions"), lower
  /// case. The other words of `commentCountWords` do so only beside a count ("Reader
  /// responses (3)"): "Read the council's response" may open more of the post.
  static let commentPanelWords: Set<String> = [
    "comment", "comments", "commentaire", "commentaires", "kommentar", "kommentare",
    "comentario", "comentarios", "comentário", "comentários", "commento", "commenti", "reacties",
    "webmention", "webmentions",
  ]
  /// The words after the count in a heading that counts comments on the post by name
  /// ("27 thoughts on “The post”", "5 Responses to …", "12 comments on …").
  static let commentCountOpeners: Set<String> = [
    "thought", "thoughts", "response", "responses", "reply", "replies", "comment", "comments",
  ]
  /// The quotation marks a theme puts around the post's title in a heading that counts its
  /// comments ("27 thoughts on “The post”", "5 Responses to \"The post\""): without one,
  /// "3 Responses to Common Objections" is a heading of the post.
  static let commentTitleQuotes: Set<Character> = [
    "\"", "'", "“", "”", "„", "‘", "’", "‚", "«", "»", "‹", "›", "「", "『",
  ]
  /// A heading is read as one that counts comments up to this many characters (a count and a
  /// post's title).
  static let maximumCommentsHeadingText = 200

  /// The whole text of a block that labels an advertising slot, lower case, without the
  /// punctuation around it (`PageAnalysis.headingKey`): the block is dropped however it is
  /// marked up. News themes print the label in or beside the slot between two paragraphs,
  /// and it comes and goes with the ad being served; a slot's class names vary (`gpt-unit`,
  /// `dfp-wrap`) where the label does not. Only whole blocks count. NYT's "Continue reading
  /// the main story" is left out: readability's gold keeps it; so is "Advertising", a word
  /// that names a field in a list of them (wcxb-dev 0823). List items and table rows never
  /// count as labels.
  static let adLabels: Set<String> = [
    "advertisement", "advertisements", "advertisement - scroll to continue",
    "scroll to continue with content", "skip advertisement", "story continues below advertisement",
    "article continues below advertisement", "article continues below this advertisement",
    "story continues below this advertisement", "article continues below this ad",
    "content continues below advertisement", "continue reading below advertisement",
    "the article continues below this advertisement",
    "this advertisement has not loaded yet, but your article continues below",
    "ad feedback", "report this ad", "report an ad",
  ]

  /// The first word of a box of paid content, lower case, in the languages of the corpora:
  /// the label the law or the ad network asks for ("Sponsored: …", "Anzeige", "Publicité").
  /// An `<aside>` that opens with one is no side note of the post (`PageAnalysis.isSideNote`).
  /// "Ad" alone is left out: "Ad hoc …" may open a writer's note.
  static let sponsorLabels: Set<String> = [
    "sponsored", "sponsor", "advertisement", "advertorial", "promoted", "anzeige", "werbung",
    "publicité", "publicidad", "pubblicità", "advertentie", "reklame", "annons", "patrocinado",
  ]

  /// The block a heading of `chromeHeadings` opens has at most this many parts (child elements;
  /// a short link alone, such as "See more posts", is no part): the heading (or its wrapper) and
  /// the list or the cards. A wrapper of more parts is a column or the page, which
  /// holds other things after the block.
  static let maximumTitledBlockParts = 2

  /// A box of status lines under the headline (`PageAnalysis.statusLines`: the time of
  /// publication, a page counter, the source, the writers) holds at most this many characters.
  static let maximumStatusText = 200
  /// ... and at most this many dates or times of day (a time of publication and of the last
  /// update): a list of three times under the headline is the post's schedule or timeline.
  static let maximumStatusStamps = 2
  /// Elements that are parts of a post, never its status lines, whatever dates they hold: a
  /// picture's caption ("The bridge at 06:30"), a timetable, a quotation ("John 3:16"), code
  /// (a crontab), a numbered list of steps, a section heading ("Update, 14:30").
  static let postPartTags: Set<String> = [
    "figure", "table", "blockquote", "pre", "code", "ol", "h2", "h3", "h4", "h5", "h6",
  ]

  /// A box with a close button (`PageAnalysis.dismissibleBoxes`: a donation appeal, an app
  /// banner, a pop-up) holds at most this many characters; a larger element around a close
  /// button is the page's layout (a menu's close button beside the page).
  static let maximumDismissibleText = 1_000
  /// The whole text of a close button, white space left out.
  static let closeSigns: Set<String> = ["×", "✕", "✖", "✗", "╳", "x", "X"]
  /// Relative times ("3 minutes ago", "just now", "il y a 2 heures", "vor 5 Minuten", "hace 2
  /// horas"), as regular-expression fragments matched without regard to case: a box with a
  /// close button that shows one is a live banner ("Updated 3 minutes ago: …"), whose words
  /// change between two loads, not the post's correction note.
  static let relativeTimes = [
    "\\b\\d+\\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\\s+ago\\b",
    "\\b(?:an?|one) (?:second|minute|hour|day|week)s? ago\\b", "\\bjust now\\b",
    "\\bil y a \\d+", "\\bvor \\d+ (?:sekunden|minuten|stunden|tagen)\\b",
    "\\bhace \\d+ (?:segundos|minutos|horas|días)\\b",
  ]

  /// Class or id words of a control that asks the reader to sign up, subscribe or log in: the
  /// box around such a control, after the post, is chrome with its notice
  /// (`PageAnalysis.accountBoxes`). Each must also make its element chrome by itself (a strong
  /// or weak negative word) for the box to be looked for.
  static let accountWords: Set<String> = [
    "signup", "subscribe", "subscription", "newsletter", "login", "signin", "register",
    "paywall",
  ]
  /// The box of an account control holds at most this many characters outside chrome (a notice
  /// of two sentences), and is looked for in this many ancestors of the control.
  static let maximumAccountBoxText = 300
  static let maximumAccountBoxDepth = 3
  /// ... and is of another kind than the element before it, the post's text: two boxes share
  /// at least this share of their class names when they are of one kind (a page builder's
  /// sections of one post).
  static let sameKindClassShare = 0.5

  /// A heading of `chromeHeadings` has at most this many characters (its text is read only
  /// then).
  static let maximumChromeHeadingText = 40

  /// Whole class names or ids of a sidebar column: such a block is never protected by the share
  /// of the page's text it holds (beside a one-sentence post, a long "About me" is most of the
  /// page), unlike wrappers whose names only contain a chrome word (`content-sidebar-wrap`).
  static let sidebarNames: Set<String> = [
    "sidebar", "sidebar-wrapper", "sidebar-wrap", "sidebar-right", "sidebar-left", "right-sidebar",
    "left-sidebar", "sidebar-primary", "sidebar-secondary", "primary-sidebar",
    "secondary-sidebar", "main-sidebar", "blog-sidebar",
  ]

  /// Whole ids of a navigation column (`<div id="navigation">` beside the post): such a block,
  /// chrome by its words, is treated as `sidebarNames` are, never protected by its share of
  /// the page. Beside a one-paragraph post a menu column with a blog's description held more
  /// than half of the page, and one more link in it brought it into the article.
  static let navigationIDs: Set<String> = [
    "navigation", "nav", "menu", "site-navigation", "main-navigation", "primary-navigation",
  ]

  /// Chrome words that also name a column of the page's layout. An element marked chrome by
  /// one of them that holds another element marked with the same word, and prose outside every
  /// chrome inside it (inside a `<main>` or an `<article>`, with a child named for the post
  /// column, `c-layout-main`: outside every block of mostly links too), is the layout around
  /// that column and the post beside it
  /// (`inline-and-sidebar-container` around `sidebar-navigation`, `c-layout-sidebar-left`
  /// around `c-layout-sidebar-top` and `c-layout-main`), not chrome: beside a short post it
  /// held less than half of the page, and the post was dropped with it. Other chrome words
  /// nest in chrome (`banner` in `banner-inner`, `comments` in `comments-body`, a `side` widget
  /// in a `side` column) and are left out.
  /// Each is one of `strongNegativeWords`.
  static let layoutWords: Set<String> = ["sidebar"]

  /// An id of more than this many words is the slug of a heading (Sphinx and docutils give each
  /// section `id="sharing-with-a-single-developer"`), not a name for what the element is: its
  /// words mark nothing.
  static let maximumIDWords = 4
  /// A word of at least this many bytes with a digit is a serial number or a hash, which does not
  /// count towards `maximumIDWords` (`isSerialWord`).
  static let minimumSerialWordLength = 6

  /// Words of a class that states the layout around an element or a toggle
  /// (`has-sidebar`, `no-comments`, `sidebar-enabled--false`), not what the element is: the
  /// class marks nothing.
  static let stateWords: Set<String> = [
    "has", "no", "with", "without", "enabled", "disabled", "true", "false",
  ]

  /// Whole class names that are always boilerplate, whatever other words they hold.
  static let negativeClasses: Set<String> = [
    "post-footer", "post-share-buttons", "blog-pager", "comment-link", "post-comment-link",
    "post-labels", "sharedaddy", "jp-relatedposts", "wp-block-buttons", "navigation",
    "post-navigation", "share-buttons",
    // Text for screen readers only, drawn off the screen (WordPress, Bootstrap, HTML5
    // Boilerplate, Drupal, Foundation, the BBC's `off-screen` "Image caption" labels): a label
    // of the page's furniture, never a line a reader sees in the post.
    "screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "u-visually-hidden",
    "element-invisible", "show-for-sr", "screen-reader-only", "off-screen", "offscreen",
    "a11y-hidden", "assistive-text", "hidden-visually",
  ]

  /// `role` values of page chrome.
  static let negativeRoles: Set<String> = [
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert",
    "menu", "menubar", "toolbar",
  ]

  /// Elements never removed by class words: removing them would drop the whole page.
  static let protectedTags: Set<String> = ["html", "body", "article", "main"]
}
