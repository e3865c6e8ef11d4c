/// The single description of a record type from which storage, API, search, audit, CSV
/// and the OpenAPI document are derived.
///
/// Type-specific behaviour is a ``RecordHooks`` value, not a copy of the engine.
public struct RecordType: Sendable {
    /// A uniqueness rule: the value of `field`, normalised, may belong to one live record only.
    public struct UniqueKey: Sendable, Equatable {
        public var field: String
        /// Prefix of the key stored in the key table, e.g. `email`.
        public var kind: String
        public init(field: String, kind: String) {
            self.field = field
            self.kind = kind
        }
    }

    /// Plural path segment and table name: `people`, `organizations`.
    public var name: String
    /// Singular noun for messages: `person`.
    public var singular: String
    /// Built-in fields in display order.
    public var fields: [FieldSpec]
    /// The field that names a record in lists, timelines and links.
    public var titleField: String
    /// The columns a list of these records shows until the reader picks others, and the
    /// few a record page shows beside each related record.
    public var listColumns: [String]
    public var uniqueKeys: [UniqueKey]
    /// Whether records carry an owner (most do; tags do not).
    public var hasOwner: Bool
    /// Whether admins may add custom fields to this type.
    public var allowsCustomFields: Bool
    public var hooks: RecordHooks
    /// Fields that hold personal data: what erasing a person removes, from the person and
    /// from records that mention them (an activity's subject and body). Custom fields
    /// always count as personal.
    public var personalFields: Set<String>
    /// Whether the main navigation lists the type; set-up types (pipelines, their stages)
    /// are reached from settings instead.
    public var inNavigation: Bool
    /// The record this one belongs to (a quote line's quote, a deal's quotes and
    /// contacts), whose owner, visibility, hand-over, deletion and finality it follows.
    public var parent: ParentRule?
    /// Where the navigation lists the type.
    public var area: WorkArea
    /// The name of the type's icon in the pages' icon set.
    public var icon: String
    /// Whether pages show its records with an avatar of initials: people and companies,
    /// whose titles are names, not deals or documents.
    public var showsAvatar: Bool
    /// The team field that decides who sees a record under team visibility (a ticket's
    /// group): the members of that team, not the owner's team. A record without a team
    /// falls back to its owner. Children of such a type are seen with their parent.
    public var groupField: String?
    /// Whether people log calls, meetings and notes on it. Set-up records (macros, survey
    /// programs) have a history of changes but no relationship to log.
    public var acceptsActivities: Bool
    /// A field whose values are the steps of a procedure, with their dated history kept by
    /// the engine (a partnership's lifecycle, a conflict's procedure).
    public var stages: StageRule?
    /// Whether, and how far, partner users see records of the type (``PartnerShare``).
    public var partnerShare: PartnerShare?

    public init(
        name: String,
        singular: String,
        fields: [FieldSpec],
        titleField: String,
        listColumns: [String] = [],
        uniqueKeys: [UniqueKey] = [],
        hasOwner: Bool = true,
        allowsCustomFields: Bool = true,
        hooks: RecordHooks = RecordHooks(),
        personalFields: Set<String> = [],
        inNavigation: Bool = true,
        parent: ParentRule? = nil,
        area: WorkArea = .customers,
        icon: String = "record",
        showsAvatar: Bool = false,
        groupField: String? = nil,
        acceptsActivities: Bool = true,
        stages: StageRule? = nil,
        partnerShare: PartnerShare? = nil
    ) {
        self.name = name
        self.singular = singular
        self.fields = fields
        self.titleField = titleField
        self.listColumns = listColumns
        self.uniqueKeys = uniqueKeys
        self.hasOwner = hasOwner
        self.allowsCustomFields = allowsCustomFields
        self.hooks = hooks
        self.personalFields = personalFields
        self.inNavigation = inNavigation
        self.parent = parent
        self.area = area
        self.icon = icon
        self.showsAvatar = showsAvatar
        self.groupField = groupField
        self.acceptsActivities = acceptsActivities
        self.stages = stages
        self.partnerShare = partnerShare
    }

    /// Set-up types (pipelines and their stages): few records, kept by admins, chosen
    /// from a list wherever a record points at one.
    public var isSetUp: Bool { !inNavigation && !hasOwner }

    /// Fields maintained by the engine: visible in responses, never accepted from clients.
    public static let systemFields = ["id", "version", "created_at", "updated_at", "created_by", "updated_by", "owner_id"]

    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// The same type with the admin's custom fields appended.
    public func extended(with custom: [FieldSpec]) -> RecordType {
        guard allowsCustomFields, !custom.isEmpty else { return self }
        var copy = self
        copy.fields += custom
        return copy
    }

    /// The type as a role sees it: without the fields it hides, so validation, filters,
    /// sorting, output and export treat them as unknown.
    public func hiding(_ names: Set<String>) -> RecordType {
        guard !names.isEmpty else { return self }
        var copy = self
        copy.fields.removeAll { names.contains($0.name) }
        return copy
    }

    /// Fields whose values feed the search index, in ranking order.
    public var searchFields: [FieldSpec] {
        fields.filter { $0.search != .none }
    }

    /// Built-in fields stored in columns, in table order.
    public var columnFields: [FieldSpec] {
        fields.filter { !$0.isCustom }
    }

    public var customFields: [FieldSpec] {
        fields.filter(\.isCustom)
    }
}

/// Type-specific behaviour plugged into the engine.
///
/// Hooks are plain functions over JSON objects so they stay testable without a database.
public struct RecordHooks: Sendable {
    /// Fills derived fields (a person's display name, a domain from a website) after
    /// validation and before storage; gets the merged record (existing values plus changes).
    public var derive: @Sendable (inout JSONObject) -> Void
    /// Cross-field rules that single-field validators cannot express.
    public var validate: @Sendable (JSONObject) -> [FieldError]

    public init(
        derive: @escaping @Sendable (inout JSONObject) -> Void = { _ in },
        validate: @escaping @Sendable (JSONObject) -> [FieldError] = { _ in [] }
    ) {
        self.derive = derive
        self.validate = validate
    }
}

/// A problem with one field, reported to clients as `{ field, code, message }`.
public struct FieldError: Error, Sendable, Equatable {
    public var field: String
    public var code: String
    public var message: String
    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

extension RecordType {
    /// A complete record from validated changes: fields not given are null, lists empty,
    /// so every response has the same shape whatever was sent.
    public func newRecord(from changes: JSONObject) -> JSONObject {
        var record = JSONObject()
        for field in fields {
            let value = changes[field.name] ?? .null
            record[field.name] = value.isNull && field.kind.isList ? .array([]) : value
        }
        return record
    }
}
