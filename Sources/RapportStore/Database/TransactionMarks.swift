import Synchronization

/// Facts a transaction collects for after its commit (whether it appended audit entries
/// that the sealer must chain once they are visible to it), and settings it read once and
/// may read again: one ticket mail writes a ticket and its first message, and each write
/// would otherwise read the SLA policies anew. A memo lives only as long as its
/// transaction, so another instance's change is seen by the next one.
final class TransactionMarks: Sendable {
    private let audit = Mutex(false)
    private let memos = Mutex<[String: any Sendable]>([:])

    var appendedAudit: Bool { audit.withLock { $0 } }

    func markAudit() {
        audit.withLock { $0 = true }
    }

    func memo<T: Sendable>(_ key: String, as type: T.Type) -> T? {
        memos.withLock { $0[key] as? T }
    }

    func remember<T: Sendable>(_ key: String, _ value: T) {
        memos.withLock { $0[key] = value }
    }

    /// For a write that changes what a memo holds.
    func forget(_ key: String) {
        _ = memos.withLock { $0.removeValue(forKey: key) }
    }
}

extension Session {
    /// `make`'s value, computed once per transaction (every time outside one).
    func memoized<T: Sendable>(_ key: String, _ make: () async throws -> T) async throws -> T {
        if let held = marks?.memo(key, as: T.self) { return held }
        let value = try await make()
        marks?.remember(key, value)
        return value
    }
}
