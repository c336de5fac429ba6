/// What a body or file is, as Redline reads it: the one answer to "is this HTML?".
public enum DocumentKind: Sendable, Equatable {
  /// An HTML (or XHTML) document to parse.
  case html
  /// Something else to keep as it is: the media type the Content-Type declared, or nil when
  /// nothing was declared and the bytes are text without HTML markup.
  case notHTML(mediaType: String?)
  /// Binary data (an image, a PDF, random bytes): labelled as HTML by its Content-Type
  /// (`declaredType`), or with no label at all (nil).
  case binary(declaredType: String?)
  /// No bytes at all.
  case empty
}

/// The outcome of the decoding stage: a document decoded to UTF-8, or why there is none.
public enum DocumentVerdict: Sendable, Equatable {
  /// An HTML document, decoded to UTF-8 with the character set browsers would choose.
  case html(DecodedText)
  /// See `DocumentKind.notHTML`.
  case notHTML(mediaType: String?)
  /// See `DocumentKind.binary`.
  case binary(declaredType: String?)
  /// See `DocumentKind.empty`.
  case empty
}

/// Decides what bytes are, from the Content-Type when one came, then from the bytes and the
/// file's name. The order:
///
/// 1. A Content-Type other than `text/html` or `application/xhtml+xml` is `.notHTML` with
///    that media type, whatever the bytes look like.
/// 2. `text/html` or XHTML is HTML, unless the bytes hold no HTML markup and are binary
///    (`.binary(declaredType:)`: a PNG or a PDF served as text/html).
/// 3. With no Content-Type: markup among the first non-blank bytes makes HTML; otherwise
///    binary bytes are `.binary(declaredType: nil)`; a file named `.html`, `.htm` or
///    `.xhtml` is HTML (even when empty: its name says what it is); no bytes are `.empty`;
///    anything else is text, `.notHTML(mediaType: nil)`.
///
/// Only the first `htmlSniffLength` bytes are read, so a caller holding a large file mapped
/// in memory can pass its head alone.
///
///     classifyDocument(Array("<!doctype html><p>Hi".utf8))               // .html
///     classifyDocument(png, contentType: "text/html")                      // .binary("text/html")
///     classifyDocument(Array("notes".utf8), fileName: "notes.txt")        // .notHTML(nil)
///
/// - Parameters:
///   - bytes: the body as received or the file as read (or its first `htmlSniffLength` bytes).
///   - contentType: the HTTP `Content-Type` value, if a response came with one.
///   - fileName: the local file's name or path, if the bytes came from a file.
/// - Returns: what the bytes are.
/// - Complexity: O(1): at most `htmlSniffLength` bytes are read.
public func classifyDocument(
  _ bytes: [UInt8], contentType: String? = nil, fileName: String? = nil
) -> DocumentKind {
  let type = mediaType(ofContentType: contentType)
  // A UTF-16 byte order mark decides the encoding, as browsers read it: its NUL bytes are
  // text, not binary data, so the start of the page is sniffed as the text it is.
  let bytes = utf16SniffingView(bytes) ?? bytes
  if let type {
    guard type == "text/html" || type == "application/xhtml+xml" else {
      return bytes.isEmpty ? .empty : .notHTML(mediaType: type)
    }
    if bytes.isEmpty { return .empty }
    return looksLikeHTML(bytes) || !looksBinary(bytes) ? .html : .binary(declaredType: type)
  }
  if looksLikeHTML(bytes) { return .html }
  if looksBinary(bytes) { return .binary(declaredType: nil) }
  if let fileName, hasHTMLName(fileName) { return .html }
  return bytes.isEmpty ? .empty : .notHTML(mediaType: nil)
}

/// The decoding stage: classifies bytes (`classifyDocument`) and decodes an HTML document to
/// UTF-8 as browsers choose its character set (`decodeText`: byte order mark, the
/// Content-Type's `charset`, `<meta charset>`, then the bytes). Snapshot, extract, diff and
/// feed discovery all read pages through it.
///
///     switch decodeDocument(response.body, contentType: response.header("Content-Type")) {
///     case .html(let text): try parseHTML(text.utf8, encoding: "utf-8")
///     case .notHTML(let type): keepRaw(type)
///     case .binary, .empty: refuse()
///     }
///
/// - Parameters:
///   - bytes: the body as received or the file as read.
///   - contentType: the HTTP `Content-Type` value, if a response came with one.
///   - fileName: the local file's name or path, if the bytes came from a file.
/// - Returns: the decoded document, or why the bytes are not one.
/// - Complexity: O(n) in the size of `bytes` for HTML; O(1) otherwise.
public func decodeDocument(
  _ bytes: [UInt8], contentType: String? = nil, fileName: String? = nil
) -> DocumentVerdict {
  switch classifyDocument(bytes, contentType: contentType, fileName: fileName) {
  case .html:
    .html(decodeText(bytes, declaredCharset: charset(inContentType: contentType)))
  case .notHTML(let mediaType): .notHTML(mediaType: mediaType)
  case .binary(let declaredType): .binary(declaredType: declaredType)
  case .empty: .empty
  }
}

/// The start of a UTF-16 document (a byte order mark first) as UTF-8, for sniffing; nil for
/// any other bytes.
private func utf16SniffingView(_ bytes: [UInt8]) -> [UInt8]? {
  let bigEndian: Bool
  if bytes.starts(with: [0xFF, 0xFE]) {
    bigEndian = false
  } else if bytes.starts(with: [0xFE, 0xFF]) {
    bigEndian = true
  } else {
    return nil
  }
  let body = bytes.dropFirst(2).prefix(utf16SniffingBytes)
  var units: [UInt16] = []
  units.reserveCapacity(body.count / 2)
  var index = body.startIndex
  while index + 1 < body.endIndex {
    let (first, second) = (UInt16(body[index]), UInt16(body[index + 1]))
    units.append(bigEndian ? first << 8 | second : second << 8 | first)
    index += 2
  }
  return Array(String(decoding: units, as: UTF16.self).utf8)
}

/// How much of a UTF-16 document is read to sniff it: the same 1,024 characters browsers look
/// at, two bytes each.
private let utf16SniffingBytes = 2_048
