import SnapshotStore

/// What `redline audit` found: every page whose article changed after its first capture, or
/// that was removed or moved, with each edit and event.
///
/// Invariants: pages are in store order (by folder); each page's versions, edits and events are
/// oldest first; every edit and event lies within the period asked for. Encoded as JSON it is
/// the `audit --format json` schema (README, "Audits").
public struct AuditReport: Sendable, Codable, Equatable {
  /// The start of the period (`YYYYMMDDTHHMMSSZ` in JSON), if one was given.
  public let since: CaptureTime?
  /// The end of the period, inclusive, if one was given.
  public let until: CaptureTime?
  /// The host the audit was limited to, if any.
  public let host: String?
  /// When the report was made.
  public let generated: CaptureTime
  /// The pages with at least one edit or event in the period.
  public let pages: [PageAudit]
  /// The labels no edit could get, and why (for example links, when raw HTML was not kept).
  public let unavailableLabels: [UnavailableLabel]
  /// The pages that could not be read (damaged), one line each: what and why. The audit covers
  /// every other page.
  public var unreadablePages: [String] = []
}

/// A label that could not be decided for some edits, and why.
public struct UnavailableLabel: Sendable, Codable, Equatable {
  /// The label.
  public let label: EditLabel
  /// How many edits lack it.
  public let edits: Int
  /// Why.
  public let reason: String
}

/// One page's audit: its timeline of versions, its edits and its disappearances.
public struct PageAudit: Sendable, Codable, Equatable {
  /// The page URL.
  public let url: String
  /// The host part of the store folder.
  public let host: String
  /// The title of the latest version.
  public let title: String?
  /// Every version of the post's own article (captures made at its own URL), oldest first.
  public let versions: [AuditVersion]
  /// The edits in the period: each version against the one before.
  public let edits: [AuditEdit]
  /// Removals, moves and returns in the period.
  public let events: [AuditEvent]
}

/// One stored version of a post.
public struct AuditVersion: Sendable, Codable, Equatable {
  /// The capture time (`YYYYMMDDTHHMMSSZ` in JSON).
  public let capture: CaptureTime
  /// The article's title.
  public let title: String?
  /// The page's own "updated" date, as extracted (`Updated:` line).
  public let updated: String?
  /// Lines added and removed against the version before (nil for the first).
  public let added: Int?
  /// See `added`.
  public let removed: Int?
}

/// One edit: a version against the version before it.
public struct AuditEdit: Sendable, Codable, Equatable {
  /// The older capture's time.
  public let from: CaptureTime
  /// The newer capture's time: when the edit was seen.
  public let to: CaptureTime
  /// The labels that apply (possibly none).
  public let labels: [EditLabel]
  /// Labels that could not be decided for this edit.
  public let unavailable: [EditLabel]
  /// The body or title changed while the page's own "updated" date stayed the same (or stayed
  /// absent).
  public let stealth: Bool
  /// The "updated" date of the older version.
  public let updatedBefore: String?
  /// The "updated" date of the newer version.
  public let updatedAfter: String?
  /// Lines added and removed (as `diff` counts them).
  public let linesAdded: Int
  /// See `linesAdded`.
  public let linesRemoved: Int
  /// Links only the newer version's body has.
  public let linksAdded: [String]
  /// Links only the older version's body has.
  public let linksRemoved: [String]
  /// Correction or update notes the newer version added, from their marker on.
  public let notes: [String]
  /// The header lines other than `Updated:` that changed (title, author, published, URL).
  public let headerChanges: [HeaderChange]
  /// The body's change groups, with the changed words marked.
  public let passages: [ChangedPassage]
  /// The unified diff of the two article texts.
  public let diff: String
  /// The edit's stable id (`editID(url:from:to:)`): the same in every audit, Atom entry and
  /// notification of this edit.
  public var id: String?
}

/// A disappearance, move or return of a page, read from its history.
public struct AuditEvent: Sendable, Codable, Equatable {
  /// What happened.
  public enum Kind: String, Sendable, Codable {
    /// The page started answering 404 or 410.
    case removed
    /// The page now redirects elsewhere, or its canonical URL changed.
    case moved
    /// The page answers at its own URL again after a removal or a move.
    case restored
    /// The page's stored files were found damaged (deleted, altered) and the damage recorded
    /// with `redline repair`: the archive of this page has a gap or a doubt, on record.
    case repaired
  }

  /// The check's time (`YYYYMMDDTHHMMSSZ` in JSON).
  public let time: CaptureTime
  /// What happened.
  public let kind: Kind
  /// The HTTP status of the check.
  public let status: Int?
  /// Where the page now leads: the redirect's final URL or the new canonical URL.
  public let to: String?
  /// One sentence for a reader: "answers 404 Not Found", "redirects to the home page …".
  public let detail: String
}
