import RapportKit

/// What a sales report is narrowed to: a range of close dates (for a won or lost deal, the
/// day it closed) and a set of owners (one picked, or a team's people). A filter is added
/// to the actor's visibility, never in place of it, so it can only narrow what the actor
/// may already see.
public struct ReportFilter: Sendable, Equatable {
    /// Inclusive ISO days.
    public var closeFrom: String?
    public var closeTo: String?
    /// The owners to keep; nil keeps every owner.
    public var owners: Set<String>?

    public init(closeFrom: String? = nil, closeTo: String? = nil, owners: Set<String>? = nil) {
        self.closeFrom = closeFrom
        self.closeTo = closeTo
        self.owners = owners
    }

    public static let all = ReportFilter()

    /// Keeps only owners in both this filter and `other` (an owner and a team together).
    public mutating func narrow(owners other: Set<String>) {
        owners = owners.map { $0.intersection(other) } ?? other
    }

    /// The filter as SQL conditions on the deals alias `d` (empty for ``all``).
    func conditions(column prefix: String = "d.") -> [SQL] {
        var out: [SQL] = []
        if let closeFrom { out.append("\(raw: prefix)close_date >= \(closeFrom)") }
        if let closeTo { out.append("\(raw: prefix)close_date <= \(closeTo)") }
        if let owners {
            out.append(owners.isEmpty ? "1 = 0" : "\(raw: prefix)owner_id IN (\(SQL.join(owners.sorted().map { "\($0)" }, ", ")))")
        }
        return out
    }
}

extension RecordStore {
    /// The people whose deals count as a team's, as the quota report counts them: its
    /// members and its manager. Nil when there is no such team.
    public func teamOwners(teamID: String) async throws -> Set<String>? {
        try await db.read { s in
            guard try await !s.query("SELECT id FROM teams WHERE id = \(teamID)").isEmpty else { return nil }
            var out: Set<String> = []
            for r in try await s.query("SELECT user_id FROM team_members WHERE team_id = \(teamID) UNION SELECT manager_id AS user_id FROM teams WHERE id = \(teamID) AND manager_id IS NOT NULL") {
                if let u = r.text("user_id") { out.insert(u) }
            }
            return out
        }
    }
}

extension RecordStore {
    /// Whether a user with this id exists (the reports' owner filter).
    public func userExists(id: String) async throws -> Bool {
        try await db.read { s in try await !s.query("SELECT id FROM users WHERE id = \(id)").isEmpty }
    }
}

extension RecordStore {
    /// A user's own time zone (IANA name), which report periods are counted in.
    public func userTimeZone(id: String) async throws -> String? {
        try await db.read { s in try await s.query("SELECT time_zone FROM users WHERE id = \(id)").first?.text("time_zone") }
    }
}
