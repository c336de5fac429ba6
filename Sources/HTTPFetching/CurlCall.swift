internal import CCurl

/// A libcurl call that returned an error code: which call, the code and libcurl's message.
/// Easy, multi and share calls all fail through `curlCall(_:_:)`, the one place their codes are
/// read (as swift-nio's `syscall(where:)` is for system calls).
struct CurlCallFailure: Error, CustomStringConvertible {
  /// The libcurl function that failed (`curl_multi_perform`) or its purpose (`setopt`).
  let operation: StaticString
  /// The `CURLcode`, `CURLMcode` or `CURLSHcode`.
  let code: Int
  /// libcurl's description of the code.
  let message: String

  var description: String { "\(operation): \(message)" }
}

/// Passes an easy-interface code, or throws it as a `CurlCallFailure`.
func curlCall(_ code: CURLcode, _ operation: StaticString) throws(CurlCallFailure) {
  guard code != CURLE_OK else { return }
  throw CurlCallFailure(
    operation: operation, code: Int(code.rawValue),
    message: libcurlMessage(ccurl_easy_strerror(code), Int(code.rawValue)))
}

/// Passes a multi-interface code, or throws it as a `CurlCallFailure`.
func curlCall(_ code: CURLMcode, _ operation: StaticString) throws(CurlCallFailure) {
  guard code != CURLM_OK else { return }
  throw CurlCallFailure(
    operation: operation, code: Int(code.rawValue),
    message: libcurlMessage(ccurl_multi_strerror(code), Int(code.rawValue)))
}

/// Passes a share-interface code, or throws it as a `CurlCallFailure`.
func curlCall(_ code: CURLSHcode, _ operation: StaticString) throws(CurlCallFailure) {
  guard code != CURLSHE_OK else { return }
  throw CurlCallFailure(
    operation: operation, code: Int(code.rawValue),
    message: libcurlMessage(ccurl_share_strerror(code), Int(code.rawValue)))
}

/// libcurl's message for an easy-interface code (as `FetchError.transfer` carries it).
func message(for code: CURLcode) -> String {
  libcurlMessage(ccurl_easy_strerror(code), Int(code.rawValue))
}

private func libcurlMessage(_ text: UnsafePointer<CChar>?, _ code: Int) -> String {
  text.map { String(cString: $0) } ?? "error \(code)"
}
