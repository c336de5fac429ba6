#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The input without its NUL bytes, or nil when it has none.
///
/// libxml2 2.9's HTML parser takes a NUL right after a tag for the end of the input and drops
/// everything after it: one stray NUL in a post (a bad copy and paste, a broken encoder) would
/// cost the rest of the article. Browsers ignore a NUL in the body (WHATWG HTML, "in body"
/// insertion mode: a U+0000 character token is a parse error and is ignored), so removing them
/// before parsing reads the page as a browser shows it.
func removingNULs(_ bytes: [UInt8]) -> [UInt8]? {
  let hasNUL = bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return false }
    return memchr(base, 0, buffer.count) != nil
  }
  guard hasNUL else { return nil }
  return bytes.filter { $0 != 0 }
}
