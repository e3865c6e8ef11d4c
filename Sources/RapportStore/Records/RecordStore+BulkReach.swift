import RapportKit

extension RecordStore {
    /// How many of `ids` the actor may not change: records outside their visibility, in the
    /// trash or gone. A bulk change refuses as a whole when any is, and says how many, so
    /// a selection that no longer matches what the user may touch changes nothing.
    public func outOfReach(_ type: RecordType, ids: [String], actor: Actor) async throws -> Int {
        try await db.read { s in try await self.outOfReach(s, type, ids: ids, actor: actor) }
    }

    func outOfReach(_ s: Session, _ type: RecordType, ids: [String], actor: Actor) async throws -> Int {
        let valid = Array(Set(ids.filter(RecordID.isValid)))
        guard !valid.isEmpty else { return Set(ids).count }
        var clauses: [SQL] = ["id IN (\(SQL.join(valid.map { "\($0)" }, ", ")))", "deleted_at IS NULL"]
        if let visible = visibility(type, actor) { clauses.append(visible) }
        let rows = try await s.query("SELECT COUNT(*) AS n FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND "))")
        return Set(ids).count - Int(rows.first?.int("n") ?? 0)
    }

    /// Refuses the whole bulk change, naming how many of the chosen records are out of reach.
    func requireReach(_ s: Session, _ type: RecordType, ids: [String], actor: Actor) async throws {
        let refused = try await outOfReach(s, type, ids: ids, actor: actor)
        guard refused > 0 else { return }
        throw RecordError.forbidden("\(refused) of the \(ids.count) chosen records may not be changed by you; nothing was changed.")
    }
}
