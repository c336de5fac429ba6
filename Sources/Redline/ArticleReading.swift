import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import CMalloc
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArticleExtraction
import HTMLParsing
import HTTPFetching

/// The article of one page, with the canonical text Redline stores and diffs.
public struct ReadArticle: Sendable {
  /// The extracted article.
  public let article: Article
  /// How the extractor found the body.
  public let method: String
  /// `article.canonicalText`, computed once.
  public let text: String
  /// Where the body's links point, each once (`Article.links`).
  public let links: [String]
}

/// Parses and extracts one page.
/// - Parameters:
///   - bytes: the page as received or read.
///   - charset: the character set declared outside the page (HTTP header), if any; a byte
///     order mark outranks it, and a label the bytes plainly contradict is ignored.
///   - url: where the page came from, for the `URL:` line when the page names no canonical URL.
/// - Throws: `ParseError` or `ExtractionError`.
public func readArticle(_ bytes: [UInt8], charset: String? = nil, url: String? = nil) throws
  -> ReadArticle
{
  // The encoding is decided here as browsers do (BOM, HTTP header, <meta>, then the bytes), and
  // libxml2 gets UTF-8 only, so it never meets an encoding it cannot convert.
  let text = decodeText(bytes, declaredCharset: charset)
  let document = try parseHTML(text.utf8, encoding: "utf-8")
  let result = try extractArticle(from: document, options: ExtractionOptions(url: url))
  return ReadArticle(
    article: result.article, method: result.method, text: result.article.canonicalText,
    links: result.article.links)
}

/// Tunes the allocator for extracting many pages in one process. Pages extracted one after
/// another allocate and free buffers of about the same sizes; by default glibc hands large ones
/// back to the kernel after each page and the next page faults them in again, zeroed (a few
/// percent of a corpus run). This keeps them in the heap instead. `redline extract` and the
/// `extract-timing` benchmark both call it, so the benchmark times what users run.
public func keepFreedMemoryForReuse() {
  #if canImport(Glibc)
    _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
  #endif
}

/// The largest page Redline reads from a file: `parseHTML`'s own limit (256 MiB), checked before
/// a file is read so that a huge file is refused without reading it into memory.
public let maximumPageBytes = maximumInputBytes

/// Whether a file name ends in `.html`, `.htm` or `.xhtml` (any case).
public func hasHTMLName(_ path: String) -> Bool {
  let lowered = path.lowercased()
  return lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || lowered.hasSuffix(".xhtml")
}

/// Whether bytes look like an HTML document: a tag that only HTML starts with among the first
/// non-blank characters. NUL bytes or broken UTF-8 after that (a page pasted together from
/// badly encoded parts) do not make it binary data: binary formats never start with such a tag.
public func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
  let head = bytes.prefix(htmlSniffLength)
  var start = head.startIndex
  if head.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
  while start < head.endIndex, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(head[start]) { start += 1 }
  guard start < head.endIndex, head[start] == UInt8(ascii: "<") else { return false }
  let text = String(decoding: head[start...], as: UTF8.self).lowercased()
  return htmlMarkers.contains { text.contains($0) }
}

/// Whether bytes are binary data rather than text: a NUL, or many control characters, near the
/// start (the WHATWG sniffing rule for "binary data bytes").
public func looksBinary(_ bytes: [UInt8]) -> Bool {
  let head = bytes.prefix(htmlSniffLength)
  let binaryBytes = head.count { byte in
    byte <= 0x08 || byte == 0x0B || (0x0E...0x1A).contains(byte) || (0x1C...0x1F).contains(byte)
  }
  return head.contains(0) || binaryBytes * 10 > head.count
}

/// How far into a file sniffing looks (the WHATWG sniffing algorithm reads 1,445 bytes).
public let htmlSniffLength = 1445

private let htmlMarkers = [
  "<!doctype html", "<html", "<head", "<body", "<title", "<meta", "<p", "<div", "<article",
  "<h1", "<!--", "<br", "<table", "<a ", "<script", "<style", "<iframe", "<font", "<b>",
]

/// The `charset` parameter of a Content-Type value, lower-cased.
func charset(inContentType value: String?) -> String? {
  guard let value else { return nil }
  for parameter in value.split(separator: ";").dropFirst() {
    let pair = parameter.split(separator: "=", maxSplits: 1)
    guard pair.count == 2,
      pair[0].trimmingSpaces().lowercased() == "charset"
    else { continue }
    let name = pair[1].trimmingSpaces().trimming { $0 == "\"" || $0 == "'" }.lowercased()
    return name.isEmpty ? nil : name
  }
  return nil
}
