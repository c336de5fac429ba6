import ArgumentParser
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Redline
import SnapshotStore

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    _superCommandName: redlineCommandName,
    abstract: "Re-hash every stored file and check every page's history chain.",
    discussion: """
      Prints one line per problem: "missing PATH: …", "altered PATH: …" (a hash, size or \
      history chain does not match), "orphaned PATH: …" (no history line accounts for it) or \
      "unchecked PATH: …" (a page a running snapshot held too long). It only reads, so it \
      checks read-only copies, other users' stores and full disks. A write a stopped run left \
      half done is "incomplete PATH: …": not damage, the next snapshot completes or removes \
      it. Exit status: 0 when the store is intact, 1 when anything is damaged, 2 when the \
      store cannot be read.

      Example:
        redline verify --store Snapshots
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    try reportingErrors {
      let report = try verifyStore(try storeOptions.existingStore())
      for problem in report.problems { writeLine(problem.description) }
      var notes = ""
      if report.incomplete > 0 {
        notes += ", \(counted(report.incomplete, "write")) left incomplete by a stopped run"
      }
      if report.repaired > 0 {
        notes += ", \(counted(report.repaired, "repaired damage")) on record"
      }
      let damage = report.problems.count - report.incomplete - report.repaired
      let verdict = report.isClean ? "intact" : counted(damage, "problem")
      writeError(
        "redline: verified \(counted(report.pages, "page")), "
          + "\(counted(report.captures, "capture")), "
          + "\(counted(report.checks, "history line"))\(notes): \(verdict)\n")
      if !report.isClean { throw ExitCode(1) }
    }
  }
}

/// `1 page`, `2 pages`.
private func counted(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
