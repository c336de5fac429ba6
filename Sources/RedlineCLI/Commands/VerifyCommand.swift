import ArgumentParser
import Foundation
import Redline
import SnapshotStore

struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Re-hash every stored file and check every page's history chain.",
    discussion: """
      Prints one line per problem: "missing PATH: …", "altered PATH: …" (a hash, size or
      history chain does not match), "orphaned PATH: …" (no history line accounts for it) or
      "unchecked PATH: …". Writes a run cut short left behind are finished or removed first,
      as the next snapshot would. Exit status: 0 when the store is intact, 1 when anything is
      damaged, 2 when the store cannot be read.

      Example:
        redline verify --store Snapshots
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  func run() async throws {
    try await reportingErrors {
      let report = try verifyStore(storeOptions.folderStore)
      for problem in report.problems { writeLine(problem.description) }
      let repaired =
        report.repaired > 0 ? ", \(report.repaired) leftovers of interrupted writes cleaned" : ""
      FileHandle.standardError.write(
        Data(
          ("redline: verified \(report.pages) pages, \(report.captures) captures, "
            + "\(report.checks) history lines\(repaired): "
            + (report.isClean ? "intact" : "\(report.problems.count) problems") + "\n").utf8))
      if !report.isClean { throw ExitCode(1) }
    }
  }
}
