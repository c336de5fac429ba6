// extract-timing: a development tool, not part of the product. It times extraction the way
// ../shared/corpus/evaluate.py times an in-process peer (trafilatura, lxml's bare parse): every
// page is read into memory first, untimed, then each page's extraction is timed on its own and
// the times are summed. Unlike the peers, which get text already decoded, the timed part
// includes sniffing the character set and decoding, and rendering the article as text.
//
//   extract-timing [--repeat N] FILE…
//       prints "PAGES SECONDS" (the best of N passes over all pages, default 1)
import ArticleExtraction
import FoundationEssentials
import Redline

#if canImport(Glibc)
  import Glibc
#endif

/// Prints a line on standard error and exits with status 2.
func fail(_ message: String) -> Never {
  let line = Array("extract-timing: \(message)\n".utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 1
if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count {
  repeats = max(1, Int(arguments[index + 1]) ?? 1)
  arguments.removeSubrange(index...(index + 1))
}
guard !arguments.isEmpty else { fail("usage: extract-timing [--repeat N] FILE…") }
// As `redline extract` does: freed buffers stay in the heap for the next page.
keepFreedMemoryForReuse()

let pages: [[UInt8]]
do {
  pages = try arguments.map { try readLocalFile($0, limit: maximumPageBytes) }
} catch {
  fail("\(error)")
}

/// Nanoseconds on the monotonic clock.
func now() -> UInt64 {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

// One page untimed first, as evaluate.py warms up a peer (this also loads libxml2).
_ = try? readArticle(pages[0])

var best = UInt64.max
var characters = 0
for _ in 0..<repeats {
  var total: UInt64 = 0
  characters = 0
  for page in pages {
    let start = now()
    let text = (try? readArticle(page).article.rendered(as: .text)) ?? ""
    total += now() - start
    characters += text.utf8.count
  }
  best = min(best, total)
}
print(pages.count, Double(best) / 1e9, characters)
