import SnapshotStore

/// Store times written as literals in tests (`"20160702T100000Z"`), so that assertions read
/// as the store's text does. Only tests have it: in the sources a literal that is not a store
/// time would trap, and `?? ""` would compile and trap there too.
extension CaptureTime: ExpressibleByStringLiteral {
  /// The time the literal names; a literal that is not a store time is a mistake in the test.
  public init(stringLiteral text: String) {
    guard let time = CaptureTime(text) else { preconditionFailure("not a store time: \(text)") }
    self = time
  }
}
