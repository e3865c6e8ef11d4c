/// A role's rights on one record type.
public struct Grant: Sendable, Equatable {
    public var actions: Set<RecordAction>
    public var visibility: Visibility
    /// Fields removed from everything the role reads, lists, exports and may write.
    public var hiddenFields: Set<String>
    /// Also hides every field marked sensitive (emails, phones, sensitive custom fields).
    public var hidesSensitive: Bool

    public init(_ actions: Set<RecordAction>, visibility: Visibility = .all, hiddenFields: Set<String> = [], hidesSensitive: Bool = false) {
        self.actions = actions
        self.visibility = visibility
        self.hiddenFields = hiddenFields
        self.hidesSensitive = hidesSensitive
    }

    public static let none = Grant([], visibility: .own)
    public static let everything = Grant(Set(RecordAction.allCases))
    public static let readOnly = Grant([.read])

    /// The fields of `type` this grant hides.
    public func hidden(in type: RecordType) -> Set<String> {
        var out = hiddenFields
        if hidesSensitive { for f in type.fields where f.sensitive { out.insert(f.name) } }
        return out
    }

    public var json: JSONObject {
        JSONObject([
            ("actions", .array(RecordAction.allCases.filter(actions.contains).map { .string($0.rawValue) })),
            ("visibility", .string(visibility.rawValue)),
            ("hidden_fields", .array(hiddenFields.sorted().map(JSONValue.string))),
            ("hides_sensitive", .bool(hidesSensitive)),
        ])
    }

    /// Reads a grant as the roles API and the roles table hold it; `path` prefixes field
    /// names in errors (`grants.people.actions`).
    public static func parse(_ value: JSONValue, path: String, errors: inout [FieldError]) -> Grant {
        guard let o = value.objectValue else {
            errors.append(FieldError(field: path, code: "invalid_type", message: "A grant is an object with actions, visibility, hidden_fields and hides_sensitive."))
            return .none
        }
        var grant = Grant.none
        for key in o.keys where !["actions", "visibility", "hidden_fields", "hides_sensitive"].contains(key) {
            errors.append(FieldError(field: "\(path).\(key)", code: "unknown_field", message: "A grant has actions, visibility, hidden_fields and hides_sensitive."))
        }
        if let list = o["actions"]?.arrayValue {
            for item in list {
                if let name = item.stringValue, let action = RecordAction(rawValue: name) {
                    grant.actions.insert(action)
                } else {
                    errors.append(FieldError(field: "\(path).actions", code: "invalid_choice", message: "Actions are \(RecordAction.allCases.map(\.rawValue).joined(separator: ", "))."))
                }
            }
        } else if o["actions"] != nil {
            errors.append(FieldError(field: "\(path).actions", code: "invalid_type", message: "A list of actions."))
        }
        if let v = o["visibility"] {
            if let name = v.stringValue, let visibility = Visibility(rawValue: name) {
                grant.visibility = visibility
            } else {
                errors.append(FieldError(field: "\(path).visibility", code: "invalid_choice", message: "Visibility is own, team, all or partnership."))
            }
        } else {
            grant.visibility = .all
        }
        if let list = o["hidden_fields"]?.arrayValue {
            for item in list {
                if let name = item.stringValue, !name.isEmpty { grant.hiddenFields.insert(name) } else {
                    errors.append(FieldError(field: "\(path).hidden_fields", code: "invalid_type", message: "A list of field names."))
                }
            }
        } else if o["hidden_fields"] != nil {
            errors.append(FieldError(field: "\(path).hidden_fields", code: "invalid_type", message: "A list of field names."))
        }
        if let v = o["hides_sensitive"] {
            if let b = v.boolValue { grant.hidesSensitive = b } else {
                errors.append(FieldError(field: "\(path).hides_sensitive", code: "invalid_type", message: "true or false."))
            }
        }
        return grant
    }
}
