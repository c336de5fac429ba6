import Foundation
import SnapshotStore
import Testing
import WatchList

@Suite("the folder store's watch schedule")
struct WatchScheduleTests {
  private func write(_ text: String, to root: String) throws {
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try text.write(toFile: root + "/watches.toml", atomically: true, encoding: .utf8)
  }

  @Test("a watch file edited by hand between runs keeps each page's state")
  func handEdit() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      try write("[[watch]]\nurl = \"https://a.example/1\"\n", to: root)
      #expect(try store.claimDueWatches(at: 100, lease: 60).count == 1)
      try store.saveWatchStates([
        "https://a.example/1": WatchState().afterCheck(at: 100, changed: true, pinned: nil)
      ])
      try write(
        "# added by hand\n[[watch]]\nurl = \"https://b.example/2\"\n\n"
          + "[[watch]]\nurl = \"HTTPS://A.example/1\"\n", to: root)
      // The new watch is due at once; the old one (another spelling, the same page) keeps its
      // next check, 15 minutes after its first.
      #expect(
        try store.claimDueWatches(at: 200, lease: 10_000).map(\.watch.url) == [
          "https://b.example/2"
        ])
      #expect(
        try store.claimDueWatches(at: 1_000, lease: 60).map(\.watch.url) == [
          "HTTPS://A.example/1"
        ])
      #expect(try store.verify().isClean)
    }
  }

  @Test("a damaged schedule record makes its watch due, never skipped")
  func tornRecord() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      try write("[[watch]]\nurl = \"https://a.example/1\"\n", to: root)
      _ = try store.claimDueWatches(at: 100, lease: 10_000)
      #expect(try store.claimDueWatches(at: 200, lease: 10_000).isEmpty)
      let path = root + "/.watch-schedule"
      var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      let first = try #require(bytes.firstIndex(of: UInt8(ascii: "\n"))) + 1
      bytes.replaceSubrange(first..<first + 4, with: Array("\0\0\0\0".utf8))
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      #expect(try store.claimDueWatches(at: 200, lease: 10_000).count == 1)
    }
  }

  @Test("a schedule that is not the current format is compiled again, states lost, all due")
  func foreignSchedule() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      try write("[[watch]]\nurl = \"https://a.example/1\"\n", to: root)
      try "garbage\n".write(toFile: root + "/.watch-schedule", atomically: true, encoding: .utf8)
      #expect(try store.claimDueWatches(at: 100, lease: 60).count == 1)
    }
  }
}
