internal import CCurl

/// The one owner of a libcurl easy handle; frees it when it goes away.
/// Not Sendable: created, used and freed inside one synchronous transfer.
struct EasyHandle: ~Copyable {
  let raw: UnsafeMutableRawPointer
  private let url: String

  init(url: String) throws(FetchError) {
    CurlRuntime.ensureInitialized()
    guard let handle = ccurl_easy_init() else { throw .initFailed }
    raw = handle
    self.url = url
  }

  deinit { ccurl_easy_cleanup(raw) }

  func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
    try check(ccurl_setopt_long(raw, option, value), "setopt")
  }

  func set(_ option: CURLoption, _ value: String) throws(FetchError) {
    // libcurl copies string options (URL, user agent, protocol lists) when they are set.
    try check(value.withCString { ccurl_setopt_string(raw, option, $0) }, "setopt")
  }

  func set(_ option: CURLoption, offset value: Int64) throws(FetchError) {
    try check(ccurl_setopt_off_t(raw, option, curl_off_t(value)), "setopt")
  }

  func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(FetchError) {
    try check(ccurl_setopt_pointer(raw, option, value), "setopt")
  }

  func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) throws(FetchError) {
    try check(ccurl_setopt_slist(raw, option, value), "setopt")
  }

  func set(_ option: CURLoption, callback: curl_write_callback) throws(FetchError) {
    try check(ccurl_setopt_write_function(raw, option, callback), "setopt")
  }

  func set(_ option: CURLoption, debug callback: curl_debug_callback) throws(FetchError) {
    try check(ccurl_setopt_debug_function(raw, option, callback), "setopt")
  }

  func long(_ info: CURLINFO) -> Int {
    var value = 0
    return ccurl_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
  }

  func offset(_ info: CURLINFO) -> Int64 {
    var value: curl_off_t = 0
    return ccurl_getinfo_off_t(raw, info, &value) == CURLE_OK ? Int64(value) : 0
  }

  func string(_ info: CURLINFO) -> String? {
    var value: UnsafeMutablePointer<CChar>?
    guard ccurl_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
    // Owned by the handle: copied here, freed by curl_easy_cleanup.
    return String(cString: value)
  }

  func perform() -> CURLcode { ccurl_easy_perform(raw) }

  /// A setup call's code through the choke point (`curlCall`), as a `FetchError` naming the URL.
  func check(_ code: CURLcode, _ operation: StaticString) throws(FetchError) {
    do {
      try curlCall(code, operation)
    } catch {
      throw .transfer(url: url, code: error.code, message: error.description)
    }
  }
}

/// libcurl's process-wide setup, done exactly once before the first handle is made.
enum CurlRuntime {
  private static let initialized: Bool = ccurl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

  static func ensureInitialized() { _ = initialized }
}
