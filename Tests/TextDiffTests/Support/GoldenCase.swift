import Foundation
import Testing
import TextDiff

/// One golden comparison: a fixture folder's `old` and `new`, and the output GNU diff 3.8 gave
/// for them with a given number of context lines.
///
/// Fixtures live in `Fixtures/<case>/`: `expected.diff` is `diff -u`, `expected-U0.diff` and
/// `expected-U1.diff` (when present) are `diff -U0` and `diff -U1`. `Fixtures/make-expected.sh`
/// makes them with GNU diff; never regenerate them from this package's own output.
struct GoldenCase: Sendable, CustomTestStringConvertible {
  let name: String
  let context: Int

  var testDescription: String { context == 3 ? name : "\(name) -U\(context)" }

  /// The folder that holds the fixture folders, found from this file's path so it works from
  /// any working directory.
  static let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures", isDirectory: true)

  /// Every case on disk, sorted by name then context.
  static let all: [GoldenCase] = {
    let fileManager = FileManager.default
    let names =
      (try? fileManager.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
    var cases: [GoldenCase] = []
    for name in names.sorted() {
      let folder = fixturesDirectory.appendingPathComponent(name, isDirectory: true)
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      for context in [0, 1, 3] {
        let expected = folder.appendingPathComponent(expectedFileName(context: context))
        if fileManager.fileExists(atPath: expected.path) {
          cases.append(GoldenCase(name: name, context: context))
        }
      }
    }
    return cases
  }()

  static func expectedFileName(context: Int) -> String {
    context == 3 ? "expected.diff" : "expected-U\(context).diff"
  }

  private var folder: URL { Self.fixturesDirectory.appendingPathComponent(name) }

  func read(_ file: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
  }

  var old: [UInt8] { get throws { try read("old") } }
  var new: [UInt8] { get throws { try read("new") } }
  var expected: [UInt8] { get throws { try read(Self.expectedFileName(context: context)) } }
}

/// A unified diff (-U5) from `expected` to `actual`, made with TextDiff itself, for failure
/// messages.
func mismatchReport(expected: [UInt8], actual: [UInt8]) -> String {
  let diff = diffLines(old: expected, new: actual, context: 5)
  let rendered = renderUnified(diff, oldHeader: "expected", newHeader: "actual")
  return String(decoding: rendered, as: UTF8.self)
}
