import ArticleExtraction
import HTMLParsing
import Testing

/// Post pages as the blog platforms write them today (2024–2026), each with its chrome in and
/// around the post: counts of claps, likes, views and comments, share and follow buttons,
/// subscribe forms, the writer's bio card, lists of other posts and comments. Each page is
/// written from the platform's own templates as served (the markup its pages carry, cut down
/// to the elements around the post; obfuscated utility classes shortened): what a
/// `redline check` of such a blog reads. `run` changes what changes between two checks of an
/// unedited post: the counts grow, the lists of other posts rotate, a comment is added.

/// The post's own paragraphs.
private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
  "The mayor said the delay would cost nothing, though the treasurer was not so sure and said so twice.",
]

/// The writer's biography: longer than a one-paragraph post.
private let bio = """
  Jane Doe has covered the town council since 2009 and writes about municipal finance, roads, \
  libraries and the people who run them. Before that she taught history at the grammar school \
  for eleven years, and she still reads every planning application that the council publishes.
  """

/// Other posts of the blog: what "More from", "Related" and "Popular posts" lists show, in an
/// order that changes from check to check.
private let otherPosts = [
  (
    "Ferry timetable changes in May",
    "The ferry company will run fewer boats on weekday mornings from May, and commuters from the island say they were never asked about it."
  ),
  (
    "The old mill reopens as a museum",
    "After six years of repairs the old mill on the river opens its doors again, now as a museum of the town's weaving trade and its workers."
  ),
  (
    "Cycle lanes on the high street",
    "The council's plan for painted cycle lanes on the high street divided the shopkeepers, who fear for parking, from the parents who cycle to school."
  ),
  (
    "Why the river floods every March",
    "Engineers blame the new housing upstream, the farmers blame the engineers, and the river keeps rising every March whatever anyone says."
  ),
]

/// Other posts rotated by `run`, the first `count` of them.
private func others(_ run: Int, _ count: Int = 3) -> [(title: String, snippet: String)] {
  (0..<count).map { otherPosts[($0 + run) % otherPosts.count] }.map { ($0.0, $0.1) }
}

/// The comments after the post: one more on every run.
private func comments(_ run: Int) -> [String] {
  (0..<run).map {
    "Comment \($0 + 1): thank you for covering this, I could not go to the meeting myself and the minutes are always late."
  }
}

/// A count that grows on every run (claps, likes, views): never in the article.
private func count(_ run: Int) -> String { "\(4127 + run * 13)" }

/// Strings of chrome that no article may hold.
private let chromeWords = [
  "412", "413", "414", "415", "Follow", "Listen", "Member-only", "Subscribe", "Sign up",
  "Sign in", "Comment 1", "Comment 2", "Reply", "Older", "Newer", "Ferry timetable",
  "old mill", "Cycle lanes", "river floods", "grammar school", "Recommended", "More from",
  "Popular posts", "Related", "Leave a comment", "Share", "Like", "views", "responses",
  "Previous", "Recent Posts", "Read more", "Thanks for reading", "Email sent",
]

/// One platform's post page.
struct PlatformPage: Sendable, CustomTestStringConvertible {
  let name: String
  /// The page for the post `paragraphs` on check `run`.
  let page: @Sendable (_ paragraphs: [String], _ run: Int) -> String
  /// What the article holds besides the paragraphs, after them (footnotes, a link card).
  var extra: [String] = []
  /// The footnote marker the first paragraph ends with, if it has one.
  var anchor = ""
  var testDescription: String { name }
}

private func paragraphs(_ texts: [String], _ attributes: String = "") -> String {
  texts.map { "<p\(attributes)>\($0)</p>" }.joined(separator: "\n")
}

/// medium.com, 2024–2026: generated class names, stable `pw-` and `data-testid` hooks. The
/// byline, counts, Follow, Listen and Share sit in a `speechify-ignore` box inside the column
/// that holds the title and the paragraphs; a section break starts a new column; tags and the
/// footer's counts follow the body inside `<article>`, then the bio card and the lists.
private let medium = PlatformPage(name: "Medium") { texts, run in
  let body = texts.enumerated().map { index, text in
    "<p id=\"p\(index)\" class=\"pw-post-body-paragraph ml mm gv mn b mo mp mq\" data-selectable-paragraph=\"\">\(text)</p>"
  }
  let first = body.prefix(2).joined(separator: "\n")
  let rest = body.dropFirst(2).joined(separator: "\n")
  let second =
    rest.isEmpty
    ? ""
    : """
    <div role="separator" class="nt nu nv nw nx l" aria-hidden="true"><span class="ny">...</span></div>
    <div class="fr fs ft fu fv"><div class="ab ca"><div class="ch bg ex ey ez fa">\(rest)</div></div></div>
    """
  let cards = others(run).map { title, snippet in
    "<article class=\"qv\"><div class=\"qw\"><a href=\"/@jane/x-\(title.count)\"><h2 class=\"bf gw qx\">\(title)</h2><div class=\"qy\"><h3 class=\"bf b\">\(snippet)</h3></div></a><div class=\"ab\"><span>\(count(run))</span><span>12</span></div></div></article>"
  }.joined()
  return """
    <html lang="en"><head><title>Budget vote delayed | by Jane Doe | Town Notes | Medium</title>
    <meta property="og:title" content="Budget vote delayed"><meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2025-03-03T09:00:00.000Z"></head>
    <body><div id="root"><div class="a b c"><div class="l c">
    <div class="ab q"><a href="/" aria-label="Homepage">Medium</a><div class="ab"><a href="/new-story">Write</a><a href="/m/signin">Sign up</a><a href="/m/signin">Sign in</a></div></div>
    <article><div class="l"><div class="l"><section><div><div class="fr fs ft fu fv"><div class="ab ca"><div class="ch bg ex ey ez fa">
    <div><h1 id="t1" class="pw-post-title gv gw gx bf gy gz" data-testid="storyTitle" data-selectable-paragraph="">Budget vote delayed</h1></div>
    <div class="speechify-ignore ab cp"><div class="speechify-ignore bh l">
    <div class="hy ab"><p class="bf b">Member-only story</p></div>
    <div class="ab q"><a href="/@jane" data-testid="authorPhoto"><img alt="Jane Doe" src="/jane.jpg"></a>
    <div class="ab"><span><a data-testid="authorName" href="/@jane">Jane Doe</a></span><span>·</span><button class="bf b">Follow</button></div>
    <div class="ab"><span data-testid="storyReadTime">4 min read</span><span>·</span><span data-testid="storyPublishDate">Mar 3, 2025</span></div></div>
    <div class="ab q"><div class="pw-multi-vote-icon"><button data-testid="headerClapButton" aria-label="clap"></button></div>
    <div class="pw-multi-vote-count l"><p class="bf b"><button class="af">\(count(run))</button></p></div>
    <button aria-label="responses" class="af"><p class="bf b"><span class="pw-responses-count">\(count(run))</span></p></button>
    <button data-testid="headerBookmarkButton" aria-label="Add to list bookmark button"></button>
    <button data-testid="audioPlayButton"><p class="bf b">Listen</p></button>
    <button data-testid="headerSocialShareButton"><p class="bf b">Share</p></button></div>
    </div></div>
    <figure class="mr ms"><div><picture><img alt="" src="/council.jpg"></picture></div></figure>
    \(first)
    </div></div></div>
    \(second)
    </div></section></div></div>
    <div class="ab ca"><div class="ov ab"><a href="/tag/local-politics"><div class="ow">Local Politics</div></a></div>
    <div class="ab q"><div class="pw-multi-vote-count"><button>\(count(run))</button></div><button aria-label="responses"><span>\(count(run))</span></button></div></div>
    </article>
    <div class="ab ca"><div class="ch bg"><div class="pa ab"><a href="/@jane"><img alt="Jane Doe" src="/jane.jpg"></a></div>
    <div class="ab"><a href="/@jane"><h2 class="pw-author-name bf"><span>Written by Jane Doe</span></h2></a></div>
    <div class="ab"><span class="pw-follower-count bf"><a href="/@jane/followers">\(count(run)) Followers</a></span></div>
    <div class="pc"><p class="bf b">\(bio)</p></div><button class="bf b">Follow</button></div></div>
    <div class="ab ca"><h2 class="bf b">Responses (\(run))</h2>\(comments(run).map { "<div class=\"ps\"><pre class=\"pt\">\($0)</pre></div>" }.joined())</div>
    <div class="ab ca"><h2 class="bf b">More from Jane Doe</h2><div class="qu">\(cards)</div></div>
    <div class="ab ca"><h2 class="bf b">Recommended from Medium</h2><div class="qu">\(cards)</div></div>
    </div></div></div></body></html>
    """
}

/// Substack, 2024–2026: the header's `post-ufi` counts, the body's `available-content` with a
/// subscribe widget, Share and "Leave a comment" buttons, a captioned subscribe button and
/// footnotes (which are the post), then the footer's counts, the comments and more posts.
private let substack = PlatformPage(
  name: "Substack",
  page: { texts, run in
    let ufi = """
      <div class="post-ufi style-button"><div class="like-button-container post-ufi-button style-button">\
      <a role="button" class="post-ufi-button style-button has-label"><div class="label">\(count(run))</div></a></div>\
      <a role="button" href="/p/budget-vote-delayed/comments" class="post-ufi-button post-ufi-comment-button style-button has-label"><div class="label">\(count(run))</div></a>\
      <a role="button" class="post-ufi-button style-button has-label"><div class="label">\(count(run))</div></a>\
      <a role="button" class="post-ufi-button style-button no-label"><div class="label">Share</div></a></div>
      """
    let footnoted = texts.map { "<p>\($0)</p>" }
    let withAnchor =
      footnoted.first.map {
        $0.replacingOccurrences(
          of: "</p>",
          with:
            "<a class=\"footnote-anchor\" data-component-name=\"FootnoteAnchorToDOM\" id=\"footnote-anchor-1\" href=\"#footnote-1\" target=\"_self\">1</a></p>"
        )
      } ?? ""
    return """
      <html><head><title>Budget vote delayed - by Jane Doe - Town Notes</title>
      <meta property="og:title" content="Budget vote delayed"></head><body>
      <div id="main" class="main typography use-theme-bg"><div class="main-menu-content"><a href="/">Town Notes</a>\
      <button class="button primary">Subscribe</button><a href="/sign-in">Sign in</a></div>
      <div class="container"><div class="single-post-container"><div class="container"><div class="single-post">
      <div class="post typography"><div class="post-header"><h1 class="post-title published">Budget vote delayed</h1>
      <h3 class="subtitle">Three hours on the bridge</h3>
      <div class="post-meta"><div class="byline-wrapper"><a href="https://substack.com/@jane">Jane Doe</a><div class="post-date">Mar 03, 2025</div></div>
      \(ufi)</div></div>
      <div class="available-content"><div dir="auto" class="body markup">
      \(withAnchor)
      \(footnoted.dropFirst().prefix(1).joined())
      <div class="subscription-widget-wrap-editor" data-attrs="{}" data-component-name="SubscribeWidgetToDOM"><div class="subscription-widget show-subscribe">\
      <div class="preamble"><p class="cta-caption">Thanks for reading Town Notes! Subscribe for free to receive new posts and support my work.</p></div>\
      <form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…"><input type="submit" class="button primary" value="Subscribe"></form></div></div>
      \(footnoted.dropFirst(2).joined())
      <p class="button-wrapper" data-attrs="{}" data-component-name="ButtonCreateButton"><a class="button primary" href="/p/budget-vote-delayed?utm_source=substack&amp;action=share"><span>Share</span></a></p>
      <p class="button-wrapper" data-attrs="{}" data-component-name="ButtonCreateButton"><a class="button primary" href="/p/budget-vote-delayed/comments"><span>Leave a comment</span></a></p>
      <div class="captioned-button-wrap" data-attrs="{}" data-component-name="CaptionedButtonToDOM"><div class="preamble"><p class="cta-caption">Town Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p></div>\
      <p class="button-wrapper" data-attrs="{}" data-component-name="ButtonCreateButton"><a class="button primary" href="/subscribe"><span>Subscribe now</span></a></p></div>
      <div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content"><p>The minutes of the meeting were published two weeks later.</p></div></div>
      </div></div>
      <div class="visibility-check"></div>
      <div class="post-footer use-separators">\(ufi)</div>
      </div>
      <div class="post-end-cta-full"><h3>Subscribe to Town Notes</h3><p>Thanks for reading Town Notes! Subscribe for free to receive new posts and support my work.</p></div>
      <div id="discussion" class="comments-section"><h4>Discussion about this post</h4>\
      \(comments(run).map { "<div class=\"comment\"><div class=\"comment-body\"><p>\($0)</p></div><a>Reply</a></div>" }.joined())</div>
      <div class="more-posts"><h3>Ready for more?</h3>\(others(run).map { "<div class=\"post-preview\"><a class=\"post-preview-title\">\($0.title)</a><a class=\"post-preview-description\">\($0.snippet)</a></div>" }.joined())</div>
      </div></div></div></div></div></body></html>
      """
  }, extra: ["1", "The minutes of the meeting were published two weeks later."], anchor: "1")

/// Ghost, Casper 5 (the default theme): `gh-content` with the editor's cards. A signup card, a
/// call-to-action card and the members' paywall are chrome; a bookmark card is a link the
/// writer put in the post, and stays.
private let ghost = PlatformPage(
  name: "Ghost (Casper 5)",
  page: { texts, run in
    """
    <html><head><title>Budget vote delayed</title><meta property="og:title" content="Budget vote delayed"></head>
    <body class="post-template"><div class="viewport"><div class="site-content">
    <header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><a class="gh-head-logo" href="/">Town Notes</a>\
    <nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="/">Home</a></li></ul></nav>\
    <div class="gh-head-actions"><a class="gh-head-link" href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></div></header>
    <main id="site-main" class="site-main"><article class="article post tag-news">
    <header class="article-header gh-canvas"><section class="article-tag"><a href="/tag/news/">News</a></section>
    <h1 class="article-title">Budget vote delayed</h1>
    <div class="article-byline"><section class="article-byline-content"><ul class="author-list instapaper_ignore"><li class="author-list-item"><a href="/author/jane/" class="author-avatar"><img class="author-profile-image" src="/jane.jpg" alt="Jane Doe"></a></li></ul>\
    <div class="article-byline-meta"><h4 class="author-name"><a href="/author/jane/">Jane Doe</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="2025-03-03">Mar 3, 2025</time>\
    <span class="byline-reading-time"><span class="bull">&bull;</span> 4 min read</span> <span data-ghost-comment-count="67c5" data-ghost-comment-count-plural="comments">\(count(run)) comments</span></div></div></section></div>
    </header>
    <section class="gh-content gh-canvas">
    \(paragraphs(Array(texts.prefix(1))))
    <div class="kg-card kg-signup-card kg-width-regular" data-lexical-signup-form="" style="display:none"><div class="kg-signup-card-content"><div class="kg-signup-card-text">\
    <h2 class="kg-signup-card-heading">Sign up for Town Notes</h2><p class="kg-signup-card-subheading">News from the council chamber, the planning office and the high street, every Friday morning.</p>\
    <form class="kg-signup-card-form" data-members-form="signup"><div class="kg-signup-card-fields"><input class="kg-signup-card-input" type="email" placeholder="Your email"><button class="kg-signup-card-button"><span class="kg-signup-card-button-default">Subscribe</span></button></div>\
    <div class="kg-signup-card-success">Email sent! Check your inbox to complete your signup.</div></form><p class="kg-signup-card-disclaimer">No spam. Unsubscribe anytime.</p></div></div></div>
    \(paragraphs(Array(texts.dropFirst())))
    <figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://council.example/budget-2025"><div class="kg-bookmark-content"><div class="kg-bookmark-title">Budget 2025: the proposals</div>\
    <div class="kg-bookmark-description">The council's draft budget for the coming year.</div><div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="/icon.png" alt=""><span class="kg-bookmark-author">Town Council</span></div></div></a></figure>
    <div class="kg-card kg-cta-card kg-cta-bg-grey kg-cta-minimal" data-layout="minimal"><div class="kg-cta-sponsor-label-wrapper"><div class="kg-cta-sponsor-label"><span>Sponsored</span></div></div>\
    <div class="kg-cta-content"><div class="kg-cta-content-inner"><div class="kg-cta-text"><p>Get twenty percent off your first year of the Town Notes print edition, delivered every month to your door.</p></div><a href="/print" class="kg-cta-button">Learn more</a></div></div></div>
    <aside class="gh-post-upgrade-cta"><div class="gh-post-upgrade-cta-content"><h2>This post is for paying subscribers only</h2><a class="gh-btn" data-portal="signup" href="#/portal/signup">Subscribe now</a>\
    <p><small>Already have an account? <a data-portal="signin" href="#/portal/signin">Sign in</a></small></p></div></aside>
    </section></article>
    <section class="article-comments gh-canvas"><h2>\(count(run)) comments</h2>\(comments(run).map { "<div class=\"comment\"><p>\($0)</p></div>" }.joined())</section>
    </main>
    <aside class="read-more-wrap outer"><div class="read-more inner">\(others(run).map { "<article class=\"post-card post\"><a class=\"post-card-content-link\" href=\"/x/\"><header class=\"post-card-header\"><h2 class=\"post-card-title\">\($0.title)</h2></header><div class=\"post-card-excerpt\">\($0.snippet)</div></a></article>" }.joined())</div></aside>
    <footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">Town Notes</a> &copy; 2025</section></div></footer>
    </div></div></body></html>
    """
  },
  extra: ["Budget 2025: the proposals", "The council's draft budget for the coming year."])

/// WordPress block themes (Twenty Twenty-Four, Twenty Twenty-Five): `wp-block-post-content`,
/// then the post navigation, the comments block and a query loop of more posts.
private let wordPressBlocks = PlatformPage(name: "WordPress (Twenty Twenty-Five)") { texts, run in
  """
  <html><head><title>Budget vote delayed &#8211; Town Notes</title></head>
  <body class="post-template-default single single-post wp-embed-responsive"><div class="wp-site-blocks">
  <header class="wp-block-template-part"><div class="wp-block-group alignfull"><p class="wp-block-site-title"><a href="/">Town Notes</a></p>\
  <nav class="wp-block-navigation"><ul class="wp-block-navigation__container"><li class="wp-block-navigation-item"><a href="/about/">About</a></li></ul></nav></div></header>
  <main class="wp-block-group is-layout-flow wp-block-group-is-layout-flow"><div class="wp-block-group alignfull has-global-padding is-layout-constrained">
  <h1 class="wp-block-post-title">Budget vote delayed</h1>
  <div class="wp-block-group"><div class="wp-block-post-date"><time datetime="2025-03-03T09:00:00+00:00">March 3, 2025</time></div>\
  <div class="wp-block-post-author-name">by <a href="/author/jane/" class="wp-block-post-author-name__link">Jane Doe</a></div></div>
  <div class="entry-content alignfull wp-block-post-content has-global-padding is-layout-constrained wp-block-post-content-is-layout-constrained">
  \(paragraphs(texts))
  </div>
  <div class="wp-block-group"><div class="taxonomy-post_tag wp-block-post-terms"><a href="/tag/council/" rel="tag">council</a></div></div>
  <nav class="wp-block-group is-content-justification-space-between" aria-label="Post navigation">\
  <div class="post-navigation-link-previous wp-block-post-navigation-link"><span class="wp-block-post-navigation-link__arrow-previous" aria-hidden="true">←</span><a href="/older/" rel="prev">\(others(run)[0].title)</a></div>\
  <div class="post-navigation-link-next wp-block-post-navigation-link"><a href="/newer/" rel="next">\(others(run)[1].title)</a><span class="wp-block-post-navigation-link__arrow-next" aria-hidden="true">→</span></div></nav>
  <div class="wp-block-comments wp-block-comments-query-loop"><h2 class="wp-block-heading">Comments</h2>\
  <h3 id="comments" class="wp-block-comments-title">\(run) responses to &#8220;Budget vote delayed&#8221;</h3><ol class="wp-block-comment-template">\
  \(comments(run).map { "<li class=\"comment even depth-1\"><div class=\"wp-block-columns\"><div class=\"wp-block-column\"><div class=\"wp-block-comment-author-name\"><a href=\"/bob\">Bob</a></div><div class=\"wp-block-comment-date\"><time>March 4, 2025</time></div><div class=\"wp-block-comment-content\"><p>\($0)</p></div><div class=\"wp-block-comment-reply-link\"><a href=\"#respond\">Reply</a></div></div></div></li>" }.joined())</ol>\
  <div id="respond" class="comment-respond wp-block-post-comments-form"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p><p class="form-submit"><input type="submit" value="Post Comment"></p></form></div></div>
  </div>
  <div class="wp-block-group alignwide"><h2 class="wp-block-heading">More posts</h2><div class="wp-block-query"><ul class="wp-block-post-template">\
  \(others(run).map { "<li class=\"wp-block-post post type-post\"><div class=\"wp-block-group\"><h3 class=\"wp-block-post-title\"><a href=\"/x/\">\($0.title)</a></h3><div class=\"wp-block-post-excerpt\"><p class=\"wp-block-post-excerpt__excerpt\">\($0.snippet)</p></div><div class=\"wp-block-post-date\"><time>March 1, 2025</time></div></div></li>" }.joined())</ul></div></div>
  </main>
  <footer class="wp-block-template-part"><div class="wp-block-group"><p class="wp-block-site-tagline">\(bio)</p><p>Designed with <a href="https://wordpress.org">WordPress</a></p></div></footer>
  </div></body></html>
  """
}

/// Blogger, Contempo (the default since 2017; Soho and Emporio share its markup): the post body
/// and its footer's share buttons, the comments, the pager, and the "Popular posts" widget with
/// snippets in the sidebar.
private let blogger = PlatformPage(name: "Blogger (Contempo)") { texts, run in
  """
  <html><head><title>Town Notes: Budget vote delayed</title><meta content="Budget vote delayed" property="og:title"></head>
  <body class="version-1-3-3 variant-indie_light"><div class="page"><div class="page_body"><div class="centered">
  <header class="centered-top-container" role="banner"><div class="centered-top"><div class="blog-name container"><div class="section" id="header"><div class="widget Header" data-version="2" id="Header1"><div class="header-widget"><div><h1><a href="https://townnotes.blogspot.com/">Town Notes</a></h1></div><p>News from the town hall.</p></div></div></div></div></div></header>
  <main class="centered-bottom" id="main" role="main" tabindex="-1"><div class="main section" id="page_body" name="Page body"><div class="widget Blog" data-version="2" id="Blog1"><div class="blog-posts hfeed container">
  <article class="post-outer-container"><div class="post-outer"><div class="post">
  <a name="7312"></a><h3 class="post-title entry-title">Budget vote delayed</h3>
  <div class="post-header"><div class="post-header-line-1"><span class="byline post-timestamp"><a class="timestamp-link" href="/2025/03/budget.html" rel="bookmark" title="permanent link"><time class="published" datetime="2025-03-03T09:00:00-08:00" title="2025-03-03T09:00:00-08:00">March 03, 2025</time></a></span></div></div>
  <div class="post-body-container"><div class="post-body entry-content float-container" id="post-body-7312">\(paragraphs(texts))</div></div>
  <div class="post-bottom"><div class="post-footer float-container"><div class="post-footer-line post-footer-line-1"><span class="byline post-labels"><span class="byline-label">Labels:</span><a href="/search/label/council" rel="tag">council</a></span></div></div>
  <div class="post-share-buttons post-share-buttons-bottom invisible"><div class="byline post-share-buttons goog-inline-block"><div class="sharing" data-title="Budget vote delayed">\
  <button class="sharing-button touch-icon-button" title="Share"></button><div class="share-buttons-container"><ul class="share-buttons hidden" role="menu"><li><span class="sharing-platform-button sharing-element-facebook">Facebook</span></li><li><span class="sharing-platform-button sharing-element-email">Email</span></li><li class="share-button-link-text"><span class="sharing-platform-button sharing-element-other">Other Apps</span></li></ul></div></div></div></div></div>
  </div></div>
  <section class="comments threaded" data-embed="true" data-num-comments="\(run)" id="comments"><a name="comments"></a><h3 class="title">Comments</h3><div class="comments-content"><div id="comment-holder"><div class="comment-thread toplevel-thread"><ol id="top-ra">\
  \(comments(run).map { "<li class=\"comment\"><div class=\"comment-block\"><div class=\"comment-header\"><cite class=\"user\"><a href=\"/bob\">Bob</a></cite><span class=\"datetime secondary-text\"><a rel=\"nofollow\" href=\"#c1\">March 4, 2025 at 10:00 AM</a></span></div><p class=\"comment-content\">\($0)</p><span class=\"comment-actions secondary-text\"><a class=\"comment-reply\">Reply</a></span></div></li>" }.joined())</ol></div></div></div></section>
  </article></div>
  <div class="blog-pager container" id="blog-pager"><a class="blog-pager-newer-link flat-button ripple" href="/newer.html" title="Newer Post">Newer Post</a><a class="blog-pager-older-link flat-button ripple" href="/older.html" title="Older Post">Older Post</a><a class="home-link flat-button ripple" href="/">Home</a></div>
  </div>
  <div class="widget PopularPosts" data-version="2" id="PopularPosts1"><h3 class="title">Popular posts from this blog</h3><div class="widget-content"><div role="feed">\
  \(others(run).map { "<article class=\"post\" role=\"article\"><h3 class=\"post-title\"><a href=\"/x.html\">\($0.title)</a></h3><div class=\"post-header\"><div class=\"post-header-line-1\"><span class=\"byline post-timestamp\"><time class=\"published\">March 01, 2025</time></span></div></div><div class=\"item-content float-container\"><div class=\"popular-posts-snippet snippet-container r-snippet-container\"><div class=\"snippet-item r-snippetized\">\($0.snippet)</div></div><div class=\"jump-link flat-button ripple\"><a href=\"/x.html\">Read more</a></div></div></article>" }.joined())</div></div></div>
  </div></main></div></div>
  <aside class="sidebar-container container sidebar-invisible" role="complementary"><div class="sidebar_top_wrapper"><div class="sidebar_top section" id="sidebar_top"><div class="widget Profile" data-version="2" id="Profile1"><div class="wrapper"><h3 class="title">About Me</h3><div class="widget-content individual"><a href="/profile"><img class="profile-img" src="/jane.jpg" alt="My photo"></a><div class="profile-info"><dl class="profile-datablock"><dt class="profile-name"><a class="profile-link g-profile" href="/profile">Jane Doe</a></dt><dd class="profile-textblock">\(bio)</dd></dl></div></div></div></div></div></div></aside>
  </div></body></html>
  """
}

/// dev.to (Forem): `#article-body` in `crayons-article__body`; the reaction counts in the left
/// column, the author card and "More from" in the right one, the comments under the post.
private let devTo = PlatformPage(name: "dev.to") { texts, run in
  """
  <html><head><title>Budget vote delayed - DEV Community</title><meta property="og:title" content="Budget vote delayed"></head>
  <body class="default default-article-body"><header class="crayons-header"><a href="/" class="site-logo">DEV Community</a><a href="/enter" class="c-link">Log in</a><a href="/enter?state=new-user" class="c-cta">Create account</a></header>
  <div class="crayons-layout crayons-layout--3-cols crayons-layout--article">
  <aside class="crayons-layout__sidebar-left" aria-label="Article actions"><div class="crayons-article-actions print-hidden"><div class="crayons-article-actions__inner">\
  <button id="reaction-drawer-trigger" class="crayons-reaction"><span class="crayons-reaction__count" id="reaction_total_count">\(count(run))</span></button>\
  <button id="reaction-butt-comment" class="crayons-reaction"><span class="crayons-reaction__count" id="reaction-number-comment" data-count="\(run)">\(count(run))</span></button>\
  <button id="reaction-butt-readinglist" class="crayons-reaction"><span class="crayons-reaction__count" id="reaction-number-readinglist">\(count(run))</span></button></div></div></aside>
  <main id="main-content" class="crayons-layout__content grid gap-4"><div class="article-wrapper"><article class="crayons-card crayons-article mb-4" id="article-show-container" data-article-id="2291">
  <header class="crayons-article__header" id="main-title"><div class="crayons-article__header__meta"><div class="flex s:items-start flex-col s:flex-row"><div class="crayons-article__subheader"><a href="/jane" class="crayons-link fw-bold">Jane Doe</a> <span class="color-base-60">Posted on <time datetime="2025-03-03T09:00:00Z" class="date-no-year">Mar 3</time></span></div></div>\
  <div class="multiple_reactions_aggregate"><span class="multiple_reactions_engagement"><span class="aggregate_reactions_counter">\(count(run)) reactions</span></span></div>\
  <h1 class="fs-3xl m:fs-4xl l:fs-5xl fw-bold s:fw-heavy lh-tight mb-2 long">Budget vote delayed</h1><div class="spec__tags flex flex-wrap"><a class="crayons-tag crayons-tag--monochrome" href="/t/news"><span class="crayons-tag__prefix">#</span>news</a></div></div></header>
  <div class="crayons-article__main"><div class="crayons-article__body text-styles spec__body" data-article-id="2291" id="article-body">\(paragraphs(texts))</div></div>
  <section id="comments" data-follow-button-container="true" class="text-padding mb-4 crayons-card crayons-card--secondary comments"><header class="relative flex justify-between items-center mb-6"><h2 class="crayons-subtitle-1">Top comments (\(run))</h2></header>\
  \(comments(run).map { "<details class=\"comment-wrapper\" open><summary>Bob</summary><div class=\"comment__content crayons-card\"><div class=\"comment__body text-styles body\"><p>\($0)</p></div></div></details>" }.joined())</section>
  </article></div></main>
  <aside class="crayons-layout__sidebar-right" aria-label="Right sidebar navigation"><div class="crayons-article-sticky grid gap-4 break-word" id="article-show-primary-sticky-nav"><div class="crayons-card crayons-card--secondary branded-7 p-4 pt-0 gap-4 grid">\
  <div class="-mt-4"><a href="/jane" class="flex"><span class="crayons-avatar crayons-avatar--xl mr-2 shrink-0"><img src="/jane.png" class="crayons-avatar__image" alt=""></span><span class="crayons-link crayons-subtitle-1 mt-5">Jane Doe</span></a></div>\
  <div class="print-hidden"><button class="crayons-btn follow-action-button whitespace-nowrap follow-user w-100">Follow</button></div><div class="color-base-70">\(bio)</div></div>\
  <section class="crayons-card crayons-card--secondary"><header class="crayons-card__header"><h3 class="crayons-subtitle-1">More from <a href="/jane">Jane Doe</a></h3></header><div>\
  \(others(run).map { "<a href=\"/jane/x\" class=\"crayons-link crayons-link--contentful\">\($0.title)<div class=\"crayons-link__secondary\">\($0.snippet)</div></a>" }.joined())</div></section></div></aside>
  </div></body></html>
  """
}

/// WordPress.com (a Jetpack-powered classic theme): Jetpack's share and like blocks and "Related"
/// in `jp-post-flair`, the "Subscribe" block, and the sidebar's widgets.
private let wordPressCom = PlatformPage(name: "WordPress.com") { texts, run in
  """
  <html><head><title>Budget vote delayed &#8211; Town Notes</title></head>
  <body class="post-template-default single single-post"><div id="page" class="hfeed site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">Town Notes</a></p></header>
  <div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
  <article id="post-208" class="post-208 post type-post status-publish format-standard hentry category-news"><header class="entry-header"><h1 class="entry-title">Budget vote delayed</h1>\
  <div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="2025-03-03T09:00:00+00:00">March 3, 2025</time></span></div></header>
  <div class="entry-content">\(paragraphs(texts))
  <div class="wp-block-jetpack-subscriptions__container"><form class="wp-block-jetpack-subscriptions"><p id="subscribe-email"><input type="email" name="email" placeholder="Type your email…"></p><p id="subscribe-submit"><button type="submit">Subscribe</button></p></form></div>
  <div id="jp-post-flair" class="sharedaddy sd-like-enabled sd-sharing-enabled"><div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a class="share-twitter sd-button" href="?share=twitter"><span>Twitter</span></a></li><li class="share-facebook"><a class="share-facebook sd-button" href="?share=facebook"><span>Facebook</span></a></li></ul></div></div></div>\
  <div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-loaded" id="like-post-wrapper-1-208" data-name="like-post-frame-1-208"><h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div><span class="sd-text-color">\(count(run)) bloggers like this.</span></div>\
  <div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items jp-relatedposts-items-visual">\
  \(others(run).map { "<div class=\"jp-relatedposts-post\"><h4 class=\"jp-relatedposts-post-title\"><a class=\"jp-relatedposts-post-a\" href=\"/x/\">\($0.title)</a></h4><p class=\"jp-relatedposts-post-excerpt\">\($0.snippet)</p><p class=\"jp-relatedposts-post-context\">In \"News\"</p></div>" }.joined())</div></div></div>
  </div></article>
  <nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="/older/" rel="prev">Previous: \(others(run)[0].title)</a></div></div></nav>
  <div id="comments" class="comments-area"><h2 class="comments-title">\(run) thoughts on &ldquo;Budget vote delayed&rdquo;</h2><ol class="comment-list">\
  \(comments(run).map { "<li class=\"comment\"><article class=\"comment-body\"><div class=\"comment-content\"><p>\($0)</p></div><div class=\"reply\"><a class=\"comment-reply-link\">Reply</a></div></article></li>" }.joined())</ol></div>
  </main></div>
  <aside id="secondary" class="widget-area"><section id="text-2" class="widget widget_text"><h2 class="widget-title">About</h2><div class="textwidget"><p>\(bio)</p></div></section></aside>
  </div></div></body></html>
  """
}

/// Squarespace 7.1: `blog-item-content` of `sqs-block`s, among them a newsletter block; the
/// author's card, the comments and the item pagination after it.
private let squarespace = PlatformPage(name: "Squarespace 7.1") { texts, run in
  """
  <html><head><title>Budget vote delayed &mdash; Town Notes</title></head>
  <body class="collection-type-blog-basic-grid view-item"><header id="header" class="header theme-col--primary"><div class="header-title"><a href="/">Town Notes</a></div><nav class="header-nav-list"><a href="/blog">Blog</a></nav></header>
  <main id="page" class="container" role="main"><article class="sections" id="sections" data-page-sections="1"><section class="page-section content-collection full-bleed-section collection-type-blog-basic-grid"><div class="content-wrapper"><div class="content"><div class="blog-basic-grid collection-content-wrapper">
  <article class="entry h-entry hentry author-jane post-type-text"><div class="blog-item-wrapper"><div class="blog-item-top-wrapper"><div class="blog-item-title"><h1 class="entry-title entry-title--large p-name" data-content-field="title">Budget vote delayed</h1></div>\
  <div class="blog-item-meta-wrapper"><div class="blog-meta-section"><span class="blog-author">Jane Doe</span><time class="dt-published blog-meta-item blog-meta-item--date" datetime="2025-03-03">March 3, 2025</time></div></div></div>
  <div class="blog-item-content-wrapper" data-content-field="main-content"><div class="blog-item-content e-content"><div class="sqs-layout sqs-grid-12 columns-12" data-type="item"><div class="row sqs-row"><div class="col sqs-col-12 span-12">\
  <div class="sqs-block html-block sqs-block-html" data-block-type="2" id="block-a1"><div class="sqs-block-content"><div class="sqs-html-content">\(paragraphs(texts))</div></div></div>\
  <div class="sqs-block newsletter-block sqs-block-newsletter" data-block-type="51" id="block-a2"><div class="sqs-block-content"><div class="newsletter-form-wrapper newsletter-form-wrapper--layoutFloat"><form class="newsletter-form"><header class="newsletter-form-header"><h2 class="newsletter-form-header-title">Subscribe</h2>\
  <div class="newsletter-form-header-description"><p>Sign up with your email address to receive news and updates from the town hall, the planning office and the high street.</p></div></header>\
  <div class="newsletter-form-body"><input type="email" name="email" placeholder="Email Address"><button class="newsletter-form-button" type="submit"><span class="newsletter-form-button-label">Sign Up</span></button></div><div class="newsletter-form-footnote"><p>We respect your privacy.</p></div></form>\
  <div class="newsletter-form-submission-text" hidden>Thank you!</div></div></div></div>\
  </div></div></div></div></div>
  <div class="blog-item-author-profile-wrapper"><a class="author-avatar" href="/blog?author=jane"><img src="/jane.jpg" alt=""></a><div class="author-name">Jane Doe</div><div class="author-bio"><p>\(bio)</p></div></div>
  <div class="blog-item-comments"><div class="squarespace-comments"><h3>\(run) Comments</h3>\(comments(run).map { "<div class=\"comment\"><p>\($0)</p></div>" }.joined())</div></div>
  </div></article>
  <section class="item-pagination item-pagination--prev-next" data-item-pagination=""><a class="item-pagination-link item-pagination-link--prev" href="/blog/older"><div class="pagination-title-wrapper"><h2 class="item-pagination-title">\(others(run)[0].title)</h2></div></a>\
  <a class="item-pagination-link item-pagination-link--next" href="/blog/newer"><div class="pagination-title-wrapper"><h2 class="item-pagination-title">\(others(run)[1].title)</h2></div></a></section>
  </div></div></div></section></article></main>
  <footer class="sections" id="footer-sections"><section class="page-section"><div class="content"><p>\(bio)</p></div></section></footer></body></html>
  """
}

/// Wix Blog: `data-hook="post-description"` around the rich-content viewer, the post's
/// stats (views, comments, likes) in its footer, and "Recent Posts" with their own stats.
private let wix = PlatformPage(name: "Wix") { texts, run in
  """
  <html><head><title>Budget vote delayed</title><meta property="og:title" content="Budget vote delayed"></head>
  <body><div id="SITE_CONTAINER"><header id="SITE_HEADER"><a href="/">Town Notes</a><span>Log In</span></header><main id="PAGES_CONTAINER"><div id="SITE_PAGES">
  <div data-hook="post-page"><article data-hook="post"><div data-hook="post-header"><div><span data-hook="user-name">Jane Doe</span><span data-hook="time-ago">Mar 3, 2025</span><span data-hook="time-to-read">2 min read</span></div>\
  <h1 data-hook="post-title" class="blog-post-title-font">Budget vote delayed</h1></div>
  <div data-hook="post-description" class="vhnMv"><div data-id="content-viewer" class="rich-content-viewer"><div class="ricos-viewer"><div data-breakout="normal">\(paragraphs(texts, " dir=\"auto\""))</div></div></div></div>
  <div data-hook="post-footer"><div data-hook="post-main-actions-desktop"><div data-hook="tag-list"><a data-hook="tag-link" href="/blog/tags/council">council</a></div>\
  <div data-hook="post-social-actions"><button data-hook="share-button">Share</button></div></div>\
  <div data-hook="post-stats"><span data-hook="post-stats__views">\(count(run)) views</span><span data-hook="comment-count-compact">\(run) comments</span><button data-hook="like-button"><span data-hook="like-button-with-count__like-count">\(count(run))</span></button></div></div>
  </article>
  <div data-hook="recent-posts"><h2 data-hook="recent-posts__title">Recent Posts</h2><a data-hook="recent-posts__see-all" href="/blog">See All</a><div data-hook="post-list">\
  \(others(run).map { "<div data-hook=\"post-list-item\"><h3 data-hook=\"post-title\"><a href=\"/post/x\">\($0.title)</a></h3><div data-hook=\"post-description\"><p>\($0.snippet)</p></div><span data-hook=\"post-stats__views\">\(count(run)) views</span></div>" }.joined())</div></div>
  <div data-hook="comments-root"><h2>Comments</h2>\(comments(run).map { "<div data-hook=\"comment\"><p>\($0)</p></div>" }.joined())</div>
  </div></div></main><footer id="SITE_FOOTER"><p>\(bio)</p></footer></div></body></html>
  """
}

/// Hugo PaperMod: `post-content` after the post's header and table of contents, then the
/// footer's tags, neighbour posts and share buttons.
private let paperMod = PlatformPage(name: "Hugo (PaperMod)") { texts, run in
  """
  <html><head><title>Budget vote delayed | Town Notes</title></head><body class="" id="top">
  <header class="header"><nav class="nav"><div class="logo"><a href="/" accesskey="h">Town Notes</a></div><ul id="menu"><li><a href="/posts/"><span>Posts</span></a></li></ul></nav></header>
  <main class="main"><article class="post-single"><header class="post-header"><div class="breadcrumbs"><a href="/">Home</a>&nbsp;»&nbsp;<a href="/posts/">Posts</a></div>\
  <h1 class="post-title entry-hint-parent">Budget vote delayed</h1><div class="post-meta"><span title="2025-03-03 09:00:00 +0000 UTC">March 3, 2025</span>&nbsp;·&nbsp;1 min&nbsp;·&nbsp;Jane Doe</div></header>
  <div class="post-content">\(paragraphs(texts))</div>
  <footer class="post-footer"><ul class="post-tags"><li><a href="/tags/council/">Council</a></li></ul><nav class="paginav"><a class="prev" href="/posts/older/"><span class="title">« Prev</span><br><span>\(others(run)[0].title)</span></a>\
  <a class="next" href="/posts/newer/"><span class="title">Next »</span><br><span>\(others(run)[1].title)</span></a></nav>\
  <ul class="share-buttons"><li><a target="_blank" rel="noopener noreferrer" aria-label="share Budget vote delayed on x" href="https://x.com/intent/tweet/">x</a></li></ul></footer>
  </article></main>
  <footer class="footer"><span>&copy; 2025 <a href="/">Town Notes</a></span> · <span>Powered by <a href="https://gohugo.io/">Hugo</a> &amp; <a href="https://github.com/adityatelange/hugo-PaperMod/">PaperMod</a></span></footer></body></html>
  """
}

/// Jekyll's default theme, minima: `post-content e-content` with `itemprop="articleBody"`, a
/// Disqus thread after it.
private let minima = PlatformPage(name: "Jekyll (minima)") { texts, run in
  """
  <html lang="en"><head><title>Budget vote delayed | Town Notes</title></head><body>
  <header class="site-header" role="banner"><div class="wrapper"><a class="site-title" rel="author" href="/">Town Notes</a><nav class="site-nav"><div class="trigger"><a class="page-link" href="/about/">About</a></div></nav></div></header>
  <main class="page-content" aria-label="Content"><div class="wrapper"><article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
  <header class="post-header"><h1 class="post-title p-name" itemprop="name headline">Budget vote delayed</h1><p class="post-meta"><time class="dt-published" datetime="2025-03-03T09:00:00+00:00" itemprop="datePublished">Mar 3, 2025</time></p></header>
  <div class="post-content e-content" itemprop="articleBody">\(paragraphs(texts))</div>
  <div id="disqus_thread">\(comments(run).map { "<div class=\"post-comment\"><p>\($0)</p></div>" }.joined())</div>
  <a class="u-url" href="/2025/03/03/budget.html" hidden></a></article></div></main>
  <footer class="site-footer h-card"><div class="wrapper"><h2 class="footer-heading">Town Notes</h2><div class="footer-col-wrapper"><div class="footer-col"><p>\(bio)</p></div></div></div></footer>
  </body></html>
  """
}

/// Tumblr, a blog's own theme (the default theme's markup): the post's `body-text`, the notes
/// count and the notes list of likes and reblogs under it.
private let tumblr = PlatformPage(name: "Tumblr") { texts, run in
  """
  <html><head><title>Town Notes — Budget vote delayed</title></head><body>
  <header id="header"><h1 class="blog-title"><a href="/">Town Notes</a></h1><p class="blog-description">\(bio)</p></header>
  <section id="posts"><article class="text not-page post-7712 is-original"><div class="post-wrapper"><div class="post-content"><h2 class="title"><a href="/post/7712/budget">Budget vote delayed</a></h2>\
  <div class="body-text">\(paragraphs(texts))</div></div>
  <footer class="post-footer"><div class="post-meta"><a class="post-date" href="/post/7712/budget">March 3, 2025</a><a class="post-notes" href="/post/7712/budget#notes">\(count(run)) notes</a></div>\
  <div class="tags"><a href="/tagged/council">#council</a></div></footer>
  <section id="notes"><ol class="notes">\(others(run, 4).map { "<li class=\"note like tumblelog_reader without_commentary\"><span class=\"action\"><a class=\"tumblelog\" href=\"https://reader.tumblr.com/\">reader</a> likes this: \($0.title)</span></li>" }.joined())</ol></section>
  </div></article></section></body></html>
  """
}

/// Hashnode: the post's `#post-content-wrapper` (a `prose` block), its reaction and comment
/// counts, the author card and "More articles" after it.
private let hashnode = PlatformPage(name: "Hashnode") { texts, run in
  """
  <html><head><title>Budget vote delayed</title><meta property="og:title" content="Budget vote delayed"></head><body><div id="__next">
  <header class="blog-header"><a href="/" aria-label="Town Notes home">Town Notes</a><button>Subscribe</button></header>
  <main class="blog-post-area"><article><div class="blog-article-page"><div class="relative"><h1 class="font-heading text-3xl">Budget vote delayed</h1>\
  <div class="flex"><a href="https://hashnode.com/@jane">Jane Doe</a><span>·</span><span>Mar 3, 2025</span><span>·</span><span>2 min read</span></div></div>
  <div id="post-content-parent" class="relative mb-10"><div id="post-content-wrapper" class="prose prose-lg mx-auto mb-10 min-h-30 break-words dark:prose-dark">\(paragraphs(texts))</div></div>
  <div class="post-floating-bar"><button aria-label="Like"><span>\(count(run))</span></button><button aria-label="Comments"><span>\(run)</span></button><button aria-label="Share this article">Share</button></div>
  <div class="blog-author-container"><div class="blog-author-card"><a href="https://hashnode.com/@jane">Written by Jane Doe</a><div class="prose"><p>\(bio)</p></div><button>Follow</button></div></div>
  <div id="comments-list">\(comments(run).map { "<div class=\"comment\"><p>\($0)</p></div>" }.joined())</div>
  </div></article>
  <section class="blog-more-articles"><h2>More articles</h2>\(others(run).map { "<div class=\"blog-post-card\"><h3><a href=\"/x\">\($0.title)</a></h3><p>\($0.snippet)</p></div>" }.joined())</section>
  </main></div></body></html>
  """
}

/// Ghost's Source theme (the default since Ghost 5.7x): `gh-content is-body` after the
/// article header, the comments box, then "Read more" cards and the footer's signup blurb.
private let ghostSource = PlatformPage(name: "Ghost (Source)") { texts, run in
  """
  <html><head><title>Budget vote delayed</title></head><body class="post-template has-sans-title has-sans-body"><div class="gh-viewport">
  <header id="gh-navigation" class="gh-navigation is-left-logo gh-outer"><a class="gh-navigation-logo" href="/">Town Notes</a><div class="gh-navigation-actions"><a href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></header>
  <main class="gh-main"><article class="gh-article post tag-news"><header class="gh-article-header gh-canvas"><a class="gh-article-tag" href="/tag/news/">News</a><h1 class="gh-article-title is-title">Budget vote delayed</h1>  <div class="gh-article-meta"><div class="gh-article-author-image instapaper_ignore"><a href="/author/jane/"><img class="author-profile-image" src="/j.jpg" alt="Jane"></a></div><div class="gh-article-meta-wrapper"><h4 class="gh-article-author-name"><a href="/author/jane/">Jane Doe</a></h4>  <div class="gh-article-meta-content"><time class="gh-article-meta-date" datetime="2025-03-03">Mar 3, 2025</time><span class="gh-article-meta-length"><span class="bull">—</span> 1 min read</span></div></div></div></header>
  <section class="gh-content gh-canvas is-body">\(paragraphs(texts))</section></article>
  <div class="gh-comments gh-canvas"><div class="gh-comments-header"><h2 class="gh-comments-title">\(count(run)) comments</h2></div>\(comments(run).map { "<div class=\"gh-comment\"><p>\($0)</p></div>" }.joined())</div></main>
  <section class="gh-container is-grid gh-outer"><div class="gh-container-inner gh-inner"><h2 class="gh-container-title">Read more</h2><div class="gh-feed">\
  \(others(run).map { "<article class=\"gh-card post\"><a class=\"gh-card-link\" href=\"/x/\"><div class=\"gh-card-wrapper\"><h3 class=\"gh-card-title is-title\">\($0.title)</h3><p class=\"gh-card-excerpt is-body\">\($0.snippet)</p><footer class=\"gh-card-meta\"><time class=\"gh-card-date\">Mar 1, 2025</time></footer></div></a></article>" }.joined())</div></div></section>
  <footer class="gh-footer gh-outer"><div class="gh-footer-inner gh-inner"><div class="gh-footer-bar"><span class="gh-footer-logo is-title">Town Notes</span><div class="gh-footer-copyright">Powered by Ghost</div></div>\
  <section class="gh-footer-signup"><h2 class="gh-footer-signup-header is-title">Town Notes</h2><p class="gh-footer-signup-subhead is-body">\(bio)</p></section></div></footer></div></body></html>
  """
}

/// Hugo's Ananke theme: the body in a div of utility classes only
/// (`nested-copy-line-height lh-copy serif f4 …`), beside the contextual menu's "Related"
/// list in an `<aside>` inside the same `<article>`.
private let ananke = PlatformPage(name: "Hugo (Ananke)") { texts, run in
  """
  <html lang="en-us"><head><title>Budget vote delayed | Town Notes</title><meta property="og:title" content="Budget vote delayed"></head>
  <body class="ma0 avenir bg-near-white production"><header><div class="bg-black"><nav class="pv3 ph3 ph4-ns" role="navigation"><a href="/" class="f3 fw2 hover-white no-underline white-90 dib">Town Notes</a></nav></div></header>
  <main class="pb7" role="main"><article class="flex-l flex-wrap justify-between mw8 center ph3">
  <header class="mt4 w-100"><aside class="instapaper_ignoref b helvetica tracked ttu">Posts</aside><div id="sharing" class="mt3 ananke-socials"><a href="https://x.com/share" class="ananke-social-link no-underline" aria-label="share on X">X</a></div>\
  <h1 class="f1 athelas mt3 mb1">Budget vote delayed</h1><time class="f6 mv4 dib tracked" datetime="2025-03-03T09:00:00Z">March 3, 2025</time></header>
  <div class="nested-copy-line-height lh-copy serif f4 nested-links mid-gray pr4-l w-two-thirds-l">\(paragraphs(texts))<div class="mt6 instapaper_ignoref"></div></div>
  <aside class="w-30-l mt6-l"><div class="bg-light-gray pa3 nested-list-reset nested-copy-line-height nested-links"><p class="f5 b mb3">Related</p><ul class="pa0 list">\
  \(others(run, 4).map { "<li class=\"mb2\"><a href=\"/posts/x/\">\($0.title)</a></li>" }.joined())</ul></div></aside>
  </article></main><footer class="bg-black bottom-0 w-100 pa3" role="contentinfo"><a class="f4 fw4 hover-white no-underline white-70" href="/">&copy; Town Notes 2025</a></footer></body></html>
  """
}

private let platforms = [
  medium, substack, ghost, ghostSource, wordPressBlocks, blogger, devTo, wordPressCom,
  squarespace, wix, paperMod, minima, ananke, tumblr, hashnode,
]

/// A Medium post's body: a heading, a list, a quote and code between the paragraphs, each of
/// them in the column the paragraphs' holder is.
private let mediumBody = """
  <h2 class="pw-subtitle-paragraph gq" data-selectable-paragraph="">Three hours on the bridge</h2>
  <div class="speechify-ignore ab cp"><div class="speechify-ignore bh l"><a data-testid="authorName" href="/@jane">Jane Doe</a><button>Follow</button><button>1.2K</button><p>Listen</p><p>Share</p></div></div>
  <p class="pw-post-body-paragraph ml mm" data-selectable-paragraph="">\(post[0])</p>
  <h2 id="a1" class="nh ni gu bf nj" data-selectable-paragraph="">What the members said</h2>
  <ul class=""><li class="pw-post-body-paragraph ml mm nu nv bk" data-selectable-paragraph="">The bridge costs too much.</li><li class="pw-post-body-paragraph ml mm nu nv bk" data-selectable-paragraph="">The roads come first.</li></ul>
  <blockquote class="oa ob"><p class="pw-post-body-paragraph ml mm od" data-selectable-paragraph="">We will vote in spring, said the mayor.</p></blockquote>
  <pre class="of og"><span class="oh b" data-selectable-paragraph="">vote = later</span></pre>
  """

private func article(_ html: String) throws -> Article {
  try extractArticle(from: parseHTML(Array(html.utf8))).article
}

@Suite("Each platform's current post page: the post, its chrome out, the same on every check")
struct PlatformMarkupTests {
  @Test("the article is the post, with none of the chrome around it", arguments: platforms)
  func postOnly(platform: PlatformPage) throws {
    for texts in [post, [post[0]]] {
      let result = try article(platform.page(texts, 1))
      let blocks = result.blocks.map(\.text)
      let expected = [texts[0] + platform.anchor] + texts.dropFirst() + platform.extra
      #expect(blocks == expected, "\(platform.name), \(texts.count) paragraphs")
      let text = blocks.joined(separator: "\n")
      for word in chromeWords where text.contains(word) {
        Issue.record("\(platform.name): chrome '\(word)' in the article")
      }
    }
  }

  @Test(
    "the counts grow, the lists rotate, comments come: the same article", arguments: platforms)
  func immunity(platform: PlatformPage) throws {
    for texts in [post, [post[0]]] {
      let first = try article(platform.page(texts, 0))
      for run in 1...3 {
        let later = try article(platform.page(texts, run))
        #expect(later == first, "\(platform.name), run \(run), \(texts.count) paragraphs")
      }
    }
  }

  @Test(
    "Medium: the headings, lists, quotes and code around the paragraphs are the post; the title is pw-post-title's"
  )
  func mediumBlocks() throws {
    // No `og:title`: the `<title>` names the writer and the site after the title.
    let html = """
      <html><head><title>Budget vote delayed | by Jane Doe | Town Notes | Medium</title></head><body><div id="root"><article><section><div class="ab ca"><div class="ch bg">
      <h1 class="pw-post-title gv" data-testid="storyTitle">Budget vote delayed</h1>
      \(mediumBody)
      </div></div></section></article><div class="ab ca"><h2>Written by Jane Doe</h2><p>\(bio)</p></div></div></body></html>
      """
    let result = try article(html)
    #expect(result.title == "Budget vote delayed")
    let blocks = result.blocks
    #expect(
      blocks == [
        Block(.heading(level: 2), "Three hours on the bridge"), Block(.paragraph, post[0]),
        Block(.heading(level: 2), "What the members said"),
        Block(.listItem, "The bridge costs too much."), Block(.listItem, "The roads come first."),
        Block(.quote, "We will vote in spring, said the mayor."), Block(.code, "vote = later"),
      ])
  }

  /// A short match of a platform pattern under the headline is the post only when it holds a
  /// paragraph and its parent holds no far longer prose beside it: these hold a byline or a
  /// date line, and the story is beside them.
  @Test(
    "a short platform match under the headline that is a byline or date box is not the post",
    arguments: [
      // The box under the title (a section and a reading time) is named like a post body;
      // the story is after it.
      """
      <header><h1>Budget vote delayed</h1><div class="post-content"><span class="cat">Local \
      politics</span> <span class="x">Four minutes to read and two to forget</span></div>\
      </header><div class="story">\(paragraphs(post))</div>
      """,
      // A news theme's `article-body` holds only the date line (a paragraph here), the
      // story's paragraphs follow it in the same column.
      """
      <h1>Budget vote delayed</h1><div class="content-wrap"><div class="article-body">
      <p class="pub-date">Published March 3, 2025</p></div>\(paragraphs(post))</div>
      """,
      // A standfirst under the title in the header, named like a body, with a paragraph; the
      // story follows the header (review21: the standfirst was the whole article).
      """
      <header class="article-header"><h1>Budget vote delayed</h1><div class="article-body">\
      <p>The bridge vote waits for spring.</p></div></header><div class="story">\(paragraphs(post))</div>
      """,
      // The standfirst one box further down in the header.
      """
      <header class="article-header"><h1>Budget vote delayed</h1><div class="dek"><div \
      class="article-body"><p>The bridge vote waits for spring.</p></div></div></header>\
      <div class="story">\(paragraphs(post))</div>
      """,
      // A key-points box in the title's block; the story's paragraphs follow the block.
      """
      <div class="head"><h1>Budget vote delayed</h1><div class="entry-body"><p>Key points: the \
      vote waits, the bridge costs.</p></div></div>\(paragraphs(post))
      """,
    ])
  func shortBoxUnderHeadline(markup: String) throws {
    let html = """
      <html><head><title>Budget vote delayed</title></head><body><main><article>\(markup)</article></main>
      <aside class="widget"><p>\(bio)</p></aside></body></html>
      """
    let texts = try article(html).blocks.map(\.text)
    #expect(texts.suffix(post.count) == post[...], "\(texts)")
  }

  @Test("a summary under the headline in the body's class does not replace the post")
  func summaryUnderHeadline() throws {
    let html = """
      <html><head><title>Budget vote delayed</title></head><body><div class="hero"><h1>Budget \
      vote delayed</h1><div class="post-content"><p>The bridge vote waits for spring: what the \
      council decided on Tuesday night.</p></div></div><div class="columns"><div class="main">\
      <div class="post-content">\(paragraphs(post))</div></div></div></body></html>
      """
    #expect(try article(html).blocks.map(\.text).suffix(post.count) == post[...])
  }

  /// Speechify's publisher integration lets any site mark what its text-to-speech skips
  /// (`speechify-ignore`): a site may mark its code, tables and footnotes, which are the post.
  /// Only a box holding no block of the post's own (a byline with its counts and buttons) is
  /// chrome for it (review21: the code, the table and the footnote were dropped).
  @Test("speechify-ignore on the post's code, table and footnotes keeps them")
  func speechifyIgnoreContent() throws {
    let html = """
      <html><head><title>Budget vote delayed</title></head><body><main><article>\
      <h1>Budget vote delayed</h1><div class="entry-content"><p>\(post[0])</p>\
      <pre class="speechify-ignore"><code>vote = later(spring)</code></pre><p>\(post[1])</p>\
      <table class="speechify-ignore"><tr><td>Bridge</td><td>4 million</td></tr></table>\
      <div class="footnotes speechify-ignore"><ol><li>The minutes came out on Friday, three \
      days late as usual.</li></ol></div><div class="speechify-ignore"><span>4 min read</span>\
      <button>Listen</button><button>\(count(1))</button></div></div></article></main></body></html>
      """
    let texts = try article(html).blocks.map(\.text)
    #expect(
      texts == [
        post[0], "vote = later(spring)", post[1], "Bridge | 4 million",
        "The minutes came out on Friday, three days late as usual.",
      ])
  }

  /// Paragraphs of the class outside the post's `<article>` (a response written in the same
  /// editor) do not make the holder the whole column, with the bio card and its counts.
  @Test("Medium: a response's pw-post-body-paragraph does not widen the post")
  func mediumResponseParagraph() throws {
    let html = """
      <html><head><title>Budget vote delayed</title></head><body><div id="root"><div class="col">\
      <article><section><div class="ab ca"><div class="ch bg"><h1 class="pw-post-title">Budget \
      vote delayed</h1>\(paragraphs(post, " class=\"pw-post-body-paragraph ml\""))</div></div>\
      </section></article><div class="ab"><h2>Written by Jane Doe</h2><p>\(bio)</p>\
      <span>\(count(1)) Followers</span></div><div class="ab"><h2>Responses (1)</h2><div class="r">\
      <p class="pw-post-body-paragraph ml">\(comments(1)[0])</p></div></div></div></div></body></html>
      """
    #expect(try article(html).blocks.map(\.text) == post)
  }

  /// Of several matches of one pattern, the one under the headline is the post only when the
  /// others are teasers: each under a title of its own that is a link to another post, and it
  /// under no such title itself (review21: a post's later sections, each in `post-content`
  /// after a plain `<h2>`, were dropped; an archive page became its featured excerpt). With
  /// short sections, the introduction under the title was the one (short) match.
  @Test(
    "several matches: a post's sections after their own headings stay, an archive stays a listing",
    arguments: [(false, false), (true, false), (false, true)])
  func severalMatches(archive: Bool, short: Bool) throws {
    let texts =
      short ? post : post.map { $0 + " The minutes, out on Friday, say so in as many words." }
    let markup =
      archive
      ? """
      <div class="top"><h1>Archive: Council</h1><div class="featured"><h2><a href="/a">Budget \
      vote delayed</a></h2><div class="post-content"><p>\(texts[0])</p></div></div></div><div \
      class="grid"><div class="card"><h2><a href="/b">The bridge</a></h2><div \
      class="post-content"><p>\(texts[1])</p></div></div><div class="card"><h2><a href="/m">The \
      mayor</a></h2><div class="post-content"><p>\(texts[2])</p></div></div></div>
      """
      : """
      <div class="intro"><h1>Budget vote delayed</h1><div class="post-content"><p>\(texts[0])</p>\
      </div></div><div class="body"><section><h2>The bridge</h2><div class="post-content"><p>\
      \(texts[1])</p></div></section><section><h2>The mayor</h2><div class="post-content"><p>\
      \(texts[2])</p></div></section></div>
      """
    let html = """
      <html><head><title>Budget vote delayed</title></head><body><div class="page">\(markup)</div></body></html>
      """
    let found = try article(html).blocks.map(\.text)
    for paragraph in texts { #expect(found.contains(paragraph), "\(found)") }
  }

  @Test("an edit of the post is seen", arguments: platforms)
  func edit(platform: PlatformPage) throws {
    let before = try article(platform.page(post, 0))
    let edited = [post[0], post[1].replacingOccurrences(of: "three hours", with: "four hours")]
    let after = try article(platform.page(edited + [post[2]], 1))
    #expect(after.blocks != before.blocks, "\(platform.name)")
    #expect(after.blocks.map(\.text).contains(edited[1]), "\(platform.name)")
  }
}
