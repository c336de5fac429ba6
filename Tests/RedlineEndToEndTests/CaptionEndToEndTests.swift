import Foundation
import LoopbackServer
import Synchronization
import Testing

/// A WordPress post whose only edit is its picture's caption (the wrong person named under a
/// photo, corrected), served over loopback HTTP: the check reports it, and the audit labels it.
@Suite("a caption correction over HTTP")
struct CaptionEndToEndTests {
  private let caption = "Mayor Jane Doe cuts the ribbon on the new bridge on Monday."
  private let corrected = "Deputy mayor Ann Lee cuts the ribbon on the new bridge on Monday."

  /// The post as a WordPress theme writes it, with a classic caption, a sidebar and a footer.
  private func page(caption: String, sidebar: String) -> String {
    """
    <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
    <title>The Mill Lane bridge reopens &#8211; Town News</title></head>
    <body class="post-template-default single single-post">
    <header class="site-header"><a href="/">Town News</a></header>
    <main id="main"><article class="post type-post hentry">
    <h1 class="entry-title">The Mill Lane bridge reopens</h1>
    <div class="entry-content">
    <p>The bridge on Mill Lane reopened on Monday after six weeks of repairs, the council said.</p>
    <div id="attachment_41" class="wp-caption aligncenter"><img src="/bridge.jpg" alt="">
    <p id="caption-attachment-41" class="wp-caption-text">\(caption)</p></div>
    <p>Traffic is expected to return to normal by the end of the week, officials added.</p>
    </div></article></main>
    <aside id="secondary" class="widget-area"><section class="widget"><h2>Recent posts</h2>
    <p>\(sidebar)</p></section></aside>
    <footer class="site-footer">Town News, since 2009</footer></body></html>
    """
  }

  @Test("only the caption changes: changed, the caption line in the diff, caption changed")
  func captionCorrection() throws {
    let work = try TemporaryFolder()
    let store = work.file("store")
    let served = Mutex(page(caption: caption, sidebar: "The fair opens on Saturday."))
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html; charset=UTF-8")],
        body: Array(served.withLock { $0 }.utf8))
    }
    let url = server.baseURL + "/2024/05/the-mill-lane-bridge-reopens/"
    let first = try redline(["snapshot", "--store", store, url])
    #expect(first.stdout == "new \(url)\n", "\(first.stderr)")
    let shown = try redline(["show", "--store", store, url])
    #expect(shown.stdout.hasSuffix("\n\nCaptions:\n\(caption)\n"))

    // The sidebar alone changes: no edit.
    served.withLock { $0 = page(caption: caption, sidebar: "The library closes early today.") }
    let same = try redline(["snapshot", "--store", store, url])
    #expect(same.stdout == "unchanged \(url)\n", "\(same.stderr)")

    served.withLock { $0 = page(caption: corrected, sidebar: "The library closes early today.") }
    let changed = try redline(["snapshot", "--store", store, "--diff", url])
    #expect(changed.status == 0, "\(changed.stderr)")
    #expect(
      changed.stdout.hasPrefix(
        "changed +1 -1 \(url) \"The Mill Lane bridge reopens\" [caption changed] stealth\n"))
    #expect(changed.stdout.contains("\n Captions:\n-\(caption)\n+\(corrected)\n"))

    let diff = try redline(["diff", "--store", store, url])
    #expect(diff.status == 1)
    #expect(diff.stdout.contains("\n-\(caption)\n+\(corrected)\n"))
    let audit = try redline(["audit", "--store", store])
    #expect(audit.status == 0, "\(audit.stderr)")
    #expect(audit.stdout.contains("caption changed"))
    // The body extracted for scoring is the same in both versions.
    let text = try redline(
      ["extract", "--format", "text", "-"], input: Data(served.withLock { $0 }.utf8))
    #expect(!text.stdout.contains("Ann Lee"))
  }
}
