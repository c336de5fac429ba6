internal import CCurl
import Dispatch
import Synchronization

/// Runs every transfer of one fetcher through one libcurl multi handle, on one thread: libcurl
/// interleaves them (and multiplexes HTTP/2 streams on one connection), so a thousand transfers
/// in flight cost no more threads than one.
///
/// `@unchecked Sendable` invariant: `multi` is used only by the drive loop, which runs on
/// `queue` and at most once at a time (`running` in `inbox`), except for `curl_multi_wakeup`,
/// which libcurl documents as safe to call from any thread. Transfers cross from callers to the
/// loop only through `inbox`, under its lock.
final class MultiDriver: @unchecked Sendable {
  /// `@unchecked Sendable`: the transfer is handed over whole. The caller never touches it
  /// after `run` puts it in the inbox, and only the drive loop uses it from then on.
  private struct Submitted: @unchecked Sendable {
    let transfer: PreparedTransfer
    let done: CheckedContinuation<Result<Response, FetchError>, Never>
  }

  private struct Inbox {
    var submitted: [Submitted] = []
    var running = false
  }

  private let multi: UnsafeMutableRawPointer
  private let inbox = Mutex(Inbox())
  private let queue = DispatchQueue(label: "redline.fetch.multi")

  /// Nil when libcurl cannot make a multi handle (out of memory).
  init?() {
    CurlRuntime.ensureInitialized()
    guard let multi = ccurl_multi_init() else { return nil }
    self.multi = multi
    // A failure leaves libcurl's default, which only costs reconnections.
    try? curlCall(
      ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, idleConnectionLimit),
      "curl_multi_setopt")
  }

  deinit { ccurl_multi_cleanup(multi) }

  /// Runs one prepared transfer to its end.
  func run(_ transfer: PreparedTransfer) async -> Result<Response, FetchError> {
    await withCheckedContinuation { continuation in
      let start = inbox.withLock { inbox in
        inbox.submitted.append(Submitted(transfer: transfer, done: continuation))
        defer { inbox.running = true }
        return !inbox.running
      }
      if start {
        queue.async { self.drive() }
      } else {
        ccurl_multi_wakeup(multi)
      }
    }
  }

  /// Adds submitted transfers, lets libcurl move them all forward, and hands back finished
  /// ones, until none is left.
  private func drive() {
    var active: [UnsafeMutableRawPointer: Submitted] = [:]
    while true {
      let arrived = inbox.withLock { inbox in
        let arrived = inbox.submitted
        inbox.submitted = []
        if arrived.isEmpty && active.isEmpty { inbox.running = false }
        return arrived
      }
      if arrived.isEmpty && active.isEmpty { return }
      for item in arrived {
        do {
          try curlCall(
            ccurl_multi_add_handle(multi, item.transfer.handle.raw), "curl_multi_add_handle")
          active[item.transfer.handle.raw] = item
        } catch {
          item.done.resume(returning: item.transfer.finish(CURLE_FAILED_INIT))
        }
      }
      var running: Int32 = 0
      do {
        try curlCall(ccurl_multi_perform(multi, &running), "curl_multi_perform")
      } catch {
        failAll(&active, error)
        continue
      }
      var left: Int32 = 0
      while let message = ccurl_multi_info_read(multi, &left) {
        guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
          let item = active.removeValue(forKey: easy)
        else { continue }
        let result = message.pointee.data.result
        ccurl_multi_remove_handle(multi, easy)
        item.done.resume(returning: item.transfer.finish(result))
      }
      // Sleeps until a socket is ready, a timer is due, or `run` wakes it for a new transfer.
      do {
        try curlCall(ccurl_multi_poll(multi, nil, 0, pollMilliseconds, nil), "curl_multi_poll")
      } catch {
        failAll(&active, error)
      }
    }
  }

  /// Ends every active transfer with a multi-handle failure (out of memory, a broken handle):
  /// libcurl moves none of them on after one, so waiting would hang them until the run ends.
  private func failAll(
    _ active: inout [UnsafeMutableRawPointer: Submitted], _ failure: CurlCallFailure
  ) {
    for (easy, item) in active {
      ccurl_multi_remove_handle(multi, easy)
      item.done.resume(
        returning: .failure(
          .transfer(url: item.transfer.url, code: failure.code, message: failure.description)))
    }
    active = [:]
  }
}

/// How many connections are kept open for reuse, across hosts. libcurl's default is four per
/// transfer in flight: 32 at --jobs 8, so a list that goes round 50 hosts found every
/// connection closed by the time it came back to a host, and opened (and, over TLS, shook
/// hands on) a new one for each page. Idle connections cost a file descriptor each, and
/// servers close them after their own keep-alive time.
let idleConnectionLimit = 256

/// Longest sleep of the drive loop; libcurl's own timers usually wake it sooner.
private let pollMilliseconds: Int32 = 1000
