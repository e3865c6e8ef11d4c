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
/// log whose last entries were deleted no longer reaches its head; its signature
/// (`audit_seal`, see ``AuditHeadSigner``) means the head cannot be moved back to match
/// without the key.
enum AuditSealer {
    static let lockKey: Int = 7420152
    static let batch = 500

    /// Seals whatever is pending; a failure leaves entries unsealed for the next writer or
    /// `rapport audit verify`, and never fails the write that already committed.
    /// Writers committing together share one seal (``AuditSealGroup``).
    static func sealAfterCommit(_ db: Database) async {
        await db.auditSeals.afterCommit {
            do { _ = try await seal(db) } catch {
                db.logger.error("audit sealing failed; entries stay unsealed until the next write", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Returns how many entries it sealed.
    ///
    /// With the signing key (``AuditSigning``) the new head is signed in the same
    /// transaction, and a head that fails its signature or stands behind this host's
    /// checkpoint is not built on: its entries stay unsealed, so nothing new is ever
    /// signed on top of a rewound log, and `rapport audit verify` names the problem.
    /// Without the key a signed head is not moved either, because the head would then
    /// carry a signature that no longer fits it; a process with the key seals later.
    @discardableResult
    static func seal(_ db: Database) async throws -> Int {
        let signer = db.auditSigning.signer
        var total = 0
        while true {
            // Read before the head, so it can never be ahead of it (see AuditHeadCheck).
            let checkpoint: AuditCheckpoint.Reading = signer.map(AuditHeadCheck.checkpoint) ?? AuditCheckpoint.Reading.absent
            let outcome = try await db.transaction { s in try await sealBatch(s, signer: signer, checkpoint: checkpoint) }
            guard let sealed = settle(outcome, db) else { return total }
            total += sealed
            if sealed < batch { return total }
        }
    }

    /// Seals inside a writer's own transaction, just before its commit: on SQLite the writer
    /// already holds the one write lock the sealer would take, so one transaction does the
    /// work of two (half the commits, and no second write of the log's pages). A failure
    /// rolls back only the sealing and leaves the write to commit; nil then, and the caller
    /// seals after its commit as PostgreSQL's writers do.
    static func sealInside(_ s: Session, _ db: Database) async -> Outcome? {
        let signer = db.auditSigning.signer
        let checkpoint: AuditCheckpoint.Reading = signer.map(AuditHeadCheck.checkpoint) ?? AuditCheckpoint.Reading.absent
        do {
            return try await RecordStore.savepoint(s) { try await sealBatch(s, signer: signer, checkpoint: checkpoint) }
        } catch {
            db.logger.warning("audit sealing inside the write failed; sealing after its commit", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// What a committed seal leaves to do: the checkpoint advanced, a refusal logged.
    /// Returns how many entries it sealed, or nil when the chain refused them.
    static func settle(_ outcome: Outcome, _ db: Database) -> Int? {
        switch outcome {
        case .refused(let problem):
            db.logger.error("audit entries stay unsealed: the chain's head is not trusted", metadata: ["problem": "\(problem)"])
            return nil
        case .withoutKey:
            db.logger.warning("audit entries stay unsealed: the chain's head is signed and this process has no key (RAPPORT_SECRET_KEY_FILE); a process with the key seals them")
            return nil
        case .sealed(let sealed, let mark):
            // After the commit: the checkpoint never records a head that could roll back.
            if let mark, let signer = db.auditSigning.signer, let checkpoint = signer.checkpoint {
                do { try checkpoint.advance(to: mark, signer) } catch {
                    db.logger.warning("the audit checkpoint was not written", metadata: ["error": "\(error)"])
                }
            }
            return sealed
        }
    }

    /// One batch of up to ``batch`` entries chained onto the head, in `s`'s transaction.
    static func sealBatch(_ s: Session, signer: AuditHeadSigner?, checkpoint: AuditCheckpoint.Reading) async throws -> Outcome {
        // Keyed by schema too: each schema holds its own chain.
        if s.dialect == .postgres { try await s.execute("SELECT pg_advisory_xact_lock(\(raw: String(lockKey)), hashtext(current_schema()))") }
        // Without a head there is nothing trustworthy to chain onto; verify reports it.
        guard let head = try await AuditHeadCheck.read(s) else { return .sealed(0, nil) }
        if let signer, let problem = try await AuditHeadCheck.problem(head, signer, checkpoint: checkpoint, mayBeUnsigned: true, s) {
            return .refused(problem)
        }
        var position = head.position, previous = head.hash
        let rows = try await s.query("""
            SELECT \(raw: AuditChain.columns) FROM audit_log WHERE chain_pos IS NULL AND digest IS NOT NULL ORDER BY seq LIMIT \(batch)
            """)
        if signer == nil, head.signature != nil { return rows.isEmpty ? .sealed(0, nil) : .withoutKey }
        // A head nobody signed yet (a database from before signatures) is signed now.
        if rows.isEmpty && (signer == nil || head.signature != nil) { return .sealed(0, nil) }
        var sealed: [SQL] = []
        for row in rows {
            let e = AuditChain.entry(row)
            position += 1
            let hash = AuditChain.hash(prev: previous, e, digest: e.digest ?? "")
            sealed.append("(\(e.seq), \(position), \(previous), \(hash))")
            previous = hash
        }
        // One statement per hundred entries rather than one per entry.
        for start in stride(from: 0, to: sealed.count, by: 100) {
            try await s.execute("""
                WITH v (seq, pos, prev, hash) AS (VALUES \(SQL.join(Array(sealed[start..<min(start + 100, sealed.count)]), ", ")))
                UPDATE audit_log SET chain_pos = v.pos, prev_hash = v.prev, hash = v.hash FROM v WHERE audit_log.seq = v.seq
                """)
        }
        let now = Timestamp.format(Date())
        if !rows.isEmpty {
            try await s.execute("UPDATE audit_head SET chain_pos = \(position), hash = \(previous), sealed_at = \(now) WHERE id = 1")
        }
        guard let signer, let chainID = head.chainID else { return .sealed(rows.count, nil) }
        let signature = signer.sign(chainID: chainID, position: position, hash: previous)
        try await s.execute("UPDATE audit_seal SET signature = \(signature), signed_at = \(now) WHERE id = 1")
        return .sealed(rows.count, AuditCheckpoint.Mark(chainID: chainID, position: position, hash: previous, at: now))
    }

    enum Outcome: Sendable {
        case sealed(Int, AuditCheckpoint.Mark?)
        case refused(AuditHeadCheck.Problem)
        case withoutKey
    }
}
