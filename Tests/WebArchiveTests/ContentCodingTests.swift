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
