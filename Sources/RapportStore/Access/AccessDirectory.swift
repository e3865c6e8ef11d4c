import Foundation
import RapportKit
import Synchronization

/// A team: a manager and members whose records team visibility shares.
public struct Team: Sendable, Equatable {
    public var id: String
    public var name: String
    public var managerID: String?
    public var members: [String]
    /// Where customers write to this group: mail to it opens the group's tickets.
    public var supportAddress: String? = nil
    /// How the group's new tickets find an assignee: nil (by hand) or `round_robin`.
    public var assignment: String? = nil
    /// What mail from an address no person has does: nil (open a ticket, making the
    /// person) or `review` (wait for an agent to take it in or discard it).
    public var unknownSenders: String? = nil

    public var json: JSONObject {
        JSONObject([
            ("id", .string(id)), ("name", .string(name)), ("manager_id", managerID.map(JSONValue.string) ?? .null),
            ("support_address", supportAddress.map(JSONValue.string) ?? .null),
            ("assignment", assignment.map(JSONValue.string) ?? .null),
            ("unknown_senders", .string(unknownSenders ?? "create")),
            ("members", .array(members.map(JSONValue.string))),
        ])
    }
}

/// Roles and teams, read on every request to build the caller's ``Viewer``: cached for a
/// moment (they are small and change rarely) and dropped on any change made here, so
/// another instance's change shows within ``lifetime`` seconds.
public final class AccessDirectory: Sendable {
    struct Snapshot: Sendable {
        var roles: [String: Role]
        var teams: [Team]
        /// Partner users' partnerships and what each shares, by user.
        var partners: [String: [String: [String: ShareLevel]]] = [:]
        var loadedAt: Date
    }

    let db: Database
    private let state = Mutex<Snapshot?>(nil)
    /// Requests that find the snapshot expired at the same moment read it once between them.
    private let loads = InFlightLoads<Int, Snapshot>()
    static let lifetime: TimeInterval = 0.5

    public init(db: Database) {
        self.db = db
    }

    func snapshot() async throws -> Snapshot {
        if let s = state.withLock({ $0 }), Date().timeIntervalSince(s.loadedAt) < Self.lifetime { return s }
        return try await loads.value(0) { [self] in
            let snapshot = try await db.read { s in try await Self.load(s) }
            state.withLock { $0 = snapshot }
            return snapshot
        }
    }

    /// Every role by name as committed, read through `s`: the built-in ones, overlaid by the
    /// stored rows (custom roles, and built-ins an admin changed).
    static func roles(_ s: Session) async throws -> [String: Role] {
        var roles: [String: Role] = [:]
        for role in Role.builtIn { roles[role.name] = role }
        for row in try await s.query("SELECT name, label, grants FROM roles") {
            var errors: [FieldError] = []
            guard let name = row.text("name"), let text = row.text("grants"), let value = try? JSONValue.parse(text) else { continue }
            let grants = Role.parseGrants(value, knownTypes: Set(value.objectValue?.keys ?? []), errors: &errors)
            roles[name] = Role(name: name, label: row.text("label") ?? name, isBuiltIn: Role.builtIn(named: name) != nil, grants: grants)
        }
        return roles
    }

    /// Roles and teams as committed, read through `s`: a write's own transaction builds a
    /// recipient's viewer from it without waiting on the pool while it holds locks.
    static func load(_ s: Session) async throws -> Snapshot {
        let roles = try await Self.roles(s)
        let teamRows = try await s.query("SELECT id, name, manager_id, support_address, assignment, unknown_senders FROM teams ORDER BY name")
        let memberRows = try await s.query("SELECT team_id, user_id FROM team_members ORDER BY user_id")
        var members: [String: [String]] = [:]
        for row in memberRows { if let t = row.text("team_id"), let u = row.text("user_id") { members[t, default: []].append(u) } }
        let teams = teamRows.map { row in
            let id = row.text("id") ?? ""
            return Team(id: id, name: row.text("name") ?? "", managerID: row.text("manager_id"), members: members[id] ?? [], supportAddress: row.text("support_address"),
                        assignment: row.text("assignment"), unknownSenders: row.text("unknown_senders"))
        }
        let shareColumns = PartnerShare.kinds.map { "p.share_" + $0 }.joined(separator: ", ")
        var partners: [String: [String: [String: ShareLevel]]] = [:]
        for row in try await s.query("""
            SELECT u.user_id, p.id, \(raw: shareColumns) FROM partner_users u JOIN partnerships p ON p.id = u.partnership_id AND p.deleted_at IS NULL
            """) {
            guard let user = row.text("user_id"), let id = row.text("id") else { continue }
            var levels: [String: ShareLevel] = [:]
            for kind in PartnerShare.kinds { levels[kind] = row.text("share_" + kind).flatMap(ShareLevel.init(rawValue:)) ?? .hidden }
            partners[user, default: [:]][id] = levels
        }
        return Snapshot(roles: roles, teams: teams, partners: partners, loadedAt: Date())
    }

    public func invalidate() {
        state.withLock { $0 = nil }
    }

    /// Built-in roles first in their usual order, then custom roles by name.
    public func roles() async throws -> [Role] {
        let all = try await snapshot().roles
        let builtIn = Role.builtIn.compactMap { all[$0.name] }
        return builtIn + all.values.filter { !$0.isBuiltIn }.sorted { $0.name < $1.name }
    }

    public func role(named name: String) async throws -> Role? {
        try await snapshot().roles[name]
    }

    public func teams() async throws -> [Team] {
        try await snapshot().teams
    }

    /// The viewer for a user: an unknown role (deleted since) grants nothing.
    public func viewer(userID: String, roleName: String) async throws -> Viewer {
        Self.viewer(userID: userID, roleName: roleName, in: try await snapshot())
    }

    static func viewer(userID: String, roleName: String, in snapshot: Snapshot) -> Viewer {
        let role = snapshot.roles[roleName] ?? Role(name: roleName, label: roleName, grants: [:])
        var members = Set<String>(), teams = Set<String>()
        for team in snapshot.teams where team.members.contains(userID) || team.managerID == userID {
            members.formUnion(team.members)
            teams.insert(team.id)
            if let m = team.managerID { members.insert(m) }
        }
        return Viewer(userID: userID, role: role, teamMembers: members, teams: teams, partnerships: snapshot.partners[userID] ?? [:])
    }
}
