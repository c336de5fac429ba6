/// One thing `verify` found wrong in the store.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
  /// What kind of damage.
  public enum Kind: String, Sendable, Equatable {
    /// A file the history or metadata names is not there.
    case missing
    /// A file's bytes are not the ones recorded (hash, size, chain or JSON).
    case altered
    /// A file or folder that no history line accounts for.
    case orphaned
    /// A page that could not be checked (locked by a writer for too long, unreadable).
    case unchecked
    /// A symbolic link inside the store, which Redline never made and never follows.
    case link
    /// Damage that `redline repair` recorded in the page's history: on record forever, not new.
    case repaired
    /// A write that a run stopped in the middle of (killed, power lost): not damage; the next
    /// `snapshot` of the page completes or removes it, as the store's commit order allows.
    case incomplete
  }

  /// What kind of damage.
  public let kind: Kind
  /// The file or folder, under the store root.
  public let path: String
  /// What exactly is wrong, in a few words.
  public let detail: String

  /// Creates a problem.
  public init(kind: Kind, path: String, detail: String) {
    self.kind = kind
    self.path = path
    self.detail = detail
  }

  /// `altered Snapshots/host/page/20160702T100000Z.txt: sha256 differs from the metadata`.
  public var description: String { "\(kind.rawValue) \(path): \(detail)" }
}

/// What `verify` checked and found.
public struct VerificationReport: Sendable, Equatable {
  /// Problems, one per damaged file, in store order.
  public var problems: [StoreProblem] = []
  /// Pages checked.
  public var pages = 0
  /// Captures re-hashed.
  public var captures = 0
  /// History lines whose chain was checked.
  public var checks = 0
  /// The activity index lines (`TIME FOLDER`) the histories call for.
  var activity: Set<String> = []
  /// An empty report.
  public init() {}

  /// Whether the store is intact: nothing missing, altered, orphaned or unchecked. Writes a
  /// stopped run left incomplete are not damage.
  public var isClean: Bool {
    problems.allSatisfy { $0.kind == .incomplete || $0.kind == .repaired }
  }

  /// The damage on record from earlier repairs.
  public var repaired: Int { problems.count { $0.kind == .repaired } }

  /// The writes left incomplete by stopped runs.
  public var incomplete: Int { problems.count { $0.kind == .incomplete } }
}
