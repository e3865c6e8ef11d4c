/// A named set of grants: per record type, with `*` as the grant for every type a role
/// does not name. Built-in roles ship with defaults an admin may change; custom roles are
/// made by admins. Only `admin` manages users, roles, fields and reads the audit log.
public struct Role: Sendable, Equatable {
    public var name: String
    public var label: String
    public var isBuiltIn: Bool
    public var grants: [String: Grant]

    public init(name: String, label: String, isBuiltIn: Bool = false, grants: [String: Grant]) {
        self.name = name
        self.label = label
        self.isBuiltIn = isBuiltIn
        self.grants = grants
    }

    public static let adminName = "admin"

    /// Admins hold every right on every type, whatever is stored for them, so an admin
    /// can never lock the whole company out.
    public var isAdmin: Bool { name == Self.adminName }

    public func grant(for type: String) -> Grant {
        if isAdmin { return .everything }
        return grants[type] ?? grants["*"] ?? .none
    }

    public func allows(_ action: RecordAction, on type: String) -> Bool {
        grant(for: type).actions.contains(action)
    }

    /// Lower-case letters, digits and underscores, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.utf8.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    public var json: JSONObject {
        var grants = JSONObject()
        for key in self.grants.keys.sorted() { grants[key] = .object(self.grants[key]!.json) }
        return JSONObject([
            ("name", .string(name)), ("label", .string(label)), ("built_in", .bool(isBuiltIn)),
            ("grants", .object(grants)),
        ])
    }

    /// The grants object of the roles API: `{ "people": {…}, "*": {…} }`. Type names must
    /// be `*` or one of `knownTypes`.
    public static func parseGrants(_ value: JSONValue, knownTypes: Set<String>, errors: inout [FieldError]) -> [String: Grant] {
        guard let o = value.objectValue else {
            errors.append(FieldError(field: "grants", code: "invalid_type", message: "An object of record type → grant."))
            return [:]
        }
        var out: [String: Grant] = [:]
        for (type, grantValue) in o {
            guard type == "*" || knownTypes.contains(type) else {
                errors.append(FieldError(field: "grants.\(type)", code: "unknown_type", message: "No record type is named '\(type)'."))
                continue
            }
            out[type] = Grant.parse(grantValue, path: "grants.\(type)", errors: &errors)
        }
        return out
    }
}
