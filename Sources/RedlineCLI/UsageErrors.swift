import ArgumentParser
import Redline

/// Bad usage as the README promises errors: one `redline: …` line, then a `hint: …` line that
/// says what to try (the option or command most like a mistyped one, the help of the option
/// concerned, or where the command's help is).
///
/// ArgumentParser's own text (`Error: …`, `Help: …`, `Usage: …` and a pointer to `--help`)
/// is rewritten into that form; a `ValidationError` of ours may carry its hint as a second
/// line starting with `hint: `.
/// - Parameters:
///   - message: ArgumentParser's message for the error (`message(for:)`), without usage.
///   - arguments: The command line without the program name.
/// - Returns: the lines to write to standard error, each ending in a newline.
func usageErrorText(_ message: String, arguments: [String]) -> String {
  let lines = message.split(separator: "\n").map(String.init)
  var first = lines.first ?? "bad usage"
  if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
  let command = RedlineCommand.configuration.subcommands.first {
    $0._commandName == arguments.first
  }
  var hints = lines.dropFirst().compactMap(hint(fromLine:))
  if let suggestion = first.firstRange(of: ". Did you mean '") {
    hints.insert("did you mean '" + first[suggestion.upperBound...], at: 0)
    first = String(first[..<suggestion.lowerBound]) + "."
  }
  if command == nil, let name = arguments.first, !name.hasPrefix("-"),
    first.hasPrefix("Unexpected argument")
  {
    first = "unknown command '\(name)'"
    hints = [commandHint(for: name)]
  } else if let command, hints.isEmpty, let guess = optionGuess(first, command) {
    hints = ["did you mean '\(guess)'?"]
  }
  if hints.isEmpty {
    let name = command.map { " " + $0._commandName } ?? ""
    hints = ["see 'redline\(name) --help'"]
  }
  let all = ["redline: " + first] + hints.map { "hint: " + $0 }
  return all.map { $0 + "\n" }.joined()
}

/// The hint a line of ArgumentParser's message or of our `ValidationError` gives, if any.
private func hint(fromLine line: String) -> String? {
  if line.hasPrefix("hint: ") { return String(line.dropFirst("hint: ".count)) }
  guard line.hasPrefix("Help:") else { return nil }
  return line.dropFirst("Help:".count).split(separator: " ").joined(separator: " ")
}

/// The hint after an unknown command: the command most like it, or the list.
private func commandHint(for name: String) -> String {
  let names = RedlineCommand.configuration.subcommands.map { $0._commandName }
  if let guess = closestName(to: name, among: names) { return "did you mean 'redline \(guess)'?" }
  return "the commands are " + names.joined(separator: ", ")
}

/// The option of a command most like the one an "Unknown option" message names.
private func optionGuess(_ message: String, _ command: any ParsableCommand.Type) -> String? {
  guard message.hasPrefix("Unknown option '--") else { return nil }
  let option = message.dropFirst("Unknown option '".count).prefix { $0 != "'" && $0 != "=" }
  return closestName(to: String(option), among: longOptions(of: command))
}

/// The long options a command's help lists.
private func longOptions(of command: any ParsableCommand.Type) -> [String] {
  let words = command.helpMessage(columns: 200).split { $0 == " " || $0 == "\n" || $0 == "," }
  return words.filter { $0.hasPrefix("--") && $0.count > 2 }.map {
    String($0.prefix { $0 == "-" || $0.isLetter })
  }
}

/// The command line with a negative number after an option joined to it (`--timeout -5` →
/// `--timeout=-5`, `-n -3` → `-n-3`): an option's value may be negative, and no option is
/// named `-5`, so the number is read as the value and checked as one ("must be at least 1")
/// instead of the option being reported as missing its value.
func joiningNegativeValues(_ arguments: [String]) -> [String] {
  var joined: [String] = []
  var index = arguments.startIndex
  while index < arguments.endIndex {
    let argument = arguments[index]
    let next = index + 1 < arguments.endIndex ? arguments[index + 1] : ""
    let isOption =
      argument.hasPrefix("--") && argument.count > 2 && !argument.contains("=")
      || argument.count == 2 && argument.hasPrefix("-") && argument.last?.isLetter == true
    if isOption, isNegativeNumber(next) {
      joined.append(argument + (argument.hasPrefix("--") ? "=" : "") + next)
      index += 2
    } else {
      joined.append(argument)
      index += 1
    }
  }
  return joined
}

/// Whether an argument is a negative number (`-5`, `-0.5`).
private func isNegativeNumber(_ argument: String) -> Bool {
  argument.hasPrefix("-") && argument.count > 1 && Double(argument) != nil
}
