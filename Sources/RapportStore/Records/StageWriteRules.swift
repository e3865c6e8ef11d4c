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
        guard let stages = type.stages else { return [] }
        _ = try await get(type, id: id, actor: actor)
        return try await db.read { s in
            try await s.query("""
                SELECT from_value, to_value, at, actor_id, reason FROM stage_history
                WHERE record_type = \(type.name) AND record_id = \(id) AND field = \(stages.field) ORDER BY seq
                """).map { row in
                StageMove(from: row.text("from_value"), to: row.text("to_value") ?? "", at: row.int("at") ?? 0, actorID: row.text("actor_id"), reason: row.text("reason"))
            }
        }
    }
}
