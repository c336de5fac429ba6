/// Renders a line diff as JSON, for scripts: the two headers, the counts, and each hunk with its
/// numbered lines and the words changed in it.
///
/// ```
/// {"old":"a.txt","new":"b.txt","identical":false,"linesAdded":1,"linesRemoved":1,"hunks":[
///  {"oldStart":1,"oldCount":1,"newStart":1,"newCount":1,
///   "lines":[{"kind":"removed","oldLine":1,"text":"the quick fox"},
///            {"kind":"added","newLine":1,"text":"the slow fox"}],
///   "wordChanges":[{"oldLine":1,"newLine":1,"removed":"quick","added":"slow"}]}]}
/// ```
///
/// Line numbers are 1-based; a context line has both, a removed line `oldLine` and an added line
/// `newLine`. A line without a final newline has `"noNewlineAtEnd":true`. Text is decoded as
/// UTF-8, with U+FFFD for invalid bytes.
///
/// - Parameters:
///   - diff: The line diff.
///   - oldHeader: The old side's label.
///   - newHeader: The new side's label.
///   - algorithm: The algorithm that matches words.
/// - Returns: One JSON object and a newline.
/// - Complexity: O(*n*) plus the word matching, where *n* is the size of the hunks.
public func renderJSON(
  _ diff: LineDiff, oldHeader: String, newHeader: String, algorithm: DiffAlgorithm = .histogram
) -> [UInt8] {
  var output = "{\"old\":\(jsonString(oldHeader)),\"new\":\(jsonString(newHeader))"
  output += ",\"identical\":\(diff.isIdentical)"
  output += ",\"linesAdded\":\(diff.linesAdded),\"linesRemoved\":\(diff.linesRemoved)"
  output += ",\"hunks\":["
  for (hunkIndex, hunk) in diff.hunks.enumerated() {
    if hunkIndex > 0 { output += "," }
    output += "\n{\"oldStart\":\(hunk.oldStart),\"oldCount\":\(hunk.oldCount)"
    output += ",\"newStart\":\(hunk.newStart),\"newCount\":\(hunk.newCount),\"lines\":["
    var oldLine = hunk.oldLinesBefore + 1
    var newLine = hunk.newLinesBefore + 1
    var wordChanges: [String] = []
    var lines: [String] = []
    for piece in HunkPiece.pieces(of: hunk) {
      switch piece {
      case .context(let line):
        lines.append(jsonLine("context", old: oldLine, new: newLine, line))
        oldLine += 1
        newLine += 1
      case .change(let removed, let added):
        let words = WordDiff(
          removed: joinLines(removed), added: joinLines(added), algorithm: algorithm)
        wordChanges += words.changes.map {
          jsonWordChange($0, words: words, removed: removed, added: added, oldLine, newLine)
        }
        for line in removed {
          lines.append(jsonLine("removed", old: oldLine, new: nil, line))
          oldLine += 1
        }
        for line in added {
          lines.append(jsonLine("added", old: nil, new: newLine, line))
          newLine += 1
        }
      }
    }
    output += lines.joined(separator: ",")
    output += "],\"wordChanges\":[" + wordChanges.joined(separator: ",") + "]}"
  }
  output += "]}\n"
  return Array(output.utf8)
}

/// One line of a hunk as a JSON object.
private func jsonLine(_ kind: String, old: Int?, new: Int?, _ line: Line) -> String {
  var object = "{\"kind\":\"\(kind)\""
  if let old { object += ",\"oldLine\":\(old)" }
  if let new { object += ",\"newLine\":\(new)" }
  object += ",\"text\":" + jsonString(String(decoding: line.bytes, as: UTF8.self))
  if !line.hasNewline { object += ",\"noNewlineAtEnd\":true" }
  return object + "}"
}

/// One run of changed words as a JSON object, with the lines where it starts on each side.
private func jsonWordChange(
  _ change: WordDiff.Change, words: WordDiff, removed: [Line], added: [Line], _ firstOld: Int,
  _ firstNew: Int
) -> String {
  let oldLine = firstOld + words.removedText[..<change.removed.lowerBound].count { $0 == 10 }
  let newLine = firstNew + words.addedText[..<change.added.lowerBound].count { $0 == 10 }
  let removedText = String(decoding: words.removedText[change.removed], as: UTF8.self)
  let addedText = String(decoding: words.addedText[change.added], as: UTF8.self)
  var object = "{"
  if !removed.isEmpty { object += "\"oldLine\":\(oldLine)," }
  if !added.isEmpty { object += "\"newLine\":\(newLine)," }
  return object + "\"removed\":\(jsonString(removedText)),\"added\":\(jsonString(addedText))}"
}

/// A string as a JSON string literal, with quotes, backslashes and control characters escaped.
func jsonString(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    case _ where scalar.value < 0x20:
      let hex = String(scalar.value, radix: 16)
      result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
