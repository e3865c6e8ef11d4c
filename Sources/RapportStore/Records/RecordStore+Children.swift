import RapportKit

/// Children follow their parent (``RecordType/parent``): a quote's lines, a deal's quotes
/// and contacts, an order's lines are owned by whoever owns the parent, so the visibility
/// that lets a rep see a deal lets them see what belongs to it, nothing of it stays with a
/// rep the deal was taken from, and deleting or restoring the parent does the same to them.
extension RecordStore {
    /// The types whose records belong to a record of `typeName`, with their parent rule.
    func childTypes(of typeName: String) -> [(type: RecordType, rule: ParentRule)] {
        catalog.types.compactMap { child in
            guard let rule = child.parent, rule.type == typeName, case .reference(let target) = child.field(rule.field)?.kind, target == typeName else { return nil }
            return (child, rule)
        }
    }

    /// The parent that keeps `record` as it is, and the parent's state, when its parent is
    /// in a final state (a line of an accepted quote); pages show such a record read-only.
    public func finalParent(_ type: RecordType, record: StoredRecord) async throws -> (type: RecordType, field: String, state: String)? {
        guard let rule = type.parent, let finalWhen = rule.finalWhen, let parentType = catalog[rule.type],
              let parentID = record.fields[rule.field]?.stringValue, RecordID.isValid(parentID) else { return nil }
        let state = try await db.read { s in
            try await s.query("SELECT \(raw: finalWhen.field) AS state FROM \(raw: parentType.name) WHERE id = \(parentID)").first?.text("state")
        }
        guard let state, finalWhen.values.contains(state) else { return nil }
        return (parentType, finalWhen.field, state)
    }

    /// Gives the children of record `id` (and theirs, down the tree) to `owner` inside the
    /// caller's transaction, each audited as the owner change it is.
    func handOverChildren(_ s: Session, of type: RecordType, id: String, to owner: String, actor: Actor, now: String) async throws {
        for (child, rule) in childTypes(of: type.name) where child.hasOwner {
            let field = rule.field
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

    /// Before record `id` goes to the trash: its live children go with it (at the same
    /// instant, so a restore knows them), are let go, or keep it from going, as each
    /// child type's rule says. Each child's delete runs the engine's delete with its rules.
    func deleteChildren(_ s: Session, of type: RecordType, id: String, actor: Actor, now: String) async throws {
        for (child, rule) in childTypes(of: type.name) {
            let ids = try await s.query("SELECT id FROM \(raw: child.name) WHERE \(raw: rule.field) = \(id) AND deleted_at IS NULL ORDER BY seq").compactMap { $0.text("id") }
            guard !ids.isEmpty else { continue }
            let full = try await self.type(named: child.name, in: s)
            switch rule.onDelete {
            case .refuse:
                throw RecordError.conflict("This \(type.singular) still has \(ids.count) \(child.singular) record(s); delete or move them first.")
            case .detach:
                for childID in ids {
                    _ = try await update(in: s, full, id: childID, changes: JSONObject([(rule.field, .null)]), ifMatch: nil, actor: actor.unrestricted)
                }
            case .cascade:
                try await ParentWriteRules.$deleting.withValue(ParentWriteRules.deleting.union([id])) {
                    for childID in ids { try await delete(in: s, full, id: childID, ifMatch: nil, actor: actor.unrestricted, now: now) }
                }
            }
        }
    }

    /// After record `id` came back from the trash: the children that went with it (deleted
    /// at the same instant) come back too.
    func restoreChildren(_ s: Session, of type: RecordType, id: String, deletedAt: String, actor: Actor) async throws {
        for (child, rule) in childTypes(of: type.name) where rule.onDelete == .cascade {
            let ids = try await s.query("""
                SELECT id FROM \(raw: child.name) WHERE \(raw: rule.field) = \(id) AND deleted_at = \(deletedAt) AND merged_into IS NULL ORDER BY seq
                """).compactMap { $0.text("id") }
            guard !ids.isEmpty else { continue }
            let full = try await self.type(named: child.name, in: s)
            for childID in ids { _ = try await restore(in: s, full, id: childID, actor: actor.unrestricted, withParent: true) }
        }
    }
}
