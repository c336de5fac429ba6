import Dispatch
import EveryCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// A fixed set of threads for the work of a check that blocks or runs long: store reads and
/// writes (fsync, flock) and extraction. Swift's cooperative pool has one thread per core
/// (two here); a page's fsyncs on one of them stall every other task, so transfers finish and
/// no new one starts. Here they stall only a thread of their own.
///
/// Invariant: each job is run exactly once, on one of the `count` threads, urgent ones first,
/// then in the order given; a thread ends when it takes a stop token, and `close()` queues one
/// per thread after every job given so far.
final class BlockingWorkers: Sendable {
  private enum Item: Sendable {
    case job(@Sendable () -> Void)
    case stop
  }

  private let queue = Mutex<[Item]>([])
  private let ready = DispatchSemaphore(value: 0)
  private let count: Int

  /// Starts `count` threads (at least one).
  init(count: Int) {
    self.count = max(1, count)
    for _ in 0..<self.count {
      _ = WorkerThread(detached: true) { [self] in work() }
    }
  }

  /// Runs `body` on one of the threads and returns its result. An `urgent` job (a read that a
  /// fetch waits for) goes ahead of the others (the writes of pages already fetched).
  func run<T: Sendable>(urgent: Bool = false, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      enqueue(.job { continuation.resume(returning: body()) }, first: urgent)
    }
  }

  /// Lets every thread end once the jobs given so far are done.
  func close() {
    for _ in 0..<count { enqueue(.stop) }
  }

  private func enqueue(_ item: Item, first: Bool = false) {
    queue.withLock { first ? $0.insert(item, at: 0) : $0.append(item) }
    ready.signal()
  }

  private func work() {
    #if os(Linux)
      // Fetches wait on these threads only when the backlog is full; the drive loop of the
      // transfers, on the other hand, must run as soon as a response arrives or the next
      // transfer starts late. On Linux a nice value is per thread (who 0 is this thread).
      let thisThread = __priority_which_t(PRIO_PROCESS.rawValue)
      setpriority(thisThread, 0, getpriority(thisThread, 0) + workerNice)
    #endif
    while true {
      ready.wait()
      // One signal per item, so the queue is never empty here.
      guard case .job(let job) = queue.withLock({ $0.removeFirst() }) else { return }
      job()
    }
  }
}

/// How much lower than the rest of the process the workers' priority is (a nice value).
private let workerNice: Int32 = 5

/// Runs `body` with `count` worker threads, which end when it returns.
func withBlockingWorkers<T: Sendable>(
  count: Int, _ body: (BlockingWorkers) async -> T
) async -> T {
  let workers = BlockingWorkers(count: count)
  defer { workers.close() }
  return await body(workers)
}
