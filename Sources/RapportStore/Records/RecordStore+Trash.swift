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
        let restored = try await db.transaction { s in try await self.restore(in: s, type, id: id, actor: actor) }
        return redact(restored, type, actor)
    }

    /// The restore itself, inside the caller's transaction; the children deleted with the
    /// record come back with it. A child restored on its own needs a live parent that is
    /// not final; one coming back `withParent` returns as it left.
    func restore(in s: Session, _ type: RecordType, id: String, actor: Actor, withParent: Bool = false) async throws -> StoredRecord {
        var clauses: [SQL] = ["id = \(id)", "deleted_at IS NOT NULL", "merged_into IS NULL"]
        if let visible = visibility(type, actor) { clauses.append(visible) }
        let c = codec(type)
        guard let row = try await s.query("SELECT \(raw: c.selectList), deleted_at FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND "))").first else {
            throw RecordError.notFound(type: type.name, id: id)
        }
        var record = c.decode(row)
        if let parent = type.parent, let parentID = record.fields[parent.field]?.stringValue,
           try await !s.query("SELECT 1 AS found FROM \(raw: parent.type) WHERE id = \(parentID) AND deleted_at IS NOT NULL").isEmpty {
            throw RecordError.conflict("Its \(catalog[parent.type]?.singular ?? parent.type) is in the trash; restore that first.")
        }
        if !withParent, let parent = type.parent, let parentType = catalog[parent.type], let parentID = record.fields[parent.field]?.stringValue {
            try await ParentWriteRules.checkFinal(parent, of: parentType, s, parentID: parentID)
        }
        try await self.claimKeys(s, type: type, keys: type.uniqueKeyValues(record.fields), id: id, actor: actor)
        let now = Timestamp.format(Date())
        try await s.execute("UPDATE \(raw: type.name) SET deleted_at = NULL, updated_at = \(now), updated_by = \(actor.userID), version = version + 1 WHERE id = \(id)")
        try await self.reindex(s, type: type, seq: record.seq, terms: try await self.searchTerms(s, type: type, record: record.fields), replacing: true)
        try await AuditLog.append(s, actor: actor, action: "restore", type: type.name, id: id, changes: nil, at: now)
        if let deletedAt = row.text("deleted_at") { try await restoreChildren(s, of: type, id: id, deletedAt: deletedAt, actor: actor) }
        record.version += 1
        record.updatedAt = now
        record.updatedBy = actor.userID
        return record
    }
}
