import HTMLParsing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The classes of every element of a page in one array, so an element's classes cost no
/// allocation of their own.
///
/// Each distinct class name of the page is made a string once and given an id; the rule sets
/// that whole class names are looked up in (`ClassFlags`) are asked once per distinct name,
/// not at every element, and each element keeps the union of its classes' flags.
struct ClassTable {
  /// The classes of every element, element by element (one shared string per distinct name).
  private var names: [String] = []
  /// The distinct-name id of each entry of `names`.
  private var ids: [Int32] = []
  /// Where each node's classes start and end in `names` (both 0 for a node without classes).
  /// Empty until the first class is added: a page without classes costs nothing here.
  private var starts = NodeCounts(repeating: 0, count: 0)
  private var ends = NodeCounts(repeating: 0, count: 0)
  /// The union of the flags of each node's classes (empty until the first class is added).
  private var nodeFlags: [ClassFlags] = []
  /// The union of the flags of every class of the page.
  private(set) var pageFlags: ClassFlags = []
  /// The page's distinct class names.
  private var distinct = DistinctClassNames()
  private let nodeCount: Int

  init(nodeCount: Int) {
    self.nodeCount = nodeCount
  }

  /// The positions in `names` of node `index`'s classes.
  private func range(_ index: Int) -> Range<Int> {
    names.isEmpty ? 0..<0 : starts[index]..<ends[index]
  }

  /// The classes of node `index`, in source order (none for nodes that are not elements).
  subscript(index: Int) -> ArraySlice<String> { names[range(index)] }

  /// Whether node `index` has this class (without making a slice of the table).
  func contains(_ name: String, at index: Int) -> Bool {
    for position in range(index) where names[position] == name { return true }
    return false
  }

  /// Whether one of node `index`'s classes is in the rule set `flag` stands for.
  func has(_ flag: ClassFlags, at index: Int) -> Bool {
    !nodeFlags.isEmpty && nodeFlags[index].contains(flag)
  }

  /// The id of a class name on this page, for `contains(id:at:)`: nil when no element has a
  /// class equal to it. Found by its bytes; only on a page whose class names are all ASCII,
  /// where equal bytes and equal strings are the same thing (`isResolvable`).
  func id(of name: String) -> Int32? {
    var name = name
    return name.withUTF8 { distinct.id(of: $0) }.map(Int32.init)
  }

  /// Whether `id(of:)` answers for this page: every class name is ASCII, so no two different
  /// byte sequences are equal strings (Unicode canonical equivalence, `K` and the Kelvin sign).
  var isResolvable: Bool { !distinct.hasNonASCII }

  /// Whether node `index` has the class with this id (`id(of:)`).
  func contains(id: Int32, at index: Int) -> Bool {
    for position in range(index) where ids[position] == id { return true }
    return false
  }

  /// Records the classes of element `index` from its `class` value: the value split on white
  /// space (bytes up to 0x20), as `appendClassNames` splits it. Returns the union of the
  /// names' word marks (`WordMarks(className:)`), worked out once per distinct name.
  @discardableResult
  mutating func add(classValue: UnsafeBufferPointer<UInt8>, of index: Int) -> WordMarks {
    if starts.isEmpty {
      starts = NodeCounts(repeating: 0, count: nodeCount)
      ends = NodeCounts(repeating: 0, count: nodeCount)
      nodeFlags = Array(repeating: [], count: nodeCount)
    }
    starts[index] = names.count
    var flags: ClassFlags = []
    var marks: WordMarks = []
    forEachASCIIWord(in: classValue, separatedBy: { $0 <= 0x20 }) { word in
      let id = distinct.insert(word)
      names.append(distinct.names[id])
      ids.append(Int32(truncatingIfNeeded: id))
      flags.formUnion(distinct.flags[id])
      marks.formUnion(distinct.marks[id])
    }
    nodeFlags[index] = flags
    pageFlags.formUnion(flags)
    ends[index] = names.count
    return marks
  }
}

/// The rule sets of whole class names that extraction asks about every element.
struct ClassFlags: OptionSet, Sendable {
  let rawValue: UInt8

  /// `BoilerplateRules.hiddenClasses`.
  static let hidden = ClassFlags(rawValue: 1 << 0)
  /// `BoilerplateRules.negativeClasses`.
  static let negative = ClassFlags(rawValue: 1 << 1)
  /// `PluginChromeRules.classNames`.
  static let pluginChrome = ClassFlags(rawValue: 1 << 2)
  /// `namesBiography`: a biography's class (`author-bio`).
  static let biography = ClassFlags(rawValue: 1 << 3)
  /// `BoilerplateRules.sidebarNames`.
  static let sidebar = ClassFlags(rawValue: 1 << 4)
  /// `CaptionRules.classNames`.
  static let caption = ClassFlags(rawValue: 1 << 5)
  /// `ScoringRules.galleryClasses`.
  static let gallery = ClassFlags(rawValue: 1 << 6)
  /// `namesDescription`: a class with a word of `BoilerplateRules.descriptionWords`.
  static let description = ClassFlags(rawValue: 1 << 7)

  init(rawValue: UInt8) {
    self.rawValue = rawValue
  }

  /// The sets one class name is in.
  init(name: String) {
    var flags = Self.setsByName[name] ?? []
    if namesBiography(name) { flags.insert(.biography) }
    if namesDescription(name) { flags.insert(.description) }
    self = flags
  }

  /// Every name of the sets with the flags of the sets it is in: one lookup per name.
  private static let setsByName: [String: ClassFlags] = {
    var table: [String: ClassFlags] = [:]
    let sets: [(Set<String>, ClassFlags)] = [
      (BoilerplateRules.hiddenClasses, .hidden), (BoilerplateRules.negativeClasses, .negative),
      (PluginChromeRules.classNames, .pluginChrome), (BoilerplateRules.sidebarNames, .sidebar),
      (CaptionRules.classNames, .caption), (ScoringRules.galleryClasses, .gallery),
    ]
    for (names, flag) in sets {
      for name in names { table[name, default: []].insert(flag) }
    }
    return table
  }()
}

/// The distinct class names of a page, found by their bytes in an open-addressing table (an
/// FNV-1a hash), so that a class seen before costs no string and no hashing of one.
private struct DistinctClassNames {
  /// Each distinct name, with its flags and its words' marks.
  private(set) var names: [String] = []
  private(set) var flags: [ClassFlags] = []
  private(set) var marks: [WordMarks] = []
  /// Whether some name has a byte outside ASCII.
  private(set) var hasNonASCII = false
  /// The names' bytes back to back, and where each starts.
  private var bytes: [UInt8] = []
  private var offsets: [Int] = []
  /// Per slot, the id of the name there plus one; 0 for an empty slot.
  private var slots: [Int32] = []

  /// The id of these bytes, adding them as a new name when they are new.
  mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Int {
    if slots.isEmpty { slots = Array(repeating: 0, count: 256) }
    let hash = Self.hash(word)
    var slot = hash & (slots.count - 1)
    while slots[slot] != 0 {
      let id = Int(slots[slot]) - 1
      if equals(id, word) { return id }
      slot = (slot + 1) & (slots.count - 1)
    }
    let id = names.count
    let name = String(decoding: word, as: UTF8.self)
    names.append(name)
    flags.append(ClassFlags(name: name))
    marks.append(WordMarks(className: word))
    if word.contains(where: { $0 >= 0x80 }) { hasNonASCII = true }
    offsets.append(bytes.count)
    bytes.append(contentsOf: word)
    slots[slot] = Int32(truncatingIfNeeded: id + 1)
    if names.count * 2 > slots.count { grow() }
    return id
  }

  /// The id of these bytes, nil when no name has them.
  func id(of word: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !slots.isEmpty else { return nil }
    var slot = Self.hash(word) & (slots.count - 1)
    while slots[slot] != 0 {
      let id = Int(slots[slot]) - 1
      if equals(id, word) { return id }
      slot = (slot + 1) & (slots.count - 1)
    }
    return nil
  }

  private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = offsets[id]
    let end = id + 1 < offsets.count ? offsets[id + 1] : bytes.count
    guard end - start == word.count else { return false }
    return bytes.withUnsafeBufferPointer { stored in
      guard let storedBase = stored.baseAddress, let wordBase = word.baseAddress else {
        return word.isEmpty
      }
      return memcmp(storedBase + start, wordBase, word.count) == 0
    }
  }

  private mutating func grow() {
    var larger = [Int32](repeating: 0, count: slots.count * 2)
    for id in names.indices {
      let start = offsets[id]
      let end = id + 1 < offsets.count ? offsets[id + 1] : bytes.count
      let hash = bytes.withUnsafeBufferPointer {
        Self.hash(UnsafeBufferPointer(rebasing: $0[start..<end]))
      }
      var slot = hash & (larger.count - 1)
      while larger[slot] != 0 { slot = (slot + 1) & (larger.count - 1) }
      larger[slot] = Int32(truncatingIfNeeded: id + 1)
    }
    slots = larger
  }

  private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in word { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash)
  }
}

/// A rule pattern with its class looked up once among a page's classes: matching it then
/// compares ids, and a class no element of the page has matches nothing without a look.
enum ResolvedPattern {
  /// A class pattern whose class no element has.
  case never
  /// `.className`, by the class's id.
  case classID(Int32)
  /// `.tagWithClass`, by the class's id.
  case tagWithClassID(String, Int32)
  /// `.id` and `.attribute`, by the attribute name's id: the first such attribute's value
  /// equals the string.
  case attributeValue(Int, String)
  /// `.itemprop`, by the attribute name's id: the first `itemprop` lists the property.
  case itemprop(Int, String)
  /// `.holderOfClass`, by the one element it matches on the page.
  case element(Int)
  /// Any other pattern, or a class pattern on a page whose classes cannot be resolved.
  case other(ElementPattern)

  /// The pattern resolved against the page's classes and attribute names.
  init(_ pattern: ElementPattern, classes: ClassTable, document: HTMLDocument) {
    switch pattern {
    case .className(let name) where classes.isResolvable:
      self = classes.id(of: name).map(Self.classID) ?? .never
    case .tagWithClass(let tag, let name) where classes.isResolvable:
      self = classes.id(of: name).map { .tagWithClassID(tag, $0) } ?? .never
    case .id(let value):
      self = document.attributeNameID("id").map { .attributeValue($0, value) } ?? .never
    case .attribute(let name, let value):
      self = document.attributeNameID(name).map { .attributeValue($0, value) } ?? .never
    case .itemprop(let property):
      self = document.attributeNameID("itemprop").map { .itemprop($0, property) } ?? .never
    case .holderOfClass(let name):
      self = classHolder(name, classes: classes, document: document).map(Self.element) ?? .never
    default: self = .other(pattern)
    }
  }

  /// Whether the pattern can match some element of the page.
  var isPossible: Bool {
    if case .never = self { return false }
    return true
  }

  /// Whether element `index` matches, as `ElementPattern.matches` answers.
  func matches(_ index: Int, in document: HTMLDocument, classes: ClassTable) -> Bool {
    switch self {
    case .never: false
    case .classID(let id): classes.contains(id: id, at: index)
    case .tagWithClassID(let tag, let id):
      classes.contains(id: id, at: index) && document.name(of: index) == tag
    case .attributeValue(let name, let value):
      firstValue(of: name, at: index, in: document).map { equals($0, value, in: document) }
        ?? false
    case .itemprop(let name, let property):
      firstValue(of: name, at: index, in: document).map {
        lists($0, property, in: document)
      } ?? false
    case .element(let element): index == element
    case .other(let pattern): pattern.matches(index, in: document, classes: classes[index])
    }
  }
}

/// The smallest element holding every element with class `name` (`ElementPattern.holderOfClass`),
/// the parent of a lone one; nil when no element has the class. When the first of them is in an
/// `<article>`, only those in that `<article>` count: a response or a card further down written
/// in the same editor does not make the holder the whole column (review21). A page without the
/// class costs one look-up (of the class's id); one with it, a walk over its elements.
private func classHolder(_ name: String, classes: ClassTable, document: HTMLDocument) -> Int? {
  let id = classes.isResolvable ? classes.id(of: name) : nil
  guard id != nil || !classes.isResolvable else { return nil }
  let nodes = document.nodes
  var holder: Int?
  // The `<article>` around the first element of the class, if any.
  var post: Int?
  let articleTag = document.tagNames.firstIndex(of: "article")
  var count = 0
  var index = 1
  while index < nodes.count {
    let hasClass =
      nodes[index].kind == .element
      && (id.map { classes.contains(id: $0, at: index) } ?? classes.contains(name, at: index))
    guard hasClass else {
      index += 1
      continue
    }
    if let post, !document.contains(post, index) {
      index = nodes[index].end
      continue
    }
    count += 1
    if var ancestor = holder {
      while ancestor > 0 && !document.contains(ancestor, index) {
        ancestor = nodes[ancestor].parent
      }
      holder = ancestor
    } else {
      holder = index
      var ancestor = nodes[index].parent
      while ancestor > 0 && nodes[ancestor].tag != articleTag { ancestor = nodes[ancestor].parent }
      post = ancestor > 0 ? ancestor : nil
    }
    // Elements of the class inside this one add nothing.
    index = nodes[index].end
  }
  guard let holder else { return nil }
  return count == 1 ? (nodes[holder].parent > 0 ? nodes[holder].parent : nil) : holder
}

/// Where the value of element `index`'s first attribute with this name id lies, as
/// `HTMLDocument.attribute(_:of:)` finds it; nil for other nodes and elements without one.
private func firstValue(of name: Int, at index: Int, in document: HTMLDocument) -> Range<Int>? {
  guard document.nodes[index].kind == .element else { return nil }
  for span in document.attributeSpans[document.nodes[index].attributeSpans] where span.name == name
  {
    return span.value
  }
  return nil
}

/// Whether the value's string equals `string`. Equal bytes are equal strings; different
/// bytes are different strings when both are ASCII, and are compared as strings otherwise
/// (canonical equivalence).
private func equals(_ value: Range<Int>, _ string: String, in document: HTMLDocument) -> Bool {
  let bytes = document.utf8[value]
  if bytes.elementsEqual(string.utf8) { return true }
  guard bytes.contains(where: { $0 >= 0x80 }) || string.utf8.contains(where: { $0 >= 0x80 })
  else { return false }
  return document.string(value) == string
}

/// Whether a space-separated list (`itemprop`) holds `property`, as
/// `ElementPattern.matches` splits it: on bytes when both are ASCII (a space character is
/// then the byte 0x20), as strings otherwise.
private func lists(_ value: Range<Int>, _ property: String, in document: HTMLDocument) -> Bool {
  let bytes = document.utf8[value]
  guard !bytes.contains(where: { $0 >= 0x80 }), !property.utf8.contains(where: { $0 >= 0x80 })
  else {
    return document.string(value).split(separator: " ").contains { $0 == property }
  }
  return bytes.split(separator: 0x20).contains { $0.elementsEqual(property.utf8) }
}
