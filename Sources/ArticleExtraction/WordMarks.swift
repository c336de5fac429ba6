/// What the words of an element's class and id mark, for the boilerplate and metadata rules.
struct WordMarks: OptionSet, Sendable {
  let rawValue: UInt8

  /// The element has a class or id word at all.
  static let anyWord = WordMarks(rawValue: 1 << 0)
  /// A word of `BoilerplateRules.stateWords`.
  static let state = WordMarks(rawValue: 1 << 1)
  /// A word of `BoilerplateRules.strongNegativeWords`.
  static let strongNegative = WordMarks(rawValue: 1 << 2)
  /// A word of `BoilerplateRules.weakNegativeWords`.
  static let weakNegative = WordMarks(rawValue: 1 << 3)
  /// A word of `BoilerplateRules.keepWords`.
  static let keep = WordMarks(rawValue: 1 << 4)
  /// A word of `MetadataRules.foreignSectionWords`.
  static let foreignSection = WordMarks(rawValue: 1 << 5)
  /// A word of `BoilerplateRules.hidingWords`: the whole classes are then checked against
  /// `BoilerplateRules.hiddenClasses`.
  static let hiding = WordMarks(rawValue: 1 << 6)
  /// A word of `BoilerplateRules.trailingChromeWords`.
  static let trailing = WordMarks(rawValue: 1 << 7)

  init(rawValue: UInt8) {
    self.rawValue = rawValue
  }

  /// The marks of an element's class and id words (see `classAndIDWords`), read straight
  /// from their bytes: no word becomes a string.
  init(class classes: UnsafeBufferPointer<UInt8>?, id: UnsafeBufferPointer<UInt8>?) {
    var marks: WordMarks = []
    if let classes {
      // A utility class with a variant or an arbitrary value (Tailwind's `lg:w-1/5`,
      // `[--sidebar-width:18rem]`, `max-w-[--sidebar-width]`) states a style, not what the
      // element is: its words mark nothing (the section around a post is not a sidebar for
      // setting a sidebar's width).
      forEachASCIIWord(in: classes, separatedBy: { $0 <= 0x20 }) { name in
        marks.formUnion(WordMarks(className: name))
      }
    }
    if let id {
      var idMarks: WordMarks = []
      var idWords = 0
      forEachASCIIWord(in: id, camelCase: true, separatedBy: isClassOrIDWordSeparator) {
        idMarks.formUnion(WordMarkTable.shared.marks(of: $0))
        if !isSerialWord($0) { idWords += 1 }
      }
      if idWords <= BoilerplateRules.maximumIDWords { marks.formUnion(idMarks) }
    }
    self = marks
  }

  /// The marks of one class name's words (none for a utility class, see `init(class:id:)`):
  /// an element's class marks are the union of its names', so they can be worked out once per
  /// distinct name of a page.
  init(className name: UnsafeBufferPointer<UInt8>) {
    var marks: WordMarks = []
    if !name.contains(where: isUtilityByte) {
      forEachASCIIWord(in: name, separatedBy: isClassOrIDWordSeparator) {
        marks.formUnion(WordMarkTable.shared.marks(of: $0))
      }
    }
    self = marks
  }

  /// The marks of the component an Alpine.js `x-data` attribute names
  /// (`x-data="cookiesConsent"`, `x-data="cookieBanner()"`), its camelCase words read as an
  /// id's are: a theme marks its cookie banner or its menu only that way. An object literal
  /// (`x-data="{ open: false }"`) names nothing.
  init(alpineComponent value: UnsafeBufferPointer<UInt8>) {
    var start = 0
    var end = value.firstIndex(of: UInt8(ascii: "(")) ?? value.count
    while start < end && value[start] <= 0x20 { start += 1 }
    while end > start && value[end - 1] <= 0x20 { end -= 1 }
    let name = UnsafeBufferPointer(rebasing: value[start..<end])
    guard let first = name.first, !(first >= 0x30 && first <= 0x39),
      name.allSatisfy(isIdentifierByte)
    else {
      self = []
      return
    }
    var marks: WordMarks = []
    forEachASCIIWord(in: name, camelCase: true, separatedBy: isClassOrIDWordSeparator) {
      marks.formUnion(WordMarkTable.shared.marks(of: $0))
    }
    self = marks
  }

  /// The marks of words already split and lower-cased.
  init(words: [String]) {
    var marks: WordMarks = []
    for var word in words {
      word.withUTF8 { marks.formUnion(WordMarkTable.shared.marks(of: $0)) }
    }
    self = marks
  }
}

/// The rule words and their marks in an open-addressing table keyed by an FNV-1a hash of the
/// lower-cased bytes, so that looking up a word costs a few byte operations and no string.
private struct WordMarkTable: Sendable {
  static let shared = WordMarkTable()

  private static let slotCount = 1024
  /// Per slot: the word's offset and length in `words`, or length -1 when empty.
  private var offsets = [Int](repeating: 0, count: slotCount)
  private var lengths = [Int](repeating: -1, count: slotCount)
  private var marks = [WordMarks](repeating: [], count: slotCount)
  private var words: [UInt8] = []

  private init() {
    let sets: [(Set<String>, WordMarks)] = [
      (BoilerplateRules.stateWords, .state),
      (BoilerplateRules.strongNegativeWords, .strongNegative),
      (BoilerplateRules.weakNegativeWords, .weakNegative),
      (BoilerplateRules.keepWords, .keep),
      (MetadataRules.foreignSectionWords, .foreignSection),
      (BoilerplateRules.hidingWords, .hiding),
      (BoilerplateRules.trailingChromeWords, .trailing),
    ]
    for (set, mark) in sets {
      for var word in set {
        word.withUTF8 { insert($0, mark) }
      }
    }
  }

  private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, _ mark: WordMarks) {
    var slot = Self.hash(word) & (Self.slotCount - 1)
    while lengths[slot] >= 0 {
      if equals(slot, word) {
        marks[slot].insert(mark)
        return
      }
      slot = (slot + 1) & (Self.slotCount - 1)
    }
    offsets[slot] = words.count
    lengths[slot] = word.count
    marks[slot] = mark
    words += word
  }

  /// The marks of one word (compared lower-cased); every word has `.anyWord`.
  func marks(of word: UnsafeBufferPointer<UInt8>) -> WordMarks {
    var slot = Self.hash(word) & (Self.slotCount - 1)
    while lengths[slot] >= 0 {
      if equals(slot, word) { return marks[slot].union(.anyWord) }
      slot = (slot + 1) & (Self.slotCount - 1)
    }
    return .anyWord
  }

  private func equals(_ slot: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
    guard lengths[slot] == word.count else { return false }
    let offset = offsets[slot]
    for index in 0..<word.count where words[offset + index] != lowercased(word[index]) {
      return false
    }
    return true
  }

  private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in word { hash = (hash ^ UInt32(lowercased(byte))) &* 16_777_619 }
    return Int(hash)
  }
}

/// Whether a byte can stand in a JavaScript identifier (ASCII letters, digits, `_` and `$`).
private func isIdentifierByte(_ byte: UInt8) -> Bool {
  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
}

private func lowercased(_ byte: UInt8) -> UInt8 {
  byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
}
