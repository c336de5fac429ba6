extension CaptureMetadata {
  /// The metadata a plain JSON text (`PlainJSON`) holds, when every field the text has is one
  /// of this type's, in the type its decoding reads, and every field it needs is there; nil
  /// otherwise, and the caller decodes the bytes with `JSONDecoder`, which stays the judge of
  /// any other text. `PlainJSONTests` holds it to `JSONDecoder` on the fixture stores' files
  /// and on changed ones.
  init?(plainJSON bytes: [UInt8]) {
    guard let fields = PlainJSON(bytes)?.object else { return nil }
    var reader = PlainFields(fields)
    guard let time = reader.time("time"),
      let requestedURL = reader.string("requestedURL"),
      let finalURL = reader.string("finalURL"),
      let status = reader.integer("status"),
      let headers = reader.headers("headers"),
      let redirects = reader.field("redirects", { $0.array?.compactMapAll(plainRedirect) }),
      let fetchSeconds = reader.field("fetchSeconds", \.double),
      let bodySHA256 = reader.string("bodySHA256"),
      let bodyBytes = reader.integer("bodyBytes"),
      let textSHA256 = reader.string("textSHA256"),
      let rawKept = reader.field("rawKept", \.boolean),
      let title = reader.optional("title", \.string),
      let extractionMethod = reader.optional("extractionMethod", \.string),
      let redlineVersion = reader.string("redlineVersion"),
      let articleFormat = reader.optional("articleFormat", \.integer),
      let exchange = reader.optional("exchange", StoredExchange.init(plain:)),
      let provenance = reader.optional("provenance", CaptureProvenance.init(plain:)),
      reader.isDone
    else { return nil }
    self.init(
      time: time, requestedURL: requestedURL, finalURL: finalURL, status: status,
      headers: headers, redirects: redirects, fetchSeconds: fetchSeconds,
      bodySHA256: bodySHA256, bodyBytes: bodyBytes, textSHA256: textSHA256, rawKept: rawKept,
      title: title, extractionMethod: extractionMethod, redlineVersion: redlineVersion,
      articleFormat: articleFormat, exchange: exchange, provenance: provenance)
  }
}

extension StoredExchange {
  fileprivate init?(plain value: PlainJSON) {
    var reader = PlainFields(value.object)
    guard
      let hops = reader.field("hops", { $0.array?.compactMapAll(plainHop) }),
      let httpVersion = reader.string("httpVersion"),
      let remoteAddress = reader.optional("remoteAddress", \.string), reader.isDone
    else { return nil }
    self.init(hops: hops, httpVersion: httpVersion, remoteAddress: remoteAddress)
  }
}

extension StoredHead {
  fileprivate init?(plain value: PlainJSON) {
    var reader = PlainFields(value.object)
    guard let startLine = reader.string("startLine"), let headers = reader.headers("headers"),
      reader.isDone
    else { return nil }
    self.init(startLine: startLine, headers: headers)
  }
}

extension CaptureProvenance {
  fileprivate init?(plain value: PlainJSON) {
    var reader = PlainFields(value.object)
    guard let source = reader.string("source"), let file = reader.string("file"),
      let recordID = reader.optional("recordID", \.string),
      let software = reader.optional("software", \.string),
      let archivedDate = reader.optional("archivedDate", \.string), reader.isDone
    else { return nil }
    self.init(
      source: source, file: file, recordID: recordID, software: software,
      archivedDate: archivedDate)
  }
}

/// A redirect of `CaptureMetadata.redirects` in a plain text.
private func plainRedirect(_ value: PlainJSON) -> StoredRedirect? {
  var fields = PlainFields(value.object)
  guard let status = fields.integer("status"), let from = fields.string("from"),
    let location = fields.string("location"), fields.isDone
  else { return nil }
  return StoredRedirect(status: status, from: from, location: location)
}

/// A hop of `StoredExchange.hops` in a plain text.
private func plainHop(_ value: PlainJSON) -> StoredHop? {
  var fields = PlainFields(value.object)
  guard let url = fields.string("url"),
    let request = fields.optional("request", StoredHead.init(plain:)),
    let response = fields.field("response", StoredHead.init(plain:)), fields.isDone
  else { return nil }
  return StoredHop(url: url, request: request, response: response)
}

/// A header field in a plain text.
private func plainHeader(_ value: PlainJSON) -> StoredHeader? {
  var fields = PlainFields(value.object)
  guard let name = fields.string("name"), let value = fields.string("value"), fields.isDone
  else { return nil }
  return StoredHeader(name: name, value: value)
}

/// The fields of a plain object, taken one by one: `isDone` once every field was taken (a
/// field the type does not have is left to the decoder).
private struct PlainFields {
  private var fields: [String: PlainJSON]
  private let valid: Bool

  init(_ fields: [String: PlainJSON]?) {
    self.fields = fields ?? [:]
    valid = fields != nil
  }

  var isDone: Bool { valid && fields.isEmpty }

  /// A required field read by `read`; nil when it is missing or does not read.
  mutating func field<T>(_ key: String, _ read: (PlainJSON) -> T?) -> T? {
    guard valid, let value = fields.removeValue(forKey: key) else { return nil }
    return read(value)
  }

  /// An optional field: `.some(nil)` when it is missing, nil when it is there and does not
  /// read.
  mutating func optional<T>(_ key: String, _ read: (PlainJSON) -> T?) -> T?? {
    guard valid else { return nil }
    guard let value = fields.removeValue(forKey: key) else { return .some(nil) }
    return read(value).map { .some($0) }
  }

  mutating func string(_ key: String) -> String? { field(key, \.string) }
  mutating func integer(_ key: String) -> Int? { field(key, \.integer) }
  mutating func time(_ key: String) -> CaptureTime? {
    field(key) { $0.string.flatMap(CaptureTime.init) }
  }

  mutating func headers(_ key: String) -> [StoredHeader]? {
    field(key) { $0.array?.compactMapAll(plainHeader) }
  }
}

extension Array {
  /// Every element transformed, or nil when one does not transform.
  fileprivate func compactMapAll<T>(_ transform: (Element) -> T?) -> [T]? {
    var result: [T] = []
    result.reserveCapacity(count)
    for element in self {
      guard let value = transform(element) else { return nil }
      result.append(value)
    }
    return result
  }
}
