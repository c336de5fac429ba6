/// Politeness towards each host: at most `limit` transfers to one host at a time, and starts
/// at least `delay` seconds apart.
///
/// Invariant: `active[host]` counts the slots handed out by `enter` and not yet given back by
/// `leave`, and never exceeds `limit`.
actor HostGate {
  private let limit: Int
  private let delay: Duration
  private var active: [String: Int] = [:]
  private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
  private var nextStart: [String: ContinuousClock.Instant] = [:]

  init(limit: Int, delay: Double) {
    self.limit = max(1, limit)
    self.delay = .milliseconds(Int((max(0, delay) * 1000).rounded()))
  }

  /// Waits for a free slot for `host`, then for the host's delay; the caller must `leave`.
  func enter(_ host: String) async {
    while active[host, default: 0] >= limit {
      await withCheckedContinuation { waiting[host, default: []].append($0) }
    }
    active[host, default: 0] += 1
    guard delay > .zero else { return }
    let now = ContinuousClock.now
    let start = max(now, nextStart[host] ?? now)
    nextStart[host] = start + delay
    if start > now { try? await Task.sleep(until: start, clock: .continuous) }
  }

  /// Gives back a slot taken by `enter`.
  func leave(_ host: String) {
    active[host, default: 1] -= 1
    if active[host] == 0 { active[host] = nil }
    if var queue = waiting[host], !queue.isEmpty {
      let next = queue.removeFirst()
      waiting[host] = queue.isEmpty ? nil : queue
      next.resume()
    }
  }
}

/// The host and port a URL's request goes to, lower-cased: the key for per-host limits.
func hostKey(of url: String) -> String {
  let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
  guard parts.count >= 3 else { return url.lowercased() }
  let authority = parts[2].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
  return String(authority.split(separator: "@").last ?? authority).lowercased()
}
