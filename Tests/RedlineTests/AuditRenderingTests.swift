import Testing

@testable import Redline

/// The reports of a hand-made audit whose page text is hostile markup.
@Suite("Audit rendering")
struct AuditRenderingTests {
  let report: AuditReport = {
    let edit = AuditEdit(
      from: "20160701T100000Z", to: "20160702T100000Z", labels: [.quotation], unavailable: [],
      stealth: true, updatedBefore: nil, updatedAfter: nil, linesAdded: 1, linesRemoved: 1,
      linksAdded: ["javascript:alert(1)"], linksRemoved: [], notes: [], headerChanges: [],
      passages: [
        ChangedPassage(
          removed: ["He said \"<b>no</b>\" & left"], added: ["He said \"<script>yes</script>\""],
          pieces: [
            .init(kind: .same, text: "He said \""),
            .init(kind: .removed, text: "<b>no</b>\" & left"),
            .init(kind: .same, text: " "), .init(kind: .added, text: "<script>yes</script>\""),
          ])
      ], diff: "--- a\n+++ b\n@@ -1 +1 @@\n-``` fenced\n+text\n")
    let page = PageAudit(
      url: "http://blog.example/p.html?a=1&b=\"2\"", host: "blog.example",
      title: "<Title> & 'quotes'",
      versions: [
        AuditVersion(
          capture: "20160701T100000Z", title: nil, updated: nil, added: nil, removed: nil),
        AuditVersion(capture: "20160702T100000Z", title: nil, updated: nil, added: 1, removed: 1),
      ], edits: [edit], events: [])
    return AuditReport(
      since: nil, until: nil, host: nil, generated: "20160703T100000Z", pages: [page],
      unavailableLabels: [])
  }()

  @Test("HTML: every piece of page text is escaped; links are text, not hrefs")
  func htmlEscaping() {
    let html = String(decoding: renderAudit(report, as: .html), as: UTF8.self)
    #expect(!html.contains("<script>") && !html.contains("<b>no"))
    #expect(html.contains("<ins>&lt;script&gt;yes&lt;/script&gt;&quot;</ins>"))
    #expect(html.contains("<del>&lt;b&gt;no&lt;/b&gt;&quot; &amp; left</del>"))
    #expect(html.contains("&lt;Title&gt; &amp; &#39;quotes&#39;"))
    #expect(html.contains("href=\"http://blog.example/p.html?a=1&amp;b=&quot;2&quot;\""))
    #expect(!html.contains("href=\"javascript"))
    #expect(html.contains("Link added: javascript:alert(1)"))
  }

  @Test("Markdown: a diff holding backticks gets a longer fence; text is escaped")
  func markdownFence() {
    let markdown = String(decoding: renderAudit(report, as: .markdown), as: UTF8.self)
    #expect(markdown.contains("\n````diff\n--- a\n"))
    #expect(markdown.contains("## \\<Title\\> & 'quotes'"))
  }

  @Test("the same report always renders to the same bytes")
  func deterministic() {
    for format in AuditFormat.allCases {
      #expect(renderAudit(report, as: format) == renderAudit(report, as: format))
    }
  }
}
