#if canImport(Glibc)
  import Glibc
#endif

/// Returns a responder that serves the files under `root`, for
/// ``LoopbackServer/init(address:port:respond:)``.
///
/// `GET /a/b.html` answers with the bytes of `<root>/a/b.html`, read again on every request so a
/// test can replace a file between two fetches; `GET /dir/` serves `<root>/dir/index.html`.
/// `HEAD` gets the same headers without the body; other methods get 405.
///
/// - Missing files get 404. Targets that could leave `root` get 403: a `.` or `..` segment (also
///   percent-encoded), an encoded `/` or NUL, or a symbolic link pointing outside `root`.
///   Targets not starting with `/` and bad percent escapes get 400.
/// - `Content-Type` follows the extension: `text/html; charset=utf-8` for `.html` and `.htm`,
///   `text/plain` for `.txt`, `application/octet-stream` for anything else.
/// - `ETag` is a strong validator computed from the content (FNV-1a 64 and length), so it is the
///   same in every run for the same bytes; `Last-Modified` is the file's modification time.
///   A matching `If-None-Match` (or, when that is absent, an `If-Modified-Since` not older than
///   the file) gets 304.
/// - A file `<root>/_redirects`, read again on every request, overrides paths, one rule a
///   line (`#` starts a comment): `/old.html 301 /new.html` redirects (301, 302, 303, 307,
///   308, with the third field as `Location`), `/gone.html 410` answers that status with no
///   file. A site can so move or remove a post between two fetches, as real blogs do.
///
///     let server = try LoopbackServer(respond: fileServer(root: fixturesFolder))
///
/// - Parameter root: The folder to serve; it need not exist yet.
/// - Returns: A responder to pass to ``LoopbackServer``.
public func fileServer(root: String) -> @Sendable (HTTPRequest) -> Behaviour {
  { request in FileResponder(root: root).answer(request) }
}

/// Answers one request for a file under `root`.
struct FileResponder {
  let root: String

  func answer(_ request: HTTPRequest) -> Behaviour {
    guard request.method == "GET" || request.method == "HEAD" else {
      return .respond(
        status: 405, headers: [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")],
        body: Array("method not allowed: \(request.method)\n".utf8))
    }
    if let rule = redirectRule(for: request.path) { return rule }
    let segments: [String]
    switch Self.segments(of: request.path) {
    case .success(let found): segments = found
    case .failure(let refusal): return refusal.behaviour(for: request.target)
    }
    guard let file = resolve(segments) else {
      return FileRefusal.notFound.behaviour(for: request.target)
    }
    switch file {
    case .failure(let refusal): return refusal.behaviour(for: request.target)
    case .success(let found): return respond(with: found, to: request)
    }
  }

  /// The `_redirects` rule for a path, as a response; nil when no rule names it.
  func redirectRule(for path: String) -> Behaviour? {
    guard case .success(let file)? = ServedFile.read(root + "/_redirects") else { return nil }
    for line in String(decoding: file.bytes, as: UTF8.self).split(separator: "\n") {
      let fields = line.prefix { $0 != "#" }.split(whereSeparator: \.isWhitespace)
      guard fields.count >= 2, fields[0] == path, let status = Int(fields[1]) else { continue }
      if (300..<400).contains(status), fields.count >= 3 {
        return .respond(
          status: status,
          headers: [("Location", String(fields[2])), ("Content-Type", "text/plain")],
          body: Array("moved: \(fields[2])\n".utf8))
      }
      return .respond(
        status: status, headers: [("Content-Type", "text/plain")],
        body: Array("status \(status): \(path)\n".utf8))
    }
    return nil
  }

  /// Splits a percent-encoded path into decoded segments, refusing any that could leave `root`.
  static func segments(of path: String) -> Result<[String], FileRefusal> {
    guard path.hasPrefix("/") else { return .failure(.badRequest) }
    var segments: [String] = []
    for encoded in path.split(separator: "/") {
      guard let bytes = percentDecoded(encoded) else { return .failure(.badRequest) }
      guard !bytes.contains(0), !bytes.contains(UInt8(ascii: "/")) else {
        return .failure(.forbidden)
      }
      let segment = String(decoding: bytes, as: UTF8.self)
      guard segment != ".", segment != ".." else { return .failure(.forbidden) }
      segments.append(segment)
    }
    return .success(segments)
  }

  /// Decodes `%XX` escapes; returns `nil` for a malformed one.
  static func percentDecoded(_ text: Substring) -> [UInt8]? {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue),
        let low = iterator.next().flatMap(hexValue)
      else { return nil }
      bytes.append(high << 4 | low)
    }
    return bytes
  }

  private static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// Finds and reads the file the segments name, following a folder to its `index.html`.
  ///
  /// - Returns: `nil` when there is no such file, a refusal when the real path leaves `root`.
  func resolve(_ segments: [String]) -> Result<ServedFile, FileRefusal>? {
    guard let realRoot = Self.realPath(root) else { return nil }
    var path = ([root] + segments).joined(separator: "/")
    if Self.isDirectory(path) {
      path += "/index.html"
    }
    guard let realFile = Self.realPath(path) else { return nil }
    let inside = realRoot == "/" ? "/" : realRoot + "/"
    guard realFile.utf8.starts(with: inside.utf8) else {
      return .failure(.forbidden)
    }
    return ServedFile.read(realFile)
  }

  func respond(with file: ServedFile, to request: HTTPRequest) -> Behaviour {
    let validators = [("ETag", file.entityTag), ("Last-Modified", file.lastModified)]
    if isNotModified(file, request) {
      return .respond(status: 304, headers: validators, body: [])
    }
    return .respond(
      status: 200, headers: [("Content-Type", Self.contentType(of: file.path))] + validators,
      body: file.bytes)
  }

  /// Applies RFC 9110's rules: `If-None-Match` (weak comparison) decides when present,
  /// otherwise `If-Modified-Since`.
  private func isNotModified(_ file: ServedFile, _ request: HTTPRequest) -> Bool {
    if let condition = request.header("If-None-Match") {
      return condition.split(separator: ",").contains { candidate in
        let tag = candidate.trimmingHTTPWhitespace()
        return tag == "*" || (tag.hasPrefix("W/") ? tag.dropFirst(2) : tag) == file.entityTag
      }
    }
    if let condition = request.header("If-Modified-Since"), let since = HTTPDate.parse(condition) {
      return file.modificationSeconds <= since
    }
    return false
  }

  static func contentType(of path: String) -> String {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
    switch name[name.index(after: dot)...].lowercased() {
    case "html", "htm": return "text/html; charset=utf-8"
    case "txt": return "text/plain"
    default: return "application/octet-stream"
    }
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
  }
}

/// Why a file request is not answered with the file.
enum FileRefusal: Error {
  case badRequest
  case forbidden
  case notFound

  func behaviour(for target: String) -> Behaviour {
    let (status, message) =
      switch self {
      case .badRequest: (400, "bad request")
      case .forbidden: (403, "forbidden")
      case .notFound: (404, "not found")
      }
    return .respond(
      status: status, headers: [("Content-Type", "text/plain")],
      body: Array("\(message): \(target)\n".utf8))
  }
}
