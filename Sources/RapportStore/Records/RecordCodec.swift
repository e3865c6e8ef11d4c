import RapportKit

/// Maps a record type's canonical JSON values to table columns and back.
///
/// Every column is text or integer (see ``SQLValue``): lists and custom fields are JSON
/// text, money is an integer count of minor units beside its currency code.
struct RecordCodec: Sendable {
    let type: RecordType
    /// Seals sensitive custom fields in the `custom` column; nil when no key is set (the
    /// server then refuses sensitive fields).
    var cipher: FieldCipher? = nil

    /// Bookkeeping columns read with every record.
    static let systemColumns = ["seq", "id", "custom", "owner_id", "created_by", "updated_by", "created_at", "updated_at", "version"]

    var table: String { type.name }

    var selectList: String {
        (Self.systemColumns + type.columnFields.flatMap(\.columns)).joined(separator: ", ")
    }

    /// Column values for the built-in fields of `record` (custom fields go to `custom`).
    func columns(_ record: JSONObject) -> [(String, SQLValue)] {
        var out: [(String, SQLValue)] = []
        for field in type.columnFields {
            out += encode(record[field.name] ?? .null, field: field)
        }
        return out
    }

    func encode(_ value: JSONValue, field: FieldSpec) -> [(String, SQLValue)] {
        switch field.kind {
        case .money:
            guard let o = value.objectValue, let code = o["currency"]?.stringValue, let currency = Currency.named(code),
                  let amount = o["amount"]?.stringValue, let money = try? Money(decimal: amount, currency: currency)
            else { return [(field.name + "_amount", .null), (field.name + "_currency", .null)] }
            return [(field.name + "_amount", .integer(money.minorUnits)), (field.name + "_currency", .text(currency.code))]
        default:
            return [(field.name, scalar(value, kind: field.kind))]
        }
    }

    /// The stored form of one non-money value (also used for filter operands).
    func scalar(_ value: JSONValue, kind: FieldKind) -> SQLValue {
        switch value {
        case .null: return .null
        case .string(let s): return .text(s)
        case .number(let n): return .text(n)
        case .bool(let b): return .integer(b ? 1 : 0)
        case .array: return kind.isList ? .text(value.serialized()) : .null
        case .object: return .text(value.serialized())
        }
    }

    /// The `custom` column of record `id`: the custom fields that have values, as a JSON
    /// object, sensitive ones sealed. Without a key a sensitive value is refused, never
    /// stored as it is. `sealed` holds stored ciphertexts to keep as they are (fields the
    /// write does not change), so a value that did not open is not erased by the next edit.
    func customColumn(_ record: JSONObject, id: String, sealed: JSONObject = JSONObject()) throws -> SQLValue {
        var o = JSONObject()
        for field in type.customFields {
            if field.sensitive, let kept = sealed[field.name], kept.stringValue?.hasPrefix("enc:") == true {
                o[field.name] = kept
                continue
            }
            guard let v = record[field.name], !v.isNull else { continue }
            o[field.name] = try storedValue(v, field: field, id: id)
        }
        return o.count == 0 ? .null : .text(JSONValue.object(o).serialized())
    }

    /// The `custom` column after a write that changed only `names`: the stored JSON with
    /// those keys set or removed and every other key exactly as stored, so a value written
    /// through another instance, or a sealed value this process could not open, survives.
    func mergedCustomColumn(stored: String?, record: JSONObject, names: [String], id: String) throws -> SQLValue {
        var o = stored.flatMap { try? JSONValue.parse($0) }?.objectValue ?? JSONObject()
        for field in type.customFields where names.contains(field.name) {
            guard let v = record[field.name], !v.isNull else {
                o[field.name] = nil
                continue
            }
            o[field.name] = try storedValue(v, field: field, id: id)
        }
        return o.count == 0 ? .null : .text(JSONValue.object(o).serialized())
    }

    /// A custom value as stored: sensitive ones sealed to their record and field, never
    /// in plain text (no key is a 422, not a silent downgrade).
    private func storedValue(_ value: JSONValue, field: FieldSpec, id: String) throws -> JSONValue {
        guard field.sensitive else { return value }
        guard let cipher else {
            throw RecordError.invalid([FieldError(field: field.name, code: "no_secret_key", message: "Sensitive fields are encrypted at rest: set RAPPORT_SECRET_KEY_FILE to the key file (`rapport key create`).")])
        }
        return try cipher.seal(value, type: type.name, id: id, field: field.name)
    }

    func decode(_ row: Row) -> StoredRecord {
        var fields = JSONObject()
        for field in type.columnFields {
            fields[field.name] = decodeField(row, field: field)
        }
        if let custom = row.text("custom"), let o = (try? JSONValue.parse(custom))?.objectValue {
            for field in type.customFields {
                let v = o[field.name] ?? .null
                fields[field.name] = field.sensitive ? (cipher?.open(v, type: type.name, id: row.text("id") ?? "", field: field.name) ?? v) : v
            }
        } else {
            for field in type.customFields { fields[field.name] = .null }
        }
        return StoredRecord(
            type: type.name,
            id: row.text("id") ?? "",
            seq: row.int("seq") ?? 0,
            version: Int(row.int("version") ?? 1),
            fields: fields,
            ownerID: row.text("owner_id"),
            createdAt: row.text("created_at") ?? "",
            updatedAt: row.text("updated_at") ?? "",
            createdBy: row.text("created_by"),
            updatedBy: row.text("updated_by"))
    }

    func decodeField(_ row: Row, field: FieldSpec) -> JSONValue {
        switch field.kind {
        case .money:
            guard let amount = row.int(field.name + "_amount"), let code = row.text(field.name + "_currency"),
                  let currency = Currency.named(code) else { return .null }
            return Money(minorUnits: amount, currency: currency).json
        case .boolean:
            return row.int(field.name).map { .bool($0 != 0) } ?? .null
        case .number:
            return row.text(field.name).map(JSONValue.number) ?? .null
        case .emails, .phones, .choices, .references, .links, .tags:
            guard let text = row.text(field.name), let v = try? JSONValue.parse(text) else { return .array([]) }
            return v
        default:
            return row.text(field.name).map(JSONValue.string) ?? .null
        }
    }

    /// Rows of the membership index that let lists filter by tag, role or linked record
    /// and let a timeline find the activities linked to a record.
    func members(_ record: JSONObject) -> [(field: String, value: String)] {
        var out: [(String, String)] = []
        for field in type.fields where field.kind.isList {
            guard let items = record[field.name]?.arrayValue else { continue }
            switch field.kind {
            case .tags:
                for item in items { if let s = item.stringValue { out.append((field.name, SearchText.fold(s))) } }
            case .choices, .references:
                for item in items { if let s = item.stringValue { out.append((field.name, s)) } }
            case .links:
                for item in items { if let id = item.objectValue?["id"]?.stringValue { out.append((field.name, id)) } }
            default:
                continue
            }
        }
        return out
    }
}
