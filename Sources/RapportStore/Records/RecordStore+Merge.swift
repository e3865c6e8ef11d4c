import Foundation
import RapportKit

extension RecordStore {
    /// Merges `duplicateID` into `survivorID`: empty fields of the survivor are filled,
    /// lists (emails, phones, tags) are united, references and links everywhere are
    /// repointed, and the duplicate's timeline is shown on the survivor. The duplicate is
    /// retired, not erased, and the merge is audited with what moved.
    ///
    /// `choices` names, per field, the record whose value survives as it is (a list is
    /// then that record's list alone, not the union); fields not named follow the rule
    /// above. Only fields the actor may write can be chosen: any other name is refused as
    /// unknown, as a PATCH would refuse it, before anything is read.
    public func merge(_ type: RecordType, survivorID: String, duplicateID: String, choices: [String: MergeSide] = [:], actor: Actor) async throws -> StoredRecord {
        guard survivorID != duplicateID else {
            throw RecordError.invalid([FieldError(field: "duplicate_id", code: "same_record", message: "A record cannot be merged into itself.")])
        }
        try require(.update, type, actor)
        try require(.delete, type, actor)
        let choosable = Set(Self.mergeChoosable(view(type, for: actor)).map(\.name))
        let unknown = choices.keys.filter { !choosable.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw RecordError.invalid(unknown.map { FieldError(field: "fields.\($0)", code: "unknown_field", message: "There is no field \($0) to choose a value for.") })
        }
        let merged = try await db.transaction { s in
            let survivor = try await self.load(s, type, id: survivorID, forUpdate: true, actor: actor)
            let duplicate = try await self.load(s, type, id: duplicateID, forUpdate: true, actor: actor)
            var record = survivor.fields
            for field in type.fields {
                let mine = record[field.name] ?? .null, theirs = duplicate.fields[field.name] ?? .null
                if AuditLog.sameValue(mine, .null) {
                    record[field.name] = theirs
                } else if field.kind.isList, let a = mine.arrayValue, let b = theirs.arrayValue {
                    var united = a
                    for item in b where !united.contains(where: { Self.sameListItem($0, item, kind: field.kind) }) {
                        united.append(Self.demotedPrimary(item))
                    }
                    record[field.name] = .array(united)
                }
                switch choices[field.name] {
                case .survivor?: record[field.name] = mine
                case .duplicate?: record[field.name] = theirs
                case nil: break
                }
            }
            try self.prepare(&record, type: type)
            // The type's own rules see a merge as the update it is (a deal's stage and status).
            if let before = self.writeRules[type.name]?.before {
                record = try await WriteRules.$writer.withValue(actor) { [record] in try await before(self, s, record, survivor) }
                _ = WriteRules.takeOwner(&record)
            }
            let now = Timestamp.format(Date())
            // The duplicate gives up its unique values first so the survivor can take them.
            try await s.execute("DELETE FROM record_keys WHERE record_type = \(type.name) AND record_id = \(duplicateID)")
            try await s.execute("UPDATE \(raw: type.name) SET deleted_at = \(now), merged_into = \(survivorID), updated_at = \(now), updated_by = \(actor.userID), version = version + 1 WHERE id = \(duplicateID)")
            try await self.reindex(s, type: type, seq: duplicate.seq, terms: nil, replacing: true)
            let diff = AuditLog.diff(before: survivor.fields, after: record, fields: type.fields)
            let codec = self.codec(type)
            var sets: [SQL] = []
            for field in type.columnFields where diff[field.name] != nil {
                for (column, value) in codec.encode(record[field.name] ?? .null, field: field) { sets.append("\(raw: column) = \(value)") }
            }
            let custom = try codec.customColumn(record, id: survivorID)
            sets.append("custom = \(custom)")
            sets += ["updated_at = \(now)", "updated_by = \(actor.userID)", "version = version + 1"]
            try await s.execute("UPDATE \(raw: type.name) SET \(SQL.join(sets, ", ")) WHERE id = \(survivorID)")
            try await self.claimKeys(s, type: type, keys: type.uniqueKeyValues(record), id: survivorID, actor: actor)
            try await self.writeMembers(s, type: type, id: survivorID, record: record, replacing: survivor.fields)
            try await self.reindex(s, type: type, seq: survivor.seq, terms: try await self.searchTerms(s, type: type, record: record), replacing: true)
            var moved = try await self.repointReferences(s, to: type.name, from: duplicateID, into: survivorID, actor: actor, at: now)
            moved += try await self.moveAttachments(s, type: type, from: duplicateID, into: survivorID)
            try await s.execute("INSERT INTO record_merges (from_id, into_id, record_type, merged_at) VALUES (\(duplicateID), \(survivorID), \(type.name), \(now))")
            try await s.execute("UPDATE record_merges SET into_id = \(survivorID) WHERE into_id = \(duplicateID)")
            try await AuditLog.append(s, actor: actor, action: "merge", type: type.name, id: survivorID, changes: .object(JSONObject([
                ("merged_id", .string(duplicateID)), ("fields", .object(diff)), ("references_moved", .number(String(moved))),
                ("duplicate", .object(Self.auditable(duplicate.fields, type))),
            ])), at: now)
            var merged = survivor
            merged.fields = record
            merged.version += 1
            merged.updatedAt = now
            merged.updatedBy = actor.userID
            if let rule = self.writeRules[type.name]?.merged { try await rule(self, s, survivorID, duplicateID) }
            if let after = self.writeRules[type.name]?.after { try await after(self, s, survivor, merged, actor, now) }
            return merged
        }
        return redact(merged, type, actor)
    }

    /// A record's values as the audit log may hold them: encrypted fields only marked.
    static func auditable(_ fields: JSONObject, _ type: RecordType) -> JSONObject {
        var out = fields
        for f in type.fields where f.isEncrypted && !(fields[f.name]?.isNull ?? true) { out[f.name] = .string(AuditLog.sensitiveMark) }
        return out
    }

    static func sameListItem(_ a: JSONValue, _ b: JSONValue, kind: FieldKind) -> Bool {
        switch kind {
        case .emails: return a.objectValue?["address"] == b.objectValue?["address"]
        case .phones: return Phone.digits(a.objectValue?["number"]?.stringValue ?? "") == Phone.digits(b.objectValue?["number"]?.stringValue ?? "")
        case .tags: return SearchText.fold(a.stringValue ?? "") == SearchText.fold(b.stringValue ?? "")
        default: return a == b
        }
    }

    /// An email taken over from the duplicate is never a second primary.
    static func demotedPrimary(_ item: JSONValue) -> JSONValue {
        guard var o = item.objectValue, o["primary"] != nil else { return item }
        o["primary"] = .bool(false)
        return .object(o)
    }

    /// Points every reference to `from` at `into`: scalar reference columns, reference
    /// lists and links of every type. Returns how many records changed.
    func repointReferences(_ s: Session, to typeName: String, from: String, into: String, actor: Actor, at: String) async throws -> Int {
        var moved = 0
        for base in catalog.types {
            let type = try await self.type(named: base.name, in: s)
            let codec = self.codec(type)
            for field in type.columnFields {
                switch field.kind {
                case .reference(let target) where target == typeName:
                    let rows = try await s.query("SELECT id FROM \(raw: type.name) WHERE \(raw: field.name) = \(from) AND deleted_at IS NULL")
                    if rows.isEmpty { continue }
                    try await s.execute("UPDATE \(raw: type.name) SET \(raw: field.name) = \(into), version = version + 1, updated_at = \(at) WHERE \(raw: field.name) = \(from)")
                    moved += rows.count
                case .references, .links:
                    if case .references(let t) = field.kind, t != typeName { continue }
                    let rows = try await s.query("SELECT \(raw: codec.selectList) FROM \(raw: type.name) WHERE deleted_at IS NULL AND id IN (SELECT record_id FROM record_members WHERE record_type = \(type.name) AND field = \(field.name) AND value = \(from))")
                    for row in rows {
                        let r = codec.decode(row)
                        var items = r.fields[field.name]?.arrayValue ?? []
                        items = items.map { item in
                            if item.stringValue == from { return .string(into) }
                            if var o = item.objectValue, o["id"]?.stringValue == from { o["id"] = .string(into); return .object(o) }
                            return item
                        }
                        var seen = Set<String>()
                        items = items.filter { seen.insert($0.serialized()).inserted }
                        var fields = r.fields
                        fields[field.name] = .array(items)
                        try await s.execute("UPDATE \(raw: type.name) SET \(raw: field.name) = \(JSONValue.array(items).serialized()), version = version + 1, updated_at = \(at) WHERE id = \(r.id)")
                        try await writeMembers(s, type: type, id: r.id, record: fields, replacing: r.fields)
                        moved += 1
                    }
                default:
                    continue
                }
            }
        }
        return moved
    }
}
