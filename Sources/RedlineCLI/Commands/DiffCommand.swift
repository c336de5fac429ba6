import ArgumentParser
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Redline
import TextDiff

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    _superCommandName: redlineCommandName,
    abstract: "Show how an article changed, as a unified diff.",
    usage: """
      redline diff [<options>] <url> [<from> [<to>]]
      redline diff [<options>] <url1> <url2>
      redline diff [<options>] <old-file> <new-file>
      """,
    discussion: """
      redline diff URL [FROM [TO]] compares two stored captures of a page (default: the two \
      latest). FROM and TO take a capture time (20161124T101500Z), a unique prefix of one \
      (20161124T10; a prefix that several captures share is an error naming them), first, \
      latest, latest~N, or a date or time (2016-11-24, 2016-11-24T10:15, yesterday, \
      3 days ago): the capture in force then, that is the latest one taken by the end of \
      that day, minute or second.

      When the stored texts of the two captures differ, both are read again from their raw \
      HTML with this release's extractor and compared as read: Redline's extractor improves \
      from release to release, and a page read otherwise by an older release has not been \
      edited. --as-stored compares the stored texts as they are. Captures made under \
      extraction rules (watch --css, --xpath or --ignore) are always compared as stored.

      redline diff URL1 URL2 compares the latest captures of two stored pages: a second \
      argument with a scheme (http:// or https://) is a page, never a capture.

      redline diff OLD NEW compares two local files; HTML files are extracted first, other files \
      are compared as text ("-" reads standard input).

      Lines are matched with histogram diff (git's --histogram) by default, so a rewritten or \
      moved paragraph shows as one block; --algorithm myers gives GNU diff -u's output byte for \
      byte. Every unified diff applies with patch and git apply.

      Views (besides the unified diff):
        --word-diff[=plain|color|porcelain]
            changed words inline, as git diff --word-diff: [-removed-]{+added+}
        --stat         one summary line, as git diff --stat
        --format json  hunks with line numbers and changed words

      Colour: --color[=auto|always|never] (bare --color means always; the value follows an \
      =). auto, the default, colours only on a terminal and never when NO_COLOR is set. In \
      colour the changed words inside changed lines are shown in reverse video.

      On a terminal the diff goes through $PAGER (less -FRX by default); --no-pager writes it \
      directly.

      Exit status, as GNU diff: 0 the same, 1 different, 2 trouble (including bad usage).

      Examples:
        redline diff https://example.blogspot.com/2016/07/post.html
        redline diff https://example.blogspot.com/2016/07/post.html first latest \\
          --word-diff
        redline diff https://example.blogspot.com/2016/07/post.html \\
          2016-08-01 yesterday
        redline diff https://example.com/a.html https://example.com/b.html
        redline diff --algorithm myers -U0 old.txt new.txt
        redline diff --stat old.html new.html
      """
  )

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "A page URL and optional FROM and TO captures, or two local files; also --word-diff[=MODE] and --color[=WHEN].",
      valueName: "url-or-files"))
  var arguments: [String]

  @Option(
    name: [.customShort("U", allowingJoined: true), .long],
    help: "Lines of context around each change (-U0 and -U 0 both work).")
  var unified = 3

  @Option(help: "How lines are matched: histogram (the default) or myers (GNU diff's).")
  var algorithm: DiffAlgorithm = .histogram

  @Flag(help: "Find the fewest changed lines however long it takes (no cost cut-off in Myers).")
  var minimal = false

  @Flag(
    name: [.customShort("w"), .customLong("ignore-whitespace")],
    help: "Treat lines that differ only in white space as equal.")
  var ignoreWhitespace = false

  @Flag(help: "Print a summary line (+ and - counts) instead of the diff, as git diff --stat.")
  var stat = false

  @Option(help: "Output format: unified (the default) or json.")
  var format: DiffFormat = .unified

  @Flag(
    help: """
      Compare the stored article texts as they are, not as today's extractor reads the two \
      captures.
      """)
  var asStored = false

  @OptionGroup var pagerOptions: PagerOptions

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard unified >= 0 else { throw ValidationError("-U must be 0 or more.") }
    let parsed = try ParsedDiffArguments(arguments)
    let views = [parsed.wordDiff != nil, stat, format == .json].filter { $0 }.count
    guard views <= 1 else {
      throw ValidationError("Choose one of --word-diff, --stat and --format json.")
    }
    guard let first = parsed.operands.first else {
      throw ValidationError("Give a page URL, or two files to compare.")
    }
    if isWebURL(first) {
      guard parsed.operands.count <= 3 else {
        throw ValidationError("Give a URL and at most two captures (FROM and TO).")
      }
      guard parsed.operands.count == 2 || !parsed.operands.dropFirst().contains(where: isWebURL)
      else {
        throw ValidationError("Give two page URLs, or one URL and its captures FROM and TO.")
      }
    } else {
      guard parsed.operands.count == 2 else {
        throw ValidationError("Give two files to compare (or a page URL).")
      }
    }
  }

  func run() throws {
    let parsed = try ParsedDiffArguments(arguments)
    let operands = parsed.operands
    let options = diffOptions(parsed)
    let comparison = try reportingErrors {
      if isWebURL(operands[0]) {
        let queries = ArchiveQueries(store: try storeOptions.existingStore())
        if operands.count == 2, isWebURL(operands[1]) {
          return try queries.comparePages(
            operands[0], operands[1], options: options, asStored: asStored)
        }
        return try queries.compareCaptures(
          of: operands[0], from: operands.dropFirst().first, to: operands.dropFirst(2).first,
          options: options, asStored: asStored)
      }
      return try compareFiles(operands[0], operands[1], options: options)
    }
    writePaged(comparison.output, pagerOptions)
    if !comparison.isIdentical { throw ExitCode(1) }
  }

  /// The options the flags ask for, with colour resolved for this terminal and environment.
  private func diffOptions(_ parsed: ParsedDiffArguments) -> DiffOptions {
    let view: DiffOptions.View =
      if let style = parsed.wordDiff {
        .words(style)
      } else if stat {
        .stat
      } else if format == .json {
        .json
      } else {
        .unified
      }
    return DiffOptions(
      context: unified, algorithm: algorithm, minimal: minimal,
      ignoringWhitespace: ignoreWhitespace, view: view,
      colored: format != .json
        && parsed.color.isOn(
          terminal: isatty(STDOUT_FILENO) == 1,
          noColor: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
    )
  }
}

/// The output formats of `diff --format`.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case unified
  case json
}

/// When to colour output (`--color`).
enum ColorChoice: String, CaseIterable {
  case auto
  case always
  case never

  /// Whether to colour: `auto` colours only on a terminal and never when `NO_COLOR` is set.
  func isOn(terminal: Bool, noColor: Bool) -> Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto: terminal && !noColor
    }
  }
}

extension DiffAlgorithm: ExpressibleByArgument {}

/// The `diff` operands, with the options whose value is optional (git's `--word-diff[=MODE]`
/// and `--color[=WHEN]`), which ArgumentParser leaves unparsed.
struct ParsedDiffArguments {
  /// The URL and captures, or the two files.
  var operands: [String] = []
  /// The word-diff style, when `--word-diff` was given.
  var wordDiff: WordDiffStyle?
  /// When to colour.
  var color = ColorChoice.auto

  /// Sorts the unparsed arguments into operands and the two options.
  /// - Throws: `ValidationError` for an unknown option or a bad value.
  init(_ arguments: [String]) throws {
    var previous = ""
    for argument in arguments {
      defer { previous = argument }
      if argument == "--word-diff" {
        wordDiff = .plain
      } else if let value = argument.value(ofOption: "--word-diff") {
        guard let style = WordDiffStyle(rawValue: value) else {
          throw ValidationError(
            "--word-diff takes plain, color or porcelain, not '\(value)'.\n" + wordDiffHint)
        }
        wordDiff = style
      } else if argument == "--color" {
        color = .always
      } else if let value = argument.value(ofOption: "--color") {
        guard let choice = ColorChoice(rawValue: value) else {
          throw ValidationError(
            "--color takes auto, always or never, not '\(value)'.\n" + colorHint)
        }
        color = choice
      } else if previous == "--color", ColorChoice(rawValue: argument) != nil {
        throw ValidationError(
          "--color takes its value after '=': --color=\(argument)\n" + colorHint)
      } else if previous == "--word-diff", WordDiffStyle(rawValue: argument) != nil {
        throw ValidationError(
          "--word-diff takes its value after '=': --word-diff=\(argument)\n" + wordDiffHint)
      } else if argument.hasPrefix("-") && argument != "-" {
        let name = String(argument.prefix { $0 != "=" })
        let guess = closestName(to: name, among: diffOptionNames)
        throw ValidationError(
          "Unknown option '\(argument)'."
            + (guess.map { "\nhint: did you mean '\($0)'?" } ?? "\nhint: see 'redline diff --help'")
        )
      } else {
        operands.append(argument)
      }
    }
  }
}

/// The hint after a bad `--color`.
private let colorHint =
  "hint: --color takes =WHEN: --color=auto, --color=always or --color=never "
  + "(a bare --color means always)"

/// The hint after a bad `--word-diff`.
private let wordDiffHint =
  "hint: --word-diff takes =MODE: --word-diff=plain, --word-diff=color or "
  + "--word-diff=porcelain (a bare --word-diff means plain)"

/// `diff`'s long options, for suggestions after a mistyped one.
private let diffOptionNames = [
  "--word-diff", "--color", "--unified", "--algorithm", "--minimal", "--ignore-whitespace",
  "--stat", "--format", "--store", "--no-pager", "--help",
]

extension String {
  /// The value of `--name=value` when this argument is that option, else `nil`.
  fileprivate func value(ofOption name: String) -> String? {
    hasPrefix(name + "=") ? String(dropFirst(name.count + 1)) : nil
  }
}
