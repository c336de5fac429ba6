internal import DocumentDecoding

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The contents of `<script>` and `<style>` elements, cut out of the input before libxml2 reads
/// it and given back to the tree builder as the elements' text.
///
/// libxml2 2.9 reads raw text one character at a time (decoding, checking and copying each),
/// and scripts and styles are a large part of a page's bytes: about a sixth of extraction's
/// instructions went there. Cut out, the parser sees `<script …></script>`, and the builder
/// appends the content itself, as libxml2 would have passed it: the bytes up to the first
/// `</script` (or `</style`, any case) that ends an end tag's name, without the characters
/// libxml2 drops from character data (C0 controls other than tab, line feed and carriage
/// return, and U+FFFE and U+FFFF).
///
/// The scan finds tags with a simple tokenizer (comments, quoted attribute values). It cannot
/// be wrong without being caught: each cut records where its start tag's `>` lies in the input
/// libxml2 reads, and the builder checks that libxml2 opens a script or style element at
/// exactly that place, every cut in order (`TreeState.matchCut`). Anywhere it does not, the
/// page is parsed again from the uncut input. Where the scan meets anything it does not model
/// (a content that starts with `<`, an end tag name that goes on, an unterminated comment or
/// value), it stops cutting and leaves the rest of the input as it is.
struct RawTextCuts {
  /// One cut: where the start tag's `>` lies in the cut input, and the content's bytes in the
  /// original input.
  struct Cut {
    let position: Int
    let content: Range<Int>
    let isStyle: Bool
    /// Whether the content holds characters libxml2 drops (`appendRawText`).
    let dropsCharacters: Bool
  }

  /// The input libxml2 reads: the original without the cut contents.
  let input: [UInt8]
  /// The cuts in input order.
  let cuts: [Cut]

  /// The cuts of `bytes` (well-formed or not: a content that is not well-formed UTF-8 is left
  /// in place), or nil when there is nothing to cut.
  init?(_ bytes: [UInt8]) {
    let found = bytes.withUnsafeBufferPointer { rawTextContents(in: $0) }
    guard !found.isEmpty else { return nil }
    var input: [UInt8] = []
    input.reserveCapacity(bytes.count)
    var cuts: [Cut] = []
    cuts.reserveCapacity(found.count)
    var start = 0
    for (content, isStyle, drops) in found {
      input += bytes[start..<content.lowerBound]
      // The start tag's `>` is the byte just before the content.
      cuts.append(
        Cut(position: input.count - 1, content: content, isStyle: isStyle, dropsCharacters: drops))
      start = content.upperBound
    }
    input += bytes[start...]
    self.input = input
    self.cuts = cuts
  }
}

/// The contents of the script and style elements to cut, in input order (see `RawTextCuts`).
private func rawTextContents(in bytes: UnsafeBufferPointer<UInt8>) -> [(Range<Int>, Bool, Bool)] {
  guard let base = bytes.baseAddress else { return [] }
  let count = bytes.count
  var found: [(Range<Int>, Bool, Bool)] = []
  /// The first position at or after `from` holding `byte`, or nil.
  func find(_ byte: UInt8, from: Int) -> Int? {
    guard from < count, let hit = memchr(base + from, Int32(byte), count - from) else {
      return nil
    }
    return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
  }
  /// The first position at or after `from` where `needle` starts, or nil.
  func find(_ needle: StaticString, from: Int) -> Int? {
    let length = needle.utf8CodeUnitCount
    let first = needle.utf8Start[0]
    var position = from
    while let hit = find(first, from: position) {
      guard hit + length <= count else { return nil }
      if memcmp(base + hit, needle.utf8Start, length) == 0 { return hit }
      position = hit + 1
    }
    return nil
  }
  var index = 0
  scanning: while let open = find(UInt8(ascii: "<"), from: index) {
    guard open + 1 < count else { break }
    let next = bytes[open + 1]
    if next == UInt8(ascii: "!") {
      // A comment ends at the first `-->` after `<!--`; a doctype or other `<!` at `>`.
      if open + 3 < count && bytes[open + 2] == UInt8(ascii: "-")
        && bytes[open + 3] == UInt8(ascii: "-")
      {
        // libxml2 also ends a comment at `--!>`.
        var search = open + 4
        while true {
          guard let dashes = find("--", from: search), dashes + 2 < count else { break scanning }
          if bytes[dashes + 2] == UInt8(ascii: ">") {
            index = dashes + 3
            break
          }
          if bytes[dashes + 2] == UInt8(ascii: "!") && dashes + 3 < count
            && bytes[dashes + 3] == UInt8(ascii: ">")
          {
            index = dashes + 4
            break
          }
          search = dashes + 1
        }
      } else {
        guard let end = find(UInt8(ascii: ">"), from: open + 2) else { break }
        index = end + 1
      }
      continue
    }
    if next == UInt8(ascii: "/") || next == UInt8(ascii: "?") {
      guard let end = find(UInt8(ascii: ">"), from: open + 2) else { break }
      index = end + 1
      continue
    }
    guard isNameStart(next) else {
      index = open + 1
      continue
    }
    // A start tag: its name, then its attributes up to `>` or `/>`.
    var position = open + 1
    while position < count && isNameByte(bytes[position]) { position += 1 }
    let name = UnsafeBufferPointer(rebasing: bytes[(open + 1)..<position])
    let isScript = equalsIgnoringCase(name, "script")
    let isStyle = !isScript && equalsIgnoringCase(name, "style")
    // Other tags are read as text: a `<script` inside one's attribute value is a cut libxml2
    // does not confirm, which costs a second parse, not a wrong tree.
    guard isScript || isStyle else {
      index = position
      continue
    }
    var selfClosing = false
    attributes: while true {
      while position < count && isBlank(bytes[position]) { position += 1 }
      guard position < count else { break scanning }
      let byte = bytes[position]
      if byte == UInt8(ascii: ">") { break attributes }
      if byte == UInt8(ascii: "/") {
        guard position + 1 < count, bytes[position + 1] == UInt8(ascii: ">") else {
          break scanning
        }
        selfClosing = true
        position += 1
        break attributes
      }
      // An attribute: a name, then `= value` if any.
      guard isNameStart(byte) || byte == UInt8(ascii: ".") else { break scanning }
      let nameStart = position
      while position < count && isNameByte(bytes[position]) { position += 1 }
      // libxml2 cuts longer names short, and what follows is then read as another attribute.
      guard position - nameStart < 100 else { break scanning }
      var afterName = position
      while afterName < count && isBlank(bytes[afterName]) { afterName += 1 }
      guard afterName < count, bytes[afterName] == UInt8(ascii: "=") else { continue }
      position = afterName + 1
      while position < count && isBlank(bytes[position]) { position += 1 }
      guard position < count else { break scanning }
      let quote = bytes[position]
      if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        guard let close = find(quote, from: position + 1) else { break scanning }
        position = close + 1
        // A value must be followed by a blank or the tag's end, as the next name needs one.
        guard position < count,
          isBlank(bytes[position]) || bytes[position] == UInt8(ascii: ">")
            || bytes[position] == UInt8(ascii: "/")
        else { break scanning }
      } else {
        while position < count && !isBlank(bytes[position]) && bytes[position] != UInt8(ascii: ">")
        {
          position += 1
        }
      }
    }
    // `position` is at the tag's `>`.
    index = position + 1
    guard (isScript || isStyle) && !selfClosing else { continue }
    // The content ends at the first `</script` or `</style` whose name ends there.
    let contentStart = position + 1
    var search = contentStart
    var contentEnd: Int?
    while let close = find("</", from: search) {
      let nameEnd = close + 2 + name.count
      guard nameEnd <= count else { break scanning }
      let candidate = UnsafeBufferPointer(rebasing: bytes[(close + 2)..<nameEnd])
      if equalsIgnoringCase(candidate, isScript ? "script" : "style") {
        // `</scripts>` is an end tag of another name, which libxml2 drops from the text.
        guard nameEnd < count, !isNameByte(bytes[nameEnd]) else { break scanning }
        contentEnd = close
        break
      }
      search = close + 2
    }
    guard let contentEnd else { break scanning }
    index = contentEnd
    guard contentEnd > contentStart else { continue }
    // At the content's start, libxml2 reads a `<` as markup first.
    guard bytes[contentStart] != UInt8(ascii: "<") else { break scanning }
    let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd])
    let (isASCII, hasControls) = rawTextTraits(content)
    guard isASCII || isWellFormedUTF8(content) else { continue }
    // U+FFFE and U+FFFF start with 0xEF.
    let mayHaveNonCharacters =
      !isASCII && memchr(base + contentStart, 0xEF, contentEnd - contentStart) != nil
    found.append((contentStart..<contentEnd, isStyle, hasControls || mayHaveNonCharacters))
  }
  return found
}

/// Appends a cut content to `text` as libxml2 passes raw text: without the characters it
/// drops (C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF).
func appendRawText(_ content: UnsafeBufferPointer<UInt8>, to text: inout [UInt8]) {
  let hasDropped = content.contains { isDroppedControl($0) || $0 == 0xEF }
  guard hasDropped else {
    text.append(contentsOf: content)
    return
  }
  // Runs of kept bytes are appended whole.
  var run = 0
  var index = 0
  while index < content.count {
    let byte = content[index]
    var dropped = 0
    if isDroppedControl(byte) {
      dropped = 1
    } else if byte == 0xEF && index + 2 < content.count && content[index + 1] == 0xBF
      && (content[index + 2] == 0xBE || content[index + 2] == 0xBF)
    {
      dropped = 3
    }
    guard dropped > 0 else {
      index += 1
      continue
    }
    text.append(contentsOf: UnsafeBufferPointer(rebasing: content[run..<index]))
    index += dropped
    run = index
  }
  text.append(contentsOf: UnsafeBufferPointer(rebasing: content[run...]))
}

/// Whether the bytes are all ASCII, and whether some are C0 controls libxml2 drops (other than
/// tab, line feed and carriage return); eight bytes at a time.
private func rawTextTraits(_ bytes: UnsafeBufferPointer<UInt8>) -> (
  isASCII: Bool, hasControls: Bool
) {
  guard let base = bytes.baseAddress else { return (true, false) }
  let count = bytes.count
  var high: UInt64 = 0
  var hasControls = false
  var index = 0
  while index + 8 <= count {
    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
    high |= word
    // The high bit of each byte below 0x20, exactly (no carry crosses a byte): mostly line
    // feeds and tabs, looked at one by one.
    var below =
      ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x6060_6060_6060_6060) | word) & 0x8080_8080_8080_8080
    while below != 0 && !hasControls {
      hasControls = isDroppedControl(base[index + below.trailingZeroBitCount >> 3])
      below &= below &- 1
    }
    index += 8
  }
  while index < count {
    high |= UInt64(base[index])
    if isDroppedControl(base[index]) { hasControls = true }
    index += 1
  }
  return (high & 0x8080_8080_8080_8080 == 0, hasControls)
}

/// A C0 control other than tab, line feed and carriage return: libxml2 drops it from text.
@inline(__always)
private func isDroppedControl(_ byte: UInt8) -> Bool {
  byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
}

/// A byte that may start an HTML name for libxml2 (ASCII letters, `_` and `:`).
private func isNameStart(_ byte: UInt8) -> Bool {
  ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
}

/// A byte of an HTML name after its first (letters, digits, `:`, `-`, `_` and `.`).
private func isNameByte(_ byte: UInt8) -> Bool {
  isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
}

/// libxml2's blanks between attributes: space, tab, line feed and carriage return.
private func isBlank(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

private func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
  guard bytes.count == name.utf8CodeUnitCount else { return false }
  for index in 0..<bytes.count where bytes[index] | 0x20 != name.utf8Start[index] {
    return false
  }
  return true
}
