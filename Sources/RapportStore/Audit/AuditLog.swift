import Foundation
import RapportKit

/// Appends to the audit trail inside the caller's transaction, so an audited change and
/// its entry are written together or not at all.
enum AuditLog {
    /// Writes the entry unchained: no lock and no read of the newest hash, so writers on
    /// different records never wait for each other here. The transaction is marked, and
    /// once it commits ``AuditSealer`` gives the entry its place and hash in the chain.
    static func append(
        _ s: Session, actor: Actor, action: String, type: String?, id: String?, changes: JSONValue?, at: String
    ) async throws {
        let payload = changes?.serialized()
        let salt = AuditChain.newSalt()
        let digest = AuditChain.digest(salt: salt, changes: payload)
        try await s.execute("""
            INSERT INTO audit_log (id, at, actor_id, action, record_type, record_id, changes, request_id, address, salt, digest)
            VALUES (\(RecordID.make()), \(at), \(actor.userID), \(action), \(type), \(id), \(payload), \(actor.requestID), \(actor.address),
            \(salt), \(digest))
            """)
        s.marks?.markAudit()
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
