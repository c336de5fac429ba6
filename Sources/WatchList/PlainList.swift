/// The URLs of a plain watch list, one per line (`snapshot --list`'s format): blank lines and
/// lines starting with `#` are skipped.
public func plainListURLs(_ text: String) -> [String] {
  text.split(whereSeparator: \.isNewline).map {
    String(
      $0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        .reversed())
  }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

/// What an import file holds.
public struct ImportedWatches: Sendable, Equatable {
  /// The watches to merge.
  public var watches: [Watch]
  /// URLs whose settings that read local secrets or files, or route requests (netrc,
  /// credentials variables, cookies, proxy, CA bundle), were left out.
  public var stripped: [String]
}

/// Reads an import file: a watch file (TOML, when it has a `[[watch]]` table) or a plain list
/// of URLs, one per line. From a watch file, settings that would read local secrets or files
/// or route requests are left out: a watch file from elsewhere could otherwise name
/// `bearer-token-env = "AWS_SECRET_ACCESS_KEY"` for its own URL.
/// - Throws: `WatchListError` for a watch file that does not parse, or a line that is not a URL.
public func importedWatches(from text: String, path: String) throws(WatchListError)
  -> ImportedWatches
{
  let isWatchFile = text.split(whereSeparator: \.isNewline).contains {
    $0.filter { $0 != " " && $0 != "\t" }.hasPrefix("[[watch]]")
  }
  if isWatchFile {
    var result = ImportedWatches(watches: [], stripped: [])
    for var watch in try WatchFile.parse(text, path: path).watches {
      let kept = RequestSettings(headers: watch.request.headers, userAgent: watch.request.userAgent)
      if kept != watch.request {
        result.stripped.append(watch.url)
        watch.request = kept
      }
      result.watches.append(watch)
    }
    return result
  }
  var watches: [Watch] = []
  for url in plainListURLs(text) {
    guard isWatchableURL(url) else {
      throw .malformed(path: path, line: nil, reason: "'\(url)' is not an http or https URL")
    }
    watches.append(Watch(url: url))
  }
  return ImportedWatches(watches: watches, stripped: [])
}
