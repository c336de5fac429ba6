import Foundation
import SnapshotStore
import TextDiff

/// A diff ready to print: the rendered output and its line counts.
public struct Comparison: Sendable {
  /// The diff as the options asked for it (a unified diff by default); empty when the versions
  /// are the same, except in the JSON view.
  public let output: [UInt8]
  /// Lines added.
  public let linesAdded: Int
  /// Lines removed.
  public let linesRemoved: Int
  /// Whether the versions are the same (after ignoring white space, if asked).
  public let isIdentical: Bool

  /// The rendered diff, under the name callers used before other views existed.
  public var unifiedDiff: [UInt8] { output }
}

/// Compares two texts and renders the diff the options ask for.
///
/// - Parameters:
///   - old: The old text.
///   - new: The new text.
///   - oldHeader: The old side's label (and time, after a tab).
///   - newHeader: The new side's label (and time, after a tab).
///   - statName: The name on the `--stat` line.
///   - options: How to compare and what to print.
func compare(
  _ old: [UInt8], _ new: [UInt8], oldHeader: String, newHeader: String, statName: String,
  options: DiffOptions
) -> Comparison {
  let diff = diffLines(
    old: old, new: new, context: options.context, algorithm: options.algorithm,
    minimal: options.minimal, ignoringWhitespace: options.ignoringWhitespace)
  let output: [UInt8]
  switch options.view {
  case .unified:
    output = renderUnified(
      diff, oldHeader: oldHeader, newHeader: newHeader, colored: options.colored)
  case .words(let style):
    output = renderWordDiff(
      diff, oldHeader: oldHeader, newHeader: newHeader, style: style, colored: options.colored,
      algorithm: options.algorithm)
  case .stat:
    output = renderStat(diff, name: statName, colored: options.colored)
  case .json:
    output = renderJSON(
      diff, oldHeader: oldHeader, newHeader: newHeader, algorithm: options.algorithm)
  }
  return Comparison(
    output: output, linesAdded: diff.linesAdded, linesRemoved: diff.linesRemoved,
    isIdentical: diff.isIdentical)
}

/// The `diff OLD NEW` use case: two local files, HTML extracted first, any other file compared
/// as text. Headers carry the file names and modification times as GNU diff writes them.
/// - Throws: `RedlineError` for unreadable files; `ExtractionError` when an HTML file has no
///   article.
public func compareFiles(_ oldPath: String, _ newPath: String, options: DiffOptions = DiffOptions())
  throws -> Comparison
{
  let old = try comparableText(of: oldPath)
  let new = try comparableText(of: newPath)
  return compare(
    old, new, oldHeader: fileLabel(oldPath), newHeader: fileLabel(newPath),
    statName: oldPath == newPath ? newPath : "\(oldPath) => \(newPath)", options: options)
}

/// The article text of an HTML file, or the bytes of any other file.
private func comparableText(of path: String) throws -> [UInt8] {
  let bytes = try readLocalFile(path)
  let lowered = path.lowercased()
  let isHTML =
    lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || lowered.hasSuffix(".xhtml")
    || looksLikeHTML(bytes)
  guard isHTML else { return bytes }
  return Array(try readArticle(bytes).text.utf8)
}

/// Reads a local file, or standard input for "-".
/// - Throws: `RedlineError.unreadableFile` with the reason (missing, a folder, no permission).
public func readLocalFile(_ path: String) throws -> [UInt8] {
  if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
  var isFolder: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
    throw RedlineError.unreadableFile(path: path, reason: "no such file")
  }
  guard !isFolder.boolValue else {
    throw RedlineError.unreadableFile(path: path, reason: "is a folder")
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw RedlineError.unreadableFile(path: path, reason: "permission denied")
  }
  return [UInt8](data)
}

/// `name<TAB>2016-07-02 10:00:00.000000000 +0000`, the file's modification time in UTC.
private func fileLabel(_ path: String) -> String {
  guard path != "-",
    let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]
      as? Date
  else { return path }
  let seconds = modified.timeIntervalSince1970
  let whole = seconds.rounded(.down)
  let nanoseconds = Int(((seconds - whole) * 1_000_000_000).rounded())
  let digits = String(nanoseconds)
  let fraction = String(repeating: "0", count: max(0, 9 - digits.count)) + digits
  let time = CaptureTime.readable(CaptureTime.string(from: Date(timeIntervalSince1970: whole)))
  return path + "\t" + time.replacingOccurrences(of: " UTC", with: ".\(fraction) +0000")
}
