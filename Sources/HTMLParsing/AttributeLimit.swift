#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The default cap on attributes per tag. libxml2 checks each new attribute of a tag against all earlier ones, so a tag with a
/// million attributes takes hours to parse. Tags keep at most this many; the rest are cut
/// before parsing (real pages stay far below it).
public let maximumAttributesPerTag = 5_000

/// The input with every tag's attributes beyond `limit` removed, or nil when no tag has that
/// many. A linear scan that tracks quotes inside tags.
func cappingAttributes(_ bytes: [UInt8], limit: Int = maximumAttributesPerTag) -> [UInt8]? {
  let cuts = bytes.withUnsafeBufferPointer { attributeCuts(in: $0, limit: limit) }
  guard !cuts.isEmpty else { return nil }
  var result: [UInt8] = []
  result.reserveCapacity(bytes.count)
  var start = 0
  for cut in cuts {
    result += bytes[start..<cut.lowerBound]
    start = cut.upperBound
  }
  result += bytes[start...]
  return result
}

/// The byte ranges to cut: each tag's attributes past the limit.
private func attributeCuts(in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [Range<Int>] {
  guard let base = bytes.baseAddress else { return [] }
  var cuts: [Range<Int>] = []
  var index = 0
  let count = bytes.count
  while index < count {
    // Jump to the next '<' (memchr is vectorized): text and scripts are most of a page.
    guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
    index = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
    guard index + 1 < count, isASCIILetter(bytes[index + 1]) else {
      index += 1
      continue
    }
    // The tag's end, found by jumping over quoted values. A tag with more than `limit`
    // attributes has a blank and a name byte for each, so a shorter tag is not counted.
    var end = index + 1
    while end < count {
      let byte = base[end]
      if byte == UInt8(ascii: ">") { break }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        guard let close = memchr(base + end + 1, Int32(byte), count - end - 1) else {
          end = count
          break
        }
        end = UnsafeRawPointer(close).assumingMemoryBound(to: UInt8.self) - base
      }
      end += 1
    }
    guard end - index > 2 * limit else {
      index = end
      continue
    }
    var position = index + 1
    var attributes = 0
    var quote: UInt8 = 0
    var cutStart: Int?
    var previousWasSpace = false
    while position < count {
      let byte = bytes[position]
      if quote != 0 {
        // Jump to the closing quote: values (URLs, styles, JSON) are most of a tag.
        guard let close = memchr(base + position, Int32(quote), count - position) else {
          position = count
          break
        }
        position = UnsafeRawPointer(close).assumingMemoryBound(to: UInt8.self) - base
        quote = 0
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") {
        break
      } else if byte <= 0x20 {
        previousWasSpace = true
        position += 1
        continue
      } else if previousWasSpace && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "/") {
        attributes += 1
        if attributes > limit && cutStart == nil { cutStart = position }
      }
      previousWasSpace = false
      position += 1
    }
    if let cutStart { cuts.append(cutStart..<position) }
    index = position
  }
  return cuts
}

private func isASCIILetter(_ byte: UInt8) -> Bool {
  (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}
