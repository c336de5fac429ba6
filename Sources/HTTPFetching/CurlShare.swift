internal import CCurl

#if canImport(Glibc)
  import Glibc
#endif

/// One libcurl share handle: the connection cache, DNS cache and TLS sessions that every
/// transfer of one fetcher uses, so a second page on a host reuses the first one's connection.
///
/// `@unchecked Sendable` invariant: libcurl serialises every use of the share handle through
/// the lock callbacks installed in `init`, which take one of `locks`; Swift code only hands
/// `raw` to easy handles and frees it in `deinit`, when no transfer can be using it (each
/// transfer holds a strong reference to this object for its whole length).
final class CurlShare: @unchecked Sendable {
  /// The share handle, or nil when libcurl could not make one (transfers then share nothing).
  let raw: UnsafeMutableRawPointer?
  private let locks: UnsafeMutablePointer<pthread_mutex_t>
  private static let lockCount = Int(CURL_LOCK_DATA_LAST.rawValue)

  init() {
    CurlRuntime.ensureInitialized()
    locks = .allocate(capacity: Self.lockCount)
    for index in 0..<Self.lockCount { pthread_mutex_init(locks + index, nil) }
    guard let share = ccurl_share_init() else {
      raw = nil
      return
    }
    do throws(CurlCallFailure) {
      let setopt: StaticString = "curl_share_setopt"
      try curlCall(ccurl_share_setopt_lock_function(share, CURLSHOPT_LOCKFUNC, lockShared), setopt)
      try curlCall(
        ccurl_share_setopt_unlock_function(share, CURLSHOPT_UNLOCKFUNC, unlockShared), setopt)
      try curlCall(
        ccurl_share_setopt_pointer(share, CURLSHOPT_USERDATA, UnsafeMutableRawPointer(locks)),
        setopt)
      for data in [CURL_LOCK_DATA_CONNECT, CURL_LOCK_DATA_DNS, CURL_LOCK_DATA_SSL_SESSION] {
        try curlCall(ccurl_share_setopt_long(share, CURLSHOPT_SHARE, Int(data.rawValue)), setopt)
      }
      raw = share
    } catch {
      // Transfers then share nothing, which only costs reconnections and lookups.
      ccurl_share_cleanup(share)
      raw = nil
    }
  }

  deinit {
    if let raw { ccurl_share_cleanup(raw) }
    for index in 0..<Self.lockCount { pthread_mutex_destroy(locks + index) }
    locks.deallocate()
  }
}

private let lockShared: curl_lock_function = { _, data, _, context in
  guard let context else { return }
  let locks = context.assumingMemoryBound(to: pthread_mutex_t.self)
  pthread_mutex_lock(locks + Int(data.rawValue))
}

private let unlockShared: curl_unlock_function = { _, data, context in
  guard let context else { return }
  let locks = context.assumingMemoryBound(to: pthread_mutex_t.self)
  pthread_mutex_unlock(locks + Int(data.rawValue))
}
