import Foundation
import SnapshotStore
import Testing

@Suite("Path arithmetic agrees with Foundation's NSString")
struct FilePathsTests {
  /// Every path of up to four pieces over the characters that matter (slashes, dots), which
  /// covers the edge cases: empty, "/", trailing slashes, leading dots.
  static let paths: [String] = {
    let pieces = ["a", ".", "/", "x.html", ".b"]
    var paths = [""]
    var last = [""]
    for _ in 0..<4 {
      last = last.flatMap { path in pieces.map { path + $0 } }
      paths += last
    }
    // Repeated slashes are left out: swift-corelibs-foundation crashes on some ("a//").
    return (paths + ["a.tar.gz", "out/", "-", "dir/page.html", "page."])
      .filter { !$0.contains("//") }
  }()

  @Test("parent and last component")
  func parentAndLastComponent() {
    for path in Self.paths {
      #expect(FilePaths.lastComponent(of: path) == (path as NSString).lastPathComponent, "\(path)")
      // swift-corelibs-foundation crashes where the parent is empty: one relative name ("a",
      // "a/"), whose parent is "".
      var trimmed = Substring(path)
      while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
      guard trimmed.contains("/") else {
        #expect(FilePaths.parent(of: path) == "", "\(path)")
        continue
      }
      #expect(FilePaths.parent(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
    }
  }

  @Test("a file name without its extension")
  func removingExtension() {
    for path in Self.paths {
      let name = (path as NSString).lastPathComponent
      guard !name.contains("/") else { continue }
      #expect(
        FilePaths.removingExtension(name) == (name as NSString).deletingPathExtension, "\(name)")
    }
  }

  @Test("a name inside a folder")
  func joined() {
    for folder in Self.paths where !folder.isEmpty {
      #expect(
        FilePaths.joined(folder, "page.txt")
          == (folder as NSString).appendingPathComponent("page.txt"), "\(folder)")
    }
  }
}
