/// How an article is extracted. Immutable: a retry builds a changed copy.
public struct ExtractionOptions: Sendable, Equatable {
  /// The URL the page came from: the `URL:` line when the page declares no canonical URL.
  public var url: String?

  /// Creates options.
  public init(url: String? = nil) {
    self.url = url
  }
}

/// Why no article came out of a page.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The page has no text that could be the body of a post.
  case noArticleFound

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .noArticleFound: "no article found in the page"
    }
  }
}
