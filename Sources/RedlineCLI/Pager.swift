import ArgumentParser
import FoundationEssentials
import UnicodeSpaces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--no-pager`, for the commands whose output can be long (diff, log, show, audit).
struct PagerOptions: ParsableArguments {
  @Flag(
    name: .customLong("no-pager"),
    help: "Write to the terminal directly, not through $PAGER (less -FRX by default).")
  var noPager = false
}

/// Writes a command's output through a pager, as git does: only when standard output is a
/// terminal and `--no-pager` was not given. The pager is `$REDLINE_PAGER`, else `$PAGER`,
/// else `less` when it is installed, run by `/bin/sh -c` with `LESS=FRX` unless `LESS` is set
/// (quit at once when the output fits the screen, keep colours, do not clear the screen). An
/// empty pager or `cat` means none. Output is written once the pager has started, and the
/// pager is waited for before returning, so the shell prompt comes back after it.
/// - Parameters:
///   - options: The command's `--no-pager`.
///   - bytes: The whole output.
func writePaged(_ bytes: [UInt8], _ options: PagerOptions) {
  guard !bytes.isEmpty, !options.noPager, isatty(STDOUT_FILENO) == 1, let command = pagerCommand()
  else {
    writeOutput(bytes)
    return
  }
  guard let pager = PagerProcess(command) else {
    writeOutput(bytes)
    return
  }
  pager.write(bytes)
  pager.finish()
}

/// Runs `body`, whose standard output (`writeOutput`) goes through the pager as `writePaged`
/// would send it: for output written as it is made, which a pager shows as it comes.
func withPager<T>(_ options: PagerOptions, _ body: () throws -> T) rethrows -> T {
  guard !options.noPager, isatty(STDOUT_FILENO) == 1, let command = pagerCommand(),
    let pager = PagerProcess(command)
  else { return try body() }
  defer { pager.finish() }
  return try body()
}

/// The shell command that pages, or nil for none.
private func pagerCommand() -> String? {
  let environment = ProcessInfo.processInfo.environment
  if let chosen = environment["REDLINE_PAGER"] ?? environment["PAGER"] {
    let trimmed = chosen.trimmingSpaces()
    return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
  }
  let path = environment["PATH"] ?? "/usr/bin:/bin"
  let found = path.split(separator: ":").contains { folder in
    access(String(folder) + "/less", X_OK) == 0
  }
  return found ? "less" : nil
}

/// A pager started with its standard input on a pipe that this process's standard output is
/// moved onto until `finish()`.
private struct PagerProcess {
  let pid: pid_t
  let savedOutput: Int32

  /// Starts `/bin/sh -c command`; nil when it cannot start (output then goes to the terminal).
  init?(_ command: String) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, ends[0])
    posix_spawn_file_actions_addclose(&actions, ends[1])
    var environment = ProcessInfo.processInfo.environment
    if environment["LESS"] == nil { environment["LESS"] = "FRX" }
    if environment["LV"] == nil { environment["LV"] = "-c" }
    let words: [String] = ["sh", "-c", command]
    let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    let variables: [UnsafeMutablePointer<CChar>?] =
      environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in arguments + variables { free(pointer) }
    }
    var pid = pid_t()
    let started = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, variables)
    close(ends[0])
    guard started == 0 else {
      close(ends[1])
      return nil
    }
    self.pid = pid
    savedOutput = dup(STDOUT_FILENO)
    dup2(ends[1], STDOUT_FILENO)
    close(ends[1])
    // A pager quit before the end closes the pipe: writes then fail (and stop) instead of
    // killing the process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
  }

  func write(_ bytes: [UInt8]) {
    writeOutput(bytes)
  }

  /// Gives the pager the end of its input and waits for the reader to quit it.
  func finish() {
    dup2(savedOutput, STDOUT_FILENO)
    close(savedOutput)
    // The reader quits the pager with q; an interrupt meant for the pager must not end this
    // process first and give the shell back under it.
    signal(SIGINT, SIG_IGN)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  }
}
