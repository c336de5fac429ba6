/// A small, fast, seedable random number generator (Steele, Lea and Flood's SplitMix64), so
/// property tests see the same inputs on every run.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

/// Random texts built from a small alphabet of lines, so that lines repeat a lot.
struct TextGenerator {
  var random: SplitMix64

  /// Lines to draw from: repeats, blank lines, CR endings and a line that only differs by a
  /// trailing space.
  static let alphabet: [String] = ["a", "b", "c", "", "d\r", "a ", "# heading", "{", "}"]

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  /// Lines drawn from the first `alphabetSize` entries of `alphabet`.
  mutating func lines(count: Int, alphabetSize: Int) -> [String] {
    (0..<count).map { _ in
      Self.alphabet[Int.random(in: 0..<alphabetSize, using: &random)]
    }
  }

  /// `lines` after a few random deletions, insertions and replacements.
  mutating func edited(_ lines: [String], edits: Int, alphabetSize: Int) -> [String] {
    var result = lines
    for _ in 0..<edits {
      let position = Int.random(in: 0...result.count, using: &random)
      let fresh = Self.alphabet[Int.random(in: 0..<alphabetSize, using: &random)]
      switch Int.random(in: 0..<3, using: &random) {
      case 0 where position < result.count:
        result.remove(at: position)
      case 1 where position < result.count:
        result[position] = fresh
      default:
        result.insert(fresh, at: position)
      }
    }
    return result
  }

  /// The bytes of `lines`, each ended by "\n", except that the last "\n" is dropped one time in
  /// five.
  mutating func text(_ lines: [String]) -> [UInt8] {
    var bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
    if !bytes.isEmpty && Int.random(in: 0..<5, using: &random) == 0 {
      bytes.removeLast()
    }
    return bytes
  }
}
