/// How a fetch behaves: limits on time and size, manners, and TLS.
///
/// Invariant: every limit is positive. The defaults are the ones the README documents.
public struct FetchOptions: Sendable, Equatable {
  /// The User-Agent header sent with every request.
  public var userAgent: String
  /// The longest time allowed to set up the connection (DNS, TCP and TLS), in seconds.
  public var connectTimeout: Int
  /// The longest time allowed for one whole transfer, in seconds.
  public var totalTimeout: Int
  /// The largest body, after content decoding, that is accepted, in bytes.
  public var maxBodySize: Int
  /// The most redirects followed before giving up.
  public var maxRedirects: Int
  /// A transfer slower than this many bytes per second for `lowSpeedTime` seconds is aborted.
  public var lowSpeedLimit: Int
  /// See `lowSpeedLimit`.
  public var lowSpeedTime: Int
  /// Whether TLS certificates are checked (on unless the user opts out).
  public var verifyTLS: Bool
  /// Connection redirections in curl's `--connect-to` form, `HOST:PORT:CONNECT-TO-HOST:PORT`:
  /// requests for the first pair go to the second (a staging server, a local copy).
  public var connectTo: [String]

  /// The project's User-Agent: `redline/VERSION (+URL)`.
  public static let defaultUserAgent =
    "redline/\(redlineVersion) (+https://github.com/redline-archive/redline)"

  /// Options with the documented defaults: 10 s to connect, 60 s per transfer, 32 MiB per body,
  /// 10 redirects, and abort below 1 KiB/s sustained for 20 s.
  public init(
    userAgent: String = FetchOptions.defaultUserAgent,
    connectTimeout: Int = 10,
    totalTimeout: Int = 60,
    maxBodySize: Int = 32 << 20,
    maxRedirects: Int = 10,
    lowSpeedLimit: Int = 1024,
    lowSpeedTime: Int = 20,
    verifyTLS: Bool = true,
    connectTo: [String] = []
  ) {
    self.userAgent = userAgent
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.maxBodySize = maxBodySize
    self.maxRedirects = maxRedirects
    self.lowSpeedLimit = lowSpeedLimit
    self.lowSpeedTime = lowSpeedTime
    self.verifyTLS = verifyTLS
    self.connectTo = connectTo
  }
}

/// The version of Redline, as reported by `redline --version` and in the User-Agent.
public let redlineVersion = "0.1.0"
