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
      // Eight bytes at a time: a byte of `word ^ newlines` is zero exactly where "\n" is, and
      // the exact zero-byte test below sets the top bit of just those bytes (no false hits).
      let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
      let lowSeven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      var offset = 0
      while offset + 8 <= bytes.count {
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
        let matched = word ^ newlines
        var found = ~(((matched & lowSeven) &+ lowSeven) | matched | lowSeven)
        while found != 0 {
          starts.append(offset + found.trailingZeroBitCount / 8 + 1)
          found &= found &- 1
        }
        offset += 8
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

  /// Whether line `index` equals line `otherIndex` of `other`: the same bytes, and both or
  /// neither ending with "\n".
  func lineEquals(_ index: Int, _ other: LineTable, _ otherIndex: Int) -> Bool {
    guard hasNewline(index) == other.hasNewline(otherIndex) else { return false }
    return text.withUnsafeBytes { bytes in
      other.text.withUnsafeBytes { otherBytes in
        bytesEqual(bytes, byteRange(index), otherBytes, other.byteRange(otherIndex))
      }
    }
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
  var capacity = 16
  while capacity < 2 * total + 1 { capacity <<= 1 }
  var slots = [Int32](repeating: -1, count: capacity)
  // Per class: its hash, and a representative line (side 0 old, 1 new, and its index).
  var classHashes: [UInt64] = []
  var classSides: [UInt8] = []
  var classLines: [Int] = []
  classHashes.reserveCapacity(total / 2 + 1)
  classSides.reserveCapacity(total / 2 + 1)
  classLines.reserveCapacity(total / 2 + 1)
  var oldIDs = [Int](repeating: 0, count: ranges[0].count)
  var newIDs = [Int](repeating: 0, count: ranges[1].count)
  let mask = capacity - 1

  old.text.withUnsafeBytes { oldBytes in
    new.text.withUnsafeBytes { newBytes in
      let tables = [(old, oldBytes), (new, newBytes)]
      for side in 0..<2 {
        let (table, bytes) = tables[side]
        let first = ranges[side].lowerBound
        for index in ranges[side] {
          let range = table.byteRange(index)
          let newline = table.hasNewline(index)
          let hash = lineHash(bytes, range, newline)
          var slot = Int(truncatingIfNeeded: hash) & mask
          var id = -1
          while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if classHashes[candidate] == hash {
              let (otherTable, otherBytes) = tables[Int(classSides[candidate])]
              let otherIndex = classLines[candidate]
              let otherRange = otherTable.byteRange(otherIndex)
              if otherTable.hasNewline(otherIndex) == newline
                && bytesEqual(bytes, range, otherBytes, otherRange)
              {
                id = candidate
                break
              }
            }
            slot = (slot + 1) & mask
          }
          if id < 0 {
            id = classHashes.count
            classHashes.append(hash)
            classSides.append(UInt8(side))
            classLines.append(index)
            slots[slot] = Int32(id)
          }
          if side == 0 { oldIDs[index - first] = id } else { newIDs[index - first] = id }
        }
      }
    }
  }
  return (oldIDs, newIDs, classHashes.count)
}

/// A 64-bit hash of a line's bytes and whether it ends with "\n", eight bytes at a time.
private func lineHash(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ newline: Bool)
  -> UInt64
{
  let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
  var hash: UInt64 = newline ? 0x243F_6A88_85A3_08D3 : 0x1319_8A2E_0370_7344
  hash ^= UInt64(range.count) &* multiplier
  var offset = range.lowerBound
  while offset + 8 <= range.upperBound {
    let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    hash = (hash ^ word) &* multiplier
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
  hash = (hash ^ tail) &* multiplier
  hash ^= hash >> 32
  return hash
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
