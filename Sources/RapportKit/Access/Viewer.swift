/// A signed-in user as the record engine sees them: their role and whose records their
/// team visibility reaches. Built once per request from the user, role and team tables.
public struct Viewer: Sendable, Equatable {
    public var userID: String
    public var role: Role
    /// The user and everyone in a team the user belongs to or manages.
    public var teamMembers: Set<String>
    /// The teams the user belongs to or manages: the groups whose tickets team visibility
    /// shows (``RecordType/groupField``).
    public var teams: Set<String>
    /// For a partner user: each partnership they work with and what it shares with them,
    /// by kind (``PartnerShare/kind``).
    public var partnerships: [String: [String: ShareLevel]]

    public init(userID: String, role: Role, teamMembers: Set<String>, teams: Set<String> = [], partnerships: [String: [String: ShareLevel]] = [:]) {
        self.userID = userID
        self.role = role
        self.teamMembers = teamMembers.union([userID])
        self.teams = teams
        self.partnerships = partnerships
    }

    /// The teams whose records of `type` are visible by their group, or nil when the
    /// type has no group field or the role's visibility on it is not `team`.
    public func visibleGroups(_ type: RecordType) -> Set<String>? {
        guard type.groupField != nil, type.hasOwner, role.grant(for: type.name).visibility == .team else { return nil }
        return teams
    }

    /// The same rule as the store's query for one record already read: its group decides
    /// when it has one, else its owner.
    public func canSee(_ type: RecordType, ownerID: String?, fields: JSONObject) -> Bool {
        if let groups = visibleGroups(type), let field = type.groupField, let group = fields[field]?.stringValue {
            return groups.contains(group)
        }
        return canSee(type, ownerID: ownerID)
    }

    /// Which owners' records of `type` are visible: nil for all of them.
    public func visibleOwners(_ type: RecordType) -> Set<String>? {
        guard type.hasOwner else { return nil }
        switch role.grant(for: type.name).visibility {
        case .all: return nil
        case .team: return teamMembers
        case .own: return [userID]
        // Partners see by partnership (``partnerRule(_:)``), never by owner.
        case .partnership: return []
        }
    }

    public func canSee(_ type: RecordType, ownerID: String?) -> Bool {
        guard let owners = visibleOwners(type) else { return true }
        return ownerID.map(owners.contains) ?? false
    }

    /// Whether the user may hand a record of `type` to `owner`: only to someone whose
    /// records they can see, so nobody can push records out of their own sight or into a
    /// stranger's list.
    public func mayAssign(_ type: RecordType, to owner: String) -> Bool {
        visibleOwners(type).map { $0.contains(owner) } ?? true
    }

    public func hiddenFields(_ type: RecordType) -> Set<String> {
        var hidden = role.grant(for: type.name).hidden(in: type)
        // Shared as a summary: the record without its long texts.
        if role.grant(for: type.name).visibility == .partnership, let share = type.partnerShare, let kind = share.kind, shareLevel(kind) == .summary {
            hidden.formUnion(share.summaryHides)
        }
        return hidden
    }
}
