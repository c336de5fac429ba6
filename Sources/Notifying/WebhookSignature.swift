import Crypto
import FoundationEssentials

/// The signature of a webhook body: HMAC-SHA256, keyed with the webhook secret, over the
/// timestamp, a full stop and the body as sent (`"1467709800." + body`), in lowercase hex. Sent
/// as `X-Redline-Signature: sha256=HEX` beside `X-Redline-Timestamp: 1467709800`; signing the
/// timestamp lets a receiver refuse an old body replayed.
///
///     webhookSignature(secret: "s3cret", timestamp: 1467709800, body: body)  // "sha256=…"
///
/// - Complexity: O(n) in the body's length.
public func webhookSignature(secret: String, timestamp: Int, body: [UInt8]) -> String {
  let signed = Array("\(timestamp).".utf8) + body
  let code = HMAC<SHA256>.authenticationCode(
    for: signed, using: SymmetricKey(data: Array(secret.utf8)))
  return "sha256="
    + code.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
}

/// The header lines of a webhook POST: content type, event, delivery key (the idempotency key:
/// a body sent again after a crash has the same one), timestamp and signature.
func webhookHeaders(secret: String, key: String, timestamp: Int, body: [UInt8]) -> [String] {
  [
    "Content-Type: application/json",
    "X-Redline-Event: edit",
    "X-Redline-Delivery: \(key)",
    "X-Redline-Timestamp: \(timestamp)",
    "X-Redline-Signature: " + webhookSignature(secret: secret, timestamp: timestamp, body: body),
  ]
}
