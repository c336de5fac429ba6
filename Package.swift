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
    // The watch file is TOML, read and written through toml++ (docs/WATCH-FILE.md says why).
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    // WACZ files are ZIPs: written (stored members, streamed from files) and read through it.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // libcurl and libxml2 are loaded with dlopen on first use, not linked: linked, they and the
    // libraries behind them (TLS, Kerberos, LDAP; ICU with its 30 MB of data) cost every run
    // start-up time, commands that never fetch or parse included (DEVELOPERS.md, "Three
    // traps"). So neither has a pkg-config (its -lcurl / -lxml2 would link the library), and
    // each is a C target whose wrappers call the library through CLazyLoading, the one loader.
    // Their headers come from the compiler's default path: curl's directly, libxml2's through
    // forwarding headers (Sources/CLibXML2/include/libxml), so no unsafe flags are needed.
    .target(name: "CLazyLoading"),
    .target(name: "CCurl", dependencies: ["CLazyLoading"]),
    .target(name: "CLibXML2", dependencies: ["CLazyLoading"]),
    // Brotli and Zstandard decoding of archived payloads (libbrotlidec, libzstd), loaded the
    // same way: only `import` of a WARC that keeps such bodies opens them.
    .target(name: "CContentCodings", dependencies: ["CLazyLoading"]),
    // glibc's <malloc.h>: extraction of many pages keeps freed memory for the next (mallopt).
    .systemLibrary(name: "CMalloc"),
    .target(name: "HTTPFetching", dependencies: ["CCurl"]),
    // Bytes (+ Content-Type, + file name) -> an HTML document decoded to UTF-8, or why not.
    .target(name: "DocumentDecoding", dependencies: ["UnicodeSpaces"]),
    .target(name: "HTMLParsing", dependencies: ["CLibXML2", "DocumentDecoding"]),
    .target(name: "ArticleExtraction", dependencies: ["HTMLParsing", "UnicodeSpaces"]),
    .target(name: "FeedParsing", dependencies: ["CLibXML2", "HTMLParsing"]),
    .target(name: "TextDiff"),
    // read(2)/write(2) of whole buffers, retried after EINTR: the one copy of those loops.
    .target(name: "FileDescriptorIO"),
    // A batch of independent work mapped on every core, results in order (verify, audit), and
    // the one starter of threads of Redline's own (WorkerThread).
    .target(name: "EveryCore"),
    // Trimming white space as Foundation's character sets define it.
    .target(name: "UnicodeSpaces"),
    // The watch list: watches, intervals and the recheck curve, and the TOML watch file.
    .target(name: "WatchList", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
    .target(
      name: "SnapshotStore",
      // libdeflate: verify decompresses the payloads kept by `snapshot --keep-raw distinct`.
      dependencies: [
        "CLibDeflate", "EveryCore", "FileDescriptorIO", "UnicodeSpaces", "WatchList",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // Edit notifications: targets, the signed webhook body, mail, exec; delivered through the
    // store's queue (SnapshotStoring) so that none is lost or sent twice.
    .target(
      name: "Notifying",
      dependencies: [
        "HTTPFetching", "SnapshotStore", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // zlib, linked (it is small and loads fast): reading gzip WARC files and payloads as
    // streams (libdeflate below only does whole buffers). Not named CZlib:
    // ZIPFoundation's own zlib module has that name, and two module maps may not share one.
    .systemLibrary(name: "CZlibWrappers", providers: [.apt(["zlib1g-dev"])]),
    // libdeflate, linked (small, like zlib): each WARC record is one gzip member compressed
    // whole, which libdeflate does in about half zlib's time at the same level.
    .systemLibrary(name: "CLibDeflate", providers: [.apt(["libdeflate-dev"])]),
    // WARC 1.1 records (gzip member per record), CDXJ/SURT and WACZ: independent of the store.
    .target(
      name: "WebArchive",
      dependencies: [
        "CContentCodings", "CZlibWrappers", "CLibDeflate", "EveryCore", "FileDescriptorIO",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(
      name: "Redline",
      dependencies: [
        "HTTPFetching", "DocumentDecoding", "HTMLParsing", "ArticleExtraction", "FeedParsing",
        "TextDiff", "SnapshotStore", "EveryCore", "FileDescriptorIO", "UnicodeSpaces", "CMalloc",
        "Notifying", "WatchList", "WebArchive",
      ]
    ),
    .executableTarget(
      name: "RedlineCLI",
      dependencies: [
        "Redline", "ArticleExtraction", "DocumentDecoding", "FileDescriptorIO", "HTTPFetching",
        "SnapshotStore", "TextDiff", "UnicodeSpaces", "Notifying", "WatchList", "WebArchive",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // A loopback HTTP server that can misbehave on demand: used by the tests and by `make demo`.
    .target(name: "LoopbackServer", dependencies: ["FileDescriptorIO"]),
    .executableTarget(name: "serve-fixtures", dependencies: ["LoopbackServer"]),
    // Drives the real store from other processes: crash and two-process tests, benchmark stores.
    .executableTarget(
      name: "store-workload",
      dependencies: ["Redline", "SnapshotStore", "HTTPFetching", "WatchList", "ArticleExtraction"]),
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
    .testTarget(
      name: "HTTPFetchingTests", dependencies: ["HTTPFetching", "CCurl", "LoopbackServer"]),
    .testTarget(name: "DocumentDecodingTests", dependencies: ["DocumentDecoding"]),
    .testTarget(name: "FileDescriptorIOTests", dependencies: ["FileDescriptorIO"]),
    .testTarget(name: "SnapshotStoreTests", dependencies: ["SnapshotStore", "WatchList"]),
    .testTarget(name: "WatchListTests", dependencies: ["WatchList"]),
    .testTarget(name: "EveryCoreTests", dependencies: ["EveryCore"]),
    .testTarget(
      name: "NotifyingTests", dependencies: ["Notifying", "HTTPFetching", "SnapshotStore"]),
    .testTarget(name: "WebArchiveTests", dependencies: ["WebArchive"]),
    .testTarget(
      name: "RedlineTests",
      dependencies: [
        "Redline", "ArticleExtraction", "HTTPFetching", "SnapshotStore", "LoopbackServer",
        "Notifying", "WatchList", "WebArchive",
      ]),
    .testTarget(
      name: "RedlineEndToEndTests",
      // libxml2's XML parser checks that the audit's HTML report and Atom feed are well-formed;
      // swift-crypto checks webhook signatures as a receiver would.
      dependencies: [
        "LoopbackServer", "CLibXML2", .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["Golden"]
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
