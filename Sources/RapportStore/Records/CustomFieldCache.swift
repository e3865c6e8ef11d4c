import Foundation
import RapportKit
import Synchronization

/// Custom field definitions, cached for a moment: every request needs them, and a stale
/// second is harmless, while another instance's change must show up without a restart.
final class CustomFieldCache: Sendable {
    private struct Entry {
        var fields: [String: [FieldSpec]]
        var loadedAt: Date
    }

    private let state = Mutex<Entry?>(nil)
    /// Requests that find the definitions expired at the same moment read them once between
    /// them; reads inside a transaction go through its own session instead (see below).
    private let loads = InFlightLoads<String, [FieldSpec]>()
    static let lifetime: TimeInterval = 2

    func fields(for type: String, db: Database) async throws -> [FieldSpec] {
        if let cached = cached(type) { return cached }
        return try await loads.value(type) { [self] in try await db.read { s in try await self.load(type, s) } }
    }

    /// The same, read through the caller's session when the cache is stale: code inside a
    /// transaction must never wait for a second pooled connection. `fresh` skips the cache,
    /// for writes that validate against the definitions as they are now.
    func fields(for type: String, in s: Session, fresh: Bool = false) async throws -> [FieldSpec] {
        if !fresh, let cached = cached(type) { return cached }
        return try await load(type, s)
    }

    private func cached(_ type: String) -> [FieldSpec]? {
        guard let entry = state.withLock({ $0 }), Date().timeIntervalSince(entry.loadedAt) < Self.lifetime else { return nil }
        return entry.fields[type] ?? []
    }

    private func load(_ type: String, _ s: Session) async throws -> [FieldSpec] {
        let all = try await CustomFieldDefinition.loadAll(s)
        var byType: [String: [FieldSpec]] = [:]
        for d in all { byType[d.recordType, default: []].append(d.spec) }
        state.withLock { $0 = Entry(fields: byType, loadedAt: Date()) }
        return byType[type] ?? []
    }

    func invalidate() {
        state.withLock { $0 = nil }
    }
}

/// A field an admin added to a record type at run time.
public struct CustomFieldDefinition: Sendable {
    public var id: String
    public var recordType: String
    public var name: String
    public var label: String
    public var kind: String
    public var options: [String]
    public var required: Bool
    public var sensitive: Bool
    public var createdAt: String

    public var spec: FieldSpec {
        let k: FieldKind
        switch kind {
        case "number": k = .number
        case "date": k = .date
        case "boolean": k = .boolean
        case "choice": k = .choice(options)
        case "money": k = .money
        default: k = .text(maxLength: 1000)
        }
        return FieldSpec(name, k, required: required, isCustom: true, sensitive: sensitive, label: label)
    }

    public var json: JSONObject {
        JSONObject([
            ("id", .string(id)), ("record_type", .string(recordType)), ("name", .string(name)), ("label", .string(label)),
            ("kind", .string(kind)), ("options", .array(options.map(JSONValue.string))), ("required", .bool(required)),
            ("sensitive", .bool(sensitive)), ("created_at", .string(createdAt)),
        ])
    }

    static func loadAll(_ s: Session) async throws -> [CustomFieldDefinition] {
        try await s.query("SELECT id, record_type, name, label, kind, options, required, sensitive, created_at FROM custom_fields ORDER BY created_at, id").map { row in
            CustomFieldDefinition(
                id: row.text("id") ?? "", recordType: row.text("record_type") ?? "", name: row.text("name") ?? "",
                label: row.text("label") ?? "", kind: row.text("kind") ?? "text",
                options: (row.text("options").flatMap { try? JSONValue.parse($0) }?.arrayValue ?? []).compactMap(\.stringValue),
                required: row.int("required") == 1, sensitive: row.int("sensitive") == 1, createdAt: row.text("created_at") ?? "")
        }
    }
}

extension RecordStore {
    /// Whether any custom field is sensitive: the server must not start without a key then.
    public func hasSensitiveFields() async throws -> Bool {
        try await customFieldDefinitions(type: nil).contains { $0.sensitive }
    }

    public func customFieldDefinitions(type: String?) async throws -> [CustomFieldDefinition] {
        let all = try await db.read { s in try await CustomFieldDefinition.loadAll(s) }
        return all.filter { type == nil || $0.recordType == type }
    }

    /// Validates and stores a new custom field; the name must not shadow a built-in field.
    public func addCustomField(_ body: JSONObject, actor: Actor) async throws -> CustomFieldDefinition {
        var errors: [FieldError] = []
        let allowed: Set = ["record_type", "name", "label", "kind", "options", "required", "sensitive"]
        for key in body.keys where !allowed.contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "Custom fields have no property '\(key)'."))
        }
        let typeName = body["record_type"]?.stringValue ?? ""
        let base = catalog[typeName]
        if base == nil || base?.allowsCustomFields == false {
            errors.append(FieldError(field: "record_type", code: "invalid_choice", message: "Expected one of: \(catalog.types.filter(\.allowsCustomFields).map(\.name).joined(separator: ", "))."))
        }
        let name = body["name"]?.stringValue ?? ""
        let nameOK = (1...40).contains(name.count) && name.first?.isLetter == true
            && name.unicodeScalars.allSatisfy { ($0.value >= 97 && $0.value <= 122) || ($0.value >= 48 && $0.value <= 57) || $0 == "_" }
        if !nameOK {
            errors.append(FieldError(field: "name", code: "invalid_name", message: "Names are 1 to 40 lower-case letters, digits and underscores, starting with a letter."))
        } else if let base, base.field(name) != nil || RecordType.systemFields.contains(name) || ["custom", "seq", "search", "deleted_at", "merged_into", "q", "sort", "limit", "cursor"].contains(name) {
            errors.append(FieldError(field: "name", code: "reserved", message: "\(name) is already a field of \(typeName)."))
        }
        let kind = body["kind"]?.stringValue ?? ""
        if !FieldKind.customFieldKinds.contains(kind) {
            errors.append(FieldError(field: "kind", code: "invalid_choice", message: "Expected one of: \(FieldKind.customFieldKinds.joined(separator: ", "))."))
        }
        var options: [String] = []
        if let o = body["options"], !o.isNull {
            if let items = o.arrayValue, items.allSatisfy({ ($0.stringValue?.isEmpty == false) && ($0.stringValue?.count ?? 0) <= 100 }) {
                options = items.compactMap(\.stringValue)
            } else {
                errors.append(FieldError(field: "options", code: "invalid_type", message: "Expected an array of non-empty strings."))
            }
        }
        if kind == "choice" && options.isEmpty {
            errors.append(FieldError(field: "options", code: "required", message: "A choice field needs options."))
        }
        let label = body["label"]?.stringValue ?? name.replacingOccurrences(of: "_", with: " ").capitalized
        if label.isEmpty || label.count > 100 {
            errors.append(FieldError(field: "label", code: "invalid", message: "Labels are 1 to 100 characters."))
        }
        var flags: [String: Bool] = [:]
        for key in ["required", "sensitive"] {
            if let v = body[key], !v.isNull {
                if let b = v.boolValue { flags[key] = b } else { errors.append(FieldError(field: key, code: "invalid_type", message: "Expected true or false.")) }
            }
        }
        if flags["sensitive"] == true && cipher == nil {
            errors.append(FieldError(field: "sensitive", code: "no_secret_key", message: "Sensitive fields are encrypted at rest: start the server with RAPPORT_SECRET_KEY_FILE naming a key file (`rapport key create`)."))
        }
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let def = CustomFieldDefinition(
            id: RecordID.make(), recordType: typeName, name: name, label: label, kind: kind, options: options,
            required: flags["required"] ?? false, sensitive: flags["sensitive"] ?? false, createdAt: Timestamp.format(Date()))
        try await db.transaction { s in
            let existing = try await s.query("SELECT id FROM custom_fields WHERE record_type = \(typeName) AND name = \(name)")
            if let row = existing.first {
                throw RecordError.duplicate(field: "name", value: name, existingID: row.text("id") ?? "")
            }
            // Two admins adding the same name at once both pass the check above; the later
            // insert waits for the earlier, skips instead of failing, and names the winner.
            let inserted = try await s.query("""
                INSERT INTO custom_fields (id, record_type, name, label, kind, options, required, sensitive, created_at)
                VALUES (\(def.id), \(typeName), \(name), \(label), \(kind), \(JSONValue.array(options.map(JSONValue.string)).serialized()),
                \(def.required ? 1 : 0), \(def.sensitive ? 1 : 0), \(def.createdAt))
                ON CONFLICT DO NOTHING RETURNING id
                """)
            if inserted.isEmpty {
                let holder = try await s.query("SELECT id FROM custom_fields WHERE record_type = \(typeName) AND name = \(name)").first?.text("id") ?? ""
                throw RecordError.duplicate(field: "name", value: name, existingID: holder)
            }
            try await AuditLog.append(s, actor: actor, action: "custom_field.create", type: "fields", id: def.id, changes: .object(def.json), at: def.createdAt)
        }
        customFields.invalidate()
        return def
    }

    /// Removes the definition; stored values stay in each record's JSON and come back if
    /// a field of the same name is added again, so nothing typed is lost by a mistake.
    public func removeCustomField(id: String, actor: Actor) async throws {
        try await db.transaction { s in
            let rows = try await s.query("SELECT id FROM custom_fields WHERE id = \(id)")
            guard !rows.isEmpty else { throw RecordError.notFound(type: "fields", id: id) }
            try await s.execute("DELETE FROM custom_fields WHERE id = \(id)")
            try await AuditLog.append(s, actor: actor, action: "custom_field.delete", type: "fields", id: id, changes: nil, at: Timestamp.format(Date()))
        }
        customFields.invalidate()
    }
}
