// swift-tools-version: 6.1
// libFuzzer target for the article extractor. Built and run by scripts/fuzz.sh:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
  name: "RedlineFuzz",
  dependencies: [.package(name: "Redline", path: "../")],
  targets: [
    .executableTarget(
      name: "ExtractionFuzzer",
      dependencies: [.product(name: "Redline", package: "Redline")]
    )
  ],
  swiftLanguageModes: [.v6]
)
