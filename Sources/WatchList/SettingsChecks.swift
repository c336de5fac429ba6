/// Checks of request settings that would otherwise fail late, or inject a header.
public enum RequestSettingsCheck {
  /// - Parameters:
  ///   - settings: the settings.
  ///   - stored: whether they are to be kept in the watch list, where no secret may be: then
  ///     `Authorization`, `Proxy-Authorization` and `Cookie` headers and a proxy URL with a
  ///     password are refused, with where to put them instead.
  /// - Throws: `WatchListError.malformed` naming the bad setting.
  public static func validate(_ settings: RequestSettings, stored: Bool = true)
    throws(WatchListError)
  {
    for header in settings.headers {
      guard let colon = header.firstIndex(of: ":"), colon != header.startIndex,
        !header[..<colon].contains(where: { $0 == " " || $0 == "\t" })
      else {
        throw .malformed(path: "", line: nil, reason: "header '\(header)' is not 'Name: value'")
      }
    }
    if stored { try refuseSecrets(settings) }
    let texts =
      settings.headers
      + [
        settings.cookies, settings.netrcFile, settings.proxy, settings.userAgent, settings.caBundle,
        settings.basicAuthVariable, settings.bearerTokenVariable,
      ].compactMap { $0 }
    for text in texts where text.unicodeScalars.contains(where: isControl) {
      throw .malformed(
        path: "", line: nil, reason: "a request setting holds a control character (CR, LF …)")
    }
    for name in [settings.basicAuthVariable, settings.bearerTokenVariable].compactMap({ $0 })
    where !isVariableName(name) {
      throw .malformed(
        path: "", line: nil, reason: "'\(name)' is not an environment variable name")
    }
  }

  /// Refuses settings that would keep a secret in the watch list.
  private static func refuseSecrets(_ settings: RequestSettings) throws(WatchListError) {
    for header in settings.headers {
      let name = header.prefix { $0 != ":" }
      guard !secretHeaders.contains(name.lowercased()) else {
        throw .malformed(
          path: "", line: nil,
          reason: "the header \(name) would keep a secret in the watch list; use"
            + " --bearer-token-env, --basic-auth-env, --netrc-file or --cookies instead")
      }
    }
    let authority = settings.proxy?.split(separator: "/").dropFirst().first
    if authority?.contains("@") == true {
      throw .malformed(
        path: "", line: nil,
        reason: "a proxy URL with a user name or password would keep a secret in the watch"
          + " list; put the proxy's credentials in a netrc file")
    }
  }

  /// Headers that carry credentials.
  private static let secretHeaders: Set<String> = [
    "authorization", "proxy-authorization", "cookie",
  ]

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || scalar.value == 0x7F
  }

  private static func isVariableName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else {
      return false
    }
    return name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || $0 == "_"
    }
  }
}

/// Checks of extraction rules: the patterns compile.
public enum RuleCheck {
  /// - Throws: `WatchListError.badPattern` for an ignore rule that does not compile.
  public static func validate(_ rules: ExtractionRules) throws(WatchListError) {
    for pattern in rules.ignore {
      do {
        _ = try Regex(pattern)
      } catch {
        throw .badPattern(pattern)
      }
    }
  }
}
