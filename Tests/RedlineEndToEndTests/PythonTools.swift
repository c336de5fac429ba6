import Foundation
import LoopbackServer
import Testing

/// The repository's root, from this file's place in it.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The Python of the test tools' virtualenv (`.venv-test`, with aiosmtpd and feedparser),
/// installed by `scripts/test-tools.sh` (which `make test` runs) and, when missing, by the
/// first test that needs it. Never skipped: a test that needs it fails without it.
private let testPython: Result<String, TestToolsMissing> = {
  let python = repositoryRoot.appendingPathComponent(".venv-test/bin/python3").path
  let script = repositoryRoot.appendingPathComponent("scripts/test-tools.sh").path
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/bash")
  process.arguments = [script]
  process.standardOutput = FileHandle.nullDevice
  do {
    try process.run()
    process.waitUntilExit()
  } catch {
    return .failure(TestToolsMissing(reason: "\(script): \(error)"))
  }
  guard process.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: python)
  else {
    return .failure(TestToolsMissing(reason: "\(script) exited \(process.terminationStatus)"))
  }
  return .success(python)
}()

struct TestToolsMissing: Error, CustomStringConvertible {
  let reason: String
  var description: String { "the Python test tools could not be installed: \(reason)" }
}

/// Runs a Python program of the test tools' virtualenv with `input` on standard input.
/// - Returns: its standard output.
func runPython(_ program: String, arguments: [String] = [], input: String = "") throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: try testPython.get())
  process.arguments = ["-c", program] + arguments
  let stdin = Pipe()
  let stdout = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  try process.run()
  stdin.fileHandleForWriting.write(Data(input.utf8))
  try stdin.fileHandleForWriting.close()
  let output = stdout.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  try #require(process.terminationStatus == 0, "python exited \(process.terminationStatus)")
  return String(decoding: output, as: UTF8.self)
}

/// A feed as Python's feedparser reads it, as a feed reader would: `bozo` (1 when the feed is
/// not well-formed or not what it says), `version` (`atom10`) and each entry's id, link and
/// title.
func readFeed(_ xml: String) throws -> [String: Any] {
  let program = """
    import feedparser, json, sys
    feed = feedparser.parse(sys.stdin.buffer.read())
    print(json.dumps({
        "bozo": int(feed.bozo), "bozo_exception": str(feed.get("bozo_exception", "")),
        "version": feed.version, "feed_id": feed.feed.get("id"),
        "entries": [{"id": e.get("id"), "link": e.get("link"), "title": e.get("title"),
                     "updated": e.get("updated")} for e in feed.entries]}))
    """
  let output = try runPython(program, input: xml)
  return try #require(
    JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
}

/// An SMTP server on 127.0.0.1 (aiosmtpd, from the test tools' virtualenv) that writes each
/// message it accepts as one JSON line. Its port is reserved at once and refuses connections
/// until `start()`, so a test can send to a server that is down, then up.
final class SMTPSink {
  let port: UInt16
  private var reserved: RefusingPort?
  private let folder: TemporaryFolder
  private var process: Process?
  private var stdin: Pipe?

  init() throws {
    let reservation = try RefusingPort()
    port = reservation.port
    reserved = reservation
    folder = try TemporaryFolder()
  }

  private var log: String { folder.file("messages.jsonl") }

  /// Starts the server on the reserved port and waits until it accepts connections.
  func start() throws {
    let program = """
      import email, email.policy, json, sys
      from aiosmtpd.controller import Controller
      port, out = int(sys.argv[1]), sys.argv[2]
      class Sink:
          async def handle_DATA(self, server, session, envelope):
              message = email.message_from_bytes(envelope.content, policy=email.policy.default)
              with open(out, "a") as f:
                  f.write(json.dumps({
                      "from": envelope.mail_from, "to": envelope.rcpt_tos,
                      "subject": str(message["Subject"]), "body": message.get_content(),
                      "delivery": message["X-Redline-Delivery"]}) + "\\n")
              return "250 OK"
      controller = Controller(Sink(), hostname="127.0.0.1", port=port)
      controller.start()
      print("ready", flush=True)
      sys.stdin.read()
      controller.stop()
      """
    reserved = nil
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try testPython.get())
    process.arguments = ["-c", program, String(port), log]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    self.process = process
    self.stdin = stdin
    let line = stdout.fileHandleForReading.availableDataUntilNewline()
    try #require(line == "ready", "the SMTP server did not start")
  }

  /// The messages accepted so far: `from`, `to`, `subject`, `body` (decoded), `delivery`.
  func messages() throws -> [[String: Any]] {
    guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
    return try text.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  deinit {
    try? stdin?.fileHandleForWriting.close()
    process?.waitUntilExit()
  }
}

extension FileHandle {
  /// Reads until a newline or the end; the line without its newline.
  fileprivate func availableDataUntilNewline() -> String {
    var bytes: [UInt8] = []
    while true {
      let chunk = readData(ofLength: 1)
      guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
