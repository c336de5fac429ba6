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

  @Test(
    "the post's last section with a subscribe button stays: a section like the one before it",
    arguments: [
      ("section", "section"),
      (
        "elementor-section elementor-element elementor-element-6a1b2c3 elementor-section-boxed",
        "elementor-section elementor-element elementor-element-9f8e7d6 elementor-section-boxed"
      ),
    ])
  func lastSectionStays(first: String, last: String) throws {
    let ending = "So the bridge will wait, and the library will open on time, the mayor said."
    let html = """
      <html><body><div class="wrap"><h1>Budget vote delayed</h1>
      <div class="\(first)"><p>\(post[0])</p><p>\(post[1])</p></div>
      <div class="\(last)"><h2>What next</h2><p>\(ending)</p>\
      <a class="btn subscribe-button" href="/subscribe">Subscribe</a></div>
      </div></body></html>
      """
    #expect(try texts(html) == post + ["What next", ending])
  }
}
