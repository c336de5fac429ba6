/// Anything that turns a URL into a `Response`: libcurl in the product, stubs in tests of the
/// layers above.
public protocol Fetching: Sendable {
  /// Fetches one URL, following redirects.
  /// - Returns: the final response, whatever its status (a 404 is a response, not an error).
  /// - Throws: `FetchError` when no complete response was received.
  func fetch(_ url: String) async throws -> Response

  /// Fetches one URL as a conditional request: the server answers 304 with no body when the
  /// page still matches these validators.
  /// - Returns: the final response, whatever its status.
  /// - Throws: `FetchError` when no complete response was received.
  func fetch(_ url: String, validators: Validators) async throws -> Response
}

extension Fetching {
  /// Fetchers that cannot make conditional requests fetch the whole page.
  public func fetch(_ url: String, validators: Validators) async throws -> Response {
    try await fetch(url)
  }
}

/// The validators a server sent with an earlier response, sent back verbatim to ask "has it
/// changed since?" (`If-None-Match`, `If-Modified-Since`).
///
/// Invariant: the values are the server's own, never the time of a local check, so an edit made
/// just after a check is never missed because of clock skew.
public struct Validators: Sendable, Hashable {
  /// The `ETag` the server sent, quotes included.
  public let entityTag: String?
  /// The `Last-Modified` date the server sent, as sent.
  public let lastModified: String?

  /// Creates validators; empty values, and values that could break the request's header
  /// block (a line break or NUL), count as absent.
  public init(entityTag: String?, lastModified: String?) {
    self.entityTag = entityTag.flatMap(Self.usable)
    self.lastModified = lastModified.flatMap(Self.usable)
  }

  private static func usable(_ value: String) -> String? {
    let unsafe = value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    return value.isEmpty || unsafe ? nil : value
  }

  /// Whether there is anything to send.
  public var isEmpty: Bool { entityTag == nil && lastModified == nil }

  /// The request header lines these validators add.
  var requestHeaders: [String] {
    var lines: [String] = []
    if let entityTag { lines.append("If-None-Match: \(entityTag)") }
    if let lastModified { lines.append("If-Modified-Since: \(lastModified)") }
    return lines
  }
}
