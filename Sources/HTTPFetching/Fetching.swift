/// Anything that turns a URL into a `Response`: libcurl in the product, stubs in tests of the
/// layers above.
public protocol Fetching: Sendable {
  /// Fetches one URL, following redirects.
  /// - Returns: the final response, whatever its status (a 404 is a response, not an error).
  /// - Throws: `FetchError` when no complete response was received.
  func fetch(_ url: String) async throws -> Response
}
