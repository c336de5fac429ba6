/// A count per node of a document (text bytes, links, commas, node indices), stored in 32 bits
/// and read as `Int`.
///
/// Extraction keeps several such arrays alive at once; at 8 bytes a node they were most of the
/// memory a page of millions of tiny elements costs. 32 bits are enough: `parseHTML` reads at
/// most 256 MiB and builds at most 2,000,000 nodes, so no count or index comes near 2^31.
struct NodeCounts {
  private var storage: [Int32]

  /// `count` counts, each `value`.
  init(repeating value: Int, count: Int) {
    storage = Array(repeating: Int32(truncatingIfNeeded: value), count: count)
  }

  /// Whether there are no counts at all.
  var isEmpty: Bool { storage.isEmpty }

  /// The count of node `index`.
  subscript(index: Int) -> Int {
    get { Int(storage[index]) }
    set { storage[index] = Int32(truncatingIfNeeded: newValue) }
  }
}
