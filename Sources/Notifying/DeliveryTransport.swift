import HTTPFetching

/// How deliveries leave the machine: a POST, a mail, a command. `SystemTransport` is the real
/// one (libcurl and posix_spawn); tests of the queue's logic can pass a stand-in.
public protocol DeliveryTransport: Sendable {
  /// POSTs a body; the response's status, or why none came.
  func post(_ url: String, body: [UInt8], headers: [String]) async -> Result<Int, SendError>
  /// Sends a mail through an SMTP server.
  func sendMail(_ mail: OutgoingMail, through server: SMTPServer) async -> Result<Void, SendError>
  /// Runs a shell command with `input` on standard input; nil when it exited 0, else why not.
  func run(_ command: String, input: [UInt8], environment: [String: String], timeout: Duration)
    async -> String?
}

/// The real transport: libcurl for webhooks and mail, `/bin/sh -c` for commands.
public struct SystemTransport: DeliveryTransport {
  private let sender: CurlSender

  /// Creates the transport.
  public init(sender: CurlSender = CurlSender()) { self.sender = sender }

  /// See `DeliveryTransport`.
  public func post(_ url: String, body: [UInt8], headers: [String]) async -> Result<Int, SendError>
  {
    await sender.post(url, body: body, headers: headers)
  }

  /// See `DeliveryTransport`.
  public func sendMail(_ mail: OutgoingMail, through server: SMTPServer) async -> Result<
    Void, SendError
  > {
    await sender.sendMail(mail, through: server)
  }

  /// See `DeliveryTransport`.
  public func run(
    _ command: String, input: [UInt8], environment: [String: String], timeout: Duration
  ) async -> String? {
    await runCommand(command, input: input, environment: environment, timeout: timeout)
  }
}
