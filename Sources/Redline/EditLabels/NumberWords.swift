/// Numbers written as words, as data: one table per language and kind. Words are lower case;
/// text is lower-cased before it is looked up.
enum NumberWords {
  /// English cardinals below a hundred that are one word.
  static let englishCardinals: [String: Int] = [
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
  ]

  /// English ordinals.
  static let englishOrdinals: [String: Int] = [
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1_000_000,
  ]

  /// English scale words: they multiply what comes before them (`two hundred`, `1.2 million`).
  static let englishScales: [String: Double] = [
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
  ]

  /// French cardinals (`quatre-vingt` is read as one word, `quatrevingt`).
  static let frenchCardinals: [String: Int] = [
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "quatrevingt": 80, "quatrevingts": 80, "douzaine": 12,
  ]

  /// French ordinals.
  static let frenchOrdinals: [String: Int] = [
    "premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3,
    "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14,
    "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30, "quarantième": 40,
    "cinquantième": 50, "soixantième": 60, "centième": 100, "millième": 1000,
  ]

  /// French scale words.
  static let frenchScales: [String: Double] = [
    "cent": 1e2, "cents": 1e2, "mille": 1e3, "million": 1e6, "millions": 1e6,
    "milliard": 1e9, "milliards": 1e9,
  ]

  /// Spanish cardinals (the hundreds from 200 on are one word each).
  static let spanishCardinals: [String: Int] = [
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21,
    "veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900, "docena": 12,
  ]

  /// Spanish ordinals.
  static let spanishOrdinals: [String: Int] = [
    "primero": 1, "primera": 1, "primer": 1, "segundo": 2, "segunda": 2, "tercero": 3,
    "tercera": 3, "tercer": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6,
    "sexta": 6, "séptimo": 7, "séptima": 7, "octavo": 8, "octava": 8, "noveno": 9,
    "novena": 9, "décimo": 10, "décima": 10, "undécimo": 11, "undécima": 11, "duodécimo": 12,
    "duodécima": 12, "vigésimo": 20, "vigésima": 20, "trigésimo": 30, "trigésima": 30,
    "cuadragésimo": 40, "cuadragésima": 40, "quincuagésimo": 50, "quincuagésima": 50,
    "sexagésimo": 60, "sexagésima": 60, "septuagésimo": 70, "septuagésima": 70,
    "octogésimo": 80, "octogésima": 80, "nonagésimo": 90, "nonagésima": 90, "centésimo": 100,
    "centésima": 100, "milésimo": 1000, "milésima": 1000,
  ]

  /// Spanish scale words.
  static let spanishScales: [String: Double] = [
    "cien": 1e2, "ciento": 1e2, "mil": 1e3, "millón": 1e6, "millones": 1e6,
  ]

  /// German cardinals. Compounds (`einundzwanzig`, `zweihundert`) are split into these.
  static let germanCardinals: [String: Int] = [
    "null": 0, "eins": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
    "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "dutzend": 12,
  ]

  /// German ordinals (the stems; `erste`, `ersten`, `erster`, `erstes` all read as first).
  /// From twenty on the stem is the cardinal and `st` (`zwanzigst`), which compounds take too
  /// (`einundzwanzigste`, read by splitting the cardinal).
  static let germanOrdinals: [String: Int] = [
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7,
    "acht": 8, "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "dreizehnt": 13,
    "vierzehnt": 14, "fünfzehnt": 15, "sechzehnt": 16, "siebzehnt": 17, "achtzehnt": 18,
    "neunzehnt": 19, "zwanzigst": 20, "dreißigst": 30, "vierzigst": 40, "fünfzigst": 50,
    "sechzigst": 60, "siebzigst": 70, "achtzigst": 80, "neunzigst": 90, "hundertst": 100,
    "tausendst": 1000,
  ]

  /// German scale words.
  static let germanScales: [String: Double] = [
    "hundert": 1e2, "tausend": 1e3, "million": 1e6, "millionen": 1e6, "milliarde": 1e9,
    "milliarden": 1e9,
  ]

  /// Number words that are more often something else: a pronoun (`the one who`), an article
  /// (Spanish `un`, German `ein`), an adverb (`first`, `primero`), a unit of time (`a
  /// second`), an adjective (French `neuf`, new), a verb (German `achten`), an English word
  /// (`once`, `cent`, `elf`, `null`, `seize`, `dos`, `novena`). One of them alone counts as a number only when the other side of the
  /// change holds a plain number, so that `one` → `two` is a change of numbers and `the one
  /// who` → `the person who` is not.
  static let ambiguous: Set<String> = [
    "one", "first", "second", "un", "une", "uno", "una", "ein", "eine", "seconde", "segundo",
    "segunda", "cuarto", "cuarta", "once", "cent", "cents", "sept", "premier", "première",
    "primer", "primero", "primera", "elf", "acht", "dozen", "neuf", "null",
    "seize", "dos", "novena", "achten",
  ]

  /// Articles that stand for one before a scale word (`a hundred`, `un million`).
  static let articles: Set<String> = ["a", "an", "un", "une", "ein", "eine", "einer"]

  /// Words that join the parts of one number (`two hundred and five`, `vingt et un`,
  /// `treinta y dos`, the `und` of `einundzwanzig`).
  static let connectors: Set<String> = ["and", "et", "y", "und"]

  /// The endings German ordinals take after their stem.
  static let germanOrdinalEndings = ["e", "en", "er", "es", "em"]

  /// The suffixes of ordinals written with digits: `21st`, `2nd`, `3rd`, `4th`, `1er`, `2e`,
  /// `3ème`, `1º`, `1ª`.
  static let digitOrdinalSuffixes: Set<String> = [
    "st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "º", "ª",
  ]

  /// Every cardinal below a hundred (or a Spanish hundred), in all languages.
  static let cardinals: [String: Int] = englishCardinals.merging(frenchCardinals) { a, _ in a }
    .merging(spanishCardinals) { a, _ in a }.merging(germanCardinals) { a, _ in a }

  /// Every ordinal, in all languages.
  static let ordinals: [String: Int] = englishOrdinals.merging(frenchOrdinals) { a, _ in a }
    .merging(spanishOrdinals) { a, _ in a }
    .merging(
      germanOrdinals.flatMap { stem, value in germanOrdinalEndings.map { (stem + $0, value) } }
    ) { a, _ in a }

  /// Every scale word, in all languages.
  static let scales: [String: Double] = englishScales.merging(frenchScales) { a, _ in a }
    .merging(spanishScales) { a, _ in a }.merging(germanScales) { a, _ in a }

  /// The German words a compound is split into.
  static let germanParts: [String: Int] = germanCardinals.merging(
    germanScales.mapValues { Int($0) }
  ) { a, _ in a }
}
