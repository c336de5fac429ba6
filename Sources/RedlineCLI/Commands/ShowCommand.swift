import ArgumentParser
import Redline

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    _superCommandName: redlineCommandName,
    abstract: "Print a stored article (or its raw HTML).",
    discussion: """
      WHEN takes a capture time, a unique prefix of one, first, latest (the default), \
      latest~N, or a date or time (2016-11-24, 2016-11-24T10:15, yesterday, 3 days ago): the \
      capture in force then. A prefix that several captures share is an error naming them. \
      When a selector or ignore rule made the article, a "note:" line on standard error names \
      the rules.

      Long output goes through $PAGER (less -FRX) on a terminal; --no-pager writes it \
      directly.

      Examples:
        redline show https://example.blogspot.com/2016/07/post.html
        redline show https://example.blogspot.com/2016/07/post.html first --raw
        redline show https://example.blogspot.com/2016/07/post.html yesterday
      """
  )

  @Argument(help: "The page URL.")
  var url: String

  @Argument(help: "Which capture (default: latest).")
  var when: String?

  @Flag(name: .long, help: "Print the HTML as fetched instead of the article.")
  var raw = false

  @OptionGroup var pagerOptions: PagerOptions

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      let queries = ArchiveQueries(store: try storeOptions.existingStore())
      let shown = try queries.show(url, when: when, raw: raw)
      if let rules = try queries.rules(of: url, when: when) {
        writeError("note: extracted under rules: \(rules)\n")
      }
      writePaged(shown, pagerOptions)
    }
  }
}
