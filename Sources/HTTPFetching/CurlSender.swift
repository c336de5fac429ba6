internal import CCurl
import Dispatch

/// Sends what notifications carry, with libcurl: an HTTP POST (a webhook) and a mail over SMTP.
/// Each send runs blocking on the fetch queue, never on the cooperative pool, and fails with one
/// `SendError` line that names where it went and never a credential.
///
///     let sender = CurlSender()
///     let status = try await sender.post(
///       "http://127.0.0.1:8080/hook", body: Array(json.utf8),
///       headers: ["Content-Type: application/json"]
///     ).get()
public struct CurlSender: Sendable {
  /// Seconds allowed to connect, and for a whole send.
  public let connectTimeout: Int
  /// See `connectTimeout`.
  public let totalTimeout: Int
  /// The User-Agent of posts.
  public let userAgent: String

  /// Creates a sender.
  public init(
    connectTimeout: Int = 10, totalTimeout: Int = 30,
    userAgent: String = FetchOptions.defaultUserAgent
  ) {
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.userAgent = userAgent
  }

  /// POSTs `body` to an http(s) URL with these header lines (`Name: value`); redirects are not
  /// followed (a redirected POST would turn into a GET).
  /// - Returns: the response's status (any: the caller decides what success is), or why no
  ///   response came.
  public func post(_ url: String, body: [UInt8], headers: [String]) async -> Result<Int, SendError>
  {
    let sender = self
    return await withCheckedContinuation { continuation in
      transferQueue.async {
        continuation.resume(
          returning: Result { () throws(SendError) in
            try sender.performPost(url, body: body, headers: headers)
          })
      }
    }
  }

  /// Sends one RFC 5322 message through an SMTP server.
  /// - Returns: nothing, or why the server did not take the message.
  public func sendMail(_ mail: OutgoingMail, through server: SMTPServer) async -> Result<
    Void, SendError
  > {
    let sender = self
    return await withCheckedContinuation { continuation in
      transferQueue.async {
        continuation.resume(
          returning: Result { () throws(SendError) in
            try sender.performMail(mail, server: server)
          })
      }
    }
  }

  private func performPost(_ url: String, body: [UInt8], headers: [String]) throws(SendError)
    -> Int
  {
    let lowered = url.lowercased()
    guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
      throw .invalidURL(url, reason: "a webhook is an http or https URL")
    }
    for line in headers where hasControlCharacter(line) {
      throw .invalidField(to: url, name: String(line.prefix { $0 != ":" }) + " header")
    }
    let transfer = try SendTransfer(destination: url)
    try transfer.configure(url: url, protocols: "http,https", sender: self)
    try transfer.set(CURLOPT_POST, 1)
    try transfer.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
    // COPYPOSTFIELDS copies the bytes, so they need not outlive this call.
    try transfer.copyPostFields(body)
    try transfer.set(CURLOPT_USERAGENT, userAgent)
    // No "Expect: 100-continue" round trip for a small JSON body.
    try transfer.setList(CURLOPT_HTTPHEADER, headers + ["Expect:"])
    try transfer.perform()
    return transfer.responseCode
  }

  private func performMail(_ mail: OutgoingMail, server: SMTPServer) throws(SendError) {
    let shown = server.displayURL
    for field in [mail.from] + mail.recipients where hasControlCharacter(field) {
      throw .invalidField(to: shown, name: "mail address")
    }
    let transfer = try SendTransfer(destination: shown)
    try transfer.configure(url: server.url, protocols: "smtp,smtps", sender: self)
    // STARTTLS when the server offers it; required with smtps:// (TLS from the start) or when
    // asked for.
    try transfer.set(
      CURLOPT_USE_SSL, Int(server.requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
    try transfer.set(CURLOPT_SSL_VERIFYPEER, server.verifyTLS ? 1 : 0)
    try transfer.set(CURLOPT_SSL_VERIFYHOST, server.verifyTLS ? 2 : 0)
    // Credentials only from the environment or ~/.netrc: never in a URL, a store or a message.
    if let user = server.user {
      try transfer.set(CURLOPT_USERNAME, user)
      try transfer.set(CURLOPT_PASSWORD, server.password ?? "")
    } else {
      try transfer.set(CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))
    }
    try transfer.set(CURLOPT_MAIL_FROM, "<\(mail.from)>")
    try transfer.setList(CURLOPT_MAIL_RCPT, mail.recipients.map { "<\($0)>" })
    try transfer.upload(mail.message)
    try transfer.perform()
  }
}

/// An SMTP server to send through: `smtp://HOST:PORT` (STARTTLS when offered, or required with
/// `requireTLS`) or `smtps://HOST:PORT` (TLS from the start).
public struct SMTPServer: Sendable, Equatable {
  /// The server's URL, without credentials.
  public let url: String
  /// Whether the connection must be encrypted (smtps://, or STARTTLS required).
  public let requireTLS: Bool
  /// Whether the server's certificate is checked.
  public let verifyTLS: Bool
  /// The user to log in as, from the environment; nil to use ~/.netrc when it has the host.
  public let user: String?
  /// The password, from the environment.
  public let password: String?

  /// Creates a server.
  /// - Throws: `SendError.invalidURL` for a scheme other than smtp or smtps, or a URL with a
  ///   user or password in it (credentials come from the environment or ~/.netrc only).
  public init(
    url: String, requireTLS: Bool = false, verifyTLS: Bool = true, user: String? = nil,
    password: String? = nil
  ) throws(SendError) {
    let lowered = url.lowercased()
    guard lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://") else {
      throw .invalidURL(url, reason: "an SMTP server is smtp://HOST:PORT or smtps://HOST:PORT")
    }
    let authority = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
    guard authority.count >= 3, !authority[2].isEmpty else {
      throw .invalidURL(url, reason: "no host")
    }
    guard !authority[2].contains("@") else {
      throw .invalidURL(
        "smtp://…@" + String(authority[2].split(separator: "@").last ?? ""),
        reason:
          "credentials never go in the URL: set REDLINE_SMTP_USER and REDLINE_SMTP_PASSWORD, or use ~/.netrc"
      )
    }
    self.url = url
    self.requireTLS = requireTLS || lowered.hasPrefix("smtps://")
    self.verifyTLS = verifyTLS
    self.user = user
    self.password = password
  }

  /// The URL as errors show it.
  var displayURL: String { url }
}

/// One mail: envelope sender, recipients and the whole RFC 5322 message (headers, a blank
/// line, the body; CRLF line ends).
public struct OutgoingMail: Sendable, Equatable {
  /// The envelope sender (MAIL FROM).
  public let from: String
  /// The envelope recipients (RCPT TO).
  public let recipients: [String]
  /// The message as sent.
  public let message: [UInt8]

  /// Creates a mail.
  public init(from: String, recipients: [String], message: [UInt8]) {
    self.from = from
    self.recipients = recipients
    self.message = message
  }
}

/// What a send's callbacks read and collect; reached from C through an unretained pointer that
/// lives only as long as the synchronous send.
private final class SendState {
  var upload: [UInt8] = []
  var offset = 0
}

/// One send set up on an easy handle. Invariant: the header and recipient lists and `state`,
/// which libcurl points to, live as long as this object, which outlives the transfer.
private final class SendTransfer {
  let handle: EasyHandle
  let destination: String
  private let state = SendState()
  private var lists: [UnsafeMutablePointer<curl_slist>] = []

  init(destination: String) throws(SendError) {
    do {
      handle = try EasyHandle(url: destination)
    } catch {
      throw .initFailed
    }
    self.destination = destination
  }

  deinit {
    for list in lists { ccurl_slist_free_all(list) }
  }

  func configure(url: String, protocols: String, sender: CurlSender) throws(SendError) {
    try set(CURLOPT_URL, url)
    try set(CURLOPT_PROTOCOLS_STR, protocols)
    try set(CURLOPT_NOSIGNAL, 1)
    try set(CURLOPT_FOLLOWLOCATION, 0)
    try set(CURLOPT_CONNECTTIMEOUT, sender.connectTimeout)
    try set(CURLOPT_TIMEOUT, sender.totalTimeout)
    // The answer's body is not needed; without a write function libcurl would print it.
    try mapping { () throws(FetchError) in
      try handle.set(CURLOPT_WRITEFUNCTION, callback: discardBody)
    }
  }

  func set(_ option: CURLoption, _ value: Int) throws(SendError) {
    try mapping { () throws(FetchError) in try handle.set(option, value) }
  }

  func set(_ option: CURLoption, _ value: String) throws(SendError) {
    try mapping { () throws(FetchError) in try handle.set(option, value) }
  }

  func set(_ option: CURLoption, offset value: Int64) throws(SendError) {
    try mapping { () throws(FetchError) in try handle.set(option, offset: value) }
  }

  func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(SendError) {
    try mapping { () throws(FetchError) in try handle.set(option, pointer: value) }
  }

  /// Sets a list option to these lines; the list lives as long as this transfer.
  func setList(_ option: CURLoption, _ lines: [String]) throws(SendError) {
    try mapping { () throws(FetchError) in
      guard let list = try makeCurlList(lines) else { return }
      lists.append(list)
      try handle.set(option, list: list)
    }
  }

  /// The POST body, copied by libcurl (CURLOPT_COPYPOSTFIELDS, after its size).
  func copyPostFields(_ body: [UInt8]) throws(SendError) {
    let code = body.withUnsafeBytes { raw in
      ccurl_setopt_pointer(
        handle.raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
    }
    try mapping { () throws(FetchError) in try handle.check(code, "setopt") }
  }

  /// Uploads these bytes (the SMTP DATA) through the read callback.
  func upload(_ bytes: [UInt8]) throws(SendError) {
    state.upload = bytes
    try set(CURLOPT_UPLOAD, 1)
    try set(CURLOPT_INFILESIZE_LARGE, offset: Int64(bytes.count))
    try mapping { () throws(FetchError) in
      try handle.check(
        ccurl_setopt_read_function(handle.raw, CURLOPT_READFUNCTION, readUpload), "setopt")
    }
    try set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(state).toOpaque())
  }

  /// Runs the send; its code goes through the one choke point, `curlCall`.
  func perform() throws(SendError) {
    do {
      try curlCall(handle.perform(), "send")
    } catch {
      throw .transfer(to: destination, code: error.code, message: error.message)
    }
  }

  var responseCode: Int { handle.long(CURLINFO_RESPONSE_CODE) }

  private func mapping(_ body: () throws(FetchError) -> Void) throws(SendError) {
    do {
      try body()
    } catch {
      if case .transfer(_, let code, let message) = error {
        throw .transfer(to: destination, code: code, message: message)
      }
      throw .initFailed
    }
  }
}

private let discardBody: curl_write_callback = { _, size, count, _ in size * count }

private let readUpload: curl_read_callback = { buffer, size, count, context in
  guard let buffer, let context else { return 0 }
  let state = Unmanaged<SendState>.fromOpaque(context).takeUnretainedValue()
  let length = min(size * count, state.upload.count - state.offset)
  guard length > 0 else { return 0 }
  state.upload.withUnsafeBytes { raw in
    guard let base = raw.baseAddress else { return }
    UnsafeMutableRawPointer(buffer).copyMemory(from: base + state.offset, byteCount: length)
  }
  state.offset += length
  return length
}
