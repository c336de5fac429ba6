import CCurl
import Testing

@testable import HTTPFetching

@Suite("libcurl's return codes pass one choke point")
struct CurlCallTests {
  @Test("success codes of the easy, multi and share interfaces pass")
  func successes() throws {
    try curlCall(CURLE_OK, "curl_easy_perform")
    try curlCall(CURLM_OK, "curl_multi_perform")
    try curlCall(CURLSHE_OK, "curl_share_setopt")
  }

  @Test("a failure keeps the call, the numeric code and libcurl's message")
  func failures() {
    #expect(throws: CurlCallFailure.self) { try curlCall(CURLE_COULDNT_CONNECT, "connect") }
    do {
      try curlCall(CURLM_BAD_HANDLE, "curl_multi_perform")
      Issue.record("CURLM_BAD_HANDLE passed")
    } catch {
      #expect(error.code == Int(CURLM_BAD_HANDLE.rawValue))
      #expect(error.description.hasPrefix("curl_multi_perform: "))
      #expect(error.message.lowercased().contains("handle"))
    }
    do {
      try curlCall(CURLSHE_BAD_OPTION, "curl_share_setopt")
      Issue.record("CURLSHE_BAD_OPTION passed")
    } catch {
      #expect(error.code == Int(CURLSHE_BAD_OPTION.rawValue))
      #expect(error.description.hasPrefix("curl_share_setopt: "))
    }
  }
}
