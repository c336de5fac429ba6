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
