import Foundation
import HTMLParsing
import Testing

@testable import ArticleExtraction

/// A short post: the case where plugin chrome beside it holds more text than the post.
private let shortPost =
  "The public library will stay open until 9 p.m. on weekdays this summer, two hours later than usual."

/// A WordPress single-post page whose `.entry-content` holds the short post and `chrome`.
private func wordPressPage(_ chrome: String) -> String {
  """
  <html><head><title>Library hours extended</title></head><body class="single single-post">
  <div id="page" class="site"><main id="main" class="site-main">
  <article id="post-412" class="post-412 post type-post status-publish hentry entry">
  <header class="entry-header"><h1 class="entry-title">Library hours extended</h1></header>
  <div class="entry-content">
  <p>\(shortPost)</p>
  \(chrome)
  </div>
  </article></main></div></body></html>
  """
}

/// Sentences long enough to pass for prose: what related posts, author boxes and forms carry.
private let excerpt =
  "After a winter indoors, the Saturday farmers market moves back to the riverside park this weekend, with twelve new stalls, a bakery from the next town and live music every afternoon."

/// Each entry of `PluginChromeRules`, as its plugin or theme writes it.
private let pluginMarkup: [(rule: String, markup: String)] = [
  (
    "post-views",
    """
    <div class="post-views content-post post-412 entry-meta load-static"><span class="post-views-icon dashicons dashicons-chart-bar"></span> <span class="post-views-label">Post Views:</span> <span class="post-views-count">1,234</span></div>
    """
  ),
  (
    "tptn_counter",
    "<div class=\"tptn_counter\" id=\"tptn_counter_412\">(Visited 1,234 times, 5 visits today)</div>"
  ),
  (
    "pvc_stats",
    """
    <div class="pvc_clear"></div><p id="pvc_stats_412" class="pvc_stats all " data-element-id="412"><i class="pvc-stats-icon medium" aria-hidden="true"></i> 1,234 total views, 5 views today</p><div class="pvc_clear"></div>
    """
  ),
  (
    "wpulike",
    """
    <div class="wpulike wpulike-default"><div class="wp_ulike_general_class wp_ulike_is_not_liked"><button type="button" aria-label="Like Button" data-ulike-id="412" class="wp_ulike_btn wp_ulike_put_image"></button><span class="count-box wp_ulike_counter_up" data-ulike-counter-value="12">+12</span></div></div>
    """
  ),
  (
    "mailpoet_form",
    """
    <div id="mailpoet_form_1" class="mailpoet_form mailpoet_form_shortcode"><form class="mailpoet_form_form" method="post"><div class="mailpoet_paragraph"><h2 class="mailpoet-heading">Join our newsletter</h2><p class="mailpoet_form_paragraph">\(excerpt)</p></div><div class="mailpoet_paragraph"><input type="email" class="mailpoet_text" placeholder="Email Address"><input type="submit" class="mailpoet_submit" value="Subscribe!"></div></form></div>
    """
  ),
  (
    "rt-reading-time",
    """
    <span class="span-reading-time rt-reading-time" style="display: block;"><span class="rt-label rt-prefix">Reading Time: </span> <span class="rt-time">3</span> <span class="rt-label rt-postfix">minutes</span></span>
    """
  ),
  (
    "captioned-button-wrap",
    """
    <div class="captioned-button-wrap" data-attrs="{}" data-component-name="CaptionedButtonToDOM"><div class="preamble"><p class="cta-caption">Town Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p></div><p class="button-wrapper" data-attrs="{}" data-component-name="ButtonCreateButton"><a class="button primary" href="/subscribe"><span>Subscribe now</span></a></p></div>
    """
  ),
  (
    "kg-cta-card",
    """
    <div class="kg-card kg-cta-card kg-cta-bg-grey kg-cta-minimal" data-layout="minimal"><div class="kg-cta-sponsor-label-wrapper"><div class="kg-cta-sponsor-label"><span>Sponsored</span></div></div><div class="kg-cta-content"><div class="kg-cta-content-inner"><div class="kg-cta-text"><p>\(excerpt)</p></div><a href="/offer" class="kg-cta-button">Learn more</a></div></div></div>
    """
  ),
  (
    "speechify-ignore",
    """
    <div class="speechify-ignore ab cp"><div class="speechify-ignore bh l"><div class="hy ab"><p class="bf b">Member-only story</p></div><div class="ab q"><a href="/@ann" data-testid="authorName">Ann Lee</a><button class="bf b">Follow</button><span data-testid="storyReadTime">4 min read</span></div><div class="pw-multi-vote-count l"><p class="bf b"><button class="af">1.2K</button></p></div><button data-testid="audioPlayButton"><p class="bf b">Listen</p></button></div></div>
    """
  ),
  (
    "sharedaddy",
    """
    <div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a class="share-twitter sd-button share-icon" href="?share=twitter"><span>Twitter</span></a></li><li class="share-end"></li></ul></div></div></div>
    """
  ),
  (
    "jp-sharing",
    "<div class=\"jp-sharing\"><h3>Share this post with your friends and neighbours</h3><p>\(excerpt)</p></div>"
  ),
  (
    "jetpack-likes-widget-wrapper",
    """
    <div class='sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded' id='like-post-wrapper-1-412-6' data-title='Like or Reblog'><h3 class="sd-title">Like this:</h3><div class='likes-widget-placeholder post-likes-widget-placeholder'><span class='button'><span>Like</span></span> <span class="loading">Loading...</span></div><p>\(excerpt)</p></div>
    """
  ),
  (
    "jp-relatedposts",
    """
    <div class='jp-relatedposts-x jp-relatedposts' ><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items"><div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="/p/388">Farmers market returns</a></h4><p class="jp-relatedposts-post-excerpt">\(excerpt)</p></div></div></div>
    """
  ),
  (
    "wp-block-jetpack-related-posts",
    "<div class=\"wp-block-jetpack-related-posts\"><h3>You may also like</h3><p>\(excerpt)</p></div>"
  ),
  (
    "jetpack_subscription_widget",
    "<div class=\"widget jetpack_subscription_widget\"><p>Enter your email address to subscribe to this blog. \(excerpt)</p></div>"
  ),
  (
    "wp-block-jetpack-subscriptions",
    "<div class=\"wp-block-jetpack-subscriptions wp-block-jetpack-subscriptions__supports-newline\"><div class=\"wp-block-jetpack-subscriptions__container\"><p>\(excerpt)</p><button>Subscribe</button></div></div>"
  ),
  (
    "wp-block-jetpack-sharing-buttons",
    "<ul class=\"wp-block-jetpack-sharing-buttons has-normal-icon-size jetpack-sharing-buttons__services-list\"><li><a href=\"?share=facebook\">Facebook</a></li><li>\(excerpt)</li></ul>"
  ),
  (
    "addtoany_share_save_container",
    "<div class=\"addtoany_share_save_container addtoany_content addtoany_content_bottom\"><div class=\"addtoany_header\">Share this: \(excerpt)</div><div class=\"a2a_kit a2a_kit_size_32 addtoany_list\"><a class=\"a2a_button_facebook\" href=\"/#facebook\">Facebook</a></div></div>"
  ),
  (
    "a2a_kit",
    "<div class=\"a2a_kit a2a_kit_size_32 a2a_default_style\"><span>\(excerpt)</span><a class=\"a2a_dd\" href=\"https://www.addtoany.com/share\">Share</a></div>"
  ),
  (
    "post-share-buttons",
    "<div class='post-share-buttons goog-inline-block'><a class='share-button sb-email' href='/share?target=email'><span class='share-button-link-text'>Email This</span></a><span>\(excerpt)</span></div>"
  ),
  (
    "reaction-buttons",
    "<span class='reaction-buttons'><table><tr><td class='reactions-label-cell'><span class='reactions-label'>Reactions: \(excerpt)</span></td></tr></table></span>"
  ),
  (
    "heateor_sss_sharing_container",
    "<div class=\"heateor_sss_sharing_container heateor_sss_horizontal_sharing\"><div class=\"heateor_sss_sharing_title\">\(excerpt)</div></div>"
  ),
  (
    "shared-counts-wrap",
    "<div class=\"shared-counts-wrap after_content style-classic\"><a class=\"shared-counts-button facebook\"><span class=\"shared-counts-label\">\(excerpt)</span></a></div>"
  ),
  (
    "swp_social_panel",
    "<div class=\"swp_social_panel swp_horizontal_panel\"><div class=\"nc_tweetContainer\"><span class=\"swp_share\">\(excerpt)</span></div></div>"
  ),
  (
    "dpsp-content-wrapper",
    "<div id=\"dpsp-content-bottom\" class=\"dpsp-content-wrapper dpsp-shape-rounded\"><p class=\"dpsp-share-text\">\(excerpt)</p></div>"
  ),
  ("essb_links", "<div class=\"essb_links essb_counter_modern_right\"><p>\(excerpt)</p></div>"),
  (
    "mashsb-container",
    "<aside class=\"mashsb-container mashsb-main\"><div class=\"mashsb-count\">\(excerpt)</div></aside>"
  ),
  (
    "shareaholic-canvas",
    "<div class='shareaholic-canvas' data-app='share_buttons'><p>\(excerpt)</p></div>"
  ),
  (
    "yarpp-related",
    "<div class='yarpp yarpp-related yarpp-related-website yarpp-template-list'><h3>Related posts:</h3><ol><li><a href=\"/p/388\" rel=\"bookmark\">Farmers market returns</a> <small>\(excerpt)</small></li></ol></div>"
  ),
  (
    "crp_related",
    "<div class=\"crp_related crp-text-only\"><h3>Related Posts:</h3><ul><li><a href=\"/p/388\" class=\"crp_link post-388\"><span class=\"crp_title\">Farmers market returns</span></a><span class=\"crp_excerpt\">\(excerpt)</span></li></ul></div>"
  ),
  (
    "rp4wp-related-posts",
    "<div class=\"rp4wp-related-posts rp4wp-related-post\"><h3>Related Posts</h3><ul><li><div class=\"rp4wp-related-post-content\"><a href=\"/p/388\">Farmers market returns</a><p>\(excerpt)</p></div></li></ul></div>"
  ),
  (
    "relpost-thumb-wrapper",
    "<div class=\"relpost-thumb-wrapper\"><h3>You may also like</h3><div class=\"relpost-block-container\"><p>\(excerpt)</p></div></div>"
  ),
  (
    "related-posts",
    "<section class=\"related-posts\"><h2>Read more</h2><article class=\"related-post\"><h3><a href=\"/p/388\">Farmers market returns</a></h3><p>\(excerpt)</p></article></section>"
  ),
  (
    "wp-block-latest-posts",
    "<ul class=\"wp-block-latest-posts__list has-dates wp-block-latest-posts\"><li><a class=\"wp-block-latest-posts__post-title\" href=\"/p/388\">Farmers market returns</a><div class=\"wp-block-latest-posts__post-excerpt\">\(excerpt)</div></li></ul>"
  ),
  (
    "rmp-widgets-container",
    """
    <div class="rmp-widgets-container rmp-wp-plugin rmp-main-container js-rmp-widgets-container js-rmp-widgets-container--417"><div class="rmp-rating-widget js-rmp-rating-widget"><p class="rmp-heading rmp-heading--title">How useful was this post?</p><p class="rmp-rating-widget__results js-rmp-results">Average rating <span class="rmp-rating-widget__results__rating js-rmp-avg-rating">4.7</span> / 5. Vote count: <span class="rmp-rating-widget__results__votes js-rmp-vote-count">23</span></p></div><div class="rmp-feedback-widget js-rmp-feedback-widget"><p>\(excerpt)</p></div></div>
    """
  ),
  (
    "rmp-rating-widget",
    "<div class=\"rmp-rating-widget js-rmp-rating-widget\"><p>Click on a star to rate it! Average rating 4.7 / 5. Vote count: 23. \(excerpt)</p></div>"
  ),
  (
    "kk-star-ratings",
    "<div class=\"kk-star-ratings kksr-auto kksr-align-left\" data-id=\"417\"><div class=\"kksr-stars\"></div><div class=\"kksr-legend\">4.7/5 - (23 votes)</div></div>"
  ),
  (
    "post-ratings",
    "<div id=\"post-ratings-417\" class=\"post-ratings\" data-nonce=\"5d1f\"><img src=\"rating_on.gif\" alt=\"\"> (<strong>23</strong> votes, average: <strong>4.70</strong> out of 5)</div>"
  ),
  (
    "yasr-visitor-votes",
    "<div class=\"yasr-visitor-votes\" id=\"yasr_visitor_votes_417\"><div class=\"yasr-custom-text-vv-before\">Click to rate this post!</div><span class=\"yasr-total-average-text\">[Total: 23 Average: 4.7]</span></div>"
  ),
  (
    "author-box",
    "<div class=\"author-box\"><img class=\"avatar\" src=\"a.jpg\" alt=\"\"><h4 class=\"author-box-title\">About Maria Lopez</h4><div class=\"author-box-content\"><p>\(excerpt)</p></div></div>"
  ),
  (
    "saboxplugin-wrap",
    "<div class=\"saboxplugin-wrap\" itemtype=\"http://schema.org/Person\" itemscope><div class=\"saboxplugin-tab\"><div class=\"saboxplugin-authorname\"><a href=\"/author/maria/\" class=\"vcard author\" rel=\"author\"><span class=\"fn\">Maria Lopez</span></a></div><div class=\"saboxplugin-desc\"><div itemprop=\"description\"><p>\(excerpt)</p></div></div></div></div>"
  ),
  (
    "about-author",
    "<div class=\"about-author padding-30 rounded\"><div class=\"author-info\"><h5>Maria Lopez</h5><p>\(excerpt)</p></div></div>"
  ),
  (
    "abh_box",
    "<section class=\"abh_box abh_box_down abh_box_business\"><ul class=\"abh_tabs\"><li class=\"abh_about abh_active\"><a href=\"#abh_about\">About</a></li></ul><div class=\"abh_tab_content\"><p>\(excerpt)</p></div></section>"
  ),
  (
    "m-a-box",
    "<div class=\"m-a-box \" data-box-layout=\"slim\"><div class=\"m-a-box-container\"><div class=\"m-a-box-bio\"><p>\(excerpt)</p></div></div></div>"
  ),
  (
    "mc4wp-form",
    "<form id=\"mc4wp-form-1\" class=\"mc4wp-form mc4wp-form-963\" method=\"post\"><div class=\"mc4wp-form-fields\"><p>\(excerpt)</p><input type=\"email\" name=\"EMAIL\"></div></form>"
  ),
  (
    "formkit-form",
    "<form action=\"https://app.convertkit.com/forms/1/subscriptions\" class=\"seva-form formkit-form\" method=\"post\" data-sv-form=\"1\"><div data-style=\"clean\"><div class=\"formkit-header\"><h2>Get the weekly letter</h2></div><div class=\"formkit-subheader\"><p>\(excerpt)</p></div></div></form>"
  ),
  (
    "ml-embedded",
    "<div class=\"ml-embedded\" data-form=\"aB3dE\"><div class=\"ml-form-embedBody\"><h4>Newsletter</h4><p>\(excerpt)</p></div></div>"
  ),
  (
    "tnp-subscription",
    "<div class=\"tnp tnp-subscription \"><form method=\"post\" action=\"/?na=s\"><p>\(excerpt)</p><input class=\"tnp-email\" type=\"email\" name=\"ne\"></form></div>"
  ),
  (
    "lwptoc",
    "<div class=\"lwptoc lwptoc-autoWidth lwptoc-baseItems lwptoc-light lwptoc-notInherit\"><div class=\"lwptoc_i\"><div class=\"lwptoc_header\"><b class=\"lwptoc_title\">Contents</b></div><div class=\"lwptoc_items lwptoc_items-visible\"><div class=\"lwptoc_itemWrap\"><div class=\"lwptoc_item\"><a href=\"#Why\"><span class=\"lwptoc_item_label\">\(excerpt)</span></a></div></div></div></div></div>"
  ),
  (
    "wp-block-table-of-contents",
    "<nav class=\"wp-block-table-of-contents\"><ol><li><a href=\"#why\">\(excerpt)</a></li></ol></nav>"
  ),
  (
    "wp-block-yoast-seo-table-of-contents",
    "<div class=\"wp-block-yoast-seo-table-of-contents yoast-table-of-contents\"><h2>Table of contents</h2><ul><li><a href=\"#h-why\" data-level=\"2\">\(excerpt)</a></li></ul></div>"
  ),
  (
    "wp-block-rank-math-toc-block",
    "<div class=\"wp-block-rank-math-toc-block\" id=\"rank-math-toc-x\"><h2>Table of Contents</h2><nav><ul><li><a href=\"#why\">\(excerpt)</a></li></ul></nav></div>"
  ),
  (
    "ub_table-of-contents",
    "<div class=\"wp-block-ub-table-of-contents-block ub_table-of-contents\" data-showtext=\"show\"><div class=\"ub_table-of-contents-header\"><div class=\"ub_table-of-contents-title\">Contents</div></div><div class=\"ub_table-of-contents-container\"><ul><li><a href=\"#0-why\">\(excerpt)</a></li></ul></div></div>"
  ),
  (
    "kb-table-of-content-nav",
    "<nav class=\"wp-block-kadence-tableofcontents kb-table-of-content-nav kb-table-of-content-id_1\"><div class=\"kb-table-of-content-wrap\"><ul class=\"kb-table-of-content-list\"><li><a class=\"kb-table-of-contents__entry\" href=\"#why\">\(excerpt)</a></li></ul></div></nav>"
  ),
  (
    "elementor-widget-posts",
    """
    <div class="elementor-element elementor-element-40222a6c elementor-grid-1 elementor-posts--thumbnail-left elementor-widget elementor-widget-posts" data-widget_type="posts.classic"><div class="elementor-widget-container"><div class="elementor-posts-container elementor-posts elementor-posts--skin-classic elementor-grid" role="list"><article class="elementor-post elementor-grid-item post-3457 post type-post status-publish" role="listitem"><div class="elementor-post__text"><h3 class="elementor-post__title"><a href="/2025/12/farmers-market/">Farmers market returns</a></h3><div class="elementor-post__meta-data"><span class="elementor-post-date">December 16, 2025</span></div><div class="elementor-post__excerpt"><p>\(excerpt)</p></div></div></article></div></div></div>
    """
  ),
  (
    "elementor-widget-loop-grid",
    """
    <div class="elementor-element elementor-element-274280d elementor-grid-1 elementor-widget elementor-widget-loop-grid" data-widget_type="loop-grid.post"><div class="elementor-widget-container"><div class="elementor-loop-container elementor-grid" role="list"><div data-elementor-type="loop-item" class="elementor elementor-41211 e-loop-item post-76987 page type-page status-publish"><div class="elementor-element e-con-full e-flex e-con e-child"><div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>\(excerpt)</p></div></div></div></div></div></div></div>
    """
  ),
  (
    "elementor-widget-loop-carousel",
    """
    <div class="elementor-element elementor-widget elementor-widget-loop-carousel" data-widget_type="loop-carousel.post"><div class="elementor-widget-container"><div class="swiper elementor-loop-container elementor-grid"><div class="swiper-wrapper"><div class="swiper-slide e-loop-item"><p>\(excerpt)</p></div></div></div></div></div>
    """
  ),
  (
    "et_pb_blog_grid_wrapper",
    """
    <div class="et_pb_with_border et_pb_module et_pb_blog_0_tb_body et_pb_blog_grid_wrapper et_pb_bg_layout_light"><div class="et_pb_blog_grid clearfix"><div class="et_pb_ajax_pagination_container"><div class="et_pb_salvattore_content" data-columns><article id="post-14161" class="et_pb_post clearfix et_pb_blog_item_0_0 post-14161 post type-post status-publish hentry"><h2 class="entry-title"><a href="/262-leaning-into-data/">262. Leaning into data</a></h2><div class="post-content"><div class="post-content-inner"><p>\(excerpt)</p></div></div></article></div></div></div></div>
    """
  ),
  (
    "wpp-list",
    "<ul class=\"wpp-list\"><li><a href=\"/diptyx-e-reader/\" class=\"wpp-post-title\">Diptyx E-Reader</a> <span class=\"wpp-excerpt\">\(excerpt)</span></li></ul>"
  ),
  (
    "#jp-relatedposts",
    "<div id='jp-relatedposts' class='relatedposts-x' ><h3><em>Related</em></h3><p>\(excerpt)</p></div>"
  ),
  (
    "#jp-post-flair",
    "<div id=\"jp-post-flair\" class=\"sd-like-enabled sd-sharing-enabled\"><h3 class=\"sd-title\">Like this:</h3><p>\(excerpt)</p></div>"
  ),
  (
    "#mc_embed_signup",
    "<div id=\"mc_embed_signup\"><form action=\"https://example.us1.list-manage.com/subscribe/post\" method=\"post\" id=\"mc-embedded-subscribe-form\" name=\"mc-embedded-subscribe-form\" class=\"validate\"><div id=\"mc_embed_signup_scroll\"><h2>Subscribe</h2><p>\(excerpt)</p></div></form></div>"
  ),
  (
    "#ez-toc-container",
    "<div id=\"ez-toc-container\" class=\"ez-toc-v2_0_76 counter-hierarchy ez-toc-counter ez-toc-grey ez-toc-container-direction\"><div class=\"ez-toc-title-container\"><p class=\"ez-toc-title\">Table of Contents</p></div><nav><ul class='ez-toc-list ez-toc-list-level-1 '><li class='ez-toc-page-1 ez-toc-heading-level-2'><a class=\"ez-toc-link ez-toc-heading-1\" href=\"#Why\">\(excerpt)</a></li></ul></nav></div>"
  ),
  (
    "#toc_container",
    "<div id=\"toc_container\" class=\"toc_wrap_right no_bullets\"><p class=\"toc_title\">Contents</p><ul class=\"toc_list\"><li><a href=\"#Why\"><span class=\"toc_number toc_depth_1\">1</span> \(excerpt)</a></li></ul></div>"
  ),
  (
    "#rank-math-toc",
    "<div id=\"rank-math-toc\" class=\"toc-x\"><h2>Table of Contents</h2><nav><ul><li><a href=\"#why\">\(excerpt)</a></li></ul></nav></div>"
  ),
]

@Suite("Plugin chrome inside the post container is never the post")
struct PluginChromeTests {
  @Test("each plugin's block is removed beside a short post", arguments: pluginMarkup)
  func removed(rule: String, markup: String) throws {
    let page = wordPressPage(markup)
    let result = try extractArticle(from: parseHTML(Array(page.utf8)))
    #expect(result.article.blocks.map(\.text) == [shortPost], "\(rule)")
  }

  @Test("every rule of the table has a page above")
  func everyRuleIsTested() {
    let tested = Set(pluginMarkup.map(\.rule))
    for name in PluginChromeRules.classNames {
      #expect(tested.contains(name), "no page for class \(name)")
    }
    for id in PluginChromeRules.ids {
      #expect(tested.contains("#" + id), "no page for id \(id)")
    }
  }

  /// The "about the writer" box after a post, as themes, news sites, Medium and Elementor write
  /// it: the writer rewrites it ("When I am not writing here, …") without editing the post.
  @Test(
    "a writer's biography after the post is removed, however long it grows",
    arguments: [
      "<div class=\"author-info\"><h2 class=\"author-title\">Published by Ann Lee</h2><p class=\"author-bio\">\(excerpt)</p></div>",
      "<div class=\"post-body-sig-line\"><div class=\"post-body-bio\">Ann Lee covers the town council for the Post. \(excerpt)</div></div>",
      "<div class=\"infoCard-wrapper\"><div class=\"infoCard-bio\">\(excerpt)</div></div>",
      "<div class=\"elementor-author-box\"><div class=\"elementor-author-box__text\"><h4 class=\"elementor-author-box__name\">Ann Lee</h4><div class=\"elementor-author-box__bio\"><p>\(excerpt)</p></div></div></div>",
      "<div class=\"m-authorbio\"><p>\(excerpt)</p></div>",
      "<div class=\"wp-block-post-author-biography\">\(excerpt)</div>",
    ])
  func biography(markup: String) throws {
    for extra in ["", " " + excerpt] {
      let grown = markup.replacingOccurrences(of: excerpt, with: excerpt + extra)
      let result = try extractArticle(from: parseHTML(Array(wordPressPage(grown).utf8)))
      let texts = result.article.blocks.map(\.text)
      #expect(!texts.contains { $0.contains("farmers market") }, "\(markup)")
      #expect(texts.first == shortPost)
    }
  }

  /// Only a name of two or more words ending in one of `PluginChromeRules.biographyWords`
  /// marks a biography: a lone `bio` may be a profile page's own text, and words that only end
  /// in the same letters (`symbiosis-box`, `biology`) mark nothing.
  @Test(
    "a lone bio class or a word ending in the same letters is no biography",
    arguments: ["bio", "biology-notes", "microbio", "post-biology"])
  func notBiography(className: String) throws {
    let page = wordPressPage("<div class=\"\(className)\"><p>\(excerpt)</p></div>")
    let result = try extractArticle(from: parseHTML(Array(page.utf8)))
    #expect(result.article.blocks.map(\.text) == [shortPost, excerpt], "\(className)")
  }

  /// Jetpack's related posts change from one load to the next: other posts, other excerpts,
  /// another order. On a short post they hold more text than the post itself.
  @Test("a rotating related-posts block never reaches the article", arguments: 0..<6)
  func rotatingRelatedPosts(run: Int) throws {
    let titles = [
      "Council approves new bike lanes", "Farmers market returns to the riverside",
      "What the new school budget means", "Bridge repairs start in July",
      "A new bakery opens on Mill Lane", "Swimming pool reopens after two years",
    ]
    let items = (0..<3).map { position in
      let title = titles[(run + position) % titles.count]
      let words = String(repeating: "and more news from the town ", count: run + position + 1)
      return """
        <div class="jp-relatedposts-post jp-relatedposts-post\(position)"><h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="/p/\(run)\(position)">\(title)</a></h4><p class="jp-relatedposts-post-excerpt">\(title): \(words)</p><p class="jp-relatedposts-post-date">May \(run + 1), 2024</p></div>
        """
    }
    let related = """
      <div id='jp-relatedposts' class='jp-relatedposts' ><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items jp-relatedposts-items-visual">\(items.joined())</div></div>
      """
    let result = try extractArticle(from: parseHTML(Array(wordPressPage(related).utf8)))
    #expect(result.article.blocks.map(\.text) == [shortPost])
  }
}
