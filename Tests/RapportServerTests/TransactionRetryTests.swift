import Foundation
import RapportStore
import Synchronization
import Testing

@Suite("Transactions that deadlock are run again")
struct TransactionRetryTests {
    final class Runs: Sendable {
        let count = Mutex(0)
    }

    @Test("Two transactions locking rows in opposite order both commit, one after a retry")
    func deadlockIsRetried() async throws {
        guard ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] != nil else { return }
        try await TestDatabase.with(.postgres) { db in
            try await db.transaction { s in
                try await s.execute("CREATE TABLE retry_rows (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
                try await s.execute("INSERT INTO retry_rows (id, v) VALUES (1, 0), (2, 0)")
            }
            let runs = Runs()
            // Each holds its first row while it pauses, then wants the other's: PostgreSQL
            // ends one with 40P01, which must roll back and run again, not surface.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for order in [[1, 2], [2, 1]] {
                    group.addTask {
                        try await db.transaction { s in
                            runs.count.withLock { $0 += 1 }
                            try await s.execute("UPDATE retry_rows SET v = v + 1 WHERE id = \(order[0])")
                            try await Task.sleep(for: .milliseconds(300))
                            try await s.execute("UPDATE retry_rows SET v = v + 1 WHERE id = \(order[1])")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let values = try await db.read { s in try await s.query("SELECT v FROM retry_rows ORDER BY id").compactMap { $0.int("v") } }
            #expect(values == [2, 2])
            #expect(runs.count.withLock { $0 } == 3)
        }
    }
}
