import RapportKit

/// The reference rule of every write, for one record (the API) or a batch (imports, bulk
/// creates): one implementation, so an import cannot accept what the API refuses.
extension RecordStore {
    /// One record's references to check: the fields to look at (nil: all) and a new owner.
    struct ReferenceCheck: Sendable {
        var record: JSONObject
        var changedFields: Set<String>? = nil
        var owner: String? = nil
    }

    /// Every referenced record must exist and be live; the owner must be an active user.
    /// References to records the actor cannot see are as unknown as missing ones.
    func checkReferences(_ s: Session, type: RecordType, record: JSONObject, changedFields: Set<String>?, owner: String?, actor: Actor) async throws {
        let errors = try await referenceErrors(s, type: type, [ReferenceCheck(record: record, changedFields: changedFields, owner: owner)], actor: actor)
        if let first = errors.first, !first.isEmpty { throw RecordError.invalid(first) }
    }

    /// The reference errors of each record, in input order, found with one query per
    /// referenced table and chunk of ids rather than one per cell.
    func referenceErrors(_ s: Session, type: RecordType, _ checks: [ReferenceCheck], actor: Actor) async throws -> [[FieldError]] {
        enum Target: Hashable { case record(String), user, team }
        struct Wanted { var field: String; var target: Target; var id: String }
        var wanted: [[Wanted]] = []
        var idsByTarget: [Target: Set<String>] = [:]
        for check in checks {
            var list: [Wanted] = []
            for field in type.fields where check.changedFields?.contains(field.name) ?? true {
                let value = check.record[field.name]
                switch field.kind {
                case .reference(let t):
                    if let id = value?.stringValue { list.append(Wanted(field: field.name, target: .record(t), id: id)) }
                case .references(let t):
                    for id in (value?.arrayValue ?? []).compactMap(\.stringValue) { list.append(Wanted(field: field.name, target: .record(t), id: id)) }
                case .links:
                    for item in value?.arrayValue ?? [] {
                        guard let o = item.objectValue, let t = o["type"]?.stringValue, let id = o["id"]?.stringValue else { continue }
                        list.append(Wanted(field: field.name, target: .record(t), id: id))
                    }
                case .user:
                    if let id = value?.stringValue { list.append(Wanted(field: field.name, target: .user, id: id)) }
                case .team:
                    if let id = value?.stringValue { list.append(Wanted(field: field.name, target: .team, id: id)) }
                default:
                    continue
                }
            }
            if let owner = check.owner { list.append(Wanted(field: "owner_id", target: .user, id: owner)) }
            for w in list { idsByTarget[w.target, default: []].insert(w.id) }
            wanted.append(list)
        }
        var found: [Target: Set<String>] = [:]
        for (target, ids) in idsByTarget {
            let sorted = ids.sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = SQL.join(sorted[start..<min(start + 500, sorted.count)].map { "\($0)" }, ", ")
                let rows: [Row]
                switch target {
                case .user:
                    rows = try await s.query("SELECT id FROM users WHERE id IN (\(chunk)) AND active = 1")
                case .team:
                    rows = try await s.query("SELECT id FROM teams WHERE id IN (\(chunk))")
                case .record(let t):
                    guard let targetType = catalog[t] else { continue }
                    var clauses: [SQL] = ["id IN (\(chunk))", "deleted_at IS NULL"]
                    if let visible = visibility(targetType, actor) { clauses.append(visible) }
                    rows = try await s.query("SELECT id FROM \(raw: t) WHERE \(SQL.join(clauses, " AND "))")
                }
                for row in rows { if let id = row.text("id") { found[target, default: []].insert(id) } }
            }
        }
        return wanted.map { list in
            list.compactMap { w -> FieldError? in
                if found[w.target]?.contains(w.id) == true { return nil }
                switch w.target {
                case .user: return FieldError(field: w.field, code: "invalid_reference", message: "No active user has the id \(w.id).")
                case .team: return FieldError(field: w.field, code: "invalid_reference", message: "No team has the id \(w.id).")
                case .record(let t):
                    guard let targetType = catalog[t] else {
                        return FieldError(field: w.field, code: "invalid_reference", message: "Unknown record type '\(t)'.")
                    }
                    return FieldError(field: w.field, code: "invalid_reference", message: "No \(targetType.singular) has the id \(w.id).")
                }
            }
        }
    }
}
