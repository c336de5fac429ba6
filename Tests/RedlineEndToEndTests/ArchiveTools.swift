import Foundation
import Testing

/// The web-archive world's validators, from `.venv-archive/` (made by scripts/setup.sh, which
/// `make test` runs). A missing tool fails the test that needs it rather than skipping it, so
/// CI cannot pass without running them; `REDLINE_SKIP_ARCHIVE_TOOLS=1` skips them explicitly.
enum ArchiveTools {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      ".venv-archive/bin")

  static var skipped: Bool {
    ProcessInfo.processInfo.environment["REDLINE_SKIP_ARCHIVE_TOOLS"] == "1"
  }

  /// Runs a tool of the virtualenv; records a failure when it is not installed. With
  /// `seconds`, it runs under coreutils' `timeout`, which sends SIGTERM (then SIGKILL 10 s
  /// later) when the time is up, so that a tool that hangs fails the test instead of hanging it.
  static func run(
    _ tool: String, _ arguments: [String], in directory: String? = nil, seconds: Int? = nil
  ) throws -> RunResult? {
    guard !skipped else { return nil }
    let path = folder.appendingPathComponent(tool).path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record("\(path) is missing: run scripts/setup.sh (make test does)")
      return nil
    }
    guard let seconds else { return try runProgram(path, arguments, in: directory) }
    return try runProgram(
      "/usr/bin/timeout", ["-k", "10", String(seconds), path] + arguments, in: directory)
  }
}

/// Runs a program and returns its exit status and output.
func runProgram(_ path: String, _ arguments: [String], in directory: String? = nil) throws
  -> RunResult
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  // Standard error is read on another thread: a tool that fills that pipe would otherwise
  // block while this thread waits for standard output to end.
  let errors = ErrorCollector(err.fileHandleForReading)
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
    stderr: errors.text())
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorCollector: @unchecked Sendable {
  // Written once by the reading thread before `done` is signalled; read only after.
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func text() -> String {
    done.wait()
    return String(decoding: data, as: UTF8.self)
  }
}
