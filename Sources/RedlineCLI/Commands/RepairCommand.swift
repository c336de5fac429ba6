import ArgumentParser
import FoundationEssentials
import Redline
import SnapshotStore

struct RepairCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repair",
    _superCommandName: redlineCommandName,
    abstract: "Record a damaged page's damage in its history, so that its checks go on.",
    discussion: """
      snapshot skips a page whose history, head or page.json is damaged (deleted, garbled, \
      lines removed), rather than rebuild it over the evidence. repair is the explicit step \
      after which the page is checked again: it appends a "repaired" line to the page's \
      history that lists every problem verify finds and the capture files accepted as lost \
      (no longer read), and writes page.json and the head again. Nothing is hidden or \
      deleted: verify reports the recorded damage as "repaired" from then on, and log and \
      audit show it. A page holding a symbolic link is not repaired: remove the link first.

      repair --index builds the store's activity index (.activity.log, what audit --since \
      reads) again from the histories, when verify reports it damaged. Run it while no \
      snapshot runs.

      Exit status: 0 repaired, or nothing to repair; 2 trouble (unknown page, a link, a \
      store that cannot be written).

      Examples:
        redline repair https://example.blogspot.com/2016/07/post.html
        redline repair --index
      """
  )

  @Argument(help: "The damaged page's URL.")
  var url: String?

  @Flag(help: "Build the store's activity index again instead of repairing a page.")
  var index = false

  @OptionGroup var storeOptions: StoreOptions

  func validate() throws {
    guard (url == nil) == index else {
      throw ValidationError("give a page's URL, or --index (not both)")
    }
  }

  func run() throws {
    try reportingErrors {
      let store = try storeOptions.existingStore()
      guard let url else {
        try store.rebuildActivityIndex()
        writeError("redline: the activity index was built again from the histories\n")
        return
      }
      let result = try store.repair(url, time: CaptureTime(Date()))
      for problem in result.recorded { writeLine("recorded \(problem.description)") }
      if result.recorded.isEmpty {
        writeError("redline: \(url): nothing to repair\n")
      } else {
        writeError(
          "redline: \(url): \(result.recorded.count) problems recorded in its history; "
            + "its checks go on\n")
      }
    }
  }
}
