import Foundation
import Testing

@testable import SnapshotStore

/// `gunzippedWhole`, which `verify` reads kept payloads with: a member's size field is trusted
/// only as far as deflate can expand the member's bytes.
@Suite("a kept payload's gzip member read whole")
struct GunzippedWholeTests {
  /// `gzip -n -c` of `bytes`, by the system's gzip.
  private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let work = NSTemporaryDirectory() + "redline-gunzip-" + UUID().uuidString
    try Data(bytes).write(to: URL(fileURLWithPath: work))
    defer { try? FileManager.default.removeItem(atPath: work) }
    process.arguments = ["-c", "gzip -n -c '\(work)'"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
  }

  @Test("a member as gzip writes it reads back; a forged size field is refused")
  func forgedSize() throws {
    let text = Array(String(repeating: "The bridge reopens on Tuesday. ", count: 200).utf8)
    let member = try gzip(text)
    #expect(gunzippedWhole(member) == text)
    // The size field claims 1 GiB − 1 from a member of a few hundred bytes: more than deflate
    // can give, refused before an output of that size is allocated.
    var forged = member
    let end = forged.count
    for (offset, byte) in [0xFF, 0xFF, 0xFF, 0x3F].enumerated() {
      forged[end - 4 + offset] = UInt8(byte)
    }
    #expect(gunzippedWhole(forged) == nil)
    // A size field off by one from the truth: refused by libdeflate's check.
    var wrong = member
    wrong[end - 4] &+= 1
    #expect(gunzippedWhole(wrong) == nil)
  }
}
