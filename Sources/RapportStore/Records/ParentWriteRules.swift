import RapportKit

/// The write half of ``ParentRule``, joined to a child type's own write rules by the
/// engine, so every path that writes records through those rules (the API, imports, bulk
/// changes, merges, the quote builder, records a rule makes) applies it alike: the child
/// takes its parent's owner, and no child of a final parent is added, changed, moved or
/// removed.
enum ParentWriteRules {
    /// `rules` with the parent rule of every type that declares one run first.
    static func joined(_ rules: [String: WriteRules], catalog: RecordCatalog) -> [String: WriteRules] {
        var out = rules
        for type in catalog.types {
            guard let parent = type.parent, let parentType = catalog[parent.type] else { continue }
            let own = rules[type.name]
            let siblings = siblingFields(of: type, parent: parent, catalog: catalog)
            out[type.name] = WriteRules(
                before: { store, s, record, existing in
                    var record = try await follow(parent, of: parentType, s, record, existing)
                    if let parentID = record[parent.field]?.stringValue {
                        for sibling in siblings {
                            let named = Set(JSONValue.ids(record[sibling.field])).subtracting(JSONValue.ids(existing?.fields[sibling.field]))
                            try await SiblingScope.require(s, type: sibling.type, field: sibling.field, ids: named, parentField: parent.field, parentID: parentID, parentNoun: parentType.singular)
                        }
                    }
                    if let before = own?.before {
                        record = try await before(store, s, record, existing)
                    }
                    return record
                },
                after: { store, s, before, after, actor, now in
                    // A delete arrives as the same record before and after.
                    if let before, before.version == after.version, let id = before.fields[parent.field]?.stringValue {
                        try await checkFinal(parent, of: parentType, s, parentID: id)
                    }
                    try await own?.after?(store, s, before, after, actor, now)
                }
            )
        }
        return out
    }

    /// The child's references to records that belong to the same kind of parent through the
    /// same field (a partnership's roles naming its contacts, a milestone its dependencies):
    /// those must name records of the same parent, never another one's.
    static func siblingFields(of type: RecordType, parent: ParentRule, catalog: RecordCatalog) -> [(field: String, type: String)] {
        type.fields.compactMap { field in
            let target: String
            switch field.kind {
            case .reference(let t), .references(let t): target = t
            default: return nil
            }
            guard field.name != parent.field, let other = catalog[target]?.parent, other.type == parent.type, other.field == parent.field else { return nil }
            return (field.name, target)
        }
    }

    /// The parents being deleted in this task: their children go with them whatever state
    /// the parent is in, so finality does not hold them back.
    @TaskLocal static var deleting: Set<String> = []

    /// The child as its parent makes it: owned by the parent's owner, refused when the
    /// parent it is written to, or the one it leaves, is final.
    static func follow(_ parent: ParentRule, of parentType: RecordType, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        if let old = existing?.fields[parent.field]?.stringValue, old != record[parent.field]?.stringValue {
            try await checkFinal(parent, of: parentType, s, parentID: old)
        }
        guard let id = record[parent.field]?.stringValue else { return record }
        let finalColumn = parent.finalWhen.map { ", \($0.field) AS state" } ?? ""
        guard let row = try await s.query("SELECT owner_id\(raw: finalColumn) FROM \(raw: parentType.name) WHERE id = \(id) AND deleted_at IS NULL").first else {
            return record  // the reference check names the missing parent
        }
        if let error = parent.finalError(parentState: row.text("state")), !deleting.contains(id) {
            throw RecordError.invalid([error])
        }
        if let owner = row.text("owner_id") { record["owner_id"] = .string(owner) }
        return record
    }

    static func checkFinal(_ parent: ParentRule, of parentType: RecordType, _ s: Session, parentID: String) async throws {
        guard let finalWhen = parent.finalWhen, !deleting.contains(parentID) else { return }
        let state = try await s.query("SELECT \(raw: finalWhen.field) AS state FROM \(raw: parentType.name) WHERE id = \(parentID)").first?.text("state")
        if let error = parent.finalError(parentState: state) { throw RecordError.invalid([error]) }
    }
}


/// References between children of one parent stay inside it.
enum SiblingScope {
    /// Refuses `ids` (records of `type` named in `field`) that do not belong to the parent
    /// `parentID`; ids that name nothing are left to the reference check.
    static func require(_ s: Session, type: String, field: String, ids: Set<String>, parentField: String, parentID: String, parentNoun: String = "partnership") async throws {
        guard !ids.isEmpty else { return }
        let list = SQL.join(ids.sorted().map { "\($0)" }, ", ")
        let rows = try await s.query("SELECT id, \(raw: parentField) AS parent FROM \(raw: type) WHERE id IN (\(list)) AND deleted_at IS NULL")
        if rows.contains(where: { $0.text("parent") != parentID }) {
            throw RecordError.invalid([FieldError(field: field, code: "other_parent", message: "Name only records of the same \(parentNoun).")])
        }
    }
}
