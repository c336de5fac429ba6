/// What goes into a WACZ besides its WARC files.
public struct WACZContents: Sendable {
  /// The WARC files: their names inside `archive/` and where they are now.
  public var warcs: [(name: String, path: String)]
  /// The CDXJ index lines, sorted, without newlines; `filename` names a WARC in `archive/`.
  public var index: [String]
  /// The pages, one JSON object per line (`url`, `ts`, `title`), without the header line.
  public var pages: [String]
  /// The package's title.
  public var title: String
  /// When the package was made (ISO 8601).
  public var created: String
  /// The software that made it.
  public var software: String

  /// Creates the contents.
  public init(
    warcs: [(name: String, path: String)], index: [String], pages: [String], title: String,
    created: String, software: String
  ) {
    self.warcs = warcs
    self.index = index
    self.pages = pages
    self.title = title
    self.created = created
    self.software = software
  }
}

/// Lines per gzip block of `indexes/index.cdx.gz`: cdxj-indexer's default, which py-wacz uses.
let indexLinesPerBlock = 300

/// Writes a WACZ 1.1.1 package: a ZIP of stored members with `archive/` (the WARCs),
/// `indexes/index.cdx.gz` (the CDXJ in gzip blocks) and `indexes/index.idx` (one line per
/// block), `pages/pages.jsonl`, `datapackage.json` (every resource's path, SHA-256 and size)
/// and `datapackage-digest.json` (the SHA-256 of `datapackage.json`).
/// - Throws: `WebArchiveError` when reading a WARC or writing the package fails.
public func writeWACZ(_ contents: WACZContents, to output: String) throws {
  let zip = try StoredZipWriter(path: output)
  var resources: [(name: String, path: String, sha256: String, size: Int)] = []
  for warc in contents.warcs {
    let path = "archive/" + warc.name
    let added = try zip.add(name: path, file: warc.path)
    resources.append((warc.name, path, added.sha256, added.size))
  }
  var compressed: [UInt8] = []
  var secondary = [
    "!meta 0 {\"format\": \"cdxj-gzip-1.0\", \"filename\": \"index.cdx.gz\"}"
  ]
  var start = 0
  while start < contents.index.count {
    let block = contents.index[start..<min(start + indexLinesPerBlock, contents.index.count)]
    let member = try gzipMember(of: [Array(block.map { $0 + "\n" }.joined().utf8)])
    let firstKey = block.first.map { $0.split(separator: " ", maxSplits: 2).prefix(2) } ?? []
    secondary.append(
      firstKey.joined(separator: " ")
        + " {\"offset\": \(compressed.count), \"length\": \(member.count), "
        + "\"digest\": \"sha256:\(WARCDigest.sha256Hex(member))\"}")
    compressed += member
    start += indexLinesPerBlock
  }
  let idx = Array(secondary.map { $0 + "\n" }.joined().utf8)
  let pagesHeader =
    "{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}"
  let pages = Array(([pagesHeader] + contents.pages).map { $0 + "\n" }.joined().utf8)
  for (name, path, bytes) in [
    ("index.cdx.gz", "indexes/index.cdx.gz", compressed),
    ("index.idx", "indexes/index.idx", idx), ("pages.jsonl", "pages/pages.jsonl", pages),
  ] {
    resources.append((name, path, try zip.add(name: path, bytes: bytes), bytes.count))
  }
  let resourceJSON = resources.map { resource in
    "    {\"name\": \(jsonString(resource.name)), \"path\": \(jsonString(resource.path)), "
      + "\"hash\": \"sha256:\(resource.sha256)\", \"bytes\": \(resource.size)}"
  }
  let datapackage = Array(
    """
    {
      "profile": "data-package",
      "wacz_version": "1.1.1",
      "title": \(jsonString(contents.title)),
      "created": \(jsonString(contents.created)),
      "software": \(jsonString(contents.software)),
      "resources": [
    \(resourceJSON.joined(separator: ",\n"))
      ]
    }

    """.utf8)
  let datapackageHash = try zip.add(name: "datapackage.json", bytes: datapackage)
  let digest = Array(
    "{\"path\": \"datapackage.json\", \"hash\": \"sha256:\(datapackageHash)\"}\n".utf8)
  try zip.add(name: "datapackage-digest.json", bytes: digest)
  try zip.finish()
}
