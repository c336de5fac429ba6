/// Where an edit is announced: written `webhook:URL`, `mailto:ADDRESS` or `exec:COMMAND`, for
/// the whole store (`redline notify add`), for one run (`snapshot --notify`) or, later, for one
/// watched page. `description` gives the target back as written, which names it in the queue.
///
///     let target = try NotificationTarget(parsing: "webhook:https://example.org/hooks/redline")
public enum NotificationTarget: Sendable, Hashable, CustomStringConvertible {
  /// An HTTP POST of the event's JSON, signed (`X-Redline-Signature`).
  case webhook(url: String)
  /// A mail through the SMTP server of `--smtp` or `REDLINE_SMTP`.
  case mailto(address: String)
  /// A shell command run with the event's JSON on standard input; exit 0 is delivered.
  case exec(command: String)

  /// Reads a target as written.
  /// - Throws: `NotificationError.badTarget` naming what is wrong: an unknown scheme, a webhook
  ///   that is not an http(s) URL, a mail address that is not one address, an empty command.
  public init(parsing text: String) throws(NotificationError) {
    guard let colon = text.firstIndex(of: ":") else { throw .badTarget(text, reason: Self.forms) }
    let scheme = text[..<colon].lowercased()
    let rest = String(text[text.index(after: colon)...])
    switch scheme {
    case "webhook":
      let lowered = rest.lowercased()
      guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
        rest.split(separator: "/", omittingEmptySubsequences: false).count >= 3,
        !rest.split(separator: "/", omittingEmptySubsequences: false)[2].isEmpty,
        !rest.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
      else {
        throw .badTarget(text, reason: "a webhook is webhook:http://… or webhook:https://…")
      }
      let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
      if let at = parts[2].lastIndex(of: "@") {
        // user:password@ would be kept in the store's queue and shown in every error; the
        // message names the URL without it.
        let hidden = parts[0] + "//" + "…@" + parts[2][parts[2].index(after: at)...]
        throw .badTarget(
          "webhook:" + ([hidden] + parts.dropFirst(3)).joined(separator: "/"),
          reason:
            "credentials in a webhook URL are refused (they would be stored and shown); "
            + "the webhook secret (REDLINE_WEBHOOK_SECRET) signs each delivery instead")
      }
      self = .webhook(url: rest)
    case "mailto":
      let parts = rest.split(separator: "@", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
        !rest.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || ",;<>()\"?".utf8.contains($0) })
      else {
        throw .badTarget(
          text, reason: "mailto: takes one mail address, as mailto:editor@example.org")
      }
      self = .mailto(address: rest)
    case "exec":
      guard !rest.allSatisfy(\.isWhitespace) else {
        throw .badTarget(
          text, reason: "exec: takes a shell command, as exec:'/usr/local/bin/on-edit'")
      }
      self = .exec(command: rest)
    default:
      throw .badTarget(text, reason: "unknown scheme '\(scheme)': " + Self.forms)
    }
  }

  private static let forms = "write webhook:URL, mailto:ADDRESS or exec:COMMAND"

  /// The target as written: `webhook:URL`, `mailto:ADDRESS`, `exec:COMMAND`.
  public var description: String {
    switch self {
    case .webhook(let url): "webhook:" + url
    case .mailto(let address): "mailto:" + address
    case .exec(let command): "exec:" + command
    }
  }
}
