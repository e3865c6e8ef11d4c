/// Which records of a type a reader sees, as a value the engine turns into a condition for
/// every read (lists, get, search, counts, exports, timelines, totals) instead of code per
/// type. Rules compose: a child is visible when the role's ownership rule holds AND its
/// parent is visible by the parent's own rule, and later rules (group membership, sharing
/// with a partner) are one more case joined the same way.
public indirect enum VisibilityRule: Sendable, Equatable {
    /// Records owned by one of these users.
    case owners(Set<String>)
    /// Records that name no parent in `field`, or whose parent of type `type` is visible
    /// by `rule` (nil: every parent is).
    case parent(field: String, type: String, rule: VisibilityRule?)
    /// Records that name no parent in `field`: the reader may not read parents at all.
    case noParent(field: String)
    /// Records of a group the reader belongs to (a ticket's group under team visibility);
    /// a record without a group falls back to its owner being one of `owners` (nil: any).
    case group(field: String, groups: Set<String>, owners: Set<String>?)
    /// Records whose `field` names one of `partnerships` and, when `flag` is set, that are
    /// marked shared in it: what a partner user sees.
    case partner(field: String, partnerships: Set<String>, flag: String?)
    /// Records every rule admits.
    case all([VisibilityRule])

    /// The rule admitting what both `a` and `b` admit; nil stands for "everything".
    public static func both(_ a: VisibilityRule?, _ b: VisibilityRule?) -> VisibilityRule? {
        switch (a, b) {
        case (nil, let x), (let x, nil): return x
        case (.all(let x)?, .all(let y)?): return .all(x + y)
        case (.all(let x)?, let y?): return .all(x + [y])
        case (let x?, .all(let y)?): return .all([x] + y)
        case (let x?, let y?): return .all([x, y])
        }
    }

    /// Whether a record is admitted, given its owner and, per parent field, the parent it
    /// names (nil when it names none, or when the parent cannot be found).
    public func admits(_ record: VisibleRecord) -> Bool {
        switch self {
        case .owners(let owners):
            return record.ownerID.map(owners.contains) ?? false
        case .parent(let field, _, let rule):
            guard let named = record.parents[field] else { return true }
            guard let parent = named else { return false }
            return rule?.admits(parent) ?? true
        case .noParent(let field):
            return record.parents[field] == nil
        case .group(_, let groups, let owners):
            if let group = record.group { return groups.contains(group) }
            return owners.map { o in record.ownerID.map(o.contains) ?? false } ?? true
        case .partner(let field, let partnerships, let flag):
            guard let id = record.values[field], partnerships.contains(id) else { return false }
            return flag.map { record.values[$0] == "true" } ?? true
        case .all(let rules):
            return rules.allSatisfy { $0.admits(record) }
        }
    }
}

/// A record as visibility rules read it: its owner and the parents it names.
public struct VisibleRecord: Sendable, Equatable {
    public var ownerID: String?
    /// The group the record belongs to, for types with a group field.
    public var group: String?
    /// Per parent field: absent when the record names no parent there; `.some(nil)` when
    /// it names one that does not exist.
    public var parents: [String: VisibleRecord?]
    /// Field values partner rules read (`partnership_id`, `shared` as "true").
    public var values: [String: String]

    public init(ownerID: String?, group: String? = nil, parents: [String: VisibleRecord?] = [:], values: [String: String] = [:]) {
        self.ownerID = ownerID
        self.group = group
        self.parents = parents
        self.values = values
    }
}

extension Viewer {
    /// The reader's rule for `type`: the role's ownership rule, joined with its parent's
    /// visibility when the type has a parent. Nil when every record is visible.
    public func visibility(_ type: RecordType, in catalog: RecordCatalog) -> VisibilityRule? {
        visibility(type, in: catalog, below: [])
    }

    /// `below` holds the types already on the way down, so a catalog that declared a
    /// circle of parents ends it instead of recursing forever.
    private func visibility(_ type: RecordType, in catalog: RecordCatalog, below: Set<String>) -> VisibilityRule? {
        var rule = visibleOwners(type).map(VisibilityRule.owners)
        if let field = type.groupField, let groups = visibleGroups(type) {
            rule = .group(field: field, groups: groups, owners: visibleOwners(type))
        }
        if role.grant(for: type.name).visibility == .partnership {
            rule = partnerRule(type)
        }
        if let parent = type.parent, let parentType = catalog[parent.type], !below.contains(parentType.name) {
            // A group's records carry their children to every member, whoever wrote them
            // (an admin's reply on a ticket of the reader's group).
            if parentType.groupField != nil && visibleGroups(parentType) != nil { rule = nil }
            if !role.allows(.read, on: parentType.name) {
                rule = .both(rule, .noParent(field: parent.field))
            } else if let parentRule = visibility(parentType, in: catalog, below: below.union([type.name])) {
                rule = .both(rule, .parent(field: parent.field, type: parentType.name, rule: parentRule))
            }
        }
        return rule
    }
}

extension Viewer {
    /// A partner user's rule for `type`: the records of their partnerships that each
    /// shares at summary or full for the type's kind; nothing for a type partners never
    /// see; no rule of its own for a type that follows its parent (a goal's key results).
    func partnerRule(_ type: RecordType) -> VisibilityRule? {
        guard let share = type.partnerShare else { return .owners([]) }
        guard let field = share.field else { return nil }
        let ids = partnerships.filter { _, levels in share.kind.map { (levels[$0] ?? .hidden) >= .summary } ?? true }.keys
        return .partner(field: field, partnerships: Set(ids), flag: share.flag)
    }

    /// The sharing level of a kind for this partner user: the lowest among their
    /// partnerships, so a user of two never sees more of one than it shares.
    public func shareLevel(_ kind: String) -> ShareLevel {
        partnerships.values.map { $0[kind] ?? .hidden }.min() ?? .hidden
    }
}
