import FoundationEssentials

/// One edit of one post, as every target receives it: the webhook's JSON body, the exec
/// command's standard input, a mail's content (schema: docs/NOTIFICATIONS.md).
///
/// Invariant: `id` is stable: the same edit (page, the two captures and their text hashes)
/// always has the same id, in notifications and in `audit --format atom` and `json` alike.
public struct EditEvent: Sendable, Codable, Equatable {
  /// The schema of this body; a later incompatible one gets another number.
  public var schema = "redline.edit/1"
  /// The edit's stable id: `urn:redline:edit:` and 32 hex digits.
  public let id: String
  /// The page's URL.
  public let url: String
  /// The post's title in the newer version.
  public let title: String?
  /// What the check found: `changed`.
  public let outcome: String
  /// The older capture (`YYYYMMDDTHHMMSSZ`).
  public let from: String
  /// The newer capture: when the edit was seen.
  public let to: String
  /// `from` as RFC 3339 (`2016-07-05T09:10:00Z`).
  public let fromTime: String
  /// `to` as RFC 3339.
  public let toTime: String
  /// The edit's labels (`audit --format json`'s keys: typo, numbers, quotation, links,
  /// paragraphs, title, correction-note).
  public let labels: [String]
  /// The body or title changed while the page's own updated date stayed the same.
  public let stealth: Bool
  /// Lines added and removed.
  public let linesAdded: Int
  /// See `linesAdded`.
  public let linesRemoved: Int
  /// The unified diff of the two article texts.
  public let diff: String
  /// The word diff (`[-old-]{+new+}`), empty when not made.
  public let wordDiff: String

  /// Creates an event.
  public init(
    id: String, url: String, title: String?, from: String, to: String, labels: [String],
    stealth: Bool, linesAdded: Int, linesRemoved: Int, diff: String, wordDiff: String
  ) {
    self.id = id
    self.url = url
    self.title = title
    outcome = "changed"
    self.from = from
    self.to = to
    fromTime = rfc3339(from)
    toTime = rfc3339(to)
    self.labels = labels
    self.stealth = stealth
    self.linesAdded = linesAdded
    self.linesRemoved = linesRemoved
    self.diff = diff
    self.wordDiff = wordDiff
  }

  /// The JSON body: sorted keys, no escaped slashes, so the same event gives the same bytes.
  public func json() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? Array(encoder.encode(self))) ?? []
  }
}

/// `20160705T091000Z` as `2016-07-05T09:10:00Z`; other text as it is.
public func rfc3339(_ time: String) -> String {
  let c = Array(time)
  guard c.count == 16, c[8] == "T", c[15] == "Z" else { return time }
  return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T"
    + "\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
}
