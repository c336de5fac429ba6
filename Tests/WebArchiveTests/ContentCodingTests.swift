import Foundation
import Testing
import WebArchive

/// The bytes a program writes to standard output for `arguments` (the input file last).
private func output(of program: String, _ arguments: [String]) throws -> [UInt8] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  let out = Pipe()
  process.standardOutput = out
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let bytes = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "\(program) \(arguments)")
  return Array(bytes)
}

/// The archive virtualenv's Python, which has brotlipy (scripts/setup.sh).
private let archivePython = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent(".venv-archive/bin/python3").path

/// `bytes` encoded by a real encoder: the `gzip` and `zstd` programs, brotlipy for br.
private func encoded(_ bytes: [UInt8], _ coding: String) throws -> [UInt8] {
  let file = FileManager.default.temporaryDirectory.appendingPathComponent(
    "coding-\(UUID().uuidString)")
  try Data(bytes).write(to: file)
  defer { try? FileManager.default.removeItem(at: file) }
  switch coding {
  case "gzip": return try output(of: "/usr/bin/gzip", ["-c", "-n", file.path])
  case "zstd": return try output(of: "/usr/bin/zstd", ["-q", "-c", file.path])
  default:
    return try output(
      of: archivePython,
      [
        "-c",
        "import brotli, sys; "
          + "sys.stdout.buffer.write(brotli.compress(open(sys.argv[1], 'rb').read()))",
        file.path,
      ])
  }
}

private func block(_ coding: String, _ payload: [UInt8]) -> [UInt8] {
  Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: \(coding)\r\n\r\n".utf8)
    + payload
}

private let page = Array(
  String(repeating: "<p>Les pourparlers reprennent à Skhirat, dit-on.</p>\n", count: 400).utf8)

@Suite("payloads kept br-, zstd- or multiply encoded, as pywb's recorder and warcprox keep them")
struct ContentCodingTests {
  @Test("br and zstd payloads are decoded to the server's bytes", arguments: ["br", "zstd"])
  func decodes(coding: String) throws {
    let response = try parseHTTPResponse(
      block(coding, try encoded(page, coding)), maxPayload: 1 << 20)
    #expect(response.payload == page)
  }

  @Test("several codings are undone last first; zstd frames one after another are all read")
  func severalCodings() throws {
    let both = try encoded(try encoded(page, "gzip"), "br")
    #expect(try parseHTTPResponse(block("gzip, br", both), maxPayload: 1 << 20).payload == page)
    let frames = try encoded(Array(page.prefix(100)), "zstd") + encoded(page, "zstd")
    #expect(
      try parseHTTPResponse(block("zstd", frames), maxPayload: 1 << 20).payload
        == Array(page.prefix(100)) + page)
    // gzip members one after another, as gunzip reads them: the whole body.
    let members = try encoded(Array(page.prefix(100)), "gzip") + encoded(page, "gzip")
    #expect(
      try parseHTTPResponse(block("gzip", members), maxPayload: 1 << 20).payload
        == Array(page.prefix(100)) + page)
    let identity = block("identity", page)
    #expect(try parseHTTPResponse(identity, maxPayload: 1 << 20).payload == page)
  }

  @Test(
    "a cut or damaged stream, output past the limit and an unknown coding are refused",
    arguments: ["br", "zstd"])
  func refusals(coding: String) throws {
    let bytes = try encoded(page, coding)
    #expect(throws: HTTPPayloadError.self) {
      try parseHTTPResponse(block(coding, Array(bytes.dropLast(8))), maxPayload: 1 << 20)
    }
    #expect(throws: HTTPPayloadError.self) {
      try parseHTTPResponse(block(coding, Array(bytes.prefix(4)) + [1, 2, 3]), maxPayload: 1 << 20)
    }
    #expect(throws: HTTPPayloadError.self) {
      try parseHTTPResponse(block(coding, bytes + [0x41]), maxPayload: 1 << 20)
    }
    do {
      _ = try parseHTTPResponse(block(coding, bytes), maxPayload: page.count - 1)
      Issue.record("a payload over the limit was read")
    } catch {
      #expect("\(error)".contains("over \(page.count - 1) bytes"), "\(error)")
    }
    #expect(throws: HTTPPayloadError.self) {
      try parseHTTPResponse(block("compress", bytes), maxPayload: 1 << 20)
    }
  }
}

extension ContentCodingTests {
  @Test(
    "a body stored decoded under its Content-Encoding is taken as it is",
    arguments: ["gzip", "deflate", "br", "zstd", "gzip, br"])
  func storedDecoded(coding: String) throws {
    let markup = Array("\u{FEFF}\n  <!DOCTYPE html><p>déjà</p>".utf8)
    #expect(try parseHTTPResponse(block(coding, markup), maxPayload: 1 << 20).payload == markup)
    // Bytes that are neither the coding nor markup are still refused.
    #expect(throws: HTTPPayloadError.self) {
      try parseHTTPResponse(block(coding, Array("plain text".utf8)), maxPayload: 1 << 20)
    }
  }
}

@Suite("payloads cut short")
struct CutPayloadTests {
  private func response(_ head: String, _ body: String) throws -> ArchivedHTTPResponse {
    try parseHTTPResponse(Array((head + "\r\n\r\n" + body).utf8), maxPayload: 1 << 20)
  }

  @Test("fewer bytes than Content-Length, or chunks without the last one, are cut short")
  func cut() throws {
    #expect(try response("HTTP/1.1 200 OK\r\nContent-Length: 10", "<p>ab").isCutShort)
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
    let twoChunks = try response(chunked, "3\r\n<p>\r\n9\r\nab")
    #expect(twoChunks.isCutShort)
    #expect(twoChunks.payload == Array("<p>ab".utf8))
    #expect(try response(chunked, "3\r\n<p>\r\n").isCutShort)
  }

  @Test("whole bodies, bodiless statuses and decoded bodies that kept the header are not")
  func whole() throws {
    #expect(!(try response("HTTP/1.1 200 OK\r\nContent-Length: 5", "<p>ab").isCutShort))
    #expect(!(try response("HTTP/1.1 200 OK", "<p>ab").isCutShort))
    #expect(!(try response("HTTP/1.1 304 Not Modified\r\nContent-Length: 10", "").isCutShort))
    #expect(!(try response("HTTP/1.1 204 No Content\r\nContent-Length: 10", "").isCutShort))
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
    #expect(!(try response(chunked, "3\r\n<p>\r\n2\r\nab\r\n0\r\n\r\n").isCutShort))
    // Decoded by the writer, the header kept: the text's first line is no chunk size, or a
    // chunk larger than the bytes; either way not chunked, and whole.
    #expect(!(try response(chunked, "<!DOCTYPE html><p>ab").isCutShort))
    let hexLine = try response(chunked, "add\nmore text")
    #expect(!hexLine.isCutShort)
    #expect(hexLine.payload == Array("add\nmore text".utf8))
  }
}

@Suite("interim answers kept before the final one")
struct InterimAnswerTests {
  @Test("a 100 Continue or 103 Early Hints head before the final one is passed over")
  func interim() throws {
    let block = Array(
      ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n"
        + "\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n<p>ab")
        .utf8)
    let response = try parseHTTPResponse(block, maxPayload: 1 << 20)
    #expect(response.status == 200)
    #expect(response.header("Content-Type") == "text/html")
    #expect(response.payload == Array("<p>ab".utf8))
    #expect(!response.isCutShort)
    // A 1xx answer alone stays what it is.
    let alone = try parseHTTPResponse(
      Array("HTTP/1.1 103 Early Hints\r\n\r\n".utf8), maxPayload: 10)
    #expect(alone.status == 103)
  }

  @Test("a block of many interim heads is read without a deep recursion, and refused")
  func manyInterimHeads() throws {
    // 1 MiB of `100 Continue` heads (the first pass reads blocks up to 1 MiB): a hostile
    // record, read without exhausting the stack, and refused as no response.
    let heads = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 40_000)
    let block = Array((heads + "HTTP/1.1 200 OK\r\n\r\n<p>ab").utf8)
    #expect(throws: HTTPPayloadError.self) { try parseHTTPResponse(block, maxPayload: 1 << 20) }
    #expect(throws: HTTPPayloadError.self) { try parseHTTPHead(block) }
    // A few, as servers send them, are passed over.
    let few = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 5)
    let response = try parseHTTPResponse(
      Array((few + "HTTP/1.1 200 OK\r\n\r\n<p>ab").utf8), maxPayload: 1 << 20)
    #expect(response.status == 200)
    #expect(response.payload == Array("<p>ab".utf8))
  }
}
