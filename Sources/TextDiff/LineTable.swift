#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lines of a text as offsets into its bytes, so that splitting and interning a large text
/// make no allocation per line. `Line` values are made only for the lines a diff prints.
///
/// Invariant: `starts` holds `count + 1` offsets; line i's bytes are
/// `text[starts[i] ..< starts[i + 1] - 1]` (the byte at `starts[i + 1] - 1` is its "\n", or, for
/// a last line without one, just past the end of the text).
struct LineTable {
  /// The whole text.
  let text: TextBytes

  /// Where each line starts, followed by one past the end of the last line's terminator.
  let starts: [Int]

  /// Whether the last line ends with "\n" (true for an empty text).
  let lastHasNewline: Bool

  /// Splits a text held in an array on "\n".
  init(_ text: [UInt8]) {
    self.init(TextBytes(text))
  }

  /// Splits a text on "\n".
  init(_ text: TextBytes) {
    self.text = text
    var starts = [0]
    starts.reserveCapacity(text.count / 16 + 2)
    text.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress else { return }
      // Eight bytes at a time: a byte of `word ^ newlines` is zero exactly where "\n" is, and
      // the exact zero-byte test below sets the top bit of just those bytes (no false hits).
      // Sixteen bytes in a row without a "\n" mean a long line: libc's memchr, which reads 32
      // or 64 bytes per step, finds its end (three times faster than this loop on 100-byte
      // lines; calling it for short lines would cost more than it saves).
      let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
      let lowSeven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      var offset = 0
      var emptyWords = 0
      while offset + 8 <= bytes.count {
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
        let matched = word ^ newlines
        var found = ~(((matched & lowSeven) &+ lowSeven) | matched | lowSeven)
        offset += 8
        if found == 0 {
          emptyWords += 1
          guard emptyWords == 2 else { continue }
          emptyWords = 0
          guard let next = memchr(base + offset, Int32(Line.newline), bytes.count - offset) else {
            offset = bytes.count
            break
          }
          offset = base.distance(to: UnsafeRawPointer(next)) + 1
          starts.append(offset)
          continue
        }
        emptyWords = 0
        while found != 0 {
          starts.append(offset - 8 + found.trailingZeroBitCount / 8 + 1)
          found &= found &- 1
        }
      }
      while offset < bytes.count {
        if bytes[offset] == Line.newline { starts.append(offset + 1) }
        offset += 1
      }
    }
    lastHasNewline = text.withUnsafeBytes { $0.last.map { $0 == Line.newline } ?? true }
    if !lastHasNewline { starts.append(text.count + 1) }
    self.starts = starts
  }

  /// The number of lines.
  var count: Int { starts.count - 1 }

  /// The bytes of line `index`, without its "\n".
  func byteRange(_ index: Int) -> Range<Int> { starts[index]..<(starts[index + 1] - 1) }

  /// Whether line `index` ends with "\n".
  func hasNewline(_ index: Int) -> Bool { index < count - 1 || lastHasNewline }

  /// How many leading and how many trailing lines this text and `other` have in common, each
  /// counted on its own (they overlap when the texts repeat themselves): the counts comparing
  /// line by line would give (same bytes, both or neither ending with "\n"), found by comparing
  /// the texts' bytes from each end, as GNU diff does, and turning lengths into lines by binary
  /// search.
  func commonEnds(with other: LineTable) -> (head: Int, tail: Int) {
    text.withUnsafeBytes { bytes in
      other.text.withUnsafeBytes { otherBytes in
        let prefix = commonPrefixLength(bytes, otherBytes)
        if prefix == bytes.count && prefix == otherBytes.count { return (count, count) }
        // Head: the lines whose bytes and "\n" all lie in the common prefix, so whose end
        // (the next line's start) is in it; a last line without "\n" ends past the text, so
        // it counts only when the texts are equal. Entry 0 of `starts` is no line's end.
        let head = startsBelow(prefix + 1) - 1
        // Tail: a line starting inside the common suffix starts at the same distance from the
        // end in both texts and is the same line; one starting exactly where the suffix begins
        // is shared only if both texts start a line there (the bytes before it differ, so one
        // of them must be the text's start).
        let suffix = commonSuffixLength(bytes, otherBytes)
        let boundary = bytes.count - suffix
        var tail = count - min(startsBelow(boundary + 1), count)
        if isLineStart(boundary) && other.isLineStart(other.text.count - suffix) { tail += 1 }
        return (head, tail)
      }
    }
  }

  /// How many entries of `starts` are below `offset`.
  private func startsBelow(_ offset: Int) -> Int {
    var low = 0
    var high = starts.count
    while low < high {
      let middle = (low + high) / 2
      if starts[middle] < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Whether a line starts at byte `offset` (the end of the text is no line's start).
  private func isLineStart(_ offset: Int) -> Bool {
    let index = startsBelow(offset)
    return index < count && starts[index] == offset
  }

  /// Line `index` as a hunk line of the given kind, referring to this text's bytes.
  func hunkLine(_ kind: HunkLine.Kind, _ index: Int) -> HunkLine {
    HunkLine(kind: kind, text: text, range: byteRange(index), hasNewline: hasNewline(index))
  }

  /// Line `index` as a `Line` value.
  func line(_ index: Int) -> Line {
    let range = byteRange(index)
    return Line(bytes: text.withUnsafeBytes { Array($0[range]) }, hasNewline: hasNewline(index))
  }
}

/// Gives equal lines of two texts equal small ids, with an open-addressing hash table over the
/// raw bytes (a word-at-a-time multiplicative hash, then a byte comparison on a hash match).
///
/// - Parameters:
///   - old: The old text's lines.
///   - new: The new text's lines.
///   - oldRange: The old lines to intern (by default all).
///   - newRange: The new lines to intern (by default all).
/// - Returns: The ids of the lines in the two ranges, in order, and the number of distinct lines.
/// - Complexity: O(bytes of the lines in the ranges) expected.
func internLines(
  _ old: LineTable, _ new: LineTable, old oldRange: Range<Int>? = nil,
  new newRange: Range<Int>? = nil
) -> (old: [Int], new: [Int], classCount: Int) {
  let ranges = [oldRange ?? 0..<old.count, newRange ?? 0..<new.count]
  let total = ranges[0].count + ranges[1].count
  precondition(total < 1 << 32, "more than 4 billion lines")
  var capacity = 16
  while capacity < 2 * total + 1 { capacity <<= 1 }
  // A slot holds the top 32 bits of its class's hash and the class id + 1 (0: empty), so a
  // probe reads one word and compares bytes only when 32 bits of hash agree.
  var slots = [UInt64](repeating: 0, count: capacity)
  // Per class, a representative line: side 0 old or 1 new, and its index.
  var classSides: [UInt8] = []
  var classLines: [Int] = []
  classSides.reserveCapacity(total / 2 + 1)
  classLines.reserveCapacity(total / 2 + 1)
  var oldIDs = [Int](repeating: 0, count: ranges[0].count)
  var newIDs = [Int](repeating: 0, count: ranges[1].count)
  let mask = capacity - 1

  old.text.withUnsafeBytes { oldBytes in
    new.text.withUnsafeBytes { newBytes in
      let tables = [(old, oldBytes), (new, newBytes)]
      slots.withUnsafeMutableBufferPointer { slots in
        for side in 0..<2 {
          let (table, bytes) = tables[side]
          let first = ranges[side].lowerBound
          for index in ranges[side] {
            let range = table.byteRange(index)
            let newline = table.hasNewline(index)
            let hash = lineHash(bytes, range, newline)
            let tag = hash & 0xFFFF_FFFF_0000_0000
            var slot = Int(truncatingIfNeeded: hash) & mask
            var id = -1
            while slots[slot] != 0 {
              let entry = slots[slot]
              if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let candidate = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let (otherTable, otherBytes) = tables[Int(classSides[candidate])]
                let otherIndex = classLines[candidate]
                if otherTable.hasNewline(otherIndex) == newline
                  && bytesEqual(bytes, range, otherBytes, otherTable.byteRange(otherIndex))
                {
                  id = candidate
                  break
                }
              }
              slot = (slot + 1) & mask
            }
            if id < 0 {
              id = classLines.count
              classSides.append(UInt8(side))
              classLines.append(index)
              slots[slot] = tag | UInt64(id + 1)
            }
            if side == 0 { oldIDs[index - first] = id } else { newIDs[index - first] = id }
          }
        }
      }
    }
  }
  return (oldIDs, newIDs, classLines.count)
}

/// A 64-bit hash of a line's bytes and whether it ends with "\n": sixteen bytes per step in
/// two independent lanes (a multiply's latency, not its throughput, bounds one lane).
private func lineHash(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ newline: Bool)
  -> UInt64
{
  let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
  var hash: UInt64 = newline ? 0x243F_6A88_85A3_08D3 : 0x1319_8A2E_0370_7344
  hash ^= UInt64(range.count) &* multiplier
  var second: UInt64 = 0xA409_3822_299F_31D0
  var offset = range.lowerBound
  while offset + 16 <= range.upperBound {
    let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    let next = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
    hash = (hash ^ word) &* multiplier
    hash ^= hash >> 29
    second = (second ^ next) &* multiplier
    second ^= second >> 29
    offset += 16
  }
  if offset + 8 <= range.upperBound {
    hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
    hash ^= hash >> 29
    offset += 8
  }
  var tail: UInt64 = 0
  var shift: UInt64 = 0
  while offset < range.upperBound {
    tail |= UInt64(bytes[offset]) << shift
    shift += 8
    offset += 1
  }
  hash = (hash ^ tail ^ (second &* 0xC2B2_AE3D_27D4_EB4F)) &* multiplier
  hash ^= hash >> 32
  return hash
}

/// The length of the longest common prefix of two byte buffers, compared eight bytes at a time.
private func commonPrefixLength(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer)
  -> Int
{
  let count = min(first.count, second.count)
  var offset = 0
  while offset + 8 <= count {
    let difference =
      first.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
      ^ second.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    if difference != 0 { return offset + difference.trailingZeroBitCount / 8 }
    offset += 8
  }
  while offset < count && first[offset] == second[offset] { offset += 1 }
  return offset
}

/// The length of the longest common suffix of two byte buffers, compared eight bytes at a time.
private func commonSuffixLength(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer)
  -> Int
{
  let count = min(first.count, second.count)
  var length = 0
  while length + 8 <= count {
    let difference =
      first.loadUnaligned(fromByteOffset: first.count - length - 8, as: UInt64.self).bigEndian
      ^ second.loadUnaligned(fromByteOffset: second.count - length - 8, as: UInt64.self).bigEndian
    if difference != 0 { return length + difference.trailingZeroBitCount / 8 }
    length += 8
  }
  while length < count && first[first.count - 1 - length] == second[second.count - 1 - length] {
    length += 1
  }
  return length
}

/// Whether two byte ranges hold the same bytes, compared eight at a time.
private func bytesEqual(
  _ first: UnsafeRawBufferPointer, _ firstRange: Range<Int>, _ second: UnsafeRawBufferPointer,
  _ secondRange: Range<Int>
) -> Bool {
  guard firstRange.count == secondRange.count else { return false }
  var offset = 0
  let count = firstRange.count
  while offset + 8 <= count {
    if first.loadUnaligned(fromByteOffset: firstRange.lowerBound + offset, as: UInt64.self)
      != second.loadUnaligned(fromByteOffset: secondRange.lowerBound + offset, as: UInt64.self)
    {
      return false
    }
    offset += 8
  }
  while offset < count {
    if first[firstRange.lowerBound + offset] != second[secondRange.lowerBound + offset] {
      return false
    }
    offset += 1
  }
  return true
}
