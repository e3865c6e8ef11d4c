import Foundation
import Logging
import RapportKit

/// Chains audit entries after their transactions commit.
///
/// Writers insert entries without a hash and without any lock, so two writes on different
/// records never wait for each other because of the log. Sealing takes the chain's one
/// short lock (an advisory lock on PostgreSQL, the single writer on SQLite) in a
/// transaction of its own, outside every record transaction, and gives each committed,
/// unsealed entry the next chain position, the hash before it and its own hash. Positions
/// follow the order in which entries became visible to the sealer, which on PostgreSQL is
/// not `seq` order: a transaction that took a lower `seq` may commit later.
///
/// The head (`audit_head`: the last position and its hash) lives outside the log, so a
/// log whose last entries were deleted no longer reaches its head.
enum AuditSealer {
    static let lockKey: Int = 7420152
    static let batch = 500

    /// Seals whatever is pending; a failure leaves entries unsealed for the next writer or
    /// `rapport audit verify`, and never fails the write that already committed.
    static func sealAfterCommit(_ db: Database) async {
        do { _ = try await seal(db) } catch {
            db.logger.error("audit sealing failed; entries stay unsealed until the next write", metadata: ["error": "\(error)"])
        }
    }

    /// Returns how many entries it sealed.
    @discardableResult
    static func seal(_ db: Database) async throws -> Int {
        var total = 0
        while true {
            let sealed = try await db.transaction { s -> Int in
                // Keyed by schema too: each schema holds its own chain.
                if s.dialect == .postgres { try await s.execute("SELECT pg_advisory_xact_lock(\(raw: String(lockKey)), hashtext(current_schema()))") }
                // Without a head there is nothing trustworthy to chain onto; verify reports it.
                guard let head = try await s.query("SELECT chain_pos, hash FROM audit_head WHERE id = 1").first,
                      var position = head.int("chain_pos"), var previous = head.text("hash") else { return 0 }
                let rows = try await s.query("""
                    SELECT \(raw: AuditChain.columns) FROM audit_log WHERE chain_pos IS NULL AND digest IS NOT NULL ORDER BY seq LIMIT \(batch)
                    """)
                if rows.isEmpty { return 0 }
                for row in rows {
                    let e = AuditChain.entry(row)
                    position += 1
                    let hash = AuditChain.hash(prev: previous, e, digest: e.digest ?? "")
                    try await s.execute("UPDATE audit_log SET chain_pos = \(position), prev_hash = \(previous), hash = \(hash) WHERE seq = \(e.seq)")
                    previous = hash
                }
                try await s.execute("UPDATE audit_head SET chain_pos = \(position), hash = \(previous), sealed_at = \(Timestamp.format(Date())) WHERE id = 1")
                return rows.count
            }
            total += sealed
            if sealed < batch { return total }
        }
    }
}
