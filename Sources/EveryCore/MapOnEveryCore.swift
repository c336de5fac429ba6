import Dispatch
import Synchronization

/// `items.map(transform)`, the items transformed on every core at once (Dispatch's
/// `concurrentPerform`: one thread per core, each taking the next item as it finishes one),
/// with the results in the items' order, so that a caller's output is the one an
/// item-by-item run makes. `transform` runs on several threads at once: it must touch no
/// shared mutable state. A caller that streams a long list hands it over in batches (a few
/// hundred items), so that memory holds one batch.
public func mapOnEveryCore<Item: Sendable, Output: Sendable>(
  _ items: [Item], _ transform: @Sendable (Item) -> Output
) -> [Output] {
  guard items.count > 1 else { return items.map(transform) }
  let outputs = Mutex<[Output?]>(Array(repeating: nil, count: items.count))
  DispatchQueue.concurrentPerform(iterations: items.count) { index in
    let output = transform(items[index])
    outputs.withLock { $0[index] = output }
  }
  // Every index was filled: concurrentPerform returns once every iteration has.
  return outputs.withLock { $0.compactMap { $0 } }
}
