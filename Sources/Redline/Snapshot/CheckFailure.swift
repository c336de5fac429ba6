import HTTPFetching
import SnapshotStore

/// Why a check stored nothing: what kind of trouble, the HTTP status when an answer came, and
/// the error as the one line a user reads. Built from the error where it happens, so nothing
/// downstream reads our own error text back.
public struct CheckFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of trouble.
  public enum Kind: String, Sendable, Equatable, Codable {
    /// Not a URL Redline can check.
    case badURL = "bad-url"
    /// No answer: the name did not resolve, the connection or TLS failed, a timeout, a body
    /// over the limit, too many redirects.
    case fetch
    /// An answer that is not a page to read: an error status (`status`), an empty body.
    case answer
    /// The page answered, but no article could be read from it.
    case extraction
    /// The store refused the write or could not be written (a damaged page, a lock held too
    /// long, a full disk).
    case store
    /// The watch's request settings or rules cannot be used.
    case settings
    /// The run stopped before the page's check.
    case cancelled
  }

  /// What kind of trouble.
  public let kind: Kind
  /// The HTTP status of the final answer, when one came.
  public let status: Int?
  /// The error, one line.
  public let message: String

  /// Creates a failure.
  public init(_ kind: Kind, status: Int? = nil, message: String) {
    self.kind = kind
    self.status = status
    self.message = message
  }

  /// A failure from an error, its kind read from the error's type: fetch errors are `fetch`,
  /// store errors `store`, an answered failure (an error status) `answer`, anything else from
  /// reading the page `extraction`.
  init(_ error: Error, status: Int? = nil) {
    let message = String(describing: error)
    switch error {
    case let failure as CheckFailure: self = failure
    case is FetchError: self.init(.fetch, status: status, message: message)
    case is StoreError: self.init(.store, status: status, message: message)
    default: self.init(status == nil ? .extraction : .answer, status: status, message: message)
    }
  }

  /// The message.
  public var description: String { message }
}
