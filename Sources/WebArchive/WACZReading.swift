import Crypto
import FileDescriptorIO
@_implementationOnly import Foundation
@_implementationOnly import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The WARC files of a WACZ, copied out of the ZIP into a temporary folder by ZIPFoundation,
/// which checks each member's CRC-32 as it reads. The folder is removed when this is released.
///
/// Refused, with one `WebArchiveError.malformed` naming the WACZ and the member: a file that
/// is not a ZIP; a member name that is absolute or climbs out (`/x`, `../x`, `a/../../x`,
/// backslashes); members that declare more bytes than the file holds; a compressed member
/// that would expand more than `maxExpansion` times (a ZIP bomb) or that expands past its
/// declared size; a member cut short or whose CRC-32 does not match; an `archive/` WARC that
/// `datapackage.json` does not list, or whose size or SHA-256 differ from what it lists (a
/// damaged central directory shows up here too: ZIPFoundation stops listing members at the
/// first damaged entry, so `datapackage.json` or a member it lists is missing).
public final class WACZArchives {
  /// The WARC files: `archive/NAME` and where the copy is.
  public let warcs: [(member: String, path: String)]
  private let folder: String

  /// A compressed member may expand at most this many times. WACZ stores its members; zlib's
  /// own ceiling is about 1,032, and WARC text deflates about 5 to 10 times.
  public static let maxExpansion: UInt64 = 100

  /// Copies the `archive/*.warc*` members of a WACZ into a new folder under `temporary`.
  /// - Throws: `WebArchiveError` when the file is not a WACZ Redline can read safely.
  public init(wacz path: String, temporary: String) throws {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw WebArchiveError.malformed(
        path: path, offset: nil, detail: "not a ZIP file (no end of central directory)")
    }
    let entries = Array(archive)
    try checkDirectory(entries, of: path)
    let listed = try listedResources(archive, entries, of: path)
    let wanted = entries.filter { $0.path.hasPrefix("archive/") && $0.path.contains(".warc") }
    guard !wanted.isEmpty else {
      throw WebArchiveError.malformed(
        path: path, offset: nil, detail: "a WACZ without archive/*.warc")
    }
    for resource in listed.keys where entries.first(where: { $0.path == resource }) == nil {
      throw WebArchiveError.malformed(
        path: path, offset: nil,
        detail: "damaged ZIP directory: \(resource), listed in datapackage.json, is not in it")
    }
    let folder = temporary + "/redline-wacz-\(getpid())-\(UInt32.random(in: .min ... .max))"
    guard mkdir(folder, 0o700) == 0 else {
      throw WebArchiveError.file(path: folder, operation: "creating", errno: errno)
    }
    self.folder = folder
    var warcs: [(member: String, path: String)] = []
    do {
      for (number, entry) in wanted.enumerated() {
        guard let resource = listed[entry.path] else {
          throw WebArchiveError.malformed(
            path: path, offset: nil, detail: "\(entry.path) is not listed in datapackage.json")
        }
        let copy = folder + "/\(number).warc"
        try extractMember(entry, of: archive, wacz: path, to: copy, expecting: resource)
        warcs.append((entry.path, copy))
      }
    } catch {
      removeFolder(folder)
      throw error
    }
    self.warcs = warcs
  }

  deinit { removeFolder(folder) }
}

/// What `datapackage.json` says of one resource.
private struct ListedResource {
  let bytes: UInt64?
  let sha256: String?
}

/// Member names and sizes, before anything is read: every name relative and inside the
/// package, and no more declared data than the file holds.
private func checkDirectory(_ entries: [Entry], of path: String) throws {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else {
    throw WebArchiveError.file(path: path, operation: "opening", errno: errno)
  }
  let fileSize = lseek(descriptor, 0, SEEK_END)
  close(descriptor)
  var declared: UInt64 = 0
  for entry in entries {
    let name = entry.path
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    guard !name.hasPrefix("/"), !name.contains("\\"), !parts.contains(".."), !name.isEmpty
    else {
      throw WebArchiveError.malformed(
        path: path, offset: nil, detail: "unsafe member name \(name) (absolute or climbing out)")
    }
    if entry.isCompressed {
      guard entry.uncompressedSize <= max(entry.compressedSize, 1) * WACZArchives.maxExpansion
      else {
        throw WebArchiveError.malformed(
          path: path, offset: nil,
          detail: "\(name) would expand \(entry.uncompressedSize / max(entry.compressedSize, 1))"
            + " times (a ZIP bomb?)")
      }
    } else if entry.compressedSize != entry.uncompressedSize {
      throw WebArchiveError.malformed(
        path: path, offset: nil, detail: "\(name) is stored but declares two different sizes")
    }
    declared += entry.compressedSize
    guard declared <= UInt64(max(0, fileSize)) else {
      throw WebArchiveError.malformed(
        path: path, offset: nil,
        detail: "the ZIP directory declares more data than the file holds (at \(name))")
    }
  }
}

/// The `resources` of `datapackage.json`, by path.
private func listedResources(_ archive: Archive, _ entries: [Entry], of path: String) throws
  -> [String: ListedResource]
{
  guard let member = entries.first(where: { $0.path == "datapackage.json" }) else {
    throw WebArchiveError.malformed(
      path: path, offset: nil,
      detail: "no datapackage.json in the ZIP directory (not a WACZ, or a damaged directory)")
  }
  guard member.uncompressedSize <= 64 << 20 else {
    throw WebArchiveError.malformed(
      path: path, offset: nil, detail: "datapackage.json is larger than 64 MiB")
  }
  var data = Data()
  let checksum: CRC32
  do {
    checksum = try archive.extract(member, bufferSize: 1 << 20) { chunk in
      data.append(chunk)
      guard data.count <= member.uncompressedSize else { throw DeclaredSizeExceeded() }
    }
  } catch {
    throw WebArchiveError.malformed(
      path: path, offset: nil, detail: "datapackage.json cannot be read (\(error))")
  }
  guard checksum == member.checksum,
    let package = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let resources = package["resources"] as? [[String: Any]]
  else {
    throw WebArchiveError.malformed(
      path: path, offset: nil, detail: "datapackage.json is damaged or has no resources")
  }
  var listed: [String: ListedResource] = [:]
  for resource in resources {
    guard let resourcePath = resource["path"] as? String else { continue }
    let hash = (resource["hash"] as? String).map {
      $0.hasPrefix("sha256:") ? String($0.dropFirst(7)).lowercased() : $0.lowercased()
    }
    listed[resourcePath] = ListedResource(
      bytes: (resource["bytes"] as? NSNumber).map { $0.uint64Value }, sha256: hash)
  }
  return listed
}

private struct DeclaredSizeExceeded: Error {}

/// Copies one member to a new file, checking its size as it goes, then its CRC-32 and the
/// size and SHA-256 `datapackage.json` gives it.
private func extractMember(
  _ entry: Entry, of archive: Archive, wacz: String, to copy: String,
  expecting resource: ListedResource
) throws {
  let descriptor = open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
  guard descriptor >= 0 else {
    throw WebArchiveError.file(path: copy, operation: "creating", errno: errno)
  }
  defer { close(descriptor) }
  var written: UInt64 = 0
  var hasher = SHA256()
  var writeFailure: Int32?
  let checksum: CRC32
  do {
    checksum = try archive.extract(entry, bufferSize: 1 << 20) { chunk in
      written += UInt64(chunk.count)
      guard written <= entry.uncompressedSize else { throw DeclaredSizeExceeded() }
      hasher.update(data: chunk)
      writeFailure = chunk.withUnsafeBytes { writeAll(descriptor, $0) }
      if writeFailure != nil { throw DeclaredSizeExceeded() }
    }
  } catch {
    if let writeFailure {
      throw WebArchiveError.file(path: copy, operation: "writing", errno: writeFailure)
    }
    let detail =
      error is DeclaredSizeExceeded
      ? "\(entry.path) expands past its declared size (a ZIP bomb?)"
      : "\(entry.path) cannot be read (\(error))"
    throw WebArchiveError.malformed(path: wacz, offset: nil, detail: detail)
  }
  guard written == entry.uncompressedSize else {
    throw WebArchiveError.malformed(path: wacz, offset: nil, detail: "\(entry.path) is cut short")
  }
  guard checksum == entry.checksum else {
    throw WebArchiveError.malformed(
      path: wacz, offset: nil, detail: "\(entry.path) does not match its CRC-32 (damaged)")
  }
  if let bytes = resource.bytes, bytes != written {
    throw WebArchiveError.malformed(
      path: wacz, offset: nil,
      detail: "\(entry.path) has \(written) bytes, datapackage.json says \(bytes)")
  }
  if let sha256 = resource.sha256,
    hasher.finalize().map({ hexDigits($0) }).joined() != sha256
  {
    throw WebArchiveError.malformed(
      path: wacz, offset: nil,
      detail: "\(entry.path) does not match its SHA-256 in datapackage.json (damaged)")
  }
}

private func removeFolder(_ folder: String) {
  try? FileManager.default.removeItem(atPath: folder)
}

/// Whether a file starts as a ZIP file does (`PK\3\4`): a WACZ rather than a WARC.
public func isZipFile(_ path: String) -> Bool {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  var magic = [UInt8](repeating: 0, count: 4)
  let (count, _) = magic.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
  return count == 4 && magic == [0x50, 0x4B, 0x03, 0x04]
}
