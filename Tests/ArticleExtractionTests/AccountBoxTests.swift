import ArticleExtraction
import HTMLParsing
import Testing

private let post = [
  "The council met on Tuesday to discuss the budget, the roads and the new library, and it sat until late.",
  "Members argued for three hours about the cost of the bridge, then agreed to delay the vote until spring.",
]

private func texts(_ html: String) throws -> [String] {
  try extractArticle(from: parseHTML(Array(html.utf8))).article.blocks.map(\.text)
}

@Suite("Boxes that ask the reader to sign up, subscribe or log in, after the post")
struct AccountBoxTests {
  @Test("a paywall's notice goes with its sign-up and log-in buttons")
  func paywallBox() throws {
    let html = """
      <html><body><div class="section"><h1>Budget vote delayed</h1>
      <div class="story-text"><p>\(post[0])</p><p>\(post[1])</p></div>
      <div class="m-articleRegist"><p class="m-articleRegist_text">[Members only] This article \
      is for members. Register to read the rest.</p><div class="m-articleRegist_button">\
      <div class="m-articleRegist_signup"><p>Choose a plan</p><a href="/join">Register now</a></div>\
      <div class="m-articleRegist_login"><p>Members</p><a href="/in">Log in</a></div></div></div>
      </div></body></html>
      """
    #expect(try texts(html) == post)
  }

  @Test("a short post beside a newsletter box, and the post before a box of more text, stay")
  func shortPostStays() throws {
    let html = """
      <html><body><div class="wrap"><h1>Bridge reopens</h1>
      <div class="content"><p>\(post[0])</p><div class="newsletter-signup"><p>Get the \
      Town Daily every morning.</p><form><input name="email"></form></div></div>
      </div></body></html>
      """
    #expect(try texts(html) == [post[0]])
  }
}
