import ArgumentParser
import Redline

struct DiffCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Show how an article changed, as a unified diff.",
    discussion: """
      redline diff URL [FROM [TO]] compares two stored captures of a page (default: the two
      latest). FROM and TO take a capture time (20161124T101500Z), a unique prefix of one
      (20161124T10), first, latest or latest~N.
      redline diff OLD NEW compares two local files; HTML files are extracted first, other files
      are compared as text.
      Exit status, as GNU diff: 0 the same, 1 different, 2 trouble.

      Examples:
        redline diff https://example.blogspot.com/2016/07/post.html
        redline diff https://example.blogspot.com/2016/07/post.html first latest
        redline diff old.html new.html
      """
  )

  @Argument(help: "A page URL and optional FROM and TO captures, or two local files.")
  var arguments: [String]

  @Option(
    name: [.customShort("U", allowingJoined: true), .long],
    help: "Lines of context around each change (-U0 and -U 0 both work).")
  var unified = 3

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard unified >= 0 else { throw ValidationError("-U must be 0 or more.") }
    guard let first = arguments.first else {
      throw ValidationError("Give a page URL, or two files to compare.")
    }
    if isWebURL(first) {
      guard arguments.count <= 3 else {
        throw ValidationError("Give a URL and at most two captures (FROM and TO).")
      }
    } else {
      guard arguments.count == 2 else {
        throw ValidationError("Give two files to compare (or a page URL).")
      }
    }
  }

  func run() async throws {
    let comparison = try await reportingErrors {
      if isWebURL(arguments[0]) {
        let queries = ArchiveQueries(store: storeOptions.folderStore)
        return try queries.compareCaptures(
          of: arguments[0], from: arguments.dropFirst().first,
          to: arguments.dropFirst(2).first, context: unified)
      }
      return try compareFiles(arguments[0], arguments[1], context: unified)
    }
    writeOutput(comparison.unifiedDiff)
    if !comparison.isIdentical { throw ExitCode(1) }
  }
}
