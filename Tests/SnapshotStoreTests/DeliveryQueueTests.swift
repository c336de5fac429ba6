import Foundation
import SnapshotStore
import Testing

@Suite("the folder store's delivery queue on disk")
struct DeliveryQueueTests {
  private func delivery(_ key: String) -> QueuedDelivery {
    QueuedDelivery(
      key: key, event: "urn:redline:edit:1", target: "exec:true", payload: "{}",
      queued: "20160702T100000Z")
  }

  @Test("a crash between the delivered record and the pending one's removal reads as delivered")
  func crashAfterDelivery() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      let key = "0123456789abcdef0123456789abcdef"
      #expect(try store.enqueueDeliveries([delivery(key)]).count == 1)
      let pending = root + "/.notifications/pending/\(key).json"
      let saved = try Data(contentsOf: URL(fileURLWithPath: pending))
      _ = try store.claimDeliveries(now: "20160702T100001Z", until: "20160702T101001Z")
      try store.finishDelivery(key, .delivered(time: "20160702T100002Z"))
      // The state a crash before the unlink leaves: both records.
      try saved.write(to: URL(fileURLWithPath: pending))
      #expect(try store.pendingDeliveries().isEmpty)
      #expect(try store.claimDeliveries(now: "20160702T110000Z", until: "20160702T111000Z").isEmpty)
      #expect(try store.enqueueDeliveries([delivery(key)]).isEmpty)
      #expect(try store.verify().isClean)
      // A write a crash cut short is cleared by the next change to the queue.
      let leftover = root + "/.notifications/pending/.tmp-1234"
      #expect(FileManager.default.createFile(atPath: leftover, contents: Data("{".utf8)))
      #expect(try store.pendingDeliveries().isEmpty)
      #expect(!FileManager.default.fileExists(atPath: leftover))
    }
  }

  @Test("nothing to queue leaves no queue behind; settings are readable by their owner only")
  func footprint() throws {
    try withTemporaryFolder { root in
      let store = FolderStore(root: root)
      try store.prepareForWriting()
      #expect(try store.pendingDeliveries().isEmpty)
      #expect(try store.claimDeliveries(now: "20160702T100000Z", until: "20160702T101000Z").isEmpty)
      #expect(!FileManager.default.fileExists(atPath: root + "/.notifications"))
      try store.saveSettings(StoreSettings(webhookSecret: "s"))
      let attributes = try FileManager.default.attributesOfItem(atPath: root + "/.settings.json")
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
  }
}
