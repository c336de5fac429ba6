import SnapshotStore
import WebArchive

extension CaptureExporter {
  /// The records of a capture whose exchange was stored: per hop, the request as sent and the
  /// response head as received, tied by `WARC-Concurrent-To`; the final response with the
  /// decoded body (codings renamed, length corrected), redirects with an empty payload (their
  /// bodies are not kept; `Content-Length` corrected the same way). HTTP/2 and HTTP/3 heads are
  /// written with HTTP/1.1 start lines and `WARC-Protocol: h2` (or `h3`).
  /// - Returns: the final payload, when the raw body was kept.
  mutating func writeExchange(
    _ exchange: StoredExchange, page: PageRecord, time: CaptureTime, responseID: String,
    body: [UInt8]?
  ) throws -> KeptPayload? {
    let date = time.iso8601
    var payload: KeptPayload?
    for (number, hop) in exchange.hops.enumerated() {
      let isFinal = number == exchange.hops.count - 1
      if isFinal && body == nil { break }
      let id = isFinal ? responseID : warcRecordID(named: "hop\(number):\(page.url):\(time)")
      let requestID = warcRecordID(named: "request\(number):\(page.url):\(time)")
      let protocolField = wireProtocol(hop.response.startLine).map { [("WARC-Protocol", $0)] } ?? []
      let hopBody = isFinal ? body ?? [] : []
      let status = statusCode(hop.response.startLine)
      let head = httpHead(
        startLine: http11StatusLine(hop.response.startLine, status: status),
        headers: decodedBodyHeaders(hop.response.headers, bodyCount: hopBody.count))
      let digest = WARCDigest.sha1(hopBody)
      let address =
        isFinal ? exchange.remoteAddress.map { [("WARC-IP-Address", $0)] } ?? [] : []
      let mime = mediaType(hop.response.headers)
      let concurrent = hop.request == nil ? [] : [("WARC-Concurrent-To", requestID)]
      try write(
        .http(
          .response, id: id, date: date, targetURI: hop.url,
          extraFields: concurrent + address + protocolField, head: head, payload: hopBody,
          payloadDigest: digest),
        url: hop.url, time: time, mime: mime, status: status, digest: digest)
      if let request = hop.request {
        let requestHead = httpHead(
          startLine: http11RequestLine(request.startLine),
          headers: request.headers.map { ($0.name, $0.value) })
        try write(
          .http(
            .request, id: requestID, date: date, targetURI: hop.url,
            extraFields: [("WARC-Concurrent-To", id)] + protocolField, head: requestHead,
            payload: []),
          url: hop.url, time: time, mime: nil, status: nil, digest: WARCDigest.sha1([]),
          isRequest: true)
      }
      if isFinal {
        summary.responses += 1
        payload = KeptPayload(
          recordID: id, uri: hop.url, date: date, digest: digest, mime: mime,
          length: hopBody.count)
      }
    }
    return payload
  }
}

/// `h2` or `h3` for a status line libcurl gave for HTTP/2 or HTTP/3; nil for HTTP/1.
private func wireProtocol(_ statusLine: String) -> String? {
  if statusLine.hasPrefix("HTTP/2") { return "h2" }
  if statusLine.hasPrefix("HTTP/3") { return "h3" }
  return nil
}

private func statusCode(_ statusLine: String) -> Int {
  let parts = statusLine.split(separator: " ", maxSplits: 2)
  return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
}

/// An HTTP/1 status line as received; for HTTP/2 and HTTP/3 (`HTTP/2 200`, no reason phrase)
/// the HTTP/1.1 line a WARC reader parses.
private func http11StatusLine(_ statusLine: String, status: Int) -> String {
  guard wireProtocol(statusLine) != nil else { return statusLine }
  return "HTTP/1.1 \(status) \(reasonPhrase(status))"
}

/// A request line with an HTTP/2 or HTTP/3 version written as HTTP/1.1.
private func http11RequestLine(_ line: String) -> String {
  for version in [" HTTP/2", " HTTP/3"] where line.hasSuffix(version) {
    return String(line.dropLast(version.count)) + " HTTP/1.1"
  }
  return line
}
