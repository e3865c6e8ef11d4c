import Synchronization

/// Facts a transaction collects for after its commit: whether it appended audit entries
/// that the sealer must chain once they are visible to it.
final class TransactionMarks: Sendable {
    private let audit = Mutex(false)

    var appendedAudit: Bool { audit.withLock { $0 } }

    func markAudit() {
        audit.withLock { $0 = true }
    }
}
