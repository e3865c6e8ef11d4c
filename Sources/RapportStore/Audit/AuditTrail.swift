import Foundation
import RapportKit

/// Reading and adding audit entries outside record operations: sign-ins, token use, the
/// admin's audit viewer.
public struct AuditTrail: Sendable {
    public let db: Database

    public init(db: Database) {
        self.db = db
    }

    public func record(_ action: String, type: String? = nil, id: String? = nil, changes: JSONObject? = nil, actor: Actor) async throws {
        try await db.transaction { s in
            try await AuditLog.append(s, actor: actor, action: action, type: type, id: id, changes: changes.map(JSONValue.object), at: Timestamp.format(Date()))
        }
    }

    public struct Filter: Sendable {
        public var actorID: String?
        public var recordType: String?
        public var recordID: String?
        public var action: String?
        public var from: String?
        public var to: String?
        /// Entries older than this `seq` (the cursor).
        public var before: Int64?
        public var limit = 50
        public init() {}
    }

    /// Newest first.
    public func list(_ f: Filter) async throws -> (entries: [JSONObject], next: Int64?) {
        var clauses: [SQL] = ["1 = 1"]
        if let v = f.actorID { clauses.append("actor_id = \(v)") }
        if let v = f.recordType { clauses.append("record_type = \(v)") }
        if let v = f.recordID { clauses.append("record_id = \(v)") }
        if let v = f.action { clauses.append("action = \(v)") }
        if let v = f.from { clauses.append("at >= \(v)") }
        if let v = f.to { clauses.append("at < \(v)") }
        if let v = f.before { clauses.append("seq < \(v)") }
        let rows = try await db.read { s in
            try await s.query("SELECT \(raw: AuditChain.columns) FROM audit_log WHERE \(SQL.join(clauses, " AND ")) ORDER BY seq DESC LIMIT \(f.limit + 1)")
        }
        let entries = rows.prefix(f.limit).map { row -> JSONObject in
            let e = AuditChain.entry(row)
            func opt(_ v: String?) -> JSONValue { v.map(JSONValue.string) ?? .null }
            return JSONObject([
                ("id", .string(e.id)), ("seq", .number(String(e.seq))), ("at", .string(e.at)), ("actor_id", opt(e.actorID)),
                ("action", .string(e.action)), ("record_type", opt(e.recordType)), ("record_id", opt(e.recordID)),
                ("changes", e.changes.flatMap { try? JSONValue.parse($0) } ?? .null), ("request_id", opt(e.requestID)),
                ("address", opt(e.address)), ("redacted", .bool(e.redacted)), ("hash", opt(e.hash)), ("prev_hash", opt(e.prevHash)),
            ])
        }
        let next = rows.count > f.limit ? rows.dropLast().last?.int("seq") : nil
        return (Array(entries), next)
    }
}
