import ArgumentParser
import ArticleExtraction
import DocumentDecoding
import FileDescriptorIO
import FoundationEssentials
import Redline
import SnapshotStore

#if canImport(Glibc)
  import Glibc
#endif

extension ArticleFormat: ExpressibleByArgument {}

struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    _superCommandName: redlineCommandName,
    abstract: "Print the article of local HTML files.",
    usage: "redline extract [<options>] <files> ...",
    discussion: """
      Formats: article (the canonical text Redline stores: header lines, then the body as \
      Markdown blocks), text (the body only), markdown, json. \
      With --output-dir, each input FILE.html is written to DIR/FILE.txt instead.

      Examples:
        redline extract saved-post.html
        curl -s https://example.com/post \\
          | redline extract --format json --url https://example.com/post -
        redline extract --format text --output-dir out/ pages/*.html
      """
  )

  @Argument(help: "HTML files to read; - reads standard input.")
  var files: [String]

  @Option(name: .long, help: "Output format: article, text, markdown or json.")
  var format: ArticleFormat = .article

  @Option(name: .long, help: "The page's URL, for the URL line when the page names none.")
  var url: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Write DIR/<name>.txt for each input instead of printing.", valueName: "dir")
  )
  var outputDir: String?

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Give at least one HTML file, or -.") }
  }

  func run() throws {
    keepFreedMemoryForReuse()
    try reportingErrors {
      var failures = 0
      if let outputDir {
        do {
          try FileManager.default.createDirectory(
            atPath: outputDir, withIntermediateDirectories: true)
        } catch {
          // Foundation's description is a dump of its error domain; one line says it.
          throw RedlineError.unwritableFile(path: outputDir, reason: "cannot create the folder")
        }
      }
      for file in files {
        do {
          let output = try extract(file)
          if let outputDir {
            try write(output, for: file, into: outputDir)
          } else {
            writeOutput(Array(output.utf8))
          }
        } catch {
          // The store's and the reader's errors name the file already; the parser's and the
          // extractor's ("no article found in the page") do not.
          printError(error is RedlineError ? "\(error)" : "\(file): \(error)")
          failures += 1
        }
      }
      if failures > 0 { throw ExitCode(2) }
    }
  }

  private func extract(_ file: String) throws -> String {
    let bytes = try readLocalFile(file, limit: maximumPageBytes)
    // Binary data (an image, random bytes) holds no article but would decode, as
    // windows-1252, into a page of gibberish: the decoding stage refuses it, named .html or not.
    switch decodeDocument(bytes, fileName: file) {
    case .html(let text):
      return try readArticle(text, url: url).article.rendered(as: format)
    case .empty: throw RedlineError.notHTML(source: file, detail: "empty file")
    case .binary: throw RedlineError.notHTML(source: file, detail: "binary data")
    case .notHTML: throw RedlineError.notHTML(source: file, detail: "no HTML markup")
    }
  }

  /// Writes one output file whole or not at all (a temporary file renamed over the target),
  /// without fsync: these are derived files, and syncing each one costs more than extracting it.
  private func write(_ output: String, for file: String, into folder: String) throws {
    let name = FilePaths.removingExtension(FilePaths.lastComponent(of: file))
    let target = FilePaths.joined(folder, (name == "-" ? "stdin" : name) + ".txt")
    let temporary = FilePaths.joined(folder, ".\(name).txt.partial")
    let bytes = Array(output.utf8)
    let failure: String? = bytes.withUnsafeBytes { buffer in
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { return String(cString: strerror(errno)) }
      if let failure = writeAll(descriptor, buffer) {
        close(descriptor)
        return String(cString: strerror(failure))
      }
      guard close(descriptor) == 0 else { return String(cString: strerror(errno)) }
      return rename(temporary, target) == 0 ? nil : String(cString: strerror(errno))
    }
    if let failure {
      unlink(temporary)
      throw RedlineError.unwritableFile(path: target, reason: failure)
    }
  }
}
