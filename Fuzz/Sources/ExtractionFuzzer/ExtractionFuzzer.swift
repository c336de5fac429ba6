import Redline

/// Any bytes must give an article or a clear error, never a crash, and a rendered article
/// keeps the text format's invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtraction(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  if let article = try? readArticle(bytes) {
    precondition(article.text.isEmpty || article.text.hasSuffix("\n"))
    precondition(!article.text.contains(" \n"))
    // One blank line between blocks, never two; no NUL or carriage return from the page.
    precondition(!article.text.contains("\n\n\n"))
    precondition(!article.text.unicodeScalars.contains { $0 == "\u{0}" || $0 == "\r" })
  }
  return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` renamed to `<target>_main`; hand control to
/// libFuzzer's driver from there.
@_cdecl("ExtractionFuzzer_main")
public func fuzzerMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments, fuzzExtraction)
}
