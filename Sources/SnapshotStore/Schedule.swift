import FoundationEssentials
import WatchList

/// One watch's line in `.watch-schedule`.
struct ScheduleEntry {
  /// The page the watch names (`normalizedPageURL`).
  var key: String
  /// The URL as the watch file writes it.
  var url: String
  /// Its schedule state.
  var state: WatchState
  /// The watch as JSON, decoded only for the watches a run takes.
  var watchJSON: [UInt8]

  init(key: String, url: String, state: WatchState, watch: Watch) throws {
    self.key = key
    self.url = url
    self.state = state
    self.watchJSON = try encodeJSON(watch, pretty: false)
  }

  init(key: String, url: String, state: WatchState, watchJSON: [UInt8]) {
    self.key = key
    self.url = url
    self.state = state
    self.watchJSON = watchJSON
  }
}

/// The schedule file: the watch file compiled into one line per watch, with the state that
/// decides when each is due.
///
/// ```
/// redline-watch-schedule 1 <fingerprint of watches.toml>
/// sites <JSON of the site rules>
/// <nextDue> <lastChecked> <lastChanged> <firstChecked> <key> <url> <watch JSON>   (tab-separated)
/// ```
///
/// Deciding what is due reads the leading number of each line; only due lines are decoded.
struct Schedule {
  var fingerprint: String
  var sites: [String: ExtractionRules]
  var entries: [ScheduleEntry] = []
  /// Whether it was made anew from the watch file in this run (and so must be written).
  var rebuilt = false

  static let magic = "redline-watch-schedule 1 "

  init(fingerprint: String, sites: [String: ExtractionRules]) {
    self.fingerprint = fingerprint
    self.sites = sites
  }

  /// Reads a schedule file; nil when there is none.
  init?(decoding bytes: [UInt8], path: String) throws {
    guard !bytes.isEmpty else { return nil }
    let damaged = StoreError.corrupt(path: path, reason: "not the schedule Redline writes")
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    guard lines.count >= 2 else { throw damaged }
    let first = String(decoding: lines[0], as: UTF8.self)
    guard first.hasPrefix(Self.magic) else { throw damaged }
    fingerprint = String(first.dropFirst(Self.magic.count))
    let siteLine = lines[1]
    guard siteLine.starts(with: Array("sites\t".utf8)) else { throw damaged }
    do {
      sites = try JSONDecoder().decode(
        [String: ExtractionRules].self, from: Data(siteLine.dropFirst(6)))
    } catch {
      throw damaged
    }
    entries.reserveCapacity(lines.count - 2)
    for line in lines.dropFirst(2) {
      let fields = line.split(
        separator: UInt8(ascii: "\t"), maxSplits: 6, omittingEmptySubsequences: false)
      guard fields.count == 7, let nextDue = Self.number(fields[0]),
        let lastChecked = Self.number(fields[1]), let lastChanged = Self.number(fields[2]),
        let firstChecked = Self.number(fields[3])
      else { throw damaged }
      entries.append(
        ScheduleEntry(
          key: String(decoding: fields[4], as: UTF8.self),
          url: String(decoding: fields[5], as: UTF8.self),
          state: WatchState(
            nextDue: nextDue, lastChecked: lastChecked, lastChanged: lastChanged,
            firstChecked: firstChecked),
          watchJSON: Array(fields[6])))
    }
  }

  /// A decimal number of ASCII digits (an optional leading minus), without Foundation.
  private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
    var value: Int64 = 0
    var negative = false
    var digits = 0
    for byte in bytes {
      if byte == UInt8(ascii: "-"), digits == 0, !negative {
        negative = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      digits += 1
    }
    return digits > 0 ? (negative ? -value : value) : nil
  }

  /// The watch of an entry, decoded.
  func watch(at index: Int) throws -> Watch {
    do {
      return try JSONDecoder().decode(Watch.self, from: Data(entries[index].watchJSON))
    } catch {
      throw StoreError.corrupt(path: ".watch-schedule", reason: "a watch does not decode")
    }
  }

  /// The rules of a URL's host, if the watch file has a `[site."HOST"]` table for it.
  func siteRules(for url: String) -> ExtractionRules? {
    guard !sites.isEmpty, let host = urlHost(url) else { return nil }
    return sites[host] ?? sites[host.hasPrefix("www.") ? String(host.dropFirst(4)) : host]
  }

  /// The file's bytes.
  func encoded() throws -> [UInt8] {
    var bytes = Array((Self.magic + fingerprint + "\nsites\t").utf8)
    bytes += try encodeJSON(sites, pretty: false)
    bytes.append(UInt8(ascii: "\n"))
    for entry in entries {
      let state = entry.state
      bytes += Array(
        "\(state.nextDue)\t\(state.lastChecked)\t\(state.lastChanged)\t\(state.firstChecked)\t\(entry.key)\t\(entry.url)\t"
          .utf8)
      bytes += entry.watchJSON
      bytes.append(UInt8(ascii: "\n"))
    }
    return bytes
  }
}

/// The lower-cased host of an http(s) URL (the key of its `[site."HOST"]` rules).
public func urlHost(_ url: String) -> String? {
  let parts = url.split(separator: "://", maxSplits: 1)
  guard parts.count == 2 else { return nil }
  let rest = parts[1]
  let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
  let hostPort = authority.split(separator: "@").last ?? authority
  let host = hostPort.prefix { $0 != ":" }
  return host.isEmpty ? nil : host.lowercased()
}
