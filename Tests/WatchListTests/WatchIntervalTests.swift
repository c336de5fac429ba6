import Testing
import WatchList

@Suite("watch intervals and the recheck curve")
struct WatchIntervalTests {
  @Test(
    "durations parse",
    arguments: [
      ("90s", 90), ("15m", 900), ("1h", 3_600), ("7d", 604_800), ("1h30m", 5_400),
      ("1d12h", 129_600),
    ] as [(String, Int64)])
  func parses(_ text: String, _ seconds: Int64) throws {
    #expect(try WatchInterval(parsing: text).seconds == seconds)
  }

  @Test(
    "bad durations are refused",
    arguments: ["", "15", "m", "15x", "1.5h", "-5m", "0s", "1h 30m", "9999999999d", "15M", "1w"])
  func refuses(_ text: String) {
    #expect(throws: WatchListError.badInterval(text)) { try WatchInterval(parsing: text) }
  }

  @Test("an interval writes itself back", arguments: ["90s", "15m", "1h30m", "7d", "1d1s"])
  func roundTrip(_ text: String) throws {
    let interval = try WatchInterval(parsing: text)
    #expect(interval.description == (text == "90s" ? "1m30s" : text))
  }

  @Test("the curve: 15 minutes, hourly, daily, weekly")
  func curve() {
    #expect(RecheckCurve.interval(forAge: 0) == 900)
    #expect(RecheckCurve.interval(forAge: 86_399) == 900)
    #expect(RecheckCurve.interval(forAge: 86_400) == 3_600)
    #expect(RecheckCurve.interval(forAge: 7 * 86_400) == 86_400)
    #expect(RecheckCurve.interval(forAge: 30 * 86_400) == 7 * 86_400)
    #expect(RecheckCurve.interval(forAge: 400 * 86_400) == 7 * 86_400)
  }

  @Test("an edit brings a settled post back to short checks; a pinned interval stays")
  func editResetsCurve() throws {
    let start: Int64 = 1_000_000_000
    var state = WatchState().afterCheck(at: start, changed: true, pinned: nil)
    #expect(state.nextDue == start + 900)
    let later = start + 40 * 86_400
    state = state.afterCheck(at: later, changed: false, pinned: nil)
    #expect(state.nextDue == later + 7 * 86_400)
    state = state.afterCheck(at: later + 10, changed: true, pinned: nil)
    #expect(state.nextDue == later + 10 + 900)
    let pinned = try WatchInterval(parsing: "90s")
    #expect(state.afterCheck(at: later + 20, changed: false, pinned: pinned).nextDue == later + 110)
    #expect(state.firstChecked == start)
    #expect(state.lastChanged == later + 10)
  }
}
