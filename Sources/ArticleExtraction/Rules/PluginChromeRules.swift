/// Blocks that blog plugins and themes put inside the post container (sharing buttons, likes,
/// related posts, author boxes, newsletter forms, tables of contents) or right around it. They are
/// never the post: they are removed however short the post beside them, and no share of the
/// page's text protects them. Each is matched by its whole class name or id, as the plugin writes
/// it, not by class words. `PluginChromeTests` has a page for each.
enum PluginChromeRules {
  /// Whole class names of plugin chrome.
  static let classNames: Set<String> = [
    // Jetpack: sharing and likes (the "sharedaddy" module), related posts, subscriptions.
    "sharedaddy",
    "jp-sharing",
    "jetpack-likes-widget-wrapper",
    "jp-relatedposts",
    "wp-block-jetpack-related-posts",
    "jetpack_subscription_widget",
    "wp-block-jetpack-subscriptions",
    "wp-block-jetpack-sharing-buttons",
    // AddToAny share buttons.
    "addtoany_share_save_container",
    "a2a_kit",
    // Blogger: share buttons and reactions in the post footer.
    "post-share-buttons",
    "reaction-buttons",
    // Other share-button plugins: Sassy Social Share, Shared Counts, Social Warfare, Grow
    // (Social Pug), Easy Social Share Buttons, MashShare, Shareaholic.
    "heateor_sss_sharing_container",
    "shared-counts-wrap",
    "swp_social_panel",
    "dpsp-content-wrapper",
    "essb_links",
    "mashsb-container",
    "shareaholic-canvas",
    // Related posts: YARPP, Contextual Related Posts, Related Posts for WordPress, Related Posts
    // Thumbnails, and the class most themes give their own block.
    "yarpp-related",
    "crp_related",
    "rp4wp-related-posts",
    "relpost-thumb-wrapper",
    "related-posts",
    // The block editor's "Latest Posts": a list that changes with every new post.
    "wp-block-latest-posts",
    // Page builders' lists of other posts placed in a single-post template ("More to explore"):
    // Elementor's Posts, Loop Grid and Loop Carousel widgets, Divi's Blog module. (Their archive
    // widgets, `elementor-widget-archive-posts`, and the block editor's Query Loop are the
    // content of listing pages and are not here.) WordPress Popular Posts' list.
    "elementor-widget-posts",
    "elementor-widget-loop-grid",
    "elementor-widget-loop-carousel",
    "et_pb_blog_grid_wrapper",
    "wpp-list",
    // Author boxes: theme boxes, Simple Author Box, Starbox / About Author Box, Molongui.
    "author-box",
    "saboxplugin-wrap",
    "about-author",
    "abh_box",
    "m-a-box",
    // Newsletter forms: Mailchimp for WordPress, ConvertKit, MailerLite, The Newsletter Plugin.
    "mc4wp-form",
    "formkit-form",
    "ml-embedded",
    "tnp-subscription",
    // Counters that every reader changes: Post Views Counter's "Post Views: 1,234", which it
    // puts after the post's text by default, and WP ULike's like button with its count.
    "post-views",
    "wpulike",
    // Top 10's "(Visited 1,234 times, 5 visits today)" and Page Views Count's "1,234 total
    // views, 5 views today", which both add after the post's text by default.
    "tptn_counter",
    "pvc_stats",
    // MailPoet's newsletter form, and Reading Time WP's "Reading Time: 3 minutes" before the
    // post.
    "mailpoet_form",
    "rt-reading-time",
    // Substack: the captioned subscribe button in a post ("… is a reader-supported
    // publication. To receive new posts …"). (Its subscribe widget and Share buttons go for
    // their class words.)
    "captioned-button-wrap",
    // Ghost: the editor's call-to-action card (a sponsor's offer and its button). (Its signup
    // card and the members' paywall box go for their class words.)
    "kg-cta-card",
    // Rate My Post: the star rating and its "Average rating 5 / 5. Vote count: 1", which
    // every vote changes.
    "rmp-widgets-container",
    "rmp-rating-widget",
    "kk-star-ratings",
    "post-ratings",
    "yasr-visitor-votes",
    // Tables of contents that repeat the post's headings: LuckyWP, the block themes' and Yoast's
    // blocks, Rank Math, Ultimate Blocks, Kadence.
    "lwptoc",
    "wp-block-table-of-contents",
    "wp-block-yoast-seo-table-of-contents",
    "wp-block-rank-math-toc-block",
    "ub_table-of-contents",
    "kb-table-of-content-nav",
  ]

  /// The last word of a class name that marks a writer's biography (`author-bio`,
  /// `post-body-bio`, `infoCard-bio`, `elementor-author-box__bio`, `m-authorbio`): the "about the
  /// writer" box that themes, news sites and Medium put after the post, which the writer edits
  /// without editing the post. Only names of two or more words count (a lone `bio` can be a
  /// profile page's content).
  static let biographyWords: Set<String> = ["bio", "biography", "authorbio"]

  /// The class of boxes marked not to be read aloud by Speechify's text-to-speech: Medium's
  /// byline box with its clap and response counts, Follow, Listen and Share. Any site can mark
  /// its own code, tables, captions and footnotes so, which are the post: a box of this class
  /// is chrome only when it holds none of `readAloudContentTags` and no paragraph of prose
  /// (`PageAnalysis.holdsPostBlock`).
  static let readAloudSkipClass = "speechify-ignore"

  /// The blocks that make a `readAloudSkipClass` box a part of the post.
  static let readAloudContentTags: Set<String> = [
    "pre", "code", "table", "figure", "figcaption", "blockquote", "ol", "ul", "dl",
  ]

  /// Ids of plugin chrome.
  static let ids: Set<String> = [
    // Jetpack: related posts, and the box that holds sharing, likes and related posts.
    "jp-relatedposts",
    "jp-post-flair",
    // Mailchimp's embedded signup form.
    "mc_embed_signup",
    // Easy Table of Contents, Table of Contents Plus, Rank Math.
    "ez-toc-container",
    "toc_container",
    "rank-math-toc",
  ]
}
