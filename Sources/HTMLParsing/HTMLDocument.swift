/// An HTML document as a compact, immutable array of nodes in document order.
///
/// Invariants: `nodes[0]` is the document itself (kind `.document`); every other node's parent
/// comes before it; the descendants of node `i` are exactly the nodes `i+1 ..< nodes[i].end`.
/// Text and attribute values are not stored per node but as byte ranges into one buffer,
/// `utf8`, where each text node's and each value's bytes are well-formed UTF-8 (ill-formed
/// input is repaired with U+FFFD, as `String(decoding:as:)` does), so a node holds no reference
/// and copying one costs no retain. A document holds no pointer into libxml2, so it is a plain
/// `Sendable` value.
///
///     let document = try parseHTML(Array("<p>Hello <b>you</b></p>".utf8))
///     for paragraph in document.elements(named: "p") { print(document.text(of: paragraph)) }
public struct HTMLDocument: Sendable {
  /// All nodes in document (pre-)order.
  public let nodes: [HTMLNode]
  /// The distinct tag names of the document; `nodes[i].tag` indexes it (0 is "", for nodes
  /// that are not elements). Lets rules classify a tag once per document instead of hashing its
  /// name at every element.
  public let tagNames: [String]
  /// The distinct lower-case attribute names of the document; `HTMLAttributeSpan.name`
  /// indexes it.
  public let attributeNames: [String]
  /// The attributes of every element, element by element in source order;
  /// `HTMLNode.attributeSpans` is an element's range of them.
  public let attributeSpans: [HTMLAttributeSpan]
  /// The text of every text node and the value of every attribute, back to back.
  public let utf8: [UInt8]

  /// Creates a document from parts that satisfy the type's invariants.
  public init(
    nodes: [HTMLNode], tagNames: [String], attributeNames: [String],
    attributeSpans: [HTMLAttributeSpan], utf8: [UInt8]
  ) {
    self.nodes = nodes
    self.tagNames = tagNames
    self.attributeNames = attributeNames
    self.attributeSpans = attributeSpans
    self.utf8 = utf8
  }

  /// The index of the document node.
  public var root: Int { 0 }

  /// The indices of the direct children of node `index`, in order.
  public func children(of index: Int) -> ChildIndices {
    ChildIndices(nodes: nodes, parent: index)
  }

  /// The indices of every descendant of node `index`, in document order.
  public func descendants(of index: Int) -> Range<Int> {
    (index + 1)..<nodes[index].end
  }

  /// The lower-case tag name of element `index`; empty for other nodes.
  public func name(of index: Int) -> String {
    tagNames[nodes[index].tag]
  }

  /// The indices of the elements with this (lower-case) tag name, in document order.
  public func elements(named name: String, within index: Int = 0) -> [Int] {
    guard let tag = tagNames.firstIndex(of: name), tag > 0 else { return [] }
    return descendants(of: index).filter { nodes[$0].tag == tag }
  }

  /// The id of an attribute name in `attributeNames`, if any element of the page has it.
  public func attributeNameID(_ name: String) -> Int? {
    attributeNames.firstIndex(of: name)
  }

  /// The value of an attribute of node `index`, if present (names are lower-case).
  public func attribute(_ name: String, of index: Int) -> String? {
    for span in attributeSpans[nodes[index].attributeSpans] where attributeNames[span.name] == name
    {
      return string(span.value)
    }
    return nil
  }

  /// The attributes of node `index` as strings, in source order.
  public func attributes(of index: Int) -> [HTMLAttribute] {
    attributeSpans[nodes[index].attributeSpans].map {
      HTMLAttribute(name: attributeNames[$0.name], value: string($0.value))
    }
  }

  /// All text under node `index`, joined as it stands in the source (no whitespace folding).
  public func text(of index: Int) -> String {
    if nodes[index].kind == .text { return string(nodes[index].textBytes) }
    var result: [UInt8] = []
    for descendant in descendants(of: index) where nodes[descendant].kind == .text {
      result += utf8[nodes[descendant].textBytes]
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// The string whose UTF-8 is these bytes of `utf8`.
  public func string(_ bytes: Range<Int>) -> String {
    String(decoding: utf8[bytes], as: UTF8.self)
  }

  /// Whether node `ancestor` contains node `index` (a node does not contain itself).
  public func contains(_ ancestor: Int, _ index: Int) -> Bool {
    index > ancestor && index < nodes[ancestor].end
  }
}

/// The direct children of one node, walked by jumping over each child's subtree.
public struct ChildIndices: Sequence, Sendable {
  let nodes: [HTMLNode]
  let parent: Int

  /// Iterates the children in order.
  public func makeIterator() -> Iterator {
    Iterator(nodes: nodes, position: parent + 1, end: nodes[parent].end)
  }

  /// The iterator over a node's children.
  public struct Iterator: IteratorProtocol {
    let nodes: [HTMLNode]
    var position: Int
    let end: Int

    /// The next child's index, or nil after the last.
    public mutating func next() -> Int? {
      guard position < end else { return nil }
      defer { position = nodes[position].end }
      return position
    }
  }
}

/// One node of an `HTMLDocument`: a plain value with no references, read through its document.
///
/// Its indices and offsets are stored in 32 bits (24 bytes a node instead of 48): a page with
/// an element every few bytes makes millions of nodes, and the node array is the largest part
/// of a parse. `parseHTML` refuses input whose offsets would not fit.
public struct HTMLNode: Sendable {
  /// What a node is.
  public enum Kind: UInt8, Sendable {
    /// The document itself (index 0).
    case document
    /// An element such as `<p>`.
    case element
    /// Text (entities decoded), including script and style contents.
    case text
  }

  /// What this node is.
  public let kind: Kind
  private let storedTag: Int32
  private let storedParent: Int32
  private var storedEnd: Int32
  private let contentsStart: Int32
  private let contentsEnd: Int32

  /// The index of the element's name in the document's `tagNames` (0 for other nodes).
  public var tag: Int { Int(storedTag) }
  /// The index of the parent node (-1 for the document).
  public var parent: Int { Int(storedParent) }
  /// One past the index of this node's last descendant.
  public internal(set) var end: Int {
    get { Int(storedEnd) }
    set { storedEnd = Int32(truncatingIfNeeded: newValue) }
  }
  /// For a text node, where its text lies in the document's `utf8`; for an element, its
  /// range of the document's `attributeSpans`.
  var contents: Range<Int> { Int(contentsStart)..<Int(contentsEnd) }

  /// The largest index or byte offset a node can hold.
  public static let maximumOffset = Int(Int32.max)

  /// Creates a node; `contents` is the text's bytes for a text node and the attributes' spans
  /// for an element. Every value must be at most `maximumOffset`.
  public init(kind: Kind, tag: Int = 0, parent: Int, end: Int, contents: Range<Int> = 0..<0) {
    self.kind = kind
    self.storedTag = Int32(truncatingIfNeeded: tag)
    self.storedParent = Int32(truncatingIfNeeded: parent)
    self.storedEnd = Int32(truncatingIfNeeded: end)
    self.contentsStart = Int32(truncatingIfNeeded: contents.lowerBound)
    self.contentsEnd = Int32(truncatingIfNeeded: contents.upperBound)
  }

  /// Where a text node's text lies in the document's `utf8` (empty for other nodes).
  public var textBytes: Range<Int> { kind == .text ? contents : 0..<0 }

  /// An element's range of the document's `attributeSpans` (empty for other nodes).
  public var attributeSpans: Range<Int> { kind == .element ? contents : 0..<0 }
}

/// One attribute of an element, as indices into its document.
public struct HTMLAttributeSpan: Sendable {
  /// The index of the lower-case name in the document's `attributeNames`.
  public let name: Int
  /// Where the value (entities decoded) lies in the document's `utf8`.
  public let value: Range<Int>

  /// Creates an attribute span.
  public init(name: Int, value: Range<Int>) {
    self.name = name
    self.value = value
  }
}

/// One attribute of an element, as strings.
public struct HTMLAttribute: Sendable, Hashable {
  /// The lower-case attribute name.
  public let name: String
  /// The value with entities decoded.
  public let value: String

  /// Creates an attribute.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}
