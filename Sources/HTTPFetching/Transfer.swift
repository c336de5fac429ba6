internal import CCurl

/// What the callbacks collect during one transfer. Reached from C through an unretained
/// pointer that lives only as long as the synchronous `performTransfer` call.
private final class TransferState {
  let limit: Int
  var body: [UInt8] = []
  var exceededLimit = false
  /// Status line and header fields of the response being received; reset on each new one.
  var status = 0
  var statusLine = ""
  var headers: [HTTPHeader] = []
  /// Every completed response before the current one (redirects, 1xx).
  var earlier: [ReceivedHead] = []
  /// The request heads libcurl sent, in order (one per hop), as its debug callback gave them.
  var requests: [String] = []

  init(limit: Int) { self.limit = limit }

  func receiveHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
    // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
    var end = bytes.count
    while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
      if status != 0 { earlier.append(ReceivedHead(status, statusLine, headers)) }
      let parts = line.split(separator: " ", maxSplits: 2)
      status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
      statusLine = line
      headers = []
      body = []
    } else if let colon = line.firstIndex(of: ":") {
      let name = line[..<colon].trimmingWhitespace()
      let value = line[line.index(after: colon)...].trimmingWhitespace()
      headers.append(HTTPHeader(name: name, value: value))
    }
  }

  /// Every response head received, the current one last.
  var allHeads: [ReceivedHead] { earlier + [ReceivedHead(status, statusLine, headers)] }

  func receiveBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard body.count + bytes.count <= limit else {
      exceededLimit = true
      return false
    }
    body.append(contentsOf: bytes)
    return true
  }
}

/// CURLAUTH_BASIC, `((unsigned long)1)<<0` in curl.h: a cast macro Swift does not import.
private let curlAuthBasic = 1
/// CURLAUTH_BEARER, `((unsigned long)1)<<6` in curl.h.
private let curlAuthBearer = 1 << 6

/// One response head as received: its status, status line and header fields.
struct ReceivedHead {
  let status: Int
  let statusLine: String
  let headers: [HTTPHeader]

  init(_ status: Int, _ statusLine: String, _ headers: [HTTPHeader]) {
    self.status = status
    self.statusLine = statusLine
    self.headers = headers
  }
}

/// Runs one blocking transfer with libcurl. Call it off the cooperative thread pool.
func performTransfer(
  url: String, validators: Validators, options: FetchOptions, share: CurlShare
) throws(FetchError) -> Response {
  let transfer = try PreparedTransfer(
    url: url, validators: validators, options: options, share: share)
  return try transfer.finish(transfer.handle.perform()).get()
}

/// One transfer set up and ready to run, by `curl_easy_perform` or a multi handle: the easy
/// handle, what its callbacks collect, and the lists it points to.
///
/// Invariant: everything libcurl holds a pointer to (`state`, the header lists, the share) lives
/// exactly as long as this object, which outlives the transfer: the lists are freed in `deinit`.
final class PreparedTransfer {
  let handle: EasyHandle
  let url: String
  private let options: FetchOptions
  private let state: TransferState
  private let share: CurlShare
  private var lists: [UnsafeMutablePointer<curl_slist>] = []

  init(url: String, validators: Validators, options: FetchOptions, share: CurlShare)
    throws(FetchError)
  {
    guard let scheme = url.split(separator: ":", maxSplits: 1).first?.lowercased(),
      scheme == "http" || scheme == "https", url.contains("://")
    else {
      throw .invalidURL(url, reason: "only http and https URLs can be fetched")
    }
    handle = try EasyHandle(url: url)
    self.url = url
    self.options = options
    self.share = share
    state = TransferState(limit: options.maxBodySize)
    try configure(validators: validators)
  }

  deinit {
    for list in lists { ccurl_slist_free_all(list) }
  }

  private func configure(validators: Validators) throws(FetchError) {
    try handle.set(CURLOPT_URL, url)
    try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
    try handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
    try handle.set(CURLOPT_NOSIGNAL, 1)
    // For curl_easy_perform (the thread-pool engine); the multi handle has its own limit.
    try handle.set(CURLOPT_MAXCONNECTS, idleConnectionLimit)
    try handle.set(CURLOPT_FOLLOWLOCATION, 1)
    try handle.set(CURLOPT_MAXREDIRS, options.maxRedirects)
    try handle.set(CURLOPT_CONNECTTIMEOUT, options.connectTimeout)
    try handle.set(CURLOPT_TIMEOUT, options.totalTimeout)
    try handle.set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
    try handle.set(CURLOPT_LOW_SPEED_TIME, options.lowSpeedTime)
    try handle.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(options.maxBodySize))
    guard !hasControlCharacter(options.userAgent) else {
      throw .invalidHeader(url: url, name: "User-Agent")
    }
    try handle.set(CURLOPT_USERAGENT, options.userAgent)
    // An empty string asks for every encoding this libcurl can decode.
    try handle.set(CURLOPT_ACCEPT_ENCODING, "")
    try handle.set(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
    try handle.set(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
    // HTTP/2 when the server offers it during the TLS handshake; HTTP/1.1 otherwise. Over TLS a
    // transfer waits for a connection it may multiplex on (ALPN tells soon) rather than opening
    // another; over plain http nothing multiplexes, and waiting would serialise one host.
    try handle.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
    if url.lowercased().hasPrefix("https:") { try handle.set(CURLOPT_PIPEWAIT, 1) }
    if let shared = share.raw { try handle.set(CURLOPT_SHARE, pointer: shared) }
    let requestHeaders = options.extraHeaders + validators.requestHeaders
    for line in requestHeaders where hasControlCharacter(line) {
      throw .invalidHeader(url: url, name: String(line.prefix { $0 != ":" }))
    }
    try configureAccess()
    if let headers = try list(requestHeaders) {
      try handle.set(CURLOPT_HTTPHEADER, list: headers)
    }
    if let connectTo = try list(options.connectTo) {
      try handle.set(CURLOPT_CONNECT_TO, list: connectTo)
    }
    try handle.set(CURLOPT_WRITEFUNCTION, callback: writeBody)
    try handle.set(CURLOPT_HEADERFUNCTION, callback: writeHeader)
    let context = Unmanaged.passUnretained(state).toOpaque()
    try handle.set(CURLOPT_WRITEDATA, pointer: context)
    try handle.set(CURLOPT_HEADERDATA, pointer: context)
    // The request heads as sent, for the exchange a WARC records: libcurl reports them only
    // to a debug callback, which it calls only in verbose mode (nothing then goes to stderr).
    try handle.set(CURLOPT_DEBUGFUNCTION, debug: recordRequestHead)
    try handle.set(CURLOPT_DEBUGDATA, pointer: context)
    try handle.set(CURLOPT_VERBOSE, 1)
  }

  /// Cookies, credentials, proxy and CA bundle: the request options of a watch or a run.
  /// libcurl copies every string option when it is set. Credentials go only to the URL's own
  /// host: CURLOPT_UNRESTRICTED_AUTH stays off, so a redirect elsewhere does not carry them.
  private func configureAccess() throws(FetchError) {
    for text in [options.cookieFile, options.netrcFile, options.proxy, options.caBundle]
    where text.map(hasControlCharacter) == true {
      throw .invalidHeader(url: url, name: "request option")
    }
    // libcurl ignores a cookie file it cannot read: `resolvedFetchOptions` (Redline) checks
    // that it can be read before a run.
    if let cookies = options.cookieFile {
      try handle.set(CURLOPT_COOKIEFILE, cookies)
    }
    if options.useNetrc || options.netrcFile != nil {
      try handle.set(CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))
      if let file = options.netrcFile { try handle.set(CURLOPT_NETRC_FILE, file) }
    }
    switch options.credentials {
    case .basic(let user, let password):
      try handle.set(CURLOPT_HTTPAUTH, curlAuthBasic)
      try handle.set(CURLOPT_USERNAME, user)
      try handle.set(CURLOPT_PASSWORD, password)
    case .bearer(let token):
      try handle.set(CURLOPT_HTTPAUTH, curlAuthBearer)
      try handle.set(CURLOPT_XOAUTH2_BEARER, token)
    case nil: break
    }
    if let proxy = options.proxy { try handle.set(CURLOPT_PROXY, proxy) }
    if let bundle = options.caBundle { try handle.set(CURLOPT_CAINFO, bundle) }
  }

  /// A curl_slist of these lines, owned by this transfer; nil when there are none.
  private func list(_ lines: [String]) throws(FetchError) -> UnsafeMutablePointer<curl_slist>? {
    let list = try makeCurlList(lines)
    if let list { lists.append(list) }
    return list
  }

  /// The response, or why there is none, once libcurl has finished with `code`.
  func finish(_ code: CURLcode) -> Result<Response, FetchError> {
    if state.exceededLimit {
      return .failure(.tooLarge(url: url, limit: options.maxBodySize))
    }
    guard code == CURLE_OK else {
      return .failure(fetchError(for: code, url: url, options: options, state: state))
    }
    let retryAfter = handle.offset(CURLINFO_RETRY_AFTER)
    let finalURL = handle.string(CURLINFO_EFFECTIVE_URL) ?? url
    return .success(
      Response(
        requestedURL: url,
        finalURL: finalURL,
        status: handle.long(CURLINFO_RESPONSE_CODE),
        headers: state.headers,
        body: state.body,
        redirects: redirects(in: state.earlier, startingAt: url),
        totalSeconds: Double(handle.offset(CURLINFO_TOTAL_TIME_T)) / 1_000_000,
        retryAfterSeconds: state.headers.contains { $0.name.lowercased() == "retry-after" }
          ? Int(retryAfter) : nil,
        exchange: exchange(finalURL: finalURL)))
  }

  /// The hops of the transfer: each final (non-1xx) response head with the request that got
  /// it and the absolute URL asked for.
  private func exchange(finalURL: String) -> Exchange {
    let responses = state.allHeads.filter { $0.status >= 200 }
    var hops: [ExchangeHop] = []
    var current = url
    for (number, response) in responses.enumerated() {
      let request = number < state.requests.count ? messageHead(state.requests[number]) : nil
      let isLast = number == responses.count - 1
      hops.append(
        ExchangeHop(
          url: isLast ? finalURL : current, request: request,
          response: MessageHead(startLine: response.statusLine, headers: response.headers)))
      if let location = response.headers.last(where: { $0.name.lowercased() == "location" }) {
        current = resolvedReference(location.value, against: current)
      }
    }
    let version =
      switch handle.long(CURLINFO_HTTP_VERSION) {
      case CURL_HTTP_VERSION_1_0: "1.0"
      case CURL_HTTP_VERSION_2_0: "2"
      case CURL_HTTP_VERSION_3: "3"
      default: "1.1"
      }
    return Exchange(
      hops: hops, httpVersion: version, remoteAddress: handle.string(CURLINFO_PRIMARY_IP))
  }
}

/// A curl_slist of these lines, which the caller frees (`ccurl_slist_free_all`) once its transfer
/// is done; nil when there are none.
/// - Throws: `FetchError.initFailed` when libcurl cannot allocate it (nothing stays allocated).
func makeCurlList(_ lines: [String]) throws(FetchError) -> UnsafeMutablePointer<curl_slist>? {
  var list: UnsafeMutablePointer<curl_slist>?
  for line in lines {
    guard let appended = ccurl_slist_append(list, line) else {
      ccurl_slist_free_all(list)
      throw .initFailed
    }
    list = appended
  }
  return list
}

/// A `Location` value made absolute against the URL that sent it (RFC 3986's common cases:
/// absolute, scheme-relative, absolute-path and relative-path references).
func resolvedReference(_ reference: String, against base: String) -> String {
  if reference.contains("://") { return reference }
  guard let schemeEnd = base.firstRange(of: "://") else { return reference }
  let scheme = String(base[..<schemeEnd.lowerBound])
  if reference.hasPrefix("//") { return scheme + ":" + reference }
  let rest = base[schemeEnd.upperBound...]
  let delimiters: Set<Character> = ["/", "?", "#"]
  let authorityEnd: String.Index = rest.firstIndex(where: delimiters.contains) ?? rest.endIndex
  let origin = String(base[..<authorityEnd])
  if reference.hasPrefix("/") { return origin + reference }
  let path = rest[authorityEnd...].prefix { $0 != "?" && $0 != "#" }
  let directory: String = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
  return origin + directory + reference
}

private func redirects(in responses: [ReceivedHead], startingAt url: String) -> [Redirect] {
  var hops: [Redirect] = []
  var current = url
  for response in responses where (300..<400).contains(response.status) {
    guard let location = response.headers.last(where: { $0.name.lowercased() == "location" })
    else { continue }
    hops.append(Redirect(status: response.status, from: current, location: location.value))
    current = location.value
  }
  return hops
}

private func fetchError(
  for code: CURLcode, url: String, options: FetchOptions, state: TransferState
) -> FetchError {
  let text = message(for: code)
  // Nothing but the request went out before it broke: no status line, nor any earlier response.
  let nothingReceived = state.status == 0 && state.earlier.isEmpty
  switch code {
  case CURLE_URL_MALFORMAT: return .invalidURL(url, reason: text)
  case CURLE_UNSUPPORTED_PROTOCOL:
    // A redirect to a scheme other than http or https, or a reply that is not HTTP at all
    // (libcurl refuses HTTP/0.9 with this code).
    if let hop = redirects(in: state.allHeads, startingAt: url).last, !isWebScheme(hop.location) {
      return .unsupportedScheme(
        url: url, message: "redirect to \(hop.location) refused: only http and https are followed")
    }
    return .protocolError(url: url, message: "the reply is not HTTP (\(text))")
  case CURLE_GOT_NOTHING, CURLE_SEND_ERROR:
    return .connectionLost(url: url, message: text)
  case CURLE_RECV_ERROR where nothingReceived:
    return .connectionLost(url: url, message: text)
  case CURLE_COULDNT_RESOLVE_HOST:
    return .hostNotFound(url: url, host: hostName(of: url))
  case CURLE_COULDNT_CONNECT: return .connectionFailed(url: url, message: text)
  case CURLE_OPERATION_TIMEDOUT: return .timedOut(url: url, message: text)
  case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects(url: url, limit: options.maxRedirects)
  case CURLE_FILESIZE_EXCEEDED: return .tooLarge(url: url, limit: options.maxBodySize)
  case CURLE_BAD_CONTENT_ENCODING: return .badContentEncoding(url: url, message: text)
  case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
    CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
    return .tls(url: url, message: text)
  case CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2,
    CURLE_HTTP2_STREAM:
    return .protocolError(url: url, message: text)
  default: return .transfer(url: url, code: Int(code.rawValue), message: text)
  }
}

private func isWebScheme(_ location: String) -> Bool {
  guard let colon = location.firstIndex(of: ":") else { return true }  // relative reference
  let scheme = location[..<colon].lowercased()
  guard scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
    return true
  }
  return scheme == "http" || scheme == "https"
}

private func hostName(of url: String) -> String {
  let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
  guard parts.count >= 3 else { return url }
  let authority = parts[2].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
  let hostAndPort = authority.split(separator: "@").last ?? authority
  return String(hostAndPort.split(separator: ":").first ?? hostAndPort)
}

private let writeBody: curl_write_callback = { data, size, count, context in
  guard let data, let context else { return 0 }
  let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
  let length = size * count
  let bytes = UnsafeBufferPointer(
    start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
  // Returning less than `length` makes libcurl abort with CURLE_WRITE_ERROR.
  return state.receiveBody(bytes) ? length : 0
}

private let writeHeader: curl_write_callback = { data, size, count, context in
  guard let data, let context else { return 0 }
  let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
  let length = size * count
  state.receiveHeaderLine(
    UnsafeBufferPointer(
      start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length))
  return length
}

/// Keeps the request heads libcurl sends (`CURLINFO_HEADER_OUT`); ignores its other reports.
private let recordRequestHead: curl_debug_callback = { _, type, data, size, context in
  guard type == CURLINFO_HEADER_OUT, let data, let context else { return 0 }
  let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
  let bytes = UnsafeBufferPointer(
    start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size)
  state.requests.append(String(decoding: bytes, as: UTF8.self))
  return 0
}

/// Whether a header value holds a character that must never reach the wire: the C0 controls
/// but horizontal tab (CR and LF among them, which would start another header), and DEL.
public func hasControlCharacter(_ value: String) -> Bool {
  value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
}
