internal import CLibXML2
internal import DocumentDecoding

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why bytes could not be turned into a document.
public enum ParseError: Error, Sendable, CustomStringConvertible {
  /// libxml2 produced no document at all.
  case unparseable(reason: String)
  /// libxml2 is not installed: it is loaded on first use, not linked.
  case libraryMissing
  /// The page is larger than a parse may be (bytes, or elements and text nodes): holding it
  /// would take more memory than Redline allows itself.
  case tooLarge(what: String, limit: Int)

  /// One line a user can act on.
  public var description: String {
    switch self {
    case .unparseable(let reason): "cannot parse HTML: \(reason)"
    case .libraryMissing:
      "cannot parse HTML: libxml2 could not be loaded (install libxml2: apt-get install libxml2)"
    case .tooLarge(let what, let limit):
      "cannot parse HTML: the page has more than \(groupedDigits(limit)) \(what), the most Redline reads"
    }
  }
}

/// Parses HTML bytes with libxml2's HTML parser (recovering from errors, never touching the
/// network) and builds an `HTMLDocument` straight from its SAX events: libxml2 never builds a
/// tree of its own, so there is nothing to convert or free afterwards.
///
/// - Parameters:
///   - bytes: the page as received.
///   - encoding: the character set declared outside the document (HTTP `Content-Type`), if any;
///     without it libxml2 reads a BOM or `<meta charset>`.
///   - attributeLimit: the most attributes kept on one tag (libxml2 is quadratic in them).
///   - nodeLimit: the most elements and text nodes a document may have.
/// - Returns: the document; empty input gives a document with no children.
/// - Throws: `ParseError` when libxml2 gives up or is not installed, and
///   `ParseError.tooLarge` for input over `maximumInputBytes` or with more than `nodeLimit`
///   nodes (parsing stops there, so memory stays bounded whatever the page).
/// - Complexity: O(n) in the size of the input; the builder keeps its own stack of open
///   elements, so deep nesting cannot overflow the call stack.
public func parseHTML(
  _ bytes: [UInt8], encoding: String? = nil, attributeLimit: Int = maximumAttributesPerTag,
  nodeLimit: Int = maximumNodes
) throws -> HTMLDocument {
  try parseHTML(
    bytes, encoding: encoding, attributeLimit: attributeLimit, nodeLimit: nodeLimit,
    cuttingInput: true)
}

/// `parseHTML`, with the cutting of script and style contents and long attribute values
/// (`InputCuts`) switched off or on: the tests compare the two.
func parseHTML(
  _ bytes: [UInt8], encoding: String?, attributeLimit: Int, nodeLimit: Int, cuttingInput: Bool
) throws -> HTMLDocument {
  guard cxml_load() != 0 else { throw ParseError.libraryMissing }
  guard !bytes.isEmpty else { return TreeBuilder(nodeLimit: nodeLimit).state.finish() }
  guard bytes.count <= maximumInputBytes else {
    throw ParseError.tooLarge(what: "bytes", limit: maximumInputBytes)
  }
  let withoutNULs = removingNULs(bytes) ?? bytes
  let input = cappingAttributes(withoutNULs, limit: attributeLimit) ?? withoutNULs
  // Script and style contents and long attribute values skip libxml2 (`InputCuts`) when it
  // reads UTF-8 through a converter, which passes every byte on as it is; a cut it does not
  // confirm means a second parse of the page as it is.
  if cuttingInput, encoding?.lowercased() == "utf-8",
    let cuts = InputCuts(input, maximumCuts: nodeLimit),
    let document = try parseInput(
      cuts.input, encoding: encoding, nodeLimit: nodeLimit, cuts: (cuts, input))
  {
    return document
  }
  guard
    let document = try parseInput(input, encoding: encoding, nodeLimit: nodeLimit, cuts: nil)
  else { throw ParseError.unparseable(reason: "libxml2 stopped without a reason") }
  return document
}

/// The page parsed from input with its script and style contents and long attribute values
/// cut out (UTF-8 input); nil when there is nothing to cut or libxml2 did not confirm every
/// cut. For the tests.
func parseCuttingInput(_ bytes: [UInt8]) throws -> HTMLDocument? {
  guard cxml_load() != 0 else { throw ParseError.libraryMissing }
  guard let cuts = InputCuts(bytes) else { return nil }
  return try parseInput(cuts.input, encoding: "utf-8", nodeLimit: maximumNodes, cuts: (cuts, bytes))
}

/// Parses `input` with the SAX handler; nil when a cut was not where libxml2 opened its
/// element (or the node limit was reached with cuts, which the page as it is decides).
private func parseInput(
  _ input: [UInt8], encoding: String?, nodeLimit: Int,
  cuts: (cuts: InputCuts, original: [UInt8])?
) throws -> HTMLDocument? {
  let builder = TreeBuilder(nodeLimit: nodeLimit)
  builder.state.reserveCapacity(forInputOf: cuts?.original.count ?? input.count)
  if let cuts { builder.state.expect(cuts.cuts, in: cuts.original) }
  // What htmlReadMemory does, with our SAX handler in place of libxml2's tree builder.
  let context = input.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { chars in
      cxml_htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count))
    }
  }
  guard let context else {
    throw ParseError.unparseable(reason: "libxml2 could not create a parser")
  }
  defer { cxml_htmlFreeParserCtxt(context) }
  guard let handler = context.pointee.sax, let stream = context.pointee.input else {
    throw ParseError.unparseable(reason: "libxml2 created a parser without input or handler")
  }
  installCallbacks(in: handler)
  let options = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue)
  cxml_htmlCtxtUseOptions(context, options)
  context.pointee.html = 1
  // htmlReadMemory starts from an XML parser context, which reads undeclared input as UTF-8
  // (a BOM or <meta charset> still switches); an HTML context would guess Latin-1.
  context.pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
  if let encoding, let converter = cxml_xmlFindCharEncodingHandler(encoding) {
    cxml_xmlSwitchToEncoding(context, converter)
    // A declared encoding outranks <meta charset>: libxml2 skips the meta once this is set.
    if let previous = stream.pointee.encoding {
      cxml_free(UnsafeMutableRawPointer(mutating: previous))
    }
    stream.pointee.encoding = UnsafePointer(cxml_xmlStrdup(encoding))
  }
  withExtendedLifetime((builder, input)) {
    context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
    cxml_htmlParseDocument(context)
    // The callbacks build no libxml2 document; free one should a future libxml2 make it anyway.
    if let document = context.pointee.myDoc {
      cxml_xmlFreeDoc(document)
      context.pointee.myDoc = nil
    }
    context.pointee._private = nil
  }
  guard !builder.state.isOverLimit else {
    // With every cut before the limit confirmed, the page as it is reaches it at the same node.
    if cuts != nil && !builder.state.confirmedBeforeLimit { return nil }
    throw ParseError.tooLarge(what: "elements and text nodes", limit: nodeLimit)
  }
  if cuts != nil && !builder.state.confirmedEveryCut { return nil }
  return builder.state.finish()
}

/// The largest page `parseHTML` reads: 256 MiB. Prose costs about five times its size to parse
/// and extract, so the largest page stays under Redline's 1 GiB of memory per page, and every
/// text offset (at most three bytes of repaired UTF-8 per input byte) fits a node's 32 bits.
public let maximumInputBytes = 256 << 20

/// The most elements and text nodes `parseHTML` builds: 2,000,000. Real pages have a node per
/// 20 or more bytes (the largest in the test corpus, 1.6 MB, about 50,000 nodes); a page built
/// of a tag every few bytes would otherwise cost hundreds of bytes of memory per input byte
/// across parsing and extraction. At this limit the node array is 48 MB.
public let maximumNodes = 2_000_000

/// 1234567 as "1,234,567".
private func groupedDigits(_ number: Int) -> String {
  var digits = Array(String(number))
  var index = digits.count - 3
  while index > 0 {
    digits.insert(",", at: index)
    index -= 3
  }
  return String(digits)
}

/// Points the parser's SAX handler at the tree builder. Callbacks that would build libxml2's
/// own document (start of document, DTDs, entity declarations) are switched off; whitespace the
/// parser calls ignorable is dropped, as libxml2's own tree builder drops it.
private func installCallbacks(in handler: UnsafeMutablePointer<htmlSAXHandler>) {
  handler.pointee.internalSubset = nil
  handler.pointee.externalSubset = nil
  handler.pointee.entityDecl = nil
  handler.pointee.attributeDecl = nil
  handler.pointee.elementDecl = nil
  handler.pointee.notationDecl = nil
  handler.pointee.unparsedEntityDecl = nil
  handler.pointee.setDocumentLocator = nil
  handler.pointee.startDocument = nil
  handler.pointee.endDocument = nil
  handler.pointee.reference = nil
  handler.pointee.ignorableWhitespace = nil
  handler.pointee.startElementNs = nil
  handler.pointee.endElementNs = nil
  handler.pointee.startElement = { context, name, attributes in
    TreeBuilder.with(context) { builder in
      // libxml2 stands at the start tag's end: its `>`, or the `/` of `/>`.
      builder.state.startElement(
        name, attributes, endingAt: inputOffset(context, builder))
      if builder.state.isOverLimit && builder.state.stoppedAt == nil {
        builder.state.stoppedAt = inputOffset(context, builder)
      }
      if builder.state.isOverLimit || builder.state.cutMismatch {
        cxml_xmlStopParser(context?.assumingMemoryBound(to: xmlParserCtxt.self))
      }
    }
  }
  handler.pointee.endElement = { context, _ in
    TreeBuilder.with(context) { $0.state.endElement() }
  }
  handler.pointee.characters = { context, characters, length in
    TreeBuilder.with(context) { builder in
      builder.state.appendText(characters, Int(length), endingAt: inputOffset(context, builder))
      if builder.state.cutMismatch {
        cxml_xmlStopParser(context?.assumingMemoryBound(to: xmlParserCtxt.self))
      }
    }
  }
  handler.pointee.cdataBlock = { context, characters, length in
    TreeBuilder.with(context) { builder in
      builder.state.appendText(characters, Int(length), endingAt: inputOffset(context, builder))
      if builder.state.cutMismatch {
        cxml_xmlStopParser(context?.assumingMemoryBound(to: xmlParserCtxt.self))
      }
    }
  }
  // libxml2 2.9 ignores an end tag that would close a `<div>` (or a table part) opened inside
  // the element it ends (`<button><div>…</button>`), so the rest of the page stays inside the
  // button. It reports that end tag as a mismatch; the builder closes the element as a browser
  // does. The structured-error callback is read only from a handler marked as SAX2's.
  handler.pointee.initialized = UInt32(XML_SAX2_MAGIC)
  handler.pointee.serror = { context, error in
    guard let error, error.pointee.domain == Int32(XML_FROM_HTML.rawValue),
      error.pointee.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue),
      let name = error.pointee.str1
    else { return }
    TreeBuilder.with(context) { $0.state.closeMisnested(name) }
  }
  // Comments and processing instructions are nodes in libxml2's tree: they end a text node.
  handler.pointee.comment = { context, _ in
    TreeBuilder.with(context) { $0.state.flushText() }
  }
  handler.pointee.processingInstruction = { context, _, _ in
    TreeBuilder.with(context) { $0.state.flushText() }
  }
}

/// Where libxml2 stands in its input, while a cut is left to match (-1 when none is).
private func inputOffset(_ context: UnsafeMutableRawPointer?, _ builder: TreeBuilder) -> Int {
  guard builder.state.nextCutPosition != Int.max,
    let input = context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee.input,
    let current = input.pointee.cur, let base = input.pointee.base
  else { return -1 }
  return Int(input.pointee.consumed) + (current - base)
}

/// The parser's handle on the tree being built.
private final class TreeBuilder {
  /// Not checked for exclusive access at run time (a check per SAX event was a few percent of
  /// extraction): libxml2 calls back on the parsing thread, one event at a time, and no event
  /// re-enters the parser, so no two accesses ever overlap.
  @exclusivity(unchecked) var state: TreeState

  init(nodeLimit: Int) { state = TreeState(nodeLimit: nodeLimit) }

  /// Runs `body` on the builder of the parser whose SAX callback received `context`, without
  /// retaining it: `parseHTML` keeps the builder alive for the whole parse, and a retain and a
  /// release per SAX event showed in extraction's profile.
  static func with(_ context: UnsafeMutableRawPointer?, _ body: (TreeBuilder) -> Void) {
    guard let context,
      let builder = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private
    else { return }
    Unmanaged<TreeBuilder>.fromOpaque(builder)._withUnsafeGuaranteedRef(body)
  }
}

/// Builds the node array from SAX events: elements get their subtree end when they close,
/// adjacent character events become one text node. Text and attribute values are appended to
/// one byte buffer, so no event allocates a string.
private struct TreeState {
  private var nodes: [HTMLNode] = [HTMLNode(kind: .document, parent: -1, end: 0)]
  /// Indices of the open elements, innermost last (32 bits each: a page of a million unclosed
  /// tags keeps a million of them).
  private var open: [Int32] = []
  /// The elements libxml2 has open, innermost last: the same as `open` until the builder closes
  /// a mis-nested element that libxml2 keeps open. Those stay here as `-index - 1`, and their
  /// later end events close nothing.
  private var libxml2Open: [Int32] = []
  /// Text and attribute values; each node's or value's bytes are well-formed UTF-8.
  private var utf8: [UInt8] = []
  /// Where the text of consecutive character events not yet made a node starts in `utf8`.
  private var pendingText: Int?
  private var attributeSpans: [HTMLAttributeSpan] = []
  private var tagNames = NameTable()
  private var attributeNames = NameTable()
  /// The tag ids of `<html>` and `<body>`, once the page has used them.
  private var htmlTag: Int?
  private var bodyTag: Int?
  /// The tags with parts cut out of libxml2's input (`InputCuts`), their values, the input
  /// they lie in, and the next one libxml2 must open an element for.
  private var cuts: [InputCuts.Cut] = []
  private var cutValues: [InputCuts.Value] = []
  private var original: [UInt8] = []
  private var nextCut = 0
  /// Where the next cut's start tag ends in libxml2's input; `Int.max` when none is left.
  private(set) var nextCutPosition = Int.max
  /// Whether libxml2 opened no element where a cut says, or not the one it says.
  private(set) var cutMismatch = false
  /// The most nodes to build; past it every event is ignored and the parser is stopped.
  private let nodeLimit: Int
  /// Whether the page had more nodes than `nodeLimit`.
  private(set) var isOverLimit = false

  init(nodeLimit: Int) { self.nodeLimit = nodeLimit }

  private var parent: Int { open.last.map(Int.init) ?? 0 }

  /// Room for a page of this size, so the buffers never grow by copying: text and values are
  /// at most about the input's size, and a node takes at least two bytes of input (an element
  /// three: `<b>`). Reserving is not touching: the kernel gives a page of memory only when it is
  /// written, so a real page (a node per 20 or more bytes) costs no more than the nodes it has,
  /// while a page of a tag every few bytes is spared the copies of a growing array (with the
  /// old buffers kept for reuse, they had doubled its memory).
  mutating func reserveCapacity(forInputOf count: Int) {
    utf8.reserveCapacity(count)
    nodes.reserveCapacity(min(count / 2, nodeLimit) + 2)
    open.reserveCapacity(min(count / 3, nodeLimit) + 2)
    libxml2Open.reserveCapacity(min(count / 3, nodeLimit) + 2)
  }

  /// An element libxml2 opens; `offset` is where its start tag ends in libxml2's input (-1
  /// when no cut is left to match).
  mutating func startElement(
    _ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    endingAt offset: Int
  ) {
    flushText()
    guard nodes.count < nodeLimit else {
      isOverLimit = true
      return
    }
    let index = nodes.count
    let knownNames = tagNames.names.count
    let tag = tagNames.id(name)
    if tagNames.names.count > knownNames {
      if tagNames.names[tag] == "html" { htmlTag = tag }
      if tagNames.names[tag] == "body" { bodyTag = tag }
    }
    // After `</body></html>`, libxml2 opens a second `<html>` for what follows; a browser puts
    // it in the body (which `endElement` keeps open). Its end event then closes nothing.
    if tag == htmlTag, open.contains(where: { nodes[Int($0)].tag == tag }) {
      libxml2Open.append(-1)
      return
    }
    let cut = offset >= nextCutPosition ? matchCut(at: offset, name, attributes) : nil
    let firstSpan = attributeSpans.count
    appendAttributes(attributes, restoring: cut?.values ?? 0..<0)
    nodes.append(
      HTMLNode(
        kind: .element, tag: tag, parent: parent, end: index + 1,
        contents: firstSpan..<attributeSpans.count))
    open.append(Int32(truncatingIfNeeded: index))
    libxml2Open.append(Int32(truncatingIfNeeded: index))
    // A cut content becomes the element's text, as libxml2's raw-text events would have made it.
    if let cut, !cut.content.isEmpty {
      let start = utf8.count
      appendCut(cut)
      if utf8.count > start && pendingText == nil { pendingText = start }
    }
  }

  /// Expects libxml2 to open an element at each cut's position, in order.
  mutating func expect(_ cuts: InputCuts, in original: [UInt8]) {
    self.cuts = cuts.cuts
    self.cutValues = cuts.values
    self.original = original
    nextCutPosition = self.cuts.first?.position ?? Int.max
  }

  /// Whether every cut was matched and none failed.
  var confirmedEveryCut: Bool { !cutMismatch && nextCut == cuts.count }

  /// Where libxml2 stood when the builder stopped it at the node limit (-1 when no cut was
  /// left to match).
  var stoppedAt: Int?

  /// Whether every cut before the place where the builder stopped libxml2 at the node limit
  /// was matched (past the limit, events are ignored and no cut is matched).
  var confirmedBeforeLimit: Bool {
    guard let stoppedAt, !cutMismatch else { return false }
    return nextCutPosition >= stoppedAt
  }

  /// The next cut, when the element libxml2 opens with a start tag that ends at `offset` of its
  /// input is the cut's: the same name, and for cut values, as many attributes with an empty
  /// value named as each cut one. Past the cut's position, or at it with other attributes, the
  /// cut was never confirmed.
  private mutating func matchCut(
    at offset: Int, _ name: UnsafePointer<xmlChar>?,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) -> InputCuts.Cut? {
    let cut = cuts[nextCut]
    guard offset == cut.position else {
      cutMismatch = true
      return nil
    }
    // A text's cut is confirmed by its text, which may come after a paragraph libxml2 implies
    // for it at the same place.
    guard !cut.isText else { return nil }
    // Elements libxml2 implies (`<html>`, `<head>`, `<body>`) open at the same place, before
    // it, under other names.
    guard let name, equalsLowercased(name, cut.name) else { return nil }
    if !cut.values.isEmpty {
      var count = 0
      while attributes?[2 * count] != nil { count += 1 }
      let confirmed =
        count == cut.attributeCount
        && cutValues[cut.values].allSatisfy { value in
          guard let attributes, let name = attributes[2 * value.attribute],
            let libxml2Value = attributes[2 * value.attribute + 1]
          else { return false }
          return libxml2Value.pointee == 0 && equalsLowercased(name, value.name)
        }
      guard confirmed else {
        cutMismatch = true
        return nil
      }
    }
    nextCut += 1
    nextCutPosition = nextCut < cuts.count ? cuts[nextCut].position : Int.max
    return cut
  }

  /// Whether libxml2's name (lower case, NUL-terminated) is these bytes of the original input
  /// in lower case.
  private func equalsLowercased(_ name: UnsafePointer<xmlChar>, _ bytes: Range<Int>) -> Bool {
    var offset = 0
    for byte in original[bytes] {
      let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
      guard name[offset] == lower else { return false }
      offset += 1
    }
    return name[offset] == 0
  }

  mutating func endElement() {
    flushText()
    guard let closed = libxml2Open.popLast(), closed >= 0, let last = open.last else { return }
    // As in a browser, `</body>` and `</html>` close nothing: content after them (pages that
    // print their post after the footer's `</html>`) is in the body. `finish` closes them.
    let tag = nodes[Int(last)].tag
    guard tag != bodyTag && tag != htmlTag else { return }
    open.removeLast()
    nodes[Int(last)].end = nodes.count
  }

  /// An end tag libxml2 did not apply: as HTML5 tree construction does for the end tag of a
  /// block element (`</button>`, `</nav>`, `</section>`, …), the innermost open element of that
  /// name is closed with everything opened inside it, unless a table cell or another scope
  /// boundary stands between. End tags of inline elements are left as libxml2 left them.
  mutating func closeMisnested(_ name: UnsafePointer<CChar>) {
    guard let tag = tagNames.existingID(named: name),
      HTMLParsingRules.blockEndTags.contains(tagNames.names[tag])
    else { return }
    var position = open.count - 1
    while position >= 0 {
      let nodeTag = nodes[Int(open[position])].tag
      if nodeTag == tag { break }
      if HTMLParsingRules.scopeBoundaries.contains(tagNames.names[nodeTag]) { return }
      position -= 1
    }
    guard position >= 0 else { return }
    flushText()
    let first = open[position]
    for index in open[position...] { nodes[Int(index)].end = nodes.count }
    open.removeSubrange(position...)
    var mirror = libxml2Open.count - 1
    while mirror >= 0 && (libxml2Open[mirror] < 0 || libxml2Open[mirror] >= first) {
      if libxml2Open[mirror] >= 0 { libxml2Open[mirror] = -libxml2Open[mirror] - 1 }
      mirror -= 1
    }
  }

  /// Text libxml2 passes, which ends at `offset` of its input (-1 when no cut is left to
  /// match). At a text cut's position, the text's cut end follows.
  mutating func appendText(
    _ characters: UnsafePointer<xmlChar>?, _ length: Int, endingAt offset: Int
  ) {
    guard let characters, length > 0, !isOverLimit else { return }
    if pendingText == nil { pendingText = utf8.count }
    utf8.append(contentsOf: UnsafeBufferPointer(start: characters, count: length))
    guard offset >= nextCutPosition else { return }
    let cut = cuts[nextCut]
    guard offset == cut.position else {
      cutMismatch = true
      return
    }
    // A start tag's cut is confirmed by its element; this text must end with the character
    // kept before the cut.
    guard cut.isText else { return }
    guard characters[length - 1] == original[cut.content.lowerBound - 1] else {
      cutMismatch = true
      return
    }
    nextCut += 1
    nextCutPosition = nextCut < cuts.count ? cuts[nextCut].position : Int.max
    appendCut(cut)
  }

  /// A cut content or text, appended as libxml2 would have passed it.
  private mutating func appendCut(_ cut: InputCuts.Cut) {
    original.withUnsafeBufferPointer { bytes in
      let content = UnsafeBufferPointer(rebasing: bytes[cut.content])
      if cut.dropsCharacters {
        appendRawText(content, to: &utf8)
      } else {
        utf8.append(contentsOf: content)
      }
    }
  }

  mutating func flushText() {
    guard let start = pendingText else { return }
    pendingText = nil
    guard nodes.count < nodeLimit else {
      isOverLimit = true
      utf8.removeSubrange(start...)
      return
    }
    repairUTF8(from: start)
    let index = nodes.count
    nodes.append(
      HTMLNode(kind: .text, parent: parent, end: index + 1, contents: start..<utf8.count))
  }

  /// The finished document: elements libxml2 left open are closed at the end of the input.
  mutating func finish() -> HTMLDocument {
    flushText()
    while let index = open.popLast().map(Int.init) { nodes[index].end = nodes.count }
    nodes[0].end = nodes.count
    return HTMLDocument(
      nodes: nodes, tagNames: tagNames.names, attributeNames: attributeNames.names,
      attributeSpans: attributeSpans, utf8: utf8)
  }

  /// Appends an element's attributes; the `restoring` range of `cutValues` are values cut out
  /// of libxml2's input, which take the place of the empty ones libxml2 read.
  private mutating func appendAttributes(
    _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, restoring restored: Range<Int>
  ) {
    guard let pairs else { return }
    var position = 0
    var nextRestored = restored.lowerBound
    while let attributeName = pairs[position] {
      let start = utf8.count
      if nextRestored < restored.upperBound && cutValues[nextRestored].attribute == position / 2 {
        // Checked well-formed when it was cut.
        utf8.append(contentsOf: original[cutValues[nextRestored].value])
        nextRestored += 1
      } else if let value = pairs[position + 1] {
        utf8.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(value)))
        repairUTF8(from: start)
      }
      attributeSpans.append(
        HTMLAttributeSpan(name: attributeNames.id(attributeName), value: start..<utf8.count))
      position += 2
    }
  }

  /// Makes `utf8[start...]` well-formed, replacing what is not as `String(decoding:as:)` does.
  private mutating func repairUTF8(from start: Int) {
    let valid = utf8.withUnsafeBufferPointer { buffer in
      isWellFormedUTF8(UnsafeBufferPointer(rebasing: buffer[start...]))
    }
    guard !valid else { return }
    let repaired = String(decoding: utf8[start...], as: UTF8.self)
    utf8.removeSubrange(start...)
    utf8.append(contentsOf: repaired.utf8)
  }
}

/// Interns the lower-case names libxml2 passes: an id per distinct name, with "" as id 0.
/// libxml2 keeps names in a dictionary, so one pointer is one name; it also passes literals
/// for implied elements, so a new pointer is looked up by its spelling.
private struct NameTable {
  private(set) var names = [""]
  private var idsByPointer: [UnsafeRawPointer: Int] = [:]
  private var idsByName: [String: Int] = ["": 0]

  /// Recently seen pointers and their ids, by a few bits of the pointer: most lookups end
  /// here, without hashing.
  private var recentPointers = [UnsafeRawPointer?](repeating: nil, count: recentSlots)
  private var recentIDs = [Int](repeating: 0, count: recentSlots)
  private static let recentSlots = 128

  /// The id of a name already seen, spelled in lower case.
  func existingID(named name: UnsafePointer<CChar>) -> Int? {
    idsByName[String(cString: name).lowercased()]
  }

  mutating func id(_ pointer: UnsafePointer<xmlChar>?) -> Int {
    guard let pointer else { return 0 }
    let key = UnsafeRawPointer(pointer)
    let slot = Int(bitPattern: UInt(bitPattern: key) >> 3) & (Self.recentSlots - 1)
    if recentPointers[slot] == key { return recentIDs[slot] }
    let id = lookUp(key)
    recentPointers[slot] = key
    recentIDs[slot] = id
    return id
  }

  private mutating func lookUp(_ key: UnsafeRawPointer) -> Int {
    if let known = idsByPointer[key] { return known }
    let pointer = key.assumingMemoryBound(to: xmlChar.self)
    let spelled = String(cString: pointer).lowercased()
    let id =
      idsByName[spelled]
      ?? {
        names.append(spelled)
        idsByName[spelled] = names.count - 1
        return names.count - 1
      }()
    idsByPointer[key] = id
    return id
  }
}

/// What the tree builder does where libxml2 2.9 and browsers build different trees.
enum HTMLParsingRules {
  /// End tags that close the innermost open element of their name with everything inside it,
  /// as HTML5 tree construction says for the end tags of block elements; libxml2 ignores them
  /// when a `<div>` opened inside is still open.
  static let blockEndTags: Set<String> = [
    "address", "article", "aside", "blockquote", "button", "center", "details", "dialog", "dir",
    "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing",
    "main", "menu", "nav", "ol", "pre", "section", "summary", "ul", "form", "li", "dd", "dt",
  ]
  /// Elements an end tag does not reach past ("has an element in scope"): an end tag inside a
  /// table cell does not close what is open outside the table.
  static let scopeBoundaries: Set<String> = [
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
  ]
}
