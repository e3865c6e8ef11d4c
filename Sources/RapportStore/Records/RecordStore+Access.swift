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
    func visibility(_ type: RecordType, _ actor: Actor, column: String = "owner_id") -> SQL? {
        guard let owners = actor.viewer?.visibleOwners(type) else { return nil }
        return "\(raw: column) IN (\(SQL.join(owners.sorted().map { "\($0)" }, ", ")))"
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
