import Foundation
import RapportKit
@testable import RapportStore
import Testing

/// The audit chain without a global write lock: entries are chained after commit, in
/// commit order, and the walk must reach the head kept outside the log.
@Suite struct AuditChainTests {
    /// Three tags give a create entry each, after the token's own entries.
    func entries(_ db: Database) async throws -> [(seq: Int64, id: String, pos: Int64)] {
        try await db.read { s in
            try await s.query("SELECT seq, id, chain_pos FROM audit_log ORDER BY chain_pos").map {
                ($0.int("seq") ?? 0, $0.text("id") ?? "", $0.int("chain_pos") ?? 0)
            }
        }
    }

    @Test(arguments: Backend.available)
    func everyEntryIsSealedRightAfterItsWrite(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<3 { _ = try await api.create("tags", #"{"name":"s\#(i)"}"#) }
            let all = try await entries(api.db)
            #expect(all.map { $0.pos } == Array(1...Int64(all.count)))
            let unsealed = try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE hash IS NULL").first?.int("n") }
            #expect(unsealed == 0)
            let head = try await api.db.read { s in try await AuditChain.head(s) }
            #expect(head?.position == Int64(all.count))
            let report = try await AuditChain.verify(api.db)
            #expect(report.isIntact && report.checked == all.count)
        }
    }

    @Test(arguments: Backend.available)
    func aTamperedEntryIsNamed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<4 { _ = try await api.create("tags", #"{"name":"e\#(i)"}"#) }
            let victim = try await entries(api.db)[2]
            try await api.db.transaction { s in
                try await s.execute("UPDATE audit_log SET record_id = 'someone-else' WHERE seq = \(victim.seq)")
            }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.id == victim.id)
            #expect(report.firstBroken?.reason == "its facts were altered")
        }
    }

    @Test(arguments: Backend.available)
    func anInsertedEntryIsNamed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<4 { _ = try await api.create("tags", #"{"name":"i\#(i)"}"#) }
            let all = try await entries(api.db)
            let at = all[2].pos
            let forged = RecordID.make()
            try await api.db.transaction { s in
                // Make room at position `at` (in two steps so the unique index never sees a clash).
                try await s.execute("UPDATE audit_log SET chain_pos = -chain_pos WHERE chain_pos >= \(at)")
                try await s.execute("UPDATE audit_log SET chain_pos = 1 - chain_pos WHERE chain_pos < 0")
                let before = try await s.query("SELECT hash FROM audit_log WHERE chain_pos = \(at - 1)").first?.text("hash") ?? ""
                try await s.execute("""
                    INSERT INTO audit_log (id, at, action, record_type, salt, digest, prev_hash, hash, chain_pos)
                    VALUES (\(forged), '2026-01-01T00:00:00.000Z', 'delete', 'tags', 'aa', \(String(repeating: "1", count: 64)), \(before),
                    \(String(repeating: "2", count: 64)), \(at))
                    """)
                try await s.execute("UPDATE audit_head SET chain_pos = chain_pos + 1")
            }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.id == forged)
        }
    }

    @Test(arguments: Backend.available)
    func aRemovedMiddleEntryIsNamedByTheOneAfterIt(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<4 { _ = try await api.create("tags", #"{"name":"m\#(i)"}"#) }
            let all = try await entries(api.db)
            try await api.db.transaction { s in try await s.execute("DELETE FROM audit_log WHERE seq = \(all[2].seq)") }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.id == all[3].id)
            #expect(report.firstBroken?.reason == "it does not follow the entry before it")
        }
    }

    @Test(arguments: Backend.available)
    func aRemovedTailIsCaught(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<4 { _ = try await api.create("tags", #"{"name":"t\#(i)"}"#) }
            let all = try await entries(api.db)
            let kept = all[all.count - 3]
            try await api.db.transaction { s in try await s.execute("DELETE FROM audit_log WHERE chain_pos > \(kept.pos)") }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.id == kept.id)
            #expect(report.firstBroken?.reason == "the log ends at chain position \(kept.pos) but its head records \(kept.pos + 2): the last 2 entries were removed")
            // Removing the head as well does not hide it.
            try await api.db.transaction { s in try await s.execute("DELETE FROM audit_head") }
            #expect(try await AuditChain.verify(api.db).firstBroken?.reason == "the chain's head is missing")
        }
    }

    @Test(arguments: Backend.available)
    func anEntryAppendedPastTheHeadIsNamed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("tags", #"{"name":"past"}"#)
            let last = try await entries(api.db).last!
            let forged = RecordID.make()
            try await api.db.transaction { s in
                let prev = try await s.query("SELECT hash FROM audit_log WHERE seq = \(last.seq)").first?.text("hash") ?? ""
                let salt = "00", digest = AuditChain.digest(salt: "00", changes: nil)
                var e = AuditChain.Entry(seq: 0, id: forged, at: "2026-01-01T00:00:00.000Z", action: "delete", recordType: "tags", salt: salt, digest: digest, redacted: false)
                e.prevHash = prev
                let hash = AuditChain.hash(prev: prev, e, digest: digest)
                try await s.execute("""
                    INSERT INTO audit_log (id, at, action, record_type, salt, digest, prev_hash, hash, chain_pos)
                    VALUES (\(forged), \(e.at), 'delete', 'tags', \(salt), \(digest), \(prev), \(hash), \(last.pos + 1))
                    """)
            }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.id == forged)
            #expect(report.firstBroken?.reason == "it lies beyond the chain's head")
        }
    }

    /// An open write on one record does not hold up a write on another: before, every
    /// audited write took one advisory lock until it committed.
    @Test(arguments: Backend.available.filter { $0 == .postgres })
    func anOpenWriteDoesNotHoldUpAnother(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (started, startedGo) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseGo) = AsyncStream.makeStream(of: Void.self)
            let held = Task {
                try await api.db.transaction { s in
                    try await AuditLog.append(s, actor: .system, action: "create", type: "tags", id: "held", changes: nil, at: Timestamp.format(Date()))
                    startedGo.yield()
                    for await _ in release { break }
                }
            }
            for await _ in started { break }
            let finishedFirst = await withTaskGroup(of: Bool.self) { group in
                group.addTask { (try? await api.create("tags", #"{"name":"not waiting"}"#)) != nil }
                // Generous for a loaded machine: with a lock held until commit the write
                // never finishes before the held transaction is released.
                group.addTask {
                    try? await Task.sleep(for: .seconds(60))
                    return false
                }
                let first = await group.next() ?? false
                releaseGo.finish()
                group.cancelAll()
                return first
            }
            try await held.value
            #expect(finishedFirst, "a write on another record waited for the open one")
            // The held entry took the lower seq but committed last: it is chained last.
            try await AuditSealer.seal(api.db)
            let order = try await api.db.read { s in try await s.query("SELECT record_id FROM audit_log ORDER BY chain_pos").compactMap { $0.text("record_id") } }
            #expect(order.last == "held")
            let report = try await AuditChain.verify(api.db)
            #expect(report.isIntact, "\(String(describing: report.firstBroken))")
        }
    }

    /// Concurrent writes on many records all land in one unbroken chain.
    @Test(arguments: Backend.available)
    func concurrentWritesChainWithoutForks(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<12 { group.addTask { _ = try await api.create("tags", #"{"name":"c\#(i)"}"#) } }
                try await group.waitForAll()
            }
            let report = try await AuditChain.verify(api.db)
            #expect(report.isIntact, "\(String(describing: report.firstBroken))")
            #expect(report.checked >= 12)
        }
    }

    /// A database chained under the old lock keeps verifying after the upgrade, and new
    /// entries chain on from its last hash.
    @Test(arguments: Backend.available)
    func entriesChainedBeforeTheUpgradeStayValid(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            // Back to the schema before this change, with a chain written the old way.
            try await db.transaction { s in
                try await s.execute("DROP INDEX audit_log_chain")
                try await s.execute("DROP INDEX audit_log_unsealed")
                try await s.execute("ALTER TABLE audit_log DROP COLUMN chain_pos")
                try await s.execute("DROP TABLE audit_head")
                try await s.execute("DROP TABLE signin_failures")
                try await s.execute("DELETE FROM schema_migrations WHERE version = 8")
                var prev = AuditChain.genesis
                for i in 0..<3 {
                    let id = RecordID.make(), salt = "0\(i)", at = "2026-01-0\(i + 1)T00:00:00.000Z"
                    let digest = AuditChain.digest(salt: salt, changes: nil)
                    let e = AuditChain.Entry(seq: 0, id: id, at: at, action: "create", recordType: "tags", recordID: "old\(i)", salt: salt, digest: digest, redacted: false)
                    let hash = AuditChain.hash(prev: prev, e, digest: digest)
                    try await s.execute("""
                        INSERT INTO audit_log (id, at, action, record_type, record_id, salt, digest, prev_hash, hash)
                        VALUES (\(id), \(at), 'create', 'tags', \(e.recordID), \(salt), \(digest), \(prev), \(hash))
                        """)
                    prev = hash
                }
            }
            #expect(try await Migrator.migrate(db) == [8])
            #expect(try await AuditChain.verify(db).checked == 3)
            try await AuditTrail(db: db).record("note", actor: .system)
            let report = try await AuditChain.verify(db)
            #expect(report.isIntact && report.checked == 4)
            try await db.transaction { s in try await s.execute("DELETE FROM audit_log WHERE record_id = 'old2'") }
            #expect(try await AuditChain.verify(db).firstBroken?.reason == "it does not follow the entry before it")
        }
    }
}
