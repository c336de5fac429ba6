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
      capture in force then. A prefix that several captures share is an error naming them.

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
      writePaged(try queries.show(url, when: when, raw: raw), pagerOptions)
    }
  }
}
