import RapportKit

extension RecordStore {
    /// The titles of records the actor may see, by id, for showing references as names.
    /// Ids of records they may not see are simply missing.
    public func titles(_ type: RecordType, ids: [String], actor: Actor) async throws -> [String: String] {
        let valid = Array(Set(ids.filter(RecordID.isValid))).sorted()
        guard !valid.isEmpty, actor.viewer.map({ $0.role.allows(.read, on: type.name) }) ?? true else { return [:] }
        var clauses: [SQL] = ["id IN (\(SQL.join(valid.map { "\($0)" }, ", ")))", "deleted_at IS NULL"]
        if let visible = visibility(type, actor) { clauses.append(visible) }
        let statement: SQL = "SELECT id, \(raw: type.titleField) FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND "))"
        let rows = try await db.read { s in try await s.query(statement) }
        var out: [String: String] = [:]
        for row in rows { if let id = row.text("id") { out[id] = row.text(type.titleField) ?? "" } }
        return out
    }
}
