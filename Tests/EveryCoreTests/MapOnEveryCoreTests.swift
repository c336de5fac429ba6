import EveryCore
import Synchronization
import Testing

@Suite("mapOnEveryCore")
struct MapOnEveryCoreTests {
  @Test(
    "results come back in the items' order, each item transformed once", arguments: [0, 1, 2, 1000])
  func order(_ count: Int) {
    let calls = Mutex(0)
    let items = Array(0..<count)
    let squares = mapOnEveryCore(items) { item -> Int in
      calls.withLock { $0 += 1 }
      // Uneven work, so that items finish out of order.
      var spin = 0
      for step in 0..<(item % 7) * 1000 { spin &+= step }
      return item * item + (spin == -1 ? 1 : 0)
    }
    #expect(squares == items.map { $0 * $0 })
    #expect(calls.withLock { $0 } == count)
  }
}
