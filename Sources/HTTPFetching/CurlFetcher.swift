import Dispatch

/// Fetches URLs with libcurl: redirects (http and https only), content decoding, and limits on
/// time and size from `FetchOptions`.
///
///     let response = try await CurlFetcher().fetch("https://example.blogspot.com/2016/07/post.html")
public struct CurlFetcher: Fetching {
  /// The limits and manners every fetch uses.
  public let options: FetchOptions

  /// Creates a fetcher with these options.
  public init(options: FetchOptions = FetchOptions()) {
    self.options = options
  }

  /// Fetches one URL. The blocking transfer runs on a Dispatch queue, never on the cooperative
  /// pool.
  /// - Throws: `FetchError`.
  public func fetch(_ url: String) async throws -> Response {
    let options = self.options
    return try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result { () throws(FetchError) in
            try performTransfer(url: url, options: options)
          })
      }
    }
  }
}
