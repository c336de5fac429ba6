internal import CLibXML2

/// Why bytes could not be turned into a document.
public enum ParseError: Error, Sendable, CustomStringConvertible {
  /// libxml2 produced no document at all.
  case unparseable(reason: String)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .unparseable(let reason): "cannot parse HTML: \(reason)"
    }
  }
}

/// Parses HTML bytes with libxml2's HTML parser (recovering from errors, never touching the
/// network) and converts the result into an `HTMLDocument` in one pass.
///
/// - Parameters:
///   - bytes: the page as received.
///   - encoding: the character set declared outside the document (HTTP `Content-Type`), if any;
///     without it libxml2 reads a BOM or `<meta charset>`.
///   - attributeLimit: the most attributes kept on one tag (libxml2 is quadratic in them).
/// - Returns: the document; empty input gives a document with no children.
/// - Throws: `ParseError` when libxml2 gives up.
/// - Complexity: O(n) in the size of the input; the conversion is iterative, so deep nesting
///   cannot overflow the stack.
public func parseHTML(
  _ bytes: [UInt8], encoding: String? = nil, attributeLimit: Int = maximumAttributesPerTag
) throws -> HTMLDocument {
  ParserRuntime.ensureInitialized()
  guard !bytes.isEmpty else {
    return HTMLDocument(nodes: [
      HTMLNode(kind: .document, name: "", text: "", attributes: [], parent: -1, end: 1)
    ])
  }
  guard bytes.count <= Int(Int32.max) else {
    throw ParseError.unparseable(reason: "input larger than 2 GiB")
  }
  let options = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
  let input = cappingAttributes(bytes, limit: attributeLimit) ?? bytes
  let document: htmlDocPtr? = input.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { chars in
      htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, encoding, options)
    }
  }
  guard let document else {
    throw ParseError.unparseable(reason: "libxml2 returned no document")
  }
  defer { xmlFreeDoc(document) }
  var converter = TreeConverter()
  return HTMLDocument(nodes: converter.convert(document))
}

/// libxml2's process-wide setup, done exactly once before the first parse.
private enum ParserRuntime {
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  static func ensureInitialized() { _ = initialized }
}

/// Walks a libxml2 tree without recursion and copies it into `HTMLNode`s.
private struct TreeConverter {
  private var nodes: [HTMLNode] = []
  /// libxml2 keeps element and attribute names in a dictionary, so one pointer is one name.
  private var names: [UnsafeRawPointer: String] = [:]

  mutating func convert(_ document: htmlDocPtr) -> [HTMLNode] {
    nodes.append(HTMLNode(kind: .document, name: "", text: "", attributes: [], parent: -1, end: 0))
    var open: [(libxml: xmlNodePtr, index: Int)] = []
    var current = document.pointee.children
    var parentIndex = 0
    while true {
      if let node = current {
        let index = append(node, parent: parentIndex)
        if let index, node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
          open.append((node, index))
          parentIndex = index
          current = child
          continue
        }
        current = node.pointee.next
        continue
      }
      // No more siblings: close the innermost open element and continue after it.
      guard let (closed, index) = open.popLast() else { break }
      nodes[index].end = nodes.count
      parentIndex = open.last?.index ?? 0
      current = closed.pointee.next
    }
    nodes[0].end = nodes.count
    return nodes
  }

  /// Appends one node (elements get their subtree end later); returns its index, or nil for
  /// nodes that carry nothing for extraction (comments, processing instructions, DTDs).
  private mutating func append(_ node: xmlNodePtr, parent: Int) -> Int? {
    let index = nodes.count
    switch node.pointee.type {
    case XML_ELEMENT_NODE:
      nodes.append(
        HTMLNode(
          kind: .element, name: name(node.pointee.name), text: "",
          attributes: attributes(of: node), parent: parent, end: index + 1))
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      guard let content = node.pointee.content else { return nil }
      nodes.append(
        HTMLNode(
          kind: .text, name: "", text: String(cString: content), attributes: [],
          parent: parent, end: index + 1))
    default:
      return nil
    }
    return index
  }

  private mutating func attributes(of node: xmlNodePtr) -> [HTMLAttribute] {
    var result: [HTMLAttribute] = []
    var attribute = node.pointee.properties
    while let current = attribute {
      var value = ""
      var child = current.pointee.children
      while let text = child {
        if let content = text.pointee.content { value += String(cString: content) }
        child = text.pointee.next
      }
      result.append(HTMLAttribute(name: name(current.pointee.name), value: value))
      attribute = current.pointee.next
    }
    return result
  }

  private mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
    guard let pointer else { return "" }
    let key = UnsafeRawPointer(pointer)
    if let known = names[key] { return known }
    let value = String(cString: pointer).lowercased()
    names[key] = value
    return value
  }
}
