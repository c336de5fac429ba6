import HTTPFetching
import SnapshotStore

/// The exchange of a fetch as the store keeps it in the capture's metadata.
func storedExchange(_ exchange: Exchange) -> StoredExchange {
  func head(_ head: MessageHead) -> StoredHead {
    StoredHead(
      startLine: head.startLine,
      headers: head.headers.map { StoredHeader(name: $0.name, value: $0.value) })
  }
  return StoredExchange(
    hops: exchange.hops.map {
      StoredHop(url: $0.url, request: $0.request.map(head), response: head($0.response))
    }, httpVersion: exchange.httpVersion, remoteAddress: exchange.remoteAddress)
}
