import ArgumentParser
import Redline

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    _superCommandName: redlineCommandName,
    abstract: "Print a stored article (or its raw HTML).",
    discussion: """
      WHEN takes a capture time, a unique prefix of one, first, latest (the default), \
      latest~N, or a date or time (2016-11-24, 2016-11-24T10:15): the capture in force then.

      Examples:
        redline show https://example.blogspot.com/2016/07/post.html
        redline show https://example.blogspot.com/2016/07/post.html first --raw
        redline show https://example.blogspot.com/2016/07/post.html 2016-08-01
      """
  )

  @Argument(help: "The page URL.")
  var url: String

  @Argument(help: "Which capture (default: latest).")
  var when: String?

  @Flag(name: .long, help: "Print the HTML as fetched instead of the article.")
  var raw = false

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      writeOutput(
        try ArchiveQueries(store: storeOptions.folderStore).show(url, when: when, raw: raw))
    }
  }
}
