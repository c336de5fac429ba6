import Testing

@testable import Redline

@Suite("WARC-Date as a store time")
struct WARCDateTests {
  @Test(
    "W3C-DTF forms read as UTC to the second",
    arguments: [
      ("2016-07-02T10:00:00Z", "20160702T100000Z"),
      ("2016-07-02T10:00:00.123456Z", "20160702T100000Z"),
      ("2016-07-02T10:00Z", "20160702T100000Z"),
      ("2016-07-02T10:00:00", "20160702T100000Z"),
      ("2016-07-02T12:00:00+02:00", "20160702T100000Z"),
      ("2016-07-02T04:30:00-0530", "20160702T100000Z"),
      ("2016-07-03T01:00:00.5+15:00", "20160702T100000Z"),
      ("2016-12-31T23:59:60Z", "20161231T235959Z"),
      ("1996-03-01T10:00:00Z", "19960301T100000Z"),
      ("20160702100000", "20160702T100000Z"),
    ])
  func readable(date: String, time: String) {
    #expect(storeTime(fromWARCDate: date)?.description == time)
  }

  @Test(
    "anything else is not a time",
    arguments: [
      "", "yesterday", "2016-07-02", "2016-07-02T10", "2016-13-02T10:00:00Z",
      "2016-07-02T24:00:00Z", "2016-07-02T10:00:00Zjunk", "2016-07-02T10:00:00+2",
      "2016/07/02 10:00:00",
    ])
  func unreadable(date: String) {
    #expect(storeTime(fromWARCDate: date) == nil)
  }
}
