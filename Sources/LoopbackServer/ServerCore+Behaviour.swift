extension ServerCore {
  /// Carries out `behaviour` on the connection that sent `request`.
  ///
  /// - Returns: Whether the connection stays open for another request.
  func perform(
    _ behaviour: Behaviour, for request: HTTPRequest, on connection: borrowing Connection
  ) -> Bool {
    switch behaviour {
    case .respond(let status, let headers, let body):
      var bytes = ResponseHead.serialize(status: status, headers: headers, bodyLength: body.count)
      if request.method != "HEAD" && ResponseHead.statusAllowsBody(status) {
        bytes += body
      }
      guard connection.send(bytes) else { return false }
      let keepAlive =
        headers.contains { $0.0.lowercased() == "connection" && $0.1.lowercased() == "keep-alive" }
        && request.header("Connection")?.lowercased() != "close"
      if keepAlive { return true }
      connection.finishGracefully()

    case .raw(let bytes):
      guard connection.send(bytes) else { return false }
      connection.finishGracefully()

    case .closeWithoutResponse:
      return false

    case .silence(let seconds):
      _ = connection.idle(until: Self.deadline(after: seconds))

    case .drip(let status, let headers, let chunk, let interval, let count):
      let head = ResponseHead.serialize(status: status, headers: headers, bodyLength: nil)
      guard connection.send(head) else { return false }
      for _ in 0..<max(count, 0) {
        guard case .deadline = connection.idle(until: Self.deadline(after: interval)),
          connection.send(chunk)
        else { return false }
      }
      connection.finishGracefully()
    }
    return false
  }

  /// The instant `seconds` from now, treating negative or NaN as zero and capping at one day.
  static func deadline(after seconds: Double) -> ContinuousClock.Instant {
    let bounded = seconds.isNaN ? 0 : min(max(seconds, 0), Limits.maximumWaitSeconds)
    return ContinuousClock.now + .seconds(bounded)
  }
}
