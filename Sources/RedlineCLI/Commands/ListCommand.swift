import ArgumentParser
import Redline
import SnapshotStore

struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the pages in the store.",
    discussion: """
      One line per page: number of captures, time of the last change, time of the last check,
      and the URL.

      Example:
        redline list --store Snapshots
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  func run() async throws {
    try await reportingErrors {
      for page in try ArchiveQueries(store: storeOptions.folderStore).list() {
        let captures = page.captures == 1 ? "1 capture " : "\(page.captures) captures"
        writeLine(
          "\(captures)  changed \(page.lastChanged ?? "never")  checked \(page.lastChecked ?? "never")  \(page.url)"
        )
      }
    }
  }
}
