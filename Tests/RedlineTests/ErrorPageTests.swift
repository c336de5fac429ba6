import Testing

@testable import Redline

@Suite("error page names")
struct ErrorPageTests {
  @Test("an error page's title in English, French, Spanish and German is one")
  func errorTitles() {
    for title in [
      "Page not found", "404", "Error 404 – My Blog", "Oops! That page can\u{2019}t be found.",
      "Nothing Found | Blog", "This post is no longer available",
      "Cette page est introuvable", "Page introuvable", "Erreur 404 : page non trouvée",
      "Página no encontrada", "Seite nicht gefunden", "Fehler 404",
    ] {
      #expect(errorPagePhrase(in: title), "\(title)")
    }
  }

  @Test("a phrase is matched as whole words only")
  func wholeWords() {
    for title in [
      "Notfound: a film review", "The 4040 project", "Founders not foundering", "Pages",
      "A page of found poems",
    ] {
      #expect(!errorPagePhrase(in: title), "\(title)")
    }
  }

  @Test("the title is read first, then the first heading")
  func titleOrHeading() {
    #expect(errorPageName("Title: Blog\n\n# Page not found\n\nSorry.\n") == "Page not found")
    #expect(errorPageName("Title: Page not found\n\nSorry.\n") == "Page not found")
    #expect(errorPageName("Title: Bridge\n\n## Repairs\n\nThe council met.\n") == nil)
  }
}
