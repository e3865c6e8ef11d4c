import RapportKit

/// Children follow their parent (``RecordType/parentField``): a quote's lines, a deal's
/// quotes and contacts, an order's lines are owned by whoever owns the parent, so the
/// visibility that lets a rep see a deal lets them see what belongs to it, and nothing of
/// it stays with a rep the deal was taken from.
extension RecordStore {
    /// The types whose records belong to a record of `typeName`, with their parent field.
    func childTypes(of typeName: String) -> [(type: RecordType, field: String)] {
        catalog.types.compactMap { child in
            guard child.hasOwner, let field = child.parentField, case .reference(let target) = child.field(field)?.kind, target == typeName else { return nil }
            return (child, field)
        }
    }

    /// Gives the children of record `id` (and theirs, down the tree) to `owner` inside the
    /// caller's transaction, each audited as the owner change it is.
    func handOverChildren(_ s: Session, of type: RecordType, id: String, to owner: String, actor: Actor, now: String) async throws {
        for (child, field) in childTypes(of: type.name) {
            let rows = try await s.query("SELECT id, owner_id FROM \(raw: child.name) WHERE \(raw: field) = \(id) AND (owner_id IS NULL OR owner_id <> \(owner))")
            guard !rows.isEmpty else { continue }
            try await s.execute("""
                UPDATE \(raw: child.name) SET owner_id = \(owner), updated_at = \(now), updated_by = \(actor.userID), version = version + 1
                WHERE \(raw: field) = \(id) AND (owner_id IS NULL OR owner_id <> \(owner))
                """)
            for row in rows {
                guard let childID = row.text("id") else { continue }
                let change = JSONValue.array([row.text("owner_id").map(JSONValue.string) ?? .null, .string(owner)])
                try await AuditLog.append(s, actor: actor, action: "update", type: child.name, id: childID, changes: .object(JSONObject([("owner_id", change)])), at: now)
                try await handOverChildren(s, of: child, id: childID, to: owner, actor: actor, now: now)
            }
        }
    }
}
