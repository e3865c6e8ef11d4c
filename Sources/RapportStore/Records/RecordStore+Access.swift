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

    /// The rows of `type` the actor may see, as a condition on `column`; nil when all.
    /// A type with a group field (tickets) is seen by its group's members under team
    /// visibility, falling back to the owner's team for a record without a group; its
    /// children are seen exactly when their parent is, whoever owns them.
    func visibility(_ type: RecordType, _ actor: Actor, column: String = "owner_id") -> SQL? {
        guard let viewer = actor.viewer else { return nil }
        let prefix = column.firstIndex(of: ".").map { String(column[...$0]) } ?? ""
        if let parentField = type.parentField, case .reference(let parentName) = type.field(parentField)?.kind,
           let parent = catalog[parentName], parent.groupField != nil {
            guard let inner = visibility(parent, actor) else { return nil }
            return "\(raw: prefix + parentField) IN (SELECT id FROM \(raw: parent.name) WHERE \(inner))"
        }
        guard let owners = viewer.visibleOwners(type) else { return nil }
        let byOwner: SQL = "\(raw: column) IN (\(SQL.join(owners.sorted().map { "\($0)" }, ", ")))"
        guard let groups = viewer.visibleGroups(type), let field = type.groupField else { return byOwner }
        let group = prefix + field
        if groups.isEmpty { return "(\(raw: group) IS NULL AND \(byOwner))" }
        return "(\(raw: group) IN (\(SQL.join(groups.sorted().map { "\($0)" }, ", "))) OR (\(raw: group) IS NULL AND \(byOwner)))"
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
