import FoundationEssentials

/// How a fetch behaves: limits on time and size, manners, politeness, retries and TLS.
///
/// Invariant: every limit is positive, and `hostDelay`, `retryBaseDelay` and `maxRetryAfter` are
/// not negative. The defaults are the ones the README documents.
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
  /// The most transfers to one host (name and port) at the same time.
  public var connectionsPerHost: Int
  /// The least time between the starts of two requests to one host, in seconds.
  public var hostDelay: Double
  /// How many times a failed attempt is tried again: connection errors, 429 and 503 only.
  public var maxRetries: Int
  /// The wait before the first retry, in seconds; it doubles for each later one.
  public var retryBaseDelay: Double
  /// The longest wait a server's `Retry-After` can ask for, in seconds. A server asking for
  /// more gets no retry: its answer stands.
  public var maxRetryAfter: Double

  /// How transfers are run: see `FetchEngine`.
  public var engine: FetchEngine
  /// Extra request headers, `Name: value` each (checked for CR and LF before each transfer).
  public var extraHeaders: [String] = []
  /// A cookies file in Netscape cookies.txt format, read at the start of each transfer.
  public var cookieFile: String?
  /// Whether to take credentials from a netrc file (`~/.netrc`, or `netrcFile`).
  public var useNetrc = false
  /// The netrc file to read instead of `~/.netrc`.
  public var netrcFile: String?
  /// Credentials for basic or bearer authentication; never printed.
  public var credentials: Credentials?
  /// A proxy URL.
  public var proxy: String?
  /// A file of CA certificates (PEM) to verify TLS peers with.
  public var caBundle: String?

  /// The project's User-Agent: `redline/VERSION (+URL)`.
  public static let defaultUserAgent =
    "redline/\(redlineVersion) (+https://github.com/redline-archive/redline)"

  /// Options with the documented defaults: 10 s to connect, 60 s per transfer, 32 MiB per body,
  /// 10 redirects, abort below 1 KiB/s sustained for 20 s, 2 connections per host, no delay
  /// between requests to one host, 2 retries starting 1 s apart, `Retry-After` up to 120 s.
  public init(
    userAgent: String = FetchOptions.defaultUserAgent,
    connectTimeout: Int = 10,
    totalTimeout: Int = 60,
    maxBodySize: Int = 32 << 20,
    maxRedirects: Int = 10,
    lowSpeedLimit: Int = 1024,
    lowSpeedTime: Int = 20,
    verifyTLS: Bool = true,
    connectTo: [String] = [],
    connectionsPerHost: Int = 2,
    hostDelay: Double = 0,
    maxRetries: Int = 2,
    retryBaseDelay: Double = 1,
    maxRetryAfter: Double = 120,
    engine: FetchEngine = .multi
  ) {
    self.userAgent = userAgent
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.maxBodySize = maxBodySize
    self.maxRedirects = maxRedirects
    self.lowSpeedLimit = lowSpeedLimit
    self.lowSpeedTime = lowSpeedTime
    self.verifyTLS = verifyTLS
    self.connectTo = connectTo.map(asciiConnectTo)
    self.connectionsPerHost = connectionsPerHost
    self.hostDelay = hostDelay
    self.maxRetries = maxRetries
    self.retryBaseDelay = retryBaseDelay
    self.maxRetryAfter = maxRetryAfter
    self.engine = engine
  }
}

/// Credentials a request sends. Their text never appears in a description, a log or an error.
public enum Credentials: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// HTTP basic authentication.
  case basic(user: String, password: String)
  /// A bearer token (`Authorization: Bearer …`).
  case bearer(token: String)

  /// The kind only, never the secret.
  public var description: String {
    switch self {
    case .basic: "basic credentials (hidden)"
    case .bearer: "a bearer token (hidden)"
    }
  }

  /// The kind only, never the secret.
  public var debugDescription: String { description }
}

/// How a fetcher runs its transfers. Both share connections and obey the same limits; `make
/// bench` measures one against the other.
public enum FetchEngine: String, Sendable, Equatable, CaseIterable {
  /// One libcurl multi handle drives every transfer on one thread (the default).
  case multi
  /// Each transfer blocks a thread of a Dispatch queue in `curl_easy_perform`.
  case threadPool = "thread-pool"
}

/// The version of Redline, as reported by `redline --version` and in the User-Agent.
public let redlineVersion = "0.1.0"

/// A `--connect-to` entry (`HOST:PORT:HOST2:PORT2`) with international host names in the
/// ASCII form (IDNA, `bücher.example` → `xn--bcher-kva.example`) that URLs carry on the wire,
/// so that an entry written in Unicode still matches.
func asciiConnectTo(_ entry: String) -> String {
  guard !entry.allSatisfy(\.isASCII) else { return entry }
  let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
  guard parts.count == 4 else { return entry }
  func ascii(_ host: String) -> String {
    guard !host.isEmpty, !host.allSatisfy(\.isASCII) else { return host }
    // Serialized as URLs are, which is how the page URLs themselves reach this form.
    guard let url = URLComponents(string: "http://" + host + "/")?.string,
      let end = url.dropFirst("http://".count).firstIndex(of: "/")
    else { return host }
    return String(url[url.index(url.startIndex, offsetBy: "http://".count)..<end])
  }
  return [ascii(parts[0]), parts[1], ascii(parts[2]), parts[3]].joined(separator: ":")
}
