import DocumentDecoding
import FeedParsing
import HTMLParsing
import UnicodeSpaces

/// The longest delay, in seconds, of a `<meta http-equiv="refresh">` that sends the reader to
/// another address and counts as a redirect: static sites' redirect pages (Hugo aliases,
/// jekyll-redirect-from) and "this blog has moved" templates wait 0 to a few seconds; a news
/// page that reloads itself every few minutes is no move.
let metaRefreshRedirectSeconds = 10.0

/// Elements a refresh inside of which sends no reader anywhere. `<noscript>`: it sends readers
/// without scripts to a "please enable JavaScript" page; the page itself, with its article, is
/// what everyone else reads. The others browsers read as text, not markup (`<textarea>`, where
/// a tutorial offers a redirect's code to copy, `<xmp>`, `<iframe>`, `<noembed>`,
/// `<noframes>`), keep inert (`<template>`), or read as another namespace's element (`<svg>`,
/// `<math>`); libxml2 parses a `<meta>` in any of them as an element.
private let refreshInertContainers = [
  "noscript", "template", "textarea", "xmp", "iframe", "noembed", "noframes", "svg", "math",
]

/// Where a page's `<meta http-equiv="refresh" content="N; url=…">` sends the reader, resolved
/// against `base`, when it does so within `metaRefreshRedirectSeconds` and not from inside
/// `<noscript>` or another of `refreshInertContainers`; nil when the page has no such element
/// (most pages: they are not parsed a second time unless `http-equiv="refresh"` is in them).
func metaRefreshTarget(_ text: DecodedText, base: String) -> String? {
  guard containsRefresh(text.utf8), let document = try? parseHTML(text.utf8, encoding: "utf-8")
  else { return nil }
  let inert = refreshInertContainers.flatMap { document.elements(named: $0) }
  for meta in document.elements(named: "meta") {
    guard
      document.attribute("http-equiv", of: meta).map(trimmedLowercase) == "refresh",
      !inert.contains(where: { document.contains($0, meta) }),
      let content = document.attribute("content", of: meta),
      let (delay, reference) = refreshContent(content), delay <= metaRefreshRedirectSeconds,
      !reference.isEmpty
    else { continue }
    return resolveURL(reference, against: base)
  }
  return nil
}

/// The delay and URL of a refresh's `content`, as HTML reads it: digits (and a fraction), then
/// `;` or `,`, then optionally `url=` and the URL, quoted or not. Nil when it does not start
/// with a number; the URL is empty when there is none (the page reloads itself).
func refreshContent(_ content: String) -> (delay: Double, url: String)? {
  var rest = Substring(content).drop(while: \.isWhitespace)
  let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
  guard let delay = Double(number.hasSuffix(".") ? number.dropLast() : number) else {
    return nil
  }
  rest = rest.dropFirst(number.count).drop(while: \.isWhitespace)
  guard let separator = rest.first, separator == ";" || separator == "," else { return (delay, "") }
  rest = rest.dropFirst().drop(while: \.isWhitespace)
  if rest.lowercased().hasPrefix("url") {
    let afterName = rest.dropFirst(3).drop(while: \.isWhitespace)
    if afterName.first == "=" { rest = afterName.dropFirst().drop(while: \.isWhitespace) }
  }
  if let quote = rest.first, quote == "'" || quote == "\"" {
    rest = rest.dropFirst().prefix { $0 != quote }
  }
  return (delay, String(rest).trimmingSpacesAndNewlines())
}

/// Whether the bytes hold `http-equiv="refresh"` (in any case, quoted or not, with spaces
/// around `=`): the cheap test before a second parse. Looking for `refresh` alone would parse
/// again every page whose scripts say `refreshToken`.
private func containsRefresh(_ bytes: [UInt8]) -> Bool {
  let name = Array("http-equiv".utf8)
  let value = Array("refresh".utf8)
  func matches(_ word: [UInt8], at start: Int) -> Bool {
    guard start + word.count <= bytes.count else { return false }
    for offset in word.indices where bytes[start + offset] | 0x20 != word[offset] { return false }
    return true
  }
  func skippingSpaces(_ index: Int) -> Int {
    var index = index
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[index]) { index += 1 }
    return index
  }
  var index = 0
  while index + name.count <= bytes.count {
    defer { index += 1 }
    guard matches(name, at: index) else { continue }
    var next = skippingSpaces(index + name.count)
    guard next < bytes.count, bytes[next] == UInt8(ascii: "=") else { continue }
    next = skippingSpaces(next + 1)
    if next < bytes.count, bytes[next] == UInt8(ascii: "\"") || bytes[next] == UInt8(ascii: "'") {
      next += 1
    }
    if matches(value, at: next) { return true }
  }
  return false
}

private func trimmedLowercase(_ text: String) -> String {
  text.lowercased().trimmingSpacesAndNewlines()
}
