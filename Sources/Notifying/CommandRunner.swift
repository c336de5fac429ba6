import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `/bin/sh -c command` with `input` on its standard input (from an unlinked temporary
/// file, so a command that never reads it cannot block the run), its standard output sent to
/// standard error (standard output carries only the report), and these variables added.
/// Waits without blocking a thread, polling, at most `timeout`; then kills the command.
/// - Returns: nil when it exited 0, else why not (`exit status 3`, `killed after 60 s`).
func runCommand(
  _ command: String, input: [UInt8], environment extra: [String: String], timeout: Duration
) async -> String? {
  var template = Array((temporaryFolder() + "/redline-event-XXXXXX").utf8CString)
  let file = mkstemp(&template)
  guard file >= 0 else {
    return "cannot make a temporary file: " + String(cString: strerror(errno))
  }
  // Unlinked at once: the open descriptor is the command's standard input, and nothing is left.
  _ = template.withUnsafeBufferPointer { $0.baseAddress.map { unlink($0) } }
  defer { close(file) }
  let written = input.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
  guard written == input.count, lseek(file, 0, SEEK_SET) == 0 else {
    return "cannot write the event for the command: " + String(cString: strerror(errno))
  }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_adddup2(&actions, file, STDIN_FILENO)
  posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO)
  var variables = ProcessInfo.processInfo.environment
  for (name, value) in extra { variables[name] = value }
  let words: [String] = ["sh", "-c", command]
  let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
  let pairs: [UnsafeMutablePointer<CChar>?] =
    variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer { for pointer in arguments + pairs { free(pointer) } }
  var pid = pid_t()
  let started = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, pairs)
  guard started == 0 else { return "cannot start /bin/sh: " + String(cString: strerror(started)) }
  let clock = ContinuousClock()
  let deadline = clock.now.advanced(by: timeout)
  var status: Int32 = 0
  while true {
    let done = waitpid(pid, &status, WNOHANG)
    if done == pid { break }
    if done < 0 && errno != EINTR {
      return "waiting for the command: " + String(cString: strerror(errno))
    }
    if clock.now >= deadline || Task.isCancelled {
      kill(pid, SIGKILL)
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      return "killed after \(timeout.components.seconds) s"
    }
    try? await Task.sleep(for: .milliseconds(20))
  }
  // WIFEXITED / WEXITSTATUS are macros Swift cannot see: the low 7 bits are the signal.
  let signal = status & 0x7F
  guard signal == 0 else { return "killed by signal \(signal)" }
  let code = (status >> 8) & 0xFF
  return code == 0 ? nil : "exit status \(code)"
}

/// The temporary folder: `$TMPDIR`, else `/tmp`.
private func temporaryFolder() -> String {
  let folder = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
  return folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
}
