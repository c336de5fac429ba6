/// What an error page calls itself, in its title or first heading: "Page not found",
/// "Oops! That page can't be found.", "Cette page est introuvable", "Seite nicht gefunden".
/// Matched as whole phrases (whole words, in order), case-insensitive, with typographic
/// apostrophes read as `'` (`errorPagePhrase(in:)`). A phrase alone decides nothing: a post
/// titled "Why our 404 rate dropped" has it too. Only a text unrelated to the post's last own
/// version (`isUnrelated`) that calls itself so is taken for an error page
/// (`SnapshotService.storeCheck`).
let errorPagePhrases: [String] = [
  // Statuses, alone or in "Error 404", "Erreur 404", "Fehler 404".
  "404", "410",
  // English.
  "not found", "page not found", "page can't be found", "page cannot be found",
  "page could not be found", "page couldn't be found", "can't be found", "cannot be found",
  "could not be found", "page doesn't exist", "page does not exist", "no longer available",
  "no longer exists", "nothing found", "nothing was found", "page missing", "page is missing",
  // French.
  "page introuvable", "est introuvable", "page non trouvée", "page non trouvee",
  "n'existe pas", "n'existe plus", "n'est plus disponible", "erreur 404",
  // Spanish.
  "página no encontrada", "pagina no encontrada", "no encontrado", "no encontrada",
  "no se encontró", "no se encontro", "no existe", "ya no está disponible",
  "ya no esta disponible",
  // German.
  "seite nicht gefunden", "nicht gefunden", "existiert nicht", "existiert nicht mehr",
  "nicht mehr verfügbar", "nicht mehr verfuegbar",
  // Italian and Portuguese.
  "pagina non trovata", "non trovata", "non trovato", "página não encontrada",
  "não encontrada", "não encontrado",
]

/// The phrases as word lists, each ready to be looked for in a title's words.
private let errorPagePhraseWords: [[Substring]] = errorPagePhrases.map { errorPageWords($0) }

/// A title's or heading's words for phrase matching: lowercased, typographic apostrophes as
/// `'`, split at anything that is not a letter, a digit or an apostrophe.
private func errorPageWords(_ text: String) -> [Substring] {
  let folded = text.lowercased().replacing("\u{2019}", with: "'").replacing("\u{02BC}", with: "'")
  return folded.split { !($0.isLetter || $0.isNumber || $0 == "'") }
}

/// Whether `text` says it is an error page: one of `errorPagePhrases` among its words, whole.
///
///     errorPagePhrase(in: "Oops! That page can’t be found. – Blog")  // true
///     errorPagePhrase(in: "Notfound: a film review")                 // false
func errorPagePhrase(in text: String) -> Bool {
  let words = errorPageWords(text)
  return errorPagePhraseWords.contains { phrase in
    guard !phrase.isEmpty, phrase.count <= words.count else { return false }
    return (0...(words.count - phrase.count)).contains {
      words[$0..<($0 + phrase.count)].elementsEqual(phrase)
    }
  }
}

/// What an article text calls itself when that is an error page's name: its title, or else its
/// first heading, when it has one of `errorPagePhrases`; nil otherwise.
func errorPageName(_ text: String) -> String? {
  let parts = ArticleParts(text)
  let heading = parts.body.first { $0.hasPrefix("#") }.map {
    String($0.drop { $0 == "#" }.drop { $0 == " " })
  }
  return [parts.header["Title"], heading].compactMap { $0 }.first { errorPagePhrase(in: $0) }
}
