import RapportKit

/// The access rules every engine operation applies, so each record type — today's and
/// those to come — gets them without code of its own.
extension RecordStore {
    /// 403 when the actor's role does not grant `action` on `type`. Routes call it
    /// before reading a large body; the engine calls it again in every operation.
    public func require(_ action: RecordAction, _ type: RecordType, _ actor: Actor) throws {
        guard let viewer = actor.viewer, !viewer.role.allows(action, on: type.name) else { return }
        throw RecordError.forbidden("The \(viewer.role.label) role may not \(action.rawValue) \(type.name).")
    }

    /// The rows of `type` the actor may see, as a condition on `column` (the owner column,
    /// qualified as the query names the table); nil when all. It is the reader's
    /// ``VisibilityRule``, so a child is seen only with its parent.
    func visibility(_ type: RecordType, _ actor: Actor, column: String = "owner_id") -> SQL? {
        guard let rule = actor.viewer?.visibility(type, in: catalog) else { return nil }
        let qualifier = column.split(separator: ".").dropLast().map { $0 + "." }.joined()
        return Self.condition(rule, qualifier: qualifier)
    }

    /// A visibility rule as SQL over the table `qualifier` names (empty: unqualified).
    static func condition(_ rule: VisibilityRule, qualifier: String) -> SQL {
        switch rule {
        case .owners(let owners):
            guard !owners.isEmpty else { return "1 = 0" }
            return "\(raw: qualifier)owner_id IN (\(SQL.join(owners.sorted().map { "\($0)" }, ", ")))"
        case .parent(let field, let table, let parentRule):
            guard let parentRule else { return "1 = 1" }
            let column = qualifier + field
            return "(\(raw: column) IS NULL OR \(raw: column) IN (SELECT \(raw: table).id FROM \(raw: table) WHERE \(condition(parentRule, qualifier: table + "."))))"
        case .noParent(let field):
            return "\(raw: qualifier + field) IS NULL"
        case .group(let field, let groups, let owners):
            let group = qualifier + field
            let byOwner: SQL = owners.map { $0.isEmpty ? "1 = 0" : "\(raw: qualifier)owner_id IN (\(SQL.join($0.sorted().map { "\($0)" }, ", ")))" } ?? "1 = 1"
            if groups.isEmpty { return "(\(raw: group) IS NULL AND \(byOwner))" }
            return "(\(raw: group) IN (\(SQL.join(groups.sorted().map { "\($0)" }, ", "))) OR (\(raw: group) IS NULL AND \(byOwner)))"
        case .partner(let field, let partnerships, let flag):
            guard !partnerships.isEmpty else { return "1 = 0" }
            let scope: SQL = "\(raw: qualifier + field) IN (\(SQL.join(partnerships.sorted().map { "\($0)" }, ", ")))"
            return flag.map { "(\(scope) AND \(raw: qualifier + $0) = 1)" } ?? scope
        case .all(let rules):
            return SQL("(") + SQL.join(rules.map { condition($0, qualifier: qualifier) }, " AND ") + SQL(")")
        }
    }

    /// `type` without the fields the actor's role hides. Parse queries and validate input
    /// against it, so a hidden field is unknown rather than revealed by an error.
    public func view(_ type: RecordType, for actor: Actor) -> RecordType {
        guard let viewer = actor.viewer else { return type }
        return type.hiding(viewer.hiddenFields(type))
    }

    /// The record as the actor may read it.
    func redact(_ record: StoredRecord, _ type: RecordType, _ actor: Actor) -> StoredRecord {
        guard let hidden = actor.viewer?.hiddenFields(type), !hidden.isEmpty else { return record }
        var copy = record
        for name in hidden { copy.fields[name] = nil }
        return copy
    }

    /// Owners may be handed only to users whose records the actor can see.
    func checkAssignable(_ type: RecordType, owner: String?, _ actor: Actor) throws {
        guard let owner, let viewer = actor.viewer, !viewer.mayAssign(type, to: owner) else { return }
        throw RecordError.forbidden("The \(viewer.role.label) role may not give \(type.name) to that user.")
    }
}
