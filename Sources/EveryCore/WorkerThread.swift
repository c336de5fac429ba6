#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A POSIX thread of its own, running one piece of work: the one place outside HTTPFetching
/// where Redline starts threads (snapshot's `BlockingWorkers`, the WARC exporter's
/// `runInOrder`). Not Foundation's `Thread`, which would link all of legacy Foundation, whose
/// size costs every run start-up time; not Dispatch's pool, whose width is the number of
/// cores, for work that waits (on the disk, or on a full queue) and would hold one of its
/// threads.
public final class WorkerThread {
  #if os(Linux)
    private var thread = pthread_t()
  #else
    private var thread: pthread_t?
  #endif

  /// Starts the thread. A detached thread is never joined: its resources go back when `work`
  /// returns.
  public init(detached: Bool = false, _ work: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(WorkBox(work)).toOpaque()
    let result = pthread_create(
      &thread, nil,
      { raw in
        guard let raw else { return nil }
        Unmanaged<WorkBox>.fromOpaque(raw).takeRetainedValue().run()
        return nil
      }, box)
    precondition(result == 0, "could not start a thread: \(String(cString: strerror(result)))")
    #if os(Linux)
      if detached { pthread_detach(thread) }
    #else
      if detached, let thread { pthread_detach(thread) }
    #endif
  }

  /// Returns once the work has finished (call once, on a thread that is not detached).
  public func join() {
    #if os(Linux)
      pthread_join(thread, nil)
    #else
      if let thread { pthread_join(thread, nil) }
    #endif
  }
}

private final class WorkBox {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
