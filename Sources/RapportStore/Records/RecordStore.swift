import Foundation
import RapportKit

/// The record engine: create, read, update, soft delete, list, search, timeline, merge,
/// import and export for every record type, driven only by its ``RecordType``.
public final class RecordStore: Sendable {
    public let db: Database
    public let catalog: RecordCatalog
    let customFields: CustomFieldCache
    public let cipher: FieldCipher?
    let writeRules: [String: WriteRules]
    let subscribers: [RecordChangeSubscriber]

    public init(db: Database, catalog: RecordCatalog = .builtIn, cipher: FieldCipher? = nil, writeRules: [String: WriteRules] = WriteRules.builtIn,
                subscribers: [RecordChangeSubscriber] = RecordChangeSubscriber.builtIn) {
        self.db = db
        self.catalog = catalog
        self.customFields = CustomFieldCache()
        self.cipher = cipher
        self.writeRules = StageWriteRules.joined(ParentWriteRules.joined(writeRules, catalog: catalog), catalog: catalog)
        self.subscribers = subscribers
    }

    func codec(_ type: RecordType) -> RecordCodec {
        RecordCodec(type: type, cipher: cipher)
    }

    /// The type named in a URL, extended with its custom fields; 404 for unknown names.
    public func type(named name: String) async throws -> RecordType {
        guard let base = catalog[name] else { throw RecordError.notFound(type: name, id: "") }
        let custom = try await customFields.fields(for: name, db: db)
        return base.extended(with: custom)
    }

    /// The same, inside a unit of work: custom fields are read through `s`, never through
    /// a second connection, so a transaction never waits on the pool while holding locks.
    /// `fresh` reads the definitions as committed now instead of the cached ones.
    public func type(named name: String, in s: Session, fresh: Bool = false) async throws -> RecordType {
        guard let base = catalog[name] else { throw RecordError.notFound(type: name, id: "") }
        return base.extended(with: try await customFields.fields(for: name, in: s, fresh: fresh))
    }

    // MARK: Read

    /// 404 for records the actor may not see: their existence is not revealed.
    public func get(_ type: RecordType, id: String, actor: Actor) async throws -> StoredRecord {
        try require(.read, type, actor)
        let record = try await db.read { s in try await self.load(s, type, id: id, forUpdate: false, actor: actor) }
        return redact(record, type, actor)
    }

    func load(_ s: Session, _ type: RecordType, id: String, forUpdate: Bool, actor: Actor = .system) async throws -> StoredRecord {
        guard RecordID.isValid(id) else { throw RecordError.notFound(type: type.name, id: id) }
        let codec = self.codec(type)
        let lock = forUpdate && s.dialect == .postgres ? " FOR UPDATE" : ""
        var clauses: [SQL] = ["id = \(id)", "deleted_at IS NULL"]
        if let visible = visibility(type, actor) { clauses.append(visible) }
        let rows = try await s.query("SELECT \(raw: codec.selectList) FROM \(raw: codec.table) WHERE \(SQL.join(clauses, " AND "))\(raw: lock)")
        guard let row = rows.first else { throw RecordError.notFound(type: type.name, id: id) }
        return codec.decode(row)
    }

    // MARK: Write

    public func create(_ type: RecordType, body: JSONObject, actor: Actor) async throws -> StoredRecord {
        let changes = try validatedCreate(type, body: body, actor: actor)
        return try await db.transaction { s in try await self.create(in: s, type, changes: changes, actor: actor) }
    }

    /// A create's checks that need no database: permission, fields, assignable owner.
    func validatedCreate(_ type: RecordType, body: JSONObject, actor: Actor) throws -> JSONObject {
        try require(.create, type, actor)
        let changes = try RecordInput.validate(body, type: view(type, for: actor), mode: .create).get()
        try checkAssignable(type, owner: changes["owner_id"]?.stringValue, actor)
        return changes
    }

    /// The create itself, inside the caller's transaction. Starts from `changes` each time,
    /// so a transaction retried after a deadlock runs the type's rules on the input again,
    /// not on their own output.
    func create(in s: Session, _ type: RecordType, changes: JSONObject, actor: Actor) async throws -> StoredRecord {
        var record = type.newRecord(from: changes)
        try prepare(&record, type: type)
        var owner = type.hasOwner ? (changes["owner_id"]?.stringValue ?? actor.userID) : nil
        let now = Timestamp.format(WriteRules.clock())
        let id = RecordID.make()
        if let before = self.writeRules[type.name]?.before {
            record = try await WriteRules.$writer.withValue(actor) { [record] in try await before(self, s, record, nil) }
            if let chosen = WriteRules.takeOwner(&record), type.hasOwner { owner = chosen }
        }
        try await self.checkReferences(s, type: type, record: record, changedFields: nil, owner: changes["owner_id"]?.stringValue, actor: actor)
        _ = try await self.checkKeys(s, type: type, keys: type.uniqueKeyValues(record), id: id, actor: actor)
        let stored = StoredRecord.new(type, id: id, fields: record, owner: owner, actor: actor, now: now)
        // The `before` rule already ran above, for the checks to see its result.
        let created = try await self.createRecords(in: s, type, [stored], actor: actor, now: now, runBefore: false)
        return self.redact(created.first ?? stored, type, actor)
    }

    /// Stores records inside the caller's transaction and audits each as created with its
    /// non-empty fields. A client's create ends here, and so do the records a rule makes
    /// from another write (an order from an accepted quote, a renewal task), so they get
    /// the same rules, search terms and audit trail.
    /// Returns the records as stored (after their `before` rule, with their `seq`).
    @discardableResult
    func createRecords(in s: Session, _ type: RecordType, _ input: [StoredRecord], actor: Actor, now: String, runBefore: Bool = true) async throws -> [StoredRecord] {
        var records = input
        if runBefore { try await applyBefore(s, type: type, &records, actor: actor) }
        var titles: [String: [String]] = [:]
        let seqs = try await insertMany(s, type: type, records: records, runBefore: false, runAfter: false, actor: actor, titles: &titles)
        for (i, seq) in seqs.enumerated() { records[i].seq = seq }
        for r in records {
            var created = JSONObject()
            for field in type.fields where !(r.fields[field.name].map { AuditLog.sameValue($0, .null) } ?? true) {
                created[field.name] = r.fields[field.name]
            }
            try await AuditLog.append(s, actor: actor, action: "create", type: type.name, id: r.id, changes: .object(Self.auditable(created, type)), at: now)
        }
        // After the create's own audit entry, with the request's actor (address, request id).
        if let after = writeRules[type.name]?.after {
            for r in records { try await after(self, s, nil, r, actor, now) }
        }
        for r in records { try await publish(s, RecordChange(type: type, before: nil, after: r, actor: actor, at: now)) }
        return records
    }

    public func update(_ type: RecordType, id: String, body: JSONObject, ifMatch: Int?, actor: Actor) async throws -> StoredRecord {
        try require(.update, type, actor)
        let changes = try RecordInput.validate(body, type: view(type, for: actor), mode: .update).get()
        try checkAssignable(type, owner: changes["owner_id"]?.stringValue, actor)
        let updated = try await db.transaction { s in
            try await self.update(in: s, type, id: id, changes: changes, ifMatch: ifMatch, actor: actor)
        }
        return redact(updated, type, actor)
    }

    /// The update itself, inside the caller's transaction (imports update many rows in one).
    func update(in s: Session, _ type: RecordType, id: String, changes: JSONObject, ifMatch: Int?, actor: Actor) async throws -> StoredRecord {
        // A write naming custom fields is checked against their definitions as committed
        // now, read in this transaction: another instance may have removed one since this
        // process cached them. Values it does not name are merged, not rewritten, below.
        var type = type
        if changes.keys.contains(where: { type.field($0)?.isCustom == true }) {
            type = try await self.type(named: type.name, in: s, fresh: true)
        }
        let unknown = changes.keys.filter { name in type.field(name) == nil && !RecordType.systemFields.contains(name) && name != "owner_id" }
        if !unknown.isEmpty {
            throw RecordError.invalid(unknown.sorted().map { FieldError(field: $0, code: "unknown_field", message: "\(type.singular) has no field '\($0)'.") })
        }
        let existing = try await self.load(s, type, id: id, forUpdate: true, actor: actor)
        if let ifMatch, ifMatch != existing.version { throw RecordError.stale(current: existing.version) }
        var record = existing.fields
        for field in type.fields {
            if let v = changes[field.name] { record[field.name] = v.isNull && field.kind.isList ? .array([]) : v }
        }
        try self.prepare(&record, type: type)
        var newOwner = changes["owner_id"]?.stringValue
        if let before = writeRules[type.name]?.before {
            record = try await WriteRules.$written.withValue(Set(changes.keys)) { [record] in
                try await WriteRules.$writer.withValue(actor) { try await before(self, s, record, existing) }
            }
            if let chosen = WriteRules.takeOwner(&record), type.hasOwner { newOwner = chosen }
        }
        var diff = AuditLog.diff(before: existing.fields, after: record, fields: type.fields)
        var owner = existing.ownerID
        if let newOwner, newOwner != existing.ownerID {
            diff["owner_id"] = .array([existing.ownerID.map(JSONValue.string) ?? .null, .string(newOwner)])
            owner = newOwner
        }
        if diff.count == 0 { return existing }
        try await self.checkReferences(s, type: type, record: record, changedFields: Set(diff.keys), owner: owner == existing.ownerID ? nil : owner, actor: actor)
        let oldKeys = Set(type.uniqueKeyValues(existing.fields)), newKeys = Set(type.uniqueKeyValues(record))
        if oldKeys != newKeys {
            try await self.releaseKeys(s, type: type, keys: Array(oldKeys.subtracting(newKeys)), id: id)
            try await self.claimKeys(s, type: type, keys: Array(newKeys.subtracting(oldKeys)), id: id, actor: actor)
        }
        let now = Timestamp.format(WriteRules.clock())
        let codec = self.codec(type)
        var sets: [SQL] = []
        for field in type.columnFields where diff[field.name] != nil {
            for (column, value) in codec.encode(record[field.name] ?? .null, field: field) {
                sets.append("\(raw: column) = \(value)")
            }
        }
        let changedCustom = type.customFields.filter { diff[$0.name] != nil }.map(\.name)
        if !changedCustom.isEmpty {
            // Merged into the stored JSON under the row's lock: values this write does not
            // name (set through another instance, or of a field removed for now) stay.
            let stored = try await s.query("SELECT custom FROM \(raw: type.name) WHERE id = \(id)").first?.text("custom")
            let custom = try codec.mergedCustomColumn(stored: stored, record: record, names: changedCustom, id: id)
            sets.append("custom = \(custom)")
        }
        sets.append("owner_id = \(owner)")
        sets.append("updated_at = \(now)")
        sets.append("updated_by = \(actor.userID)")
        sets.append("version = version + 1")
        try await s.execute("UPDATE \(raw: type.name) SET \(SQL.join(sets, ", ")) WHERE id = \(id) AND version = \(existing.version)")
        let searchChanged = type.searchFields.contains { diff[$0.name] != nil }
        if searchChanged {
            try await self.reindex(s, type: type, seq: existing.seq, terms: try await self.searchTerms(s, type: type, record: record), replacing: true)
        }
        if type.fields.contains(where: { $0.kind.isList && diff[$0.name] != nil }) {
            try await self.writeMembers(s, type: type, id: id, record: record, replacing: existing.fields)
        }
        if diff[type.titleField] != nil || type.searchFields.contains(where: { $0.search == .domain && diff[$0.name] != nil }) {
            try await self.reindexReferrers(s, to: type.name, id: id)
        }
        try await AuditLog.append(s, actor: actor, action: "update", type: type.name, id: id, changes: .object(diff), at: now)
        if let owner, owner != existing.ownerID { try await self.handOverChildren(s, of: type, id: id, to: owner, actor: actor, now: now) }
        var updated = existing
        updated.fields = record
        updated.version += 1
        updated.updatedAt = now
        updated.updatedBy = actor.userID
        updated.ownerID = owner
        if let after = writeRules[type.name]?.after { try await after(self, s, existing, updated, actor, now) }
        try await publish(s, RecordChange(type: type, before: existing, after: updated, actor: actor, at: now))
        return updated
    }

    public func delete(_ type: RecordType, id: String, ifMatch: Int?, actor: Actor) async throws {
        try require(.delete, type, actor)
        try await db.transaction { s in
            try await self.delete(in: s, type, id: id, ifMatch: ifMatch, actor: actor, now: Timestamp.format(WriteRules.clock()))
        }
    }

    /// The delete itself, inside the caller's transaction (bulk changes delete many in one).
    func delete(in s: Session, _ type: RecordType, id: String, ifMatch: Int?, actor: Actor, now: String) async throws {
        let existing = try await self.load(s, type, id: id, forUpdate: true, actor: actor)
        if let ifMatch, ifMatch != existing.version { throw RecordError.stale(current: existing.version) }
        try await self.deleteChildren(s, of: type, id: id, actor: actor, now: now)
        try await s.execute("UPDATE \(raw: type.name) SET deleted_at = \(now), updated_at = \(now), updated_by = \(actor.userID), version = version + 1 WHERE id = \(id)")
        try await self.releaseKeys(s, type: type, keys: type.uniqueKeyValues(existing.fields), id: id)
        try await self.reindex(s, type: type, seq: existing.seq, terms: nil, replacing: true)
        try await AuditLog.append(s, actor: actor, action: "delete", type: type.name, id: id, changes: nil, at: now)
        if let after = self.writeRules[type.name]?.after { try await after(self, s, existing, existing, actor, now) }
        try await self.publish(s, RecordChange(type: type, before: existing, after: nil, actor: actor, at: now))
    }

    /// Derives computed fields and runs the type's cross-field rules.
    func prepare(_ record: inout JSONObject, type: RecordType) throws {
        type.hooks.derive(&record)
        let errors = type.hooks.validate(record)
        if !errors.isEmpty { throw RecordError.invalid(errors) }
    }

    // MARK: Pieces shared by create, update, merge and import

    /// Replaces a record's index terms; nil removes it from search (deleted, erased).
    func reindex(_ s: Session, type: RecordType, seq: Int64, terms: [String]?, replacing: Bool) async throws {
        switch s.dialect {
        case .sqlite:
            if replacing { try await s.execute("DELETE FROM \(raw: type.name)_search WHERE rowid = \(seq)") }
            if let terms { try await s.execute("INSERT INTO \(raw: type.name)_search (rowid, terms) VALUES (\(seq), \(terms.joined(separator: " ")))") }
        case .postgres:
            if let terms {
                try await s.execute("UPDATE \(raw: type.name) SET search = array_to_tsvector(string_to_array(\(terms.joined(separator: " ")), ' ')) WHERE seq = \(seq)")
            } else {
                try await s.execute("UPDATE \(raw: type.name) SET search = NULL WHERE seq = \(seq)")
            }
        }
    }

    /// Index terms of a record, including the titles and domains of the records its
    /// searchable references point at, so a person is found by their company's name.
    func searchTerms(_ s: Session, type: RecordType, record: JSONObject) async throws -> [String] {
        var titles: [String: [String]] = [:]
        return type.searchTerms(record, referenced: try await referencedText(s, type: type, record: record, titles: &titles))
    }

    /// Titles and domains of the records `record`'s searchable references point at.
    /// `titles` caches them by id across the records of one batch.
    func referencedText(_ s: Session, type: RecordType, record: JSONObject, titles: inout [String: [String]]) async throws -> [String] {
        var out: [String] = []
        for field in type.searchFields {
            guard case .reference(let target) = field.kind, let id = record[field.name]?.stringValue, let targetType = catalog[target] else { continue }
            if let cached = titles[id] {
                out += cached
                continue
            }
            let columns = [targetType.titleField] + targetType.searchFields.filter { $0.search == .domain }.map(\.name)
            let rows = try await s.query("SELECT \(raw: columns.joined(separator: ", ")) FROM \(raw: target) WHERE id = \(id)")
            let found = rows.first.map { row in columns.compactMap { row.text($0) } } ?? []
            titles[id] = found
            out += found
        }
        return out
    }

    /// After a record's title or domain changes, refreshes the index of records that are
    /// found through it (the people of a renamed company).
    func reindexReferrers(_ s: Session, to typeName: String, id: String) async throws {
        for type in catalog.types {
            for field in type.searchFields {
                guard case .reference(let target) = field.kind, target == typeName else { continue }
                let full = try await self.type(named: type.name, in: s)
                let codec = self.codec(full)
                // Locked before their terms are computed: a referrer edited meanwhile is
                // read as committed, so neither write's terms overwrite the other's.
                let lock = s.dialect == .postgres ? " ORDER BY seq FOR UPDATE" : ""
                let rows = try await s.query("SELECT \(raw: codec.selectList) FROM \(raw: type.name) WHERE \(raw: field.name) = \(id) AND deleted_at IS NULL\(raw: lock)")
                var titles: [String: [String]] = [:]
                var entries: [(seq: Int64, terms: String)] = []
                for row in rows {
                    let r = codec.decode(row)
                    let referenced = try await referencedText(s, type: full, record: r.fields, titles: &titles)
                    entries.append((r.seq, full.searchTerms(r.fields, referenced: referenced).joined(separator: " ")))
                }
                try await reindexMany(s, type: full, entries: entries)
            }
        }
    }

    /// Replaces the index terms of many records in a few statements, so renaming a
    /// company with thousands of people stays one short transaction.
    func reindexMany(_ s: Session, type: RecordType, entries: [(seq: Int64, terms: String)]) async throws {
        for start in stride(from: 0, to: entries.count, by: 500) {
            let chunk = entries[start..<min(start + 500, entries.count)]
            switch s.dialect {
            case .sqlite:
                try await s.execute("DELETE FROM \(raw: type.name)_search WHERE rowid IN (\(SQL.join(chunk.map { "\($0.seq)" }, ", ")))")
                try await s.execute("INSERT INTO \(raw: type.name)_search (rowid, terms) VALUES \(SQL.join(chunk.map { "(\($0.seq), \($0.terms))" }, ", "))")
            case .postgres:
                let values = SQL.join(chunk.map { "(CAST(\($0.seq) AS BIGINT), CAST(\($0.terms) AS TEXT))" }, ", ")
                try await s.execute("""
                    UPDATE \(raw: type.name) AS t SET search = array_to_tsvector(string_to_array(v.terms, ' '))
                    FROM (VALUES \(values)) AS v(seq, terms) WHERE t.seq = v.seq
                    """)
            }
        }
    }

    func writeMembers(_ s: Session, type: RecordType, id: String, record: JSONObject, replacing old: JSONObject?) async throws {
        let codec = self.codec(type)
        if old != nil { try await s.execute("DELETE FROM record_members WHERE record_id = \(id) AND record_type = \(type.name)") }
        let members = codec.members(record)
        guard !members.isEmpty else { return }
        let values = members.map { m -> SQL in "(\(type.name), \(m.field), \(m.value), \(id))" }
        try await s.execute("INSERT INTO record_members (record_type, field, value, record_id) VALUES \(SQL.join(values, ", ")) ON CONFLICT DO NOTHING")
    }

    /// Refuses unique values (emails, domains) another record holds with a 409 naming it;
    /// returns those `id` already holds.
    /// The holder's id is left out when the actor may not see it.
    func checkKeys(_ s: Session, type: RecordType, keys: [String], id: String, actor: Actor = .system) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let list = SQL.join(keys.map { "\($0)" }, ", ")
        let rows = try await s.query("SELECT key, record_id FROM record_keys WHERE record_type = \(type.name) AND key IN (\(list))")
        for row in rows where row.text("record_id") != id {
            let key = row.text("key") ?? ""
            let kind = String(key.prefix { $0 != ":" })
            let field = type.uniqueKeys.first { $0.kind == kind }?.field ?? kind
            var holder = row.text("record_id") ?? ""
            if let visible = visibility(type, actor), try await s.query("SELECT 1 AS found FROM \(raw: type.name) WHERE id = \(holder) AND \(visible)").isEmpty {
                holder = ""
            }
            throw RecordError.duplicate(field: field, value: String(key.dropFirst(kind.count + 1)), existingID: holder)
        }
        return Set(rows.compactMap { $0.text("key") })
    }

    /// Takes ownership of unique values after ``checkKeys(_:type:keys:id:)``.
    func claimKeys(_ s: Session, type: RecordType, keys: [String], id: String, actor: Actor = .system) async throws {
        let taken = try await checkKeys(s, type: type, keys: keys, id: id, actor: actor)
        let fresh = keys.filter { !taken.contains($0) }
        guard !fresh.isEmpty else { return }
        try await insertKeys(s, type: type, keys: fresh.map { ($0, id) }, actor: actor)
    }

    /// Writes unique values, answering a concurrent writer that took one first with the
    /// same 409 naming the holder that ``checkKeys(_:type:keys:id:actor:)`` gives.
    ///
    /// Two writers can both pass the check before either inserts. `ON CONFLICT DO NOTHING`
    /// makes the later one wait for the earlier to commit and then skip the row instead of
    /// failing the transaction, so the holder can be read back in the same transaction.
    func insertKeys(_ s: Session, type: RecordType, keys: [(key: String, id: String)], actor: Actor = .system) async throws {
        guard !keys.isEmpty else { return }
        let rows = SQL.join(keys.map { "(\(type.name), \($0.key), \($0.id))" }, ", ")
        let written = Set(try await s.query("INSERT INTO record_keys (record_type, key, record_id) VALUES \(rows) ON CONFLICT DO NOTHING RETURNING key").compactMap { $0.text("key") })
        for (key, id) in keys where !written.contains(key) {
            // Throws naming the holder; returns only when this record already holds it.
            _ = try await checkKeys(s, type: type, keys: [key], id: id, actor: actor)
        }
    }

    func releaseKeys(_ s: Session, type: RecordType, keys: [String], id: String) async throws {
        guard !keys.isEmpty else { return }
        try await s.execute("DELETE FROM record_keys WHERE record_type = \(type.name) AND record_id = \(id) AND key IN (\(SQL.join(keys.map { "\($0)" }, ", ")))")
    }

    func userExists(_ s: Session, _ id: String) async throws -> Bool {
        !(try await s.query("SELECT 1 AS found FROM users WHERE id = \(id) AND active = 1")).isEmpty
    }
}
