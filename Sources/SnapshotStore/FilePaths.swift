/// Path arithmetic on strings, as Foundation's `NSString` path methods do it, for the few places
/// that need it (legacy Foundation is not linked: its size cost every run start-up time).
public enum FilePaths {
  /// The folder part of a path (`deletingLastPathComponent`): "a/b" → "a", "/a" → "/",
  /// "a" → "", trailing slashes ignored.
  public static func parent(of path: String) -> String {
    let trimmed = withoutTrailingSlashes(Substring(path))
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    if slash == trimmed.startIndex { return "/" }
    return String(withoutTrailingSlashes(trimmed[..<slash]))
  }

  /// The last part of a path (`lastPathComponent`): "a/b.html" → "b.html", "a/b/" → "b",
  /// "/" → "/".
  public static func lastComponent(of path: String) -> String {
    let trimmed = withoutTrailingSlashes(Substring(path))
    if trimmed == "/" { return "/" }
    guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  /// A file name without its extension (`deletingPathExtension` on a name): "b.html" → "b",
  /// "a.tar.gz" → "a.tar", "a." → "a"; a leading dot starts no extension (".profile" stays),
  /// and "." and ".." stay.
  public static func removingExtension(_ name: String) -> String {
    guard name != "..", let dot = name.lastIndex(of: "."), dot != name.startIndex else {
      return name
    }
    return String(name[..<dot])
  }

  /// `name` inside `folder` (`appendingPathComponent`): one "/" between them.
  public static func joined(_ folder: String, _ name: String) -> String {
    if folder.isEmpty { return name }
    return String(withoutTrailingSlashes(Substring(folder))) + (folder == "/" ? "" : "/") + name
  }

  private static func withoutTrailingSlashes(_ path: Substring) -> Substring {
    var path = path
    while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
    return path
  }
}
