import ArgumentParser
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import FileDescriptorIO
import HTTPFetching
import Redline
import SnapshotStore

let redlineVersionString = redlineVersion

/// Options shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The store folder (default: $REDLINE_STORE, else ./Snapshots).", valueName: "dir"))
  var store: String?

  /// The store these options name: the one place that picks the backend, so commands see
  /// only the `SnapshotStoring` protocol.
  var selectedStore: any SnapshotStoring { folderStore }

  private var folderStore: FolderStore {
    FolderStore(root: store ?? ProcessInfo.processInfo.environment["REDLINE_STORE"] ?? "Snapshots")
  }

  /// The store these options name, for commands that only read it.
  /// - Throws: `RedlineError.noStore` when its folder does not exist (reading would find an
  ///   empty store, and an empty list or "no captures" would hide the mistyped path).
  func existingStore() throws -> any SnapshotStoring {
    let store = folderStore
    guard FileManager.default.fileExists(atPath: store.root) else {
      throw RedlineError.noStore(path: store.root)
    }
    return store
  }
}

/// Runs a command body; any error becomes one line on stderr and exit code 2, so that an
/// error never reads as "changed" (exit 1). ArgumentParser's own exits pass through.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as ExitCode {
    throw error
  } catch let error as CleanExit {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    printError(String(describing: error))
    if let hint = (error as? RedlineError)?.hint { printHint(hint) }
    throw ExitCode(2)
  }
}

/// Writes a hint line to standard error, after an error line: what to try instead.
func printHint(_ hint: String) {
  writeError("hint: \(hint)\n")
}

/// Writes one line to standard error, prefixed with the program name.
func printError(_ message: String) {
  writeError("redline: \(message)\n")
}

/// Writes text to standard error as it is.
func writeError(_ text: String) {
  write(Array(text.utf8), to: STDERR_FILENO)
}

/// Writes bytes to standard output as they are, straight from the array with write(2): a
/// `Data` copy first cost a tenth of `diff`'s time (and as much memory again) on 10 MB diffs.
func writeOutput(_ bytes: [UInt8]) {
  write(bytes, to: STDOUT_FILENO)
}

/// Writes all of `bytes` to a file descriptor, going on after interrupted writes; stops at the
/// first failure (a closed pipe, a full disk), since nothing else can be reported there.
private func write(_ bytes: [UInt8], to descriptor: Int32) {
  _ = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
}

/// Writes a line to standard output.
func writeLine(_ line: String) {
  writeOutput(Array((line + "\n").utf8))
}

/// Whether an argument names a web page rather than a local file.
func isWebURL(_ text: String) -> Bool {
  let lowered = text.lowercased()
  return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
}

/// The error for a URL that is not an http or https one, with a hint when it is an address
/// typed without its scheme (`example.com/post`, `blog.example:8080/p.html`): the URL with
/// `https://` in front.
func notWebURLError(_ text: String) -> ValidationError {
  var message = "'\(text)' is not an http or https URL."
  let host = text.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
  let suffix = host.split(separator: ".").last.map { $0.lowercased() } ?? ""
  if ["txt", "list", "csv"].contains(suffix), !text.contains("/") {
    message += "\nhint: to read URLs from a file, one a line, give --list \(text)"
  } else if !text.contains("://"), !text.contains(where: \.isWhitespace), host.contains("."),
    host.first?.isLetter == true || host.first?.isNumber == true,
    !["html", "htm", "xml", "php", "json", "md"].contains(suffix)
  {
    message += "\nhint: did you mean https://\(text)?"
  }
  return ValidationError(message)
}

/// Pads text with spaces to a width, for columns.
func padded(_ text: String, _ width: Int) -> String {
  text + String(repeating: " ", count: max(0, width - text.count))
}

/// The exit status of `list` and `audit` when they printed what they could but some pages
/// could not be read (damaged; each named on standard error), as `snapshot` exits 3 when some
/// pages failed.
let unreadablePagesExit: Int32 = 3
