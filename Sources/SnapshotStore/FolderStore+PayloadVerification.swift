internal import CLibDeflate

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `verify` of a page's `payloads/` (`snapshot --keep-raw distinct`): every kept payload must
/// decompress and have the SHA-256 of its name, and every payload a history line names
/// (`payloadKept`) must be there. Reported as verify reports any other file. The folder holds
/// nothing else: other files are orphans.
extension FolderStore {
  /// Checks `folder/payloads/` against `named`, the body SHA-256s the page's history lines
  /// say are kept there.
  func verifyPayloads(
    _ folder: String, listing: PageFolderEntries, named: Set<String>,
    into report: inout VerificationReport
  ) {
    let payloads = folder + "/" + payloadFolderName
    func missing(_ hashes: some Sequence<String>) {
      for hash in hashes.sorted() {
        report.problems.append(
          StoreProblem(
            kind: .missing, path: payloads + "/" + hash + ".gz", detail: "the history records it"))
      }
    }
    guard listing.names.contains(payloadFolderName) else { return missing(named) }
    // A link in its place is reported by the page's own listing; nothing behind it is read.
    guard !listing.links.contains(payloadFolderName) else { return }
    guard let opened = try? OpenFolder(payloads), let entries = try? opened.entriesWithLinks()
    else {
      report.problems.append(
        StoreProblem(
          kind: .altered, path: payloads, detail: "not a folder Redline can read"))
      return
    }
    var present: Set<String> = []
    for (name, isLink) in entries.sorted(by: { $0.name < $1.name }) {
      let path = payloads + "/" + name
      if isLink {
        report.problems.append(
          StoreProblem(
            kind: .link, path: path,
            detail: "a symbolic link; Redline never follows links inside a store"))
        continue
      }
      if name.hasPrefix(temporaryPrefix) {
        report.problems.append(
          StoreProblem(
            kind: .incomplete, path: path,
            detail: "a payload write cut short by a stopped run; not damage"))
        continue
      }
      guard let hash = payloadHash(ofFileName: name) else {
        report.problems.append(
          StoreProblem(kind: .orphaned, path: path, detail: "not a payload Redline keeps"))
        continue
      }
      present.insert(hash)
      // An intact payload no line names is not reported: a run stopped between writing it
      // and its line (payloads go first), or lines written before they named payloads.
      if let damage = payloadDamage(opened, name: name, sha256: hash) {
        report.problems.append(StoreProblem(kind: .altered, path: path, detail: damage))
      }
    }
    missing(named.subtracting(present))
  }

  /// What is wrong with `payloads/NAME`, or nil when it decompresses to bytes whose SHA-256
  /// is `sha256`.
  private func payloadDamage(_ folder: OpenFolder, name: String, sha256: String) -> String? {
    guard let compressed = try? folder.read(name) else { return "cannot be read" }
    guard let bytes = gunzippedWhole(compressed) else {
      return "not one complete gzip member (cut short or altered)"
    }
    return sha256Hex(bytes) == sha256 ? nil : "sha256 of its bytes differs from its name"
  }
}

/// The SHA-256 a payload file is named by (`<64 lower-case hex digits>.gz`); nil for any
/// other name.
func payloadHash(ofFileName name: String) -> String? {
  guard name.utf8.count == 67, name.hasSuffix(".gz") else { return nil }
  let hash = String(name.dropLast(3))
  let isHex = hash.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  return isHex ? hash : nil
}

/// The bytes of `compressed` when it is exactly one gzip member whose CRC-32 and size match
/// (libdeflate checks both), nil otherwise. The output is sized by the member's size field,
/// which a payload written by Redline (at most a fetch's body) gives exactly; a member that
/// claims more than 1 GiB, or more than deflate can expand its bytes to, is refused rather than
/// allocated.
func gunzippedWhole(_ compressed: [UInt8]) -> [UInt8]? {
  guard compressed.count >= 18 else { return nil }
  let end = compressed.count
  let size =
    Int(compressed[end - 4]) | Int(compressed[end - 3]) << 8 | Int(compressed[end - 2]) << 16
    | Int(compressed[end - 1]) << 24
  // Deflate expands at most 1032 times (258 bytes from each 2-bit code of a block, RFC 1951): a
  // size field past that is forged, and is refused before anything is allocated.
  guard size <= 1 << 30, size <= compressed.count * 1032,
    let decompressor = libdeflate_alloc_decompressor()
  else { return nil }
  defer { libdeflate_free_decompressor(decompressor) }
  var output = [UInt8](repeating: 0, count: size)
  var used = 0
  var written = 0
  let result = compressed.withUnsafeBytes { source in
    output.withUnsafeMutableBytes { target in
      libdeflate_gzip_decompress_ex(
        decompressor, source.baseAddress, source.count, target.baseAddress, target.count,
        &used, &written)
    }
  }
  guard result == LIBDEFLATE_SUCCESS, used == compressed.count, written == size else {
    return nil
  }
  return output
}
