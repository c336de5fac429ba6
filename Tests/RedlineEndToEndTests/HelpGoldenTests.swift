import Foundation
import Testing

/// The folder of the help goldens, in the source tree (recording writes there).
private let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Golden")

/// The commands whose help is kept; "" is `redline --help`.
private let helpCommands = [
  "", "snapshot", "diff", "extract", "log", "show", "list", "audit", "verify", "repair", "notify",
  "watch", "export", "import",
]

/// The help of a command as an 80-column terminal shows it.
private func help(_ command: String) throws -> RunResult {
  try redline(command.isEmpty ? ["--help"] : [command, "--help"], environment: ["COLUMNS": "80"])
}

@Suite("help text")
struct HelpGoldenTests {
  /// `RECORD_SNAPSHOTS=1 swift test` rewrites `Golden/help-<command>.txt` and fails, so a
  /// recording never passes unnoticed; read every recorded file before committing it. A
  /// mismatch prints `redline diff` of the golden file and the help as it is.
  @Test("every command's --help is as recorded", arguments: helpCommands)
  func golden(_ command: String) throws {
    let result = try help(command)
    #expect(result.status == 0)
    let file = goldenFolder.appendingPathComponent(
      "help-\(command.isEmpty ? "redline" : command).txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try Data(result.stdout.utf8).write(to: file)
      Issue.record(
        "recorded \(file.path); read it, then run the tests again without RECORD_SNAPSHOTS")
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    guard expected != result.stdout else { return }
    let work = try TemporaryFolder()
    try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: work.file("actual.txt")))
    let difference = try redline(["diff", "-U5", file.path, work.file("actual.txt")])
    Issue.record(
      "help of '\(command)' differs from \(file.lastPathComponent):\n\(difference.stdout)")
  }

  /// ArgumentParser wraps help to the terminal's width: an example wider than 80 columns
  /// would be cut in the middle of a command on a common terminal. Long examples continue
  /// with ` \` on the next line instead.
  @Test("examples fit in 80 columns, wherever the help is wrapped", arguments: helpCommands)
  func examplesFit(_ command: String) throws {
    let wide = try redline(
      command.isEmpty ? ["--help"] : [command, "--help"], environment: ["COLUMNS": "400"])
    let lines = wide.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("Example") }) else {
      Issue.record("'\(command) --help' has no examples")
      return
    }
    let examples = lines[start...].prefix { !$0.isEmpty }
    for line in examples {
      #expect(line.count <= 80, "example wider than 80 columns: \(line)")
    }
    let usage = try help(command).stdout.split(separator: "\n").filter {
      $0.hasPrefix("USAGE:") || $0.hasPrefix("       redline")
    }
    for line in usage { #expect(line.count <= 80, "usage line wider than 80 columns: \(line)") }
  }
}
