internal import DocumentDecoding

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parts of the input that libxml2 would read one character at a time, cut out before it reads
/// the page and given back to the tree builder: the contents of `<script>` and `<style>`
/// elements, long attribute values, and the ends of texts.
///
/// libxml2 2.9 reads raw text, attribute values and text one character at a time (decoding,
/// checking and copying each). Scripts and styles are a large part of a page's bytes (about a
/// sixth of extraction's instructions went there), and attribute values (class lists, URLs,
/// `srcset`s, SVG paths, JSON in `data-` attributes) and text other large parts. Cut out, the
/// parser sees `<script …></script>`, `<img src="" srcset="">` and `<p>T</p>`, and the
/// builder puts back what libxml2 would have made of them:
///
/// - a raw-text content: the bytes up to the first `</script` (or `</style`, any case) that
///   ends an end tag's name, without the characters libxml2 drops from character data (C0
///   controls other than tab, line feed and carriage return, and U+FFFE and U+FFFF);
/// - a quoted attribute value of at least `minimumCutValue` bytes with no `&` (no entity to
///   decode) that is well-formed UTF-8: its bytes as they are (libxml2 decodes each character
///   and encodes it again, which gives the same bytes, and keeps every character it warns about);
/// - a text's end: after the text's first character that is neither a blank nor one libxml2
///   drops, up to the first `<` or `&`, when that is at least `minimumCutText` bytes of
///   well-formed UTF-8: its bytes without the characters libxml2 drops (libxml2 reads the same
///   blanks and the same first character, and so skips, passes or wraps in a paragraph what
///   it would have, and ends the text at the same place);
/// - blanks between tags (after the first start tag, fewer than 999): all but the first.
///
/// The scan finds tags with a simple tokenizer (comments, attributes as libxml2 reads them). It
/// cannot be wrong without being caught: each tag with cuts records where its start tag ends
/// in the input libxml2 reads (its `>`, or the `/` of `/>`), its name and its number of
/// attributes, and the builder checks that libxml2 opens an element of that name with that many
/// attributes at exactly that place, with an empty value where each value was cut; each text
/// cut, where the text ends, and the builder checks that libxml2 passes text ending with the
/// character kept before the cut at exactly that place; every cut in order (`TreeState`).
/// Anywhere it does not, the page is parsed again from the uncut input. Where the scan meets anything it does not model (a content that starts with
/// `<`, an end tag name that goes on, an unterminated comment or value), it stops cutting and
/// leaves the rest of the input as it is; a tag it is unsure of (a bogus or repeated attribute
/// name, a value not followed by a blank) keeps its values.
struct InputCuts {
  /// One start tag with cuts, or one text with its end cut. Offsets are stored in 32 bits (36
  /// bytes a cut instead of 80): a page of short tags has a cut every few bytes, and
  /// `parseHTML` reads no input whose offsets would not fit.
  struct Cut {
    /// Whether this is a text's cut (`content` is the text after its first character that is
    /// not a blank), not a start tag's.
    let isText: Bool
    /// Whether the content holds characters libxml2 drops (`appendRawText`).
    let dropsCharacters: Bool
    private let storedPosition: Int32
    private let nameStart: Int32
    private let nameEnd: Int32
    private let storedAttributeCount: Int32
    private let valuesStart: Int32
    private let valuesEnd: Int32
    private let contentStart: Int32
    private let contentEnd: Int32

    /// Where the start tag ends in the cut input: its `>`, or the `/` of `/>`. libxml2 stands
    /// there when it reports the element. For a text, the `<` or `&` after it, where libxml2
    /// stands when it passes the text's last characters.
    var position: Int { Int(storedPosition) }
    /// The tag's name in the original input.
    var name: Range<Int> { Int(nameStart)..<Int(nameEnd) }
    /// How many attributes libxml2 reports for the tag.
    var attributeCount: Int { Int(storedAttributeCount) }
    /// The tag's cut values: a range of `InputCuts.values`.
    var values: Range<Int> { Int(valuesStart)..<Int(valuesEnd) }
    /// The raw-text content cut after the tag (script and style), or the text cut, in the
    /// original input; empty when there is none.
    var content: Range<Int> { Int(contentStart)..<Int(contentEnd) }

    init(
      isText: Bool, position: Int, name: Range<Int>, attributeCount: Int, values: Range<Int>,
      content: Range<Int>, dropsCharacters: Bool
    ) {
      self.isText = isText
      self.dropsCharacters = dropsCharacters
      storedPosition = Int32(truncatingIfNeeded: position)
      nameStart = Int32(truncatingIfNeeded: name.lowerBound)
      nameEnd = Int32(truncatingIfNeeded: name.upperBound)
      storedAttributeCount = Int32(truncatingIfNeeded: attributeCount)
      valuesStart = Int32(truncatingIfNeeded: values.lowerBound)
      valuesEnd = Int32(truncatingIfNeeded: values.upperBound)
      contentStart = Int32(truncatingIfNeeded: content.lowerBound)
      contentEnd = Int32(truncatingIfNeeded: content.upperBound)
    }
  }

  /// One attribute value cut out of a start tag (offsets in 32 bits, as a `Cut`'s).
  struct Value {
    private let storedAttribute: Int32
    private let nameStart: Int32
    private let nameEnd: Int32
    private let valueStart: Int32
    private let valueEnd: Int32

    /// The attribute's place among the tag's attributes (0 for the first).
    var attribute: Int { Int(storedAttribute) }
    /// The attribute's name in the original input.
    var name: Range<Int> { Int(nameStart)..<Int(nameEnd) }
    /// The value in the original input.
    var value: Range<Int> { Int(valueStart)..<Int(valueEnd) }

    init(attribute: Int, name: Range<Int>, value: Range<Int>) {
      storedAttribute = Int32(truncatingIfNeeded: attribute)
      nameStart = Int32(truncatingIfNeeded: name.lowerBound)
      nameEnd = Int32(truncatingIfNeeded: name.upperBound)
      valueStart = Int32(truncatingIfNeeded: value.lowerBound)
      valueEnd = Int32(truncatingIfNeeded: value.upperBound)
    }
  }

  /// The input libxml2 reads: the original without the cut parts.
  let input: [UInt8]
  /// The tags with cuts, in input order.
  let cuts: [Cut]
  /// The values cut, tag after tag.
  let values: [Value]

  /// The cuts of `bytes` (well-formed or not: a content or value that is not well-formed UTF-8
  /// is left in place), or nil when there is nothing to cut.
  ///
  /// A page with `maximumCuts` cuts and values or more is not cut (nil): each costs 20 to 36
  /// bytes, and the cut input another copy of the page, so a page of a short text or a long
  /// value every dozen bytes (far past the nodes a parse may build) would cost several times
  /// its size more than parsed as it is.
  init?(_ bytes: [UInt8], maximumCuts: Int = maximumNodes) {
    var scan = Scan()
    scan.maximumCuts = maximumCuts
    let refused = bytes.withUnsafeBufferPointer { buffer in
      guard !hasLongReferenceName(buffer) else { return true }
      scan.run(over: buffer)
      return false
    }
    guard !refused, !scan.reachedLimit, !scan.cuts.isEmpty else { return nil }
    // Only what a cut records is cut: each part left out has a cut libxml2 must confirm.
    var input: [UInt8] = []
    input.reserveCapacity(bytes.count - scan.removedBytes)
    var start = 0
    for cut in scan.cuts {
      for value in scan.values[cut.values] {
        input += bytes[start..<value.value.lowerBound]
        start = value.value.upperBound
      }
      input += bytes[start..<cut.content.lowerBound]
      start = cut.content.upperBound
    }
    input += bytes[start...]
    self.input = input
    self.cuts = scan.cuts
    self.values = scan.values
  }
}

/// The shortest attribute value worth cutting: libxml2 spends about a hundred instructions on
/// each byte of a value, the scan and the builder a few hundred on each cut (with this and
/// `minimumCutText` at 8, extraction took 1.2% fewer instructions on the corpus pages than at
/// 16, and at 4 only 0.1% fewer than at 8).
let minimumCutValue = 8

/// The shortest end of a text worth cutting (libxml2 spends about ninety instructions on each
/// byte of text).
let minimumCutText = 8

/// The fewest blanks between tags worth cutting (most are a line break and an indentation).
let minimumCutBlanks = 8

/// The scan behind `InputCuts`: one pass over the input, tag by tag.
private struct Scan {
  var cuts: [InputCuts.Cut] = []
  var values: [InputCuts.Value] = []
  /// How many bytes the cuts so far leave out.
  var removedBytes = 0
  /// The most cuts and values to record; the scan stops once it has as many.
  var maximumCuts = maximumNodes
  /// Whether the scan stopped at `maximumCuts`.
  private(set) var reachedLimit = false
  /// Whether the scan has read a start tag.
  private var readStartTag = false
  /// The attribute names of the tag being read (only while its values may be cut).
  private var names: [Range<Int>] = []

  /// The most attributes of a tag whose values are cut (their names are compared pairwise).
  private static let maximumAttributesOfCutTag = 32

  mutating func run(over bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    let count = bytes.count
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
      guard cuts.count + values.count < maximumCuts else {
        reachedLimit = true
        break
      }
      cutText(index..<open, in: bytes)
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
      readStartTag = true
      var position = open + 1
      while position < count && isNameByte(bytes[position]) { position += 1 }
      let name = (open + 1)..<position
      let nameBytes = UnsafeBufferPointer(rebasing: bytes[name])
      let isScript = equalsIgnoringCase(nameBytes, "script")
      let isStyle = !isScript && equalsIgnoringCase(nameBytes, "style")
      // libxml2 discards a misplaced `<html>`, `<head>` or `<body>` without reporting it, and
      // reads a `<meta>`'s values for a charset: their values stay.
      var cutsValues =
        name.count < 100
        && !(equalsIgnoringCase(nameBytes, "html") || equalsIgnoringCase(nameBytes, "head")
          || equalsIgnoringCase(nameBytes, "body") || equalsIgnoringCase(nameBytes, "meta"))
      let firstValue = values.count
      var attributes = 0
      names.removeAll(keepingCapacity: true)
      var selfClosing = false
      attributes: while true {
        while position < count && isBlank(bytes[position]) { position += 1 }
        guard position < count else { break scanning }
        let byte = bytes[position]
        if byte == UInt8(ascii: ">") { break attributes }
        if byte == UInt8(ascii: "/") && position + 1 < count
          && bytes[position + 1] == UInt8(ascii: ">")
        {
          selfClosing = true
          break attributes
        }
        guard isNameStart(byte) || byte == UInt8(ascii: ".") else {
          // libxml2 skips a bogus attribute up to a blank or the tag's end.
          guard !isScript && !isStyle else { break scanning }
          cutsValues = false
          while position < count && !isBlank(bytes[position])
            && bytes[position] != UInt8(ascii: ">")
            && !(bytes[position] == UInt8(ascii: "/") && position + 1 < count
              && bytes[position + 1] == UInt8(ascii: ">"))
          {
            position += 1
          }
          continue
        }
        // An attribute: a name, then `= value` if any.
        let nameStart = position
        while position < count && isNameByte(bytes[position]) { position += 1 }
        // libxml2 cuts longer names short, and what follows is then read as another attribute.
        guard position - nameStart < 100 else { break scanning }
        let attributeName = nameStart..<position
        attributes += 1
        if cutsValues { names.append(attributeName) }
        var afterName = position
        while afterName < count && isBlank(bytes[afterName]) { afterName += 1 }
        guard afterName < count, bytes[afterName] == UInt8(ascii: "=") else { continue }
        position = afterName + 1
        while position < count && isBlank(bytes[position]) { position += 1 }
        guard position < count else { break scanning }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
          guard let close = find(quote, from: position + 1) else { break scanning }
          let value = (position + 1)..<close
          position = close + 1
          // A value followed by a blank or the tag's end is where the scan and libxml2 agree.
          guard position < count,
            isBlank(bytes[position]) || bytes[position] == UInt8(ascii: ">")
              || bytes[position] == UInt8(ascii: "/")
          else {
            guard !isScript && !isStyle else { break scanning }
            cutsValues = false
            continue
          }
          if cutsValues && value.count >= minimumCutValue
            && memchr(base + value.lowerBound, Int32(UInt8(ascii: "&")), value.count) == nil
            && isWellFormedUTF8(UnsafeBufferPointer(rebasing: bytes[value]))
          {
            values.append(
              InputCuts.Value(attribute: attributes - 1, name: attributeName, value: value)
            )
          }
        } else {
          while position < count && !isBlank(bytes[position])
            && bytes[position] != UInt8(ascii: ">")
          {
            position += 1
          }
        }
      }
      // `position` is at the tag's `>`, or the `/` of `/>`.
      index = selfClosing ? position + 2 : position + 1
      if values.count > firstValue
        && !(cutsValues && attributes <= Self.maximumAttributesOfCutTag
          && !hasRepeatedName(in: bytes))
      {
        values.removeSubrange(firstValue...)
      }
      var content = (position + 1)..<(position + 1)
      var dropsCharacters = false
      // Whether the scan stops after this tag: its content is not where the scan can tell.
      var stops = false
      if (isScript || isStyle) && !selfClosing {
        // The content ends at the first `</script` or `</style` whose name ends there.
        let contentStart = position + 1
        var search = contentStart
        var contentEnd: Int?
        while let close = find("</", from: search) {
          let nameEnd = close + 2 + name.count
          guard nameEnd <= count else { break }
          let candidate = UnsafeBufferPointer(rebasing: bytes[(close + 2)..<nameEnd])
          if equalsIgnoringCase(candidate, isScript ? "script" : "style") {
            // `</scripts>` is an end tag of another name, which libxml2 drops from the text.
            if nameEnd < count && !isNameByte(bytes[nameEnd]) { contentEnd = close }
            break
          }
          search = close + 2
        }
        // At the content's start, libxml2 reads a `<` as markup first.
        if let contentEnd, contentEnd > contentStart && bytes[contentStart] == UInt8(ascii: "<") {
          stops = true
        } else if let contentEnd {
          index = contentEnd
        } else {
          stops = true
        }
        if let contentEnd, !stops && contentEnd > contentStart {
          let text = UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd])
          let (isASCII, hasControls) = rawTextTraits(text)
          if isASCII || isWellFormedUTF8(text) {
            content = contentStart..<contentEnd
            // U+FFFE and U+FFFF start with 0xEF.
            let mayHaveNonCharacters =
              !isASCII && memchr(base + contentStart, 0xEF, contentEnd - contentStart) != nil
            dropsCharacters = hasControls || mayHaveNonCharacters
          }
        }
      }
      if values.count > firstValue || !content.isEmpty {
        // The tag ends before its content: what is cut before it is the earlier tags' cuts
        // and its own values.
        for value in values[firstValue...] { removedBytes += value.value.count }
        cuts.append(
          InputCuts.Cut(
            isText: false, position: position - removedBytes,
            name: name, attributeCount: attributes, values: firstValue..<values.count,
            content: content, dropsCharacters: dropsCharacters))
        removedBytes += content.count
      }
      if stops { break scanning }
    }
    // Values of a tag the scan stopped in have no cut.
    values.removeSubrange((cuts.last?.values.upperBound ?? 0)...)
  }

  /// Cuts a text (`run`, from the end of markup to the next `<`) after its first character that
  /// is neither a blank nor one libxml2 drops, up to its first `&` (an entity), when what is
  /// cut is long enough and well-formed UTF-8. libxml2 then reads the text's start as it would
  /// have: it skips or passes the same blanks, implies the same paragraph for the same
  /// character, and ends the text at the same `<` or `&`; what is cut is text whatever libxml2
  /// was reading it as (character data or a script's), so the builder appends it there.
  private mutating func cutText(_ run: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
    guard run.count > minimumCutBlanks, let base = bytes.baseAddress else { return }
    var first = run.lowerBound
    while first < run.upperBound && isBlank(bytes[first]) { first += 1 }
    if first == run.upperBound {
      cutBlanks(run)
      return
    }
    guard run.count > minimumCutText, first < run.lowerBound + 512 else { return }
    let length: Int
    switch bytes[first] {
    case 0x21...0x7E: length = 1
    case 0xC2...0xDF: length = 2
    // 0xEF may start U+FFFE or U+FFFF, which libxml2 drops.
    case 0xE0...0xEE: length = 3
    case 0xF0...0xF4: length = 4
    default: return
    }
    // An `&` there starts an entity, not text.
    guard bytes[first] != UInt8(ascii: "&") else { return }
    let end =
      memchr(base + first, Int32(UInt8(ascii: "&")), run.upperBound - first).map {
        UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base
      } ?? run.upperBound
    // The first character may be cut short by the `&` or `<` (bytes that are not UTF-8).
    guard end - first - length >= minimumCutText else { return }
    let cut = (first + length)..<end
    let text = UnsafeBufferPointer(rebasing: bytes[first..<end])
    let (isASCII, hasControls) = rawTextTraits(text)
    guard isASCII || isWellFormedUTF8(text) else { return }
    let mayHaveNonCharacters = !isASCII && memchr(base + cut.lowerBound, 0xEF, cut.count) != nil
    removedBytes += cut.count
    cuts.append(
      InputCuts.Cut(
        isText: true, position: end - removedBytes, name: 0..<0, attributeCount: 0,
        values: values.count..<values.count, content: cut,
        dropsCharacters: hasControls || mayHaveNonCharacters))
  }

  /// Cuts a text of blanks (`run`, from the end of markup to the next `<`) after its first byte,
  /// once a start tag was read: libxml2 passes blanks there as text (the blanks before the
  /// first tag it skips without an event), and one blank before the same `<` is passed as all
  /// of them would have been, when they are fewer than libxml2 passes at once (1,000).
  private mutating func cutBlanks(_ run: Range<Int>) {
    guard readStartTag && run.count < 999 else { return }
    let cut = (run.lowerBound + 1)..<run.upperBound
    removedBytes += cut.count
    cuts.append(
      InputCuts.Cut(
        isText: true, position: run.upperBound - removedBytes, name: 0..<0, attributeCount: 0,
        values: values.count..<values.count, content: cut, dropsCharacters: false))
  }

  /// Whether two attributes of the tag just read have the same name (any case): libxml2 keeps
  /// the first and drops the other, so the attributes would not be where the scan counted them.
  private func hasRepeatedName(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for first in names.indices {
      for second in names.indices where second > first {
        let one = names[first]
        let other = names[second]
        guard one.count == other.count else { continue }
        var same = true
        for offset in 0..<one.count
        where bytes[one.lowerBound + offset] | 0x20 != bytes[other.lowerBound + offset] | 0x20 {
          same = false
          break
        }
        if same { return true }
      }
    }
    return false
  }
}

/// Whether an `&` is followed by a name of 100 bytes or more (ASCII name characters, or any
/// byte of a character that is not ASCII): the page is then parsed as it is.
///
/// libxml2 2.9 reads a reference's name that is not all ASCII with `htmlParseNameComplex`,
/// which calls `GROW` every hundred characters and, when that moved the input buffer (near the
/// end of the input, where the buffer may be reallocated), starts the name again from where it
/// stands: the name's start is lost (`&ampxxx…\u{C0}` comes out as `&xxx…`). Where the buffer
/// is reallocated, and whether it moves, depends on the input's length and the heap, so the
/// page cut and the page as it is can read such a name differently.
private func hasLongReferenceName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return false }
  let count = bytes.count
  var from = 0
  while from < count, let hit = memchr(base + from, Int32(UInt8(ascii: "&")), count - from) {
    var position = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base + 1
    let start = position
    while position < count && position - start < 100
      && (bytes[position] >= 0x80 || isNameByte(bytes[position]))
    {
      position += 1
    }
    if position - start >= 100 { return true }
    from = position
  }
  return false
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
