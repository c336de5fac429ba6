/// An HTML document as a compact, immutable array of nodes in document order.
///
/// Invariants: `nodes[0]` is the document itself (kind `.document`); every other node's parent
/// comes before it; the descendants of node `i` are exactly the nodes `i+1 ..< nodes[i].end`.
/// A document holds no pointer into libxml2, so it is a plain `Sendable` value.
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

  /// Creates a document from nodes that satisfy the type's invariants, and their tag names.
  public init(nodes: [HTMLNode], tagNames: [String]) {
    self.nodes = nodes
    self.tagNames = tagNames
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

  /// The indices of the elements with this (lower-case) tag name, in document order.
  public func elements(named name: String, within index: Int = 0) -> [Int] {
    descendants(of: index).filter { nodes[$0].kind == .element && nodes[$0].name == name }
  }

  /// The value of an attribute of node `index`, if present (names are lower-case).
  public func attribute(_ name: String, of index: Int) -> String? {
    nodes[index].attribute(name)
  }

  /// All text under node `index`, joined as it stands in the source (no whitespace folding).
  public func text(of index: Int) -> String {
    if nodes[index].kind == .text { return nodes[index].text }
    var result = ""
    for descendant in descendants(of: index) where nodes[descendant].kind == .text {
      result += nodes[descendant].text
    }
    return result
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

/// One node of an `HTMLDocument`.
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
  /// The lower-case tag name for elements; empty otherwise.
  public let name: String
  /// The text of a text node; empty otherwise.
  public let text: String
  /// The attributes of an element, in source order.
  public let attributes: [HTMLAttribute]
  /// The index of the parent node (-1 for the document).
  public let parent: Int
  /// One past the index of this node's last descendant.
  public internal(set) var end: Int
  /// The index of `name` in the document's `tagNames`.
  public let tag: Int

  /// Creates a node.
  public init(
    kind: Kind, name: String, text: String, attributes: [HTMLAttribute], parent: Int, end: Int,
    tag: Int = 0
  ) {
    self.tag = tag
    self.kind = kind
    self.name = name
    self.text = text
    self.attributes = attributes
    self.parent = parent
    self.end = end
  }

  /// The value of the attribute with this lower-case name, if present.
  public func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }
}

/// One attribute of an element.
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
