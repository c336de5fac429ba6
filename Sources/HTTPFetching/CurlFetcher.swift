import Dispatch

/// Fetches URLs with libcurl: redirects (http and https only), content decoding, conditional
/// requests, limits on time and size, per-host politeness and retries, from `FetchOptions`.
///
/// Copies of one fetcher share one connection cache (connections are reused, HTTP/2 where the
/// server offers it over TLS) and one set of per-host limits, so make one fetcher per run.
/// Transfers run on one libcurl multi handle (`FetchEngine.multi`, measured faster than a
/// thread per transfer; see `make bench`).
///
///     let fetcher = CurlFetcher()
///     let response = try await fetcher.fetch("https://example.blogspot.com/2016/07/post.html")
public struct CurlFetcher: Fetching {
  /// The limits and manners every fetch uses.
  public let options: FetchOptions
  private let share: CurlShare
  private let gate: HostGate
  private let driver: MultiDriver?

  /// Creates a fetcher with these options.
  public init(options: FetchOptions = FetchOptions()) {
    self.options = options
    share = CurlShare()
    gate = HostGate(limit: options.connectionsPerHost, delay: options.hostDelay)
    driver = options.engine == .multi ? MultiDriver() : nil
  }

  /// Fetches one URL.
  /// - Throws: `FetchError`.
  public func fetch(_ url: String) async throws -> Response {
    try await fetch(url, validators: Validators(entityTag: nil, lastModified: nil))
  }

  /// Fetches one URL, sending `validators` so an unchanged page costs a 304 and no body.
  ///
  /// Connection errors, 429 and 503 are tried again up to `maxRetries` times, waiting
  /// `retryBaseDelay` doubled at each retry, or what the server's `Retry-After` asks when that
  /// is at most `maxRetryAfter`. Other statuses are answers and are returned as they are.
  /// - Throws: `FetchError`, or `CancellationError` when cancelled while waiting to retry.
  public func fetch(_ url: String, validators: Validators) async throws -> Response {
    let host = hostKey(of: url)
    var attempt = 0
    while true {
      await gate.enter(host)
      let result = await transfer(url, validators: validators)
      await gate.leave(host)
      guard attempt < options.maxRetries, let wait = retryWait(after: result, attempt: attempt)
      else { return try result.get() }
      attempt += 1
      try await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded())))
    }
  }

  /// How long to wait before trying again, or nil when this result is final.
  private func retryWait(after result: Result<Response, FetchError>, attempt: Int) -> Double? {
    let backoff = options.retryBaseDelay * Double(1 << min(attempt, 16))
    switch result {
    case .success(let response) where response.status == 429 || response.status == 503:
      guard let asked = response.retryAfterSeconds else { return backoff }
      return Double(asked) <= options.maxRetryAfter ? Double(asked) : nil
    case .success: return nil
    case .failure(let error): return error.isTransient ? backoff : nil
    }
  }

  /// Runs one transfer on the multi handle, or blocking on the fetch queue; never on the
  /// cooperative pool.
  private func transfer(_ url: String, validators: Validators) async -> Result<
    Response, FetchError
  > {
    let options = self.options
    let share = self.share
    if let driver {
      do {
        let prepared = try PreparedTransfer(
          url: url, validators: validators, options: options, share: share)
        return await driver.run(prepared)
      } catch {
        return .failure(error)
      }
    }
    return await withCheckedContinuation { continuation in
      transferQueue.async {
        continuation.resume(
          returning: Result { () throws(FetchError) in
            try performTransfer(url: url, validators: validators, options: options, share: share)
          })
      }
    }
  }
}

/// The one queue blocking transfers run on (fetches, and the posts and mail of `CurlSender`). A
/// private concurrent queue gets a thread for each transfer in flight (their number is bounded by
/// the callers' `--jobs`), where the global queue would start only about one thread per core and
/// let blocked transfers wait for each other.
let transferQueue = DispatchQueue(label: "redline.fetch", attributes: .concurrent)
