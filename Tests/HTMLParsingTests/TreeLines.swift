@testable import HTMLParsing

/// Every node of a document with its name, place, text or attributes, one line each: two parses
/// give the same tree when their lines are equal.
func treeLines(_ document: HTMLDocument) -> [String] {
  document.nodes.indices.map { index in
    let node = document.nodes[index]
    let detail =
      node.kind == .text
      ? Array(document.utf8[node.textBytes]).description
      : document.attributes(of: index).map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    return "\(node.kind) \(document.name(of: index)) \(node.parent) \(node.end) \(detail)"
  }
}
