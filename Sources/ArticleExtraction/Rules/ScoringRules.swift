/// Constants of the general content stage (the prose-mass container) and of the choice
/// between it and a marked container.
enum ScoringRules {
  /// A paragraph shorter than this many characters is not counted as prose.
  static let minimumParagraphLength = 25
  /// Tags whose text counts as a paragraph of prose.
  static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote", "li", "dd"]
  /// The prose-mass stage overrules a marked container (`<article>`, `<main>`, or a platform
  /// class on a listing or a thread) when it finds more than this many times the container's
  /// text: the container was then a teaser card or a fragment of the post. The page's own post
  /// container (`PageAnalysis.postContainer`) is overruled only by prose inside another
  /// `<article>`: beside a short post, a sidebar holds more prose than the post.
  static let containerOverrideRatio = 2.0
  /// When every stage found nothing and the page is read again with no chrome rule, what is
  /// found must have at least this many characters: on the corpus, such pages that gave less
  /// were menus, cookie notices and product widgets (precision 0), those that gave more the
  /// article under a wrapper marked `skip-item` or `sidebar-first-only` (F1 0.87-0.92).
  static let minimumUnfilteredText = 1_000
  /// The prose-mass element inside a marked container replaces it when more than this share of
  /// the container's other text is link text: teasers of other posts and link lists after the
  /// post. Text around the post without links (a header, captions, a review box) is kept.
  static let narrowingLinkDensity = 0.1
  /// The post is the deepest element holding at least this share of the page's prose: most of
  /// it, but not all, so that a stray paragraph in a footer does not pull in the whole page.
  static let proseShare = 0.8
  /// The prose-mass element's parent is taken instead when at least this share of the text it
  /// holds besides the element is prose (the post's intro beside the list that holds most of
  /// it): text beside the post that is links or short lines is no part of it.
  static let siblingProseShare = 0.8
  /// A teaser card (the title of another post as a linked heading, and an excerpt) holds at
  /// most this many characters of text. The same cards are left out of the prose mass here
  /// and, in rows after the post, of the body (`BlockCollector.findTeaserCards`).
  static let maximumTeaserText = 1_000
  /// ... and its title is a heading with at least this share of its text inside links.
  static let teaserTitleLinkShare = 0.5
  /// ... and a row of teaser cards has at least this many.
  static let minimumTeaserCards = 3
  /// Whole class names of a slideshow or a gallery of pictures: the captions in it are no
  /// prose of the post, and are left out of the prose mass as teaser cards are; and the order
  /// of its pictures is no part of the record (`BlockCollector.inGalleryOrder`). Beside a short
  /// post, a slideshow's captions held most of the prose, and the post's own paragraphs were
  /// left out of the article.
  static let galleryClasses: Set<String> = [
    "gallery", "slideshow", "slides", "carousel", "photo-gallery", "image-gallery",
    // WordPress's block gallery (and its older grid), Jetpack's tiled gallery and slideshow,
    // Ghost's gallery card, Squarespace's gallery block.
    "wp-block-gallery", "blocks-gallery-grid", "tiled-gallery", "jetpack-slideshow",
    "kg-gallery-container", "sqs-gallery",
  ]
  /// Prose inside teaser cards is left out of the prose mass when the prose outside them is at
  /// least this share of all prose (a post with related posts after it); a listing page, whose
  /// prose is all in cards, is scored with them.
  static let minimumProseOutsideCards = 0.1
  /// The paragraphs between the headline and the chosen body are taken as the post's lead
  /// (`leadParagraphs`) when there are at most this many: a deck or a standfirst is one or two
  /// paragraphs; more is a part of the page the body leaves out (a summary box, an excerpt).
  static let maximumLeadParagraphs = 2

  /// The words a grid system names a column's width after (`col-md-8`, `large-8`, `grid_8`,
  /// `span-8`, `pure-u-2-3`, `uk-width-2-3`, `et_pb_column_2_3`), for the post's column beside
  /// a sidebar (`postColumn`).
  static let gridWords: Set<String> = [
    "col", "column", "span", "grid", "large", "medium", "small", "u", "width",
  ]
  /// The breakpoint and other words between a grid word and the width (`col-md-8`,
  /// `col-span-8`, `medium-large-8` no).
  static let gridBreakpoints: Set<String> = ["xs", "sm", "md", "lg", "xl", "xxl", "span"]
  /// A child of the row without a width of its own stands for the column it wraps (the only
  /// element with prose inside it) down to this many levels.
  static let maximumColumnWrappers = 2
  /// A post's text block and its earlier twin (`wrappedTextBlocksOfPost`) are each found
  /// through at most this many wrappers that hold nothing else with text.
  static let maximumTextBlockWrappers = 2
  /// The widths of columns side by side add up to at most the row's, give or take this share
  /// (`one-third` three times).
  static let rowWidthTolerance = 0.01
  /// Column classes named for their share of the row (Genesis, many WordPress themes).
  static let namedFractions: [String: Double] = [
    "one-half": 1 / 2, "one-third": 1 / 3, "two-thirds": 2 / 3, "one-fourth": 1 / 4,
    "one-quarter": 1 / 4, "three-fourths": 3 / 4, "three-quarters": 3 / 4,
  ]

  /// Class and id words that name the headline's next sibling as the post's deck whether or
  /// not it ends a sentence (`leadParagraphs`): Substack's `subtitle`, Medium's
  /// `pw-subtitle-paragraph`, Ghost's `article-excerpt`, news themes' `dek`, `standfirst`,
  /// `strapline`, `subhead`.
  static let deckWords: Set<String> = [
    "subtitle", "subheadline", "subhead", "dek", "deck", "standfirst", "strapline", "excerpt",
  ]
  /// A heading among the body's first blocks is the headline when it and the page's title differ
  /// only by an ending and the shorter is at least this share of the longer (in Unicode
  /// scalars): a title with a photo credit or the site's name after it, a headline with a byline
  /// under it in one `<h1>`.
  static let titleEndingShare = 0.6
  /// The words a byline opens with (`dropLeadingByline`), as written: "By Ann Lee", "BY ANN
  /// LEE", "Von", "Par", "Por", "Door".
  static let bylineOpeners: Set<String> = ["By", "BY", "Von", "Par", "Por", "Door"]
  /// A byline is at most this many characters (a name, a date, a reading time).
  static let maximumBylineText = 80
  /// The elements looked at for a dateline in each stretch above the post (`ShownHeader`).
  static let maximumDatelineLook = 200
}

/// Constants for cleaning the chosen container.
enum CleaningRules {
  /// A list, div or table inside the body whose text is mostly link text is navigation
  /// (tag lists, "read more" boxes), when it is also short.
  static let maximumLinkDensity = 0.5
  /// ... short meaning under this many characters; long link-heavy passages are kept.
  static let linkHeavyMaximumLength = 400
  /// ... and a longer one too when it has fewer than this many characters outside its links
  /// (`BlockCollector.isLongLinkBlock`).
  static let linkBlockOwnText = 40
  /// ... its characters are counted in at most this many nodes (`BlockCollector.ownCharacters`);
  /// past them, the block is not taken for one.
  static let maximumCountedNodes = 2_000
  /// A short link-heavy list is kept when each of its items has at least this many characters
  /// outside its links: sentences that cite a link, not a menu.
  static let listItemOwnText = 10
  /// A short link-heavy paragraph is kept when it has at least this many characters outside
  /// its links: a sentence that cites a page (`Here's a full post on …`).
  static let sentenceOwnText = 15
  /// A list of at least this many items, each only a link, is a list of links however long
  /// (`BlockCollector.isLinkList`).
  static let minimumLinkListItems = 3
  /// ... unless it holds more than this share of the page's text: then it is the page (an
  /// index, a job board), not a list beside the post (which beside a short post may be longer
  /// than the post).
  static let maximumLinkListShare = 0.5
  /// ... and when at least this share of its links lead to one host (or all stay within the
  /// site): a site's menus and lists of posts do, a post's references do not.
  static let oneSiteShare = 0.5
  /// Labels that open a line naming the post's source (`BlockCollector.isSourceLine`), lower
  /// case, followed by a colon: English, French, German, Spanish, Portuguese, Italian, Dutch,
  /// the Nordic languages and Polish.
  static let sourceLabels: [String] = [
    "sources", "source", "via", "h/t", "hat tip", "quellen", "quelle", "fuentes", "fuente",
    "fontes", "fonte", "fonti", "bronnen", "bron", "kilder", "kilde", "källor", "källa",
    "źródła", "źródło",
  ]
  /// ... of which these open such a line with a space instead of a colon too (`Via <a>…</a>`).
  static let sourceLabelsWithoutColon: Set<String> = ["via", "h/t", "hat tip"]
  /// Where the post goes on after a text block (`BlockCollector.postGoesOn`), a later block of
  /// the same markup is looked for beside the block and beside at most this many levels of
  /// wrappers around it in all (Squarespace: the text, the block's content, the block), so that
  /// a deep nest of single wrappers is not climbed again for each block of links in it.
  static let maximumBlockWrappers = 8
  /// Tags that cleaning may drop for link density.
  static let linkCheckedTags: Set<String> = ["ul", "ol", "div", "section", "table", "p", "dl"]
}
