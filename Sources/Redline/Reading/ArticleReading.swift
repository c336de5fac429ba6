#if canImport(Glibc)
  import CMalloc
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ArticleExtraction
import DocumentDecoding
import HTMLParsing

/// The article of one page, with the canonical text Redline stores and diffs.
public struct ReadArticle: Sendable {
  /// The extracted article.
  public let article: Article
  /// How the extractor found the body.
  public let method: String
  /// `article.canonicalText`, computed once.
  public let text: String
}

/// Parses and extracts one page.
/// - Parameters:
///   - bytes: the page as received or read, known to be HTML.
///   - charset: the character set declared outside the page (HTTP header), if any; a byte
///     order mark outranks it, and a label the bytes plainly contradict is ignored.
///   - url: where the page came from, for the `URL:` line when the page names no canonical URL.
/// - Throws: `ParseError` or `ExtractionError`.
public func readArticle(_ bytes: [UInt8], charset: String? = nil, url: String? = nil) throws
  -> ReadArticle
{
  // The encoding is decided as browsers do (BOM, HTTP header, <meta>, then the bytes).
  try readArticle(decodeText(bytes, declaredCharset: charset), url: url)
}

/// Parses and extracts one page that the decoding stage (`decodeDocument`) found to be HTML.
/// - Parameters:
///   - text: the page decoded to UTF-8.
///   - url: where the page came from, for the `URL:` line when the page names no canonical URL.
/// - Throws: `ParseError` or `ExtractionError`.
public func readArticle(_ text: DecodedText, url: String? = nil) throws -> ReadArticle {
  // libxml2 gets UTF-8 only, so it never meets an encoding it cannot convert.
  let document = try parseHTML(text.utf8, encoding: "utf-8")
  let result = try extractArticle(from: document, options: ExtractionOptions(url: url))
  return ReadArticle(
    article: result.article, method: result.method, text: result.article.canonicalText)
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
