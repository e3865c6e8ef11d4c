import RapportKit

/// The write half of ``StageRule``, joined to a type's own rules by the engine like
/// ``ParentWriteRules``: every path that writes (API, pages, imports, bulk changes) refuses
/// the moves the procedure forbids, and every move it allows lands in `stage_history` with
/// its time, who made it and the reason given, inside the write's transaction.
enum StageWriteRules {
    static func joined(_ rules: [String: WriteRules], catalog: RecordCatalog) -> [String: WriteRules] {
        var out = rules
        for type in catalog.types {
            guard let stages = type.stages else { continue }
            let own = rules[type.name]
            out[type.name] = WriteRules(
                before: { store, s, record, existing in
                    var record = record
                    let from = existing?.fields[stages.field]?.stringValue
                    let to = record[stages.field]?.stringValue
                    if let reasonField = stages.reasonField, from != to, existing != nil, WriteRules.written?.contains(reasonField) == false {
                        // A reason belongs to the move it was given for, not to the next one.
                        record[reasonField] = .null
                    }
                    if let error = stages.check(from: from, to: to, reason: stages.reasonField.flatMap { record[$0]?.stringValue }) {
                        throw RecordError.invalid([error])
                    }
                    if let before = own?.before { record = try await before(store, s, record, existing) }
                    return record
                },
                after: { store, s, before, after, actor, now in
                    try await own?.after?(store, s, before, after, actor, now)
                    if let before, before.version == after.version { return }  // a delete
                    let from = before?.fields[stages.field]?.stringValue
                    guard let to = after.fields[stages.field]?.stringValue, from != to else { return }
                    let reason = stages.reasonField.flatMap { after.fields[$0]?.stringValue }
                    try await s.execute("""
                        INSERT INTO stage_history (record_type, record_id, field, from_value, to_value, at, actor_id, reason)
                        VALUES (\(type.name), \(after.id), \(stages.field), \(from), \(to), \(Timestamp.parse(now) ?? 0), \(actor.userID), \(reason))
                        """)
                },
                merged: own?.merged
            )
        }
        return out
    }
}

extension RecordStore {
    /// The moves of `id`'s procedure field in the order they were made, for a reader who
    /// may see the record.
    public func stageHistory(_ type: RecordType, id: String, actor: Actor) async throws -> [StageMove] {
        _ = try await get(type, id: id, actor: actor)
        return try await stageHistories(type, ids: [id], actor: actor)[id] ?? []
    }

    /// The moves of many records in one query (a report's cycle times), by record id; the
    /// records the actor may not see have none.
    public func stageHistories(_ type: RecordType, ids: [String], actor: Actor) async throws -> [String: [StageMove]] {
        guard let stages = type.stages, !ids.isEmpty else { return [:] }
        try require(.read, type, actor)
        var visible: [SQL] = ["r.deleted_at IS NULL"]
        if let rule = visibility(type, actor, column: "r.owner_id") { visible.append(rule) }
        var out: [String: [StageMove]] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = SQL.join(ids[start..<min(start + 500, ids.count)].map { "\($0)" }, ", ")
            let rows = try await db.read { s in
                try await s.query("""
                    SELECT h.record_id, h.from_value, h.to_value, h.at, h.actor_id, h.reason FROM stage_history h
                    JOIN \(raw: type.name) r ON r.id = h.record_id AND \(SQL.join(visible, " AND "))
                    WHERE h.record_type = \(type.name) AND h.field = \(stages.field) AND h.record_id IN (\(chunk)) ORDER BY h.seq
                    """)
            }
            for row in rows {
                out[row.text("record_id") ?? "", default: []].append(StageMove(
                    from: row.text("from_value"), to: row.text("to_value") ?? "", at: row.int("at") ?? 0, actorID: row.text("actor_id"), reason: row.text("reason")))
            }
        }
        return out
    }
}
