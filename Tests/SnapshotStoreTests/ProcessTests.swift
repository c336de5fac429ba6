import Foundation
import SnapshotStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The folder holding the built products (`redline`, `store-workload`).
private let productsFolder: URL = {
  var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("redline").path) {
      return url
    }
  }
  return URL(fileURLWithPath: ".build/debug")
}()

private func launch(_ product: String, _ arguments: [String]) throws -> Process {
  let process = Process()
  process.executableURL = productsFolder.appendingPathComponent(product)
  process.arguments = arguments
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  return process
}

/// Runs a product to the end; returns its exit status and standard output.
private func run(_ product: String, _ arguments: [String]) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = productsFolder.appendingPathComponent(product)
  process.arguments = arguments
  let output = Pipe()
  process.standardOutput = output
  // Errors join the output, so a failed expectation shows why.
  process.standardError = output
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let bytes = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
}

/// No two captures in a row with the same text, and check times strictly increasing.
private func expectNoDuplicates(_ store: FolderStore) throws {
  for page in try store.pages() {
    let captures = try store.captures(of: page)
    for (older, newer) in zip(captures, captures.dropFirst()) {
      #expect(older.metadata.textSHA256 != newer.metadata.textSHA256, "\(page.url) \(newer.time)")
    }
    let times = try store.history(of: page).map(\.time)
    #expect(times == times.sorted() && Set(times).count == times.count, "\(page.url)")
  }
}

// Serialized: each test blocks a thread of the cooperative pool for seconds while its
// processes run, and two at once stall every async test in the run.
@Suite("store across processes", .serialized)
struct ProcessTests {
  @Test("a writer killed with SIGKILL at random points leaves a store that verifies clean")
  func killedWriter() throws {
    try withTemporaryFolder { root in
      let writer = [
        "churn", "--store", root, "--pages", "3", "--checks", "1000000", "--change-every", "2",
      ]
      for _ in 0..<6 {
        let process = try launch("store-workload", writer)
        usleep(UInt32.random(in: 150_000...450_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let (status, problems) = try run("redline", ["verify", "--store", root])
        #expect(status == 0, "\(problems)")
      }
      let store = FolderStore(root: root)
      func checks() throws -> [String: Int] {
        Dictionary(
          uniqueKeysWithValues: try store.pages().map { ($0.url, try store.history(of: $0).count) })
      }
      let before = try checks()
      let (status, _) = try run(
        "store-workload",
        ["churn", "--store", root, "--pages", "3", "--checks", "2", "--change-every", "2"])
      #expect(status == 0)
      let after = try checks()
      #expect(after.count == 3)
      #expect(after.allSatisfy { url, count in count == (before[url] ?? 0) + 2 })
      #expect(try run("redline", ["verify", "--store", root]).0 == 0)
      try expectNoDuplicates(store)
    }
  }

  @Test("a writer killed during pages' first checks leaves a store that verifies clean")
  func killedFirstChecks() throws {
    for attempt in 0..<6 {
      try withTemporaryFolder { root in
        // Hundreds of pages never checked before: every write is some page's first.
        let process = try launch(
          "store-workload", ["churn", "--store", root, "--pages", "60", "--checks", "1"])
        usleep(UInt32(30_000 + attempt * 30_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Killed before it made the store: nothing to verify yet.
        if FileManager.default.fileExists(atPath: root) {
          let (status, problems) = try run("redline", ["verify", "--store", root])
          #expect(status == 0, "\(problems)")
        }
        let (finished, _) = try run(
          "store-workload", ["churn", "--store", root, "--pages", "60", "--checks", "1"])
        #expect(finished == 0)
        let (after, output) = try run("redline", ["verify", "--store", root])
        #expect(after == 0)
        #expect(!output.contains("incomplete"), "\(output)")
      }
    }
  }

  @Test("two runs writing one store at once: no corruption, no duplicate capture")
  func twoWriters() throws {
    try withTemporaryFolder { root in
      for version in 1...2 {
        let arguments = [
          "churn", "--store", root, "--pages", "4", "--checks", "5", "--version", "\(version)",
        ]
        let one = try launch("store-workload", arguments)
        let two = try launch("store-workload", arguments)
        one.waitUntilExit()
        two.waitUntilExit()
        #expect(one.terminationStatus == 0 && two.terminationStatus == 0)
        let store = FolderStore(root: root)
        let pages = try store.pages()
        #expect(pages.count == 4)
        for page in pages {
          #expect(try store.captures(of: page).count == version)
          #expect(try store.history(of: page).count == version * 10)
        }
        try expectNoDuplicates(store)
        #expect(try store.verify().isClean)
      }
    }
  }
}
