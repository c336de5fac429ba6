import Foundation

/// Pages of two blogs as their platforms write them, for the two-week cron scenario: a Blogger
/// blog on the Simple theme (post in `div.post-body.entry-content`, sidebar with Popular Posts,
/// Blog Archive, Stats and Profile) and a WordPress blog on Twenty Twenty-One with Jetpack
/// (sharing, likes and Related Posts inside `.entry-content`), comments and nonces. Everything
/// but the post itself changes from run to run, as it does on real blogs.
enum CronScenarioPages {
  /// What a post says at one moment.
  struct Post: Sendable {
    var title: String
    var paragraphs: [String]
    /// Links in the first paragraph: (words, target).
    var links: [(String, String)] = []
  }

  /// Prose for sidebars, teasers and comments: long, link-free sentences, so that the chrome
  /// holds far more prose than a short post.
  static let filler = [
    "The negotiations in the capital dragged on through the week as delegations argued over the composition of the new council and the timetable for elections.",
    "Observers noted that the militias controlling the coastal road had little interest in any settlement that would reduce their share of the oil revenue.",
    "A long analysis of the history of the eastern region, its tribes and its grievances, written over many evenings and revised after readers' comments.",
    "Why the central bank matters more than the parliament, and what the quarrel over its governor tells us about the balance of power in the country.",
    "Notes from a conversation with a retired diplomat who served in the region for two decades and remains sceptical of every plan put forward so far.",
    "The price of bread has doubled in six months, and families in the southern towns describe queues that begin before dawn and last until noon.",
  ]

  static func rotated<T>(_ items: [T], by run: Int) -> [T] {
    guard !items.isEmpty else { return items }
    let shift = run % items.count
    return Array(items[shift...] + items[..<shift])
  }

  static func bodyHTML(_ post: Post, separator: String) -> String {
    var paragraphs = post.paragraphs
    if !post.links.isEmpty, !paragraphs.isEmpty {
      paragraphs[0] +=
        " See " + post.links.map { "<a href=\"\($0.1)\">\($0.0)</a>" }.joined(separator: " and ")
        + "."
    }
    return paragraphs.joined(separator: separator)
  }

  /// A Blogger post page on the Simple theme at one run.
  static func blogger(_ post: Post, id: Int, run: Int, base: String) -> String {
    let popular = rotated(Array(filler.enumerated()), by: run).prefix(4).map { index, text in
      """
      <li><div class='item-content'><div class='item-title'><a href='\(base)/2016/0\(index % 9 + 1)/older-\(index).html'>Older post number \(index)</a></div>
      <div class='item-snippet'>\(text)</div></div><div style='clear: both;'></div></li>
      """
    }.joined(separator: "\n")
    let comments = run % 5 == 0 ? "No comments:" : "\(run % 5) comments:"
    let commentBlock = (0..<(run % 5)).map { number in
      """
      <dt class='comment-author' id='c\(number)'><a name='c\(number)'></a>Reader \(number) said...</dt>
      <dd class='comment-body' id='Blog1_cmt-\(number)'><p>\(filler[(number + run) % filler.count])</p></dd>
      <dd class='comment-footer'><span class='comment-timestamp'><a href='\(base)/p\(id).html?showComment=\(1_467_000_000 + run)#c\(number)' title='comment permalink'>July \(3 + number), 2016 at 9:0\(number) AM</a></span></dd>
      """
    }.joined(separator: "\n")
    return """
      <!DOCTYPE html>
      <html class='v2' dir='ltr' lang='en' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'>
      <head>
      <meta content='width=1100' name='viewport'/>
      <meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
      <meta content='blogger' name='generator'/>
      <link href='\(base)/p\(id).html' rel='canonical'/>
      <title>Libya Notes: \(post.title)</title>
      <meta content='\(post.title)' property='og:title'/>
      <meta content='\(base)/p\(id).html' property='og:url'/>
      <script type="text/javascript">var BLOG_token = '\(String(run * 7919, radix: 16))';</script>
      </head>
      <body class='loading'>
      <div class='content'><div class='content-outer'><div class='content-inner'>
      <header><div class='header-outer'><div class='section' id='header'><div class='widget Header' id='Header1'>
      <div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='\(base)/'>Libya Notes</a></h1></div>
      <div class='descriptionwrapper'><p class='description'><span>Comments on events in Libya, week by week.</span></p></div></div>
      </div></div></div></header>
      <div class='main-outer'><div class='region-inner main-inner'><div class='columns fauxcolumns'><div class='columns-inner'>
      <div class='column-center-outer'><div class='column-center-inner'>
      <div class='main section' id='main'><div class='widget Blog' data-version='1' id='Blog1'>
      <div class='blog-posts hfeed'>
      <div class='date-outer'>
      <h2 class='date-header'><span>Saturday, July 2, 2016</span></h2>
      <div class='date-posts'><div class='post-outer'>
      <div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
      <a name='\(9000 + id)'></a>
      <h3 class='post-title entry-title' itemprop='name'>\(post.title)</h3>
      <div class='post-header'><div class='post-header-line-1'></div></div>
      <div class='post-body entry-content' id='post-body-\(9000 + id)' itemprop='description articleBody'>
      \(bodyHTML(post, separator: "<br /><br />"))
      <div style='clear: both;'></div>
      </div>
      <div class='post-footer'>
      <div class='post-footer-line post-footer-line-1'>
      <span class='post-author vcard'>Posted by <span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'><a class='g-profile' href='https://www.blogger.com/profile/1' rel='author' title='author profile'><span itemprop='name'>Ken Hanly</span></a></span></span>
      <span class='post-timestamp'>at <a class='timestamp-link' href='\(base)/p\(id).html' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='2016-07-02T08:53:00-07:00'>8:53 AM</abbr></a></span>
      <span class='post-comment-link'></span>
      <div class='post-share-buttons goog-inline-block'>
      <a class='goog-inline-block share-button sb-email' href='https://www.blogger.com/share-post.g?blogID=1&amp;postID=\(id)&amp;target=email' target='_blank' title='Email This'><span class='share-button-link-text'>Email This</span></a><a class='goog-inline-block share-button sb-blog' href='https://www.blogger.com/share-post.g?blogID=1&amp;postID=\(id)&amp;target=blog' target='_blank' title='BlogThis!'><span class='share-button-link-text'>BlogThis!</span></a><a class='goog-inline-block share-button sb-twitter' href='https://www.blogger.com/share-post.g?blogID=1&amp;postID=\(id)&amp;target=twitter' target='_blank' title='Share to Twitter'><span class='share-button-link-text'>Share to Twitter</span></a>
      </div>
      </div>
      <div class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: <a href='\(base)/search/label/Haftar' rel='tag'>Haftar</a>, <a href='\(base)/search/label/Russia' rel='tag'>Russia</a></span></div>
      <div class='post-footer-line post-footer-line-3'><span class='reaction-buttons'><iframe allowtransparency='true' class='reactions-iframe' frameborder='0' name='reactions' scrolling='no' src='https://www.blogger.com/navbar.g?reactions=\(run)'></iframe></span></div>
      </div>
      </div>
      <div class='comments' id='comments'>
      <a name='comments'></a>
      <h4>\(comments)</h4>
      <div id='Blog1_comments-block-wrapper'><dl class='avatar-comment-indent' id='comments-block'>
      \(commentBlock)
      </dl></div>
      <p class='comment-footer'><a href='https://www.blogger.com/comment.g?blogID=1&amp;postID=\(id)' onclick=''>Post a Comment</a></p>
      </div>
      </div></div></div>
      </div>
      <div class='blog-pager' id='blog-pager'>
      <span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='\(base)/p\(id + 1).html' id='Blog1_blog-pager-newer-link' title='Newer Post'>Newer Post</a></span>
      <span id='blog-pager-older-link'><a class='blog-pager-older-link' href='\(base)/p\(id - 1).html' id='Blog1_blog-pager-older-link' title='Older Post'>Older Post</a></span>
      <a class='home-link' href='\(base)/'>Home</a>
      </div>
      <div class='clear'></div>
      <div class='post-feeds'><div class='feed-links'>Subscribe to: <a class='feed-link' href='\(base)/feeds/\(id)/comments/default' target='_blank' type='application/atom+xml'>Post Comments (Atom)</a></div></div>
      </div></div>
      </div></div>
      <div class='column-right-outer'><div class='column-right-inner'>
      <div class='sidebar section' id='sidebar-right-1'>
      <div class='widget PopularPosts' data-version='1' id='PopularPosts1'>
      <h2>Popular Posts</h2>
      <div class='widget-content popular-posts'><ul>
      \(popular)
      </ul><div class='clear'></div></div>
      </div>
      <div class='widget BlogArchive' data-version='1' id='BlogArchive1'>
      <h2>Blog Archive</h2>
      <div class='widget-content'><div id='ArchiveList'><div id='BlogArchive1_ArchiveList'>
      <ul class='hierarchy'><li class='archivedate expanded'>
      <a class='toggle' href='javascript:void(0)'><span class='zippy toggle-open'>&#9660;&#160;</span></a>
      <a class='post-count-link' href='\(base)/2016/'>2016</a> <span class='post-count' dir='ltr'>(\(1120 + run / 4))</span>
      <ul class='hierarchy'><li class='archivedate expanded'><a class='post-count-link' href='\(base)/2016/07/'>July</a> <span class='post-count' dir='ltr'>(\(12 + run / 4))</span></li></ul>
      </li></ul>
      </div></div><div class='clear'></div></div>
      </div>
      <div class='widget Stats' data-version='1' id='Stats1'>
      <h2>Total Pageviews</h2>
      <div class='widget-content'><div id='Stats1_content'>
      <span class='counter-wrapper text-counter-wrapper' id='Stats1_totalCount'>\(2_345_678 + run * 137)</span>
      <div class='clear'></div></div></div>
      </div>
      <div class='widget Profile' data-version='1' id='Profile1'>
      <h2>About Me</h2>
      <div class='widget-content'>
      <dl class='profile-datablock'>
      <dt class='profile-data'><a class='profile-name-link g-profile' href='https://www.blogger.com/profile/1' rel='author'>Ken Hanly</a></dt>
      <dd class='profile-textblock'>I am a retired teacher of philosophy who has followed the politics of North Africa for many years. This blog collects news, translations and my own commentary on the conflict in Libya, with links to the sources I read every day. Comments are welcome, and I try to answer each one, though not always quickly.</dd>
      </dl>
      <a class='profile-link' href='https://www.blogger.com/profile/1' rel='author'>View my complete profile</a>
      <div class='clear'></div>
      </div>
      </div>
      </div>
      </div></div>
      </div></div></div></div>
      <footer><div class='footer-outer'><div class='section' id='footer-3'><div class='widget Attribution' id='Attribution1'><div class='widget-content' style='text-align: center;'>Simple theme. Powered by <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></div></footer>
      </div></div></div>
      </body></html>
      """
  }

  /// A WordPress post page on Twenty Twenty-One with Jetpack at one run.
  static func wordpress(_ post: Post, id: Int, run: Int, base: String) -> String {
    let related = rotated(Array(filler.enumerated()), by: run + id).prefix(3).enumerated().map {
      position, item in
      """
      <div class="jp-relatedposts-post jp-relatedposts-post\(position) jp-relatedposts-post-thumbs" data-post-id="\(400 + item.offset)" data-post-format="false">
      <a class="jp-relatedposts-post-a" href="\(base)/2016/06/related-\(item.offset)/" title="Related post \(item.offset)" rel="nofollow" data-origin="\(id)" data-position="\(position)"><img class="jp-relatedposts-post-img" src="\(base)/wp-content/uploads/\(item.offset).jpg" width="350" alt="" /></a>
      <h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="\(base)/2016/06/related-\(item.offset)/" rel="nofollow" data-origin="\(id)" data-position="\(position)">Related post \(item.offset)</a></h4>
      <p class="jp-relatedposts-post-excerpt">\(item.element)</p>
      <p class="jp-relatedposts-post-date">June \(item.offset + 3), 2016</p>
      <p class="jp-relatedposts-post-context">In &quot;Notes&quot;</p>
      </div>
      """
    }.joined(separator: "\n")
    let comments = (0..<(run % 4)).map { number in
      """
      <li id="comment-\(number)" class="comment even thread-even depth-1"><article id="div-comment-\(number)" class="comment-body">
      <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader \(number)</b> <span class="says">says:</span></div>
      <div class="comment-metadata"><a href="\(base)/p\(id)/#comment-\(number)"><time datetime="2016-07-0\(number + 3)T09:00:00+00:00">July \(number + 3), 2016 at 9:00 am</time></a></div></footer>
      <div class="comment-content"><p>\(filler[(number + run) % filler.count])</p></div>
      <div class="reply"><a rel="nofollow" class="comment-reply-link" href="\(base)/p\(id)/?replytocom=\(number)#respond">Reply</a></div>
      </article></li>
      """
    }.joined(separator: "\n")
    let nonce = String(run * 104_729 + id, radix: 16)
    return """
      <!doctype html>
      <html lang="en-US" class="no-js">
      <head>
      <meta charset="UTF-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>\(post.title) &#8211; Field Notes</title>
      <meta name="generator" content="WordPress 6.4.2" />
      <link rel="canonical" href="\(base)/p\(id)/" />
      <meta property="og:title" content="\(post.title)" />
      <meta property="article:published_time" content="2016-07-02T08:53:00+00:00" />
      <link rel='stylesheet' id='twenty-twenty-one-style-css' href='\(base)/wp-content/themes/twentytwentyone/style.css?ver=\(run % 3 == 0 ? "2.1" : "2.0")' media='all' />
      <script id="jetpack-data">var jpData = {"nonce":"\(nonce)","post_id":\(id)};</script>
      </head>
      <body class="post-template-default single single-post postid-\(id) single-format-standard wp-embed-responsive is-light-theme no-js singular has-main-navigation">
      <div id="page" class="site">
      <a class="skip-link screen-reader-text" href="#content">Skip to content</a>
      <header id="masthead" class="site-header has-title-and-tagline has-menu" role="banner">
      <div class="site-branding"><p class="site-title"><a href="\(base)/" rel="home">Field Notes</a></p><p class="site-description">Notes from the field</p></div>
      <nav id="site-navigation" class="primary-navigation" role="navigation" aria-label="Primary menu">
      <div class="menu-button-container"><button id="primary-mobile-menu" class="button" aria-controls="primary-menu-list" aria-expanded="false"><span class="dropdown-icon open">Menu</span></button></div>
      <div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper"><li class="menu-item"><a href="\(base)/about/">About</a></li><li class="menu-item"><a href="\(base)/archive/">Archive</a></li></ul></div>
      </nav>
      </header>
      <div id="content" class="site-content">
      <div id="primary" class="content-area">
      <main id="main" class="site-main">
      <article id="post-\(id)" class="post-\(id) post type-post status-publish format-standard hentry category-notes entry">
      <header class="entry-header alignwide"><h1 class="entry-title">\(post.title)</h1></header>
      <div class="entry-content">
      <p>\(bodyHTML(post, separator: "</p>\n<p>"))</p>
      <div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>
      <li class="share-twitter"><a rel="nofollow noopener noreferrer" data-shared="sharing-twitter-\(id)" class="share-twitter sd-button share-icon" href="\(base)/p\(id)/?share=twitter" target="_blank" title="Click to share on Twitter"><span>Twitter</span></a></li>
      <li class="share-facebook"><a rel="nofollow noopener noreferrer" data-shared="sharing-facebook-\(id)" class="share-facebook sd-button share-icon" href="\(base)/p\(id)/?share=facebook" target="_blank" title="Click to share on Facebook"><span>Facebook</span></a></li>
      <li class="share-end"></li></ul></div></div></div>
      <div class='sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded' id='like-post-wrapper-1-\(id)-\(nonce)' data-src='https://widgets.wp.com/likes/#blog_id=1&amp;post_id=\(id)&amp;obj_id=1-\(id)-\(nonce)' data-name='like-post-frame-1-\(id)-\(nonce)' data-title='Like or Reblog'><h3 class="sd-title">Like this:</h3><div class='likes-widget-placeholder post-likes-widget-placeholder' style='height: 55px;'><span class='button'><span>Like</span></span> <span class="loading">Loading...</span></div><span class='sd-text-color'></span><a class='sd-link-color'></a></div>
      <div id='jp-relatedposts' class='jp-relatedposts' >
      <h3 class="jp-relatedposts-headline"><em>Related</em></h3>
      <div class="jp-relatedposts-items jp-relatedposts-items-visual jp-relatedposts-grid">
      \(related)
      </div>
      </div>
      </div><!-- .entry-content -->
      <footer class="entry-footer default-max-width">
      <div class="posted-by"><span class="posted-on">Published <time class="entry-date published updated" datetime="2016-07-02T08:53:00+00:00">July 2, 2016</time></span><span class="byline">By <a href="\(base)/author/ann/" rel="author">Ann Writer</a></span></div>
      <div class="post-taxonomies"><span class="cat-links">Categorized as <a href="\(base)/category/notes/" rel="category tag">Notes</a></span></div>
      </footer>
      </article>
      <div id="comments" class="comments-area default-max-width show-avatars">
      <h2 class="comments-title">\(run % 4) thoughts on &ldquo;\(post.title)&rdquo;</h2>
      <ol class="comment-list">
      \(comments)
      </ol>
      <div id="respond" class="comment-respond"><h2 id="reply-title" class="comment-reply-title">Leave a comment</h2>
      <form action="\(base)/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
      <p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="5"></textarea></p>
      <input type='hidden' name='comment_post_ID' value='\(id)' id='comment_post_ID' />
      <p style="display: none;"><input type="hidden" id="akismet_comment_nonce" name="akismet_comment_nonce" value="\(nonce)" /></p>
      </form></div>
      </div>
      <nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2>
      <div class="nav-links"><div class="nav-previous"><a href="\(base)/p\(id - 1)/" rel="prev"><p class="meta-nav">Previous post</p><p class="post-title">An earlier post about the council</p></a></div></div></nav>
      </main>
      </div>
      </div>
      <aside class="widget-area">
      <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><nav aria-label="Recent Posts"><ul>
      <li><a href="\(base)/p\(id + run % 3)/">Recent post \(run % 3)</a></li></ul></nav></section>
      <section id="text-3" class="widget widget_text"><h2 class="widget-title">About this blog</h2><div class="textwidget"><p>\(filler[run % filler.count]) \(filler[(run + 1) % filler.count])</p></div></section>
      </aside>
      <footer id="colophon" class="site-footer" role="contentinfo"><div class="powered-by">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.</div></footer>
      </div>
      </body>
      </html>
      """
  }
}
