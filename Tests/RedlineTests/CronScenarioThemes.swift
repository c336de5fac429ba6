import Foundation

/// Four more platforms' post pages, as their themes write them, for the cron scenario's second
/// part: Blogger's Contempo theme (Popular Posts as `<article class="post">` with post titles
/// and snippets, threaded comments), WordPress's Twenty Twenty-Four block theme (the post
/// content in `.wp-block-post-content`, the date and author after it, comment blocks, latest
/// posts in the footer), Ghost's Casper (`.gh-content`, "read more" post cards with excerpts)
/// and a Substack post (a subscribe widget inside the body, like and comment counts twice,
/// "Discussion about this post"). Everything but the post changes from run to run.
extension CronScenarioPages {
  /// The four themes, by the path segment their blog is served under.
  static let themes: [String: @Sendable (Post, Int, Int, String) -> String] = [
    "contempo": contempo, "twentytwentyfour": twentyTwentyFour, "casper": casper,
    "substack": substack,
  ]

  /// A post's paragraphs as `<p>` elements, its links in the first.
  static func paragraphElements(_ post: Post) -> [String] {
    bodyHTML(post, separator: "\u{0}").split(separator: "\u{0}").map { "<p>\($0)</p>" }
  }

  /// A Blogger post on the Contempo theme.
  static func contempo(_ post: Post, id: Int, run: Int, base: String) -> String {
    let url = "\(base)/2016/07/post-\(id).html"
    let comments = (0..<(run % 4)).map { number in
      """
      <li class="comment" id="c\(900 + number)"><div class="avatar-image-container"><img class="author-avatar" height="35" src="//resources.blogblog.com/img/blank.gif" width="35"/></div><div class="comment-block"><div class="comment-header"><cite class="user"><a href="https://www.blogger.com/profile/\(number)" rel="nofollow">Reader \(number)</a></cite><span class="icon user "></span><span class="datetime secondary-text"><a rel="nofollow" href="\(url)?showComment=\(1_467_000_000 + run * 10 + number)#c\(900 + number)">July \(3 + number), 2016 at 9:0\(number) AM</a></span></div><p class="comment-content">\(filler[(number + run) % filler.count])</p><span class="comment-actions secondary-text"><a class="comment-reply" target="_self" data-comment-id="\(900 + number)">Reply</a></span></div><div class="comment-replies"><div id="c\(900 + number)-rt" class="comment-thread inline-thread hidden"><span class="thread-toggle thread-expanded"><span class="thread-arrow"></span><span class="thread-count"><a target="_self">Replies</a></span></span><ol id="c\(900 + number)-ra" class="thread-chrome thread-expanded"><div></div><div id="c\(900 + number)-continue" class="continue"><a class="comment-reply" target="_self" data-comment-id="\(900 + number)">Reply</a></div></ol></div></div></li>
      """
    }.joined()
    let popular = rotated(Array(filler.enumerated()), by: run).prefix(3).map { index, text in
      """
      <div role="feed"><article class="post" role="article"><h3 class="post-title"><a href="\(base)/2016/0\(index % 9 + 1)/older-\(index).html">Older post number \(index)</a></h3><div class="post-header"><div class="post-header-line-1"></div></div><div class="item-content float-container"><div class="popular-posts-snippet snippet-container r-snippet-container"><div class="snippet-item r-snippetized">\(text)</div><a class="snippet-fade r-snippet-fade hidden" href="\(base)/2016/0\(index % 9 + 1)/older-\(index).html"></a></div></div></article></div>
      """
    }.joined()
    return """
      <!DOCTYPE html>
      <html dir="ltr" lang="en">
      <head>
      <meta content="width=device-width, initial-scale=1" name="viewport"/>
      <title>\(post.title)</title>
      <meta content="text/html; charset=UTF-8" http-equiv="Content-Type"/>
      <meta content="blogger" name="generator"/>
      <link href="\(url)" rel="canonical"/>
      <meta content="\(url)" property="og:url"/>
      <meta content="\(post.title)" property="og:title"/>
      <style id="page-skin-1" type="text/css"><!-- body {font: 15px Roboto} --></style>
      <script type="text/javascript">(function(){window.BLOG_token='\(String(run * 7919, radix: 16))';})();</script>
      </head>
      <body class="version-1-3-3 variant-indie_light">
      <a class="skip-navigation" href="#main" tabindex="0">Skip to main content</a>
      <div class="page"><div class="bg-photo-overlay"></div><div class="bg-photo-container"><div class="bg-photo"></div></div>
      <div class="page_body"><div class="centered"><div class="centered-top-placeholder"></div>
      <header class="centered-top-container" role="banner"><div class="centered-top"><a name="top"></a>
      <div class="blog-name container"><div class="container section" id="header" name="Header"><div class="widget Header" data-version="2" id="Header1">
      <div class="header-widget"><div><h1><a href="\(base)/">Libya Notes</a></h1></div><p>Comments on events in Libya, week by week.</p></div>
      </div></div></div>
      <nav role="navigation"><div class="clearboth no-items section" id="page_list_top" name="Page List (Top)"></div></nav>
      </div></header>
      <div><div class="main_content_container clearfix"><div class="main_content">
      <main class="centered-bottom" id="main" role="main" tabindex="-1">
      <div class="main section" id="page_body" name="Page body"><div class="widget Blog" data-version="2" id="Blog1">
      <div class="blog-posts hfeed container"><article class="post-outer-container"><div class="post-outer"><div class="post">
      <script type="application/ld+json">{"@context":"http://schema.org","@type":"BlogPosting","mainEntityOfPage":{"@type":"WebPage","@id":"\(url)"},"headline":"\(post.title)","datePublished":"2016-07-02T08:53:00-07:00","dateModified":"2016-07-02T08:53:00-07:00","author":{"@type":"Person","name":"Ken Hanly"}}</script>
      <a name="\(9000 + id)"></a>
      <h3 class="post-title entry-title">
      \(post.title)
      </h3>
      <div class="post-share-buttons post-share-buttons-top invisible"></div>
      <div class="post-header"><div class="post-header-container container"><div class="post-header-line-1">
      <span class="byline post-timestamp"><meta content="\(url)"/><a class="timestamp-link" href="\(url)" rel="bookmark" title="permanent link"><time class="published" datetime="2016-07-02T08:53:00-07:00" title="2016-07-02T08:53:00-07:00">July 02, 2016</time></a></span>
      </div></div></div>
      <div class="post-body-container"><div class="post-body entry-content float-container" id="post-body-\(9000 + id)">
      \(paragraphElements(post).joined())
      </div></div>
      <div class="post-bottom"><div class="post-footer float-container"><div class="post-footer-line post-footer-line-1">
      <div class="byline post-share-buttons goog-inline-block"><div class="sharing" data-title="\(post.title)"><button class="sharing-button touchpad-button" role="button">Share</button><div class="share-buttons-container"><ul aria-hidden="true" aria-label="Share" class="share-buttons hidden" role="menu"><li><span aria-label="Get link" class="sharing-platform-button sharing-element-link" data-url="\(url)" role="menuitem" tabindex="-1" title="Get link"><span class="platform-sharing-text">Get link</span></span></li><li><span aria-label="Share to Facebook" class="sharing-platform-button sharing-element-facebook" role="menuitem" tabindex="-1" title="Share to Facebook"><span class="platform-sharing-text">Facebook</span></span></li></ul></div></div></div>
      </div>
      <div class="post-footer-line post-footer-line-2"><span class="byline post-labels"><span class="byline-label">Labels:</span><a href="\(base)/search/label/Haftar" rel="tag">Haftar</a><a href="\(base)/search/label/Russia" rel="tag">Russia</a></span></div>
      </div></div>
      </div></div>
      <section class="comments threaded" data-embed="true" data-num-comments="\(run % 4)" id="comments"><a name="comments"></a><h3 class="title">Comments</h3>
      <div class="comments-content"><div id="comment-holder"><div class="comment-thread toplevel-thread"><ol id="top-ra">\(comments)</ol><div id="top-continue" class="continue"><a class="comment-reply" target="_self">Add comment</a></div><div class="loadmore hidden" data-post-id="\(9000 + id)"><a target="_self">Load more...</a></div></div></div></div>
      <div class="comment-form"><a name="comment-form"></a><h4 id="comment-post-message">Post a Comment</h4><iframe allowtransparency="allowtransparency" class="blogger-iframe-colorize blogger-comment-from-post" frameborder="0" height="410px" id="comment-editor" name="comment-editor" src="" width="100%"></iframe></div>
      </section>
      </article></div>
      <div class="blog-pager container" id="blog-pager">
      <a class="blog-pager-newer-link flat-button ripple" href="\(base)/2016/07/post-\(id + 1).html" id="Blog1_blog-pager-newer-link" title="Newer Post">Newer Post</a>
      <a class="blog-pager-older-link flat-button ripple" href="\(base)/2016/07/post-\(id - 1).html" id="Blog1_blog-pager-older-link" title="Older Post">Older Post</a>
      </div>
      </div></div>
      </main></div></div></div></div></div>
      <aside class="sidebar-container container sidebar-invisible" role="complementary">
      <div class="sidebar_top_wrapper"><div class="sidebar_top section" id="sidebar_top" name="Sidebar (Top)"><div class="widget Profile" data-version="2" id="Profile1"><div class="wrapper solo"><div class="snippet-item r-snippetized">Ken Hanly</div><dl class="profile-datablock"><dd class="profile-textblock">A retired teacher who writes about North Africa.</dd></dl><a class="profile-link visit-profile" href="https://www.blogger.com/profile/1" rel="author">Visit profile</a></div></div>
      <div class="widget BlogArchive" data-version="2" id="BlogArchive1"><details class="collapsible extendable"><summary><div class="collapsible-title"><h3 class="title">Archive</h3></div></summary><div class="widget-content"><ul class="hierarchy"><li class="archivedate"><div class="hierarchy-title"><a class="post-count-link" href="\(base)/2016/">2016</a><span class="post-count">\(1120 + run / 4)</span></div></li></ul></div></details></div>
      </div></div>
      <div class="sidebar_bottom section" id="sidebar_bottom" name="Sidebar (Bottom)">
      <div class="widget PopularPosts" data-version="2" id="PopularPosts1"><h3 class="title">Popular Posts</h3><div class="widget-content">\(popular)</div></div>
      <div class="widget Stats" data-version="2" id="Stats1"><h3 class="title">Total Pageviews</h3><div class="widget-content"><div id="Stats1_content"><span class="counter-wrapper text-counter-wrapper" id="Stats1_totalCount">\(2_345_678 + run * 137)</span></div></div></div>
      </div>
      </aside></div>
      <footer class="footer section" id="footer" name="Footer"><div class="widget Attribution" data-version="2" id="Attribution1"><div class="widget-content"><div class="blogger"><a href="https://www.blogger.com" rel="nofollow">Powered by Blogger</a></div></div></div></footer>
      </body></html>
      """
  }

  /// A WordPress post on the Twenty Twenty-Four block theme.
  static func twentyTwentyFour(_ post: Post, id: Int, run: Int, base: String) -> String {
    let url = "\(base)/2016/07/02/post-\(id)/"
    let comments = (0..<(run % 3)).map { number in
      """
      <li id="comment-\(40 + number)" class="comment even thread-even depth-1"><div class="wp-block-group is-layout-flow wp-block-group-is-layout-flow"><div class="wp-block-group is-nowrap is-layout-flex wp-block-group-is-layout-flex"><div class="wp-block-avatar"><img alt="Reader \(number) Avatar" src="https://secure.gravatar.com/avatar/\(number)?s=40" class="avatar avatar-40 photo wp-block-avatar__image" width="40" height="40"/></div><div class="wp-block-group is-layout-flow"><div class="wp-block-comment-author-name has-small-font-size">Reader \(number)</div><div class="wp-block-group is-layout-flex"><div class="wp-block-comment-date has-small-font-size"><time datetime="2016-07-0\(3 + number)T09:00:00+00:00"><a href="\(url)#comment-\(40 + number)">July \(3 + number), 2016 at 9:00 am</a></time></div></div><div class="wp-block-comment-content"><p>\(filler[(number + run) % filler.count])</p></div><div class="wp-block-comment-reply-link has-small-font-size"><a rel="nofollow" class="comment-reply-link" href="#comment-\(40 + number)" data-commentid="\(40 + number)">Reply</a></div></div></div></div></li>
      """
    }.joined()
    let latest = (0..<3).map {
      "<li><a class=\"wp-block-latest-posts__post-title\" href=\"\(base)/r\($0)/\">Recent post number \($0 + run)</a></li>"
    }.joined()
    return """
      <!DOCTYPE html>
      <html lang="en-US">
      <head>
      <meta charset="UTF-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name='robots' content='max-image-preview:large' />
      <title>\(post.title) &#8211; Libya Notes</title>
      <link rel="alternate" type="application/rss+xml" title="Libya Notes &raquo; Feed" href="\(base)/feed/" />
      <script>window._wpemojiSettings = {"baseUrl":"https://s.w.org/images/core/emoji/15.0.3/72x72/","ver":"6.\(run % 9)"};</script>
      <style id='wp-block-site-title-inline-css'>.wp-block-site-title a{color:inherit}</style>
      <link rel="canonical" href="\(url)" />
      <meta name="generator" content="WordPress 6.5.\(run % 5)" />
      </head>
      <body class="post-template-default single single-post postid-\(100 + id) single-format-standard wp-embed-responsive">
      <div class="wp-site-blocks"><header class="wp-block-template-part">
      <div class="wp-block-group alignwide has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="padding-top:20px;padding-bottom:20px">
      <div class="wp-block-group alignwide is-content-justification-space-between is-layout-flex wp-block-group-is-layout-flex">
      <div class="wp-block-group is-layout-flex wp-block-group-is-layout-flex"><p class="wp-block-site-title"><a href="\(base)" target="_self" rel="home">Libya Notes</a></p></div>
      <div class="wp-block-group is-layout-flex wp-block-group-is-layout-flex"><nav class="is-responsive items-justified-right wp-block-navigation is-layout-flex" aria-label="Main"><div class="wp-block-navigation__responsive-container" id="modal-1"><div class="wp-block-navigation__responsive-container-content" id="modal-1-content"><ul class="wp-block-navigation__container wp-block-page-list"><li class="wp-block-pages-list__item wp-block-navigation-item"><a class="wp-block-pages-list__item__link wp-block-navigation-item__content" href="\(base)/about/">About</a></li><li class="wp-block-pages-list__item wp-block-navigation-item"><a class="wp-block-pages-list__item__link wp-block-navigation-item__content" href="\(base)/blog/">Blog</a></li></ul></div></div></nav></div>
      </div></div>
      </header>
      <main class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="margin-top:var(--wp--preset--spacing--50)">
      <div class="wp-block-group alignfull has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
      <h1 style="margin-bottom:var(--wp--preset--spacing--40);" class="wp-block-post-title">\(post.title)</h1>
      </div>
      <div class="entry-content alignfull wp-block-post-content has-global-padding is-layout-constrained wp-block-post-content-is-layout-constrained">
      \(paragraphElements(post).joined(separator: "\n\n"))
      </div>
      <div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="margin-top:var(--wp--preset--spacing--40)">
      <div class="wp-block-group alignwide is-layout-flow wp-block-group-is-layout-flow">
      <div class="wp-block-group is-content-justification-left is-layout-flex wp-block-group-is-layout-flex"><div class="wp-block-post-date"><time datetime="2016-07-02T08:53:00+00:00"><a href="\(url)">July 2, 2016</a></time></div><p class="has-contrast-2-color has-text-color">—</p><p class="has-contrast-2-color has-text-color">by</p><div class="wp-block-post-author-name"><a href="\(base)/author/ken/" target="_self" class="wp-block-post-author-name__link">Ken Hanly</a></div></div>
      <div class="wp-block-group is-layout-flex wp-block-group-is-layout-flex"><div class="taxonomy-category wp-block-post-terms"><span class="wp-block-post-terms__prefix">in </span><a href="\(base)/category/libya/" rel="tag">Libya</a></div></div>
      </div></div>
      <div class="wp-block-group alignwide has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
      <div class="wp-block-comments wp-block-comments-query-loop">
      <h2 class="wp-block-heading has-x-large-font-size">Comments</h2>
      <ol class="wp-block-comment-template">\(comments)</ol>
      <div id="respond" class="comment-respond wp-block-post-comments-form"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form action="\(base)/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p><p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p><p class="form-submit wp-block-button"><input name="submit" type="submit" id="submit" class="wp-block-button__link wp-element-button" value="Post Comment" /><input type='hidden' name='comment_post_ID' value='\(100 + id)' id='comment_post_ID' /></p><p style="display: none;"><input type="hidden" id="akismet_comment_nonce" name="akismet_comment_nonce" value="\(String(run * 31337, radix: 16))" /></p></form></div>
      </div></div>
      <nav class="wp-block-group alignwide is-content-justification-space-between is-layout-flex wp-block-group-is-layout-flex" aria-label="Posts"><div class="post-navigation-link-previous wp-block-post-navigation-link"><span class="wp-block-post-navigation-link__arrow-previous is-arrow-arrow" aria-hidden="true">←</span><a href="\(base)/2016/07/01/older-\(id)/" rel="prev">Older post \(id) of the week</a></div></nav>
      </main>
      <footer class="wp-block-template-part">
      <div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
      <div class="wp-block-columns alignwide is-layout-flex"><div class="wp-block-column is-layout-flow"><p class="wp-block-site-tagline">\(filler[run % filler.count])</p></div>
      <div class="wp-block-column is-layout-flow"><h2 class="wp-block-heading has-medium-font-size">Recent posts</h2><ul class="wp-block-latest-posts__list wp-block-latest-posts">\(latest)</ul></div></div>
      <div class="wp-block-group alignwide is-content-justification-space-between is-layout-flex"><p class="has-small-font-size">Designed with <a href="https://wordpress.org" rel="nofollow">WordPress</a></p></div>
      </div>
      </footer></div>
      <script id="wp-block-navigation-view-js-extra">var wpNonce = "\(String(run * 7, radix: 16))";</script>
      </body>
      </html>
      """
  }

  /// A Ghost post on the Casper theme.
  static func casper(_ post: Post, id: Int, run: Int, base: String) -> String {
    let url = "\(base)/post-\(id)/"
    let cards = rotated(Array(filler.enumerated()), by: run).prefix(3).map { index, text in
      """
      <article class="post-card post tag-libya">
          <a class="post-card-image-link" href="\(base)/older-\(index)/"><img class="post-card-image" srcset="\(base)/content/images/size/w300/older-\(index).jpg 300w" sizes="(max-width: 1000px) 400px, 800px" src="\(base)/content/images/size/w600/older-\(index).jpg" alt="Older post number \(index)" loading="lazy" /></a>
          <div class="post-card-content">
              <a class="post-card-content-link" href="\(base)/older-\(index)/">
                  <header class="post-card-header"><div class="post-card-tags"><span class="post-card-primary-tag">Libya</span></div><h2 class="post-card-title">Older post number \(index)</h2></header>
                  <div class="post-card-excerpt">\(text)</div>
              </a>
              <footer class="post-card-meta"><time class="post-card-meta-date" datetime="2016-06-0\(index + 1)">Jun \(index + 1), 2016</time><span class="post-card-meta-length">\(2 + index) min read</span></footer>
          </div>
      </article>
      """
    }.joined(separator: "\n")
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>\(post.title)</title>
          <link rel="stylesheet" type="text/css" href="\(base)/assets/built/screen.css?v=a5b\(run % 10)c2f3e1">
          <link rel="canonical" href="\(url)">
          <meta property="og:site_name" content="Libya Notes">
          <meta property="og:type" content="article">
          <meta property="og:title" content="\(post.title)">
          <meta property="og:url" content="\(url)">
          <meta property="article:published_time" content="2016-07-02T08:53:00.000Z">
          <meta property="article:modified_time" content="2016-07-02T08:53:00.000Z">
          <script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","publisher":{"@type":"Organization","name":"Libya Notes"},"author":{"@type":"Person","name":"Ken Hanly"},"headline":"\(post.title)","url":"\(url)","datePublished":"2016-07-02T08:53:00.000Z","dateModified":"2016-07-02T08:53:00.000Z"}</script>
          <meta name="generator" content="Ghost 5.\(70 + run % 9)">
          <link rel="alternate" type="application/rss+xml" title="Libya Notes" href="\(base)/rss/">
          <script defer src="https://cdn.jsdelivr.net/ghost/portal@~2.37/umd/portal.min.js" data-ghost="\(base)/" data-key="\(String(run * 1_234_567, radix: 16))" data-api="\(base)/ghost/api/content/" crossorigin="anonymous"></script>
      </head>
      <body class="post-template tag-libya is-head-left-logo has-cover">
      <div class="viewport">
          <header id="gh-head" class="gh-head outer">
              <div class="gh-head-inner inner">
                  <div class="gh-head-brand"><a class="gh-head-logo" href="\(base)">Libya Notes</a></div>
                  <nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="\(base)/">Home</a></li><li class="nav-about"><a href="\(base)/about/">About</a></li></ul></nav>
                  <div class="gh-head-actions"><a class="gh-head-link" href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div>
              </div>
          </header>
          <div class="site-content">
      <main id="site-main" class="site-main">
      <article class="article post tag-libya ">
          <header class="article-header gh-canvas">
              <div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="\(base)/tag/libya/">Libya</a></span></div>
              <h1 class="article-title">\(post.title)</h1>
              <div class="article-byline"><section class="article-byline-content">
                  <ul class="author-list instapaper_ignore"><li class="author-list-item"><a href="\(base)/author/ken/" class="author-avatar author-profile-image"><svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path d="M12 12"/></svg></a></li></ul>
                  <div class="article-byline-meta">
                      <h4 class="author-name"><a href="\(base)/author/ken/">Ken Hanly</a></h4>
                      <div class="byline-meta-content"><time class="byline-meta-date" datetime="2016-07-02">Jul 2, 2016</time><span class="byline-reading-time"><span class="bull">&bull;</span> 2 min read</span></div>
                  </div>
              </section></div>
          </header>
          <section class="gh-content gh-canvas">
      \(paragraphElements(post).joined(separator: "\n"))
          </section>
          <section class="article-comments gh-canvas"><div id="ghost-comments-root" data-count="\(run % 5)"></div></section>
      </article>
      </main>
      <aside class="read-more-wrap outer"><div class="read-more inner">
      \(cards)
      </div></aside>
          </div>
          <footer class="site-footer outer"><div class="inner">
              <section class="copyright"><a href="\(base)">Libya Notes</a> &copy; 2026</section>
              <nav class="site-footer-nav"><ul class="nav"><li class="nav-sign-up"><a href="#/portal/">Sign up</a></li></ul></nav>
              <div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div>
          </div></footer>
      </div>
      <script src="\(base)/assets/built/casper.js?v=a5b\(run % 10)c2f3e1"></script>
      </body>
      </html>
      """
  }

  /// A Substack post.
  static func substack(_ post: Post, id: Int, run: Int, base: String) -> String {
    let url = "\(base)/p/post-\(id)"
    let paragraphs = paragraphElements(post)
    let middle = max(1, paragraphs.count / 2)
    let widget = """
      <div class="subscription-widget-wrap-editor" data-component-name="SubscribeWidgetToDOM"><div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading Libya Notes! Subscribe for free to receive new posts and support my work.</p></div><form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe"><div class="fake-input-wrapper"><div class="fake-input"></div><div class="fake-button"></div></div></form></div></div>
      """
    let body = paragraphs.prefix(middle).joined() + widget + paragraphs.dropFirst(middle).joined()
    let likes = 40 + run
    let comments = (0..<(run % 4)).map { number in
      """
      <div class="comment"><div class="comment-content"><div class="comment-meta"><a href="https://substack.com/@reader\(number)">Reader \(number)</a><a href="\(url)/comment/\(500 + number)"><span>Jul \(3 + number)</span></a></div><div class="comment-body"><p>\(filler[(number + run) % filler.count])</p></div><div class="comment-actions"><button>Like (\(number + run % 3))</button><button>Reply</button><button>Share</button></div></div></div>
      """
    }.joined()
    let reactions = """
      <div class="post-ufi style-compressed"><div class="like-button-container post-ufi-button style-compressed"><button class="post-ufi-button style-compressed with-label" aria-label="Like (\(likes))"><svg></svg><div class="label">\(likes)</div></button></div><a class="post-ufi-button style-compressed post-ufi-comment-button has-label with-border" href="\(url)/comments"><svg></svg><div class="label">\(run % 4)</div></a><a class="post-ufi-button style-compressed with-label" role="button" aria-label="View repost options"><svg></svg><div class="label">\(run % 7)</div></a><button class="post-ufi-button style-compressed no-label with-border" aria-label="View share options"><svg></svg></button></div>
      """
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(post.title) - by Ken Hanly - Libya Notes</title>
      <link rel="canonical" href="\(url)">
      <meta property="og:title" content="\(post.title)">
      <meta property="og:type" content="article">
      <meta name="author" content="Ken Hanly">
      <meta property="article:published_time" content="2016-07-02T08:53:00.000Z">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"\(url)","headline":"\(post.title)","datePublished":"2016-07-02T08:53:00+00:00","dateModified":"2016-07-02T08:53:00+00:00","author":[{"@type":"Person","name":"Ken Hanly"}]}</script>
      <link rel="alternate" type="application/rss+xml" href="\(base)/feed" title="Libya Notes">
      </head>
      <body class="pc-root">
      <div id="entry"><div id="main" class="main typography use-theme-bg">
      <div class="main-menu-content"><div class="topbar-spacer"></div><div class="topbar topbar-content"><div class="navbar-left-and-title"><div class="navbar-left"><a href="\(base)"><img class="navbar-logo" src="https://substackcdn.com/image/fetch/w_80,h_80/logo.png" alt="Libya Notes"></a></div><h1 class="navbar-title"><a class="navbar-title-link" href="\(base)">Libya Notes</a></h1></div><div class="navbar-right"><div class="navbar-buttons"><button class="button primary subscribe-btn">Subscribe</button><button class="button sign-in-link outline-grayscale">Sign in</button></div></div></div></div>
      <div class="container"><div class="single-post-container"><div class="container"><div class="single-post">
      <div class="pencraft pc-display-contents pc-reset pubTheme-yiXxQA">
      <article class="typography newsletter-post post">
      <div class="post-header" role="region" aria-label="Post header">
      <h1 dir="auto" class="post-title published title-X77sOw">\(post.title)</h1>
      <h3 dir="auto" class="subtitle subtitle-HEEcLo">Week by week in Libya</h3>
      <div class="pencraft pc-display-flex pc-gap-12 pc-paddingTop-16 pc-paddingBottom-16 pc-justifyContent-space-between pc-alignItems-center flex-grow-rzmknG border-top-detail-themed pc-reset"><div class="pencraft pc-display-flex pc-gap-12 pc-alignItems-center pc-reset byline-wrapper"><div class="pencraft pc-display-flex pc-flexDirection-column pc-reset"><div class="pencraft pc-reset color-pub-primary-text-NyXPlw line-height-20-t4M0El font-meta-MWBumP size-11-NuY2Zx weight-medium-fw81nC transform-uppercase-yKDgcq reset-IxiVJZ meta-EgzBVA"><span data-state="closed"><a href="https://substack.com/@kenhanly" class="pencraft pc-reset decoration-hover-underline-ClDVRM reset-IxiVJZ">Ken Hanly</a></span></div><div class="pencraft pc-display-flex pc-gap-4 pc-reset"><div class="pencraft pc-reset color-pub-secondary-text-hGQ02T line-height-20-t4M0El font-meta-MWBumP size-11-NuY2Zx weight-medium-fw81nC transform-uppercase-yKDgcq reset-IxiVJZ meta-EgzBVA">Jul 02, 2016</div></div></div></div>\(reactions)</div>
      </div>
      <div class="available-content"><div dir="auto" class="body markup">\(body)</div></div>
      <div class="visibility-check"></div>
      <div class="post-footer use-separators">\(reactions)</div>
      </article>
      </div>
      <div class="pencraft pc-display-flex pc-flexDirection-column pc-reset"><div class="post-end-cta-full"><h3>Subscribe to Libya Notes</h3><div class="pencraft pc-reset">Launched 10 years ago</div><div class="pencraft pc-reset">Comments on events in Libya, week by week.</div></div></div>
      <div id="discussion" class="comments-section single-post-section"><div class="container"><h4 class="pencraft pc-reset">Discussion about this post</h4><div class="comments-page"><div class="comment-list">\(comments)</div></div></div></div>
      <div class="single-post-section"><div class="container"><h4>Ready for more?</h4></div></div>
      </div></div></div></div>
      </div></div>
      <script>window._preloads = {"isEU":false,"language":"en","nonce":"\(String(run * 99_991, radix: 16))"};</script>
      </body>
      </html>
      """
  }
}
