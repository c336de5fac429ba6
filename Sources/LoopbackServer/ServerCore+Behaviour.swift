extension ServerCore {
  /// Carries out `behaviour` on the connection that sent `request`.
  func perform(
    _ behaviour: Behaviour, for request: HTTPRequest, on connection: borrowing Connection
  ) {
    switch behaviour {
    case .respond(let status, let headers, let body):
      var bytes = ResponseHead.serialize(status: status, headers: headers, bodyLength: body.count)
      if request.method != "HEAD" && ResponseHead.statusAllowsBody(status) {
        bytes += body
      }
      guard connection.send(bytes) else { return }
      connection.finishGracefully()

    case .raw(let bytes):
      guard connection.send(bytes) else { return }
      connection.finishGracefully()

    case .closeWithoutResponse:
      return

    case .silence(let seconds):
      _ = connection.idle(until: Self.deadline(after: seconds))

    case .drip(let status, let headers, let chunk, let interval, let count):
      let head = ResponseHead.serialize(status: status, headers: headers, bodyLength: nil)
      guard connection.send(head) else { return }
      for _ in 0..<max(count, 0) {
        guard case .deadline = connection.idle(until: Self.deadline(after: interval)),
          connection.send(chunk)
        else { return }
      }
      connection.finishGracefully()
    }
  }

  /// The instant `seconds` from now, treating negative or NaN as zero and capping at one day.
  static func deadline(after seconds: Double) -> ContinuousClock.Instant {
    let bounded = seconds.isNaN ? 0 : min(max(seconds, 0), Limits.maximumWaitSeconds)
    return ContinuousClock.now + .seconds(bounded)
  }
}
