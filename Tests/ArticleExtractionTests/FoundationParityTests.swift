import Foundation
import Testing
import UnicodeSpaces

/// Redline trims and composes text without linking legacy Foundation (its size cost every run
/// start-up time); these check that the replacements give Foundation's results.
@Suite("White space and NFC agree with Foundation")
struct FoundationParityTests {
  /// Scalars at the edges of the white-space sets: ASCII controls and spaces, NEL, no-break
  /// space, the line and paragraph separators, ideographic space, and look-alikes that are not
  /// white space (zero-width space, BOM, Mongolian vowel separator), with letters and marks.
  static let scalars: [Unicode.Scalar] = [
    "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{1C}", "\u{85}", "\u{A0}", "\u{1680}",
    "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
    "\u{3000}", "\u{FEFF}", "\u{180E}", "a", "é", "e", "\u{301}", "\u{0308}", "한", "\u{1100}",
    "\u{1161}", "\u{212B}", "\u{FB01}", "🙂",
  ]

  static func randomTexts(seed: UInt64, count: Int) -> [String] {
    var random = SeededRandom(seed)
    return (0..<count).map { _ in
      var text = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0...8, using: &random) {
        text.append(scalars[Int.random(in: 0..<scalars.count, using: &random)])
      }
      return String(text)
    }
  }

  @Test("trimming spaces, and spaces and newlines", arguments: [1, 2, 3] as [UInt64])
  func trimming(seed: UInt64) {
    for text in Self.randomTexts(seed: seed, count: 2_000) {
      #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
      #expect(
        text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    for value in 0...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(scalar.isSpaceOrTab == CharacterSet.whitespaces.contains(scalar), "U+\(value)")
      #expect(
        scalar.isSpaceOrNewline == CharacterSet.whitespacesAndNewlines.contains(scalar),
        "U+\(value)")
    }
  }

  @Test("the standard library's NFC is Foundation's", arguments: [4, 5, 6] as [UInt64])
  func composition(seed: UInt64) {
    for text in Self.randomTexts(seed: seed, count: 2_000) {
      #expect(
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
          == text.precomposedStringWithCanonicalMapping, "\(Array(text.unicodeScalars))")
    }
  }
}

/// SplitMix64: a small seeded generator, so a failure repeats.
private struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
