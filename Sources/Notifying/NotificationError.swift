/// Why a notification could not be queued or delivered: one line a user can act on.
public enum NotificationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A target that cannot be read (unknown scheme, bad URL or address).
  case badTarget(String, reason: String)
  /// A webhook delivery with no secret to sign it with.
  case noWebhookSecret
  /// A mail delivery with no SMTP server given.
  case noSMTPServer
  /// The target answered, but not with success (an HTTP status, an exit status).
  case refused(target: String, reason: String)
  /// The target could not be reached (connection, TLS, timeout, SMTP refusal).
  case unreachable(target: String, reason: String)
  /// A queued delivery's body is not an edit event this Redline reads.
  case unreadablePayload(key: String)

  /// One line.
  public var description: String {
    switch self {
    case .badTarget(let text, let reason): "notification target '\(text)': \(reason)"
    case .noWebhookSecret:
      "no webhook secret to sign with: set REDLINE_WEBHOOK_SECRET, or run"
        + " 'redline notify secret' to keep one in the store's settings"
    case .noSMTPServer:
      "no SMTP server for mailto: targets: give --smtp smtp://HOST:PORT or set REDLINE_SMTP"
    case .refused(let target, let reason): "\(target): \(reason)"
    case .unreachable(let target, let reason): "\(target): \(reason)"
    case .unreadablePayload(let key): "queued delivery \(key) does not hold an edit event"
    }
  }
}
