// swift-tools-version: 6.1
import PackageDescription

// libxml2 is loaded with dlopen on first use (Sources/CLibXML2/shim.h), like libcurl. Linked,
// libxml2 and the libraries behind it (ICU with its 30 MB of data, liblzma, zlib) cost every
// run about 0.5 ms of start-up, commands that never parse HTML included. So on Linux it is
// not linked: no pkg-config (its -lxml2 would link it), and its headers come from where every
// distribution puts them. Elsewhere pkg-config finds them and the library is linked as well.
#if os(Linux)
  let libxml2 = Target.systemLibrary(name: "CLibXML2", providers: [.apt(["libxml2-dev"])])
  let libxml2Headers: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])]
#else
  let libxml2 = Target.systemLibrary(
    name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.brew(["libxml2"])])
  let libxml2Headers: [SwiftSetting] = []
#endif

let package = Package(
  name: "Redline",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "redline", targets: ["RedlineCLI"]),
    .executable(name: "serve-fixtures", targets: ["serve-fixtures"]),
    .library(name: "Redline", targets: ["Redline"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // No pkgConfig: its -lcurl would make the loader open libcurl and the 35 libraries behind
    // it at every start (about 4 ms), fetching or not. The shim loads libcurl on first use, and
    // curl's headers are on the compiler's default path.
    .systemLibrary(
      name: "CCurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    libxml2,
    // glibc's <malloc.h>: extraction of many pages keeps freed memory for the next (mallopt).
    .systemLibrary(name: "CMalloc"),
    .target(name: "HTTPFetching", dependencies: ["CCurl"]),
    // Bytes (+ Content-Type, + file name) -> an HTML document decoded to UTF-8, or why not.
    .target(name: "DocumentDecoding", dependencies: ["UnicodeSpaces"]),
    .target(name: "HTMLParsing", dependencies: ["CLibXML2"], swiftSettings: libxml2Headers),
    .target(name: "ArticleExtraction", dependencies: ["HTMLParsing", "UnicodeSpaces"]),
    .target(
      name: "FeedParsing", dependencies: ["CLibXML2", "HTMLParsing"], swiftSettings: libxml2Headers
    ),
    .target(name: "TextDiff"),
    // read(2)/write(2) of whole buffers, retried after EINTR: the one copy of those loops.
    .target(name: "FileDescriptorIO"),
    // Trimming white space as Foundation's character sets define it.
    .target(name: "UnicodeSpaces"),
    .target(
      name: "SnapshotStore",
      dependencies: [
        "FileDescriptorIO", "UnicodeSpaces", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "Redline",
      dependencies: [
        "HTTPFetching", "DocumentDecoding", "HTMLParsing", "ArticleExtraction", "FeedParsing",
        "TextDiff", "SnapshotStore", "FileDescriptorIO", "UnicodeSpaces", "CMalloc",
      ]
    ),
    .executableTarget(
      name: "RedlineCLI",
      dependencies: [
        "Redline", "ArticleExtraction", "DocumentDecoding", "FileDescriptorIO", "HTTPFetching",
        "SnapshotStore", "TextDiff", "UnicodeSpaces",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // A loopback HTTP server that can misbehave on demand: used by the tests and by `make demo`.
    .target(name: "LoopbackServer"),
    .executableTarget(name: "serve-fixtures", dependencies: ["LoopbackServer"]),
    // Drives the real store from other processes: crash and two-process tests, benchmark stores.
    .executableTarget(
      name: "store-workload", dependencies: ["Redline", "SnapshotStore", "HTTPFetching"]),
    // Times extraction in-process, as the corpus's evaluate.py times the peers: make bench.
    .executableTarget(
      name: "extract-timing", dependencies: ["Redline", "ArticleExtraction"]),

    .testTarget(name: "TextDiffTests", dependencies: ["TextDiff"], exclude: ["Fixtures"]),
    .testTarget(name: "HTMLParsingTests", dependencies: ["HTMLParsing"]),
    .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing", "HTMLParsing"]),
    .testTarget(
      name: "ArticleExtractionTests",
      dependencies: ["ArticleExtraction", "HTMLParsing", "TextDiff", "UnicodeSpaces"],
      exclude: ["Fixtures", "StabilityPairs", "TrueEditPairs", "FuzzCrashes"]
    ),
    .testTarget(name: "HTTPFetchingTests", dependencies: ["HTTPFetching", "LoopbackServer"]),
    .testTarget(name: "DocumentDecodingTests", dependencies: ["DocumentDecoding"]),
    .testTarget(name: "SnapshotStoreTests", dependencies: ["SnapshotStore"]),
    .testTarget(
      name: "RedlineTests",
      dependencies: [
        "Redline", "ArticleExtraction", "HTTPFetching", "SnapshotStore", "LoopbackServer",
      ]),
    .testTarget(
      name: "RedlineEndToEndTests",
      // libxml2's XML parser checks that the audit's HTML report is well-formed.
      dependencies: ["LoopbackServer", "CLibXML2"],
      exclude: ["Golden"],
      swiftSettings: libxml2Headers
    ),
  ],
  swiftLanguageModes: [.v6]
)

// Member lookup sees only what a file imports itself, so legacy Foundation's String methods
// (which a dependency's `import Foundation` would otherwise make visible) cannot slip back in
// and link all of Foundation again; see the note in DEVELOPERS.md.
for target in package.targets where target.type == .regular || target.type == .executable {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("MemberImportVisibility")
    ]
}
