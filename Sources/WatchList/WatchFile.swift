import TOMLKit

/// The watch file: the watch list as a person edits it, in TOML.
///
/// ```toml
/// # Posts about Libya
/// [[watch]]
/// url = "https://example.blogspot.com/2016/07/post.html"
/// every = "1h"
/// tags = ["libya"]
///
/// [site."example.org"]
/// css = "div.post-body"
/// ignore = ["^Share this"]
/// ```
///
/// docs/WATCH-FILE.md lists every key. Unknown keys are errors, so a typo never silently
/// drops a setting.
public struct WatchFile: Sendable, Equatable {
  /// The watches, in the file's order.
  public var watches: [Watch]
  /// Extraction rules by host (`site."HOST"` tables).
  public var sites: [String: ExtractionRules]

  /// The file's name in a folder store.
  public static let fileName = "watches.toml"

  /// Creates a watch file's contents.
  public init(watches: [Watch] = [], sites: [String: ExtractionRules] = [:]) {
    self.watches = watches
    self.sites = sites
  }

  /// Parses a watch file's text.
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - path: the file's name, for messages.
  /// - Throws: `WatchListError.malformed` naming the line (when TOML does not parse) or the
  ///   watch (when a value is wrong); `badInterval`, `badURL` inside that message.
  public static func parse(_ text: String, path: String) throws(WatchListError) -> WatchFile {
    // toml++ reads a C string: a NUL would end the document early and hide the rest.
    guard !text.utf8.contains(0) else {
      throw .malformed(path: path, line: nil, reason: "holds a NUL byte")
    }
    if let line = malformedHeaderLine(in: text) {
      throw .malformed(
        path: path, line: line,
        reason: "a table header must name a table, as [[watch]] or [site.\"HOST\"]")
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw .malformed(path: path, line: error.source.begin.line, reason: error.description)
    } catch {
      throw .malformed(path: path, line: nil, reason: "not TOML")
    }
    var file = WatchFile()
    for (key, value) in table {
      switch key {
      case "watch":
        guard let array = value.array else {
          throw .malformed(path: path, line: nil, reason: "'watch' must be [[watch]] tables")
        }
        for (index, element) in array.enumerated() {
          guard let entry = element.table else {
            throw .malformed(path: path, line: nil, reason: "'watch' must be [[watch]] tables")
          }
          do {
            file.watches.append(try watch(from: entry))
          } catch {
            let url = entry["url"]?.string.map { " (\($0))" } ?? ""
            throw .malformed(
              path: path, line: nil,
              reason: "watch \(index + 1)\(url): \(error.reason)")
          }
        }
      case "site":
        guard let sites = value.table else {
          throw .malformed(path: path, line: nil, reason: "'site' must be [site.\"HOST\"] tables")
        }
        for (host, rules) in sites {
          guard let rules = rules.table else {
            throw .malformed(
              path: path, line: nil, reason: "site \"\(host)\" must be a table of rules")
          }
          do {
            file.sites[host.lowercased()] = try extractionRules(from: rules, allowing: [])
          } catch {
            throw .malformed(path: path, line: nil, reason: "site \"\(host)\": \(error.reason)")
          }
        }
      default:
        throw .malformed(
          path: path, line: nil,
          reason: "unknown key '\(key)' (a watch file holds [[watch]] and [site.\"HOST\"] tables)")
      }
    }
    return file
  }

  /// The keys a `[[watch]]` table may hold, in the order Redline writes them.
  public static let watchKeys = [
    "url", "feed", "every", "tags", "notify", "headers", "cookies", "netrc", "netrc-file",
    "basic-auth-env", "bearer-token-env", "proxy", "user-agent", "ca-bundle", "xpath", "css",
    "ignore",
  ]

  private static let ruleKeys: Set<String> = ["xpath", "css", "ignore"]

  private static func watch(from table: TOMLTable) throws(WatchListError) -> Watch {
    for key in table.keys where !watchKeys.contains(key) {
      throw .malformed(path: "", line: nil, reason: "unknown key '\(key)'")
    }
    guard let url = try string(table, "url") else {
      throw .malformed(path: "", line: nil, reason: "no url")
    }
    guard isWatchableURL(url) else { throw .badURL(url) }
    var watch = Watch(url: url)
    watch.feed = try bool(table, "feed") ?? false
    if let every = try string(table, "every") { watch.every = try WatchInterval(parsing: every) }
    watch.tags = try strings(table, "tags")
    watch.notifyTargets = try strings(table, "notify")
    var request = RequestSettings()
    request.headers = try strings(table, "headers")
    request.cookies = try string(table, "cookies")
    request.netrc = try bool(table, "netrc") ?? false
    request.netrcFile = try string(table, "netrc-file")
    request.basicAuthVariable = try string(table, "basic-auth-env")
    request.bearerTokenVariable = try string(table, "bearer-token-env")
    request.proxy = try string(table, "proxy")
    request.userAgent = try string(table, "user-agent")
    request.caBundle = try string(table, "ca-bundle")
    try RequestSettingsCheck.validate(request)
    watch.request = request
    watch.rules = try extractionRules(from: table, allowing: Set(watchKeys))
    return watch
  }

  private static func extractionRules(from table: TOMLTable, allowing other: Set<String>)
    throws(WatchListError) -> ExtractionRules
  {
    for key in table.keys where !ruleKeys.contains(key) && !other.contains(key) {
      throw .malformed(path: "", line: nil, reason: "unknown key '\(key)'")
    }
    let rules = ExtractionRules(
      xpath: try string(table, "xpath"), css: try string(table, "css"),
      ignore: try strings(table, "ignore"))
    try RuleCheck.validate(rules)
    return rules
  }

  private static func string(_ table: TOMLTable, _ key: String) throws(WatchListError)
    -> String?
  {
    guard let value = table[key] else { return nil }
    guard let text = value.string else {
      throw .malformed(path: "", line: nil, reason: "'\(key)' must be a string")
    }
    return text
  }

  private static func bool(_ table: TOMLTable, _ key: String) throws(WatchListError) -> Bool? {
    guard let value = table[key] else { return nil }
    guard let flag = value.bool else {
      throw .malformed(path: "", line: nil, reason: "'\(key)' must be true or false")
    }
    return flag
  }

  private static func strings(_ table: TOMLTable, _ key: String) throws(WatchListError)
    -> [String]
  {
    guard let value = table[key] else { return [] }
    guard let array = value.array else {
      throw .malformed(path: "", line: nil, reason: "'\(key)' must be a list of strings")
    }
    var result: [String] = []
    for element in array {
      guard let text = element.string else {
        throw .malformed(path: "", line: nil, reason: "'\(key)' must be a list of strings")
      }
      result.append(text)
    }
    return result
  }
}

/// The first line (1-based) holding a table header whose name does not start as a TOML key
/// can (`[}`, `[[ [`, `[#`, a `[` at the end of a line), or nil.
///
/// toml++ 3.4.0 (inside TOMLKit 0.6.0) only asserts that the character after a header's
/// brackets starts a key: a debug build aborts there, and a release build, where the assertion
/// is an optimizer assumption, has undefined behaviour. Such lines are refused before the text
/// reaches it. A line inside a multi-line string or array that looks like such a header is
/// refused too: no watch file needs one.
func malformedHeaderLine(in text: String) -> Int? {
  func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
  func startsKey(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
      UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
      true
    default: false
    }
  }
  for (index, line) in text.utf8.split(
    separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
  )
  .enumerated() {
    var rest = line.drop(while: isSpace)
    guard rest.first == UInt8(ascii: "[") else { continue }
    rest = rest.dropFirst().drop(while: isSpace)
    if rest.first == UInt8(ascii: "[") { rest = rest.dropFirst().drop(while: isSpace) }
    guard let next = rest.first, startsKey(next) else { return index + 1 }
  }
  return nil
}

extension WatchListError {
  /// The reason alone, for an error raised inside one watch (the caller adds the file).
  fileprivate var reason: String {
    if case .malformed(_, _, let reason) = self { return reason }
    return description
  }
}

/// Whether `text` is an http or https URL with a host.
public func isWatchableURL(_ text: String) -> Bool {
  let lower = text.lowercased()
  for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
    let rest = lower.dropFirst(scheme.count)
    return !rest.isEmpty && !rest.hasPrefix("/")
      && !text.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
  }
  return false
}
