import WebArchive

/// The digests of one WARC file (or WACZ member) checked.
public struct CheckedWARC: Sendable, Equatable {
  /// The file, or `X.wacz#archive/NAME`.
  public let label: String
  /// What the check found.
  public let check: DigestCheck
}

/// `redline import --check-digests`: reads every record of WARC, WARC.gz and WACZ files and
/// compares its block and payload digests with the bytes, storing nothing (see
/// `checkDigests(path:)`).
/// - Throws: `WebArchiveError` for a file that cannot be read or is not a valid WARC/WACZ.
public func checkWebArchiveDigests(_ paths: [String]) throws -> [CheckedWARC] {
  var results: [CheckedWARC] = []
  for path in paths {
    let (sources, copies) = try warcSources(path)
    for source in sources {
      let check = try named(source) { try checkDigests(path: source.file) }
      results.append(CheckedWARC(label: source.label, check: check))
    }
    withExtendedLifetime(copies) {}
  }
  return results
}
