/// The URLs of a plain watch list, one per line (`snapshot --list`'s format): blank lines and
/// lines starting with `#` are skipped.
public func plainListURLs(_ text: String) -> [String] {
  text.split(whereSeparator: \.isNewline).map {
    String(
      $0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        .reversed())
  }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

/// Reads an import file: a watch file (TOML, when it has a `[[watch]]` table) or a plain list
/// of URLs, one per line.
/// - Throws: `WatchListError` for a watch file that does not parse, or a line that is not a URL.
public func importedWatches(from text: String, path: String) throws(WatchListError) -> [Watch] {
  let isWatchFile = text.split(whereSeparator: \.isNewline).contains {
    $0.filter { $0 != " " && $0 != "\t" }.hasPrefix("[[watch]]")
  }
  if isWatchFile { return try WatchFile.parse(text, path: path).watches }
  var watches: [Watch] = []
  for url in plainListURLs(text) {
    guard isWatchableURL(url) else {
      throw .malformed(path: path, line: nil, reason: "'\(url)' is not an http or https URL")
    }
    watches.append(Watch(url: url))
  }
  return watches
}
