import Foundation
import SnapshotStore
import Testing

/// Where a link is planted in a page's store, relative to the store root, and where it points:
/// a folder or a file outside the store that must stay untouched.
struct PlantedLink: Sendable, CustomTestStringConvertible {
  let name: String
  /// Whether reading the page's captures goes through the link (the lock and the head are
  /// only written).
  var onReadPath = true
  /// Replaces a store entry by a link into `outside`; returns the link's path.
  let plant: @Sendable (_ root: String, _ folder: String, _ outside: String) throws -> String
  var testDescription: String { name }
}

private let manager = FileManager.default

private func replaceWithLink(_ path: String, to target: String) throws {
  if manager.fileExists(atPath: path) {
    try manager.copyItem(atPath: path, toPath: target)
    try manager.removeItem(atPath: path)
  }
  try manager.createSymbolicLink(atPath: path, withDestinationPath: target)
}

private let plantedLinks: [PlantedLink] = [
  PlantedLink(name: "host folder") { root, folder, outside in
    let host = URL(fileURLWithPath: folder).deletingLastPathComponent().path
    try replaceWithLink(host, to: outside + "/host")
    return host
  },
  PlantedLink(name: "page folder") { _, folder, outside in
    try replaceWithLink(folder, to: outside + "/page")
    return folder
  },
  PlantedLink(name: "history.jsonl") { _, folder, outside in
    try replaceWithLink(folder + "/history.jsonl", to: outside + "/history.jsonl")
    return folder + "/history.jsonl"
  },
  PlantedLink(name: "head.json", onReadPath: false) { _, folder, outside in
    try replaceWithLink(folder + "/head.json", to: outside + "/head.json")
    return folder + "/head.json"
  },
  PlantedLink(name: "page.json") { _, folder, outside in
    try replaceWithLink(folder + "/page.json", to: outside + "/page.json")
    return folder + "/page.json"
  },
  PlantedLink(name: "capture text") { _, folder, outside in
    let text = try #require(
      try manager.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".txt") })
    try replaceWithLink(folder + "/" + text, to: outside + "/" + text)
    return folder + "/" + text
  },
  PlantedLink(name: "lock file", onReadPath: false) { _, folder, outside in
    try replaceWithLink(folder + "/.lock", to: outside + "/lock")
    return folder + "/.lock"
  },
]

@Suite("symbolic links in a store")
struct SymbolicLinkTests {
  let url = "https://b.example/2016/07/post.html"

  private func capture(_ store: FolderStore, time: CaptureTime, version: Int) throws {
    try saveCapture(
      store, url: url, time: time, text: "Title: T\n\nVersion \(version)\n",
      body: Array("<p>Version \(version)</p>".utf8), outcome: version == 1 ? .new : .changed)
  }

  /// Every file below a folder with its bytes: what must not change outside the store.
  private func snapshot(_ folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in manager.subpaths(atPath: folder) ?? [] {
      var isFolder: ObjCBool = false
      if manager.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
      }
    }
    return files
  }

  @Test(
    "a planted link is refused by every write and read, reported by verify, never followed",
    arguments: plantedLinks)
  func refused(_ link: PlantedLink) throws {
    let base = NSTemporaryDirectory() + "redline-links-" + UUID().uuidString
    let root = base + "/store"
    let outside = base + "/outside"
    try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
    defer { try? manager.removeItem(atPath: base) }
    let store = FolderStore(root: root)
    try capture(store, time: "20160702T010000Z", version: 1)
    let page = try #require(try store.page(for: url))
    let linkPath = try link.plant(root, store.path(of: page), outside)
    let before = try snapshot(outside)

    #expect(throws: StoreError.symbolicLink(path: linkPath)) {
      try capture(store, time: "20160702T020000Z", version: 2)
    }
    if link.onReadPath {
      #expect(throws: StoreError.self) {
        let record = try #require(try store.page(for: url))
        _ = try store.captures(of: record).map {
          try store.articleText(of: record, capture: $0.time)
        }
      }
    }
    #expect(try snapshot(outside) == before)
    let report = try store.verify()
    #expect(!report.isClean)
    #expect(report.problems.contains { $0.kind == .link && $0.path == linkPath })
  }
}
