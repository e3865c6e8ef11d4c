import Foundation
import RapportKit

/// Appends to the audit trail inside the caller's transaction, so an audited change and
/// its entry are written together or not at all.
enum AuditLog {
    /// Chains the entry to the newest one. On PostgreSQL a transaction-scoped advisory lock
    /// orders concurrent writers (SQLite writers are already one at a time), so the chain
    /// never forks; the lock is held only until the writer commits.
    static func append(
        _ s: Session, actor: Actor, action: String, type: String?, id: String?, changes: JSONValue?, at: String
    ) async throws {
        try await s.lockExclusively("audit-chain")
        let prev = try await s.query("SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1").first?.text("hash") ?? AuditChain.genesis
        let payload = changes?.serialized()
        let salt = AuditChain.newSalt()
        let digest = AuditChain.digest(salt: salt, changes: payload)
        let entry = AuditChain.Entry(
            seq: 0, id: RecordID.make(), at: at, actorID: actor.userID, action: action, recordType: type, recordID: id,
            changes: payload, requestID: actor.requestID, address: actor.address, salt: salt, digest: digest,
            prevHash: prev, hash: nil, redacted: false)
        let hash = AuditChain.hash(prev: prev, entry, digest: digest)
        try await s.execute("""
            INSERT INTO audit_log (id, at, actor_id, action, record_type, record_id, changes, request_id, address, salt, digest, prev_hash, hash)
            VALUES (\(entry.id), \(at), \(actor.userID), \(action), \(type), \(id), \(payload), \(actor.requestID), \(actor.address),
            \(salt), \(digest), \(prev), \(hash))
            """)
    }

    /// `{ field: [before, after] }` for the fields that differ.
    static func diff(before: JSONObject, after: JSONObject, fields: [FieldSpec]) -> JSONObject {
        var out = JSONObject()
        for f in fields {
            let b = before[f.name] ?? .null, a = after[f.name] ?? .null
            if sameValue(a, b) { continue }
            // Encrypted fields stay out of the log: it says that they changed, not to what.
            out[f.name] = f.isEncrypted ? .array([.string(sensitiveMark), .string(sensitiveMark)]) : .array([b, a])
        }
        return out
    }

    static let sensitiveMark = "[encrypted]"

    /// Empty lists and null mean the same thing to a user.
    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if a == b { return true }
        let emptyA = a.isNull || a.arrayValue?.isEmpty == true
        let emptyB = b.isNull || b.arrayValue?.isEmpty == true
        return emptyA && emptyB
    }
}
