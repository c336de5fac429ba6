import ArticleExtraction
import Testing

/// Hostile inputs for `withoutVisitTokens` (review of text format 4): values that only look
/// like a token by their length, odd query shapes that must come out byte for byte, and
/// ASP.NET's cookieless state as the whole path.
@Suite("per-visit tokens: hostile inputs")
struct LinkTokenReviewTests {
  /// Numbers in a cache buster's or build stamp's place that are no Unix time of a visit: an
  /// ISBN-13 or EAN (as milliseconds, a time after 2100), 11 or 12 digits (no time between
  /// 2001 and 2100 has that many, in seconds or in milliseconds), a leading zero, a time in
  /// seconds after 2100.
  static let notTimes: [String] = [
    "/book?_=9780306406157", "/p?cb=12345678901", "/p?_t=123456789012", "/p?_=0123456789",
    "/download?ver=5000000000", "/p?nocache=0000000000000",
  ]

  @Test("a number that is no Unix time of a visit stays", arguments: notTimes)
  func keepsNumbers(target: String) {
    #expect(withoutVisitTokens(target) == target)
  }

  /// Unix times of visits, in seconds and in milliseconds, still go.
  static let times: [(String, String)] = [
    ("/p?_=1765000000&a=1", "/p?a=1"), ("/p?cb=1765000000123", "/p"),
    ("/p?ver=1000000000", "/p"), ("/p?_t=4102444799", "/p"),
  ]

  @Test("a Unix time in a cache buster goes", arguments: times)
  func dropsTimes(written: String, recorded: String) {
    #expect(withoutVisitTokens(written) == recorded)
  }

  /// ASP.NET's cookieless state as the last segment: the app's root, not the page itself.
  static let cookielessRoots: [(String, String)] = [
    ("/(S(lit3py55t21z5v55vlm25s55))", "/"),
    ("/app/(S(abc123))", "/app/"),
    ("https://x.example/(S(abc123))", "https://x.example/"),
    ("/(S(abc123))?id=2", "/?id=2"),
  ]

  @Test("a cookieless segment at the end leaves the folder it was in", arguments: cookielessRoots)
  func cookielessRoot(written: String, recorded: String) {
    #expect(withoutVisitTokens(written) == recorded)
  }

  /// Odd targets with nothing to drop: each comes out byte for byte.
  static let odd: [String] = [
    "?&&a=1", "?=x", "/p?a=1;b=2", "/p#frag?utm_source=x", "/p?q=%75tm", "/p?;;",
    "https://bücher.example/straße?q=ü&ß=1#ü", "https://youtu.be/dQw4w9WgXcQ?t=90",
    "/download?ver=3", "/download?ver=2.1.0-beta", "/?s=kittens", "/invite?token=abc123def456",
    "/v?sig=abc&Expires=1765000000", "/api?Policy=x&Signature=y", "/p?utm=1&utmsource=2",
    "/story?sid=1234567890", "/a;b=1;c=2", "/p?a=%26utm_source%3D1",
    "ftp://x.example/?utm_source=1",
  ]

  @Test("an odd target without tokens stays byte for byte", arguments: odd)
  func keepsOdd(target: String) {
    #expect(withoutVisitTokens(target) == target)
  }

  /// Odd targets with tokens: what remains, and normalising twice is normalising once.
  static let oddTokens: [(String, String)] = [
    ("/p?utm_source", "/p"), ("/p?UTM_Source=A&b", "/p?b"), ("/p?%75tm_source=1&a=2", "/p?a=2"),
    ("/p?a=1&&utm_source=1&&b=2", "/p?a=1&&&b=2"), ("/p?&utm_source=1", "/p"),
    ("/p?&&a=1&utm_source=1", "/p?&&a=1"), ("/p?;a&fbclid=1", "/p?;a"),
    ("/p;jsessionid=1;x=2?utm_medium=m", "/p;x=2"),
    ("https://bücher.example/?fbclid=1#ü", "https://bücher.example/#ü"),
    ("/p?a=1?utm_source=2", "/p?a=1?utm_source=2"),
  ]

  @Test("odd targets with tokens lose them and only them", arguments: oddTokens)
  func dropsOdd(written: String, recorded: String) {
    #expect(withoutVisitTokens(written) == recorded)
    #expect(withoutVisitTokens(withoutVisitTokens(written)) == withoutVisitTokens(written))
  }

  /// Separators and `=` next to combining marks (one Character with the mark): the pieces are
  /// cut at the bytes, and what stays is byte for byte.
  static let combining: [(String, String)] = [
    ("/p?a=1&\u{301}x=2&utm_source=1", "/p?a=1&\u{301}x=2"),
    ("/p?utm_source=\u{301}&a=1", "/p?a=1"),
    ("/p?q=e\u{301};fbclid=1&\u{301}=2", "/p?q=e\u{301}&\u{301}=2"),
    ("/p?fbclid=1&a=\u{301}", "/p?a=\u{301}"),
  ]

  @Test("separators next to combining marks are cut at the bytes", arguments: combining)
  func combiningMarks(written: String, recorded: String) {
    #expect(Array(withoutVisitTokens(written).utf8) == Array(recorded.utf8))
  }

  @Test("a very long target with thousands of parameters keeps the others in order")
  func longTarget() {
    let kept = (0..<3000).map { "k\($0)=\($0)" }
    let mixed = kept.enumerated().flatMap { [$1] + ($0 % 3 == 0 ? ["utm_source=\($0)"] : []) }
    let written = "https://x.example/p?" + mixed.joined(separator: "&")
    #expect(withoutVisitTokens(written) == "https://x.example/p?" + kept.joined(separator: "&"))
  }
}
