import FoundationEssentials
import SnapshotStore

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
  /// The older capture (`YYYYMMDDTHHMMSSZ` in the JSON).
  public let from: CaptureTime
  /// The newer capture: when the edit was seen.
  public let to: CaptureTime
  /// `from` as RFC 3339 (`2016-07-05T09:10:00Z`).
  public var fromTime: String { rfc3339(from) }
  /// `to` as RFC 3339.
  public var toTime: String { rfc3339(to) }
  /// The edit's labels (`audit --format json`'s keys: typo, numbers, quotation, links,
  /// caption, paragraphs, title, correction-note).
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
    id: String, url: String, title: String?, from: CaptureTime, to: CaptureTime,
    labels: [String],
    stealth: Bool, linesAdded: Int, linesRemoved: Int, diff: String, wordDiff: String
  ) {
    self.id = id
    self.url = url
    self.title = title
    outcome = "changed"
    self.from = from
    self.to = to
    self.labels = labels
    self.stealth = stealth
    self.linesAdded = linesAdded
    self.linesRemoved = linesRemoved
    self.diff = diff
    self.wordDiff = wordDiff
  }

  private enum CodingKeys: String, CodingKey {
    case schema, id, url, title, outcome, from, to, fromTime, toTime, labels, stealth
    case linesAdded, linesRemoved, diff, wordDiff
  }

  /// Reads an event's JSON; `fromTime` and `toTime` are `from` and `to` written again, so
  /// they are not read.
  public init(from decoder: any Decoder) throws {
    let event = try decoder.container(keyedBy: CodingKeys.self)
    schema = try event.decode(String.self, forKey: .schema)
    id = try event.decode(String.self, forKey: .id)
    url = try event.decode(String.self, forKey: .url)
    title = try event.decodeIfPresent(String.self, forKey: .title)
    outcome = try event.decode(String.self, forKey: .outcome)
    from = try event.decode(CaptureTime.self, forKey: .from)
    to = try event.decode(CaptureTime.self, forKey: .to)
    labels = try event.decode([String].self, forKey: .labels)
    stealth = try event.decode(Bool.self, forKey: .stealth)
    linesAdded = try event.decode(Int.self, forKey: .linesAdded)
    linesRemoved = try event.decode(Int.self, forKey: .linesRemoved)
    diff = try event.decode(String.self, forKey: .diff)
    wordDiff = try event.decode(String.self, forKey: .wordDiff)
  }

  /// Writes the schema's fields (docs/NOTIFICATIONS.md), the times in both forms.
  public func encode(to encoder: any Encoder) throws {
    var event = encoder.container(keyedBy: CodingKeys.self)
    try event.encode(schema, forKey: .schema)
    try event.encode(id, forKey: .id)
    try event.encode(url, forKey: .url)
    try event.encodeIfPresent(title, forKey: .title)
    try event.encode(outcome, forKey: .outcome)
    try event.encode(from, forKey: .from)
    try event.encode(to, forKey: .to)
    try event.encode(fromTime, forKey: .fromTime)
    try event.encode(toTime, forKey: .toTime)
    try event.encode(labels, forKey: .labels)
    try event.encode(stealth, forKey: .stealth)
    try event.encode(linesAdded, forKey: .linesAdded)
    try event.encode(linesRemoved, forKey: .linesRemoved)
    try event.encode(diff, forKey: .diff)
    try event.encode(wordDiff, forKey: .wordDiff)
  }

  /// The JSON body: sorted keys, no escaped slashes, so the same event gives the same bytes.
  public func json() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? Array(encoder.encode(self))) ?? []
  }
}

/// A store time as RFC 3339: `2016-07-05T09:10:00Z`; a time past the year 9999, which has
/// no such form, as the store writes it.
public func rfc3339(_ time: CaptureTime) -> String {
  time.hasStoreShape ? time.iso8601 : time.description
}
