import Foundation
import RapportKit

/// Appends to the audit trail inside the caller's transaction, so an audited change and
/// its entry are written together or not at all.
enum AuditLog {
    static func append(
        _ s: Session, actor: Actor, action: String, type: String?, id: String?, changes: JSONValue?, at: String
    ) async throws {
        try await s.execute("""
            INSERT INTO audit_log (id, at, actor_id, action, record_type, record_id, changes, request_id, address)
            VALUES (\(RecordID.make()), \(at), \(actor.userID), \(action), \(type), \(id), \(changes?.serialized()), \(actor.requestID), \(actor.address))
            """)
    }

    /// `{ field: [before, after] }` for the fields that differ.
    static func diff(before: JSONObject, after: JSONObject, fields: [FieldSpec]) -> JSONObject {
        var out = JSONObject()
        for f in fields {
            let b = before[f.name] ?? .null, a = after[f.name] ?? .null
            if !sameValue(a, b) { out[f.name] = .array([b, a]) }
        }
        return out
    }

    /// Empty lists and null mean the same thing to a user.
    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if a == b { return true }
        let emptyA = a.isNull || a.arrayValue?.isEmpty == true
        let emptyB = b.isNull || b.arrayValue?.isEmpty == true
        return emptyA && emptyB
    }
}
