// serve-fixtures: serves a folder over HTTP on 127.0.0.1 for `make demo` and manual testing.
//
//     serve-fixtures --root Tests/Fixtures/site [--port 8080]
//
// Prints exactly one line, the base URL, then serves until SIGINT or SIGTERM.

import LoopbackServer

#if canImport(Glibc)
  import Glibc
#endif

/// The options of one run.
struct Options {
  var root: String
  var port: UInt16

  static let usage = "usage: serve-fixtures --root DIR [--port N]"

  /// Parses `--root DIR` (required) and `--port N` (default 0, an ephemeral port); `--name=value`
  /// works too.
  static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
    var root: String?
    var port: UInt16 = 0
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      let (name, inlineValue) = split(argument)
      guard name == "--root" || name == "--port" else {
        return .failure(UsageError("unknown argument '\(argument)'"))
      }
      guard let value = inlineValue ?? remaining.popFirst() else {
        return .failure(UsageError("\(name) needs a value"))
      }
      if name == "--root" {
        root = value
      } else {
        guard let parsed = UInt16(value) else {
          return .failure(UsageError("--port must be a number from 0 to 65535, not '\(value)'"))
        }
        port = parsed
      }
    }
    guard let root, !root.isEmpty else { return .failure(UsageError("--root is required")) }
    var status = stat()
    guard stat(root, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
      return .failure(UsageError("--root '\(root)' is not a folder"))
    }
    return .success(Options(root: root, port: port))
  }

  private static func split(_ argument: String) -> (String, String?) {
    guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
      return (argument, nil)
    }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
  }
}

/// A command-line mistake, reported on one line of stderr with exit status 64.
struct UsageError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// Writes one line to stderr and exits.
func fail(_ message: String, status: Int32) -> Never {
  let line = Array("serve-fixtures: \(message)\n".utf8)
  _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
  exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--help"] || arguments == ["-h"] {
  print(Options.usage)
  exit(0)
}
let options: Options
switch Options.parse(arguments) {
case .success(let parsed): options = parsed
case .failure(let error): fail("\(error.message) (\(Options.usage))", status: 64)
}

// Block the stop signals before any thread starts, so every thread inherits the mask and the
// main thread alone receives them, through sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
signal(SIGPIPE, SIG_IGN)

let server: LoopbackServer
do {
  server = try LoopbackServer(port: options.port, respond: fileServer(root: options.root))
} catch {
  fail("\(error)", status: 2)
}
print(server.baseURL)
// `make demo` reads this line from a pipe, where stdout is fully buffered; nil flushes every
// stream without touching the global `stdout`, which strict concurrency rejects.
fflush(nil)

var received: Int32 = 0
while sigwait(&stopSignals, &received) != 0 {}
server.stop()
exit(0)
