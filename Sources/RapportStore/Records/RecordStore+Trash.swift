import Foundation
import RapportKit

extension RecordStore {
    /// Deleted records the actor may restore, newest deletion first. Merged duplicates and
    /// erased people are gone for good and never listed.
    public func trash(_ type: RecordType, limit: Int, actor: Actor) async throws -> [(record: StoredRecord, deletedAt: String)] {
        guard actor.viewer.map({ $0.role.allows(.delete, on: type.name) }) ?? true else { return [] }
        var clauses: [SQL] = ["deleted_at IS NOT NULL", "merged_into IS NULL"]
        if let visible = visibility(type, actor) { clauses.append(visible) }
        let c = codec(type)
        let statement: SQL = "SELECT \(raw: c.selectList), deleted_at FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND ")) ORDER BY deleted_at DESC, id DESC LIMIT \(limit)"
        let rows = try await db.read { s in try await s.query(statement) }
        return rows.map { (redact(c.decode($0), type, actor), $0.text("deleted_at") ?? "") }
    }

    /// Brings a deleted record back: its unique values must still be free, its search
    /// terms and memberships return, and the restore is audited.
    public func restore(_ type: RecordType, id: String, actor: Actor) async throws -> StoredRecord {
        try require(.delete, type, actor)
        guard RecordID.isValid(id) else { throw RecordError.notFound(type: type.name, id: id) }
        let restored = try await db.transaction { s -> StoredRecord in
            var clauses: [SQL] = ["id = \(id)", "deleted_at IS NOT NULL", "merged_into IS NULL"]
            if let visible = visibility(type, actor) { clauses.append(visible) }
            let c = codec(type)
            guard let row = try await s.query("SELECT \(raw: c.selectList) FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND "))").first else {
                throw RecordError.notFound(type: type.name, id: id)
            }
            var record = c.decode(row)
            try await self.claimKeys(s, type: type, keys: type.uniqueKeyValues(record.fields), id: id, actor: actor)
            let now = Timestamp.format(Date())
            try await s.execute("UPDATE \(raw: type.name) SET deleted_at = NULL, updated_at = \(now), updated_by = \(actor.userID), version = version + 1 WHERE id = \(id)")
            try await self.reindex(s, type: type, seq: record.seq, terms: try await self.searchTerms(s, type: type, record: record.fields), replacing: true)
            try await AuditLog.append(s, actor: actor, action: "restore", type: type.name, id: id, changes: nil, at: now)
            record.version += 1
            record.updatedAt = now
            record.updatedBy = actor.userID
            return record
        }
        return redact(restored, type, actor)
    }
}
