/// One entry of the watch list: a page (or a feed) to check, how often, and with which request
/// settings and extraction rules.
///
/// Invariants: `url` is an http or https URL as the user wrote it; `every`, when set, is at
/// least one second; secrets are never held here, only where to find them (a netrc file, the
/// name of an environment variable).
public struct Watch: Sendable, Codable, Equatable {
  /// The page (or, with `feed`, the feed or blog) to check.
  public var url: String
  /// Whether `url` is a feed (or a blog that announces one) whose posts are checked.
  public var feed: Bool
  /// A pinned interval between checks; nil lets the interval follow the curve
  /// (`RecheckCurve`).
  public var every: WatchInterval?
  /// Labels to select watches by (`watch list --tag`).
  public var tags: [String]
  /// Where to send news of an edit (kept for the notifications module; not used here).
  public var notifyTargets: [String]
  /// Request settings for this watch's fetches.
  public var request: RequestSettings
  /// Extraction rules for this watch.
  public var rules: ExtractionRules

  /// Creates a watch.
  public init(
    url: String, feed: Bool = false, every: WatchInterval? = nil, tags: [String] = [],
    notifyTargets: [String] = [], request: RequestSettings = RequestSettings(),
    rules: ExtractionRules = ExtractionRules()
  ) {
    self.url = url
    self.feed = feed
    self.every = every
    self.tags = tags
    self.notifyTargets = notifyTargets
    self.request = request
    self.rules = rules
  }
}

/// How to make the requests of a watch (or of a run). Every field is optional; an empty value
/// means "as the run is set up".
///
/// Invariant: no secret is stored. Basic and bearer credentials come from a netrc file or from
/// an environment variable named here, read when a run starts.
public struct RequestSettings: Sendable, Codable, Equatable, Hashable {
  /// Extra request headers, `Name: value` each.
  public var headers: [String]
  /// A cookies file in Netscape cookies.txt format.
  public var cookies: String?
  /// Whether to read credentials from `~/.netrc` (or `netrcFile`).
  public var netrc: Bool
  /// A netrc file to read credentials from instead of `~/.netrc`.
  public var netrcFile: String?
  /// The environment variable that holds `user:password` for basic authentication.
  public var basicAuthVariable: String?
  /// The environment variable that holds a bearer token.
  public var bearerTokenVariable: String?
  /// A proxy URL (`http://host:port`, `socks5://host:port`).
  public var proxy: String?
  /// The User-Agent header.
  public var userAgent: String?
  /// A file of CA certificates (PEM) to verify TLS peers with.
  public var caBundle: String?

  /// Creates settings.
  public init(
    headers: [String] = [], cookies: String? = nil, netrc: Bool = false,
    netrcFile: String? = nil, basicAuthVariable: String? = nil,
    bearerTokenVariable: String? = nil, proxy: String? = nil, userAgent: String? = nil,
    caBundle: String? = nil
  ) {
    self.headers = headers
    self.cookies = cookies
    self.netrc = netrc
    self.netrcFile = netrcFile
    self.basicAuthVariable = basicAuthVariable
    self.bearerTokenVariable = bearerTokenVariable
    self.proxy = proxy
    self.userAgent = userAgent
    self.caBundle = caBundle
  }

  /// Whether nothing is set.
  public var isEmpty: Bool { self == RequestSettings() }

  /// These settings with every field that `other` sets taken from `other` (headers added).
  public func overridden(by other: RequestSettings) -> RequestSettings {
    RequestSettings(
      headers: headers + other.headers, cookies: other.cookies ?? cookies,
      netrc: netrc || other.netrc, netrcFile: other.netrcFile ?? netrcFile,
      basicAuthVariable: other.basicAuthVariable ?? basicAuthVariable,
      bearerTokenVariable: other.bearerTokenVariable ?? bearerTokenVariable,
      proxy: other.proxy ?? proxy, userAgent: other.userAgent ?? userAgent,
      caBundle: other.caBundle ?? caBundle)
  }
}

/// Rules that override automatic extraction for a site or a watch.
public struct ExtractionRules: Sendable, Codable, Equatable, Hashable {
  /// An XPath expression naming the article's element.
  public var xpath: String?
  /// A CSS selector naming the article's element (translated to XPath).
  public var css: String?
  /// Regular expressions; article lines matching any are left out of the text.
  public var ignore: [String]

  /// Creates rules.
  public init(xpath: String? = nil, css: String? = nil, ignore: [String] = []) {
    self.xpath = xpath
    self.css = css
    self.ignore = ignore
  }

  /// Whether no rule is set.
  public var isEmpty: Bool { xpath == nil && css == nil && ignore.isEmpty }
}
