import Foundation

/// Validation of a whole create or update body against a record type.
public enum RecordInput {
    public enum Mode: Sendable { case create, update }

    /// Checks every key of `body` and returns the canonical values of the fields it sets
    /// (null means "clear"); all problems are reported together so a form can show them at once.
    ///
    /// - Important: system fields other than `owner_id` are refused, so a client never
    ///   chooses an id, a version or a timestamp.
    public static func validate(_ body: JSONObject, type: RecordType, mode: Mode) -> Result<JSONObject, RecordError> {
        var out = JSONObject()
        var errors: [FieldError] = []
        for (key, value) in body {
            if key == "owner_id", type.hasOwner {
                if value.isNull { errors.append(FieldError(field: key, code: "required", message: "A record needs an owner.")); continue }
                switch FieldValidator.canonical(value, for: FieldSpec("owner_id", .user)) {
                case .success(let v): out["owner_id"] = v
                case .failure(let e): errors.append(e)
                }
                continue
            }
            if RecordType.systemFields.contains(key) {
                errors.append(FieldError(field: key, code: "read_only", message: "\(key) is set by Rapport and cannot be written."))
                continue
            }
            guard let field = type.field(key) else {
                errors.append(FieldError(field: key, code: "unknown_field", message: "\(type.name) have no field named \(key)."))
                continue
            }
            if field.isDerived {
                errors.append(FieldError(field: key, code: "read_only", message: "\(key) is computed from other fields."))
                continue
            }
            if value.isNull {
                if field.required {
                    errors.append(FieldError(field: key, code: "required", message: "\(field.label) is required."))
                } else {
                    out[key] = .null
                }
                continue
            }
            switch FieldValidator.canonical(value, for: field) {
            case .success(let v):
                if v.isNull, field.required {
                    errors.append(FieldError(field: key, code: "required", message: "\(field.label) is required."))
                } else {
                    out[key] = v
                }
            case .failure(let e):
                errors.append(e)
            }
        }
        if mode == .create {
            for field in type.fields where field.required && body[field.name] == nil {
                errors.append(FieldError(field: field.name, code: "required", message: "\(field.label) is required."))
            }
        }
        return errors.isEmpty ? .success(out) : .failure(.invalid(errors))
    }

    /// Turns a CSV cell into the JSON value the field validator expects, so imports follow
    /// exactly the API's rules. Lists are separated by `;` (commas belong to CSV itself).
    public static func fromCSV(_ cell: String, field: FieldSpec) -> JSONValue {
        let t = cell.trimmedWhitespace
        if t.isEmpty { return .null }
        func list() -> JSONValue {
            .array(t.split(separator: ";").map { .string($0.trimmedWhitespace) }.filter { $0.stringValue?.isEmpty == false })
        }
        switch field.kind {
        case .emails, .phones, .choices, .tags, .references:
            return list()
        case .links:
            return .array(t.split(separator: ";").map { item in
                let parts = item.split(separator: "/", maxSplits: 1).map { String($0).trimmedWhitespace }
                return parts.count == 2 ? .object(JSONObject([("type", .string(parts[0])), ("id", .string(parts[1]))])) : .string(String(item))
            })
        case .boolean:
            switch t.lowercased() {
            case "true", "yes", "1", "y": return .bool(true)
            case "false", "no", "0", "n": return .bool(false)
            default: return .string(t)
            }
        case .number:
            return .string(t)
        case .money:
            let parts = t.split(separator: " ").map(String.init)
            if parts.count == 2 {
                let (a, c) = parts[0].first?.isLetter == true ? (parts[1], parts[0]) : (parts[0], parts[1])
                return .object(JSONObject([("amount", .string(a)), ("currency", .string(c))]))
            }
            return .string(t)
        default:
            return .string(t)
        }
    }

    /// The CSV form of a stored value: the inverse of ``fromCSV(_:field:)``.
    public static func toCSV(_ value: JSONValue?, field: FieldSpec) -> String {
        guard let value, !value.isNull else { return "" }
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .array(let items):
            return items.map { item -> String in
                if let s = item.stringValue { return s }
                if let o = item.objectValue {
                    if let a = o["address"]?.stringValue { return a }
                    if let n = o["number"]?.stringValue { return n }
                    if let t = o["type"]?.stringValue, let id = o["id"]?.stringValue { return t + "/" + id }
                }
                return item.serialized()
            }.joined(separator: ";")
        case .object(let o):
            if let a = o["amount"]?.stringValue, let c = o["currency"]?.stringValue { return a + " " + c }
            return value.serialized()
        case .null: return ""
        }
    }
}
