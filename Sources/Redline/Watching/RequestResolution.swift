import HTTPFetching
import WatchList

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a watch's (or a run's) request settings cannot be used. Names the setting, never a
/// secret.
public enum RequestSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An environment variable named for credentials is not set.
  case missingVariable(name: String, option: String)
  /// The basic-auth variable does not hold `user:password`.
  case notUserPassword(name: String)
  /// A file named by a setting cannot be read.
  case unreadableFile(path: String, option: String)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .missingVariable(let name, let option):
      "the environment variable \(name) (\(option)) is not set"
    case .notUserPassword(let name):
      "the environment variable \(name) (--basic-auth-env) does not hold user:password"
    case .unreadableFile(let path, let option): "\(option) \(path): cannot be read"
    }
  }
}

/// Fetch options with request settings applied: headers added, files checked, credentials read
/// from the environment (never stored anywhere).
/// - Parameters:
///   - base: the run's options.
///   - settings: the watch's settings over the run's.
///   - environment: the process environment.
/// - Throws: `RequestSettingsError` for a variable that is not set or a file that cannot be read.
public func resolvedFetchOptions(
  _ base: FetchOptions, applying settings: RequestSettings, environment: [String: String]
) throws(RequestSettingsError) -> FetchOptions {
  var options = base
  if let agent = settings.userAgent { options.userAgent = agent }
  options.extraHeaders += settings.headers
  for (path, option) in [
    (settings.cookies, "--cookies"), (settings.netrcFile, "--netrc-file"),
    (settings.caBundle, "--ca-bundle"),
  ] {
    guard let path else { continue }
    guard access(path, R_OK) == 0 else { throw .unreadableFile(path: path, option: option) }
  }
  options.cookieFile = settings.cookies
  options.useNetrc = settings.netrc
  options.netrcFile = settings.netrcFile
  options.proxy = settings.proxy
  options.caBundle = settings.caBundle
  if let name = settings.bearerTokenVariable {
    guard let token = environment[name], !token.isEmpty else {
      throw .missingVariable(name: name, option: "--bearer-token-env")
    }
    options.credentials = .bearer(token: token)
  }
  if let name = settings.basicAuthVariable {
    guard let value = environment[name], !value.isEmpty else {
      throw .missingVariable(name: name, option: "--basic-auth-env")
    }
    guard let colon = value.firstIndex(of: ":") else { throw .notUserPassword(name: name) }
    options.credentials = .basic(
      user: String(value[..<colon]), password: String(value[value.index(after: colon)...]))
  }
  return options
}
