import Foundation
import HTTPFetching
import Redline
import SnapshotStore
import Testing
import WebArchive

/// A fetcher whose one answer came over HTTP/2, as libcurl reports such an exchange.
private struct HTTP2Fetcher: Fetching {
  func fetch(_ url: String) async throws -> Response {
    let html =
      "<html><head><title>Budget</title></head><body><article><p>"
      + String(repeating: "The council met to discuss the budget for the coming year. ", count: 5)
      + "</p></article></body></html>"
    let headers = [
      HTTPHeader(name: "content-type", value: "text/html"),
      HTTPHeader(name: "content-encoding", value: "gzip"),
    ]
    return Response(
      requestedURL: url, finalURL: url, status: 200, headers: headers, body: Array(html.utf8),
      exchange: Exchange(
        hops: [
          ExchangeHop(
            url: url,
            request: MessageHead(
              startLine: "GET /post HTTP/2",
              headers: [HTTPHeader(name: "Host", value: "blog.example")]),
            response: MessageHead(startLine: "HTTP/2 200", headers: headers))
        ], httpVersion: "2", remoteAddress: "192.0.2.1"))
  }
}

@Suite("export of an HTTP/2 exchange")
struct WebArchiveExportTests {
  @Test("HTTP/1.1 start lines, WARC-Protocol: h2, codings renamed, request tied to response")
  func http2() async throws {
    let root = NSTemporaryDirectory() + "redline-warc-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let store = FolderStore(root: root)
    let service = SnapshotService(fetcher: HTTP2Fetcher(), store: store)
    let report = await service.check("https://blog.example/post")
    #expect(report.line.hasPrefix("new"), "\(report.line)")
    let summary = try exportWebArchive(
      from: store, ExportRequest(format: .warc, output: root + "-out"))
    defer { try? FileManager.default.removeItem(atPath: root + "-out") }
    #expect(summary.responses == 1 && summary.records == 4)
    let warc = try #require(summary.files.first { $0.hasSuffix(".warc.gz") })
    let reader = try WARCReader(path: warc, maxBlockSize: 1 << 20)
    var records: [ReadRecord] = []
    while let record = try reader.next() { records.append(record) }
    #expect(records.map(\.type) == ["warcinfo", "response", "request", "resource", "metadata"])
    let response = records[1]
    let request = records[2]
    #expect(response.field("WARC-Protocol") == "h2")
    #expect(request.field("WARC-Protocol") == "h2")
    #expect(response.field("WARC-IP-Address") == "192.0.2.1")
    #expect(response.field("WARC-Concurrent-To") == request.field("WARC-Record-ID"))
    #expect(request.field("WARC-Concurrent-To") == response.field("WARC-Record-ID"))
    let head = String(decoding: response.block ?? [], as: UTF8.self)
    #expect(head.hasPrefix("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n"))
    #expect(head.contains("X-Orig-content-encoding: gzip\r\n"))
    #expect(head.contains("Content-Length: "))
    #expect(
      String(decoding: request.block ?? [], as: UTF8.self).hasPrefix("GET /post HTTP/1.1\r\n"))
    #expect(
      records[3].field("WARC-Target-URI")
        == "urn:redline:article:\(report.capture?.description ?? ""):https://blog.example/post")
  }
}
