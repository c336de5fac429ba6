/// A number found in text, with its value written one way, so that `1,200`, `1200`,
/// `twelve hundred` and `1.2 thousand` compare equal and `third` and `3rd` do too.
struct NumberMention: Sendable, Equatable {
  /// The value: digits as written with thousands separators removed (`1408215`, `12%`,
  /// `1.5`), a computed value for numbers in words (`21`, `1200000`), `ordinal N` for
  /// ordinals.
  let key: String
  /// Whether the number is one word that is more often something else (`one`, `second`,
  /// `once`: see `NumberWords.ambiguous`), or a bare scale word (`millions`).
  let isWeak: Bool
}

/// The numbers in some text, in digits or in words (English, French, Spanish, German; see
/// `NumberWords`): `1,200`, `12%`, `nine`, `twenty-one`, `a hundred`, `two hundred and five`,
/// `1.2 million`, `third`, `21st`, `quatre-vingt-dix`, `treinta y dos`, `einundzwanzig`.
///
///     numberMentions(in: "nine-member panel, 1.2 million euros").map(\.key)
///     // ["9", "1200000"]
func numberMentions(in text: some StringProtocol) -> [NumberMention] {
  var reader = NumberPhraseReader()
  for lexeme in numberLexemes(
    String(text).lowercased().replacing("quatre-vingt", with: "quatrevingt"))
  {
    reader.read(lexeme)
  }
  reader.finish()
  return reader.mentions
}

/// Whether every word of some text is part of a number (digits, or number words with
/// articles and connectors between them), with at least one number in it.
func isAllNumbers(_ text: some StringProtocol) -> Bool {
  let lexemes = numberLexemes(String(text).lowercased())
  var sawNumber = false
  for lexeme in lexemes {
    switch lexeme {
    case .digits, .word(.cardinal), .word(.ordinal), .word(.scale): sawNumber = true
    case .word(.article), .word(.connector), .soft, .hard: break
    case .word(.other): return false
    }
  }
  return sawNumber
}

/// One piece of text as the number reader sees it.
private enum NumberLexeme {
  /// A run of digits with decimal or thousands separators: its key as written (separators
  /// removed), its value, and whether it is an ordinal (`21st`).
  case digits(key: String, value: Double, ordinal: Bool)
  /// A word, classified.
  case word(NumberWordKind)
  /// White space or a hyphen: the parts of one number may continue across it.
  case soft
  /// Other punctuation: a number ends there.
  case hard
}

/// What a word is to the number reader.
private enum NumberWordKind {
  case cardinal(Int, ambiguous: Bool)
  case ordinal(Int, ambiguous: Bool)
  case scale(Double)
  case article
  case connector
  case other
}

/// Splits lower-cased text into digits, words and separators.
private func numberLexemes(_ text: String) -> [NumberLexeme] {
  var lexemes: [NumberLexeme] = []
  let characters = Array(text)
  var index = 0
  while index < characters.count {
    let character = characters[index]
    if character.isASCII && character.isNumber {
      let start = index
      while index < characters.count,
        characters[index].isASCII && characters[index].isNumber
          || ".,".contains(characters[index]) && index + 1 < characters.count
            && characters[index + 1].isASCII && characters[index + 1].isNumber
      {
        index += 1
      }
      var written = String(characters[start..<index])
      if index < characters.count, characters[index] == "%" {
        written.append("%")
        index += 1
      }
      let suffixStart = index
      while index < characters.count, characters[index].isLetter || "ºª".contains(characters[index])
      {
        index += 1
      }
      let suffix = String(characters[suffixStart..<index])
      let english = englishDigits(written)
      lexemes.append(
        .digits(
          key: english.filter { $0 != "," }, value: decimalValue(english),
          ordinal: NumberWords.digitOrdinalSuffixes.contains(suffix)))
    } else if character.isLetter {
      let start = index
      while index < characters.count, characters[index].isLetter { index += 1 }
      let word = String(characters[start..<index])
      if let value = germanCompoundValue(word) {
        lexemes.append(.word(.cardinal(value, ambiguous: false)))
      } else if let value = germanCompoundOrdinal(word) {
        lexemes.append(.word(.ordinal(value, ambiguous: false)))
      } else {
        lexemes.append(.word(classify(word)))
      }
    } else {
      lexemes.append(character.isWhitespace || "-‐‑".contains(character) ? .soft : .hard)
      index += 1
    }
  }
  return lexemes
}

/// A digit run written with periods between thousands, as German, Spanish and French
/// newsrooms write them, rewritten as English writes it: `1.200.000` is `1,200,000` and
/// `1.200.000,50` is `1,200,000.50`, so that they compare with `1,2 Millionen` and with the
/// English form. Only what cannot be an English decimal is rewritten: two periods or more, or a
/// period before a final comma, every group after the first of three digits (`2.000` alone
/// stays two).
func englishDigits(_ written: String) -> String {
  let comma = written.lastIndex(of: ",")
  let whole = comma.map { written[..<$0] } ?? written[...]
  let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
  let dots = groups.count - 1
  guard dots >= 2 || (dots == 1 && comma != nil), !whole.contains(","),
    groups.dropFirst().allSatisfy({ $0.count == 3 }), let first = groups.first, !first.isEmpty,
    first.count <= 3
  else { return written }
  let fraction = comma.map { "." + written[written.index(after: $0)...] } ?? ""
  return groups.joined(separator: ",") + fraction
}

/// A digit run's value: `1,200` is 1200; a single comma followed by other than three digits
/// is a decimal comma (`1,5`).
private func decimalValue(_ written: String) -> Double {
  let digits = written.filter { $0 != "%" }
  let commas = digits.filter { $0 == "," }.count
  if commas == 1, !digits.contains("."),
    let tail = digits.split(separator: ",").last, tail.count != 3
  {
    return Double(digits.replacing(",", with: ".")) ?? 0
  }
  return Double(digits.filter { $0 != "," }) ?? 0
}

/// What a lower-cased word is.
private func classify(_ word: String) -> NumberWordKind {
  let ambiguous = NumberWords.ambiguous.contains(word)
  if let value = NumberWords.cardinals[word] { return .cardinal(value, ambiguous: ambiguous) }
  if let value = NumberWords.ordinals[word] { return .ordinal(value, ambiguous: ambiguous) }
  if let value = NumberWords.scales[word] { return .scale(value) }
  if NumberWords.articles.contains(word) { return .article }
  if NumberWords.connectors.contains(word) { return .connector }
  return .other
}

/// The value of a German compound number (`einundzwanzig` 21, `zweihundertfünfzig` 250,
/// `dreitausendvierhundert` 3400), or nil when the word is not one: at least two parts, each
/// a German number word or `und`. Units come before their tens (`ein` `und` `zwanzig`), so the
/// parts are summed, and multiplied by the scale words, in the order they come.
/// A German compound ordinal (`einundzwanzigste`, `zweihundertsten`): a compound cardinal
/// and `st` with an ordinal ending.
private func germanCompoundOrdinal(_ word: String) -> Int? {
  guard word.count > 8, NumberWords.ordinals[word] == nil else { return nil }
  for ending in NumberWords.germanOrdinalEndings where word.hasSuffix("st" + ending) {
    if let value = germanCompoundValue(String(word.dropLast(2 + ending.count))) { return value }
  }
  return nil
}

private func germanCompoundValue(_ word: String) -> Int? {
  guard word.count > 5, NumberWords.cardinals[word] == nil, NumberWords.scales[word] == nil
  else { return nil }
  let characters = Array(word)
  func split(from start: Int) -> [String]? {
    if start == characters.count { return [] }
    for end in stride(from: min(characters.count, start + 10), to: start, by: -1) {
      let part = String(characters[start..<end])
      guard NumberWords.germanParts[part] != nil || part == "und" else { continue }
      if let rest = split(from: end) { return [part] + rest }
    }
    return nil
  }
  guard let parts = split(from: 0), parts.count >= 2 else { return nil }
  var total = 0
  var current = 0
  for part in parts {
    guard let value = NumberWords.germanParts[part] else { continue }
    if value == 100 {
      current = max(current, 1) * value
    } else if value >= 1000 {
      total += max(current, 1) * value
      current = 0
    } else {
      current += value
    }
  }
  return total + current
}

/// Reads lexemes into numbers: the parts of one number (`two hundred and five`, `1.2
/// million`, `twenty-first`) are summed and multiplied as they are said.
private struct NumberPhraseReader {
  private(set) var mentions: [NumberMention] = []
  /// The thousands, millions … read so far.
  private var total = 0.0
  /// The part below the last scale word.
  private var current = 0.0
  /// Whether a number is being read.
  private var started = false
  /// The key of a number that is digits alone, as written.
  private var digitKey: String?
  /// The last part read, for what may follow it.
  private var last: Part = .none
  /// How many words the number has, and whether the only one is ambiguous.
  private var words = 0
  private var weakWord = false
  /// An article or connector waiting for the word that decides whether it belongs.
  private var pending: NumberWordKind?

  private enum Part: Equatable {
    case none
    case digits
    case cardinal(Int)
    case scale
  }

  mutating func read(_ lexeme: NumberLexeme) {
    switch lexeme {
    case .soft: return
    case .hard: finish()
    case .digits(let key, let value, let ordinal):
      finish()
      started = true
      current = value
      digitKey = key
      last = .digits
      if ordinal { finish(ordinal: true) }
    case .word(let kind): read(kind)
    }
  }

  private mutating func read(_ kind: NumberWordKind) {
    let waiting = pending
    pending = nil
    switch kind {
    case .article:
      finish()
      pending = kind
    case .connector:
      if case .scale = last {
        pending = kind
      } else if case .cardinal(let value) = last, value >= 20, value < 100, value % 10 == 0 {
        pending = kind
      } else {
        finish()
      }
    case .other:
      finish()
    case .scale(let scale):
      if !started {
        // A bare scale word (`millions`) is weak; after an article (`a million`) it is not.
        started = true
        current = 1
        weakWord = waiting == nil
        words = waiting == nil ? 1 : 2
      } else {
        words += 1
      }
      digitKey = nil
      if scale < 1000 {
        current = max(current, 1) * scale
      } else {
        total += max(current, 1) * scale
        current = 0
      }
      last = .scale
    case .cardinal(let value, let ambiguous):
      if waiting?.isArticle == true { finish() }
      if started, !continues(with: value) { finish() }
      startWord(ambiguous: ambiguous)
      current += Double(value)
      last = .cardinal(value)
    case .ordinal(let value, let ambiguous):
      if waiting?.isArticle == true { finish() }
      if started, value < 100, !continues(with: value) { finish() }
      startWord(ambiguous: ambiguous)
      if value >= 100 {
        total += max(current, 1) * Double(value)
        current = 0
      } else {
        current += Double(value)
      }
      finish(ordinal: true)
    }
  }

  /// Whether a cardinal word continues the number read so far: after a scale word, after a
  /// round tens (`twenty` `one`), after a Spanish hundred (`doscientos` `cincuenta`), and in
  /// French after sixty and eighty (`soixante-dix`, `quatre-vingt-douze`) and ten
  /// (`dix-sept`).
  private func continues(with value: Int) -> Bool {
    switch last {
    case .scale: return true
    case .cardinal(let previous):
      if previous == 60 || previous == 80 { return value < 20 }
      if previous == 10 { return (7...9).contains(value) }
      let order = previous % 100 == 0 ? 100 : 10
      return previous >= 20 && previous % 10 == 0 && value < order && value < previous
    case .digits, .none: return false
    }
  }

  private mutating func startWord(ambiguous: Bool) {
    if !started {
      started = true
      weakWord = ambiguous
    } else {
      weakWord = false
    }
    words += 1
    digitKey = nil
  }

  /// Ends the number being read, if any.
  mutating func finish(ordinal: Bool = false) {
    pending = nil
    defer {
      total = 0
      current = 0
      started = false
      digitKey = nil
      last = .none
      words = 0
      weakWord = false
    }
    guard started else { return }
    let value = formatted(total + current)
    let key = ordinal ? "ordinal " + value : digitKey ?? value
    mentions.append(NumberMention(key: key, isWeak: words == 1 && weakWord))
  }
}

extension NumberWordKind {
  fileprivate var isArticle: Bool {
    if case .article = self { return true }
    return false
  }
}

/// A value as digits: whole numbers without a fraction.
private func formatted(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  return String(value)
}
