internal import CLibXML2

/// Why a selector could not be used.
public enum SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The XPath expression does not compile.
  case invalidXPath(String)
  /// The expression selects no element of the page.
  case noMatch(String)
  /// libxml2 could not be loaded or gave no document.
  case unavailable(String)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .invalidXPath(let expression): "XPath '\(expression)' does not parse"
    case .noMatch(let expression): "the selector '\(expression)' matches nothing in the page"
    case .unavailable(let reason): "cannot select elements: \(reason)"
    }
  }
}

/// Checks that an XPath expression compiles, with libxml2's own XPath compiler.
/// - Throws: `SelectorError.invalidXPath`.
public func validateXPath(_ expression: String) throws(SelectorError) {
  guard cxml_load() != 0 else { throw .unavailable("libxml2 is not installed") }
  guard let context = cxml_xmlXPathNewContext(nil) else {
    throw .unavailable("libxml2 gave no XPath context")
  }
  defer { cxml_xmlXPathFreeContext(context) }
  silenceErrors(of: context)
  guard let compiled = compile(expression, in: context) else {
    throw .invalidXPath(expression)
  }
  cxml_xmlXPathFreeCompExpr(compiled)
}

/// The page reduced to the elements an XPath expression selects: a document whose `<head>` is
/// the page's (title, dates and other metadata stay) and whose `<body>` holds the selected
/// elements' HTML in document order. Extraction of that document is the article the user
/// named.
/// - Parameters:
///   - utf8: the page, decoded to UTF-8.
///   - xpath: the expression; elements it selects are kept (other node kinds are skipped).
/// - Returns: the reduced page, UTF-8.
/// - Throws: `SelectorError`: an expression that does not compile or selects no element.
public func selectedArticleHTML(_ utf8: [UInt8], xpath: String) throws(SelectorError) -> [UInt8] {
  guard cxml_load() != 0 else { throw .unavailable("libxml2 is not installed") }
  let input = removingNULs(utf8) ?? utf8
  guard input.count <= maximumInputBytes, !input.isEmpty else { throw .noMatch(xpath) }
  let options = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
  let parsed = input.withUnsafeBufferPointer { buffer in
    buffer.baseAddress.map { base in
      base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        cxml_htmlReadMemory($0, Int32(buffer.count), nil, "utf-8", options)
      }
    } ?? nil
  }
  guard let document = parsed else { throw .unavailable("libxml2 gave no document") }
  defer { cxml_xmlFreeDoc(document) }
  guard let context = cxml_xmlXPathNewContext(document) else {
    throw .unavailable("libxml2 gave no XPath context")
  }
  defer { cxml_xmlXPathFreeContext(context) }
  silenceErrors(of: context)
  guard let compiled = compile(xpath, in: context) else { throw .invalidXPath(xpath) }
  defer { cxml_xmlXPathFreeCompExpr(compiled) }
  guard let result = cxml_xmlXPathCompiledEval(compiled, context) else {
    throw .invalidXPath(xpath)
  }
  defer { cxml_xmlXPathFreeObject(result) }
  var elements: [xmlNodePtr] = []
  if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
    for index in 0..<Int(set.pointee.nodeNr) {
      if let node = table[index], node.pointee.type == XML_ELEMENT_NODE {
        elements.append(node)
      }
    }
  }
  guard !elements.isEmpty else { throw .noMatch(xpath) }
  var output = Array("<!DOCTYPE html>\n<html>".utf8)
  if let root = cxml_xmlDocGetRootElement(document) {
    var child = root.pointee.children
    while let node = child {
      if node.pointee.type == XML_ELEMENT_NODE, name(of: node) == "head" {
        output += dump(node, in: document)
        break
      }
      child = node.pointee.next
    }
  }
  output += Array("<body>".utf8)
  for element in elements { output += dump(element, in: document) }
  output += Array("</body></html>\n".utf8)
  return output
}

/// Compile errors go to this context's own callback, which drops them: libxml2 would print
/// them on standard error otherwise (the thrown error says it instead).
private func silenceErrors(of context: xmlXPathContextPtr) {
  context.pointee.error = { _, _ in }
}

private func compile(_ expression: String, in context: xmlXPathContextPtr) -> xmlXPathCompExprPtr? {
  guard !expression.utf8.contains(0) else { return nil }
  return expression.withCString { text in
    text.withMemoryRebound(to: xmlChar.self, capacity: expression.utf8.count + 1) {
      cxml_xmlXPathCtxtCompile(context, $0)
    }
  }
}

private func name(of node: xmlNodePtr) -> String {
  node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
}

/// The outer HTML of a node, as libxml2's HTML serializer writes it.
private func dump(_ node: xmlNodePtr, in document: xmlDocPtr) -> [UInt8] {
  guard let buffer = cxml_xmlBufferCreate() else { return [] }
  defer { cxml_xmlBufferFree(buffer) }
  _ = cxml_htmlNodeDump(buffer, document, node)
  let length = Int(cxml_xmlBufferLength(buffer))
  guard length > 0, let content = cxml_xmlBufferContent(buffer) else { return [] }
  return Array(UnsafeBufferPointer(start: content, count: length))
}
