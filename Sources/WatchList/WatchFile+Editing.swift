import TOMLKit

/// A change to the watch list: watches to add (or, with `replacing`, to update) and URLs to
/// remove.
public struct WatchListChange: Sendable, Equatable {
  /// Watches to add; one whose URL is already watched is updated when `replacing` is set and
  /// left as it is otherwise (an import merges: it never overwrites a person's settings).
  public var adding: [Watch]
  /// Whether an added watch replaces the settings of the same URL already watched.
  public var replacing: Bool
  /// URLs to stop watching.
  public var removing: [String]

  /// Creates a change.
  public init(adding: [Watch] = [], replacing: Bool = true, removing: [String] = []) {
    self.adding = adding
    self.replacing = replacing
    self.removing = removing
  }
}

/// What a change did, URL by URL, and the file's new text.
public struct WatchListChangeReport: Sendable, Equatable {
  /// URLs now watched that were not.
  public var added: [String] = []
  /// URLs whose settings changed.
  public var updated: [String] = []
  /// URLs that were already watched with these settings (or, merging, with their own).
  public var alreadyWatched: [String] = []
  /// URLs no longer watched.
  public var removed: [String] = []
  /// URLs asked to be removed that were not watched.
  public var notWatched: [String] = []
  /// Whether the file had to be written anew from its contents (its comments and layout
  /// lost), because an edit in place would not have read back as intended.
  public var rewritten = false
  /// The new text of the watch file.
  public var text = ""

  /// Creates an empty report.
  public init() {}
}

extension WatchFile {
  /// Applies a change to a watch file's text, keeping its comments, blank lines and order:
  /// new watches are appended as `[[watch]]` blocks, removed ones are cut out with the comment
  /// lines right above them, updated ones are replaced in place.
  ///
  /// The result is parsed again and compared with the intended list; if an edit in place
  /// would not read back as intended (a `[[watch]]` header inside a multi-line string, say),
  /// the file is written anew from its contents and the report says so.
  /// - Parameters:
  ///   - text: the file as it is ("" when there is none).
  ///   - path: the file's name, for messages.
  ///   - change: what to add and remove.
  ///   - identity: the key two URLs share when they name the same page.
  /// - Throws: `WatchListError` when the file as it is does not parse (nothing is changed).
  public static func applying(
    _ change: WatchListChange, to text: String, path: String,
    identity: (String) -> String
  ) throws(WatchListError) -> WatchListChangeReport {
    let original = try parse(text, path: path)
    var report = WatchListChangeReport()
    var target = original.watches
    let removals = Set(change.removing.map(identity))
    for url in change.removing {
      let key = identity(url)
      if target.contains(where: { identity($0.url) == key }) {
        report.removed.append(url)
      } else {
        report.notWatched.append(url)
      }
    }
    target.removeAll { removals.contains(identity($0.url)) }
    var replacements: [String: Watch] = [:]
    var appended: [Watch] = []
    for watch in change.adding {
      let key = identity(watch.url)
      if let index = target.firstIndex(where: { identity($0.url) == key }) {
        if change.replacing, target[index] != watch {
          target[index] = watch
          replacements[key] = watch
          report.updated.append(watch.url)
        } else {
          report.alreadyWatched.append(watch.url)
        }
      } else if let index = appended.firstIndex(where: { identity($0.url) == key }) {
        appended[index] = watch
      } else {
        appended.append(watch)
        target.append(watch)
        report.added.append(watch.url)
      }
    }
    for watch in appended {
      if let index = target.firstIndex(where: { identity($0.url) == identity(watch.url) }) {
        target[index] = watch
      }
    }
    var edited = editedText(
      text, removing: removals, replacing: replacements, appending: appended, identity: identity)
    let readBack = try? parse(edited, path: path)
    if readBack?.watches != target || readBack?.sites != original.sites {
      edited = WatchFile(watches: target, sites: original.sites).rendered()
      report.rewritten = true
    }
    report.text = edited
    return report
  }

  /// The text with blocks cut, replaced and appended.
  private static func editedText(
    _ text: String, removing: Set<String>, replacing: [String: Watch], appending: [Watch],
    identity: (String) -> String
  ) -> String {
    var output = ""
    for segment in segments(of: text) {
      guard let url = segment.watchURL else {
        output += segment.comments + segment.body
        continue
      }
      let key = identity(url)
      if removing.contains(key) { continue }
      if let watch = replacing[key] {
        output += segment.comments + block(for: watch) + trailingBlankLines(of: segment.body)
      } else {
        output += segment.comments + segment.body
      }
    }
    for watch in appending {
      if output.isEmpty {
        output = header
      } else if !output.hasSuffix("\n") {
        output += "\n\n"
      } else if !output.hasSuffix("\n\n") {
        output += "\n"
      }
      output += block(for: watch)
    }
    return output
  }

  /// The comment that starts a watch file Redline creates.
  public static let header = """
    # Redline watch list: one [[watch]] table per page or feed (docs/WATCH-FILE.md).
    # Edit freely; `redline watch add/remove` keep comments and order.


    """

  /// A part of the file: a table and the comment lines right above it, or the text before
  /// the first table.
  private struct Segment {
    var comments = ""
    var body = ""
    var watchURL: String?
  }

  /// The file cut at table headers (lines that start with `[`); comment lines right above a
  /// header go with it.
  private static func segments(of text: String) -> [Segment] {
    var lines: [Substring] = []
    var start = text.startIndex
    for index in text.indices where text[index] == "\n" {
      lines.append(text[start...index])
      start = text.index(after: index)
    }
    if start < text.endIndex { lines.append(text[start...]) }
    var result: [Segment] = [Segment()]
    var pendingComments: [Substring] = []
    for line in lines {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix("#") {
        pendingComments.append(line)
        continue
      }
      if trimmed.hasPrefix("[") {
        result.append(Segment(comments: pendingComments.joined(), body: String(line)))
        pendingComments = []
        continue
      }
      let last = result.count - 1
      result[last].body += pendingComments.joined() + line
      pendingComments = []
    }
    let last = result.count - 1
    result[last].body += pendingComments.joined()
    for index in result.indices.dropFirst() {
      let header = result[index].body.prefix { $0 != "\n" }.filter { $0 != " " && $0 != "\t" }
      guard header.hasPrefix("[[watch]]") else { continue }
      let table = try? TOMLTable(string: result[index].body)
      result[index].watchURL = table?["watch"]?.array?.first?.table?["url"]?.string
    }
    return result
  }

  private static func trailingBlankLines(of body: String) -> String {
    var count = 0
    for character in body.reversed() {
      guard character == "\n" else { break }
      count += 1
    }
    return String(repeating: "\n", count: max(0, count - 1))
  }

  /// One watch as a `[[watch]]` block, keys in `watchKeys` order, values written by TOMLKit.
  public static func block(for watch: Watch) -> String {
    var text = "[[watch]]\n"
    func put(_ key: String, _ value: (any TOMLValueConvertible)?) {
      guard let value else { return }
      let table = TOMLTable()
      table[key] = value
      var line = table.convert(to: .toml, options: [.allowUnicodeStrings])
      while line.hasSuffix("\n") { line.removeLast() }
      text += line + "\n"
    }
    func list(_ values: [String]) -> (any TOMLValueConvertible)? {
      values.isEmpty ? nil : TOMLArray(values)
    }
    let request = watch.request
    put("url", watch.url)
    put("feed", watch.feed ? true : nil)
    put("every", watch.every?.description)
    put("tags", list(watch.tags))
    put("notify", list(watch.notifyTargets))
    put("headers", list(request.headers))
    put("cookies", request.cookies)
    put("netrc", request.netrc ? true : nil)
    put("netrc-file", request.netrcFile)
    put("basic-auth-env", request.basicAuthVariable)
    put("bearer-token-env", request.bearerTokenVariable)
    put("proxy", request.proxy)
    put("user-agent", request.userAgent)
    put("ca-bundle", request.caBundle)
    put("xpath", watch.rules.xpath)
    put("css", watch.rules.css)
    put("ignore", list(watch.rules.ignore))
    return text
  }

  /// The whole file written anew: the header comment, every watch, then the site rules.
  public func rendered() -> String {
    var text = Self.header
    text += watches.map(Self.block(for:)).joined(separator: "\n")
    for host in sites.keys.sorted() {
      guard let rules = sites[host] else { continue }
      let table = TOMLTable()
      if let xpath = rules.xpath { table["xpath"] = xpath }
      if let css = rules.css { table["css"] = css }
      if !rules.ignore.isEmpty { table["ignore"] = TOMLArray(rules.ignore) }
      let wrapper = TOMLTable()
      let site = TOMLTable()
      site[host] = table
      wrapper["site"] = site
      text += "\n" + wrapper.convert(to: .toml, options: [.allowUnicodeStrings])
      if !text.hasSuffix("\n") { text += "\n" }
    }
    return text
  }
}
