extension HTMLDocument {
  /// The document with React's streamed segments where a browser shows them. React's
  /// streaming renderer sends a Suspense boundary as a template (`<template id="B:0">`, its
  /// fallback after it) or a segment's placeholder (`<template id="P:5">`), and the finished
  /// content later, at the end of `<body>`, in `<div hidden id="S:0">`, which a script
  /// (`$RC("B:0","S:0")`, `$RS("S:5","P:5")`) moves into place. Here each segment's children
  /// take the place of the template with the same number (hexadecimal, as React writes it), and
  /// the segment is left out where it was sent. The fallback stays: without the comments that
  /// end it (`<!--/$-->`), which the tree does not keep, it cannot be told from the content
  /// after it. A document without such pairs is returned as it is.
  ///
  /// - Complexity: O(n) in the number of nodes; no recursion, however deep the page.
  public func placingStreamedSegments() -> HTMLDocument {
    guard let templateTag = tagNames.firstIndex(of: "template"),
      let divTag = tagNames.firstIndex(of: "div"),
      let hidden = attributeNames.firstIndex(of: "hidden")
    else { return self }
    // The number of a `B:`/`P:` template or an `S:` segment (hexadecimal, as React writes it).
    func number(_ index: Int, prefixes: [String]) -> String? {
      guard let id = attribute("id", of: index), id.count > 2,
        prefixes.contains(where: { id.hasPrefix($0) }),
        id.dropFirst(2).allSatisfy(\.isHexDigit)
      else { return nil }
      return String(id.dropFirst(2))
    }
    // Templates first: most pages have none, and then no `<div>` is looked at.
    var templates: [String: Int] = [:]
    for index in nodes.indices where nodes[index].tag == templateTag {
      if let key = number(index, prefixes: ["B:", "P:"]), templates[key] == nil {
        templates[key] = index
      }
    }
    guard !templates.isEmpty else { return self }
    // Segments: `<div hidden id="S:…">`.
    var segments: [String: Int] = [:]
    for index in nodes.indices
    where nodes[index].tag == divTag && nodes[index].kind == .element
      && attributeSpans[nodes[index].attributeSpans].contains(where: { $0.name == hidden })
    {
      if let key = number(index, prefixes: ["S:"]), segments[key] == nil { segments[key] = index }
    }
    // Each template with its segment, when neither holds the other.
    var segmentOfTemplate: [Int: Int] = [:]
    var placedSegments: Set<Int> = []
    for (number, template) in templates {
      guard let segment = segments[number], !contains(segment, template),
        !contains(template, segment)
      else { continue }
      segmentOfTemplate[template] = segment
      placedSegments.insert(segment)
    }
    guard !segmentOfTemplate.isEmpty else { return self }

    enum Work {
      case open(old: Int, parent: Int)
      case close(new: Int)
    }
    var placed: [HTMLNode] = []
    placed.reserveCapacity(nodes.count)
    var usedSegments: Set<Int> = []
    var work: [Work] = [.open(old: 0, parent: -1)]
    while let item = work.popLast() {
      switch item {
      case .close(let new):
        placed[new].end = placed.count
      case .open(let old, let parent):
        let node = nodes[old]
        let new = placed.count
        placed.append(
          HTMLNode(
            kind: node.kind, tag: node.tag, parent: parent, end: new + 1, contents: node.contents))
        work.append(.close(new: new))
        // The children, each placed template replaced by its segment's children (which may
        // themselves be templates of other segments).
        var children: [Int] = []
        var pending = Array(self.children(of: old).reversed())
        while let child = pending.popLast() {
          if placedSegments.contains(child) { continue }
          if let segment = segmentOfTemplate[child], usedSegments.insert(segment).inserted {
            pending.append(contentsOf: self.children(of: segment).reversed())
          } else {
            children.append(child)
          }
        }
        for child in children.reversed() { work.append(.open(old: child, parent: new)) }
      }
    }
    return HTMLDocument(
      nodes: placed, tagNames: tagNames, attributeNames: attributeNames,
      attributeSpans: attributeSpans, utf8: utf8)
  }
}
