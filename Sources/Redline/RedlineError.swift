/// Why a use case could not run. One line a user can act on.
public enum RedlineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A local file could not be read.
  case unreadableFile(path: String, reason: String)
  /// A local file is larger than Redline reads as one page.
  case tooLarge(path: String, limit: Int)
  /// A local file could not be written.
  case unwritableFile(path: String, reason: String)
  /// The input is not an HTML page (binary data, an image, JSON …).
  case notHTML(source: String, detail: String)
  /// The server answered with an error status.
  case httpStatus(url: String, status: Int)
  /// The server answered a post's URL with an error page under a success status (a soft 404):
  /// a text with nothing of the post that calls itself an error page (`errorPageName`).
  case errorPage(url: String, name: String, status: Int)
  /// The server answered 304 Not Modified to a request that asked for no such thing.
  case unrequestedNotModified(url: String)
  /// The store has no captures of the page.
  case noCaptures(url: String)
  /// A FROM/TO argument names no capture.
  case unknownCapture(url: String, selector: String, reason: String)
  /// A capture-time prefix names several captures (git's "ambiguous").
  case ambiguousCapture(url: String, selector: String, matches: [String])
  /// The store has no such page; `nearest` is the stored URL most like it, if one is close.
  case unknownPage(url: String, nearest: String?)
  /// The store folder does not exist.
  case noStore(path: String)
  /// `--feed URL` gave no list of posts.
  case feed(url: String, reason: String)
  /// A time or date a user typed could not be read.
  case badTime(String)
  /// `--since` names a later time than `--until`: no time lies between.
  case emptyPeriod(since: String, until: String)
  /// `notify remove` of a target the store does not have.
  case notATarget(String)
  /// `notify secret` read no secret.
  case emptySecret

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
    case .unwritableFile(let path, let reason): "cannot write \(path): \(reason)"
    case .tooLarge(let path, let limit):
      "\(path): larger than \(limit >> 20) MiB, the largest page Redline reads"
    case .notHTML(let source, let detail): "\(source): not an HTML page (\(detail))"
    case .httpStatus(let url, let status): "fetching \(url): HTTP \(status)\(statusText(status))"
    case .errorPage(let url, let name, let status):
      "\(url): answers an error page (\"\(name)\") with status \(status)"
    case .unrequestedNotModified(let url):
      "fetching \(url): HTTP 304 Not Modified to a request that was not conditional"
    case .noCaptures(let url): "no captures of \(url) in the store"
    case .unknownCapture(let url, let selector, let reason):
      "\(url): no capture '\(selector)': \(reason)"
    case .ambiguousCapture(let url, let selector, let matches):
      "\(url): capture '\(selector)' is ambiguous: it matches "
        + (matches.count <= ambiguousNamesShown
          ? matches.joined(separator: ", ")
          : matches.prefix(ambiguousNamesShown).joined(separator: ", ")
            + " and \(matches.count - ambiguousNamesShown) more")
    case .unknownPage(let url, _): "no captures of \(url) in the store"
    case .noStore(let path): "no store at \(path)"
    case .feed(let url, let reason): "\(url): \(reason)"
    case .badTime(let text):
      "'\(text)' is not a time: use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z], a capture time, "
        + "today, yesterday or N days ago"
    case .emptyPeriod(let since, let until):
      "--since '\(since)' is after --until '\(until)': no time lies between them"
    case .notATarget(let target): "\(target) is not one of the store's notification targets"
    case .emptySecret: "notify secret: no secret on standard input"
    }
  }
}

extension RedlineError {
  /// A second line that helps, when there is one: the stored URL most like an unknown one,
  /// how to name a store, how to pick one of several captures.
  public var hint: String? {
    switch self {
    case .unknownPage(_, let nearest?): "did you mean \(nearest)?"
    case .noStore: "give --store DIR or set REDLINE_STORE; redline snapshot URL makes a store"
    case .notATarget: "redline notify list shows them"
    case .badTime:
      "relative times work too: now, '90 minutes ago', '2 weeks ago', '1 month ago'"
    case .emptyPeriod: "swap the two, or leave one out"
    case .ambiguousCapture: "give more digits of the capture time (redline log URL lists them)"
    case .unknownCapture:
      "captures are named by time (redline log URL lists them); dates such as 2016-07-01, "
        + "2016-07-01T10:30, yesterday or '3 days ago' pick the capture in force then"
    default: nil
    }
  }
}

/// How many captures an ambiguity error names before "and N more".
private let ambiguousNamesShown = 5

func statusText(_ status: Int) -> String {
  let texts = [
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
  ]
  return texts[status].map { " " + $0 } ?? ""
}
