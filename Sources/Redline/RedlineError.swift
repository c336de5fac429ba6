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
  /// The server answered 304 Not Modified to a request that asked for no such thing.
  case unrequestedNotModified(url: String)
  /// The store has no captures of the page.
  case noCaptures(url: String)
  /// A FROM/TO argument names no capture, or more than one.
  case unknownCapture(url: String, selector: String, reason: String)
  /// `--feed URL` gave no list of posts.
  case feed(url: String, reason: String)
  /// A time or date a user typed could not be read.
  case badTime(String)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
    case .unwritableFile(let path, let reason): "cannot write \(path): \(reason)"
    case .tooLarge(let path, let limit):
      "\(path): larger than \(limit >> 20) MiB, the largest page Redline reads"
    case .notHTML(let source, let detail): "\(source): not an HTML page (\(detail))"
    case .httpStatus(let url, let status): "fetching \(url): HTTP \(status)\(statusText(status))"
    case .unrequestedNotModified(let url):
      "fetching \(url): HTTP 304 Not Modified to a request that was not conditional"
    case .noCaptures(let url): "no captures of \(url) in the store"
    case .unknownCapture(let url, let selector, let reason):
      "\(url): no capture '\(selector)': \(reason)"
    case .feed(let url, let reason): "\(url): \(reason)"
    case .badTime(let text):
      "'\(text)' is not a time: use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z] or a capture time"
    }
  }
}

func statusText(_ status: Int) -> String {
  let texts = [
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
  ]
  return texts[status].map { " " + $0 } ?? ""
}
