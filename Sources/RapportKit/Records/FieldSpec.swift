/// One field of a record type, described once and read by every layer.
public struct FieldSpec: Sendable, Equatable {
    /// How a field's text feeds the search index.
    public enum SearchRole: Sendable, Equatable {
        /// Not searched.
        case none
        /// Names and titles: tokenised words and CJK bigrams, ranked highest.
        case name
        /// Secondary words (reading, job title, city...).
        case text
        /// Email addresses: whole address, local part and domain.
        case email
        /// Phone numbers: digits only.
        case phone
        /// Domains and URLs: host and its labels.
        case domain
    }

    /// The snake_case name used in JSON, filters, CSV headers and (for built-ins) the column.
    public var name: String
    public var kind: FieldKind
    public var required: Bool
    public var search: SearchRole
    /// True for fields an admin added at run time; stored in the record's `custom` JSON.
    public var isCustom: Bool
    /// Sensitive fields can be hidden per role and are encrypted at rest when custom.
    public var sensitive: Bool
    /// Human label (English); pages translate by `name`.
    public var label: String
    /// Computed by the type's hooks from other fields (a sort key): shown by the API, never
    /// written by clients, not offered in forms.
    public var isDerived: Bool
    /// Kept for the engine, not for people (a sort key): pages neither show nor list it.
    /// Other derived fields (a quote's total, a deal's status) are shown like any other.
    public var isInternal: Bool

    public init(
        _ name: String,
        _ kind: FieldKind,
        required: Bool = false,
        search: SearchRole = .none,
        isCustom: Bool = false,
        sensitive: Bool = false,
        label: String? = nil,
        isDerived: Bool = false,
        isInternal: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.search = search
        self.isCustom = isCustom
        self.sensitive = sensitive
        self.label = label ?? name.replacingOccurrences(of: "_", with: " ").capitalized
        self.isDerived = isDerived
        self.isInternal = isInternal
    }

    /// Sensitive custom fields are stored encrypted, so the database cannot compare them.
    public var isEncrypted: Bool { isCustom && sensitive }

    /// Column names the field occupies when built in; custom fields live in `custom`.
    public var columns: [String] {
        if isCustom { return [] }
        if case .money = kind { return [name + "_amount", name + "_currency"] }
        return [name]
    }

    /// Whether `filter[name]` and `sort=name` are offered (lists filter by membership).
    public var isSortable: Bool {
        if isEncrypted { return false }
        switch kind {
        case .longText, .emails, .phones, .choices, .references, .links, .tags: return false
        default: return true
        }
    }
}
