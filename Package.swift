// swift-tools-version: 6.1
import PackageDescription

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
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // glibc's <malloc.h>: `redline extract` keeps freed memory for the next page (mallopt).
    .systemLibrary(name: "CMalloc"),
    .target(name: "HTTPFetching", dependencies: ["CCurl"]),
    .target(name: "HTMLParsing", dependencies: ["CLibXML2"]),
    .target(name: "ArticleExtraction", dependencies: ["HTMLParsing"]),
    .target(name: "FeedParsing", dependencies: ["CLibXML2", "HTMLParsing"]),
    .target(name: "TextDiff"),
    .target(
      name: "SnapshotStore",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")]
    ),
    .target(
      name: "Redline",
      dependencies: [
        "HTTPFetching", "HTMLParsing", "ArticleExtraction", "FeedParsing", "TextDiff",
        "SnapshotStore",
      ]
    ),
    .executableTarget(
      name: "RedlineCLI",
      dependencies: [
        "Redline", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // A loopback HTTP server that can misbehave on demand: used by the tests and by `make demo`.
    .target(name: "LoopbackServer"),
    .executableTarget(name: "serve-fixtures", dependencies: ["LoopbackServer"]),
    // Drives the real store from other processes: crash and two-process tests, benchmark stores.
    .executableTarget(
      name: "store-workload", dependencies: ["Redline", "SnapshotStore", "HTTPFetching"]),

    .testTarget(name: "TextDiffTests", dependencies: ["TextDiff"], exclude: ["Fixtures"]),
    .testTarget(name: "HTMLParsingTests", dependencies: ["HTMLParsing"]),
    .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing", "HTMLParsing"]),
    .testTarget(
      name: "ArticleExtractionTests",
      dependencies: ["ArticleExtraction", "HTMLParsing", "TextDiff"],
      exclude: ["Fixtures", "StabilityPairs"]
    ),
    .testTarget(name: "HTTPFetchingTests", dependencies: ["HTTPFetching", "LoopbackServer"]),
    .testTarget(name: "SnapshotStoreTests", dependencies: ["SnapshotStore"]),
    .testTarget(name: "RedlineTests", dependencies: ["Redline", "LoopbackServer"]),
    .testTarget(
      name: "RedlineEndToEndTests",
      // libxml2's XML parser checks that the audit's HTML report is well-formed.
      dependencies: ["LoopbackServer", "CLibXML2"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
