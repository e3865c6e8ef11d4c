import Foundation
import RapportKit

/// Who gets a new ticket in a group that assigns in turn: among the group's active members
/// who are not away and whose role may work tickets (those with the skills the ticket's tags
/// ask for first, then those who speak the requester's language), the one who waited
/// longest (``RoundRobin``). Runs inside the ticket's own write, holding the group's row on
/// PostgreSQL, so two tickets created at once on two instances go to two people; on SQLite
/// the single writer does the same.
public enum TicketAssignment {
    public static let roundRobin = "round_robin"
    public static let rules = [roundRobin]

    /// Turns are counted per group under the group's lock, not read from a clock: two
    /// instances' clocks (or two requests' start times) need not agree on which came first.
    static func pick(_ s: Session, group: String, requester: String?, tags: [String]) async throws -> String? {
        let lock: SQL = s.dialect == .postgres ? " FOR UPDATE" : ""
        guard try await s.query("SELECT assignment FROM teams WHERE id = \(group)\(lock)").first?.text("assignment") == roundRobin else { return nil }
        let rows = try await s.query("""
            SELECT u.id, u.role, u.language, u.skills, r.turn FROM team_members m
            JOIN users u ON u.id = m.user_id
            LEFT JOIN assignment_rotation r ON r.team_id = m.team_id AND r.user_id = u.id
            WHERE m.team_id = \(group) AND u.active = 1 AND NOT EXISTS (SELECT 1 FROM user_away a WHERE a.user_id = u.id)
            """)
        // The same roles every viewer is built from, read inside this write.
        let working = Set(try await AccessDirectory.roles(s).filter { $0.value.allows(.update, on: Tickets.type.name) }.keys)
        let candidates = rows.compactMap { row -> RoundRobin.Candidate? in
            guard let id = row.text("id"), let role = row.text("role"), working.contains(role) else { return nil }
            return RoundRobin.Candidate(id: id, lastAssigned: row.int("turn"), language: row.text("language"), skills: User.skills(row.text("skills")))
        }
        let language = try await requester.asyncMap { person in
            try await s.query("SELECT language FROM people WHERE id = \(person) AND deleted_at IS NULL").first?.text("language")
        } ?? nil
        guard let chosen = RoundRobin.next(candidates, speaking: language, tags: tags) else { return nil }
        let turn = (try await s.query("SELECT MAX(turn) AS n FROM assignment_rotation WHERE team_id = \(group)").first?.int("n") ?? 0) + 1
        try await s.execute("""
            INSERT INTO assignment_rotation (team_id, user_id, turn) VALUES (\(group), \(chosen), \(turn))
            ON CONFLICT (team_id, user_id) DO UPDATE SET turn = excluded.turn
            """)
        return chosen
    }
}

/// "Away": a user on leave gets no new tickets by rotation; what is theirs stays theirs.
public struct AwayStatus: Sendable {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public func isAway(_ userID: String) async throws -> Bool {
        try await db.read { s in try await !s.query("SELECT user_id FROM user_away WHERE user_id = \(userID)").isEmpty }
    }

    /// Sets the user's own status; each change is audited.
    public func set(_ userID: String, away: Bool, actor: Actor) async throws {
        let now = Timestamp.format(Date())
        try await db.transaction { s in
            let was = try await !s.query("SELECT user_id FROM user_away WHERE user_id = \(userID)").isEmpty
            guard was != away else { return }
            if away {
                try await s.execute("INSERT INTO user_away (user_id, since) VALUES (\(userID), \(now))")
            } else {
                try await s.execute("DELETE FROM user_away WHERE user_id = \(userID)")
            }
            try await AuditLog.append(s, actor: actor, action: "user.away", type: "users", id: userID, changes: .object(JSONObject([("away", .bool(away))])), at: now)
        }
    }
}
