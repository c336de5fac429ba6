import EveryCore
import Synchronization

/// Numbered pieces of work (`0..<count`) done on `threads` threads of their own, whose outputs
/// `consume` takes on the caller's thread in the order of the pieces, and within a piece in
/// the order it emitted them: the export's pages built and compressed on every core, written
/// as one thread would write them.
///
///     try runInOrder(count: pages.count, threads: 2, laneBudget: 4 << 20,
///       context: { try GzipCompressor() },
///       produce: { compressor, page, emit in emit(records(of: page), 1) },
///       consume: { write($0) })
///
/// Pieces are taken in order; each gets a lane (a queue) when it is taken, and at most
/// `window` lanes wait for `consume`. A lane holds at most `laneBudget` of what its piece
/// emitted (the cost `emit` is given; one output always fits): the thread of a piece ahead of
/// the one consumed waits there. So memory is bounded by `window × laneBudget`, whatever a
/// piece emits, and there is no deadlock: the piece consumed was taken before the others and
/// its thread is running.
///
/// The first error, of a `produce` (thrown in its piece's place in the order) or of
/// `consume`, is thrown once every thread has stopped; the pieces not started are skipped.
/// - Parameters:
///   - context: made once on each thread and handed to each `produce` call there (a
///     compressor, which is not for two threads at once).
///   - produce: the work of piece `index`, calling `emit(output, cost)` for each output.
public func runInOrder<Context, Output: Sendable>(
  count: Int, threads: Int, window: Int = 8, laneBudget: Int,
  context: @escaping @Sendable () throws -> Context,
  produce: @escaping @Sendable (Context, Int, (Output, Int) -> Void) throws -> Void,
  consume: (Output) throws -> Void
) throws {
  guard count > 0 else { return }
  typealias Lane = Handoff<Result<Output, any Error>>
  let lanes = Handoff<Lane>(budget: max(1, window))
  let shared = InOrderState()
  var started: [WorkerThread] = []
  for _ in 0..<max(1, threads) {
    started.append(
      WorkerThread {
        let made = Result { try context() }
        while true {
          // Taken and queued under one lock, so lanes are queued in the pieces' order.
          let taken: (Int, Lane)? = shared.next.withLock { next in
            guard next < count else { return nil }
            let lane = Lane(budget: laneBudget)
            lanes.push(lane, cost: 1)
            next += 1
            return (next - 1, lane)
          }
          guard let (index, lane) = taken else {
            lanes.close()
            return
          }
          if !shared.stopped.load(ordering: .relaxed) {
            do {
              try produce(try made.get(), index) { output, cost in
                lane.push(.success(output), cost: cost)
              }
            } catch {
              lane.push(.failure(error), cost: 0)
            }
          }
          lane.close()
        }
      })
  }
  var failure: (any Error)?
  // Every lane is drained, also after a failure: a thread waiting on a full lane then ends.
  while let lane = lanes.pop() {
    while let output = lane.pop() {
      guard failure == nil else { continue }
      do {
        try consume(output.get())
      } catch {
        failure = error
        shared.stopped.store(true, ordering: .relaxed)
      }
    }
  }
  for thread in started { thread.join() }
  if let failure { throw failure }
}

/// The next piece to take, and whether to stop taking.
private final class InOrderState: Sendable {
  let next = Mutex(0)
  let stopped = Atomic(false)
}
