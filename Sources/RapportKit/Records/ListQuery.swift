import Foundation

/// A parsed list request: `?q=`, `filter[field][op]=`, `sort=`, `limit=`, `cursor=`.
///
/// Parsing is strict (unknown parameters and fields are refused) so a typo in a filter
/// never silently returns everything.
public struct ListQuery: Sendable, Equatable {
    public enum Op: String, Sendable, CaseIterable {
        case eq, ne, gte, lte, `in`
    }

    public struct Filter: Sendable, Equatable {
        public var field: String
        public var op: Op
        /// Canonical values (one, or several for `in`); null means "is empty".
        public var values: [JSONValue]
    }

    public static let defaultLimit = 50
    public static let maxLimit = 500

    public var search: SearchQuery?
    public var filters: [Filter] = []
    /// Field name, or nil for relevance (with `q`) / `-updated_at` (without).
    public var sort: String?
    public var descending = true
    public var limit = ListQuery.defaultLimit
    public var cursor: Cursor?

    public init() {}

    /// Fields every type can be filtered and sorted by besides its own.
    public static let systemFilterFields: [String: FieldKind] = [
        "id": .reference(""), "owner_id": .user, "created_at": .dateTime, "updated_at": .dateTime,
        "created_by": .user, "updated_by": .user,
    ]

    public static func parse(_ params: [(String, String)], type: RecordType) -> Result<ListQuery, RecordError> {
        var query = ListQuery()
        var errors: [FieldError] = []
        for (key, value) in params {
            switch key {
            case "q":
                let trimmed = value.trimmedWhitespace
                if trimmed.count > 200 {
                    errors.append(FieldError(field: "q", code: "too_long", message: "Search text is at most 200 characters."))
                } else if !trimmed.isEmpty {
                    let q = SearchQuery(trimmed)
                    if !q.isEmpty { query.search = q }
                }
            case "limit":
                if let n = Int(value), (1...maxLimit).contains(n) {
                    query.limit = n
                } else {
                    errors.append(FieldError(field: "limit", code: "out_of_range", message: "limit must be a whole number from 1 to \(maxLimit)."))
                }
            case "sort":
                var name = value
                var desc = false
                if name.hasPrefix("-") { desc = true; name.removeFirst() }
                if systemFilterFields[name] != nil || type.field(name)?.isSortable == true {
                    query.sort = name
                    query.descending = desc
                } else {
                    errors.append(FieldError(field: "sort", code: "unknown_field", message: "Cannot sort \(type.name) by '\(name)'."))
                }
            case "cursor":
                if let c = Cursor(encoded: value) { query.cursor = c } else {
                    errors.append(FieldError(field: "cursor", code: "invalid_cursor", message: "The cursor is not one this server issued; start again without it."))
                }
            default:
                guard key.hasPrefix("filter["), key.hasSuffix("]") else {
                    errors.append(FieldError(field: key, code: "unknown_parameter", message: "Unknown query parameter '\(key)'."))
                    continue
                }
                switch parseFilter(key: key, value: value, type: type) {
                case .success(let f): query.filters.append(f)
                case .failure(let e): errors.append(e)
                }
            }
        }
        if let cursor = query.cursor, cursor.sort != query.sortKey {
            errors.append(FieldError(field: "cursor", code: "invalid_cursor", message: "The cursor belongs to a different sort order."))
        }
        return errors.isEmpty ? .success(query) : .failure(.badRequest("The list request has invalid parameters.", errors))
    }

    /// The sort key written into cursors so a cursor cannot be replayed under another order.
    public var sortKey: String {
        if let sort { return (descending ? "-" : "") + sort }
        return search == nil ? "-updated_at" : "~rank"
    }

    static func parseFilter(key: String, value: String, type: RecordType) -> Result<Filter, FieldError> {
        let inner = key.dropFirst("filter[".count).dropLast()
        let parts = inner.components(separatedBy: "][")
        guard (1...2).contains(parts.count), let name = parts.first, !name.isEmpty else {
            return .failure(FieldError(field: key, code: "invalid_filter", message: "Filters look like filter[field]=value or filter[field][gte]=value."))
        }
        var op = Op.eq
        if parts.count == 2 {
            guard let o = Op(rawValue: parts[1]) else {
                return .failure(FieldError(field: key, code: "invalid_filter", message: "Filter operators are: \(Op.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
            op = o
        }
        let field: FieldSpec
        if let kind = systemFilterFields[name] {
            field = FieldSpec(name, kind)
        } else if let f = type.field(name) {
            field = f
        } else {
            return .failure(FieldError(field: key, code: "unknown_field", message: "\(type.name) have no field named '\(name)'."))
        }
        if field.kind == .longText {
            return .failure(FieldError(field: key, code: "invalid_filter", message: "\(name) can be searched with q, not filtered."))
        }
        if field.isEncrypted {
            return .failure(FieldError(field: key, code: "invalid_filter", message: "\(name) is encrypted at rest and cannot be filtered."))
        }
        if (op == .gte || op == .lte) && field.kind.isList {
            return .failure(FieldError(field: key, code: "invalid_filter", message: "\(name) is a list: use filter[\(name)]=value."))
        }
        let raw = op == .in ? value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) : [value]
        guard raw.count <= 100 else {
            return .failure(FieldError(field: key, code: "invalid_filter", message: "At most 100 values in one filter."))
        }
        var values: [JSONValue] = []
        for r in raw {
            // An empty value means "empty" for every kind: `filter[x]=` finds records
            // without x, `[ne]=` those with one, and an empty item of `[in]` adds the
            // records without x. A bound needs a value.
            if r.isEmpty {
                guard op != .gte && op != .lte else {
                    return .failure(FieldError(field: key, code: "invalid_filter", message: "filter[\(name)][\(op.rawValue)] needs a value."))
                }
                values.append(.null)
                continue
            }
            switch filterValue(r, field: field) {
            case .success(let v): values.append(v)
            case .failure(var e):
                e.field = key
                return .failure(e)
            }
        }
        return .success(Filter(field: name, op: op, values: values))
    }

    /// One filter operand in its canonical stored form, validated like a write.
    static func filterValue(_ raw: String, field: FieldSpec) -> Result<JSONValue, FieldError> {
        switch field.kind {
        case .emails:
            guard let e = Email.normalize(raw) else { return .failure(FieldError(field: field.name, code: "invalid_email", message: "'\(raw)' is not an email address.")) }
            return .success(.string(e))
        case .phones:
            return .success(.string(Phone.digits(raw)))
        case .tags:
            return .success(.string(SearchText.fold(raw.trimmedWhitespace)))
        case .choices(let options):
            return FieldValidator.canonical(.string(raw), for: FieldSpec(field.name, .choice(options)))
        case .references(let t):
            return FieldValidator.canonical(.string(raw), for: FieldSpec(field.name, .reference(t)))
        case .links:
            let id = raw.split(separator: "/").last.map(String.init) ?? raw
            return FieldValidator.canonical(.string(id), for: FieldSpec(field.name, .reference("")))
        case .money:
            let parts = raw.split(separator: " ").map(String.init)
            guard parts.count == 2 else {
                return .failure(FieldError(field: field.name, code: "invalid_filter", message: "Money filters name the currency, e.g. 1000000 KRW."))
            }
            return FieldValidator.canonical(RecordInput.fromCSV(raw, field: field), for: field)
        case .reference(""):
            guard RecordID.isValid(raw) else { return .failure(FieldError(field: field.name, code: "invalid_reference", message: "Expected an id.")) }
            return .success(.string(raw))
        case .dateTime:
            if CivilDate.parseISO(raw) != nil { return .success(.string(raw)) }
            return FieldValidator.canonical(.string(raw), for: field)
        default:
            return FieldValidator.canonical(RecordInput.fromCSV(raw, field: field), for: field)
        }
    }
}

/// An opaque position in a list: the sort value and id of the last row served.
public struct Cursor: Sendable, Equatable {
    public var sort: String
    public var value: JSONValue
    public var id: String

    public init(sort: String, value: JSONValue, id: String) {
        self.sort = sort
        self.value = value
        self.id = id
    }

    public init?(encoded: String) {
        var b64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard encoded.count <= 2000, let data = Data(base64Encoded: b64),
              let json = try? JSONValue.parse([UInt8](data)), let a = json.arrayValue, a.count == 3,
              let sort = a[0].stringValue, let id = a[2].stringValue
        else { return nil }
        self.init(sort: sort, value: a[1], id: id)
    }

    public var encoded: String {
        let json = JSONValue.array([.string(sort), value, .string(id)]).serialized()
        return Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
