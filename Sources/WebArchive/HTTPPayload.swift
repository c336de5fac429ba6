internal import CContentCodings
internal import CZlibWrappers

/// An HTTP response as a WARC `response` (or `revisit`) block holds it, parsed: the status
/// line, header fields, and the payload with transfer and content codings removed.
public struct ArchivedHTTPResponse: Sendable {
  /// The status line as written.
  public let statusLine: String
  /// The status code.
  public let status: Int
  /// The header fields, in order.
  public let headers: [(name: String, value: String)]
  /// The payload: de-chunked, and decoded when a `Content-Encoding` names gzip, deflate, br or
  /// zstd.
  public let payload: [UInt8]
  /// True when the payload ended early: before the end its `Content-Length` gives, or
  /// inside a chunk or before the last (empty) chunk. A body a crawler stopped reading (a
  /// timeout, a size limit, a dropped connection) is a part of the page, not a version of it.
  /// Never set for statuses that have no body (1xx, 204, 304).
  public let isCutShort: Bool

  /// The value of the last header field with this name (case-insensitive).
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.last { $0.name.lowercased() == wanted }?.value
  }
}

/// Why an HTTP block could not be read.
public struct HTTPPayloadError: Error, Sendable, CustomStringConvertible {
  /// What was wrong.
  public let description: String
}

/// Parses the HTTP response in a WARC block.
///
/// wget, Heritrix and pywb's recorder keep the bytes as transferred (chunked, gzip- or
/// br-encoded); Browsertrix and Redline keep them decoded with the codings' headers renamed
/// `X-Orig-…`. Both read the same here: chunks are joined when `Transfer-Encoding` says
/// chunked and the bytes are chunked, and the codings `Content-Encoding` names (gzip,
/// deflate, br, zstd; several in a list) are undone, up to `maxPayload` bytes.
/// - Throws: `HTTPPayloadError` for a block without a status line, an encoding that cannot
///   be decoded (an unknown one, damaged bytes), or a payload over `maxPayload`.
public func parseHTTPResponse(_ block: [UInt8], maxPayload: Int) throws -> ArchivedHTTPResponse {
  let (statusLine, status, headers, payloadStart) = try httpHead(of: block)
  var payload = Array(block[payloadStart...])
  func value(_ name: String) -> String {
    headers.last { $0.name.lowercased() == name }?.value.lowercased() ?? ""
  }
  let hasBody = status >= 200 && status != 204 && status != 304
  var isCutShort = false
  if value("transfer-encoding").contains("chunked"), let joined = dechunked(payload) {
    payload = joined.data
    isCutShort = !joined.complete && hasBody
  } else if let length = Int(value("content-length")), payload.count < length {
    isCutShort = hasBody
  }
  // Codings in the order they were applied (`gzip, br`), so undone last first.
  let codings = value("content-encoding").split(separator: ",").map {
    String($0).trimmingBlanks()
  }.filter { !$0.isEmpty && $0 != "identity" }
  for coding in codings.reversed() {
    do {
      switch coding {
      case "gzip", "x-gzip", "deflate":
        payload = try decompressed(payload, gzip: coding != "deflate", limit: maxPayload)
      case "br", "zstd":
        payload = try decoded(payload, coding: coding, limit: maxPayload)
      default:
        throw HTTPPayloadError(description: "content encoding \(coding) cannot be decoded")
      }
    } catch {
      // Some crawlers store the body decoded and keep `Content-Encoding` (warcio's reader
      // tries to decode, then takes the bytes as they are): markup that does not decode is
      // such a body. No coding's output starts with `<` where decoding failed.
      guard startsLikeMarkup(payload) else { throw error }
      break
    }
  }
  guard payload.count <= maxPayload else {
    throw HTTPPayloadError(description: "the payload is over \(maxPayload) bytes")
  }
  return ArchivedHTTPResponse(
    statusLine: statusLine, status: status, headers: headers, payload: payload,
    isCutShort: isCutShort)
}

/// True when the first byte after white space (and a UTF-8 byte order mark) is `<`.
private func startsLikeMarkup(_ bytes: [UInt8]) -> Bool {
  var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  return index < bytes.count && bytes[index] == UInt8(ascii: "<")
}

/// The status line, status, header fields and payload offset of an HTTP response block.
/// - Throws: `HTTPPayloadError` when there is no status line.
public func parseHTTPHead(_ block: [UInt8]) throws -> (
  statusLine: String, status: Int, headers: [(name: String, value: String)], payloadStart: Int
) {
  try httpHead(of: block)
}

/// The most interim answers (`100 Continue`, `103 Early Hints`) passed over before the final
/// one: a server sends one or two; a block of thousands is no response.
private let maxInterimAnswers = 100

/// The final head of a block: interim answers that a recorder of the raw bytes kept before
/// the final one (100 Continue, 103 Early Hints; not 101, after which the bytes are another
/// protocol's) are passed over, in a loop (a hostile block of thousands of them must not
/// recurse that deep), up to `maxInterimAnswers`.
private func httpHead(of block: [UInt8]) throws(HTTPPayloadError) -> (
  statusLine: String, status: Int, headers: [(name: String, value: String)], payloadStart: Int
) {
  var head = try oneHead(of: block, from: 0)
  var interim = 0
  while (100..<200).contains(head.status), head.status != 101,
    block[head.payloadStart...].starts(with: Array("HTTP/".utf8))
  {
    interim += 1
    guard interim <= maxInterimAnswers else {
      throw HTTPPayloadError(description: "over \(maxInterimAnswers) interim (1xx) answers")
    }
    head = try oneHead(of: block, from: head.payloadStart)
  }
  return head
}

/// One head, from `start`.
private func oneHead(of block: [UInt8], from start: Int) throws(HTTPPayloadError) -> (
  statusLine: String, status: Int, headers: [(name: String, value: String)], payloadStart: Int
) {
  var lines: [String] = []
  var index = start
  var payloadStart = block.count
  while index < block.count {
    guard let newline = block[index...].firstIndex(of: 0x0A) else { break }
    var end = newline
    if end > index && block[end - 1] == 0x0D { end -= 1 }
    let line = String(decoding: block[index..<end], as: UTF8.self)
    index = newline + 1
    if line.isEmpty {
      payloadStart = index
      break
    }
    lines.append(line)
    guard lines.count <= 1000 else {
      throw HTTPPayloadError(description: "over 1,000 header lines")
    }
  }
  guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else {
    throw HTTPPayloadError(description: "no HTTP status line")
  }
  let parts = statusLine.split(separator: " ", maxSplits: 2)
  guard parts.count >= 2, let status = Int(parts[1]) else {
    throw HTTPPayloadError(description: "a status line without a status: \(statusLine.prefix(40))")
  }
  let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
    guard let colon = line.firstIndex(of: ":") else { return nil }
    return (
      String(line[..<colon]).trimmingBlanks(),
      String(line[line.index(after: colon)...]).trimmingBlanks()
    )
  }
  return (statusLine, status, headers, payloadStart)
}

/// The data of a chunked body, and whether it ended with its last (empty) chunk; nil when the
/// bytes are not chunked (a writer that decoded them kept the header). Chunks that parse up
/// to where the bytes end, inside a chunk's data or before the last chunk, are a body cut
/// short: their data, not complete.
func dechunked(_ bytes: [UInt8]) -> (data: [UInt8], complete: Bool)? {
  var output: [UInt8] = []
  var index = 0
  var chunks = 0
  while true {
    // The bytes end after a whole chunk: cut before the last chunk.
    if index == bytes.count, chunks > 0 { return (output, false) }
    guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
    let lineEnd = newline > index && bytes[newline - 1] == 0x0D ? newline - 1 : newline
    let sizeText =
      String(decoding: bytes[index..<lineEnd], as: UTF8.self)
      .split(separator: ";").first.map(String.init)?.trimmingBlanks() ?? ""
    guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
    index = newline + 1
    if size == 0 { return (output, true) }
    chunks += 1
    guard size <= bytes.count - index else {
      // Cut inside a chunk's data, after a whole chunk; a first chunk larger than all the
      // bytes is taken for no chunking, as before (decoded text whose first line is hex).
      guard chunks > 1 else { return nil }
      return (output + bytes[index...], false)
    }
    output += bytes[index..<(index + size)]
    index += size
    // The CRLF after the chunk's data.
    if index < bytes.count && bytes[index] == 0x0D { index += 1 }
    if index < bytes.count && bytes[index] == 0x0A { index += 1 }
  }
}

/// A brotli or Zstandard payload decoded (libbrotlidec, libzstd: loaded on first use), at
/// most `limit` bytes out.
func decoded(_ bytes: [UInt8], coding: String, limit: Int) throws(HTTPPayloadError) -> [UInt8] {
  var output: UnsafeMutablePointer<UInt8>?
  var size = 0
  let result = bytes.withUnsafeBufferPointer { input in
    coding == "br"
      ? ccodings_brotli(input.baseAddress, input.count, limit, &output, &size)
      : ccodings_zstd(input.baseAddress, input.count, limit, &output, &size)
  }
  defer { ccodings_free(output) }
  switch result {
  case ccodings_decoded:
    return output.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  case ccodings_missing:
    let library = coding == "br" ? "libbrotlidec" : "libzstd"
    throw HTTPPayloadError(
      description: "content encoding \(coding) cannot be decoded: \(library) could not be loaded")
  case ccodings_too_large:
    throw HTTPPayloadError(description: "the \(coding) payload is over \(limit) bytes")
  default:
    throw HTTPPayloadError(description: "the \(coding) payload is damaged")
  }
}

/// gzip (and zlib, detected) or deflate (zlib, or raw as some servers send it), at most
/// `limit` bytes out.
func decompressed(_ bytes: [UInt8], gzip: Bool, limit: Int) throws(HTTPPayloadError) -> [UInt8] {
  let attempts: [Int32] = gzip ? [15 + 32] : [15, -15]
  for windowBits in attempts {
    if let output = inflated(bytes, windowBits: windowBits, limit: limit) { return output }
  }
  throw HTTPPayloadError(
    description: "the \(gzip ? "gzip" : "deflate") payload is damaged or too large")
}

private func inflated(_ bytes: [UInt8], windowBits: Int32, limit: Int) -> [UInt8]? {
  var stream = z_stream()
  guard czlib_inflate_init(&stream, windowBits) == Z_OK else { return nil }
  defer { inflateEnd(&stream) }
  var input = bytes
  var output: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 256 * 1024)
  var code: Int32 = Z_OK
  input.withUnsafeMutableBufferPointer { inputBuffer in
    stream.next_in = inputBuffer.baseAddress
    stream.avail_in = uInt(inputBuffer.count)
    while code == Z_OK && output.count <= limit {
      chunk.withUnsafeMutableBufferPointer { out in
        stream.next_out = out.baseAddress
        stream.avail_out = uInt(out.count)
        code = inflate(&stream, Z_NO_FLUSH)
        output += out[0..<(out.count - Int(stream.avail_out))]
      }
      if code == Z_BUF_ERROR && stream.avail_in == 0 { break }
      // gzip members one after another (a server that compresses its output in pieces) are
      // one body, as browsers and gunzip read them: the next member is inflated too.
      if code == Z_STREAM_END, windowBits > 15, stream.avail_in >= 2,
        let next = stream.next_in, next[0] == 0x1F, next[1] == 0x8B
      {
        code = inflateReset(&stream)
      }
    }
  }
  guard code == Z_STREAM_END, output.count <= limit else { return nil }
  return output
}
