import Foundation
import LoopbackServer
import Testing

/// `verify` of the payloads `snapshot --keep-raw distinct` keeps: each must decompress to the
/// bytes its name's SHA-256 says, and each one a history line names must be there.
@Suite("verify of kept payloads", .serialized)
struct PayloadVerifyTests {
  /// A store whose page kept two payloads (three checks: the capture, then two new bodies of
  /// the same article), and the payload files' paths.
  private func storeWithPayloads(_ work: TemporaryFolder) throws -> (
    store: String, url: String, payloads: [String]
  ) {
    let round = Counter()
    let page = try sampleBodies().page
    let server = try LoopbackServer { _ in
      .respond(
        status: 200, headers: [("Content-Type", "text/html")],
        body: Array("<!-- nonce \(round.value) -->\n".utf8) + Array(page))
    }
    let store = work.file("store")
    for check in 0..<3 {
      round.value = check
      let snapshot = try redline([
        "snapshot", "--keep-raw", "distinct", "--store", store, server.baseURL + "/post",
      ])
      #expect(snapshot.status == 0, "\(snapshot.stdout)\(snapshot.stderr)")
    }
    let folder = try #require(
      try FileManager.default.subpathsOfDirectory(atPath: store).first {
        $0.hasSuffix("/payloads")
      })
    let payloads = store + "/" + folder
    let names = try FileManager.default.contentsOfDirectory(atPath: payloads).sorted()
    #expect(names.count == 2, "\(names)")
    return (store, server.baseURL + "/post", names.map { payloads + "/" + $0 })
  }

  @Test("an intact store with kept payloads verifies clean")
  func intact() throws {
    let work = try TemporaryFolder()
    let (store, _, _) = try storeWithPayloads(work)
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stdout.isEmpty, "\(verify.stdout)")
  }

  @Test(
    "a damaged or missing payload the history names is reported, exit status 1",
    arguments: ["flipped byte", "cut short", "other bytes", "deleted"])
  func damaged(_ damage: String) throws {
    let work = try TemporaryFolder()
    let (store, url, payloads) = try storeWithPayloads(work)
    let file = payloads[0]
    var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    switch damage {
    case "flipped byte": bytes[bytes.count / 2] ^= 0x20
    case "cut short": bytes = bytes.prefix(bytes.count - 9)
    // A valid gzip member of other bytes, under the first payload's name.
    case "other bytes": bytes = try Data(contentsOf: URL(fileURLWithPath: payloads[1]))
    default: try FileManager.default.removeItem(atPath: file)
    }
    if damage != "deleted" { try bytes.write(to: URL(fileURLWithPath: file)) }
    let verify = try redline(["verify", "--store", store])
    #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
    let kind = damage == "deleted" ? "missing" : "altered"
    let lines = verify.stdout.split(separator: "\n")
    #expect(lines.count == 1, "\(verify.stdout)")
    #expect(lines.first?.hasPrefix("\(kind) \(file): ") == true, "\(verify.stdout)")
    #expect(verify.stderr.contains(": 1 problem"), "\(verify.stderr)")
    // repair puts the loss on record; verify then reports it as such, exit status 0.
    #expect(try redline(["repair", "--store", store, url]).status == 0)
    let after = try redline(["verify", "--store", store])
    #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
    #expect(after.stdout.hasPrefix("repaired "), "\(after.stdout)")
  }

  @Test(
    "an intact payload no line names (a stopped run, an older store) is fine; a stray file is not")
  func unnamed() throws {
    let work = try TemporaryFolder()
    let (store, _, payloads) = try storeWithPayloads(work)
    let folder = (payloads[0] as NSString).deletingLastPathComponent
    // A payload written whole by a run stopped before its history line: a valid member of
    // bytes no check recorded, named by their SHA-256.
    let gzip = try runProgram(
      "/bin/sh", ["-c", "cd '\(folder)' && printf 'not seen' > x && sha256sum x && gzip x"])
    let hash = try #require(gzip.stdout.split(separator: " ").first)
    try FileManager.default.moveItem(atPath: folder + "/x.gz", toPath: "\(folder)/\(hash).gz")
    let stopped = try redline(["verify", "--store", store])
    #expect(stopped.status == 0, "\(stopped.stdout)\(stopped.stderr)")
    #expect(stopped.stdout.isEmpty, "\(stopped.stdout)")
    // The same name over other bytes is damage, named or not.
    try Data(contentsOf: URL(fileURLWithPath: payloads[1])).write(
      to: URL(fileURLWithPath: "\(folder)/\(hash).gz"))
    let altered = try redline(["verify", "--store", store])
    #expect(altered.status == 1, "\(altered.stdout)\(altered.stderr)")
    #expect(altered.stdout.hasPrefix("altered \(folder)/\(hash).gz: "), "\(altered.stdout)")
    try FileManager.default.removeItem(atPath: "\(folder)/\(hash).gz")
    try Data("notes".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    let stray = try redline(["verify", "--store", store])
    #expect(stray.status == 1, "\(stray.stdout)\(stray.stderr)")
    #expect(stray.stdout.hasPrefix("orphaned \(folder)/notes.txt: "), "\(stray.stdout)")
  }
}
