import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A first-in first-out queue between two threads: `push` adds an item and waits while the
/// items not taken yet cost more than the budget (one item is always let in, however large),
/// `pop` waits for the next item. Each side of WARC reading and writing that runs on a core
/// of its own hands its work over through one.
///
///     let work = Handoff<[UInt8]>(budget: 32 << 20)
///     runOnWorkerThread { while let piece = work.pop() { hash(piece) } }
///     work.push(bytes, cost: bytes.count)
///     work.close()
///
/// Invariant: the cost of the items waiting is at most `budget`, or one item's.
final class Handoff<Element: Sendable>: @unchecked Sendable {
  // @unchecked: every stored property is read and written with `lock` held.
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var items: [(element: Element, cost: Int)] = []
  private var head = 0
  private var waitingCost = 0
  private var closed = false
  private let budget: Int

  /// - Parameter budget: the cost of the items that may wait (bytes, or 1 an item).
  init(budget: Int) {
    self.budget = budget
    pthread_mutex_init(lock, nil)
    pthread_cond_init(changed, nil)
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(lock)
    lock.deallocate()
    changed.deallocate()
  }

  /// Adds an item, first waiting while the items waiting cost too much to add it.
  func push(_ element: Element, cost: Int) {
    pthread_mutex_lock(lock)
    while waitingCost > 0 && waitingCost + cost > budget { pthread_cond_wait(changed, lock) }
    items.append((element, cost))
    waitingCost += cost
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(lock)
  }

  /// Says no more items come: `pop` returns nil once the waiting ones are taken.
  func close() {
    pthread_mutex_lock(lock)
    closed = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(lock)
  }

  /// The next item, waiting for one; nil when the queue is closed and empty.
  func pop() -> Element? {
    take(waiting: true)
  }

  /// The next item if one is waiting, else nil at once.
  func popIfReady() -> Element? {
    take(waiting: false)
  }

  private func take(waiting: Bool) -> Element? {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    while head == items.count {
      guard waiting, !closed else { return nil }
      pthread_cond_wait(changed, lock)
    }
    let (element, cost) = items[head]
    head += 1
    if head == items.count || head > 1024 {
      // Taken items are dropped in batches: a queue that never empties stays small.
      items.removeFirst(head)
      head = 0
    }
    waitingCost -= cost
    pthread_cond_broadcast(changed)
    return element
  }
}

/// Work running on another thread (Dispatch's pool).
struct Worker {
  private let done = DispatchSemaphore(value: 0)

  /// Starts `work`.
  init(_ work: @escaping @Sendable () -> Void) {
    let done = self.done
    DispatchQueue.global().async {
      work()
      done.signal()
    }
  }

  /// Returns once the work has finished (call once).
  func wait() { done.wait() }
}
